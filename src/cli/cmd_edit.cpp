// `tinge edit`: the interactive editor (src/app), or a scripted headless session with --script.
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "cli/methods.hpp"
#include "cli/resources.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#if TINGE_WITH_APP
#include "app/editor.hpp"
#endif

namespace tinge {
namespace {

int run_edit(std::vector<std::string> argv) {
  ArgParser args("tinge edit", "[IMAGE|SESSION.json|FOLDER] [options]",
                 "Interactive colourisation editor. With no argument it opens a bundled sample;\n"
                 "with a folder, its first photo (Page Down / Page Up go through the others).\n"
                 "With --script it replays actions headlessly (e.g. under xvfb-run) and exits.\n"
                 "With --bench it drags a hint and times frames and edits (on the bundled sample\n"
                 "unless IMAGE is given), prints a table, writes OUT.json and exits.");
  args.option("--script", "", "ACTIONS.json", "replay these actions, then exit")
      .option("--session", "", "SESSION.json", "load these hints for the image")
      .option("--bench", "", "OUT.json", "benchmark frame time and edit latency, then exit")
      .option("--bench-seconds", "", "S", "--bench: seconds of continuous dragging (default 10)")
      .option("--bench-edits", "", "N", "--bench: single edits to time (default 30)");
  add_method_options(args);
  args.option("--size", "", "WxH", "window size (default 1280x800)")
      .option("--max-fps", "", "N",
              "most frames a second while something moves (default: the display's rate, at least 60)")
      .flag("--no-autosave", "", "do not autosave the hints or offer recovery")
      .flag("--autosave", "", "autosave even while replaying a --script (off by default)")
      .positionals(0, 1, "IMAGE|SESSION.json|FOLDER");
  if (!args.parse(argv)) return 0;
#if TINGE_WITH_APP
  EditorOptions opt;
  if (!args.positional().empty()) opt.input = args.positional()[0];
  opt.script = args.get("--script");
  opt.session = args.get("--session");
  opt.bench_out = args.get("--bench");
  opt.bench_seconds = args.get_double("--bench-seconds", 10, 0.1, 3600);
  opt.bench_edits = args.get_int("--bench-edits", 30, 1, 10000);
  opt.max_fps = args.get_double("--max-fps", 0, 0, 1000);
  if (!opt.bench_out.empty() && !opt.script.empty())
    throw UsageError("--bench and --script cannot be combined");
  if (args.has("--bench")) check_output_file("--bench", opt.bench_out);  // before the run, not after it
  opt.autosave = !args.has("--no-autosave");
  opt.autosave_scripted = args.has("--autosave") && opt.autosave;
  if (args.has("--size")) {
    const std::string s = args.get("--size");
    const size_t x = s.find('x');
    if (x == std::string::npos) throw UsageError("--size '" + s + "': expected WxH, e.g. 1280x800");
    opt.width = parse_int(s.substr(0, x), "--size width");
    opt.height = parse_int(s.substr(x + 1), "--size height");
    // The side panel takes 340 px: the photo needs room beside it.
    if (opt.width < 480 || opt.height < 240 || opt.width > 16384 || opt.height > 16384)
      throw UsageError("--size '" + s + "': expected at least 480x240 and at most 16384x16384");
  }
  if (opt.input.empty()) {
    opt.sample = bundled_sample();
    if (!opt.script.empty()) throw UsageError("--script needs an IMAGE to work on");
    if (!opt.bench_out.empty()) opt.input = opt.sample;
  }
  opt.method = method_from_options(args);
  opt.worker_nice = env_worker_nice();
  if (const std::string c = env_compose(); !c.empty()) opt.compose = c;
  opt.config_dir = config_home() + "/tinge";
  opt.autosave_dir = state_home() + "/tinge/autosave";
  return run_editor(std::move(opt));
#else
  throw Error("this tinge was built without the editor (configure with -DTINGE_BUILD_APP=ON)");
#endif
}

}  // namespace

TINGE_REGISTER_COMMAND("edit", "Interactive editor; --script replays actions headlessly", run_edit);

}  // namespace tinge
