// `tinge bench`: measures what users wait for, with medians and spread: model load, the hint-update
// latency (working resolution, 10 hints) and the drag-preview latency for each method, the network
// forward at 256 x 256 next to the SIGGRAPH17 generator's, CPU training throughput, and the
// full-resolution colourisation and export of a synthetic 12-megapixel photo with the export's peak
// memory (measured in a child process so the figure is the export's own).
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/methods.hpp"
#include "cli/resources.hpp"
#include "core/atomic_write.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/hints.hpp"
#include "core/image_io.hpp"
#include "core/pipeline.hpp"
#include "core/recommend.hpp"
#include "core/resample.hpp"
#if TINGE_WITH_TORCH
#include "nn/bench_forward.hpp"
#include "nn/model.hpp"
#include "nn/train.hpp"
#include "nn/training_sample.hpp"
#endif

extern char** environ;

namespace tinge {
namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
  double p50 = 0, p95 = 0, min = 0;
  int n = 0;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s;
  s.n = int(v.size());
  if (v.empty()) return s;
  s.min = v.front();
  s.p50 = v[v.size() / 2];
  s.p95 = v[std::min(v.size() - 1, size_t(std::ceil(0.95 * double(v.size()))) - 1)];
  return s;
}

Stats once(double ms) {
  return {ms, ms, ms, 1};
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

template <class F>
Stats time_it(int reps, F&& f) {
  f();  // warm-up
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    f();
    ms.push_back(ms_since(t0));
  }
  return stats(ms);
}

// The results: a Markdown table on stdout as they come (unless quiet), and the same rows as JSON.
class Table {
 public:
  explicit Table(bool quiet) : quiet_(quiet) {
    if (!quiet_)
      std::printf(
          "| measurement | method | p50 ms | p95 ms | min ms | n | note "
          "|\n|---|---|---:|---:|---:|---:|---|\n");
  }
  void row(const std::string& what, const std::string& method, const Stats& s, const std::string& note = "",
           const nlohmann::json& extra = nlohmann::json::object()) {
    if (!quiet_)
      std::printf("| %s | %s | %.1f | %.1f | %.1f | %d | %s |\n", what.c_str(), method.c_str(), s.p50, s.p95,
                  s.min, s.n, note.c_str());
    std::fflush(stdout);
    nlohmann::json r = {{"measurement", what}, {"method", method}, {"p50_ms", s.p50},
                        {"p95_ms", s.p95},     {"min_ms", s.min},  {"n", s.n}};
    r.update(extra);
    rows_.push_back(r);
  }
  const nlohmann::json& json() const { return rows_; }

 private:
  bool quiet_;
  nlohmann::json rows_ = nlohmann::json::array();
};

// A photo-like test image: smooth gradients and discs (no file needed).
Plane synthetic_L(int w, int h) {
  Plane L(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      L.at(x, y) = float(50 + 30 * std::sin(x * 0.02) * std::cos(y * 0.015) + ((x / 64 + y / 64) % 2) * 10);
  return L;
}

std::vector<HintPoint> random_hints(int n, int w, int h, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> ux(2, w - 2), uy(2, h - 2), uab(-40, 40);
  std::vector<HintPoint> pts;
  for (int i = 0; i < n; ++i) {
    HintPoint p;
    p.x = ux(rng);
    p.y = uy(rng);
    p.a = float(uab(rng));
    p.b = float(uab(rng));
    pts.push_back(p);
  }
  return pts;
}

const std::string kExport = "12 MP export (colorize + JPEG encode)";
const std::string kColorize12 = "12 MP colorize";

// The export measurement itself (`--export-only`, in the child process): a synthetic 12 MP photo
// with 10 hints colourised at full resolution (timed alone: the "12 MP colorize" row), then
// converted to sRGB and encoded as JPEG (with it: the export row). One warm-up run first.
void measure_export(Method& method, const std::string& name, Table& table) {
  static const Plane big = synthetic_L(4000, 3000);
  static const auto hints = random_hints(10, 4000, 3000, 7);
  double colorize_ms = 0, total_ms = 0;
  for (int run = 0; run < 2; ++run) {
    const auto t0 = Clock::now();
    LabImage r = colorize(big, hints, method);
    colorize_ms = ms_since(t0);
    (void)encode_image(lab_to_srgb8(r), ".jpg", 90);
    total_ms = ms_since(t0);
  }
  table.row(kColorize12, name, once(colorize_ms));
  table.row(kExport, name, once(total_ms));
}

// Runs `tinge bench --export-only ...` as a child process, adds its rows to `table` and the
// child's peak resident memory to the export row.
void export_in_child(const std::vector<std::string>& child_args, const std::string& name, Table& table) {
  const std::string json =
      (std::filesystem::temp_directory_path() / ("tinge-bench-" + std::to_string(::getpid()) + ".json"))
          .string();
  std::vector<std::string> argv = {"/proc/self/exe", "bench", "--export-only", "--json", json,
                                   "--method",       name};
  argv.insert(argv.end(), child_args.begin(), child_args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, cargv.data(), environ) != 0)
    throw Error("bench: cannot start the export measurement");
  int status = 0;
  rusage ru{};
  if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error("bench: the export measurement failed");
  const double peak_mb = double(ru.ru_maxrss) / 1024.0;
  std::ifstream jin(json);
  const auto rows = nlohmann::json::parse(jin);
  std::error_code ec;
  std::filesystem::remove(json, ec);
  for (const auto& r : rows) {
    const Stats s{r.at("p50_ms"), r.at("p95_ms"), r.at("min_ms"), r.at("n")};
    if (r.at("measurement") != kExport) {
      table.row(r.at("measurement"), name, s);
      continue;
    }
    char note[64];
    std::snprintf(note, sizeof note, "peak %.0f MB", peak_mb);
    table.row(kExport, name, s, note, {{"peak_mb", peak_mb}});
  }
}

