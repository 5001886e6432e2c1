// Pixel checks for the editor's GUI tests (tests/gui/*.sh), which have no other pixel reader:
//   gui_check make-image OUT.png W H [DARK LIGHT]  two regions (dark left, light right: grey levels,
//                                              default 70 and 180) with texture
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
//   gui_check coloured SHOT X0 Y0 X1 Y1 FRACTION  at least FRACTION of the pixels in the rectangle
//                                              have chroma above 6 (SHOT: a PNG, or an `xwd -root` dump)
//   gui_check see-through WITH.png WITHOUT.png MIN_SIDE  hint markers at least MIN_SIDE pixels
//                                              across leave what is inside them visible: of the
//                                              pixels in each such marker's box, under a third change
//   gui_check shot-to-png SHOT.xwd OUT.png     converts a screen grab for looking at
//   gui_check region-diff A B X0 Y0 X1 Y1 MIN MAX  the share of pixels in the rectangle that differ
//                                              (by more than 40 in a channel) lies in [MIN, MAX]
//   gui_check size SESSION I N                 hint I of a session has patch size N
//   gui_check rect-colour SHOT X Y W H MINL MAXL MINC MAXC  the rectangle's mean lightness and mean
//                                              chroma (CIELAB) lie in those ranges
//   gui_check in-gamut SESSION I PHOTO         hint I's colour is in the sRGB gamut at the photo's
//                                              lightness under it (within 1 unit of chroma)
//   gui_check shapes SESSION STROKES REGIONS   the session holds that many strokes and regions
//   gui_check stroke SESSION I A B TOL MIN_LENGTH  stroke I's ab is within TOL of (A, B) and its path
//                                              is at least MIN_LENGTH image pixels long
//   gui_check region SESSION I A B TOL MIN_VERTICES  region I's ab is within TOL of (A, B), with at
//                                              least MIN_VERTICES vertices
//   gui_check ab-near SHOT X Y A B RADIUS TOL  the mean ab of the screen around (X, Y) is within TOL
//                                              of (A, B) brought into gamut at the measured lightness
// Prints what it measured; exits 0 when the check passes, 1 when it fails, 2 on bad usage.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "bench_report_check.hpp"
#include "core/ab_grid.hpp"
#include "core/color.hpp"
#include "core/image_io.hpp"
#include "core/session.hpp"
#include "xwd_read.hpp"

namespace {

using tinge::Rgb8Image;

std::array<float, 2> hex_ab(const std::string& hex) {
  std::string s = hex[0] == '#' ? hex.substr(1) : hex;
  unsigned v = unsigned(std::stoul(s, nullptr, 16));
  tinge::Lab lab = tinge::srgb8_to_lab(uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v));
  return {lab[1], lab[2]};
}

int make_image(const std::string& out, int w, int h, int dark = 70, int light = 180) {
  Rgb8Image img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int base = x < w / 2 ? dark : light;
      int v = base + int(8 * std::sin(x * 0.3) * std::cos(y * 0.25));
      uint8_t* p = img.px(x, y);
      p[0] = p[1] = p[2] = uint8_t(std::clamp(v, 0, 255));
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
  std::printf("near (%g, %g): ab (%.1f, %.1f), want (%.1f, %.1f) for %s, distance %.1f (tol %.1f)\n", cx, cy,
              a, b, want[0], want[1], hex.c_str(), d, tol);
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
        r.data[(size_t(y) * size_t(r.width) + size_t(x)) * 3 + size_t(c)] =
            uint8_t((sum + k * k / 2) / (k * k));
      }
  return r;
}

