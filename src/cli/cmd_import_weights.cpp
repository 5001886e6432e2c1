// `tinge import-weights`: released SIGGRAPH17 PyTorch weights -> a tinge model file.
#if TINGE_WITH_TORCH
#include <cstdio>
#include <filesystem>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "core/error.hpp"
#include "nn/import_weights.hpp"

namespace tinge {
namespace {

int run_import_weights(std::vector<std::string> args) {
  ArgParser p("tinge import-weights", "FILE.pth -o FILE.safetensors",
              "Turn the released SIGGRAPH17 generator weights (a torch.save state dict, e.g.\n"
              "siggraph17-df00044c.pth from richzhang/colorization) into a tinge model file.");
  p.option("-o", "--output", "FILE", "the tinge model file to write (safetensors)")
      .positionals(1, 1, "FILE.pth");
  if (!p.parse(args)) return 0;
  if (!p.has("-o")) throw UsageError("tinge import-weights: -o FILE.safetensors is required");
  const std::string in = p.positional()[0], out = p.get("-o");
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(in, ec)) throw ModelError("cannot open checkpoint " + in);
  if (fs::exists(out, ec) && fs::equivalent(in, out, ec))
    throw UsageError("refusing to write over the checkpoint itself: " + out);
  auto rep = import_siggraph17_weights(in, out);
  std::printf("imported %d tensors (%.1f M parameters, %s checkpoint) -> %s\n", rep.tensors,
              rep.parameters / 1e6, rep.format.c_str(), out.c_str());
  for (const auto& k : rep.ignored) std::printf("ignored: %s\n", k.c_str());
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("import-weights", "Import the released SIGGRAPH17 PyTorch weights",
                       run_import_weights);
}  // namespace tinge
#endif
