// A small reader/writer for the safetensors format (no torch): an 8-byte little-endian header size,
// a JSON header {"name": {"dtype", "shape", "data_offsets"}, "__metadata__": {str: str}}, then raw
// little-endian tensor bytes. Model files are safetensors so they load in any LibTorch version.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tinge {

struct TensorRecord {
  std::string dtype;  // "F32", "F16", "I64", ...
  std::vector<int64_t> shape;
  size_t begin = 0, end = 0;  // byte offsets into the data section
};

struct SafetensorsFile {
  std::map<std::string, std::string> metadata;
  std::map<std::string, TensorRecord> tensors;
  std::string data;  // the data section

  const char* bytes(const TensorRecord& r) const { return data.data() + r.begin; }
};

struct SafetensorsLimits {
  size_t max_header_bytes = 16u << 20;
  size_t max_file_bytes = size_t(2) << 30;
};

// Throws ModelError naming the problem (and the tensor at fault) for a malformed buffer.
SafetensorsFile parse_safetensors(const std::string& buffer, const std::string& name,
                                  const SafetensorsLimits& limits = {});
SafetensorsFile read_safetensors(const std::string& path, const SafetensorsLimits& limits = {});

size_t dtype_size(const std::string& dtype);  // 0 for unknown dtypes
// "64x4x3x3" ("scalar" for no dimensions), for messages about shapes.
std::string shape_text(const std::vector<int64_t>& shape);

// Serialises tensors (name -> dtype, shape, bytes) and metadata.
struct TensorBlob {
  std::string dtype;
  std::vector<int64_t> shape;
  std::string bytes;
};
std::string write_safetensors(const std::map<std::string, TensorBlob>& tensors,
                              const std::map<std::string, std::string>& metadata);

}  // namespace tinge
