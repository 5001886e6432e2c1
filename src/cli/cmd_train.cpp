// `tinge train`: train a guided colourisation model on your own photos.
#if TINGE_WITH_TORCH
#include <iostream>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "core/error.hpp"
#include "nn/train.hpp"

namespace tinge {
namespace {

int run_train(std::vector<std::string> args) {
  ArgParser p("tinge train", "--data DIR|PACK [options]",
              "Train the guided colourisation network (checkpoints to OUT.ckpt; Ctrl-C saves and stops).");
  p.option("--data", "", "DIR|PACK", "folder of colour photos, or a file made by `tinge pack`")
      .option("--out", "-o", "FILE", "model file to write (default tinge-model.safetensors)")
      .option("--init", "", "FILE", "start from this model's weights")
      .flag("--resume", "", "continue exactly from OUT.ckpt (same --data)")
      .flag("--force", "", "start a new run even if OUT or OUT.ckpt exists (replacing them)")
      .option("--loss", "", "NAME", "l2 | l1 | huber | ce | hybrid (default hybrid)")
      .option("--steps", "", "N", "optimisation steps (default 2000; on --resume the run's)")
      .option("--minutes", "", "M", "stop after M minutes of training in all, across resumes (0: no limit)")
      .option("--stop-at", "", "N", "stop at step N (with a checkpoint); --resume continues")
      .option("--batch", "", "N", "batch size (default 32)")
      .option("--crop", "", "N", "crop side, a multiple of 16 (default 176)")
      .option("--lr", "", "X", "peak learning rate (default 1e-3)")
      .option("--ce-weight", "", "X", "weight of the classification term in hybrid (default 1)")
      .option("--degrade", "", "P", "share of samples given an old print's faded/soft/grainy L (default 0)")
      .option("--widths", "", "A,B,C,D", "network widths (default 32,64,128,256)")
      .flag("--levin-input", "", "give the network Levin's propagation of the hints as two more inputs (an --init model without them starts with zero weights for them)")
      .option("--seed", "", "N", "random seed (default 1)")
      .option("--device", "", "D", "auto | cpu | cuda (default auto)")
      .option("--precision", "", "P", "auto | fp32 | bf16 (default fp32, on --resume the run's; auto: bf16 on CPUs with bf16 instructions, 2x faster there but less proven)")
      .option("--threads", "", "N", "intra-op threads (default 1 on CPU)")
      .option("--workers", "", "N", "batch-making threads (default: automatic)")
      .option("--checkpoint-every", "", "N", "steps between checkpoints (default 500)")
      .option("--max-images", "", "N", "use at most N photos")
      .flag("--quiet", "-q", "no progress output")
      .positionals(0, 0, "");
  if (!p.parse(args)) return 0;
  TrainOptions o;
  if (!p.has("--data")) throw UsageError("tinge train: --data is required");
  o.data = p.get("--data");
  o.out = p.get("--out", o.out);
  o.init = p.get("--init");
  o.resume = p.has("--resume");
  o.force = p.has("--force");
  if (o.resume && o.force) throw UsageError("tinge train: --resume and --force exclude each other");
  o.loss = p.get("--loss", o.loss);
  o.steps = p.get_int("--steps", 0, 1, 100000000);
  o.minutes = p.get_double("--minutes", -1, 0, 1e6);
  o.stop_at = p.get_int("--stop-at", 0, 0, 100000000);
  o.batch = p.get_int("--batch", o.batch, 1, 4096);
  o.crop = p.get_int("--crop", o.crop, 32, 1024);
  o.lr = p.get_double("--lr", o.lr, 1e-7, 1.0);
  o.ce_weight = p.get_double("--ce-weight", o.ce_weight, 0, 1000);
  o.degrade = p.get_double("--degrade", o.degrade, 0, 1);
  if (p.has("--widths")) {
    auto w = parse_int_list(p.get("--widths"), "--widths", 1, 4096);
    if (w.size() != 4) throw UsageError("--widths needs 4 numbers");
    o.widths.assign(w.begin(), w.end());
  }
  o.levin_input = p.has("--levin-input");
  if (o.levin_input && o.resume) throw UsageError("tinge train: --levin-input with --resume: the checkpoint decides");
  o.seed = uint64_t(p.get_int("--seed", 1, 0, 2147483647));
  o.device = p.get("--device", o.device);
  o.precision = p.get("--precision", o.precision);
  o.threads = p.get_int("--threads", 0, 0, 1024);
  o.workers = p.get_int("--workers", 0, 0, 256);
  o.checkpoint_every = p.get_int("--checkpoint-every", o.checkpoint_every, 0, 100000000);
  o.max_images = p.get_int("--max-images", 0, 0, 100000000);
  o.quiet = p.has("--quiet");
  auto r = run_training(o);
  std::cout << "steps " << r.steps_done << ", final loss " << r.final_loss << ", " << r.images_per_second
            << " images/s" << (r.interrupted ? " (interrupted)" : "") << "\n";
  return r.interrupted ? 130 : 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("train", "Train a colourisation model on a folder of photos", run_train);
}  // namespace tinge
#endif
