// Renders evaluation reports as a self-contained SVG line plot of PSNR against the number of hints.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "evaluate.hpp"

namespace tinge {
namespace {

constexpr double kW = 640, kH = 400;
constexpr double kLeft = 64, kRight = 20, kTop = 44, kBottom = 56;
const char* const kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                               "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string escape_xml(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      case '\'':
        o += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') o += c;
    }
  }
  return o;
}

// A tick step of 1, 2 or 5 times a power of ten giving about `target` intervals over `span`.
double nice_step(double span, int target) {
  const double raw = span / target;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * p >= raw) return m * p;
  return 10.0 * p;
}

std::string tick_label(double v, double step) {
  char buf[32];
  std::snprintf(buf, sizeof buf, step >= 1 ? "%.0f" : "%.1f", v);
  return buf;
}

// Where things go: the hint counts on x (the union over the reports, evenly spaced by index) and
// the PSNR range on y, rounded out to whole tick steps.
struct PlotFrame {
  std::vector<int> xs;
  double lo = 0, hi = 1, step = 1;
  double pw = kW - kLeft - kRight, ph = kH - kTop - kBottom, pad = 16;

  explicit PlotFrame(const std::vector<EvalReport>& reports) {
    double l = INFINITY, h = -INFINITY;
    for (const EvalReport& r : reports)
      for (const EvalRow& row : r.rows) {
        xs.push_back(row.hints);
        if (std::isfinite(row.psnr_mean)) l = std::min(l, row.psnr_mean), h = std::max(h, row.psnr_mean);
      }
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    if (!(l <= h)) l = 0, h = 1;
    if (h - l < 1e-9) l -= 0.5, h += 0.5;
    step = nice_step(h - l, 6);
    lo = std::floor(l / step) * step;
    hi = std::ceil(h / step) * step;
  }
  double px(int hints) const {
    const auto i = double(std::lower_bound(xs.begin(), xs.end(), hints) - xs.begin());
    return xs.size() < 2 ? kLeft + pw / 2 : kLeft + pad + i * (pw - 2 * pad) / double(xs.size() - 1);
  }
  double py(double v) const { return kTop + ph - (v - lo) / (hi - lo) * ph; }
};

// The title, grid lines, ticks, axes and their labels.
std::string axes_svg(const PlotFrame& f) {
  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\" viewBox=\"0 0 640 400\" "
       "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
  s += "<rect width=\"640\" height=\"400\" fill=\"white\"/>\n";
  s += "<text x=\"320\" y=\"26\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">"
       "PSNR against number of hints</text>\n";
  // Horizontal grid lines and y ticks.
  // Counted, not accumulated: near 1e17 adding a step of 5 would not move v at all.
  const int ticks = std::min(50, int(std::lround((f.hi - f.lo) / f.step)));
  for (int k = 0; k <= ticks; ++k) {
    const double v = f.lo + k * f.step;
    const std::string y = num(f.py(v));
    s += "<line x1=\"" + num(kLeft) + "\" y1=\"" + y + "\" x2=\"" + num(kLeft + f.pw) + "\" y2=\"" + y +
         "\" stroke=\"#e0e0e0\"/>\n";
    s += "<text x=\"" + num(kLeft - 8) + "\" y=\"" + num(f.py(v) + 4) + "\" text-anchor=\"end\">" +
         tick_label(v, f.step) + "</text>\n";
  }
  // x ticks.
  for (int h : f.xs) {
    const std::string x = num(f.px(h));
    s += "<line x1=\"" + x + "\" y1=\"" + num(kTop + f.ph) + "\" x2=\"" + x + "\" y2=\"" +
         num(kTop + f.ph + 5) + "\" stroke=\"#333\"/>\n";
    s += "<text x=\"" + x + "\" y=\"" + num(kTop + f.ph + 19) + "\" text-anchor=\"middle\">" +
         std::to_string(h) + "</text>\n";
  }
  // Axes and labels.
  s += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(f.pw) + "\" height=\"" +
       num(f.ph) + "\" fill=\"none\" stroke=\"#333\"/>\n";
  s += "<text x=\"" + num(kLeft + f.pw / 2) + "\" y=\"" + num(kH - 12) +
       "\" text-anchor=\"middle\">number of hints</text>\n";
  s += "<text x=\"18\" y=\"" + num(kTop + f.ph / 2) + "\" text-anchor=\"middle\" transform=\"rotate(-90 18 " +
       num(kTop + f.ph / 2) + ")\">PSNR (dB)</text>\n";
  if (f.xs.empty())
    s += "<text x=\"320\" y=\"" + num(kTop + f.ph / 2) +
         "\" text-anchor=\"middle\" fill=\"#888\">no data</text>\n";
  return s;
}

// One line with markers per report, then a legend in the upper left of the plot (PSNR rises with
// the number of hints, so that corner is usually empty).
// A report's name in the legend: its method, its hint shape unless points and its placement unless
// uniform.
std::string series_label(const EvalReport& r, size_t k) {
  std::string label = r.method.empty() ? "report " + std::to_string(k + 1) : r.method;
  if (!r.hint_shape.empty() && r.hint_shape != "point") label += " (" + r.hint_shape + "s)";
  if (!r.placement.empty() && r.placement != "uniform") label += " (" + r.placement + ")";
  return label;
}

std::string series_svg(const std::vector<EvalReport>& reports, const PlotFrame& f) {
  const double legend_y0 = kTop + 18, lx = kLeft + 12;
  size_t longest = 0;
  for (size_t k = 0; k < reports.size(); ++k) longest = std::max(longest, series_label(reports[k], k).size());
  const double legend_w = std::min(f.pw - 24, 48 + 7.0 * double(std::max<size_t>(longest, 8)));
  std::string s, legend;
  if (!reports.empty())
    legend += "<rect x=\"" + num(lx - 6) + "\" y=\"" + num(legend_y0 - 12) + "\" width=\"" + num(legend_w) +
              "\" height=\"" + num(18.0 * double(reports.size()) + 6) +
              "\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n";
  for (size_t k = 0; k < reports.size(); ++k) {
    const EvalReport& r = reports[k];
    const std::string color = kColors[k % (sizeof kColors / sizeof kColors[0])];
    std::string pts, marks;
    for (const EvalRow& row : r.rows) {
      if (!std::isfinite(row.psnr_mean)) continue;
      const std::string x = num(f.px(row.hints)), y = num(f.py(row.psnr_mean));
      pts += (pts.empty() ? "" : " ") + x + "," + y;
      marks += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"3.5\" fill=\"" + color + "\"/>\n";
    }
    s += "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\" points=\"" + pts + "\"/>\n";
    s += marks;
    const std::string label = series_label(r, k);
    const double ly = legend_y0 + 18.0 * double(k);
    legend += "<line x1=\"" + num(lx) + "\" y1=\"" + num(ly) + "\" x2=\"" + num(lx + 24) + "\" y2=\"" +
              num(ly) + "\" stroke=\"" + color + "\" stroke-width=\"2\"/>\n";
    legend += "<text x=\"" + num(lx + 30) + "\" y=\"" + num(ly + 4) + "\">" + escape_xml(label) + "</text>\n";
  }
  return s + legend;
}

}  // namespace

std::string eval_svg(const std::vector<EvalReport>& reports) {
  const PlotFrame frame(reports);
  return axes_svg(frame) + series_svg(reports, frame) + "</svg>\n";
}

}  // namespace tinge
