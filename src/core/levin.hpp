// Levin, Lischinski & Weiss 2004, "Colorization using Optimization", for point hints: minimise
// sum_r (U(r) - sum_s w_rs U(s))^2 with w_rs from L-affinity in a 3x3 window, hinted pixels fixed.
// Solved as a sparse linear system (Eigen) at the resolution given.
#pragma once

#include "hints.hpp"
#include "image.hpp"

namespace tinge {

// kDirect (the default, exact, fastest measured): on a nested-dissection ordering, an LU without
// pivoting (core/sparse_ldu.hpp) up to 36k unknowns; above that, or should one of its pivots not be
// positive, Eigen's supernodal SparseLU.
// kNoPivotLu, kSupernodalLu: always that one of the two, at any size (cross-checks; kNoPivotLu
// throws Error where a pivot is not positive instead of falling back).
// kIterative: BiCGSTAB with an incomplete-LU preconditioner (a cross-check; approximate).
enum class LevinSolver { kDirect, kNoPivotLu, kSupernodalLu, kIterative };

struct LevinOptions {
  int max_iterations = 2000;  // for iterative solvers
  double tolerance = 1e-6;
  LevinSolver solver = LevinSolver::kDirect;
  // kDirect: the most unknowns (pixels) solved with the LU without pivoting; above, the supernodal
  // LU is faster (they were even at 240 x 180, 43k; levin.cpp's design note).
  int no_pivot_max_unknowns = 36000;
  // When set, receives the solver that ran: kNoPivotLu, kSupernodalLu or kIterative (both LUs give
  // the same floats, so this is how a caller, a test say, tells them apart).
  LevinSolver* solver_used = nullptr;
};

// Propagates the hinted ab over the L image. With no hints returns a = b = 0.
void levin_colorize(const Plane& L, const HintPlanes& hints, Plane& a, Plane& b,
                    const LevinOptions& opt = {});

}  // namespace tinge
