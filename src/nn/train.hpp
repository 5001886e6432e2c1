// `tinge train`: trains the guided colourisation network on a folder of photos or a packed dataset.
// Torch-free interface for the front ends: the options of a run, the callbacks through which the
// trainer reports progress and messages and is asked to stop, and what it returns. The work is done
// by the Trainer (trainer.hpp); the resumable state and checkpoints by train_state.hpp and
// checkpointer.hpp.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "nn/train_log.hpp"

namespace tinge {

// A data-parallel run's place in it (torchrun's contract: MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK,
// LOCAL_RANK), filled by the front end. world_size 1: one process, no communication.
struct DistOptions {
  int world_size = 1;
  int rank = 0;        // 0..world_size-1; rank 0 writes the files and reports progress
  int local_rank = 0;  // among the ranks on its machine: picks the CUDA device
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;   // rank 0 hosts the rendezvous store here (unless agent_store)
  double timeout_s = 300;    // rendezvous, and any collective that waits longer, fails
  bool agent_store = false;  // torchrun's agent hosts the store (TORCHELASTIC_USE_AGENT_STORE)
  std::string store_prefix;  // key prefix in the agent's store
  std::string iface;         // network interface for Gloo ("": by the master's address / host name)
};

struct TrainOptions {
  std::string data;                             // folder of photos or a packed file (`tinge pack`)
  std::string out = "tinge-model.safetensors";  // final model; the checkpoint is <out>.ckpt
  std::string init;                             // start from this model's weights (fine-tuning)
  bool resume = false;                          // continue exactly from <out>.ckpt
  bool force = false;                           // start a new run over an existing <out> / <out>.ckpt
  std::string loss = "hybrid";                  // l2 | l1 | huber | ce | hybrid
  int64_t steps = 0;    // the schedule's length in steps (0: 2000, or the checkpoint's)
  double minutes = -1;  // > 0: stop (with a checkpoint) after this long in all;
                        // 0: no limit; < 0: not given (0, or on resume the run's)
  int64_t stop_at = 0;  // > 0: stop (with a checkpoint) at this step
  int batch = 32;
  int crop = 176;
  double lr = 1e-3;
  double ce_weight = 1.0;  // weight of the classification term in `hybrid`
  double degrade = 0.0;    // share of samples with an old-print L (SampleOptions)
  double shapes = 0.0;     // share of samples with simulated strokes or regions (SampleOptions)
  uint64_t seed = 1;
  std::string device = "auto";  // auto | cpu | cuda
  std::string precision;        // auto | fp32 | bf16 (mixed_precision.hpp); "" = fp32,
                                // or on resume the run's
  int threads = 0;              // intra-op threads (0: 1 on CPU)
  int workers = 0;              // batch-making threads (0: automatic)
  int checkpoint_every = 500;
  std::vector<int64_t> widths = {32, 64, 128, 256};
  bool levin_input = false;  // Levin's propagation of the hints as two more inputs
                             // (an `init` model without them gets zero weights for
                             // them; on resume: the checkpoint's)
  int max_images = 0;        // 0: all (on resume: the checkpoint's)
  int data_shards = 0;       // the photos split into this many shards, each with its own seed
                             // stream and share of the batch (0: the world size; on resume: the
                             // checkpoint's); each rank trains on some of them
  DistOptions dist;
  std::string log_csv;   // default <out>.log.csv
  std::string plot_svg;  // default <out>.loss.svg
};

// One row of the training log as it is written (every 10 steps and at the end), with the run's
// length and the estimated time left.
struct TrainProgress {
  TrainLogRow row;
  int64_t steps = 0;  // the schedule's length
  double eta_s = 0;   // seconds left, by throughput (and the time budget, if any)
};

// How the trainer talks to its caller; every member may be empty.
struct TrainCallbacks {
  std::function<void(const std::string&)> message;     // one line: what is loaded, notes, what was saved
  std::function<void(const TrainProgress&)> progress;  // after each log row
  std::function<bool()> should_stop;                   // polled before each step: true stops the run
                                                       // with a checkpoint (Ctrl-C)
};

struct TrainResult {
  int64_t steps_done = 0;
  double final_loss = 0;
  double images_per_second = 0;
  bool interrupted = false;  // should_stop ended the run
  std::string weights;       // a hash of the final weights (the same on every rank of a run)
};

// A request the trainer refuses before any work because it conflicts with what is on disk or in the
// checkpoint. what() says it in the trainer's terms; `reason` and `subject` let a front end say it
// in terms of its own options.
class TrainRequestError : public UsageError {
 public:
  enum class Reason {
    kOutputExists,  // subject: the model or checkpoint file (neither resume nor force asked for)
    kStopAtPassed,  // subject: the checkpoint's step (stop_at is not after it)
    kOtherPhotos,   // subject: the checkpoint (trained on other photos than `data`)
    kNoCuda,        // subject: "cuda" (asked for, none available)
  };
  TrainRequestError(Reason r, std::string subject, const std::string& message)
      : UsageError(message), reason(r), subject(std::move(subject)) {}
  Reason reason;
  std::string subject;
};

// The names TrainOptions::loss accepts: l2, l1, huber, ce, hybrid.
bool is_known_loss(const std::string& loss);

// Trains as `opt` says (see Trainer). Throws UsageError / TrainRequestError for a request it
// refuses, ModelError for an unreadable checkpoint or `init` model, Error for unusable data.
TrainResult run_training(const TrainOptions& opt, const TrainCallbacks& callbacks = {});

}  // namespace tinge
