// Sparse A = L D U without pivoting, for square matrices whose nonzero pattern is symmetric
// (values need not be): L unit lower, D diagonal, U unit upper, pattern(U) = pattern(L)^T.
//
// Up-looking, as Davis's LDL (Algorithm 849, ACM TOMS 2005) but with two value arrays: step k
// solves for column k of D U and row k of L D by two sparse triangular solves that share one
// pattern, the reach of column k's entries in the elimination tree. No supernodes: on the small
// grids Levin's propagation is solved on (a few thousand pixels, a nested-dissection order
// already applied by the caller) it avoids the setup cost of a general supernodal LU.
//
// Pivoting is what makes a general LU safe; this one relies on the matrix being a nonsingular
// M-matrix (every principal submatrix is then one too, so every pivot is positive). factorize()
// checks each pivot and returns false on one that is not positive and finite, so a caller can
// fall back to a pivoting solver.
#pragma once
#include <cstddef>
#include <vector>

namespace tinge {

class SparseLdu {
 public:
  // A in compressed sparse column form: n columns, col_ptr with n + 1 entries, col_ptr[n] entries
  // in row_idx and values; row indices in any order, each (row, column) at most once, the diagonal
  // present. The pattern must be symmetric: (i, j) stored whenever (j, i) is (explicit zeros are
  // fine). Returns false when a pivot is not positive and finite (A is then not a nonsingular
  // M-matrix); throws Error on malformed input.
  // The analysis of the pattern (checks, elimination tree, the factor's layout) is kept: called again
  // with the same pattern only the numeric factorisation runs, and with the same values too nothing
  // does (the factors are reused).
  bool factorize(int n, const int* col_ptr, const int* row_idx, const double* values);
  // Solves A x = b in place (b has n entries); throws Error unless factorize() returned true.
  void solve(std::vector<double>& b) const;
  // Entries below the diagonal of L (the same number sit above it in U).
  size_t factor_nonzeros() const { return li_.size(); }

 private:
  void analyse(int n, const int* col_ptr, const int* row_idx);  // checks, symbolic; throws Error
  bool numeric(const int* col_ptr, const int* row_idx, const double* values);

  int n_ = 0;
  bool ok_ = false;                 // the last factorize() succeeded
  bool symbolic_ok_ = false;        // the analysis below is of the pattern in a_p_, a_i_
  std::vector<int> a_p_, a_i_;      // the analysed pattern
  std::vector<double> a_x_;         // the values last factorised
  std::vector<int> t_row_, t_src_;  // the transpose: row of each entry, its position in A
  std::vector<int> parent_;         // elimination tree
  std::vector<int> lp_;             // column starts of L (and row starts of U)
  std::vector<int> li_;             // row index in L (column index in U)
  std::vector<double> lux_;         // pairs L(li, j), U(j, li)
  std::vector<double> d_;           // D
};

}  // namespace tinge
