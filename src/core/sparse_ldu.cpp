#include "sparse_ldu.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "error.hpp"

namespace tinge {

bool SparseLdu::factorize(int n, const int* col_ptr, const int* row_idx, const double* values) {
  if (n < 0 || !col_ptr || col_ptr[0] != 0 || (n > 0 && (!row_idx || !values)))
    throw Error("SparseLdu: malformed compressed-column matrix");
  const bool same_pattern = symbolic_ok_ && n == n_ && std::equal(col_ptr, col_ptr + n + 1, a_p_.begin()) &&
                            std::equal(row_idx, row_idx + col_ptr[size_t(n)], a_i_.begin());
  if (same_pattern && ok_ && std::equal(values, values + col_ptr[size_t(n)], a_x_.begin())) return true;
  ok_ = false;
  if (!same_pattern) analyse(n, col_ptr, row_idx);
  a_x_.assign(values, values + col_ptr[size_t(n)]);
  return numeric(col_ptr, row_idx, values);
}

void SparseLdu::analyse(int n, const int* col_ptr, const int* row_idx) {
  symbolic_ok_ = false;
  for (int j = 0; j < n; ++j)
    if (col_ptr[size_t(j) + 1] < col_ptr[size_t(j)])
      throw Error("SparseLdu: column pointers decrease at column " + std::to_string(j));

  // Each column: rows in range, none twice, the diagonal present.
  std::vector<int> mark(size_t(n), -1);
  for (int k = 0; k < n; ++k) {
    bool diag = false;
    for (int p = col_ptr[size_t(k)]; p < col_ptr[size_t(k) + 1]; ++p) {
      const int i = row_idx[size_t(p)];
      if (i < 0 || i >= n) throw Error("SparseLdu: row index out of range in column " + std::to_string(k));
      if (mark[size_t(i)] == k) throw Error("SparseLdu: entry stored twice in column " + std::to_string(k));
      mark[size_t(i)] = k;
      diag |= i == k;
    }
    if (!diag) throw Error("SparseLdu: no diagonal entry in column " + std::to_string(k));
  }
  // The transpose (row k of A as column k); the pattern is symmetric when every row has as many
  // entries as its column and column k of the transpose holds the rows of column k.
  const size_t nnz = size_t(col_ptr[size_t(n)]);
  std::vector<int> next(col_ptr, col_ptr + n);
  t_row_.assign(nnz, 0);
  t_src_.assign(nnz, 0);
  for (int j = 0; j < n; ++j)
    for (int p = col_ptr[size_t(j)]; p < col_ptr[size_t(j) + 1]; ++p) {
      const int i = row_idx[size_t(p)];
      const int q = next[size_t(i)]++;
      if (q >= col_ptr[size_t(i) + 1])
        throw Error("SparseLdu: the pattern is not symmetric (row " + std::to_string(i) + ")");
      t_row_[size_t(q)] = j;
      t_src_[size_t(q)] = p;
    }
  std::fill(mark.begin(), mark.end(), -1);
  for (int k = 0; k < n; ++k) {
    for (int p = col_ptr[size_t(k)]; p < col_ptr[size_t(k) + 1]; ++p) mark[size_t(row_idx[size_t(p)])] = k;
    for (int q = col_ptr[size_t(k)]; q < col_ptr[size_t(k) + 1]; ++q)
      if (mark[size_t(t_row_[size_t(q)])] != k)
        throw Error("SparseLdu: the pattern is not symmetric (column " + std::to_string(k) + ")");
  }

  // Symbolic: the elimination tree and the number of entries in each column of L.
  parent_.assign(size_t(n), -1);
  std::vector<int> flag(size_t(n), -1), count(size_t(n), 0);
  for (int k = 0; k < n; ++k) {
    flag[size_t(k)] = k;
    for (int p = col_ptr[size_t(k)]; p < col_ptr[size_t(k) + 1]; ++p)
      for (int i = row_idx[size_t(p)]; i < k && flag[size_t(i)] != k; i = parent_[size_t(i)]) {
        if (parent_[size_t(i)] == -1) parent_[size_t(i)] = k;
        ++count[size_t(i)];
        flag[size_t(i)] = k;
      }
  }
  n_ = n;
  lp_.assign(size_t(n) + 1, 0);
  int64_t total = 0;
  for (int k = 0; k < n; ++k) {
    total += count[size_t(k)];
    if (total > std::numeric_limits<int>::max())
      throw Error("SparseLdu: the factor would have more than 2^31 entries");
    lp_[size_t(k) + 1] = int(total);
  }
  li_.assign(size_t(lp_[size_t(n)]), 0);
  lux_.assign(2 * li_.size(), 0.0);
  d_.assign(size_t(n), 0.0);
  a_p_.assign(col_ptr, col_ptr + n + 1);
  a_i_.assign(row_idx, row_idx + nnz);
  symbolic_ok_ = true;
}

bool SparseLdu::numeric(const int* col_ptr, const int* row_idx, const double* values) {
  const int n = n_;
  // Numeric, one row of L and one column of U per step.
  // y[2 i] for the column of D U, y[2 i + 1] for the row of L D: one cache line for both.
  std::vector<double> y(2 * size_t(n), 0.0);
  std::vector<int> pattern(static_cast<size_t>(n)), fill(static_cast<size_t>(n), 0), flag(size_t(n), -1);
  for (int k = 0; k < n; ++k) {
    int top = n;
    flag[size_t(k)] = k;
    for (int p = col_ptr[size_t(k)]; p < col_ptr[size_t(k) + 1]; ++p) {
      int i = row_idx[size_t(p)];
      if (i > k) continue;
      y[2 * size_t(i)] += values[size_t(p)];
      int len = 0;
      for (; flag[size_t(i)] != k; i = parent_[size_t(i)]) {
        pattern[size_t(len++)] = i;
        flag[size_t(i)] = k;
      }
      while (len > 0) pattern[size_t(--top)] = pattern[size_t(--len)];
    }
    for (int q = col_ptr[size_t(k)]; q < col_ptr[size_t(k) + 1]; ++q)
      if (t_row_[size_t(q)] < k) y[2 * size_t(t_row_[size_t(q)]) + 1] += values[size_t(t_src_[size_t(q)])];
    double dk = y[2 * size_t(k)];
    y[2 * size_t(k)] = 0.0;
    for (; top < n; ++top) {
      const int i = pattern[size_t(top)];
      const double xu = y[2 * size_t(i)], xl = y[2 * size_t(i) + 1];
      y[2 * size_t(i)] = y[2 * size_t(i) + 1] = 0.0;
      const int end = lp_[size_t(i)] + fill[size_t(i)];
      for (int p = lp_[size_t(i)]; p < end; ++p) {
        double* yr = &y[2 * size_t(li_[size_t(p)])];
        yr[0] -= lux_[2 * size_t(p)] * xu;
        yr[1] -= lux_[2 * size_t(p) + 1] * xl;
      }
      const double l = xl / d_[size_t(i)];
      dk -= l * xu;
      li_[size_t(end)] = k;
      lux_[2 * size_t(end)] = l;
      lux_[2 * size_t(end) + 1] = xu / d_[size_t(i)];
      ++fill[size_t(i)];
    }
    if (!(dk > 0.0) || !std::isfinite(dk)) return false;
    d_[size_t(k)] = dk;
  }
  ok_ = true;
  return true;
}

void SparseLdu::solve(std::vector<double>& b) const {
  if (!ok_) throw Error("SparseLdu::solve: no successful factorisation to solve with");
  if (b.size() != size_t(n_)) throw Error("SparseLdu::solve: right-hand side of the wrong size");
  for (int j = 0; j < n_; ++j) {
    const double x = b[size_t(j)];
    if (x != 0.0)
      for (int p = lp_[size_t(j)]; p < lp_[size_t(j) + 1]; ++p)
        b[size_t(li_[size_t(p)])] -= lux_[2 * size_t(p)] * x;
  }
  for (int j = 0; j < n_; ++j) b[size_t(j)] /= d_[size_t(j)];
  for (int j = n_ - 1; j >= 0; --j) {
    double x = b[size_t(j)];
    for (int p = lp_[size_t(j)]; p < lp_[size_t(j) + 1]; ++p)
      x -= lux_[2 * size_t(p) + 1] * b[size_t(li_[size_t(p)])];
    b[size_t(j)] = x;
  }
}

}  // namespace tinge
