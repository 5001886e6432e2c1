// libFuzzer target: tinge::parse_safetensors (src/nn/safetensors.cpp, torch-free) on arbitrary bytes.
// A tinge::Error (ModelError) is the documented way to refuse input; anything else is a finding.
// Every tensor of a file that parsed must lie inside the data section: we touch its bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "nn/safetensors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string buf(reinterpret_cast<const char*>(data), size);
  tinge::SafetensorsLimits limits;
  limits.max_header_bytes = 1u << 20;
  try {
    tinge::SafetensorsFile f = tinge::parse_safetensors(buf, "fuzz", limits);
    unsigned sum = 0;
    for (const auto& [name, r] : f.tensors) {
      const char* p = f.bytes(r);
      for (size_t i = 0; i < r.end - r.begin; ++i) sum += uint8_t(p[i]);
    }
    volatile unsigned sink = sum;
    (void)sink;
  } catch (const tinge::Error&) {
  }
  return 0;
}