int same(const std::string& pa, const std::string& pb, int maxdiff, int k = 1) {
  Rgb8Image a = tinge::load_image(pa), b = tinge::load_image(pb);
  if (k > 1) {
    if (a.width != b.width * k || a.height != b.height * k)
      return std::printf("%s (%dx%d) is not %s (%dx%d) reduced %d times\n", pb.c_str(), b.width, b.height,
                         pa.c_str(), a.width, a.height, k),
             1;
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
        std::printf("%s: marker at (%d..%d, %d..%d), %zu ring pixels, %zu fill pixels\n", hex.c_str(), c.x0,
                    c.x1, c.y0, c.y1, c.n, inside);
        found = true;
        break;
      }
    }
    if (!found) ++fails, std::printf("FAIL: no hint marker of colour %s\n", hex.c_str());
  }
  return fails ? 1 : 0;
}

Rgb8Image load_shot(const std::string& path) {
  const std::string ext = path.size() > 4 ? path.substr(path.size() - 4) : "";
  return ext == ".xwd" ? xwd::read(path) : tinge::load_image(path);
}

int coloured(const std::string& path, int x0, int y0, int x1, int y1, double want) {
  const Rgb8Image img = load_shot(path);
  x0 = std::max(0, x0), y0 = std::max(0, y0), x1 = std::min(img.width, x1), y1 = std::min(img.height, y1);
  size_t n = 0, hit = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x, ++n) {
      const uint8_t* p = img.px(x, y);
      const tinge::Lab lab = tinge::srgb8_to_lab(p[0], p[1], p[2]);
      hit += std::hypot(lab[1], lab[2]) > 6.f;
    }
  const double frac = n ? double(hit) / double(n) : 0.0;
  std::printf("%s: %.1f%% of (%d..%d, %d..%d) coloured (want at least %.1f%%)\n", path.c_str(), 100 * frac,
              x0, x1, y0, y1, 100 * want);
  return n && frac >= want ? 0 : 1;
}

// Clusters of pixels that differ between a and b (any channel by more than 40), as boxes.
struct DiffBox {
  int x0, y0, x1, y1;
  size_t n;
};
std::vector<DiffBox> diff_boxes(const Rgb8Image& a, const Rgb8Image& b) {
  const int W = a.width, H = a.height;
  auto differs = [&](size_t i) {
    for (int c = 0; c < 3; ++c)
      if (std::abs(int(a.data[3 * i + size_t(c)]) - int(b.data[3 * i + size_t(c)])) > 40) return true;
    return false;
  };
  std::vector<char> seen(size_t(W) * size_t(H), 0);
  std::vector<DiffBox> out;
  std::vector<size_t> stack;
  for (size_t s = 0; s < seen.size(); ++s) {
    if (seen[s] || !differs(s)) continue;
    DiffBox box{W, H, -1, -1, 0};
    seen[s] = 1;
    stack.push_back(s);
    while (!stack.empty()) {
      const size_t i = stack.back();
      stack.pop_back();
      const int x = int(i % size_t(W)), y = int(i / size_t(W));
      box.x0 = std::min(box.x0, x), box.y0 = std::min(box.y0, y), box.x1 = std::max(box.x1, x);
      box.y1 = std::max(box.y1, y), ++box.n;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= W || ny >= H) continue;
          const size_t j = size_t(ny) * size_t(W) + size_t(nx);
          if (!seen[j] && differs(j)) seen[j] = 1, stack.push_back(j);
        }
    }
    out.push_back(box);
  }
  return out;
}

int see_through(const std::string& with_path, const std::string& without_path, int min_side) {
  const Rgb8Image a = load_shot(with_path), b = load_shot(without_path);
  if (a.width != b.width || a.height != b.height) return std::printf("screenshot sizes differ\n"), 1;
  int big = 0, fails = 0;
  for (const DiffBox& box : diff_boxes(a, b)) {
    const int w = box.x1 - box.x0 + 1, h = box.y1 - box.y0 + 1;
    if (w < min_side || h < min_side) continue;
    ++big;
    const double frac = double(box.n) / (double(w) * double(h));
    std::printf("marker (%d..%d, %d..%d): %.1f%% of its box changes\n", box.x0, box.x1, box.y0, box.y1,
                100 * frac);
    if (frac > 1.0 / 3.0) ++fails, std::printf("FAIL: the marker hides what is under it\n");
  }
  if (big == 0) return std::printf("FAIL: no marker at least %d pixels across\n", min_side), 1;
  return fails ? 1 : 0;
}

