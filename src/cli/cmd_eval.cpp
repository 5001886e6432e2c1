// `tinge eval`: scores a method on a folder of colour photos with the evaluation protocol of
// core/evaluate.hpp (PSNR and colourfulness against N sampled hints), prints a Markdown table and
// optionally writes the report as JSON and a PSNR-vs-hints plot (SVG), possibly together with
// earlier reports (--compare).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/methods.hpp"
#include "cli/progress.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/evaluate.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"

namespace tinge {
namespace {

uint64_t parse_seed(const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || *end != '\0' || errno == ERANGE)
    throw UsageError("--seed: expected a non-negative integer, got '" + text + "'");
  return uint64_t(v);
}

// Reads back a report written earlier by `tinge eval --json` (for --compare).
EvalReport read_report(const std::string& path) {
  try {
    return parse_eval_json(read_regular_file(path, uint64_t(16) << 20));
  } catch (const Error& e) {
    throw Error("--compare '" + path + "': " + e.what());
  }
}

int run_eval(std::vector<std::string> argv) {
  ArgParser args("tinge eval", "--data DIR [--method M] [options]",
                 "Scores a method on a folder of colour photos: each photo's lightness plus N hints\n"
                 "sampled from it (fixed seed) is colourised and compared with the original (PSNR)\n"
                 "for every N. With --placement, a simulated user adds the hints one at a time instead.\n"
                 "With --plot and --compare only (no --data), just draws the reports.");
  args.option("--data", "", "DIR", "folder of colour photos");
  add_method_options(args);
  args.option("--hints", "", "LIST",
              "hint counts, comma-separated (default 0,1,2,5,10,20,50,100; 1,2,5,10,20 with --placement)")
      .option("--reference", "", "R",
              "a colour reference for each photo: none (default), self (its own colours: an oracle),\n"
              "same-source (the next photo from the same source, by file-name prefix)")
      .option("--reference-strength", "", "S", "how strongly the reference steers, 0 to 2 (default 1)")
      .option("--placement", "", "P",
              "where hints go: uniform (sampled at random, the default), recommended (one at a time\n"
              "where tinge recommends), oracle (one at a time where the result's error is largest:\n"
              "an upper bound that uses the original)")
      .option("--hint-shape", "", "S",
              "what each hint is: point (a patch, the default), stroke (a random walk inside\n"
              "near-constant colour) or region (a flood-filled area traced as a polygon)")
      .option("--preview", "", "S",
              "score the editor's live previews (a hint being dragged) instead of the results: the\n"
              "method's draft at short side S (the editor's is 128)")
      .option("--patch", "", "P", "side in pixels of each hint's patch (default 5)")
      .option("--seed", "", "S", "seed of the hint sampling (default 1)")
      .option("--max-images", "", "N", "use at most N photos (default all)")
      .option("--json", "", "OUT.json", "write the report as JSON")
      .option("--plot", "", "OUT.svg", "write a PSNR-vs-hints plot")
      .option("--compare", "", "FILE.json", "an earlier report to draw in the plot (repeatable)", true)
      .positionals(0, 0, "");
  if (!args.parse(argv)) return 0;

  const std::vector<std::string> compare = args.get_all("--compare");
  if (!compare.empty() && !args.has("--plot")) throw UsageError("--compare needs --plot OUT.svg");
  std::vector<std::string> inputs = compare;
  inputs.push_back(args.get("--model"));
  for (const char* o : {"--json", "--plot"})
    if (args.has(o)) {
      check_output_file(o, args.get(o));
      check_not_an_input(o, args.get(o), inputs);
    }
  if (args.has("--json") && args.has("--plot") && same_file(args.get("--json"), args.get("--plot")))
    throw UsageError("--json and --plot name the same file '" + args.get("--json") + "'");
  std::vector<EvalReport> reports;
  for (const std::string& c : compare) reports.push_back(read_report(c));

  if (!args.has("--data")) {
    if (compare.empty()) throw UsageError("'tinge eval' needs --data DIR (see 'tinge eval --help')");
    write_file_atomic(args.get("--plot"), eval_svg(reports));
    std::printf("wrote plot %s (%zu reports)\n", args.get("--plot").c_str(), reports.size());
    return 0;
  }

  EvalOptions opt;
  if (args.has("--placement")) opt.placement = parse_placement(args.get("--placement"));
  if (args.has("--reference")) opt.reference = args.get("--reference");
  opt.reference_strength = float(args.get_double("--reference-strength", 1.0, 0.0, 2.0));
  if (opt.placement != Placement::kUniform) opt.hint_counts = {1, 2, 5, 10, 20};
  if (args.has("--hints")) opt.hint_counts = parse_int_list(args.get("--hints"), "--hints", 0, 100000);
  if (opt.placement != Placement::kUniform)
    for (int n : opt.hint_counts)
      if (n > 1000)
        throw UsageError("--placement " + args.get("--placement") + ": at most 1000 hints (got " +
                         std::to_string(n) + ")");
  if (args.has("--hint-shape")) opt.shape = parse_hint_shape(args.get("--hint-shape"));
  if (opt.shape != HintShape::kPoint && opt.placement != Placement::kUniform)
    throw UsageError("--hint-shape " + args.get("--hint-shape") + " works with uniform placement only");
  opt.patch = args.get_int("--patch", 5, 1, 255);
  opt.preview_short_side = args.get_int("--preview", 0, 16, 4096);
  opt.seed = args.has("--seed") ? parse_seed(args.get("--seed")) : 1;
  opt.max_images = args.get_int("--max-images", 0, 0, 100000000);

  const std::string data = args.get("--data");
  const std::vector<std::string> files = list_images(data);
  if (files.empty()) throw ImageError("no images in folder '" + data + "'");

  std::string name;
  std::unique_ptr<Method> method = method_from_options(args, &name);

  std::unique_ptr<ProgressBar> bar;
  const EvalReport report = evaluate(*method, files, opt, [&](int done, int total) {
    if (!bar) bar = std::make_unique<ProgressBar>("eval " + name, total);
    bar->update(done);
  });
  if (bar) bar->finish();

  std::fputs(eval_table(report).c_str(), stdout);
  if (args.has("--json")) {
    write_file_atomic(args.get("--json"), eval_json(report));
    std::printf("wrote report %s\n", args.get("--json").c_str());
  }
  if (args.has("--plot")) {
    reports.push_back(report);
    write_file_atomic(args.get("--plot"), eval_svg(reports));
    std::printf("wrote plot %s\n", args.get("--plot").c_str());
  }
  return 0;
}

}  // namespace

TINGE_REGISTER_COMMAND("eval", "score a method on a folder of colour photos (PSNR vs. hint count)", run_eval);

}  // namespace tinge
