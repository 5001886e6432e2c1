// Tests of the LU without pivoting (core/sparse_ldu.hpp): it solves grid M-matrices like Levin's
// to round-off (against Eigen's pivoting SparseLU), reports a zero or negative pivot instead of
// dividing by it, and refuses malformed or unsymmetric patterns by name.
#include <gtest/gtest.h>

#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <cmath>
#include <random>
#include <vector>

#include "core/error.hpp"
#include "core/sparse_ldu.hpp"

namespace tinge {
namespace {

using SpMat = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

// A w x h grid with 8-neighbour coupling, Levin-like rows: 1 on the diagonal, random weights
// summing to `row_sum` (< 1: strictly diagonally dominant) off it, some rows the identity (their
// off-diagonal entries stored as explicit zeros, so the pattern stays symmetric). A random
// permutation of the unknowns keeps the test from depending on the grid's natural order.
SpMat grid_m_matrix(int w, int h, double row_sum, unsigned seed) {
  const int n = w * h;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  std::vector<int> perm(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) perm[size_t(i)] = i;
  std::shuffle(perm.begin(), perm.end(), rng);
  std::vector<Eigen::Triplet<double>> t;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int r = y * w + x;
      const bool identity = rng() % 10 == 0;
      std::vector<std::pair<int, double>> nb;
      double sum = 0.0;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int xx = x + dx, yy = y + dy;
          if ((dx == 0 && dy == 0) || xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const double v = u(rng);
          nb.push_back({yy * w + xx, v});
          sum += v;
        }
      t.emplace_back(perm[size_t(r)], perm[size_t(r)], 1.0);
      for (auto& [s, v] : nb)
        t.emplace_back(perm[size_t(r)], perm[size_t(s)], identity ? 0.0 : -row_sum * v / sum);
    }
  SpMat A(n, n);
  A.setFromTriplets(t.begin(), t.end());  // explicit zeros are kept
  A.makeCompressed();
  return A;
}

TEST(SparseLdu, SolvesGridMMatricesLikeAPivotingLu) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const SpMat A = grid_m_matrix(23, 17, seed == 3 ? 1.0 : 0.97, seed);
    const int n = int(A.rows());
    SparseLdu ldu;
    ASSERT_TRUE(ldu.factorize(n, A.outerIndexPtr(), A.innerIndexPtr(), A.valuePtr()));
    EXPECT_GT(ldu.factor_nonzeros(), size_t(A.nonZeros() - n) / 2);  // fill-in: at least A's lower part
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-50.0, 50.0);
    Eigen::VectorXd rhs(n);
    for (int i = 0; i < n; ++i) rhs[i] = u(rng);
    std::vector<double> x(rhs.data(), rhs.data() + n);
    ldu.solve(x);
    const Eigen::VectorXd xe = Eigen::Map<Eigen::VectorXd>(x.data(), n);
    EXPECT_LT((A * xe - rhs).cwiseAbs().maxCoeff(), 1e-9);
    Eigen::SparseLU<SpMat> lu;
    lu.compute(A);
    ASSERT_EQ(lu.info(), Eigen::Success);
    const Eigen::VectorXd ref = lu.solve(rhs);
    EXPECT_LT((ref - xe).cwiseAbs().maxCoeff(), 1e-8 * (1.0 + ref.cwiseAbs().maxCoeff()));
  }
}

TEST(SparseLdu, RowOrderWithinAColumnDoesNotMatter) {
  const SpMat A = grid_m_matrix(9, 7, 0.99, 4);
  const int n = int(A.rows());
  // The same matrix with each column's rows reversed.
  std::vector<int> cp(A.outerIndexPtr(), A.outerIndexPtr() + n + 1), ri(size_t(A.nonZeros()));
  std::vector<double> v(size_t(A.nonZeros()));
  for (int j = 0; j < n; ++j)
    for (int p = cp[size_t(j)], q = cp[size_t(j) + 1] - 1; q >= cp[size_t(j)]; ++p, --q) {
      ri[size_t(p)] = A.innerIndexPtr()[q];
      v[size_t(p)] = A.valuePtr()[q];
    }
  SparseLdu sorted, reversed;
  ASSERT_TRUE(sorted.factorize(n, A.outerIndexPtr(), A.innerIndexPtr(), A.valuePtr()));
  ASSERT_TRUE(reversed.factorize(n, cp.data(), ri.data(), v.data()));
  std::vector<double> x1(static_cast<size_t>(n)), x2;
  for (int i = 0; i < n; ++i) x1[size_t(i)] = std::sin(0.3 * i) * 40.0;
  x2 = x1;
  const Eigen::VectorXd rhs = Eigen::Map<Eigen::VectorXd>(x1.data(), n);
  sorted.solve(x1);
  reversed.solve(x2);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(x1[size_t(i)], x2[size_t(i)], 1e-10);
  EXPECT_LT((A * Eigen::Map<Eigen::VectorXd>(x2.data(), n) - rhs).cwiseAbs().maxCoeff(), 1e-9);
}

