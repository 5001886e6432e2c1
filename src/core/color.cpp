// sRGB <-> CIE L*a*b* (D65). IEC 61966-2-1 transfer curve, the standard sRGB -> XYZ matrix and the
// CIE 1976 L*a*b* formulas with the exact constants epsilon = 216/24389 and kappa = 24389/27.
// The whole-image paths use a 256-entry LUT (8-bit -> linear), a fast cube root and an interpolated
// LUT for the inverse transfer curve; the 8-bit per-pixel function shares the very same code, so the
// two give identical results.
#include "color.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "error.hpp"
#include "gamut_table.hpp"

namespace tinge {
namespace {

// sRGB (linear) -> XYZ, D65. Its row sums are the reference white used both ways.
constexpr double kM[3][3] = {
    {0.4124564, 0.3575761, 0.1804375}, {0.2126729, 0.7151522, 0.0721750}, {0.0193339, 0.1191920, 0.9503041}};
constexpr double kXn = 0.95047, kYn = 1.0, kZn = 1.08883;
constexpr double kEps = 216.0 / 24389.0;
constexpr double kKappa = 24389.0 / 27.0;

// Everything derived once: the white-normalised forward matrix, its inverse, and the two LUTs.
struct Tables {
  float fwd[3][3];  // linear RGB -> (X/Xn, Y/Yn, Z/Zn)
  float inv[3][3];  // (X, Y, Z) -> linear RGB
  float to_linear[256];
  static constexpr int kInvN = 8192;  // inverse transfer sampled on linear [0, 1]
  float to_srgb255[kInvN + 2];        // 255 * encode(i / kInvN), one guard entry

  Tables() {
    const double white[3] = {kXn, kYn, kZn};
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) fwd[r][c] = float(kM[r][c] / white[r]);
    // Inverse of kM in double precision (adjugate / determinant).
    const auto& m = kM;
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                 m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                 m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) {
        int r1 = (c + 1) % 3, r2 = (c + 2) % 3, c1 = (r + 1) % 3, c2 = (r + 2) % 3;
        inv[r][c] = float((m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det);
      }
    for (int i = 0; i < 256; ++i) to_linear[i] = float(decode(i / 255.0));
    for (int i = 0; i <= kInvN; ++i) to_srgb255[i] = float(255.0 * encode(double(i) / kInvN));
    to_srgb255[kInvN + 1] = to_srgb255[kInvN];
  }

