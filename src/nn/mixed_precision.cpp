// bf16 autocast for training (see mixed_precision.hpp).
#include "nn/mixed_precision.hpp"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include "core/error.hpp"

namespace tinge {

bool cpu_has_fast_bf16() {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)  // GCC 12 knows both names
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512bf16") || __builtin_cpu_supports("amx-bf16");
#else
  return false;
#endif
}

std::string resolve_precision(const std::string& precision, const c10::Device& device) {
  if (precision == "fp32" || precision == "bf16") return precision;
  if (precision != "auto") throw UsageError("unknown precision '" + precision + "' (auto, fp32, bf16)");
  return device.is_cpu() && cpu_has_fast_bf16() ? "bf16" : "fp32";
}

namespace {

// LibTorch 2.4 made autocast's switches per device type; 1.13 (Debian) has one pair per backend.
void set_autocast(c10::DeviceType type, bool on) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
  if (on) at::autocast::set_autocast_dtype(type, at::kBFloat16);
  at::autocast::set_autocast_enabled(type, on);
#else
  if (type == c10::DeviceType::CPU) {
    if (on) at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::set_cpu_enabled(on);
  } else {
    if (on) at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(on);
  }
#endif
}

}  // namespace

Bf16Autocast::Bf16Autocast(const c10::Device& device, bool on) : type_(device.type()), on_(on) {
  if (on_) set_autocast(type_, true);
}

Bf16Autocast::~Bf16Autocast() {
  if (!on_) return;
  set_autocast(type_, false);
  at::autocast::clear_cache();
}

}  // namespace tinge
