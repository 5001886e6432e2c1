// `tinge suggest`: the k most likely colours the model proposes at a point of a photo.
#if TINGE_WITH_TORCH
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/methods.hpp"
#include "cli/progress.hpp"
#include "cli/reference_options.hpp"
#include "cli/resources.hpp"
#include "core/atomic_write.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/evaluate.hpp"
#include "core/hints.hpp"
#include "core/image_io.hpp"
#include "core/pipeline.hpp"
#include "core/recommend.hpp"
#include "core/session.hpp"
#include "core/suggest_score.hpp"

namespace tinge {
namespace {

// --eval DIR: how often the photo's own colour at random points is among the first k suggestions
// (the probes are 5 x 5 patches sampled as tinge eval samples hints, with the patch's mean ab as
// the truth; `conditioning` hints sampled the same way, another seed, are given to the network).
int run_suggest_eval(const ArgParser& p, Method& model, int k) {
  const std::vector<std::string> all = list_images(p.get("--eval"));
  if (all.empty())
    throw ImageError("no images (png, jpg, jpeg, bmp, tga) in folder '" + p.get("--eval") + "'");
  const int max_images = p.get_int("--max-images", 0, 0, 1000000);
  const int probes = p.get_int("--probes", 10, 1, 1000);
  const int conditioning = p.get_int("--eval-hints", 0, 0, 1000);
  const float radius = float(p.get_double("--radius", 10.0, 0.1, 200.0));
  const uint64_t seed = uint64_t(p.get_int("--seed", 1, 0, 1 << 30));
  std::vector<std::string> files = all;
  if (max_images > 0 && int(files.size()) > max_images) files.resize(size_t(max_images));
  HitRate rate, gray;  // gray: the hit rate of suggesting no colour at all, for reference
  ProgressBar bar("suggest --eval", int(files.size()));
  for (size_t i = 0; i < files.size(); ++i) {
    const Rgb8Image rgb = load_image(files[i]);
    const LabImage orig = srgb8_to_lab(rgb);
    const std::string name = std::filesystem::path(files[i]).filename().string();
    const auto hints = sample_hints(orig, conditioning, 5, mix_seed(seed, name, conditioning));
    const auto truth = sample_hints(orig, probes, 5, mix_seed(seed ^ 0x5eed, name, probes));
    const WorkingInput work = to_working_resolution(orig.L, hints, model.working_short_side());
    const float sx = float(work.L.width) / float(orig.L.width),
                sy = float(work.L.height) / float(orig.L.height);
    for (const HintPoint& t : truth) {
      std::vector<std::array<float, 2>> ab;
      for (const Suggestion& s :
           model.distribution()->suggest(work.L, work.hints, float(t.x) * sx, float(t.y) * sy, k))
        ab.push_back({s.a, s.b});
      rate.add(first_hit(ab, t.a, t.b, radius));
      gray.add(first_hit({{0.f, 0.f}}, t.a, t.b, radius));
    }
    bar.update(int(i + 1));
  }
  bar.finish();
  auto s = [](size_t n) { return n == 1 ? "" : "s"; };  // "1 hint", "2 hints"
  std::printf(
      "%d probe%s in %zu photo%s, %d hint%s given, a hit = within %.0f ab units of the photo's colour\n",
      rate.probes(), s(size_t(rate.probes())), files.size(), s(files.size()), conditioning,
      s(size_t(conditioning)), double(radius));
  std::printf("| suggestions | 1 | 3 | %d |\n|---|---:|---:|---:|\n", k);
  std::printf("| hit rate | %.3f | %.3f | %.3f |\n", rate.at(1), rate.at(3), rate.at(k));
  std::printf("| gray (a = b = 0) alone, for reference | %.3f | | |\n", gray.at(1));
  return 0;
}

std::string hex_at(float L, float a, float b) {
  const auto rgb = lab_to_srgb({L, a, b});
  auto c = [](float v) { return int(std::lround(std::min(1.f, std::max(0.f, v)) * 255)); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c(rgb[0]), c(rgb[1]), c(rgb[2]));
  return buf;
}

// --where: the next k hint positions the recommender proposes, each with its likely colours.
int run_suggest_where(const ArgParser& p, const std::string& image) {
  const Rgb8Image img = load_image(image);
  HintSet pts;
  if (p.has("--hints")) {
    pts = session_hints(load_session(p.get("--hints")));
    validate_hints(pts, img.width, img.height);
  }
  auto method = make_method(p.has("--method") ? p.get("--method") : "model", method_args(p));
  const Plane L = srgb8_to_lightness(img);
  const WorkingInput work = to_working_resolution(L, pts, method->working_short_side());
  RecommendOptions opt;
  opt.k = p.get_int("-k", 3, 1, 64);
  const auto recs = recommend_hints(*method, work.L, img.width, img.height, pts, opt);
  nlohmann::ordered_json out = {{"image", image}, {"method", method->name()}, {"hints", pts.count()}};
  out["positions"] = nlohmann::ordered_json::array();
  std::printf("#  x       y       score  colours (most likely first)\n");
  for (size_t i = 0; i < recs.size(); ++i) {
    const RecommendedHint& r = recs[i];
    const float Lp = L.at(std::min(int(r.x), L.width - 1), std::min(int(r.y), L.height - 1));
    std::printf("%zu  %6.1f  %6.1f  %5.2f ", i + 1, r.x, r.y, double(r.score));
    nlohmann::ordered_json colours = nlohmann::ordered_json::array();
    for (const Suggestion& c : r.colours) {
      const std::string hex = hex_at(Lp, c.a, c.b);
      std::printf(" %s", hex.c_str());
      if (c.probability > 0.f && c.probability < 1.f) std::printf(" (%.0f%%)", 100.0 * c.probability);
      colours.push_back({{"a", c.a}, {"b", c.b}, {"probability", c.probability}, {"hex", hex}});
    }
    std::printf("\n");
    out["positions"].push_back({{"x", r.x}, {"y", r.y}, {"score", r.score}, {"colours", colours}});
  }
  if (recs.empty()) std::printf("(nothing to recommend: every visible place is covered by a hint)\n");
  if (p.has("--json")) {
    write_file_atomic(p.get("--json"), out.dump(2) + "\n");
    std::printf("wrote %s\n", p.get("--json").c_str());
  }
  return 0;
}

int run_suggest(std::vector<std::string> args) {
  ArgParser p("tinge suggest",
              "IMAGE --at X,Y [--hints SESSION] [-k 8] [--model FILE] | IMAGE --where [-k 3] | --eval DIR",
              "Print the k most likely in-gamut colours the model proposes at pixel (X, Y).\n"
              "With --where: the k places where one more hint would change the result most, each with\n"
              "its likely colours (also with --method levin, which has no model).\n"
              "With --eval DIR: how often the colour a photo really has at random points is among\n"
              "the first 1, 3 and k suggestions (a folder of colour photos, fixed seeds).");
  p.option("--at", "", "X,Y", "point in original-image pixels")
      .flag("--where", "", "recommend where to place the next hints")
      .option("--method", "", "M", "--where: model (default) or levin, model+levin")
      .option("--json", "", "OUT.json", "--where: also write the positions as JSON")
      .option("--hints", "", "SESSION", "hint session to condition on")
      .option("-k", "", "N", "number of suggestions (default 8)")
      .option("--model", "", "FILE", "model file (default: the bundled model)")
      .option("--threads", "", "N",
              "CPU threads for the network (default: half the cores, 1 to 4; $TINGE_THREADS)")
      .option("--eval", "", "DIR", "score the suggestions on a folder of colour photos");
  add_reference_options(p);
  p.option("--eval", "", "DIR", "score the suggestions on a folder of colour photos")
      .option("--probes", "", "N", "--eval: points per photo (default 10)")
      .option("--eval-hints", "", "N",
              "--eval: hints given to the network, sampled from the photo (default 0)")
      .option("--radius", "", "R", "--eval: a suggestion within R ab units is a hit (default 10)")
      .option("--max-images", "", "N", "--eval: at most N photos (default all)")
      .option("--seed", "", "S", "--eval: seed of the sampling (default 1)")
      .positionals(0, 1, "IMAGE");
  if (!p.parse(args)) return 0;
  if (p.has("--eval")) {
    if (!p.positional().empty() || p.has("--at") || p.has("--hints"))
      throw UsageError("tinge suggest: --eval takes a folder and no IMAGE, --at or --hints");
    auto model = make_method("model", method_args(p));
    return run_suggest_eval(p, *model, p.get_int("-k", 8, 1, 64));
  }
  if (p.positional().empty()) throw UsageError("tinge suggest: an IMAGE is required (or --eval DIR)");
  if (p.has("--json") && !p.has("--where")) throw UsageError("tinge suggest: --json goes with --where");
  if (p.has("--method") && !p.has("--where")) throw UsageError("tinge suggest: --method goes with --where");
  if ((p.has("--reference") || p.has("--palette") || p.has("--reference-strength")) && !p.has("--at"))
    throw UsageError("tinge suggest: --reference, --palette and --reference-strength go with --at");
  if (p.has("--where")) {
    if (p.has("--at")) throw UsageError("tinge suggest: give --at X,Y or --where, not both");
    if (p.has("--json")) {
      check_output_file("--json", p.get("--json"));
      check_not_an_input("--json", p.get("--json"), {p.positional()[0], p.get("--hints")});
    }
    return run_suggest_where(p, p.positional()[0]);
  }
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
  HintSet pts;
  if (p.has("--hints")) {
    pts = session_hints(load_session(p.get("--hints")));
    validate_hints(pts, img.width, img.height);
  }
  auto model = make_method("model", method_args(p));
  std::optional<ScopedReference> steer;  // suggestions favour the colours a reference holds
  if (const auto r = reference_options(p)) steer.emplace(*model, load_reference(*r, ""));
  Plane L = srgb8_to_lightness(img);
  const WorkingInput work = to_working_resolution(L, pts, model->working_short_side());
  const float sx = float(work.L.width) / float(L.width), sy = float(work.L.height) / float(L.height);
  auto s = model->distribution()->suggest(work.L, work.hints, float(x) * sx, float(y) * sy, k);
  std::printf("#  L      a       b       mass    hex\n");
  const float Lp = L.at(std::min(int(x), L.width - 1), std::min(int(y), L.height - 1));
  for (size_t i = 0; i < s.size(); ++i) {
    auto rgb = lab_to_srgb({Lp, s[i].a, s[i].b});
    auto c = [](float v) { return int(std::lround(std::min(1.f, std::max(0.f, v)) * 255)); };
    std::printf("%zu  %5.1f  %6.1f  %6.1f  %.4f  #%02x%02x%02x\n", i + 1, Lp, s[i].a, s[i].b,
                s[i].probability, c(rgb[0]), c(rgb[1]), c(rgb[2]));
  }
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("suggest", "Colours the model proposes at a point", run_suggest);
}  // namespace tinge
#endif
