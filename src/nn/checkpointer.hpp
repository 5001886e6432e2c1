// Writes a training run's files (internal, torch): the checkpoint <out>.ckpt (network, optimizer
// moments, TrainState) every N steps and at the end, the final model <out> (network only), and
// beside them the log as CSV and the loss curve as SVG. Every file is replaced atomically, so a run
// killed mid-save leaves the previous one.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nn/adam.hpp"
#include "nn/net.hpp"
#include "nn/train_log.hpp"
#include "nn/train_state.hpp"

namespace tinge {

struct CheckpointPaths {
  std::string model;       // the final model
  std::string checkpoint;  // model + ".ckpt"
  std::string log_csv, plot_svg;
};

class Checkpointer {
 public:
  // `meta`: the model's description (architecture, grid, normalisation, decoding, prior);
  // `training`: the run's provenance, stored as "training" beside the state's counters.
  Checkpointer(CheckpointPaths paths, nlohmann::json meta, nlohmann::json training, std::string title);
  const CheckpointPaths& paths() const { return paths_; }
  // The checkpoint, with the optimizer's moments, and the logs.
  void save_checkpoint(ColorNet& net, const Adam& adam, const TrainState& state,
                       const std::vector<TrainLogRow>& rows) const;
  // The final model (no optimizer moments, but the state: `tinge model-info` shows it), and the logs.
  void save_model(ColorNet& net, const TrainState& state, const std::vector<TrainLogRow>& rows) const;

 private:
  void save(const std::string& path, ColorNet& net, const TrainState& state,
            const std::map<std::string, torch::Tensor>& optimizer,
            const std::vector<TrainLogRow>& rows) const;
  CheckpointPaths paths_;
  nlohmann::json meta_, training_;
  std::string title_;  // of the loss curve
};

}  // namespace tinge
