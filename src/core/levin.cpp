// Levin, Lischinski & Weiss 2004 colourisation by optimisation: propagates hinted ab over L.
//
// Design note
// -----------
// System: for every unhinted pixel r, U(r) - sum_s w_rs U(s) = 0 over its 3x3 window, with
//   w_rs = exp(-(Y(r) - Y(s))^2 / c_r) normalised to sum 1, Y = L / 100, and c_r following the
//   reference MATLAB code (getColorExactly.m): c_r = 0.6 * var(window), raised so the closest
//   neighbour keeps weight >= 0.01 of its unnormalised maximum, and at least 2e-6. Hinted pixels
//   (mask > 0.5) have the row U(r) = hint. One matrix, two right-hand sides (a and b).
//
// Solver: the matrix is unsymmetric (c_r differs per row) but an M-matrix, so it is solved
// directly with Eigen's supernodal SparseLU in symmetric mode (diagonal pivots preferred) on a
// geometric nested-dissection ordering of the pixel grid (separator lines, leaves of <= 16
// pixels), applied while assembling so Eigen's own ordering is skipped. The factorisation is
// done in float and the solution refined twice against the double matrix (17% faster than a
// double LU, same result to ~4e-6 ab units).
// Measured at 341 x 256 (87k unknowns, 10 hints), one thread, CPU seconds on a 2-core x86-64
// machine under other load (wall time 2-3x higher):
//   SparseLU + COLAMD (Eigen default)      2.0 - 2.2 s
//   SparseLU + AMD, symmetric mode         75 s (fill explodes)
//   SparseLU + nested dissection, double   0.52 - 0.67 s, exact to 1e-11
//   same, float LU + 2 refinement steps    0.44 - 0.55 s   <- used
//   BiCGSTAB + IncompleteLUT               1.9 - 4.5 s, 20 - 120 iterations, error up to 0.08 ab
//   BiCGSTAB, no preconditioner            13 - 17 s, 900 - 2500 iterations
//   normal equations A^T A: LDLT 4 - 22 s (5x5 stencil fills); CG + IC did not converge
// On an idle Xeon pinned to 2 cores: levin_colorize at 341 x 256 takes 0.35 - 0.55 s with the
// double LU; the full 12 MP pipeline (4000 x 3000 L: area downscale, hint rasterising, this solve
// at 341 x 256, joint bilateral upsampling) takes 0.68 s, of which the upsampling is 0.21 s
// (`tinge bench`, row "12 MP colorize"). On a loaded 2-core machine: 1.0 - 1.5 s and 2.2 - 2.5 s wall.
// BiCGSTAB + ILUT stays available (LevinOptions::solver) as a cross-check in the tests.
// Small grids (the coarse solves of model+levin and of the network's Levin input, 85 x 64; the
// levin method's 171 x 128) spend most of that LU's time in its supernodal set-up, so up to
// LevinOptions::no_pivot_max_unknowns a plain up-looking LU without pivoting
// (core/sparse_ldu.hpp; safe for an M-matrix, every pivot checked, the supernodal LU taking over
// should one not be positive) in double precision, no refinement needed. levin_colorize, one
// thread, idle 2-core Xeon, best of 30-200: 85 x 64 6.1 ms against 11.0; 171 x 128 44 against
// 55; 200 x 150 72 against 80; 240 x 180 126 against 121; 341 x 256 345 against 279.
//
// Known limitation (of the method, not the solver): for a step edge the cross-edge weight is
// e^-7.5 whatever the contrast (3 of 9 window pixels across the edge), so with one point hint
// per region about 10% of the other region's colour leaks in at 341 x 256; scribbles (strokes
// of hints) bring it under 5 Delta E. See tests/unit/test_pipeline.cpp.
#include "levin.hpp"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "error.hpp"
#include "sparse_ldu.hpp"

