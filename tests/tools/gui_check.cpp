// Pixel checks for the editor's GUI tests (tests/gui/*.sh), which have no other pixel reader:
//   gui_check make-image OUT.png W H          two regions (dark left, light right) with texture
//   gui_check near IMG.png X Y HEX RADIUS TOL the mean ab around (X, Y) is within TOL of HEX's ab
//                                              (brought into gamut at the measured lightness)
//   gui_check same A.png B.png MAXDIFF        same size, no channel differs by more than MAXDIFF
//   gui_check same-reduced A.png B.png K MAXDIFF  B is A averaged over K x K blocks, to MAXDIFF
//   gui_check point SESSION.json I X Y TOL    hint I of a session lies within TOL of (X, Y)
//   gui_check count SESSION.json N            the session holds N hints
//   gui_check apart SESSION.json FIRST D      hints FIRST.. exist and lie D px from every other
//   gui_check screenshot WITH.png WITHOUT.png HEX...
//       the screenshot is not blank, shows the hints' hues over a sizeable area (the image), and
//       differs from the hints-hidden one by marker rings (black and white) around each hint's hue.
//   gui_check bench REPORT.json EDITS drafts|full   the `tinge edit --bench` report is well formed and
//                                              plausible (bench_report_check.hpp)
// Prints what it measured; exits 0 when the check passes, 1 when it fails, 2 on bad usage.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "core/ab_grid.hpp"
#include "core/color.hpp"
#include "core/image_io.hpp"
#include "core/session.hpp"
#include "bench_report_check.hpp"

namespace {

using tinge::Rgb8Image;

std::array<float, 2> hex_ab(const std::string& hex) {
  std::string s = hex[0] == '#' ? hex.substr(1) : hex;
  unsigned v = unsigned(std::stoul(s, nullptr, 16));
  tinge::Lab lab = tinge::srgb8_to_lab(uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v));
  return {lab[1], lab[2]};
}

int make_image(const std::string& out, int w, int h) {
  Rgb8Image img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int base = x < w / 2 ? 70 : 180;
      int v = base + int(8 * std::sin(x * 0.3) * std::cos(y * 0.25));
      uint8_t* p = img.px(x, y);
      p[0] = p[1] = p[2] = uint8_t(v);
    }
  tinge::save_image(img, out);
  return 0;
}

int near(const std::string& path, double cx, double cy, const std::string& hex, int r, double tol) {
  Rgb8Image img = tinge::load_image(path);
  double sL = 0, sa = 0, sb = 0;
  int n = 0;
  for (int y = int(cy) - r; y <= int(cy) + r; ++y)
    for (int x = int(cx) - r; x <= int(cx) + r; ++x) {
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
      const uint8_t* p = img.px(x, y);
      tinge::Lab lab = tinge::srgb8_to_lab(p[0], p[1], p[2]);
      sL += lab[0];
      sa += lab[1];
      sb += lab[2];
      ++n;
    }
  if (n == 0) return std::printf("no pixels around (%g, %g)\n", cx, cy), 1;
  auto hue = hex_ab(hex);
  auto want = tinge::clamp_to_gamut(float(sL / n), hue[0], hue[1]);
  double a = sa / n, b = sb / n, d = std::hypot(a - want[0], b - want[1]);
  std::printf("near (%g, %g): ab (%.1f, %.1f), want (%.1f, %.1f) for %s, distance %.1f (tol %.1f)\n", cx,
              cy, a, b, want[0], want[1], hex.c_str(), d, tol);
  return d <= tol ? 0 : 1;
}

// A reduced k times in each direction by averaging k x k blocks (sizes must divide).
Rgb8Image box_reduce(const Rgb8Image& a, int k) {
  Rgb8Image r(a.width / k, a.height / k);
  for (int y = 0; y < r.height; ++y)
    for (int x = 0; x < r.width; ++x)
      for (int c = 0; c < 3; ++c) {
        int sum = 0;
        for (int dy = 0; dy < k; ++dy)
          for (int dx = 0; dx < k; ++dx)
            sum += a.data[(size_t(y * k + dy) * size_t(a.width) + size_t(x * k + dx)) * 3 + size_t(c)];
        r.data[(size_t(y) * size_t(r.width) + size_t(x)) * 3 + size_t(c)] = uint8_t((sum + k * k / 2) / (k * k));
      }
  return r;
}

int same(const std::string& pa, const std::string& pb, int maxdiff, int k = 1) {
  Rgb8Image a = tinge::load_image(pa), b = tinge::load_image(pb);
  if (k > 1) {
    if (a.width != b.width * k || a.height != b.height * k)
      return std::printf("%s (%dx%d) is not %s (%dx%d) reduced %d times\n", pb.c_str(), b.width, b.height,
                         pa.c_str(), a.width, a.height, k), 1;
    a = box_reduce(a, k);
  }
  if (a.width != b.width || a.height != b.height)
    return std::printf("sizes differ: %dx%d vs %dx%d\n", a.width, a.height, b.width, b.height), 1;
  int worst = 0;
  double sum = 0;
  for (size_t i = 0; i < a.data.size(); ++i) {
    int d = std::abs(int(a.data[i]) - int(b.data[i]));
    worst = std::max(worst, d);
    sum += d;
  }
  std::printf("max difference %d, mean %.3f (allowed max %d)\n", worst, sum / double(a.data.size()), maxdiff);
  return worst <= maxdiff ? 0 : 1;
}