// The interactive latencies of one method: a hint update at its working resolution for a 4:3
// photo (341 x 256 for the network, 171 x 128 for Levin), 10 new hints each time; and the drag
// preview, one of 10 hints moving a few pixels per update at the editor's preview size (short side
// 128 for every method).
void measure_latency(Method& method, const std::string& name, int reps, Table& table) {
  const Plane L = synthetic_L(341, 256);
  int ww = L.width, wh = L.height;
  if (method.working_short_side() > 0) working_size(L.width, L.height, method.working_short_side(), ww, wh);
  const Plane Lw = resize_area(L, ww, wh);
  int i = 0;
  table.row("hint update, 10 hints", name,
            time_it(reps,
                    [&] {
                      auto hints = random_hints(10, L.width, L.height, uint64_t(++i));
                      method.predict(Lw, rasterize_hints(hints, L.width, L.height, Lw.width, Lw.height));
                    }),
            std::to_string(Lw.width) + "x" + std::to_string(Lw.height));
  // The same update with the three positions the editor's "Where to click" shows, each with three
  // suggested colours (recommend.hpp): the difference from the row above is what proposing costs.
  table.row("hint update + 3 recommended positions", name,
            time_it(reps,
                    [&] {
                      auto hints = random_hints(10, L.width, L.height, uint64_t(++i));
                      const AbPrediction p =
                          method.predict(Lw, rasterize_hints(hints, L.width, L.height, Lw.width, Lw.height));
                      recommend_hints(method, Lw, L.width, L.height, hints, RecommendOptions{}, &p);
                    }),
            std::to_string(Lw.width) + "x" + std::to_string(Lw.height));
  const Plane Lp = resize_area(L, 171, 128);  // the editor's drag previews: short side 128
  auto drag = random_hints(10, L.width, L.height, 99);
  table.row("drag preview, 1 of 10 hints moving", name,
            time_it(reps,
                    [&] {
                      drag[0].x = 20 + std::fmod(drag[0].x + 3.0, double(L.width - 40));
                      method.predict_draft(Lp, rasterize_hints(drag, L.width, L.height, Lp.width, Lp.height));
                    }),
            std::to_string(Lp.width) + "x" + std::to_string(Lp.height));
}

#if TINGE_WITH_TORCH
// The network alone at 256 x 256 (float32, and bf16 where that is the default), and the SIGGRAPH17
// generator on the same input and threads.
void measure_network(int reps, bool siggraph17, Table& table) {
  double g_ours = 0, g_sig = 0;
  const Stats ours = stats(time_network_forward("tinge-unet-v1", 256, 256, reps, &g_ours));
  char note[96];
  std::snprintf(note, sizeof note, "%.1f GMAC", g_ours);
  table.row("network forward 256x256", "tinge-unet-v1", ours, note, {{"gmac", g_ours}});
  if (bf16_is_default_on_cpu()) {  // what inference runs here by default (--precision auto)
    const Stats b16 = stats(time_network_forward("tinge-unet-v1", 256, 256, reps, nullptr, true));
    std::snprintf(note, sizeof note, "bf16 autocast; %.1fx faster than float32", ours.p50 / b16.p50);
    table.row("network forward 256x256, bf16", "tinge-unet-v1", b16, note, {{"ratio", ours.p50 / b16.p50}});
  }
  if (siggraph17) {
    const Stats sig = stats(time_network_forward("siggraph17", 256, 256, std::min(reps, 5), &g_sig));
    std::snprintf(note, sizeof note, "%.1f GMAC; %.1fx the time of tinge-unet-v1", g_sig, sig.p50 / ours.p50);
    table.row("network forward 256x256", "siggraph17", sig, note,
              {{"gmac", g_sig}, {"ratio", sig.p50 / ours.p50}});
  }
}

Rgb8Image training_photo(int w, int h, int k) {
  LabImage lab;
  lab.L = synthetic_L(w, h);
  lab.a = Plane(w, h);
  lab.b = Plane(w, h);
  for (size_t q = 0; q < lab.L.v.size(); ++q) {
    lab.a.v[q] = float(30 * std::sin(0.01 * double(q) + k));
    lab.b.v[q] = float(30 * std::cos(0.013 * double(q)));
  }
  return lab_to_srgb8(lab);
}