  static double decode(double v) {  // non-linear sRGB -> linear
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  }
  static double encode(double v) {  // linear -> non-linear sRGB (linear segment below 0 as well)
    return v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1.0 / 2.4) - 0.055;
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

// Branch-free select through the bit patterns. Under the default -ftrapping-math GCC will not
// if-convert a plain ternary whose arms do floating-point work, which would stop vectorisation.
inline float select(bool cond, float yes, float no) {
  uint32_t a, b;
  std::memcpy(&a, &yes, 4);
  std::memcpy(&b, &no, 4);
  const uint32_t m = 0u - uint32_t(cond);
  const uint32_t r = (a & m) | (b & ~m);
  float out;
  std::memcpy(&out, &r, 4);
  return out;
}

// Cube root for x > 0: bit-trick initial guess then two Halley steps (relative error ~1e-7).
// Branch-free so that the whole-image loops vectorise.
inline float fast_cbrt(float x) {
  uint32_t i;
  std::memcpy(&i, &x, 4);
  i = i / 3u + 709921077u;
  float y;
  std::memcpy(&y, &i, 4);
  float y3 = y * y * y;
  y = y * (y3 + 2.f * x) / (2.f * y3 + x);
  y3 = y * y * y;
  return y * (y3 + 2.f * x) / (2.f * y3 + x);
}

// The CIE f(t) of the L*a*b* definition, fast variant (both branches computed, then selected).
inline float lab_f(float t) {
  constexpr float eps = float(kEps), kappa = float(kKappa);
  const bool above = __builtin_isgreater(t, eps);  // quiet compare: no FP exception on NaN
  float root = fast_cbrt(select(above, t, eps));
  float lin = (kappa * t + 16.f) / 116.f;
  return select(above, root, lin);
}

// Inverse of f: t = f^3 above the knee, linear below.
inline float lab_finv(float f) {
  constexpr float eps = float(kEps), kappa = float(kKappa);
  float f3 = f * f * f;
  return select(__builtin_isgreater(f3, eps), f3, (116.f * f - 16.f) / kappa);
}

inline void linear_to_lab(const Tables& t, float r, float g, float b, float& L, float& A, float& B) {
  float fx = lab_f(t.fwd[0][0] * r + t.fwd[0][1] * g + t.fwd[0][2] * b);
  float fy = lab_f(t.fwd[1][0] * r + t.fwd[1][1] * g + t.fwd[1][2] * b);
  float fz = lab_f(t.fwd[2][0] * r + t.fwd[2][1] * g + t.fwd[2][2] * b);
  L = 116.f * fy - 16.f;
  A = 500.f * (fx - fy);
  B = 200.f * (fy - fz);
}

inline void lab_to_linear(const Tables& t, float L, float A, float B, float& r, float& g, float& b) {
  float fy = (L + 16.f) / 116.f;
  float fx = fy + A / 500.f;
  float fz = fy - B / 200.f;
  float X = float(kXn) * lab_finv(fx);
  float Y = float(kYn) * lab_finv(fy);
  float Z = float(kZn) * lab_finv(fz);
  r = t.inv[0][0] * X + t.inv[0][1] * Y + t.inv[0][2] * Z;
  g = t.inv[1][0] * X + t.inv[1][1] * Y + t.inv[1][2] * Z;
  b = t.inv[2][0] * X + t.inv[2][1] * Y + t.inv[2][2] * Z;
}

// Linear value -> position in the inverse-transfer LUT, clamped to [0, 1] first (NaN -> 0).
// Quiet comparisons (no FP exception on NaN) let the compiler vectorise the loops.
inline float lut_position(float v) {
  v = select(__builtin_isgreater(v, 0.f), v, 0.f);
  v = select(__builtin_isless(v, 1.f), v, 1.f);
  return v * float(Tables::kInvN);
}

// LUT position -> rounded 8-bit sRGB by linear interpolation.
inline uint8_t lut_srgb8(const Tables& t, float pos) {
  int i = int(pos);
  float frac = pos - float(i);
  float s = t.to_srgb255[i] + frac * (t.to_srgb255[i + 1] - t.to_srgb255[i]);
  return uint8_t(s + 0.5f);
}

void check_same_size(const Plane& p, const Plane& L, const char* what) {
  if (p.width != L.width || p.height != L.height || p.v.size() != L.v.size())
    throw Error(std::string("Lab planes to sRGB: plane ") + what + " is " + std::to_string(p.width) + "x" +
                std::to_string(p.height) + ", L is " + std::to_string(L.width) + "x" +
                std::to_string(L.height));
}

}  // namespace

Lab srgb_to_lab(const Rgb& rgb) {
  const Tables& t = tables();
  float lin[3];
  for (int c = 0; c < 3; ++c) {
    double v = rgb[c];
    // Odd extension of the transfer curve so out-of-range values stay meaningful.
    lin[c] = float(v < 0 ? -Tables::decode(-v) : Tables::decode(v));
  }
  float x = t.fwd[0][0] * lin[0] + t.fwd[0][1] * lin[1] + t.fwd[0][2] * lin[2];
  float y = t.fwd[1][0] * lin[0] + t.fwd[1][1] * lin[1] + t.fwd[1][2] * lin[2];
  float z = t.fwd[2][0] * lin[0] + t.fwd[2][1] * lin[1] + t.fwd[2][2] * lin[2];
  auto f = [](float v) { return v > float(kEps) ? std::cbrt(v) : (float(kKappa) * v + 16.f) / 116.f; };
  float fx = f(x), fy = f(y), fz = f(z);
  return {116.f * fy - 16.f, 500.f * (fx - fy), 200.f * (fy - fz)};
}

Rgb lab_to_srgb(const Lab& lab) {
  float r, g, b;
  lab_to_linear(tables(), lab[0], lab[1], lab[2], r, g, b);
  auto enc = [](float v) { return float(v < 0 ? -Tables::encode(-double(v)) : Tables::encode(double(v))); };
  return {enc(r), enc(g), enc(b)};
}

Lab srgb8_to_lab(uint8_t r, uint8_t g, uint8_t b) {
  const Tables& t = tables();
  Lab out;
  linear_to_lab(t, t.to_linear[r], t.to_linear[g], t.to_linear[b], out[0], out[1], out[2]);
  return out;
}

// The whole-image loops work on chunks: a scalar gather (LUT lookups) into small local arrays,
// then branch-free arithmetic over the chunk that the compiler vectorises.
constexpr int kChunk = 512;
// Below this many pixels (a few ms of work) threads cost more than they save.
constexpr int64_t kParallelMin = int64_t(1) << 18;

LabImage srgb8_to_lab(const Rgb8Image& img) {
  const Tables& t = tables();
  LabImage out;
  out.L = Plane(img.width, img.height);
  out.a = Plane(img.width, img.height);
  out.b = Plane(img.width, img.height);
  const int64_t n = int64_t(out.L.size());
  TINGE_CHECK(img.data.size() >= size_t(n) * 3, "srgb8_to_lab: pixel buffer smaller than width x height");
  const uint8_t* src = img.data.data();
  float* __restrict L = out.L.v.data();
  float* __restrict A = out.a.v.data();
  float* __restrict B = out.b.v.data();
  const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t c = 0; c < chunks; ++c) {
    const int64_t base = c * kChunk;
    const int m = int(std::min<int64_t>(kChunk, n - base));
    float r[kChunk], g[kChunk], b[kChunk];
    const uint8_t* p = src + base * 3;
    for (int i = 0; i < m; ++i) {
      r[i] = t.to_linear[p[3 * i]];
      g[i] = t.to_linear[p[3 * i + 1]];
      b[i] = t.to_linear[p[3 * i + 2]];
    }
    for (int i = 0; i < m; ++i) linear_to_lab(t, r[i], g[i], b[i], L[base + i], A[base + i], B[base + i]);
  }
  return out;
}

