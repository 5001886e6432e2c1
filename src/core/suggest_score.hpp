// Scoring suggested colours against the true colour at probe points (`tinge suggest --eval`): does
// one of the first k suggestions fall within `radius` (CIELAB a/b units) of the colour the photo
// really has there?
#pragma once
#include <array>
#include <vector>

namespace tinge {

// Rank (0-based) of the first suggestion within `radius` of (a, b); -1 when none is.
int first_hit(const std::vector<std::array<float, 2>>& suggestions, float a, float b, float radius);

class HitRate {
 public:
  void add(int first_hit_rank) { ranks_.push_back(first_hit_rank); }
  int probes() const { return int(ranks_.size()); }
  // Fraction of probes whose first hit is among the first k suggestions (0 with no probes).
  double at(int k) const;

 private:
  std::vector<int> ranks_;
};

}  // namespace tinge
