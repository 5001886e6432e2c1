// Training progress output (see train_log.hpp).
#include "nn/train_log.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace tinge {

std::string format_duration(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  char buf[32];
  const long t = long(s + 0.5);
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t / 60) % 60);
  else if (t >= 60)
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%lds", t);
  return buf;
}

std::string progress_line(const TrainLogRow& r, int64_t total, double eta) {
  const int width = 24;
  const double f = total > 0 ? std::min(1.0, double(r.step) / double(total)) : 0.0;
  std::string bar(size_t(f * width + 0.5), '#');
  bar.resize(width, '.');
  char buf[256];
  std::snprintf(buf, sizeof buf, "[%s] step %lld/%lld  loss %.4f (reg %.4f, ce %.4f)  %.0f img/s  ETA %s",
                bar.c_str(), (long long)r.step, (long long)total, r.loss, r.regression, r.classification,
                r.images_per_s, format_duration(eta).c_str());
  return buf;
}

std::string csv_header() {
  return "step,loss,regression,classification,lr,images_per_s,elapsed_s\n";
}

std::string csv_row(const TrainLogRow& r) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%lld,%.6f,%.6f,%.6f,%.6g,%.1f,%.1f\n", (long long)r.step, r.loss,
                r.regression, r.classification, r.lr, r.images_per_s, r.elapsed_s);
  return buf;
}

std::vector<TrainLogRow> parse_csv(const std::string& text) {
  std::vector<TrainLogRow> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    TrainLogRow r;
    long long step = 0;
    if (std::sscanf(line.c_str(), "%lld,%lf,%lf,%lf,%lf,%lf,%lf", &step, &r.loss, &r.regression,
                    &r.classification, &r.lr, &r.images_per_s, &r.elapsed_s) == 7) {
      r.step = step;
      rows.push_back(r);
    }
  }
  return rows;
}

std::string loss_curve_svg(const std::vector<TrainLogRow>& rows, const std::string& title) {
  const double W = 640, H = 400, ml = 60, mr = 20, mt = 40, mb = 50;
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\"" << H
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" "
       "fill=\"white\"/>\n";
  s << "<text x=\"" << W / 2 << "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" << title
    << "</text>\n";
  if (rows.size() >= 2) {
    double x0 = double(rows.front().step), x1 = double(rows.back().step);
    double y0 = 1e300, y1 = -1e300;
    for (const auto& r : rows) {
      y0 = std::min(y0, r.loss);
      y1 = std::max(y1, r.loss);
    }
    if (x1 <= x0) x1 = x0 + 1;
    if (y1 <= y0) y1 = y0 + 1e-6;
    auto X = [&](double v) { return ml + (v - x0) / (x1 - x0) * (W - ml - mr); };
    auto Y = [&](double v) { return H - mb - (v - y0) / (y1 - y0) * (H - mt - mb); };
    s << "<line x1=\"" << ml << "\" y1=\"" << H - mb << "\" x2=\"" << W - mr << "\" y2=\"" << H - mb
      << "\" stroke=\"black\"/>\n<line x1=\"" << ml << "\" y1=\"" << mt << "\" x2=\"" << ml << "\" y2=\""
      << H - mb << "\" stroke=\"black\"/>\n";
    for (int i = 0; i <= 4; ++i) {
      const double yv = y0 + (y1 - y0) * i / 4, xv = x0 + (x1 - x0) * i / 4;
      s << "<text x=\"" << ml - 6 << "\" y=\"" << Y(yv) + 4 << "\" text-anchor=\"end\">"
        << std::round(yv * 1000) / 1000 << "</text>\n";
      s << "<text x=\"" << X(xv) << "\" y=\"" << H - mb + 18 << "\" text-anchor=\"middle\">" << (long long)xv
        << "</text>\n";
    }
    s << "<text x=\"" << W / 2 << "\" y=\"" << H - 10 << "\" text-anchor=\"middle\">step</text>\n";
    s << "<text x=\"16\" y=\"" << H / 2 << "\" transform=\"rotate(-90 16 " << H / 2
      << ")\" text-anchor=\"middle\">training loss</text>\n";
    s << "<polyline fill=\"none\" stroke=\"#bbbbbb\" points=\"";
    for (const auto& r : rows) s << X(double(r.step)) << "," << Y(r.loss) << " ";
    s << "\"/>\n<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"";
    double ema = rows.front().loss;
    for (const auto& r : rows) {
      ema = 0.9 * ema + 0.1 * r.loss;
      s << X(double(r.step)) << "," << Y(ema) << " ";
    }
    s << "\"/>\n";
  }
  s << "</svg>\n";
  return s.str();
}

}  // namespace tinge
