// tinge_compare_models: compares the tensors of two safetensors files (model files, checkpoints),
// for the data-parallel training tests.
//
//   tinge_compare_models A B [--tol X]   exit 0 when both hold the same tensors (names, dtypes,
//                                        shapes), float32 ones within X (absolute, default 0) and the
//                                        others byte for byte; 1 otherwise; 2 on an unreadable file.
// Prints "N tensors, max |a - b| D (in NAME), K differ in bytes".
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "nn/safetensors.hpp"

int main(int argc, char** argv) {
  if (argc != 3 && !(argc == 5 && std::strcmp(argv[3], "--tol") == 0)) {
    std::fprintf(stderr, "usage: tinge_compare_models A B [--tol X]\n");
    return 2;
  }
  const double tol = argc == 5 ? std::strtod(argv[4], nullptr) : 0.0;
  try {
    const tinge::SafetensorsFile a = tinge::read_safetensors(argv[1]), b = tinge::read_safetensors(argv[2]);
    bool same = a.tensors.size() == b.tensors.size();
    double worst = 0;
    std::string worst_name;
    int differ = 0;
    for (const auto& [name, ra] : a.tensors) {
      const auto it = b.tensors.find(name);
      if (it == b.tensors.end() || it->second.dtype != ra.dtype || it->second.shape != ra.shape) {
        std::printf("%s: only in %s, or of another dtype or shape\n", name.c_str(), argv[1]);
        same = false;
        continue;
      }
      const tinge::TensorRecord& rb = it->second;
      const size_t n = ra.end - ra.begin;
      if (std::memcmp(a.bytes(ra), b.bytes(rb), n) != 0) ++differ;
      if (ra.dtype != "F32") {
        if (std::memcmp(a.bytes(ra), b.bytes(rb), n) != 0) same = false;
        continue;
      }
      for (size_t i = 0; i < n / 4; ++i) {
        float x, y;
        std::memcpy(&x, a.bytes(ra) + 4 * i, 4);
        std::memcpy(&y, b.bytes(rb) + 4 * i, 4);
        const double d = std::fabs(double(x) - double(y));
        if (!(d <= worst)) {  // NaN counts as worst
          worst = std::isnan(d) ? INFINITY : d;
          worst_name = name;
        }
      }
    }
    std::printf("%zu tensors, max |a - b| %.3g%s, %d differ in bytes\n", a.tensors.size(), worst,
                worst_name.empty() ? "" : (" (in " + worst_name + ")").c_str(), differ);
    return same && worst <= tol ? 0 : 1;
  } catch (const tinge::Error& e) {
    std::fprintf(stderr, "tinge_compare_models: %s\n", e.what());
    return 2;
  }
}