Plane srgb8_to_lightness(const Rgb8Image& img) {
  const Tables& t = tables();
  Plane out(img.width, img.height);
  const int64_t n = int64_t(out.size());
  TINGE_CHECK(img.data.size() >= size_t(n) * 3,
              "srgb8_to_lightness: pixel buffer smaller than width x height");
  const uint8_t* src = img.data.data();
  float* __restrict L = out.v.data();
  const float w0 = t.fwd[1][0], w1 = t.fwd[1][1], w2 = t.fwd[1][2];
  const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t c = 0; c < chunks; ++c) {
    const int64_t base = c * kChunk;
    const int m = int(std::min<int64_t>(kChunk, n - base));
    float y[kChunk];
    const uint8_t* p = src + base * 3;
    for (int i = 0; i < m; ++i)
      y[i] = w0 * t.to_linear[p[3 * i]] + w1 * t.to_linear[p[3 * i + 1]] + w2 * t.to_linear[p[3 * i + 2]];
    for (int i = 0; i < m; ++i) L[base + i] = 116.f * lab_f(y[i]) - 16.f;
  }
  return out;
}

namespace {

inline bool linear_in_gamut(float r, float g, float b) {
  const float e = 1e-4f;
  return r >= -e && g >= -e && b >= -e && r <= 1.f + e && g <= 1.f + e && b <= 1.f + e;
}

// An out-of-gamut colour keeps its lightness and hue and loses chroma until it fits (as
// clamp_to_gamut and the editor's shader do), instead of each channel being clipped, which shifts
// the hue and gives colour to L = 0 or L = 100.
void fit_chroma(const Tables& t, float L, float a, float b, float& r, float& g, float& bl) {
  float lo = 0.f, hi = 1.f;
  for (int k = 0; k < 16; ++k) {
    const float mid = 0.5f * (lo + hi);
    float rr, gg, bb;
    lab_to_linear(t, L, a * mid, b * mid, rr, gg, bb);
    (linear_in_gamut(rr, gg, bb) ? lo : hi) = mid;
  }
  lab_to_linear(t, L, a * lo, b * lo, r, g, bl);
}

}  // namespace

