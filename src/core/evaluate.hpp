// The evaluation protocol of `tinge eval`: for each image, the L-only input and N hint points
// sampled from the original (uniform location, P x P patch, the patch's mean ab, a fixed seed per
// image and N), or N strokes or regions simulated from it (hint_simulation.hpp, the same seeds);
// colourise and score PSNR of the 8-bit sRGB result against the original and the colourfulness of
// results relative to the originals'.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "hint_simulation.hpp"
#include "method.hpp"
#include "recommend.hpp"
#include "simulated_user.hpp"

namespace tinge {

// What each of the N hints is: a point (a P x P patch), a stroke or a region.
enum class HintShape { kPoint, kStroke, kRegion };
HintShape parse_hint_shape(const std::string& name);  // "point" | "stroke" | "region"; UsageError else
const char* hint_shape_name(HintShape s);

// N hints of `shape` for one photo of the protocol (points: sample_hints with `patch`; strokes and
// regions: hint_simulation.hpp with lengths scaled to the photo's shorter side over 256).
HintSet sample_hint_set(const LabImage& original, HintShape shape, int n, int patch, uint64_t seed);

struct EvalOptions {
  std::vector<int> hint_counts = {0, 1, 2, 5, 10, 20, 50, 100};
  int patch = 5;
  uint64_t seed = 1;
  int max_images = 0;  // 0 = all
  // Where the hints go: sampled at random for each count (uniform), or added one at a time by a
  // simulated user (recommended, oracle: simulated_user.hpp), the first N of them scored at N.
  Placement placement = Placement::kUniform;
  RecommendOptions recommend;           // the recommender's settings for recommended placement
  HintShape shape = HintShape::kPoint;  // strokes and regions: uniform placement only
  // A colour reference for each photo (colour_reference.hpp): none, the photo's own colour original
  // ("self": an oracle histogram), or another photo of the same source ("same-source": the next file
  // in name order whose name has the same prefix before '_'). Needs a method with a distribution.
  std::string reference = "none";
  float reference_strength = 1.f;
  int preview_short_side = 0;  // > 0: score the editor's live previews at this short side (pipeline.hpp)
};

// Per-image PSNR is capped here before averaging (identical 8-bit images would give +infinity).
constexpr double kPsnrCap = 100.0;

struct EvalRow {
  int hints = 0;
  double psnr_mean = 0;         // mean over images of per-image PSNR (dB)
  double psnr_std = 0;          // sample standard deviation over images (0 for one image)
  double colorfulness = 0;      // mean colourfulness of results
  double colorfulness_ref = 0;  // mean colourfulness of the originals
  double seconds_per_image = 0;
};

struct EvalReport {
  std::string method;
  std::string data_dir;
  int images = 0;
  int patch = 5;
  uint64_t seed = 1;
  std::string placement = "uniform";
  std::string reference = "none";
  std::string hint_shape = "point";
  int preview_short_side = 0;  // > 0: the scores are of live previews at this short side
  std::vector<EvalRow> rows;
};

// Lists image files (png/jpg/jpeg/bmp/tga, case-insensitive) in a folder, sorted by name.
std::vector<std::string> list_images(const std::string& dir);

// Called with (0, total) first, then after each (image, hint count) step; total = images x counts.
using Progress = std::function<void(int done, int total)>;
// Runs the protocol over `files` (the first opt.max_images when > 0). Throws ImageError for an
// unreadable file and UsageError for a patch < 1 or a negative hint count.
EvalReport evaluate(Method& method, const std::vector<std::string>& files, const EvalOptions& opt,
                    const Progress& progress = {});

std::string eval_table(const EvalReport& r);  // a Markdown table
std::string eval_json(const EvalReport& r);   // JSON text
// Reads eval_json's output back (e.g. to plot several saved reports); throws tinge::Error.
EvalReport parse_eval_json(const std::string& text);
// An SVG plot of PSNR against hint count for one or more reports: the x positions are evenly
// spaced by index over the union of the reports' hint counts (so 0, 1, 2, 5, ... read log-ish).
std::string eval_svg(const std::vector<EvalReport>& reports);

}  // namespace tinge
