// `tinge pack`: decode a folder of training photos once into a packed file for fast training.
#if TINGE_WITH_TORCH
#include <iostream>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/progress.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "nn/dataset.hpp"

namespace tinge {
namespace {

int run_pack(std::vector<std::string> args) {
  ArgParser p("tinge pack", "DIR -o FILE [--short-side N] [--min-side N]",
              "Decode a folder of colour photos (skipping grayscale ones) into one packed training file.");
  p.option("--out", "-o", "FILE", "packed file to write")
      .option("--short-side", "", "N", "downscale so the shorter side is at most N (default 256)")
      .option("--min-side", "", "N", "upscale so the shorter side is at least N (default 176)")
      .option("--max-images", "", "N", "pack at most N photos")
      .positionals(1, 1, "DIR");
  if (!p.parse(args)) return 0;
  if (!p.has("--out")) throw UsageError("tinge pack: -o FILE is required");
  DatasetOptions o;
  o.max_short_side = p.get_int("--short-side", 256, 16, 4096);
  o.min_short_side = p.get_int("--min-side", 176, 16, 4096);
  o.max_images = p.get_int("--max-images", 0, 0, 100000000);
  if (o.min_short_side > o.max_short_side)
    throw UsageError("tinge pack: --min-side " + std::to_string(o.min_short_side) +
                     " is larger than --short-side " + std::to_string(o.max_short_side));
  check_output_file("--out", p.get("--out"));  // before decoding every photo, not after
  int skipped = 0;
  auto d = load_dataset_folder(p.positional()[0], o, [&](const std::string& w) {
    ++skipped;
    std::cerr << "tinge pack: " << w << "\n";
  });
  save_packed(d, p.get("--out"));
  std::cout << "packed " << d.size() << " photos into " << p.get("--out") << " (" << skipped << " skipped)\n";
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("pack", "Decode training photos once into a packed file", run_pack);
}  // namespace tinge
#endif