int region_diff(const std::string& pa, const std::string& pb, int x0, int y0, int x1, int y1, double lo,
                double hi) {
  const Rgb8Image a = load_shot(pa), b = load_shot(pb);
  if (a.width != b.width || a.height != b.height) return std::printf("screenshot sizes differ\n"), 1;
  x0 = std::max(0, x0), y0 = std::max(0, y0), x1 = std::min(a.width, x1), y1 = std::min(a.height, y1);
  size_t n = 0, diff = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x, ++n) {
      const uint8_t *p = a.px(x, y), *q = b.px(x, y);
      bool d = false;
      for (int c = 0; c < 3; ++c) d = d || std::abs(int(p[c]) - int(q[c])) > 40;
      diff += d;
    }
  const double frac = n ? double(diff) / double(n) : 0.0;
  std::printf("%s vs %s: %.2f%% of (%d..%d, %d..%d) differ (want %.2f..%.2f%%)\n", pa.c_str(), pb.c_str(),
              100 * frac, x0, x1, y0, y1, 100 * lo, 100 * hi);
  return n && frac >= lo && frac <= hi ? 0 : 1;
}

int size_of(const std::string& path, int i, int want) {
  const auto p = session_point(path, i);
  if (!p) return 1;
  std::printf("point %d has patch size %d, want %d\n", i, p->size, want);
  return p->size == want ? 0 : 1;
}

int in_gamut(const std::string& session, int i, const std::string& photo) {
  const auto p = session_point(session, i);
  if (!p) return 1;
  const Rgb8Image img = tinge::load_image(photo);
  double sum = 0;
  int n = 0;
  for (int y = int(p->y) - p->size / 2; y <= int(p->y) + p->size / 2; ++y)
    for (int x = int(p->x) - p->size / 2; x <= int(p->x) + p->size / 2; ++x) {
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
      const uint8_t* q = img.px(x, y);
      sum += tinge::srgb8_to_lab(q[0], q[1], q[2])[0];
      ++n;
    }
  const float L = n ? float(sum / n) : 50.f;
  const auto g = tinge::clamp_to_gamut(L, p->a, p->b);
  const double over = std::hypot(p->a, p->b) - std::hypot(g[0], g[1]);
  std::printf("point %d: ab (%.1f, %.1f) at L %.1f; in gamut up to chroma %.1f (over by %.1f)\n", i, p->a,
              p->b, L, std::hypot(g[0], g[1]), over);
  return over <= 1.0 ? 0 : 1;
}

int rect_colour(const std::string& path, int x, int y, int w, int h, double minL, double maxL, double minC,
                double maxC) {
  const Rgb8Image img = load_shot(path);
  double sL = 0, sC = 0;
  int n = 0;
  for (int yy = std::max(0, y); yy < std::min(img.height, y + h); ++yy)
    for (int xx = std::max(0, x); xx < std::min(img.width, x + w); ++xx, ++n) {
      const uint8_t* p = img.px(xx, yy);
      const tinge::Lab lab = tinge::srgb8_to_lab(p[0], p[1], p[2]);
      sL += lab[0];
      sC += std::hypot(lab[1], lab[2]);
    }
  if (n == 0) return std::printf("empty rectangle\n"), 1;
  const double L = sL / n, C = sC / n;
  std::printf("(%d, %d) %dx%d: L %.1f (want %g..%g), chroma %.1f (want %g..%g)\n", x, y, w, h, L, minL, maxL,
              C, minC, maxC);
  return L >= minL && L <= maxL && C >= minC && C <= maxC ? 0 : 1;
}

