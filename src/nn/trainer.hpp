// The training loop of `tinge train` (internal, torch): batches made on worker threads, Adam with a
// warm-up + cosine schedule, the log every 10 steps, checkpoints every N steps and when asked to
// stop, exact resume. One Trainer is one invocation of a run (a fresh run, or a resumed one).
//
// run() goes: meet the other ranks of a data-parallel run (data_parallel.hpp), settle the options (a
// resumed run takes its recipe from the checkpoint's TrainState), load this rank's data shards of the
// photos (refusing other photos than the run's on resume), the class prior of all of them, the network
// (new, from `init`, or the checkpoint's; rank 0's on every rank) and the optimizer, then the loop; it
// reports through TrainCallbacks (rank 0 only) and never prints. Rank 0 alone writes files.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "nn/adam.hpp"
#include "nn/batch_queue.hpp"
#include "nn/checkpointer.hpp"
#include "nn/data_parallel.hpp"
#include "nn/dataset.hpp"
#include "nn/losses.hpp"
#include "nn/model_file.hpp"
#include "nn/train.hpp"
#include "nn/train_photos.hpp"
#include "nn/train_state.hpp"

namespace tinge {

class Trainer {
 public:
  Trainer(const TrainOptions& opt, TrainCallbacks callbacks);
  TrainResult run();

 private:
  using Clock = std::chrono::steady_clock;
  struct Batchwise;  // the loop's running sums (device tensors)

  void check_request() const;
  void choose_device();
  void connect();
  void settle_options();
  void load_data();
  void make_prior();
  void make_net();
  void make_loss_tensors();
  Checkpointer make_checkpointer() const;
  TrainResult loop(const Checkpointer& files);
  struct StepSums {
    LossTerms terms;    // the step's losses (over every micro-batch of every rank)
    bool stop = false;  // a rank was asked to stop
    double frac = 0;    // how far along the schedule is (rank 0's clock)
  };
  std::vector<std::unique_ptr<BatchQueue>> make_queues(int64_t step) const;
  StepSums gradients(std::vector<std::unique_ptr<BatchQueue>>& queues, bool want_stop, double frac);
  LossTerms forward_backward(Batch& b, double scale);
  void update(double lr);
  TrainLogRow log_row(int64_t step, double lr, int64_t batch, Batchwise& acc);
  double run_seconds() const;
  double schedule_fraction(int64_t step) const;
  TrainState state_at(int64_t step, const TrainWindow& window) const;
  void say(const std::string& line) const;

  const TrainOptions asked_;  // as the caller gave them
  TrainOptions opt_;          // as the run goes (defaults filled in; on resume, the checkpoint's recipe)
  TrainCallbacks cb_;
  torch::Device device_{torch::kCPU};
  LoadedModel resumed_;  // the checkpoint, on resume
  TrainState resumed_state_;
  std::unique_ptr<DataParallel> dp_;
  TrainPhotos photos_;  // this rank's data shards, and what all ranks train on
  std::string identity_;
  std::vector<float> prior_;
  torch::Tensor centers_, class_w_;  // the loss's bin centres and class weights
  ColorNet net_{nullptr};
  nlohmann::json init_from_;  // the `init` model's training provenance
  std::unique_ptr<Adam> adam_;
  std::vector<TrainLogRow> rows_;
  Clock::time_point t0_;
};

}  // namespace tinge
