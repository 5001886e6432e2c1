// bf16 autocast for training (see mixed_precision.hpp).
#include "nn/mixed_precision.hpp"

#include <ATen/autocast_mode.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif
#include <torch/version.h>

#include "core/error.hpp"

namespace tinge {

bool cpu_has_fast_bf16() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  // CPUID leaf 7: AMX-BF16 is EDX bit 22 of sub-leaf 0, AVX512-BF16 EAX bit 5 of sub-leaf 1; either
  // needs the OS to save AVX-512 state (XCR0 bits 5-7) for oneDNN to use it.
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  const bool amx_bf16 = (d >> 22) & 1u;
  const unsigned max_sub = a;
  bool avx512_bf16 = false;
  if (max_sub >= 1 && __get_cpuid_count(7, 1, &a, &b, &c, &d)) avx512_bf16 = (a >> 5) & 1u;
  if (!amx_bf16 && !avx512_bf16) return false;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !((c >> 27) & 1u)) return false;  // OSXSAVE
  unsigned lo = 0, hi = 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (lo & 0xE0u) == 0xE0u;
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
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool autocast_on(c10::DeviceType type) {
  return at::autocast::is_autocast_enabled(type);
}
at::ScalarType autocast_dtype(c10::DeviceType type) {
  return at::autocast::get_autocast_dtype(type);
}
void set_autocast(c10::DeviceType type, bool on, at::ScalarType dtype) {
  at::autocast::set_autocast_dtype(type, dtype);
  at::autocast::set_autocast_enabled(type, on);
}
#else
bool autocast_on(c10::DeviceType type) {
  return type == c10::DeviceType::CPU ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled();
}
at::ScalarType autocast_dtype(c10::DeviceType type) {
  return type == c10::DeviceType::CPU ? at::autocast::get_autocast_cpu_dtype()
                                      : at::autocast::get_autocast_gpu_dtype();
}
void set_autocast(c10::DeviceType type, bool on, at::ScalarType dtype) {
  if (type == c10::DeviceType::CPU) {
    at::autocast::set_autocast_cpu_dtype(dtype);
    at::autocast::set_cpu_enabled(on);
  } else {
    at::autocast::set_autocast_gpu_dtype(dtype);
    at::autocast::set_enabled(on);
  }
}
#endif

}  // namespace

Bf16Autocast::Bf16Autocast(const c10::Device& device, bool on) : type_(device.type()), on_(on) {
  if (!on_) return;
  was_on_ = autocast_on(type_);
  was_dtype_ = autocast_dtype(type_);
  set_autocast(type_, true, at::kBFloat16);
}

Bf16Autocast::~Bf16Autocast() {
  if (!on_) return;
  set_autocast(type_, was_on_, was_dtype_);  // as it was (guards may nest)
  if (!was_on_) at::autocast::clear_cache();
}

}  // namespace tinge
