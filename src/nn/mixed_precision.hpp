// Training in bfloat16 mixed precision: convolutions and matrix products run in bf16 (float32
// accumulation), weights, optimizer state and losses stay float32. On CPUs with bf16 instructions
// (AVX512-BF16, AMX) oneDNN runs them about twice as fast as float32 (docs/training.md); elsewhere
// bf16 is emulated and slower, so `auto` picks it only where the CPU has them.
#pragma once
#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <string>

namespace tinge {

// Whether the CPU tinge runs on executes bf16 dot products natively (AVX512-BF16 or AMX-BF16).
bool cpu_has_fast_bf16();

// "auto" | "fp32" | "bf16" -> "fp32" | "bf16" for `device` (auto: bf16 on a CPU that has it; fp32 on
// CUDA, where bf16 is not yet measured). Throws UsageError on anything else.
std::string resolve_precision(const std::string& precision, const c10::Device& device);

// Turns autocast to bf16 on for `device`'s type while alive (when `on`; autocast is per thread), and
// puts back the state it found.
class Bf16Autocast {
 public:
  Bf16Autocast(const c10::Device& device, bool on);
  ~Bf16Autocast();
  Bf16Autocast(const Bf16Autocast&) = delete;
  Bf16Autocast& operator=(const Bf16Autocast&) = delete;

 private:
  c10::DeviceType type_;
  bool on_;
  bool was_on_ = false;
  c10::ScalarType was_dtype_ = c10::ScalarType::BFloat16;
};

}  // namespace tinge