namespace tinge {
namespace {

using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

constexpr int kLeaf = 16;            // nested-dissection leaf size (pixels)
constexpr int kRefinementSteps = 2;  // iterative refinement after the float LU solve

// Geometric nested dissection of the w x h grid for a 3x3 stencil: order both halves, then the
// separating line. Returns order[k] = pixel index eliminated k-th.
void dissect(int W, int x0, int y0, int x1, int y1, std::vector<int>& order) {
  // Iterative with an explicit stack of (rect, separator-pending) to avoid deep recursion.
  struct Item {
    int x0, y0, x1, y1;
    bool emit_sep;  // true: emit this rect's separator line (children already done)
    int sep;
  };
  std::vector<Item> stack{{x0, y0, x1, y1, false, 0}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    const int w = it.x1 - it.x0, h = it.y1 - it.y0;
    if (w <= 0 || h <= 0) continue;
    if (it.emit_sep) {
      if (w >= h) {  // vertical line at x = sep (the rect is the parent rect)
        for (int y = it.y0; y < it.y1; ++y) order.push_back(y * W + it.sep);
      } else {
        for (int x = it.x0; x < it.x1; ++x) order.push_back(it.sep * W + x);
      }
      continue;
    }
    if (w * h <= kLeaf) {
      for (int y = it.y0; y < it.y1; ++y)
        for (int x = it.x0; x < it.x1; ++x) order.push_back(y * W + x);
      continue;
    }
    // Push in reverse: separator last (emitted after both halves), then second half, first half.
    if (w >= h) {
      const int m = it.x0 + w / 2;
      stack.push_back({it.x0, it.y0, it.x1, it.y1, true, m});
      stack.push_back({m + 1, it.y0, it.x1, it.y1, false, 0});
      stack.push_back({it.x0, it.y0, m, it.y1, false, 0});
    } else {
      const int m = it.y0 + h / 2;
      stack.push_back({it.x0, it.y0, it.x1, it.y1, true, m});
      stack.push_back({it.x0, m + 1, it.x1, it.y1, false, 0});
      stack.push_back({it.x0, it.y0, it.x1, m, false, 0});
    }
  }
}

// Neighbour weights of every pixel: wts[r * 9 + k], k = (dy + 1) * 3 + (dx + 1); zero for the
// centre, out-of-image neighbours and hinted pixels (their row is the identity).
std::vector<double> neighbour_weights(const Plane& L, const std::vector<char>& hinted) {
  const int W = L.width, H = L.height, n = W * H;
  std::vector<double> wts(size_t(n) * 9, 0.0);
#pragma omp parallel for schedule(static) if (n > (1 << 14))
  for (int y = 0; y < H; ++y) {
    for (int x = 0; x < W; ++x) {
      const size_t r = size_t(y) * W + x;
      if (hinted[r]) continue;
      const double c = L.v[r] / 100.0;
      std::array<double, 9> g{};
      std::array<int, 9> ks{};
      int t = 0;
      double sum = c;
      for (int dy = -1; dy <= 1; ++dy) {
        const int yy = y + dy;
        if (yy < 0 || yy >= H) continue;
        for (int dx = -1; dx <= 1; ++dx) {
          const int xx = x + dx;
          if ((dx == 0 && dy == 0) || xx < 0 || xx >= W) continue;
          g[t] = L.v[size_t(yy) * W + xx] / 100.0;
          ks[t] = (dy + 1) * 3 + (dx + 1);
          sum += g[t];
          ++t;
        }
      }
      if (t == 0) continue;
      const double mean = sum / (t + 1);
      double var = (c - mean) * (c - mean), mgv = 1e300;
      for (int i = 0; i < t; ++i) {
        var += (g[i] - mean) * (g[i] - mean);
        mgv = std::min(mgv, (g[i] - c) * (g[i] - c));
      }
      var /= (t + 1);
      double csig = var * 0.6;
      csig = std::max(csig, -mgv / std::log(0.01));
      csig = std::max(csig, 2e-6);
      double norm = 0.0;
      for (int i = 0; i < t; ++i) {
        g[i] = std::exp(-(g[i] - c) * (g[i] - c) / csig);
        norm += g[i];
      }
      for (int i = 0; i < t; ++i) wts[r * 9 + size_t(ks[i])] = g[i] / norm;
    }
  }
  return wts;
}

// Assembles the system matrix directly in column-major form, in the permuted numbering
// (new index of pixel p = inv[p]).
SpMat assemble(int W, int H, const std::vector<double>& wts, const std::vector<int>& order,
               const std::vector<int>& inv) {
  const int n = W * H;
  SpMat A(n, n);
  std::vector<int> count(size_t(n) + 1, 0);
  // Column j (pixel s) holds the diagonal plus -w_rs for each neighbour r of s that weights s.
  auto for_column = [&](int j, auto&& emit) {
    const int s = order[size_t(j)];
    const int xs = s % W, ys = s / W;
    emit(j, 1.0);
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        if (dx == 0 && dy == 0) continue;
        const int xr = xs - dx, yr = ys - dy;  // s = r + (dx, dy)
        if (xr < 0 || xr >= W || yr < 0 || yr >= H) continue;
        const int r = yr * W + xr;
        // Zero weights (hinted rows) are stored too: the pattern stays symmetric for SparseLdu.
        emit(inv[size_t(r)], -wts[size_t(r) * 9 + size_t((dy + 1) * 3 + (dx + 1))]);
      }
  };
#pragma omp parallel for schedule(static) if (n > (1 << 14))
  for (int j = 0; j < n; ++j) {
    int c = 0;
    for_column(j, [&](int, double) { ++c; });
    count[size_t(j) + 1] = c;
  }
  for (int j = 0; j < n; ++j) count[size_t(j) + 1] += count[size_t(j)];
  A.resizeNonZeros(count[size_t(n)]);
  int* outer = A.outerIndexPtr();
  int* inner = A.innerIndexPtr();
  double* val = A.valuePtr();
  std::copy(count.begin(), count.end(), outer);
#pragma omp parallel for schedule(static) if (n > (1 << 14))
  for (int j = 0; j < n; ++j) {
    std::array<std::pair<int, double>, 9> e;
    int c = 0;
    for_column(j, [&](int row, double v) { e[size_t(c++)] = {row, v}; });
    std::sort(e.begin(), e.begin() + c);
    for (int k = 0; k < c; ++k) {
      inner[outer[j] + k] = e[size_t(k)].first;
      val[outer[j] + k] = e[size_t(k)].second;
    }
  }
  return A;
}

void check_inputs(const Plane& L, const HintPlanes& hints) {
  const int W = L.width, H = L.height;
  if (W <= 0 || H <= 0 || L.size() != size_t(W) * size_t(H))
    throw Error("levin_colorize: L plane is empty or malformed");
  check_hints_match(L, hints, "levin_colorize");
  // The matrix holds up to 9 entries per pixel, indexed by int.
  if (int64_t(W) * int64_t(H) * 9 > int64_t(std::numeric_limits<int>::max()))
    throw Error("levin_colorize: image of " + std::to_string(W) + "x" + std::to_string(H) +
                " is too large for the sparse solver");
}

// Both right-hand sides solved with one factorisation (the LU without pivoting, in double
// precision). False when a pivot is not positive (the caller falls back).
bool solve_no_pivot(const SpMat& A, const Eigen::VectorXd& ra, const Eigen::VectorXd& rb, Eigen::VectorXd& xa,
                    Eigen::VectorXd& xb) {
  const int n = int(A.rows());
  // Kept per thread: the next system of this size has the same pattern (a 3 x 3 stencil on the same
  // grid), so only its numeric factorisation runs, and none when only the hints' colours changed.
  thread_local SparseLdu ldu;
  if (!ldu.factorize(n, A.outerIndexPtr(), A.innerIndexPtr(), A.valuePtr())) return false;
  std::vector<double> x(ra.data(), ra.data() + n);
  ldu.solve(x);
  xa = Eigen::Map<Eigen::VectorXd>(x.data(), n);
  x.assign(rb.data(), rb.data() + n);
  ldu.solve(x);
  xb = Eigen::Map<Eigen::VectorXd>(x.data(), n);
  return true;
}

// Eigen's supernodal LU, factorised in single precision (about 20% faster), each solution then
// refined in double precision against the double matrix: two steps reach double-precision accuracy.
void solve_supernodal(const SpMat& A, const Eigen::VectorXd& ra, const Eigen::VectorXd& rb,
                      Eigen::VectorXd& xa, Eigen::VectorXd& xb) {
  using SpMatF = Eigen::SparseMatrix<float, Eigen::ColMajor, int>;
  Eigen::SparseLU<SpMatF, Eigen::NaturalOrdering<int>> lu;
  lu.isSymmetric(true);  // the pattern is symmetric; prefer diagonal pivots
  lu.setPivotThreshold(0.1f);
  lu.compute(SpMatF(A.cast<float>()));
  if (lu.info() != Eigen::Success)
    throw Error("levin_colorize: sparse LU factorisation failed: " + lu.lastErrorMessage());
  auto solve = [&](const Eigen::VectorXd& rhs) {
    Eigen::VectorXd x = lu.solve(rhs.cast<float>()).cast<double>();
    for (int step = 0; step < kRefinementSteps; ++step) {
      const Eigen::VectorXd res = rhs - A * x;
      x += lu.solve(res.cast<float>()).cast<double>();
    }
    return x;
  };
  xa = solve(ra);
  xb = solve(rb);
}

// BiCGSTAB with an incomplete-LU preconditioner (a cross-check; approximate).
void solve_iterative(const SpMat& A, const Eigen::VectorXd& ra, const Eigen::VectorXd& rb,
                     const LevinOptions& opt, Eigen::VectorXd& xa, Eigen::VectorXd& xb) {
  Eigen::BiCGSTAB<SpMat, Eigen::IncompleteLUT<double>> solver;
  solver.preconditioner().setDroptol(1e-4);
  solver.preconditioner().setFillfactor(5);
  solver.setTolerance(opt.tolerance);
  solver.setMaxIterations(opt.max_iterations);
  solver.compute(A);
  if (solver.info() != Eigen::Success) throw Error("levin_colorize: incomplete LU preconditioner failed");
  xa = solver.solve(ra);
  xb = solver.solve(rb);
}

// Solves A x = r for both right-hand sides with the solver `opt` asks for (kDirect: the LU
// without pivoting up to opt.no_pivot_max_unknowns, else or should it fail the supernodal LU).
// Returns the solver that ran.
LevinSolver solve(const SpMat& A, const Eigen::VectorXd& ra, const Eigen::VectorXd& rb,
                  const LevinOptions& opt, Eigen::VectorXd& xa, Eigen::VectorXd& xb) {
  switch (opt.solver) {
    case LevinSolver::kIterative:
      solve_iterative(A, ra, rb, opt, xa, xb);
      return LevinSolver::kIterative;
    case LevinSolver::kNoPivotLu:
      if (!solve_no_pivot(A, ra, rb, xa, xb))
        throw Error("levin_colorize: the LU without pivoting met a pivot that is not positive");
      return LevinSolver::kNoPivotLu;
    case LevinSolver::kDirect:
      if (A.rows() <= opt.no_pivot_max_unknowns && solve_no_pivot(A, ra, rb, xa, xb))
        return LevinSolver::kNoPivotLu;
      break;
    case LevinSolver::kSupernodalLu:
      break;
  }
  solve_supernodal(A, ra, rb, xa, xb);
  return LevinSolver::kSupernodalLu;
}

// The elimination order of a W x H grid (nested dissection, or the pixels' own order) and its
// inverse, kept per thread for the last grid asked for.
struct Ordering {
  int w = 0, h = 0;
  bool dissected = false;
  std::vector<int> order, inv;
};

const Ordering& ordering(int W, int H, bool dissected) {
  thread_local Ordering o;
  if (o.w == W && o.h == H && o.dissected == dissected && !o.order.empty()) return o;
  const int n = W * H;
  o.order.clear();
  o.order.reserve(size_t(n));
  if (dissected) {
    dissect(W, 0, 0, W, H, o.order);
  } else {
    for (int i = 0; i < n; ++i) o.order.push_back(i);
  }
  if (int(o.order.size()) != n) {
    o.order.clear();
    throw Error("levin_colorize: internal ordering error");
  }
  o.inv.assign(size_t(n), 0);
  for (int k = 0; k < n; ++k) o.inv[size_t(o.order[size_t(k)])] = k;
  o.w = W, o.h = H, o.dissected = dissected;
  return o;
}

}  // namespace

