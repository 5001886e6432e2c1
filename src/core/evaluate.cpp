// The evaluation harness of `tinge eval`: runs the hint-sampling protocol over a folder of images,
// aggregates PSNR and colourfulness per hint count, and renders the report as Markdown, JSON and SVG.
#include "evaluate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "color.hpp"
#include "colour_reference.hpp"
#include "error.hpp"
#include "hints.hpp"
#include "image_formats.hpp"
#include "image_io.hpp"
#include "json_depth.hpp"
#include "metrics.hpp"
#include "pipeline.hpp"

namespace tinge {
namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

struct Stats {
  double sum = 0, sq = 0;
  int n = 0;
  void add(double v) { sum += v, sq += v * v, ++n; }
  double mean() const { return n ? sum / n : 0.0; }
  double sample_std() const {
    if (n < 2) return 0.0;
    const double m = mean();
    return std::sqrt(std::max(0.0, (sq - n * m * m) / (n - 1)));
  }
};

using Score = std::function<void(size_t count_index, const Rgb8Image& result, double seconds)>;

// The next file after files[i] (wrapping) whose name has the same prefix before '_'; files[i]
// itself when it is the only one of its source.
std::string same_source_reference(const std::vector<std::string>& files, size_t i) {
  auto prefix = [](const std::string& path) {
    const std::string name = fs::path(path).filename().string();
    return name.substr(0, name.find('_'));
  };
  const std::string mine = prefix(files[i]);
  for (size_t k = 1; k < files.size(); ++k) {
    const std::string& other = files[(i + k) % files.size()];
    if (prefix(other) == mine) return other;
  }
  return files[i];
}

// eval --reference: sets each photo's reference on the method's distribution, and clears it at the
// end (the method is left as it was found).
class EvalReference {
 public:
  EvalReference(Method& method, const EvalOptions& opt) : opt_(opt) {
    if (opt.reference == "none") return;
    if (opt.reference != "self" && opt.reference != "same-source")
      throw UsageError("eval: reference '" + opt.reference + "' is not one of none, self, same-source");
    dist_ = method.distribution();
    if (!dist_)
      throw UsageError("eval: a colour reference needs a method with a distribution (the network), not " +
                       method.name());
  }
  ~EvalReference() {
    if (dist_) dist_->set_reference(nullptr);
  }
  EvalReference(const EvalReference&) = delete;
  EvalReference& operator=(const EvalReference&) = delete;

  void for_photo(const std::vector<std::string>& files, size_t i, const Rgb8Image& photo) {
    if (!dist_) return;
    const std::string file = opt_.reference == "self" ? files[i] : same_source_reference(files, i);
    const ColourReference ref =
        reference_from_image(file == files[i] ? photo : load_image(file), opt_.reference_strength, file);
    dist_->set_reference(&ref);
  }

