// Hit rates of suggested colours (see suggest_score.hpp).
#include "suggest_score.hpp"

#include <algorithm>

namespace tinge {

int first_hit(const std::vector<std::array<float, 2>>& suggestions, float a, float b, float radius) {
  for (size_t i = 0; i < suggestions.size(); ++i) {
    const float da = suggestions[i][0] - a, db = suggestions[i][1] - b;
    if (da * da + db * db <= radius * radius) return int(i);
  }
  return -1;
}

double HitRate::at(int k) const {
  if (ranks_.empty()) return 0.0;
  const auto hits = std::count_if(ranks_.begin(), ranks_.end(), [k](int r) { return r >= 0 && r < k; });
  return double(hits) / double(ranks_.size());
}

}  // namespace tinge