// Prints the mean CIELAB a and b of a screen rectangle ("a b").
int mean_ab(const std::string& path, int x, int y, int w, int h) {
  const Rgb8Image img = load_shot(path);
  double sa = 0, sb = 0;
  int n = 0;
  for (int yy = std::max(0, y); yy < std::min(img.height, y + h); ++yy)
    for (int xx = std::max(0, x); xx < std::min(img.width, x + w); ++xx, ++n) {
      const uint8_t* p = img.px(xx, yy);
      const tinge::Lab lab = tinge::srgb8_to_lab(p[0], p[1], p[2]);
      sa += lab[1];
      sb += lab[2];
    }
  if (n == 0) return std::printf("empty rectangle\n"), 1;
  std::printf("%.2f %.2f\n", sa / n, sb / n);
  return 0;
}

int shapes(const std::string& path, int strokes, int regions) {
  const tinge::Session s = tinge::load_session(path);
  std::printf("%s holds %zu strokes and %zu regions, want %d and %d\n", path.c_str(), s.strokes.size(),
              s.regions.size(), strokes, regions);
  return int(s.strokes.size()) == strokes && int(s.regions.size()) == regions ? 0 : 1;
}

int stroke(const std::string& path, int i, double a, double b, double tol, double min_length) {
  const tinge::Session s = tinge::load_session(path);
  if (i < 0 || i >= int(s.strokes.size())) return std::printf("no stroke %d\n", i), 1;
  const tinge::HintStroke& st = s.strokes[size_t(i)];
  double length = 0;
  for (size_t k = 1; k < st.points.size(); ++k)
    length += std::hypot(st.points[k].x - st.points[k - 1].x, st.points[k].y - st.points[k - 1].y);
  const double d = std::hypot(st.a - a, st.b - b);
  std::printf(
      "stroke %d: ab (%.2f, %.2f) want (%g, %g), distance %.2f; %zu points from (%.1f, %.1f) to (%.1f, "
      "%.1f), length %.1f (want >= %g), width %g\n",
      i, st.a, st.b, a, b, d, st.points.size(), st.points.front().x, st.points.front().y, st.points.back().x,
      st.points.back().y, length, min_length, st.width);
  return d <= tol && length >= min_length ? 0 : 1;
}

int region(const std::string& path, int i, double a, double b, double tol, int min_vertices) {
  const tinge::Session s = tinge::load_session(path);
  if (i < 0 || i >= int(s.regions.size())) return std::printf("no region %d\n", i), 1;
  const tinge::HintRegion& r = s.regions[size_t(i)];
  const double d = std::hypot(r.a - a, r.b - b);
  std::printf("region %d: ab (%.2f, %.2f) want (%g, %g), distance %.2f; %zu vertices (want >= %d)\n", i, r.a,
              r.b, a, b, d, r.polygon.size(), min_vertices);
  return d <= tol && int(r.polygon.size()) >= min_vertices ? 0 : 1;
}

int ab_near(const std::string& path, int cx, int cy, double a, double b, int r, double tol) {
  const Rgb8Image img = load_shot(path);
  double sL = 0, sa = 0, sb = 0;
  int n = 0;
  for (int y = cy - r; y <= cy + r; ++y)
    for (int x = cx - r; x <= cx + r; ++x) {
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
      const uint8_t* p = img.px(x, y);
      const tinge::Lab lab = tinge::srgb8_to_lab(p[0], p[1], p[2]);
      sL += lab[0], sa += lab[1], sb += lab[2], ++n;
    }
  if (n == 0) return std::printf("no pixels around (%d, %d)\n", cx, cy), 1;
  const auto want = tinge::clamp_to_gamut(float(sL / n), float(a), float(b));
  const double d = std::hypot(sa / n - want[0], sb / n - want[1]);
  std::printf("around (%d, %d): L %.1f, ab (%.1f, %.1f), want (%.1f, %.1f), distance %.1f (tol %g)\n", cx, cy,
              sL / n, sa / n, sb / n, want[0], want[1], d, tol);
  return d <= tol ? 0 : 1;
}

