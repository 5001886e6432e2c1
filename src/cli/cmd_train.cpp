// `tinge train`: train a guided colourisation model on your own photos. The flags, the progress
// line, Ctrl-C and the wording of refusals in terms of flags are here; the training in nn/trainer.
#if TINGE_WITH_TORCH
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "nn/train.hpp"

namespace tinge {
namespace {

std::atomic<bool> g_interrupted{false};
void on_sigint(int) {
  g_interrupted = true;
}

// Ctrl-C asks the run to stop (with a checkpoint) while this lives; the old handler comes back
// however it ends.
struct SigintScope {
  void (*old)(int);
  SigintScope() : old(std::signal(SIGINT, on_sigint)) { g_interrupted = false; }
  ~SigintScope() { std::signal(SIGINT, old); }
};

ArgParser train_parser() {
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
      .option("--shapes", "", "P", "share of samples given simulated strokes or regions as hints (default 0)")
      .option("--widths", "", "A,B,C,D", "network widths (default 32,64,128,256)")
      .flag("--levin-input", "",
            "give the network Levin's propagation of the hints as two more inputs (an --init model without "
            "them starts with zero weights for them)")
      .option("--seed", "", "N", "random seed (default 1)")
      .option("--device", "", "D", "auto | cpu | cuda (default auto)")
      .option("--precision", "", "P",
              "auto | fp32 | bf16 (default fp32, on --resume the run's; auto: bf16 on CPUs with bf16 "
              "instructions, 2x faster there but less proven)")
      .option("--threads", "", "N", "intra-op threads (default 1 on CPU)")
      .option("--workers", "", "N", "batch-making threads (default: automatic)")
      .option("--checkpoint-every", "", "N", "steps between checkpoints (default 500)")
      .option("--max-images", "", "N", "use at most N photos")
      .option("--data-shards", "", "N",
              "split the photos into N shards, each with its own seed stream and batch / N of each batch "
              "(default: the world size; on --resume the run's)")
      .option("--world-size", "", "N", "processes of a data-parallel run (default $WORLD_SIZE, else 1)")
      .option("--rank", "", "R", "this process's rank, 0..N-1 (default $RANK); rank 0 writes the files")
      .option("--local-rank", "", "L",
              "rank among those on its machine, the CUDA device it uses (default $LOCAL_RANK, else 0)")
      .option("--master", "", "ADDR:PORT",
              "where rank 0 hosts the rendezvous (default $MASTER_ADDR:$MASTER_PORT, else 127.0.0.1:29500)")
      .option("--dist-timeout", "", "S", "seconds a rank waits for the others before it fails (default 300)")
      .flag("--quiet", "-q", "no progress output")
      .positionals(0, 0, "");
  return p;
}

// The place of this process in a data-parallel run: each flag, else torchrun's variable, else the
// default (one process; rendezvous at 127.0.0.1:29500, torch's default port).
DistOptions dist_options(const ArgParser& p) {
  const DistEnv env = env_distributed();
  DistOptions d;
  d.world_size = p.get_int("--world-size", env.world_size > 0 ? env.world_size : 1, 1, 65536);
  const bool rank_given = p.has("--rank") || env.rank >= 0;
  d.rank = p.get_int("--rank", std::max(0, env.rank), 0, 65535);
  d.local_rank = p.get_int("--local-rank", std::max(0, env.local_rank), 0, 65535);
  if (d.rank >= d.world_size)
    throw UsageError("rank " + std::to_string(d.rank) + " is not below the world size " +
                     std::to_string(d.world_size) + " (--rank, $RANK; --world-size, $WORLD_SIZE)");
  if (d.world_size > 1 && !rank_given)
    throw UsageError("a world size of " + std::to_string(d.world_size) +
                     " needs this process's rank (--rank or $RANK)");
  if (!env.master_addr.empty()) d.master_addr = env.master_addr;
  if (env.master_port > 0) d.master_port = env.master_port;
  if (p.has("--master")) {
    const std::string m = p.get("--master");
    const size_t colon = m.rfind(':');
    if (colon == std::string::npos || colon == 0)
      throw UsageError("--master takes ADDR:PORT, got '" + m + "'");
    std::string addr = m.substr(0, colon);
    if (addr.size() > 2 && addr.front() == '[' && addr.back() == ']') addr = addr.substr(1, addr.size() - 2);
    d.master_addr = addr;
    d.master_port = parse_int(m.substr(colon + 1), "--master's port");
    if (d.master_port < 1 || d.master_port > 65535)
      throw UsageError("--master: port must be 1..65535, got '" + m + "'");
  }
  d.timeout_s = p.get_double("--dist-timeout", d.timeout_s, 1, 86400);
  d.agent_store = env.agent_store;
  if (env.agent_store) d.store_prefix = "/worker/attempt_" + std::to_string(env.restart_count);
  d.iface = env.iface;
  return d;
}

TrainOptions train_options(const ArgParser& p) {
  TrainOptions o;
  if (!p.has("--data")) throw UsageError("tinge train: --data is required");
  o.data = p.get("--data");
  o.out = p.get("--out", o.out);
  check_output_file("--out", o.out);
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
  o.shapes = p.get_double("--shapes", o.shapes, 0, 1);
  if (p.has("--widths")) {
    auto w = parse_int_list(p.get("--widths"), "--widths", 1, 4096);
    if (w.size() != 4) throw UsageError("--widths needs 4 numbers");
    o.widths.assign(w.begin(), w.end());
  }
  o.levin_input = p.has("--levin-input");
  if (o.levin_input && o.resume)
    throw UsageError("tinge train: --levin-input with --resume: the checkpoint decides");
  o.seed = uint64_t(p.get_int("--seed", 1, 0, 2147483647));
  o.device = p.get("--device", o.device);
  o.precision = p.get("--precision", o.precision);
  o.threads = p.get_int("--threads", 0, 0, 1024);
  o.workers = p.get_int("--workers", 0, 0, 256);
  o.checkpoint_every = p.get_int("--checkpoint-every", o.checkpoint_every, 0, 100000000);
  o.max_images = p.get_int("--max-images", 0, 0, 100000000);
  o.data_shards = p.get_int("--data-shards", 0, 1, 65536);
  o.dist = dist_options(p);
  // What a resumed run's checkpoint settles is checked by the trainer; these fail before meeting the others.
  if (!o.resume && o.data_shards > 0 && o.data_shards < o.dist.world_size)
    throw UsageError("--data-shards " + std::to_string(o.data_shards) + " is fewer than the world size " +
                     std::to_string(o.dist.world_size) + ": each rank needs a shard");
  const int shards = o.data_shards > 0 ? o.data_shards : o.dist.world_size;
  if (!o.resume && o.batch % shards != 0)
    throw UsageError("--batch " + std::to_string(o.batch) + " does not split into " + std::to_string(shards) +
                     " data shards (make it a multiple)");
  return o;
}

// Messages on stderr, and the progress line: redrawn in place at most twice a second on a
// terminal, a new line every 15 s otherwise, and always the last step's.
TrainCallbacks console_callbacks() {
  TrainCallbacks cb;
  cb.message = [](const std::string& s) { std::cerr << "tinge train: " << s << "\n"; };
  const bool tty = isatty(2);
  auto last = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  cb.progress = [tty, last](const TrainProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration<double>(now - *last).count() <= (tty ? 0.5 : 15.0) && p.row.step != p.steps)
      return;
    std::cerr << (tty ? "\r" : "") << progress_line(p.row, p.steps, p.eta_s) << (tty ? "   " : "\n")
              << std::flush;
    *last = now;
  };
  cb.should_stop = [] { return g_interrupted.load(); };
  return cb;
}

// The trainer's refusals in terms of this command's flags.
[[noreturn]] void reword(const TrainRequestError& e, const TrainOptions& o) {
  using R = TrainRequestError::Reason;
  switch (e.reason) {
    case R::kOutputExists:
      throw UsageError(e.subject + " exists: --resume continues that run, --force starts a new one over it");
    case R::kStopAtPassed:
      throw UsageError("--stop-at " + std::to_string(o.stop_at) + ": the checkpoint is already at step " +
                       e.subject);
    case R::kOtherPhotos:
      throw UsageError("--resume: " + std::string(e.what()) +
                       " (resume with the same --data and --max-images)");
    case R::kNoCuda:
      throw UsageError("--device cuda: " + std::string(e.what()));
  }
  throw e;
}

int run_train(std::vector<std::string> args) {
  ArgParser p = train_parser();
  if (!p.parse(args)) return 0;
  const TrainOptions o = train_options(p);
  const bool quiet = p.has("--quiet");
  TrainResult r;
  try {
    SigintScope sigint;
    r = run_training(o, quiet ? TrainCallbacks{nullptr, nullptr, [] { return g_interrupted.load(); }}
                              : console_callbacks());
  } catch (const TrainRequestError& e) {
    reword(e, o);
  }
  if (!quiet && isatty(2)) std::cerr << "\n";
  // Every rank says how it ended; the weights' hash is the same on all of them.
  if (o.dist.world_size > 1) std::cout << "rank " << o.dist.rank << " of " << o.dist.world_size << ": ";
  std::cout << "steps " << r.steps_done << ", final loss " << r.final_loss << ", " << r.images_per_second
            << " images/s, weights " << r.weights << (r.interrupted ? " (interrupted)" : "") << "\n";
  return r.interrupted ? 130 : 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("train", "Train a colourisation model on a folder of photos", run_train);
}  // namespace tinge
#endif