bool lab_in_srgb_gamut(const Lab& lab) {
  float r, g, b;
  lab_to_linear(tables(), lab[0], lab[1], lab[2], r, g, b);
  return linear_in_gamut(r, g, b);
}

namespace {

// The whole-image loop of both conversions below: a and b scaled by `saturation`, an out-of-gamut
// colour brought in by fit(L, a, b, r, g, b), which sets its linear RGB.
template <class Fit>
Rgb8Image planes_to_srgb8(const Plane& Lp, const Plane& ap, const Plane& bp, float saturation, Fit fit) {
  check_same_size(ap, Lp, "a");
  check_same_size(bp, Lp, "b");
  const Tables& t = tables();
  Rgb8Image out(Lp.width, Lp.height);
  const int64_t n = int64_t(Lp.size());
  const float* __restrict L = Lp.v.data();
  const float* __restrict A = ap.v.data();
  const float* __restrict B = bp.v.data();
  uint8_t* dst = out.data.data();
  const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t c = 0; c < chunks; ++c) {
    const int64_t base = c * kChunk;
    const int m = int(std::min<int64_t>(kChunk, n - base));
    float a[kChunk], bb[kChunk], r[kChunk], g[kChunk], b[kChunk];
    for (int i = 0; i < m; ++i) {
      a[i] = saturation * A[base + i];
      bb[i] = saturation * B[base + i];
      lab_to_linear(t, L[base + i], a[i], bb[i], r[i], g[i], b[i]);
    }
    for (int i = 0; i < m; ++i) {
      if (!linear_in_gamut(r[i], g[i], b[i])) fit(L[base + i], a[i], bb[i], r[i], g[i], b[i]);
      r[i] = lut_position(r[i]);
      g[i] = lut_position(g[i]);
      b[i] = lut_position(b[i]);
    }
    uint8_t* q = dst + base * 3;
    for (int i = 0; i < m; ++i) {
      q[3 * i] = lut_srgb8(t, r[i]);
      q[3 * i + 1] = lut_srgb8(t, g[i]);
      q[3 * i + 2] = lut_srgb8(t, b[i]);
    }
  }
  return out;
}

}  // namespace

Rgb8Image lab_planes_to_srgb8(const Plane& Lp, const Plane& ap, const Plane& bp) {
  const Tables& t = tables();
  return planes_to_srgb8(Lp, ap, bp, 1.f, [&t](float L, float a, float b, float& r, float& g, float& bl) {
    fit_chroma(t, L, a, b, r, g, bl);
  });
}

Rgb8Image lab_planes_to_srgb8_display(const Plane& Lp, const Plane& ap, const Plane& bp, float saturation,
                                      const GamutTable& table) {
  const Tables& t = tables();
  return planes_to_srgb8(Lp, ap, bp, saturation,
                         [&t, &table](float L, float a, float b, float& r, float& g, float& bl) {
                           table.clamp_chroma_out_of_gamut(L, a, b);
                           lab_to_linear(t, L, a, b, r, g, bl);
                         });
}

