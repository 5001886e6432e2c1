// A training run's files (see checkpointer.hpp).
#include "nn/checkpointer.hpp"

#include <ctime>

#include "core/atomic_write.hpp"
#include "nn/model_file.hpp"

namespace tinge {
namespace {

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

Checkpointer::Checkpointer(CheckpointPaths paths, nlohmann::json meta, nlohmann::json training,
                           std::string title)
    : paths_(std::move(paths)),
      meta_(std::move(meta)),
      training_(std::move(training)),
      title_(std::move(title)) {}

void Checkpointer::save_checkpoint(ColorNet& net, const Adam& adam, const TrainState& state,
                                   const std::vector<TrainLogRow>& rows) const {
  save(paths_.checkpoint, net, state, adam.state(), rows);
}

void Checkpointer::save_model(ColorNet& net, const TrainState& state,
                              const std::vector<TrainLogRow>& rows) const {
  save(paths_.model, net, state, {}, rows);
}

void Checkpointer::save(const std::string& path, ColorNet& net, const TrainState& state,
                        const std::map<std::string, torch::Tensor>& optimizer,
                        const std::vector<TrainLogRow>& rows) const {
  nlohmann::json m = meta_;
  m["training"] = training_;
  state.save_to(m);
  m["training"]["finished"] = now_iso();
  save_model_file(path, net, m, optimizer);
  std::string csv = csv_header();
  for (const auto& r : rows) csv += csv_row(r);
  write_file_atomic(paths_.log_csv, csv);
  write_file_atomic(paths_.plot_svg, loss_curve_svg(rows, title_));
}

}  // namespace tinge
