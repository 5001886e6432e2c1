// `tinge suggest`: the k most likely colours the model proposes at a point of a photo.
#if TINGE_WITH_TORCH
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/hints.hpp"
#include "core/image_io.hpp"
#include "core/pipeline.hpp"
#include "core/session.hpp"
#include "nn/model.hpp"

namespace tinge {
namespace {

int run_suggest(std::vector<std::string> args) {
  ArgParser p("tinge suggest", "IMAGE --at X,Y [--hints SESSION] [-k 8] [--model FILE]",
              "Print the k most likely in-gamut colours the model proposes at pixel (X, Y).");
  p.option("--at", "", "X,Y", "point in original-image pixels")
      .option("--hints", "", "SESSION", "hint session to condition on")
      .option("-k", "", "N", "number of suggestions (default 8)")
      .option("--model", "", "FILE", "model file (default: the bundled model)")
      .option("--threads", "", "N", "intra-op threads")
      .positionals(1, 1, "IMAGE");
  if (!p.parse(args)) return 0;
  if (!p.has("--at")) throw UsageError("tinge suggest: --at X,Y is required");
  const std::string at = p.get("--at");
  const auto comma = at.find(',');
  if (comma == std::string::npos) throw UsageError("--at wants X,Y");
  const double x = parse_double(at.substr(0, comma), "--at"), y = parse_double(at.substr(comma + 1), "--at");
  const int k = p.get_int("-k", 8, 1, 64);
  auto img = load_image(p.positional()[0]);
  if (!(x >= 0 && y >= 0 && x <= img.width && y <= img.height))
    throw UsageError("--at " + at + " is outside the " + std::to_string(img.width) + "x" +
                     std::to_string(img.height) + " image");
  std::vector<HintPoint> pts;
  if (p.has("--hints")) {
    pts = load_session(p.get("--hints")).points;
    validate_points(pts, img.width, img.height);
  }
  ModelOptions mo;
  mo.threads = p.get_int("--threads", 0, 0, 1024);
  auto model = load_model(p.has("--model") ? p.get("--model") : default_model_path(), mo);
  Plane L = srgb8_to_lightness(img);
  const WorkingInput work = to_working_resolution(L, pts, model->working_short_side());
  const float sx = float(work.L.width) / float(L.width), sy = float(work.L.height) / float(L.height);
  auto s = model->suggest(work.L, work.hints, float(x) * sx, float(y) * sy, k);
  std::printf("#  L      a       b       prob    hex\n");
  const float Lp = L.at(std::min(int(x), L.width - 1), std::min(int(y), L.height - 1));
  for (size_t i = 0; i < s.size(); ++i) {
    auto rgb = lab_to_srgb({Lp, s[i].a, s[i].b});
    auto c = [](float v) { return int(std::lround(std::min(1.f, std::max(0.f, v)) * 255)); };
    std::printf("%zu  %5.1f  %6.1f  %6.1f  %.4f  #%02x%02x%02x\n", i + 1, Lp, s[i].a, s[i].b, s[i].probability,
                c(rgb[0]), c(rgb[1]), c(rgb[2]));
  }
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("suggest", "Colours the model proposes at a point", run_suggest);
}  // namespace tinge
#endif
