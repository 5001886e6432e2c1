// Training progress: a one-line progress bar with loss, images/s and ETA; a CSV log; an SVG loss curve.
// Torch-free.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tinge {

struct TrainLogRow {
  int64_t step = 0;
  double loss = 0, regression = 0, classification = 0, lr = 0, images_per_s = 0, elapsed_s = 0;
};

std::string format_duration(double seconds);  // "1h02m", "3m20s", "12s"
std::string progress_line(const TrainLogRow& r, int64_t total_steps, double eta_s);
std::string csv_header();
std::string csv_row(const TrainLogRow& r);
// Loss against step (raw in light grey, smoothed in colour) as a self-contained SVG.
std::string loss_curve_svg(const std::vector<TrainLogRow>& rows, const std::string& title);
// Parses rows back from a CSV written by csv_row (used when resuming).
std::vector<TrainLogRow> parse_csv(const std::string& text);

}  // namespace tinge