 private:
  const EvalOptions& opt_;
  ColourDistribution* dist_ = nullptr;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The protocol: for each count N, N hints sampled afresh (seeded by the file name and N).
void evaluate_uniform(Method& method, const LabImage& orig, const std::string& name, const EvalOptions& opt,
                      const Score& score) {
  for (size_t k = 0; k < opt.hint_counts.size(); ++k) {
    const int n = opt.hint_counts[k];
    const HintSet hints = sample_hint_set(orig, opt.shape, n, opt.patch, mix_seed(opt.seed, name, n));
    const auto t0 = std::chrono::steady_clock::now();
    PipelineOptions po;
    po.preview_short_side = opt.preview_short_side;
    const Rgb8Image out = lab_to_srgb8(colorize(orig.L, hints, method, po));
    score(k, out, seconds_since(t0));
  }
}

// The simulated user: hints added one at a time where the placement says, each count scored with
// the first N. Seconds per count: the colourisation of that count alone, as for uniform placement.
void evaluate_placed(Method& method, const LabImage& orig, const std::string& name, const EvalOptions& opt,
                     const Score& score) {
  const int most = *std::max_element(opt.hint_counts.begin(), opt.hint_counts.end());
  std::vector<HintPoint> hints;
  std::vector<LabImage> results(size_t(most) + 1);
  std::vector<double> seconds(size_t(most) + 1, 0.0);
  for (int n = 0; n <= most; ++n) {
    if (n > 0)
      hints.push_back(next_simulated_hint(opt.placement, method, orig, hints, results[size_t(n - 1)],
                                          opt.patch, mix_seed(opt.seed, name, -n), opt.recommend));
    const bool scored = std::find(opt.hint_counts.begin(), opt.hint_counts.end(), n) != opt.hint_counts.end();
    if (!scored && opt.placement != Placement::kOracle) continue;  // the oracle needs every result
    const auto t0 = std::chrono::steady_clock::now();
    PipelineOptions po;
    po.preview_short_side = opt.preview_short_side;
    results[size_t(n)] = colorize(orig.L, hints, method, po);
    seconds[size_t(n)] = seconds_since(t0);
  }
  for (size_t k = 0; k < opt.hint_counts.size(); ++k) {
    const size_t n = size_t(opt.hint_counts[k]);
    score(k, lab_to_srgb8(results[n]), seconds[n]);
  }
}

}  // namespace

HintShape parse_hint_shape(const std::string& name) {
  if (name == "point") return HintShape::kPoint;
  if (name == "stroke") return HintShape::kStroke;
  if (name == "region") return HintShape::kRegion;
  throw UsageError("unknown hint shape '" + name + "' (choose point, stroke or region)");
}

const char* hint_shape_name(HintShape s) {
  switch (s) {
    case HintShape::kStroke:
      return "stroke";
    case HintShape::kRegion:
      return "region";
    default:
      return "point";
  }
}

HintSet sample_hint_set(const LabImage& original, HintShape shape, int n, int patch, uint64_t seed) {
  HintSet h;
  if (shape == HintShape::kPoint) {
    h.points = sample_hints(original, n, patch, seed);
    return h;
  }
  ShapeSimOptions sim;
  sim.scale = std::min(original.width(), original.height()) / 256.0;
  if (shape == HintShape::kStroke)
    h.strokes = sample_strokes(original, n, seed, sim);
  else
    h.regions = sample_regions(original, n, seed, sim);
  return h;
}

std::vector<std::string> list_images(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(dir + " is not a folder");
  std::vector<std::string> out;
  fs::directory_iterator it(dir, ec), end;
  if (ec) throw Error("cannot read folder " + dir + " (" + ec.message() + ")");
  for (; it != end; it.increment(ec)) {
    if (ec) throw Error("cannot read folder " + dir + " (" + ec.message() + ")");
    std::error_code fec;
    if (!it->is_regular_file(fec)) continue;
    const std::string ext = lower(it->path().extension().string());
    const auto& known = readable_image_extensions();
    if (std::find(known.begin(), known.end(), ext) != known.end()) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end(), [](const std::string& x, const std::string& y) {
    return fs::path(x).filename().string() < fs::path(y).filename().string();
  });
  return out;
}

EvalReport evaluate(Method& method, const std::vector<std::string>& files, const EvalOptions& opt,
                    const Progress& progress) {
  if (opt.patch < 1) throw UsageError("eval: patch must be >= 1 (got " + std::to_string(opt.patch) + ")");
  if (opt.shape != HintShape::kPoint && opt.placement != Placement::kUniform)
    throw UsageError(std::string("eval: ") + hint_shape_name(opt.shape) + " hints are placed uniformly only");
  for (int n : opt.hint_counts)
    if (n < 0) throw UsageError("eval: hint counts must be >= 0 (got " + std::to_string(n) + ")");
  std::vector<std::string> todo = files;
  if (opt.max_images > 0 && int(todo.size()) > opt.max_images) todo.resize(size_t(opt.max_images));

  EvalReport r;
  r.method = method.name();
  r.data_dir = todo.empty() ? std::string() : fs::path(todo.front()).parent_path().string();
  r.images = int(todo.size());
  r.patch = opt.patch;
  r.seed = opt.seed;
  r.placement = placement_name(opt.placement);
  r.reference = opt.reference;
  r.hint_shape = hint_shape_name(opt.shape);
  r.preview_short_side = opt.preview_short_side;

  const size_t nc = opt.hint_counts.size();
  std::vector<Stats> ps(nc), cf(nc);
  std::vector<double> secs(nc, 0.0);
  Stats cf_ref;
  const int total = int(todo.size() * nc);
  int done = 0;
  if (progress) progress(0, total);
  EvalReference steer(method, opt);
  for (size_t f = 0; f < todo.size(); ++f) {
    const std::string& file = todo[f];
    const Rgb8Image rgb = load_image(file);
    steer.for_photo(todo, f, rgb);
    const LabImage orig = srgb8_to_lab(rgb);
    const std::string name = fs::path(file).filename().string();
    cf_ref.add(colorfulness(rgb));
    auto score = [&](size_t k, const Rgb8Image& out, double seconds) {
      secs[k] += seconds;
      ps[k].add(std::min(psnr(out, rgb), kPsnrCap));
      cf[k].add(colorfulness(out));
      if (progress) progress(++done, total);
    };
    if (opt.placement == Placement::kUniform)
      evaluate_uniform(method, orig, name, opt, score);
    else
      evaluate_placed(method, orig, name, opt, score);
  }
  for (size_t k = 0; k < nc; ++k) {
    EvalRow row;
    row.hints = opt.hint_counts[k];
    row.psnr_mean = ps[k].mean();
    row.psnr_std = ps[k].sample_std();
    row.colorfulness = cf[k].mean();
    row.colorfulness_ref = cf_ref.mean();
    row.seconds_per_image = todo.empty() ? 0.0 : secs[k] / double(todo.size());
    r.rows.push_back(row);
  }
  return r;
}

std::string eval_table(const EvalReport& r) {
  std::string s = "| hints | PSNR dB (mean ± std) | colourfulness | ratio to originals |\n";
  s += "|---:|---:|---:|---:|\n";
  for (const EvalRow& row : r.rows) {
    const std::string ratio =
        row.colorfulness_ref > 0 ? fmt("%.2f", row.colorfulness / row.colorfulness_ref) : "n/a";
    s += "| " + std::to_string(row.hints) + " | " + fmt("%.2f", row.psnr_mean) + " ± " +
         fmt("%.2f", row.psnr_std) + " | " + fmt("%.1f", row.colorfulness) + " | " + ratio + " |\n";
  }
  return s;
}

std::string eval_json(const EvalReport& r) {
  ordered_json j;
  j["method"] = r.method;
  j["data_dir"] = r.data_dir;
  j["images"] = r.images;
  j["patch"] = r.patch;
  j["seed"] = r.seed;
  j["placement"] = r.placement;
  if (r.reference != "none") j["reference"] = r.reference;
  j["hint_shape"] = r.hint_shape;
  if (r.preview_short_side > 0) j["preview_short_side"] = r.preview_short_side;
  ordered_json rows = ordered_json::array();
  for (const EvalRow& row : r.rows) {
    ordered_json o;
    o["hints"] = row.hints;
    o["psnr_mean"] = row.psnr_mean;
    o["psnr_std"] = row.psnr_std;
    o["colorfulness"] = row.colorfulness;
    o["colorfulness_ref"] = row.colorfulness_ref;
    o["seconds_per_image"] = row.seconds_per_image;
    rows.push_back(std::move(o));
  }
  j["rows"] = std::move(rows);
  return j.dump(2) + "\n";
}

EvalReport parse_eval_json(const std::string& text) {
  using json = nlohmann::json;
  EvalReport r;
  if (json_nesting_depth(text) > kMaxJsonDepth)
    throw Error("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  try {
    const json j = json::parse(text);
    r.method = j.at("method").get<std::string>();
    r.data_dir = j.value("data_dir", std::string());
    r.images = j.value("images", 0);
    r.patch = j.value("patch", 5);
    r.seed = j.value("seed", uint64_t(1));
    r.placement = j.value("placement", std::string("uniform"));
    r.reference = j.value("reference", std::string("none"));
    r.hint_shape = j.value("hint_shape", std::string("point"));
    r.preview_short_side = j.value("preview_short_side", 0);
    for (const json& o : j.at("rows")) {
      EvalRow row;
      const json& hn = o.at("hints");
      if (!hn.is_number_integer() || hn.get<int64_t>() < 0 || hn.get<int64_t>() > 1000000)
        throw Error("eval report: row " + std::to_string(r.rows.size()) + " has a bad hint count " +
                    hn.dump());
      row.hints = hn.get<int>();
      row.psnr_mean = o.at("psnr_mean").get<double>();
      if (!(std::fabs(row.psnr_mean) <= 1000) || row.hints < 0)
        throw Error("eval report: row " + std::to_string(r.rows.size()) + " is not a PSNR row (hints " +
                    std::to_string(row.hints) + ", psnr_mean " + o.at("psnr_mean").dump() + ")");
      row.psnr_std = o.value("psnr_std", 0.0);
      row.colorfulness = o.value("colorfulness", 0.0);
      row.colorfulness_ref = o.value("colorfulness_ref", 0.0);
      row.seconds_per_image = o.value("seconds_per_image", 0.0);
      r.rows.push_back(row);
    }
  } catch (const nlohmann::json::exception& e) {
    std::string msg = e.what();
    for (char& c : msg)
      if (c == '\n' || c == '\r') c = ' ';
    throw Error("eval report: " + msg);
  }
  return r;
}

}  // namespace tinge
