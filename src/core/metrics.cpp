// Quality measures for `tinge eval`: PSNR of 8-bit sRGB images and Hasler-Suesstrunk colourfulness.
#include "metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "error.hpp"

namespace tinge {

double psnr(const Rgb8Image& result, const Rgb8Image& reference) {
  if (result.width != reference.width || result.height != reference.height)
    throw Error("psnr: size mismatch (" + std::to_string(result.width) + "x" + std::to_string(result.height) +
                " vs " + std::to_string(reference.width) + "x" + std::to_string(reference.height) + ")");
  const size_t n = result.data.size();
  if (n == 0 || reference.data.size() != n) throw Error("psnr: empty or malformed image");
  uint64_t sse = 0;  // exact: at most 65025 per byte
  const uint8_t* r = result.data.data();
  const uint8_t* f = reference.data.data();
  for (size_t i = 0; i < n; ++i) {
    const int d = int(r[i]) - int(f[i]);
    sse += uint64_t(d * d);
  }
  if (sse == 0) return std::numeric_limits<double>::infinity();
  const double mse = double(sse) / double(n);
  return 10.0 * std::log10(255.0 * 255.0 / mse);
}

double colorfulness(const Rgb8Image& img) {
  const size_t n = size_t(img.width) * size_t(img.height);
  if (n == 0 || img.data.size() != n * 3) return 0.0;
  // Sums in double; with 8-bit inputs the one-pass variance is exact enough for any image size.
  double s_rg = 0, s_yb = 0, q_rg = 0, q_yb = 0;
  for (size_t i = 0; i < n; ++i) {
    const double r = img.data[3 * i], g = img.data[3 * i + 1], b = img.data[3 * i + 2];
    const double rg = r - g, yb = 0.5 * (r + g) - b;
    s_rg += rg;
    s_yb += yb;
    q_rg += rg * rg;
    q_yb += yb * yb;
  }
  const double mu_rg = s_rg / n, mu_yb = s_yb / n;
  const double var_rg = std::max(0.0, q_rg / n - mu_rg * mu_rg);
  const double var_yb = std::max(0.0, q_yb / n - mu_yb * mu_yb);
  return std::sqrt(var_rg + var_yb) + 0.3 * std::sqrt(mu_rg * mu_rg + mu_yb * mu_yb);
}

}  // namespace tinge
