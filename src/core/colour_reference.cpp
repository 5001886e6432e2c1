// Reference histograms for "colour like this photo" (see colour_reference.hpp).
#include "colour_reference.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "ab_grid.hpp"
#include "color.hpp"
#include "error.hpp"
#include "metrics.hpp"
#include "resample.hpp"

namespace tinge {
namespace {

constexpr int kShortSide = 64;
constexpr float kUniformShare = 0.1f;

// Adds `weight` spread over the five bins nearest (a, b), Gaussian in the distance.
void spread(const AbGrid& grid, float a, float b, float sigma, float weight, std::vector<double>& hist) {
  std::array<std::pair<float, int>, 5> nearest;
  nearest.fill({1e30f, -1});
  for (int q = 0; q < grid.size(); ++q) {
    const auto c = grid.center(q);
    const float d = (c[0] - a) * (c[0] - a) + (c[1] - b) * (c[1] - b);
    if (d < nearest.back().first) {
      nearest.back() = {d, q};
      std::sort(nearest.begin(), nearest.end());
    }
  }
  double sum = 0;
  std::array<double, 5> w{};
  for (size_t i = 0; i < nearest.size(); ++i)
    if (nearest[i].second >= 0) sum += w[i] = std::exp(-0.5 * nearest[i].first / (sigma * sigma));
  if (sum <= 0) return;
  for (size_t i = 0; i < nearest.size(); ++i)
    if (nearest[i].second >= 0) hist[size_t(nearest[i].second)] += weight * w[i] / sum;
}

ColourReference finish(const std::vector<double>& counts, float strength, const std::string& source) {
  ColourReference r;
  r.strength = strength;
  r.source = source;
  double total = 0;
  for (double c : counts) total += c;
  const float uniform = 1.f / float(counts.size());
  r.histogram.resize(counts.size());
  for (size_t q = 0; q < counts.size(); ++q)
    r.histogram[q] =
        total > 0 ? (1.f - kUniformShare) * float(counts[q] / total) + kUniformShare * uniform : uniform;
  return r;
}

}  // namespace

std::vector<std::array<float, 2>> main_colours(const ColourReference& r, int k) {
  const AbGrid grid;
  std::vector<std::array<float, 2>> out;
  if (int(r.histogram.size()) != grid.size()) return out;
  std::vector<int> order(r.histogram.size());
  for (size_t q = 0; q < order.size(); ++q) order[q] = int(q);
  std::stable_sort(order.begin(), order.end(),
                   [&](int x, int y) { return r.histogram[size_t(x)] > r.histogram[size_t(y)]; });
  const float floor = 1.5f * kUniformShare / float(r.histogram.size());  // above the uniform share
  for (int q : order) {
    if (int(out.size()) >= k || r.histogram[size_t(q)] <= floor) break;
    const auto c = grid.center(q);
    bool apart = true;
    for (const auto& o : out) apart = apart && std::hypot(o[0] - c[0], o[1] - c[1]) >= 15.f;
    if (apart) out.push_back({c[0], c[1]});
  }
  return out;
}

void check_reference_strength(float strength) {
  if (!(strength >= 0.f && strength <= kMaxReferenceStrength))
    throw UsageError("the reference's strength must be between 0 and 2 (got " + std::to_string(strength) +
                     ")");
}

ColourReference reference_from_image(const Rgb8Image& photo, float strength, const std::string& source) {
  check_reference_strength(strength);
  if (photo.width <= 0 || photo.height <= 0) throw ImageError(source + ": the reference photo is empty");
  const LabImage lab = srgb8_to_lab(photo);
  int w = photo.width, h = photo.height;
  working_size(photo.width, photo.height, kShortSide, w, h);
  const Plane L = resize_area(lab.L, w, h), a = resize_area(lab.a, w, h), b = resize_area(lab.b, w, h);
  const AbGrid grid;
  std::vector<double> counts(size_t(grid.size()), 0.0);
  for (size_t i = 0; i < L.v.size(); ++i) {
    if (L.v[i] >= 5.f && L.v[i] <= 97.f) spread(grid, a.v[i], b.v[i], 5.f, 1.f, counts);
  }
  ColourReference r = finish(counts, strength, source);
  r.colourfulness = float(colorfulness(lab_planes_to_srgb8(L, a, b)));
  return r;
}

ColourReference reference_from_palette(const std::vector<std::array<uint8_t, 3>>& colours, float strength) {
  check_reference_strength(strength);
  const AbGrid grid;
  std::vector<double> counts(size_t(grid.size()), 0.0);
  for (const auto& c : colours) {
    const Lab lab = srgb8_to_lab(c[0], c[1], c[2]);
    spread(grid, lab[1], lab[2], 10.f, 1.f, counts);
  }
  return finish(counts, strength, "palette");
}

std::vector<std::array<uint8_t, 3>> parse_palette(const std::string& text) {
  std::vector<std::array<uint8_t, 3>> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(std::remove_if(item.begin(), item.end(), [](unsigned char c) { return std::isspace(c); }),
               item.end());
    if (!item.empty() && item[0] == '#') item.erase(0, 1);
    bool ok = item.size() == 6;
    for (char c : item) ok = ok && std::isxdigit(static_cast<unsigned char>(c));
    if (!ok) throw UsageError("--palette: '" + item + "' is not a colour like #3b5e8c");
    const unsigned long v = std::stoul(item, nullptr, 16);
    out.push_back({uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.size() < 3 || out.size() > 8)
    throw UsageError("--palette: give 3 to 8 colours (got " + std::to_string(out.size()) + ")");
  return out;
}

}  // namespace tinge