// CPU training throughput on generated photos (batch 8, crops of 176 from 256 px images), and one
// training sample as a batch worker makes it (a 224 px crop of a 288 x 256 photo, simulated
// hints), without and with the Levin input: its coarse Levin solve decides how many workers keep a
// GPU fed (docs/training.md, On a GPU).
void measure_training(int threads, int reps, Table& table) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tinge-bench-train-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (int k = 0; k < 16; ++k)
    save_image(training_photo(256 + k, 256, k), (dir / ("p" + std::to_string(k) + ".png")).string());
  TrainOptions to;
  to.data = dir.string();
  to.out = (dir / "m.safetensors").string();
  to.steps = 20;
  to.batch = 8;
  to.threads = threads;
  to.device = "cpu";
  to.checkpoint_every = 0;
  to.force = true;  // its own scratch folder
  const TrainResult tr = run_training(to);
  std::error_code ec;
  fs::remove_all(dir, ec);
  const double ms_per_img = 1000.0 / std::max(1e-9, tr.images_per_second);
  char note[64];
  // In training's default precision, float32 (bf16 training is opt-in: TrainOptions::precision).
  std::snprintf(note, sizeof note, "%.1f images/s (batch 8, 176 px crops, fp32)", tr.images_per_second);
  table.row("training step per image (CPU)", "tinge-unet-v1", {ms_per_img, ms_per_img, ms_per_img, 10}, note,
            {{"images_per_second", tr.images_per_second}});
  const Rgb8Image img = training_photo(288, 256, 0);
  SampleOptions so;
  so.crop = 224;
  const size_t N = size_t(so.crop) * size_t(so.crop);
  std::vector<float> buf(8 * N);
  for (bool levin : {false, true}) {
    uint64_t seed = 0;
    table.row(levin ? "training sample, Levin input" : "training sample", "tinge-unet-v1",
              time_it(reps,
                      [&] {
                        make_training_sample(img, so, ++seed, &buf[0], &buf[N], &buf[2 * N], &buf[3 * N],
                                             &buf[4 * N], &buf[5 * N], levin ? &buf[6 * N] : nullptr,
                                             levin ? &buf[7 * N] : nullptr);
                      }),
              "224 px crop, one batch worker");
  }
}
#endif

// The flags that make a child process measure with the same network settings.
std::vector<std::string> network_flags(const MethodArgs& ma) {
  std::vector<std::string> f;
  if (!ma.model_path.empty()) f.insert(f.end(), {"--model", ma.model_path});
  if (ma.threads > 0) f.insert(f.end(), {"--threads", std::to_string(ma.threads)});
  if (!ma.decode.empty()) f.insert(f.end(), {"--decode", ma.decode});
  if (!ma.precision.empty()) f.insert(f.end(), {"--precision", ma.precision});
  f.insert(f.end(), {"--device", ma.device});
  return f;
}

int run_bench(std::vector<std::string> args) {
  ArgParser p("tinge bench", "[--method M ...] [--model FILE] [--reps N] [--threads N] [--json OUT]",
              "Measure hint-update and drag-preview latency, the network forward next to SIGGRAPH17's,\n"
              "CPU training throughput and a 12 MP colourisation and export (medians, p95, peak memory).");
  add_method_options(p, MethodCount::kSeveral);
  p.option("--reps", "", "N", "repetitions per latency measurement (default 50)")
      .option("--json", "", "OUT", "also write the results as JSON")
      .flag("--no-export", "", "skip the 12 MP colourisation and export measurements")
      .flag("--no-siggraph17", "", "skip the SIGGRAPH17 forward comparison")
      .flag("--no-train", "", "skip the CPU training throughput measurement")
      .flag("--export-only", "", "(internal) only the 12 MP measurements, for the peak-memory child process")
      .positionals(0, 0, "");
  if (!p.parse(args)) return 0;
  const int reps = p.get_int("--reps", 50, 1, 10000);
  const MethodArgs ma = method_args(p);
  if (p.has("--json")) {
    check_output_file("--json", p.get("--json"));
    check_not_an_input("--json", p.get("--json"), {ma.model_path});
  }
  auto methods = p.get_all("--method");
  if (methods.empty()) {
#if TINGE_WITH_TORCH
    if (!ma.model_path.empty() || !default_model_path().empty()) methods.push_back("model");
#endif
    methods.push_back("levin");
  }
  const bool child = p.has("--export-only");
  Table table(child);
  for (const auto& name : methods) {
    const auto t0 = Clock::now();
    std::unique_ptr<Method> method = make_method(name, ma);
    const double load_ms = ms_since(t0);
    if (child) {
      measure_export(*method, name, table);
      continue;
    }
    table.row("load", name, once(load_ms));
    measure_latency(*method, name, reps, table);
    if (!p.has("--no-export")) export_in_child(network_flags(ma), name, table);
  }
#if TINGE_WITH_TORCH
  if (!child) {
    measure_network(reps, !p.has("--no-siggraph17"), table);
    if (!p.has("--no-train")) measure_training(ma.threads, reps, table);
  }
#endif
  if (p.has("--json")) write_file_atomic(p.get("--json"), table.json().dump(2) + "\n");
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("bench", "Measure latency and export speed", run_bench);
}  // namespace tinge