// Loads a session and checks that it has point i; prints why not and returns null otherwise.
std::optional<tinge::HintPoint> session_point(const std::string& path, int i) {
  tinge::Session s = tinge::load_session(path);
  if (i >= 0 && i < int(s.points.size())) return s.points[size_t(i)];
  std::printf("session has %zu points, no point %d\n", s.points.size(), i);
  return std::nullopt;
}

int point(const std::string& path, int i, double x, double y, double tol) {
  const auto p = session_point(path, i);
  if (!p) return 1;
  double d = std::hypot(p->x - x, p->y - y);
  std::printf("point %d at (%.2f, %.2f), want (%g, %g), distance %.2f\n", i, p->x, p->y, x, y, d);
  return d <= tol ? 0 : 1;
}

int point_ab(const std::string& path, int i, double a, double b, double tol) {
  const auto p = session_point(path, i);
  if (!p) return 1;
  double d = std::hypot(p->a - a, p->b - b);
  std::printf("point %d has ab (%.2f, %.2f), want (%g, %g), distance %.2f\n", i, p->a, p->b, a, b, d);
  return d <= tol ? 0 : 1;
}

int count(const std::string& path, int n) {
  tinge::Session s = tinge::load_session(path);
  std::printf("%s holds %zu hints, want %d\n", path.c_str(), s.points.size(), n);
  return int(s.points.size()) == n ? 0 : 1;
}

// Hints from index `first` on exist (at least one) and each lies at least `min_dist` pixels from
// every other hint of the session.
int apart(const std::string& path, int first, double min_dist) {
  tinge::Session s = tinge::load_session(path);
  const int n = int(s.points.size());
  std::printf("%s holds %d hints, checking %d.. are %g apart\n", path.c_str(), n, first, min_dist);
  if (first < 0 || first >= n) return 1;
  int fails = 0;
  for (int i = first; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const auto &p = s.points[size_t(i)], &q = s.points[size_t(j)];
      const double d = std::hypot(p.x - q.x, p.y - q.y);
      if (i != j && d < min_dist) ++fails, std::printf("FAIL: hints %d and %d are %.1f apart\n", i, j, d);
    }
  return fails ? 1 : 0;
}

// Same hue (within `deg` degrees) and clearly coloured: survives bringing a colour into gamut.
bool same_hue(const uint8_t* p, std::array<float, 2> ab, float deg) {
  tinge::Lab lab = tinge::srgb8_to_lab(p[0], p[1], p[2]);
  if (std::hypot(lab[1], lab[2]) < 12.f) return false;
  double d = std::atan2(lab[2], lab[1]) - std::atan2(ab[1], ab[0]);
  d = std::fabs(std::remainder(d, 2 * M_PI)) * 180 / M_PI;
  return d < deg;
}