int usage() {
  std::fprintf(
      stderr,
      "usage: gui_check make-image OUT W H [DARK LIGHT] | near IMG X Y HEX RADIUS TOL | same A B MAXDIFF |\n"
      "       same-reduced A B K MAXDIFF (B is A reduced K times) |\n"
      "       point SESSION I X Y TOL | point-ab SESSION I A B TOL | count SESSION N |\n"
      "       apart SESSION FIRST MIN_DIST |\n"
      "       screenshot WITH WITHOUT HEX... |\n"
      "       bench REPORT.json EDITS drafts|full |\n"
      "       coloured SHOT X0 Y0 X1 Y1 FRACTION | see-through WITH WITHOUT MIN_SIDE |\n"
      "       shot-to-png SHOT.xwd OUT.png | region-diff A B X0 Y0 X1 Y1 MIN MAX |\n"
      "       size SESSION I N | in-gamut SESSION I PHOTO |\n"
      "       rect-colour SHOT X Y W H MINL MAXL MINC MAXC | mean-ab SHOT X Y W H |\n"
      "       shapes SESSION STROKES REGIONS | stroke SESSION I A B TOL MIN_LENGTH |\n"
      "       region SESSION I A B TOL MIN_VERTICES | ab-near SHOT X Y A B RADIUS TOL\n");
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
    if (a.size() == 7 && a[0] == "coloured")
      return coloured(a[1], std::stoi(a[2]), std::stoi(a[3]), std::stoi(a[4]), std::stoi(a[5]),
                      std::stod(a[6]));
    if (a.size() == 9 && a[0] == "region-diff")
      return region_diff(a[1], a[2], std::stoi(a[3]), std::stoi(a[4]), std::stoi(a[5]), std::stoi(a[6]),
                         std::stod(a[7]), std::stod(a[8]));
    if (a.size() == 6 && a[0] == "make-image")
      return make_image(a[1], std::stoi(a[2]), std::stoi(a[3]), std::stoi(a[4]), std::stoi(a[5]));
    if (a.size() == 4 && a[0] == "in-gamut") return in_gamut(a[1], std::stoi(a[2]), a[3]);
    if (a.size() == 10 && a[0] == "rect-colour")
      return rect_colour(a[1], std::stoi(a[2]), std::stoi(a[3]), std::stoi(a[4]), std::stoi(a[5]),
                         std::stod(a[6]), std::stod(a[7]), std::stod(a[8]), std::stod(a[9]));
    if (a.size() == 6 && a[0] == "mean-ab")
      return mean_ab(a[1], std::stoi(a[2]), std::stoi(a[3]), std::stoi(a[4]), std::stoi(a[5]));
    if (a.size() == 4 && a[0] == "size") return size_of(a[1], std::stoi(a[2]), std::stoi(a[3]));
    if (a.size() == 4 && a[0] == "shapes") return shapes(a[1], std::stoi(a[2]), std::stoi(a[3]));
    if (a.size() == 7 && a[0] == "stroke")
      return stroke(a[1], std::stoi(a[2]), std::stod(a[3]), std::stod(a[4]), std::stod(a[5]),
                    std::stod(a[6]));
    if (a.size() == 7 && a[0] == "region")
      return region(a[1], std::stoi(a[2]), std::stod(a[3]), std::stod(a[4]), std::stod(a[5]),
                    std::stoi(a[6]));
    if (a.size() == 8 && a[0] == "ab-near")
      return ab_near(a[1], std::stoi(a[2]), std::stoi(a[3]), std::stod(a[4]), std::stod(a[5]),
                     std::stoi(a[6]), std::stod(a[7]));
    if (a.size() == 4 && a[0] == "see-through") return see_through(a[1], a[2], std::stoi(a[3]));
    if (a.size() == 3 && a[0] == "shot-to-png") return tinge::save_image(load_shot(a[1]), a[2]), 0;
    if (a.size() >= 4 && a[0] == "screenshot")
      return screenshot(a[1], a[2], std::vector<std::string>(a.begin() + 3, a.end()));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gui_check: %s\n", e.what());
    return 2;
  }
  return usage();
}