// 16-bit samples: a 65536-entry table to linear, and the inverse transfer curve sampled 65536
// times on linear [0, 1] (interpolated, it is within 0.01 of a 16-bit step everywhere).
namespace {

struct Tables16 {
  static constexpr int kN = 65536;
  std::vector<float> to_linear = std::vector<float>(65536);
  std::vector<float> to_srgb65535 = std::vector<float>(kN + 2);
  Tables16() {
    for (int i = 0; i < 65536; ++i) to_linear[size_t(i)] = float(Tables::decode(i / 65535.0));
    for (int i = 0; i <= kN; ++i) to_srgb65535[size_t(i)] = float(65535.0 * Tables::encode(double(i) / kN));
    to_srgb65535[kN + 1] = to_srgb65535[kN];
  }
};

const Tables16& tables16() {
  static const Tables16 t;
  return t;
}

inline uint16_t lut_srgb16(const Tables16& t, float v) {
  v = select(__builtin_isgreater(v, 0.f), v, 0.f);
  v = select(__builtin_isless(v, 1.f), v, 1.f);
  const float pos = v * float(Tables16::kN);
  const int i = int(pos);
  const float frac = pos - float(i);
  const float s =
      t.to_srgb65535[size_t(i)] + frac * (t.to_srgb65535[size_t(i) + 1] - t.to_srgb65535[size_t(i)]);
  return uint16_t(s + 0.5f);
}

}  // namespace

Plane srgb16_to_lightness(const uint16_t* samples, int width, int height, int channels) {
  TINGE_CHECK(channels >= 1 && channels <= 4, "srgb16_to_lightness: channels must be 1..4");
  const Tables& t = tables();
  const float* lin = tables16().to_linear.data();
  Plane out(width, height);
  const int64_t n = int64_t(out.size());
  const float w0 = t.fwd[1][0], w1 = t.fwd[1][1], w2 = t.fwd[1][2];
  const int gs = channels >= 3 ? 1 : 0, bs = channels >= 3 ? 2 : 0;  // offsets of G and B (gray: 0)
  float* __restrict L = out.v.data();
  const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t c = 0; c < chunks; ++c) {
    const int64_t base = c * kChunk;
    const int m = int(std::min<int64_t>(kChunk, n - base));
    float y[kChunk];
    const uint16_t* p = samples + base * channels;
    for (int i = 0; i < m; ++i) {
      const uint16_t* q = p + i * channels;
      y[i] = w0 * lin[q[0]] + w1 * lin[q[gs]] + w2 * lin[q[bs]];
    }
    for (int i = 0; i < m; ++i) L[base + i] = 116.f * lab_f(y[i]) - 16.f;
  }
  return out;
}

std::vector<uint16_t> lab_planes_to_srgb16(const Plane& Lp, const Plane& ap, const Plane& bp) {
  check_same_size(ap, Lp, "a");
  check_same_size(bp, Lp, "b");
  const Tables& t = tables();
  const Tables16& t16 = tables16();
  const int64_t n = int64_t(Lp.size());
  std::vector<uint16_t> out(size_t(n) * 3);
  const float* __restrict L = Lp.v.data();
  const float* __restrict A = ap.v.data();
  const float* __restrict B = bp.v.data();
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; ++i) {
    float r, g, b;
    lab_to_linear(t, L[i], A[i], B[i], r, g, b);
    if (!linear_in_gamut(r, g, b)) fit_chroma(t, L[i], A[i], B[i], r, g, b);
    out[size_t(i) * 3] = lut_srgb16(t16, r);
    out[size_t(i) * 3 + 1] = lut_srgb16(t16, g);
    out[size_t(i) * 3 + 2] = lut_srgb16(t16, b);
  }
  return out;
}

Rgb8Image lab_to_srgb8(const LabImage& img) {
  return lab_planes_to_srgb8(img.L, img.a, img.b);
}

}  // namespace tinge