TEST(SparseLdu, ReportsAPivotThatIsNotPositive) {
  // [[0, 1], [1, 0]]: nonsingular, but only with pivoting.
  const std::vector<int> cp = {0, 2, 4}, ri = {0, 1, 0, 1};
  SparseLdu ldu;
  EXPECT_FALSE(ldu.factorize(2, cp.data(), ri.data(), std::vector<double>{0, 1, 1, 0}.data()));
  // [[1, 2], [2, 1]]: the second pivot is 1 - 4 = -3.
  EXPECT_FALSE(ldu.factorize(2, cp.data(), ri.data(), std::vector<double>{1, 2, 2, 1}.data()));
  std::vector<double> rhs = {1, 1};
  EXPECT_THROW(ldu.solve(rhs), Error);  // nothing half-factorised is used
  // [[2, -1], [-1, 2]] is an M-matrix: x = A^-1 (1, 1) = (1, 1).
  ASSERT_TRUE(ldu.factorize(2, cp.data(), ri.data(), std::vector<double>{2, -1, -1, 2}.data()));
  std::vector<double> b = {1, 1};
  ldu.solve(b);
  EXPECT_NEAR(b[0], 1.0, 1e-12);
  EXPECT_NEAR(b[1], 1.0, 1e-12);
  // A failure after a success leaves nothing to solve with either.
  EXPECT_FALSE(ldu.factorize(2, cp.data(), ri.data(), std::vector<double>{0, 1, 1, 0}.data()));
  EXPECT_THROW(ldu.solve(b), Error);
}

// One object asked again keeps its analysis for the same pattern and its factors for the same
// values: every answer must still be the one a fresh object gives, bit for bit.
TEST(SparseLdu, AnObjectAskedAgainAnswersLikeAFreshOne) {
  const SpMat a1 = grid_m_matrix(23, 17, 0.97, 1), a2 = grid_m_matrix(23, 17, 0.9, 1),
              a3 = grid_m_matrix(19, 11, 0.97, 2), a4 = grid_m_matrix(23, 17, 0.97, 4);
  ASSERT_EQ(a1.nonZeros(), a2.nonZeros());
  EXPECT_NE((Eigen::MatrixXd(a1) - Eigen::MatrixXd(a2)).cwiseAbs().maxCoeff(), 0.0);  // new values
  SparseLdu reused;
  for (const SpMat* a : {&a1, &a2, &a1, &a1, &a3, &a4, &a1}) {
    const int n = int(a->rows());
    std::vector<double> x(static_cast<size_t>(n)), y;
    for (int i = 0; i < n; ++i) x[size_t(i)] = std::sin(0.37 * i);
    y = x;
    SparseLdu fresh;
    ASSERT_TRUE(fresh.factorize(n, a->outerIndexPtr(), a->innerIndexPtr(), a->valuePtr()));
    ASSERT_TRUE(reused.factorize(n, a->outerIndexPtr(), a->innerIndexPtr(), a->valuePtr()));
    fresh.solve(x);
    reused.solve(y);
    EXPECT_EQ(x, y);
  }
  // A matrix of the same pattern that cannot be factorised, then the last good one again.
  SpMat bad = a1;
  for (int k = 0; k < bad.outerSize(); ++k)
    for (SpMat::InnerIterator it(bad, k); it; ++it)
      if (it.row() == it.col()) it.valueRef() = -1.0;
  EXPECT_FALSE(reused.factorize(int(bad.rows()), bad.outerIndexPtr(), bad.innerIndexPtr(), bad.valuePtr()));
  std::vector<double> b(static_cast<size_t>(a1.rows()), 1.0);
  EXPECT_THROW(reused.solve(b), Error);
  ASSERT_TRUE(reused.factorize(int(a1.rows()), a1.outerIndexPtr(), a1.innerIndexPtr(), a1.valuePtr()));
  reused.solve(b);
  EXPECT_LT(
      (a1 * Eigen::Map<Eigen::VectorXd>(b.data(), Eigen::Index(b.size())) - Eigen::VectorXd::Ones(a1.rows()))
          .cwiseAbs()
          .maxCoeff(),
      1e-9);
}

TEST(SparseLdu, RefusesMalformedMatrices) {
  SparseLdu ldu;
  const std::vector<double> v = {1, 1, 1, 1};
  auto fails = [&](int n, std::vector<int> cp, std::vector<int> ri, const char* what) {
    try {
      ldu.factorize(n, cp.data(), ri.data(), v.data());
      ADD_FAILURE() << "accepted: " << what;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  };
  fails(2, {0, 2, 3}, {0, 1, 1}, "not symmetric");  // (1, 0) without (0, 1)
  fails(2, {0, 1, 3}, {0, 0, 1}, "not symmetric");  // (0, 1) without (1, 0)
  fails(2, {0, 2, 4}, {0, 0, 1, 1}, "twice");       // (0, 0) and (1, 1) stored twice
  fails(2, {0, 1, 2}, {1, 0}, "no diagonal");       // anti-diagonal only
  fails(2, {0, 1, 2}, {0, 2}, "out of range");
  fails(2, {0, 2, 1}, {0, 1}, "decrease");
  fails(-1, {0}, {}, "malformed");
  fails(2, {1, 2, 3}, {0, 1, 1}, "malformed");  // col_ptr[0] != 0
  EXPECT_THROW(ldu.factorize(2, nullptr, nullptr, nullptr), Error);
  EXPECT_TRUE(ldu.factorize(0, std::vector<int>{0}.data(), nullptr, nullptr));  // empty: nothing to do
  std::vector<double> none;
  ldu.solve(none);
  std::vector<double> b(3);
  ASSERT_TRUE(ldu.factorize(1, std::vector<int>{0, 1}.data(), std::vector<int>{0}.data(), v.data()));
  EXPECT_THROW(ldu.solve(b), Error);
}

}  // namespace
}  // namespace tinge