void levin_colorize(const Plane& L, const HintPlanes& hints, Plane& a, Plane& b, const LevinOptions& opt) {
  check_inputs(L, hints);
  const int W = L.width, H = L.height, n = W * H;
  std::vector<char> hinted(static_cast<size_t>(n));
  int n_hinted = 0;
  for (int i = 0; i < n; ++i) {
    hinted[size_t(i)] = hints.mask.v[size_t(i)] > 0.5f;
    n_hinted += hinted[size_t(i)];
  }
  a = Plane(W, H);
  b = Plane(W, H);
  if (n_hinted == 0) return;
  if (n_hinted == n) {
    a = hints.a;
    b = hints.b;
    return;
  }

  const Ordering& ord = ordering(W, H, opt.solver != LevinSolver::kIterative);
  const std::vector<int>& order = ord.order;
  const std::vector<int>& inv = ord.inv;

  const SpMat A = assemble(W, H, neighbour_weights(L, hinted), order, inv);
  Eigen::VectorXd ra = Eigen::VectorXd::Zero(n), rb = Eigen::VectorXd::Zero(n);
  for (int p = 0; p < n; ++p)
    if (hinted[size_t(p)]) {
      ra[inv[size_t(p)]] = hints.a.v[size_t(p)];
      rb[inv[size_t(p)]] = hints.b.v[size_t(p)];
    }
  Eigen::VectorXd xa, xb;
  const LevinSolver used = solve(A, ra, rb, opt, xa, xb);
  if (opt.solver_used) *opt.solver_used = used;
  for (int p = 0; p < n; ++p) {
    // Hints are exact by construction; written verbatim to avoid round-off.
    a.v[size_t(p)] = hinted[size_t(p)] ? hints.a.v[size_t(p)] : float(xa[inv[size_t(p)]]);
    b.v[size_t(p)] = hinted[size_t(p)] ? hints.b.v[size_t(p)] : float(xb[inv[size_t(p)]]);
  }
}

}  // namespace tinge