int screenshot(const std::string& with_path, const std::string& without_path,
               const std::vector<std::string>& hexes) {
  Rgb8Image a = tinge::load_image(with_path), b = tinge::load_image(without_path);
  if (a.width != b.width || a.height != b.height) return std::printf("screenshot sizes differ\n"), 1;
  const int W = a.width, H = a.height;
  const size_t N = size_t(W) * size_t(H);
  int fails = 0;
  // Not blank: a spread of grey levels.
  double mean = 0, sq = 0;
  for (size_t i = 0; i < N; ++i) {
    double v = a.data[3 * i + 1];
    mean += v;
    sq += v * v;
  }
  mean /= double(N);
  double sd = std::sqrt(std::max(0.0, sq / double(N) - mean * mean));
  std::printf("screenshot %dx%d: grey mean %.1f, sd %.1f\n", W, H, mean, sd);
  if (sd < 10) ++fails, std::printf("FAIL: the screenshot looks blank\n");
  // The image: each hint colour covers a sizeable area.
  for (const auto& hex : hexes) {
    auto ab = hex_ab(hex);
    size_t count = 0;
    for (size_t i = 0; i < N; ++i) count += same_hue(&a.data[3 * i], ab, 15.f);
    std::printf("%s: %zu pixels of that colour (%.2f%%)\n", hex.c_str(), count, 100.0 * count / N);
    if (count < N / 200) ++fails, std::printf("FAIL: the colourised image does not show %s\n", hex.c_str());
  }
  // The markers: pixels that change when hints are hidden, grouped into clusters.
  std::vector<int> label(N, -1);
  auto differs = [&](size_t i) {
    for (int c = 0; c < 3; ++c)
      if (std::abs(int(a.data[3 * i + c]) - int(b.data[3 * i + c])) > 40) return true;
    return false;
  };
  struct Cluster {
    int x0, y0, x1, y1;
    size_t n, white, black;
  };
  std::vector<Cluster> clusters;
  std::vector<size_t> stack;
  for (size_t s = 0; s < N; ++s) {
    if (label[s] >= 0 || !differs(s)) continue;
    Cluster c{W, H, -1, -1, 0, 0, 0};
    label[s] = int(clusters.size());
    stack.push_back(s);
    while (!stack.empty()) {
      size_t i = stack.back();
      stack.pop_back();
      int x = int(i % size_t(W)), y = int(i / size_t(W));
      c.x0 = std::min(c.x0, x), c.y0 = std::min(c.y0, y), c.x1 = std::max(c.x1, x), c.y1 = std::max(c.y1, y);
      ++c.n;
      const uint8_t* p = &a.data[3 * i];
      if (p[0] > 235 && p[1] > 235 && p[2] > 235) ++c.white;
      if (p[0] < 25 && p[1] < 25 && p[2] < 25) ++c.black;
      for (int d = 0; d < 4; ++d) {
        int nx = x + (d == 0) - (d == 1), ny = y + (d == 2) - (d == 3);
        if (nx < 0 || ny < 0 || nx >= W || ny >= H) continue;
        size_t j = size_t(ny) * size_t(W) + size_t(nx);
        if (label[j] < 0 && differs(j)) label[j] = int(clusters.size()), stack.push_back(j);
      }
    }
    clusters.push_back(c);
  }
  size_t changed = 0;
  for (const auto& c : clusters) changed += c.n;
  std::printf("%zu pixels change when hints are hidden, in %zu clusters\n", changed, clusters.size());
  if (changed == 0 || changed > N / 10) ++fails, std::printf("FAIL: hiding hints should change a little\n");
  for (const auto& hex : hexes) {
    auto ab = hex_ab(hex);
    bool found = false;
    for (const auto& c : clusters) {
      if (c.n < 20 || c.white == 0 || c.black == 0) continue;  // a marker has both rings
      size_t inside = 0;
      for (int y = c.y0; y <= c.y1; ++y)
        for (int x = c.x0; x <= c.x1; ++x) inside += same_hue(a.px(x, y), ab, 15.f);
      if (inside >= 10) {
        std::printf("%s: marker at (%d..%d, %d..%d), %zu ring pixels, %zu fill pixels\n", hex.c_str(),
                    c.x0, c.x1, c.y0, c.y1, c.n, inside);
        found = true;
        break;
      }
    }
    if (!found) ++fails, std::printf("FAIL: no hint marker of colour %s\n", hex.c_str());
  }
  return fails ? 1 : 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: gui_check make-image OUT W H | near IMG X Y HEX RADIUS TOL | same A B MAXDIFF |\n"
               "       same-reduced A B K MAXDIFF (B is A reduced K times) |\n"
               "       point SESSION I X Y TOL | point-ab SESSION I A B TOL | count SESSION N |\n"
               "       apart SESSION FIRST MIN_DIST |\n"
               "       screenshot WITH WITHOUT HEX... |\n"
               "       bench REPORT.json EDITS drafts|full\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  try {
    if (a.size() == 4 && a[0] == "make-image") return make_image(a[1], std::stoi(a[2]), std::stoi(a[3]));
    if (a.size() == 7 && a[0] == "near")
      return near(a[1], std::stod(a[2]), std::stod(a[3]), a[4], std::stoi(a[5]), std::stod(a[6]));
    if (a.size() == 4 && a[0] == "same") return same(a[1], a[2], std::stoi(a[3]));
    if (a.size() == 5 && a[0] == "same-reduced")
      return same(a[1], a[2], std::stoi(a[4]), std::max(1, std::stoi(a[3])));
    if (a.size() == 6 && a[0] == "point")
      return point(a[1], std::stoi(a[2]), std::stod(a[3]), std::stod(a[4]), std::stod(a[5]));
    if (a.size() == 6 && a[0] == "point-ab")
      return point_ab(a[1], std::stoi(a[2]), std::stod(a[3]), std::stod(a[4]), std::stod(a[5]));
    if (a.size() == 3 && a[0] == "count") return count(a[1], std::stoi(a[2]));
    if (a.size() == 4 && a[0] == "apart") return apart(a[1], std::stoi(a[2]), std::stod(a[3]));
    if (a.size() == 4 && a[0] == "bench" && (a[3] == "drafts" || a[3] == "full"))
      return bench_check::check(a[1], std::stoi(a[2]), a[3] == "drafts");
    if (a.size() >= 4 && a[0] == "screenshot")
      return screenshot(a[1], a[2], std::vector<std::string>(a.begin() + 3, a.end()));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gui_check: %s\n", e.what());
    return 2;
  }
  return usage();
}
