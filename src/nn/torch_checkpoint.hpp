// Reads PyTorch state dicts saved with `torch.save` (no torch, no Python): the zip format of
// PyTorch >= 1.6 (stored entries, zip64 allowed) and the older "legacy" format (a stream of pickles
// followed by raw storages). Tensors come back contiguous, floating-point ones as F32.
// Used by `tinge import-weights`; anything that is not a plain state dict is refused by name.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "nn/safetensors.hpp"

namespace tinge {

struct TorchStateDict {
  std::map<std::string, TensorBlob> tensors;  // F32 for floating point, the stored integer type otherwise
  std::string format;                         // "zip" or "legacy"
};

// Throws ModelError ("checkpoint NAME: ...") for anything malformed, truncated or unsupported.
TorchStateDict parse_torch_state_dict(const std::string& bytes, const std::string& name);
TorchStateDict read_torch_state_dict(const std::string& path);

// CRC-32 as used by zip (for checking archive entries; also used by tests that write archives).
uint32_t zip_crc32(const char* data, size_t n, uint32_t crc = 0);

}  // namespace tinge
