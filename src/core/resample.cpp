// Resizing planes (area average, bilinear) and joint bilateral upsampling of chroma guided by
// full-resolution lightness (Kopf et al. 2007).
#include "resample.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "error.hpp"

namespace tinge {
namespace {

// Per-destination-index lists of (source index, weight), stored flat: taps of dst i are
// [offset[i], offset[i + 1]).
struct AxisTaps {
  std::vector<int> offset;
  std::vector<int> index;
  std::vector<float> weight;
};

// Bilinear taps with pixel centres aligned: x_src = (x + 0.5) * n_src / n_dst - 0.5, clamped.
AxisTaps bilinear_taps(int n_src, int n_dst) {
  AxisTaps t;
  t.offset.reserve(size_t(n_dst) + 1);
  t.offset.push_back(0);
  const double scale = double(n_src) / double(n_dst);
  for (int i = 0; i < n_dst; ++i) {
    double xs = (i + 0.5) * scale - 0.5;
    xs = std::clamp(xs, 0.0, double(n_src - 1));
    int x0 = std::min(int(std::floor(xs)), n_src - 1);
    int x1 = std::min(x0 + 1, n_src - 1);
    double f = xs - x0;
    t.index.push_back(x0);
    t.weight.push_back(float(1.0 - f));
    if (x1 != x0 && f > 0) {
      t.index.push_back(x1);
      t.weight.push_back(float(f));
    }
    t.offset.push_back(int(t.index.size()));
  }
  return t;
}

// Exact box-average taps when shrinking: dst pixel i covers [i, i + 1) * n_src / n_dst in source
// pixels; each source pixel contributes its overlap, normalised by the box width.
AxisTaps area_taps(int n_src, int n_dst) {
  if (n_dst > n_src) return bilinear_taps(n_src, n_dst);
  AxisTaps t;
  t.offset.reserve(size_t(n_dst) + 1);
  t.offset.push_back(0);
  const double scale = double(n_src) / double(n_dst);
  for (int i = 0; i < n_dst; ++i) {
    double lo = i * scale, hi = (i + 1) * scale;
    int s0 = int(std::floor(lo));
    int s1 = std::min(int(std::ceil(hi)), n_src);
    for (int s = s0; s < s1; ++s) {
      double overlap = std::min(hi, double(s + 1)) - std::max(lo, double(s));
      if (overlap <= 1e-12) continue;
      t.index.push_back(s);
      t.weight.push_back(float(overlap / scale));
    }
    t.offset.push_back(int(t.index.size()));
  }
  return t;
}

// Applies horizontal then vertical taps.
Plane apply_separable(const Plane& src, int w, int h, const AxisTaps& tx, const AxisTaps& ty) {
  const int sw = src.width, sh = src.height;
  std::vector<float> tmp(size_t(w) * size_t(sh));
#pragma omp parallel for schedule(static) if (int64_t(w) * sh > (1 << 16))
  for (int y = 0; y < sh; ++y) {
    const float* in = &src.v[size_t(y) * sw];
    float* out = &tmp[size_t(y) * w];
    for (int x = 0; x < w; ++x) {
      float acc = 0.f;
      for (int k = tx.offset[x]; k < tx.offset[x + 1]; ++k) acc += tx.weight[k] * in[tx.index[k]];
      out[x] = acc;
    }
  }
  Plane dst(w, h);
#pragma omp parallel for schedule(static) if (int64_t(w) * h > (1 << 16))
  for (int y = 0; y < h; ++y) {
    float* out = &dst.v[size_t(y) * w];
    for (int k = ty.offset[y]; k < ty.offset[y + 1]; ++k) {
      const float wk = ty.weight[k];
      const float* in = &tmp[size_t(ty.index[k]) * w];
      for (int x = 0; x < w; ++x) out[x] += wk * in[x];
    }
  }
  return dst;
}

void check_resize_args(const Plane& src, int w, int h, const char* what) {
  if (src.width <= 0 || src.height <= 0 || src.size() != size_t(src.width) * size_t(src.height))
    throw Error(std::string(what) + ": source plane is empty or malformed");
  if (w <= 0 || h <= 0)
    throw Error(std::string(what) + ": target size " + std::to_string(w) + "x" + std::to_string(h) +
                " is not positive");
}

// Joint bilateral upsampling constants: spatial sigma in low-res pixels, range sigma in L units.
constexpr float kSpatialSigma = 1.0f;
constexpr float kRangeSigma = 8.0f;
constexpr float kMaxExponent = 80.f;  // range exponents are clamped here (e^-80 ~ 2e-35)
constexpr float kMinWeight = 1e-5f;   // below this total weight, fall back to bilinear

// Eight floats processed together (GCC/Clang vector extension: one AVX register where the CPU
// has it, two SSE/NEON registers otherwise). In jbu_row, lane l of half h holds the sample at
// column l % 4, row 2 * h + l / 4 of the 4 x 4 low-res neighbourhood.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"  // v8f helpers are internal and inlined: no ABI exposed
#endif
using v8f = float __attribute__((vector_size(32)));
using v8i = int32_t __attribute__((vector_size(32)));

inline v8f splat(float f) {
  return v8f{f, f, f, f, f, f, f, f};
}
inline float hsum(v8f v) {
  return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
}

// e^-t for t >= 0 (t clamped to kMaxExponent): 2^-n times a degree-5 polynomial of the
// remainder; relative error ~1e-6, far below what the weights need.
inline v8f exp_neg(v8f t) {
  const v8i big = t > splat(kMaxExponent);
  t = (v8f)(((v8i)t & ~big) | ((v8i)splat(kMaxExponent) & big));
  const float magic = 12582912.f;  // 1.5 * 2^23: adding it rounds to an integer
  const v8f f = t * 1.44269504f + magic;
  const v8i n = (v8i)f - (v8i)splat(magic);
  const v8f r = (f - magic) * 0.693147181f - t;  // in [-0.35, 0.35]
  v8f p = splat(1.f / 120.f);
  p = p * r + 1.f / 24.f;
  p = p * r + 1.f / 6.f;
  p = p * r + 0.5f;
  p = p * r + 1.f;
  p = p * r + 1.f;
  const v8i e = (127 - n) << 23;  // 2^-n as float bits
  return p * (v8f)e;
}

// On x86-64 Linux with GCC, the row kernel is also compiled for AVX2 + FMA and picked at load
// time; elsewhere it is compiled once for the baseline target.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define TINGE_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define TINGE_SIMD_CLONES
#endif

// Per output index along one axis: the first of the 4 low-res indices around it (taps are
// clamped to the image), spatial Gaussian weights, bilinear weights, and the end of the run of
// outputs that share the same taps.
struct JbuAxis {
  std::vector<std::array<int, 4>> idx;
  std::vector<std::array<float, 4>> spatial, bilinear;
  std::vector<int> run_end;
};

JbuAxis jbu_axis(int n_low, int n_full) {
  JbuAxis ax;
  ax.idx.resize(size_t(n_full));
  ax.spatial.resize(size_t(n_full));
  ax.bilinear.resize(size_t(n_full));
  ax.run_end.resize(size_t(n_full));
  const double scale = double(n_low) / double(n_full);
  const double inv2s2 = 1.0 / (2.0 * kSpatialSigma * kSpatialSigma);
  for (int i = 0; i < n_full; ++i) {
    const double p = (i + 0.5) * scale - 0.5;
    const int base = int(std::floor(p));
    const double pc = std::clamp(p, 0.0, double(n_low - 1));
    for (int k = 0; k < 4; ++k) {
      const int q = base - 1 + k;
      const int qc = std::clamp(q, 0, n_low - 1);
      ax.idx[i][k] = qc;
      const double d = p - q;  // clamped taps keep their own distance (border repeats)
      ax.spatial[i][k] = float(std::exp(-d * d * inv2s2));
      ax.bilinear[i][k] = q == qc ? float(std::max(0.0, 1.0 - std::abs(pc - q))) : 0.f;
    }
  }
  for (int i = n_full - 1; i >= 0; --i)
    ax.run_end[i] = (i + 1 < n_full && ax.idx[i + 1] == ax.idx[i]) ? ax.run_end[i + 1] : i + 1;
  return ax;
}

// One output row of joint bilateral upsampling.
TINGE_SIMD_CLONES
void jbu_row(int y, const JbuAxis& ax, const JbuAxis& ay, const Plane& L_low, const Plane& a_low,
             const Plane& b_low, const Plane& L_full, Plane& a_full, Plane& b_full) {
  const int lw = L_low.width, W = L_full.width;
  const float range_scale = 1.f / (2.f * kRangeSigma * kRangeSigma);
  const float* Lrow[4];
  const float* arow[4];
  const float* brow[4];
  for (int j = 0; j < 4; ++j) {
    const size_t off = size_t(ay.idx[y][j]) * size_t(lw);
    Lrow[j] = &L_low.v[off];
    arow[j] = &a_low.v[off];
    brow[j] = &b_low.v[off];
  }
  const auto& sy = ay.spatial[y];
  const auto& by = ay.bilinear[y];
  const v8f wy[2] = {{sy[0], sy[0], sy[0], sy[0], sy[1], sy[1], sy[1], sy[1]},
                     {sy[2], sy[2], sy[2], sy[2], sy[3], sy[3], sy[3], sy[3]}};
  const v8f bly[2] = {{by[0], by[0], by[0], by[0], by[1], by[1], by[1], by[1]},
                      {by[2], by[2], by[2], by[2], by[3], by[3], by[3], by[3]}};
  const float* Lf = &L_full.v[size_t(y) * W];
  float* ao = &a_full.v[size_t(y) * W];
  float* bo = &b_full.v[size_t(y) * W];
  for (int x = 0; x < W;) {
    const auto& ix = ax.idx[x];
    v8f Lq[2], aq[2], bq[2];  // the 4 x 4 low-res samples
    for (int h = 0; h < 2; ++h)
      for (int l = 0; l < 8; ++l) {
        const int j = 2 * h + l / 4, q = ix[l % 4];
        Lq[h][l] = Lrow[j][q];
        aq[h][l] = arow[j][q];
        bq[h][l] = brow[j][q];
      }
    const int end = ax.run_end[x];
    for (; x < end; ++x) {
      const auto& sx = ax.spatial[x];
      const v8f wx = {sx[0], sx[1], sx[2], sx[3], sx[0], sx[1], sx[2], sx[3]};
      const v8f lp = splat(Lf[x]);
      v8f sw = splat(0.f), sa = sw, sb = sw;
      for (int h = 0; h < 2; ++h) {
        const v8f d = lp - Lq[h];
        const v8f w = wx * wy[h] * exp_neg(d * d * range_scale);
        sw += w;
        sa += w * aq[h];
        sb += w * bq[h];
      }
      float tw = hsum(sw);
      if (tw < kMinWeight) {  // no low-res neighbour resembles this pixel: bilinear
        const auto& bx = ax.bilinear[x];
        const v8f blx = {bx[0], bx[1], bx[2], bx[3], bx[0], bx[1], bx[2], bx[3]};
        sw = sa = sb = splat(0.f);
        for (int h = 0; h < 2; ++h) {
          const v8f w = blx * bly[h];
          sw += w;
          sa += w * aq[h];
          sb += w * bq[h];
        }
        tw = hsum(sw);
      }
      ao[x] = hsum(sa) / tw;
      bo[x] = hsum(sb) / tw;
    }
  }
}

}  // namespace

Plane resize_area(const Plane& src, int w, int h) {
  check_resize_args(src, w, h, "resize_area");
  if (w == src.width && h == src.height) return src;
  return apply_separable(src, w, h, area_taps(src.width, w), area_taps(src.height, h));
}

Plane resize_bilinear(const Plane& src, int w, int h) {
  check_resize_args(src, w, h, "resize_bilinear");
  if (w == src.width && h == src.height) return src;
  return apply_separable(src, w, h, bilinear_taps(src.width, w), bilinear_taps(src.height, h));
}

void working_size(int w, int h, int short_side, int& out_w, int& out_h) {
  if (w <= 0 || h <= 0)
    throw Error("working_size: image size " + std::to_string(w) + "x" + std::to_string(h) +
                " is not positive");
  out_w = w;
  out_h = h;
  if (short_side <= 0) return;
  const int s = std::min(w, h);
  if (s > short_side) {
    const double scale = double(short_side) / double(s);
    if (w <= h) {
      out_w = short_side;
      out_h = std::max(1, int(std::lround(h * scale)));
    } else {
      out_h = short_side;
      out_w = std::max(1, int(std::lround(w * scale)));
    }
  }
  // Long strips: at most kWorkingAreaFactor x short_side^2 pixels, or a 16000 x 127 strip would be
  // solved at full size (seconds and gigabytes for Levin) while its short side needs no shrinking.
  const double max_area = kWorkingAreaFactor * double(short_side) * double(short_side);
  const double area = double(out_w) * double(out_h);
  if (area > max_area) {
    const double f = std::sqrt(max_area / area);
    out_w = std::max(1, int(std::floor(out_w * f)));
    out_h = std::max(1, int(std::floor(out_h * f)));
  }
}

void guided_upsample_ab(const Plane& L_low, const Plane& a_low, const Plane& b_low, const Plane& L_full,
                        Plane& a_full, Plane& b_full) {
  const int lw = L_low.width, lh = L_low.height;
  const int W = L_full.width, H = L_full.height;
  if (lw <= 0 || lh <= 0 || L_low.size() != size_t(lw) * size_t(lh))
    throw Error("guided_upsample_ab: low-resolution L plane is empty or malformed");
  if (W <= 0 || H <= 0 || L_full.size() != size_t(W) * size_t(H))
    throw Error("guided_upsample_ab: full-resolution L plane is empty or malformed");
  if (a_low.width != lw || a_low.height != lh || b_low.width != lw || b_low.height != lh ||
      a_low.size() != L_low.size() || b_low.size() != L_low.size())
    throw Error("guided_upsample_ab: a/b planes are not the size of the low-resolution L (" +
                std::to_string(lw) + "x" + std::to_string(lh) + ")");
  if (W == lw && H == lh) {
    a_full = a_low;
    b_full = b_low;
    return;
  }
  if (W <= lw && H <= lh) {  // nothing to guide when shrinking: plain area average
    a_full = resize_area(a_low, W, H);
    b_full = resize_area(b_low, W, H);
    return;
  }

  const JbuAxis ax = jbu_axis(lw, W), ay = jbu_axis(lh, H);
  a_full = Plane(W, H);
  b_full = Plane(W, H);
#pragma omp parallel for schedule(dynamic, 16) if (int64_t(W) * H > (1 << 16))
  for (int y = 0; y < H; ++y) jbu_row(y, ax, ay, L_low, a_low, b_low, L_full, a_full, b_full);
}

}  // namespace tinge
