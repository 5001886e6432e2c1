// safetensors parsing and writing; validates every offset and shape before anything is used.
#include "nn/safetensors.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "core/file_read.hpp"
#include "core/json_depth.hpp"

namespace tinge {

size_t dtype_size(const std::string& d) {
  if (d == "F32" || d == "I32" || d == "U32") return 4;
  if (d == "F16" || d == "BF16" || d == "I16" || d == "U16") return 2;
  if (d == "F64" || d == "I64" || d == "U64") return 8;
  if (d == "U8" || d == "I8" || d == "BOOL") return 1;
  return 0;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string r;
  for (auto d : shape) r += (r.empty() ? "" : "x") + std::to_string(d);
  return r.empty() ? std::string("scalar") : r;
}

SafetensorsFile parse_safetensors(const std::string& buf, const std::string& name,
                                  const SafetensorsLimits& limits) {
  auto fail = [&](const std::string& what) { throw ModelError("model file " + name + ": " + what); };
  if (buf.size() < 8) fail("truncated (no header)");
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | uint8_t(buf[size_t(i)]);
  if (n > limits.max_header_bytes) fail("header of " + std::to_string(n) + " bytes exceeds the limit");
  if (n > buf.size() - 8) fail("truncated (header of " + std::to_string(n) + " bytes)");
  if (json_nesting_depth(std::string_view(buf).substr(8, size_t(n))) > kMaxJsonDepth)
    fail("header JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  nlohmann::json h;
  try {
    h = nlohmann::json::parse(buf.begin() + 8, buf.begin() + 8 + long(n));
  } catch (const std::exception& e) {
    fail(std::string("header is not valid JSON: ") + e.what());
  }
  if (!h.is_object()) fail("header is not a JSON object");
  SafetensorsFile f;
  f.data = buf.substr(8 + size_t(n));
  for (auto it = h.begin(); it != h.end(); ++it) {
    if (it.key() == "__metadata__") {
      if (!it->is_object()) fail("__metadata__ is not an object");
      for (auto m = it->begin(); m != it->end(); ++m) {
        if (!m->is_string()) fail("metadata '" + m.key() + "' is not a string");
        f.metadata[m.key()] = m->get<std::string>();
      }
      continue;
    }
    const auto& t = *it;
    const std::string tn = "tensor '" + it.key() + "': ";
    if (!t.is_object() || !t.contains("dtype") || !t.contains("shape") || !t.contains("data_offsets"))
      fail(tn + "needs dtype, shape and data_offsets");
    if (!t["dtype"].is_string() || !t["shape"].is_array() || !t["data_offsets"].is_array() ||
        t["data_offsets"].size() != 2)
      fail(tn + "malformed entry");
    TensorRecord r;
    r.dtype = t["dtype"].get<std::string>();
    size_t es = dtype_size(r.dtype);
    if (es == 0) fail(tn + "unknown dtype " + r.dtype);
    uint64_t count = 1;
    for (const auto& d : t["shape"]) {
      if (!d.is_number_unsigned() && !(d.is_number_integer() && d.get<int64_t>() >= 0))
        fail(tn + "bad shape");
      uint64_t v = d.get<uint64_t>();
      if (v > (uint64_t(1) << 40) || (v && count > (uint64_t(1) << 40) / v)) fail(tn + "shape too large");
      count *= v;
      r.shape.push_back(int64_t(v));
    }
    for (const auto& o : t["data_offsets"])
      if (!o.is_number_unsigned() && !(o.is_number_integer() && o.get<int64_t>() >= 0))
        fail(tn + "bad data_offsets");
    r.begin = t["data_offsets"][0].get<uint64_t>();
    r.end = t["data_offsets"][1].get<uint64_t>();
    if (r.end < r.begin || r.end > f.data.size())
      fail(tn + "data_offsets [" + std::to_string(r.begin) + ", " + std::to_string(r.end) + "] outside the " +
           std::to_string(f.data.size()) + "-byte data section (truncated file?)");
    if (r.end - r.begin != count * es)
      fail(tn + "size " + std::to_string(r.end - r.begin) + " bytes does not match its shape");
    f.tensors[it.key()] = std::move(r);
  }
  return f;
}

SafetensorsFile read_safetensors(const std::string& path, const SafetensorsLimits& limits) {
  std::string buf;
  try {
    buf = read_regular_file(path, limits.max_file_bytes);
  } catch (const FileReadError& e) {
    throw ModelError("cannot read model file " + path + ": " + e.what());
  }
  return parse_safetensors(buf, path, limits);
}

std::string write_safetensors(const std::map<std::string, TensorBlob>& tensors,
                              const std::map<std::string, std::string>& metadata) {
  nlohmann::json h = nlohmann::json::object();
  if (!metadata.empty()) h["__metadata__"] = metadata;
  size_t off = 0;
  for (const auto& [name, t] : tensors) {
    h[name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {off, off + t.bytes.size()}}};
    off += t.bytes.size();
  }
  std::string header = h.dump();
  while ((header.size() + 8) % 8) header += ' ';  // align the data section
  std::string out(8, '\0');
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i) out[size_t(i)] = char((n >> (8 * i)) & 0xff);
  out += header;
  out.reserve(out.size() + off);
  for (const auto& [name, t] : tensors) out += t.bytes;
  return out;
}

}  // namespace tinge
