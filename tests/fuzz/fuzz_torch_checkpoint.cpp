// libFuzzer target: tinge::parse_torch_state_dict (src/nn/torch_checkpoint.cpp + torch_pickle.cpp,
// torch-free): the zip container, the legacy stream and the pickle interpreter behind
// `tinge import-weights`, on arbitrary bytes. A tinge::Error (ModelError) is the documented way to
// refuse input; anything else is a finding. Every tensor that came back must have the bytes its
// shape says: we touch them all.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "nn/torch_checkpoint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string buf(reinterpret_cast<const char*>(data), size);
  try {
    tinge::TorchStateDict sd = tinge::parse_torch_state_dict(buf, "fuzz");
    unsigned sum = 0;
    for (const auto& [name, t] : sd.tensors) {
      size_t n = tinge::dtype_size(t.dtype);
      for (auto d : t.shape) n *= size_t(d);
      if (n != t.bytes.size()) __builtin_trap();
      for (char c : t.bytes) sum += uint8_t(c);
    }
    volatile unsigned sink = sum;
    (void)sink;
  } catch (const tinge::Error&) {
  }
  return 0;
}
