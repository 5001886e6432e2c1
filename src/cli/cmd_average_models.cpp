// `tinge average-models A B --weight T -o OUT`: the weight average (1 - T) * A + T * B of two
// model files of the same architecture, checked to load before it is written (atomically).
#if TINGE_WITH_TORCH
#include <iostream>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "nn/average_models.hpp"
#include "nn/model.hpp"

namespace tinge {
namespace {

int run_average_models(std::vector<std::string> args) {
  ArgParser p(
      "tinge average-models", "A.safetensors B.safetensors --weight T -o OUT.safetensors",
      "Average two models of the same architecture tensor by tensor: (1 - T) * A + T * B.\n"
      "Typical use: A is a model, B a fine-tune of it; the average often beats both.\n"
      "A model without the Levin input (train --levin-input) counts as one with zero weights for it.");
  p.option("--weight", "-w", "T", "weight of B, from 0 to 1 (default 0.5)")
      .option("--out", "-o", "FILE", "model file to write")
      .positionals(2, 2, "A B");
  if (!p.parse(args)) return 0;
  if (!p.has("--out")) throw UsageError("tinge average-models: -o FILE is required");
  const double t = p.get_double("--weight", 0.5, 0.0, 1.0);
  const auto& files = p.positional();
  check_output_file("-o", p.get("--out"));
  check_not_an_input("-o", p.get("--out"), files);
  const std::string bytes =
      average_model_files(read_safetensors(files[0]), files[0], read_safetensors(files[1]), files[1], t);
  check_model_bytes(bytes, p.get("--out"));  // the result must be a usable model
  write_file_atomic(p.get("--out"), bytes);
  std::cout << "wrote " << p.get("--out") << " = " << 1.0 - t << " x " << files[0] << " + " << t << " x "
            << files[1] << "\n";
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("average-models", "Average the weights of two models (a model soup)",
                       run_average_models);
}  // namespace tinge
#endif
