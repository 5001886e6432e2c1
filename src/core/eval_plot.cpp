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
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&apos;"; break;
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

}  // namespace

std::string eval_svg(const std::vector<EvalReport>& reports) {
  // x: the union of hint counts, evenly spaced by index.
  std::vector<int> xs;
  double lo = INFINITY, hi = -INFINITY;
  for (const EvalReport& r : reports)
    for (const EvalRow& row : r.rows) {
      xs.push_back(row.hints);
      if (std::isfinite(row.psnr_mean)) lo = std::min(lo, row.psnr_mean), hi = std::max(hi, row.psnr_mean);
    }
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  if (!(lo <= hi)) lo = 0, hi = 1;
  if (hi - lo < 1e-9) lo -= 0.5, hi += 0.5;
  const double step = nice_step(hi - lo, 6);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;

  const double pw = kW - kLeft - kRight, ph = kH - kTop - kBottom, pad = 16;
  auto px = [&](int hints) {
    const auto i = double(std::lower_bound(xs.begin(), xs.end(), hints) - xs.begin());
    return xs.size() < 2 ? kLeft + pw / 2 : kLeft + pad + i * (pw - 2 * pad) / double(xs.size() - 1);
  };
  auto py = [&](double v) { return kTop + ph - (v - lo) / (hi - lo) * ph; };

  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\" viewBox=\"0 0 640 400\" "
       "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
  s += "<rect width=\"640\" height=\"400\" fill=\"white\"/>\n";
  s += "<text x=\"320\" y=\"26\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">"
       "PSNR against number of hints</text>\n";
  // Horizontal grid lines and y ticks.
  // Counted, not accumulated: near 1e17 adding a step of 5 would not move v at all.
  const int ticks = std::min(50, int(std::lround((hi - lo) / step)));
  for (int k = 0; k <= ticks; ++k) {
    const double v = lo + k * step;
    const std::string y = num(py(v));
    s += "<line x1=\"" + num(kLeft) + "\" y1=\"" + y + "\" x2=\"" + num(kLeft + pw) + "\" y2=\"" + y +
         "\" stroke=\"#e0e0e0\"/>\n";
    s += "<text x=\"" + num(kLeft - 8) + "\" y=\"" + num(py(v) + 4) + "\" text-anchor=\"end\">" +
         tick_label(v, step) + "</text>\n";
  }
  // x ticks.
  for (int h : xs) {
    const std::string x = num(px(h));
    s += "<line x1=\"" + x + "\" y1=\"" + num(kTop + ph) + "\" x2=\"" + x + "\" y2=\"" +
         num(kTop + ph + 5) + "\" stroke=\"#333\"/>\n";
    s += "<text x=\"" + x + "\" y=\"" + num(kTop + ph + 19) + "\" text-anchor=\"middle\">" +
         std::to_string(h) + "</text>\n";
  }
  // Axes and labels.
  s += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(pw) + "\" height=\"" +
       num(ph) + "\" fill=\"none\" stroke=\"#333\"/>\n";
  s += "<text x=\"" + num(kLeft + pw / 2) + "\" y=\"" + num(kH - 12) +
       "\" text-anchor=\"middle\">number of hints</text>\n";
  s += "<text x=\"18\" y=\"" + num(kTop + ph / 2) + "\" text-anchor=\"middle\" transform=\"rotate(-90 18 " +
       num(kTop + ph / 2) + ")\">PSNR (dB)</text>\n";
  if (xs.empty())
    s += "<text x=\"320\" y=\"" + num(kTop + ph / 2) + "\" text-anchor=\"middle\" fill=\"#888\">no data</text>\n";

  // One line with markers per report, and a legend in the upper left of the plot (PSNR rises with
  // the number of hints, so that corner is usually empty).
  const double legend_y0 = kTop + 18, lx = kLeft + 12;
  size_t longest = 0;
  for (const EvalReport& r : reports) longest = std::max(longest, r.method.size());
  const double legend_w = std::min(pw - 24, 48 + 7.0 * double(std::max<size_t>(longest, 8)));
  std::string legend;
  if (!reports.empty())
    legend += "<rect x=\"" + num(lx - 6) + "\" y=\"" + num(legend_y0 - 12) + "\" width=\"" +
              num(legend_w) + "\" height=\"" + num(18.0 * double(reports.size()) + 6) +
         "\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n";
  for (size_t k = 0; k < reports.size(); ++k) {
    const EvalReport& r = reports[k];
    const std::string color = kColors[k % (sizeof kColors / sizeof kColors[0])];
    std::string pts, marks;
    for (const EvalRow& row : r.rows) {
      if (!std::isfinite(row.psnr_mean)) continue;
      const std::string x = num(px(row.hints)), y = num(py(row.psnr_mean));
      pts += (pts.empty() ? "" : " ") + x + "," + y;
      marks += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"3.5\" fill=\"" + color + "\"/>\n";
    }
    s += "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\" points=\"" + pts + "\"/>\n";
    s += marks;
    const std::string label = r.method.empty() ? "report " + std::to_string(k + 1) : r.method;
    const double ly = legend_y0 + 18.0 * double(k);
    legend += "<line x1=\"" + num(lx) + "\" y1=\"" + num(ly) + "\" x2=\"" + num(lx + 24) + "\" y2=\"" + num(ly) +
         "\" stroke=\"" + color + "\" stroke-width=\"2\"/>\n";
    legend += "<text x=\"" + num(lx + 30) + "\" y=\"" + num(ly + 4) + "\">" + escape_xml(label) + "</text>\n";
  }
  s += legend + "</svg>\n";
  return s;
}

}  // namespace tinge
