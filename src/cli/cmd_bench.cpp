// `tinge bench`: measures what users wait for, with medians and spread: model load, one network
// forward at 256 x 256, the hint-update latency (working resolution, 10 hints) for each method, and a
// full-resolution export of a synthetic 12-megapixel photo.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/methods.hpp"
#include "core/color.hpp"
#include "core/hints.hpp"
#include "core/image_io.hpp"
#include "core/pipeline.hpp"
#include "core/resample.hpp"
#if TINGE_WITH_TORCH
#include "nn/model.hpp"
#endif

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

template <class F>
Stats time_it(int reps, F&& f) {
  f();  // warm-up
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return stats(ms);
}

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

int run_bench(std::vector<std::string> args) {
  ArgParser p("tinge bench", "[--method M ...] [--model FILE] [--reps N] [--threads N] [--json OUT]",
              "Measure hint-update latency, network forward time and 12 MP export (medians and p95).");
  p.option("--method", "", "M", "method(s) to measure (default: model if available, and levin)", true)
      .option("--model", "", "FILE", "model file (default: the bundled model)")
      .option("--reps", "", "N", "repetitions per measurement (default 20)")
      .option("--threads", "", "N", "CPU threads for the network and OpenMP parts")
      .option("--json", "", "OUT", "also write the results as JSON")
      .flag("--no-export", "", "skip the 12 MP export measurement")
      .positionals(0, 0, "");
  if (!p.parse(args)) return 0;
  const int reps = p.get_int("--reps", 20, 1, 10000);
  MethodArgs ma;
  ma.model_path = p.get("--model");
  ma.threads = p.get_int("--threads", 0, 0, 1024);
  set_cpu_threads(ma.threads);
  auto methods = p.get_all("--method");
  if (methods.empty()) {
#if TINGE_WITH_TORCH
    if (!ma.model_path.empty() || !default_model_path().empty()) methods.push_back("model");
#endif
    methods.push_back("levin");
  }
  nlohmann::json out = nlohmann::json::array();
  std::printf("| measurement | method | p50 ms | p95 ms | min ms | n |\n|---|---|---:|---:|---:|---:|\n");
  auto row = [&](const std::string& what, const std::string& m, const Stats& s) {
    std::printf("| %s | %s | %.1f | %.1f | %.1f | %d |\n", what.c_str(), m.c_str(), s.p50, s.p95, s.min, s.n);
    std::fflush(stdout);
    out.push_back({{"measurement", what}, {"method", m}, {"p50_ms", s.p50}, {"p95_ms", s.p95}, {"min_ms", s.min}, {"n", s.n}});
  };
  for (const auto& name : methods) {
    std::unique_ptr<Method> method;
    auto t0 = Clock::now();
    method = make_method(name, ma);
    const double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    row("load", name, {load_ms, load_ms, load_ms, 1});
    // Hint update at the default working resolution: a 341 x 256 working image with 10 hints.
    Plane L = synthetic_L(341, 256);
    int i = 0;
    Stats s = time_it(reps, [&] {
      auto hints = random_hints(10, L.width, L.height, uint64_t(++i));
      auto planes = rasterize_hints(hints, L.width, L.height, L.width, L.height);
      method->predict(L, planes);
    });
    row("hint update 341x256, 10 hints", name, s);
    if (name == "model") {
      Plane L2 = synthetic_L(256, 256);
      auto planes = rasterize_hints({}, 256, 256, 256, 256);
      row("forward + upsampling 256x256", name, time_it(reps, [&] { method->predict(L2, planes); }));
    }
    if (!p.has("--no-export")) {
      Plane big = synthetic_L(4000, 3000);
      auto hints = random_hints(10, 4000, 3000, 7);
      Stats e = time_it(std::max(1, std::min(reps, 3)), [&] {
        LabImage r = colorize(big, hints, *method);
        Rgb8Image rgb = lab_to_srgb8(r);
        (void)encode_image(rgb, ".jpg", 90);
      });
      row("12 MP export (colorize + JPEG encode)", name, e);
    }
  }
  if (p.has("--json")) write_file_atomic(p.get("--json"), out.dump(2) + "\n");
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("bench", "Measure latency and export speed", run_bench);
}  // namespace tinge
