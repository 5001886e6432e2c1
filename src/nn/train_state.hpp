// What a training checkpoint records so that a resumed run continues exactly as an uninterrupted
// one would: the run's recipe, where it is, and the training log's partly filled window. Stored in
// the model file's metadata ("train_state", and "training"."elapsed_s"); torch-free. The network's
// weights and the optimizer's moments travel as the file's tensors (checkpointer.hpp, adam.hpp).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace tinge {

struct TrainOptions;

// The log's window: the steps since the last log row and their summed losses, so a resumed run
// writes the rows an uninterrupted one would.
struct TrainWindow {
  int64_t steps = 0;
  double total = 0, regression = 0, classification = 0;
  double seconds = 0;  // how long those steps took
};

struct TrainState {
  // The recipe (on resume these replace what the caller asked for, but see Trainer).
  std::string loss = "hybrid";
  int batch = 32, crop = 176;
  double lr = 1e-3, ce_weight = 1.0, degrade = 0.0, shapes = 0.0;
  uint64_t seed = 1;
  std::string precision = "fp32";  // fp32 | bf16
  int64_t steps = 0;               // the schedule's length
  double minutes = 0;              // the run's time budget in all (0: none)
  int max_images = 0;
  int data_shards = 1;        // the photos' split (data_parallel.hpp); any number of ranks up to it resumes
  std::string data_identity;  // which photos it trains on (names, sizes, sampled pixels)
  // Where the run is.
  int64_t step = 0;
  double elapsed_s = 0;  // training seconds across resumes, saves included
  TrainWindow window;

  // The recipe of a run of `opt` (resolved: no "not given" values left).
  static TrainState of(const TrainOptions& opt);
  // Puts the fixed part of the recipe (loss, batch, crop, lr, seed, CE weight, degrade, shapes, data
  // shards) into `opt`, as a resumed run must keep it; length, time, photos and precision are the
  // Trainer's to settle.
  void apply_recipe(TrainOptions& opt) const;
  // Writes "train_state" and "training"."steps_done" / "elapsed_s" into `meta`.
  void save_to(nlohmann::json& meta) const;
  // Reads a checkpoint's metadata; throws ModelError naming `name` when it is not a training
  // checkpoint, or a field is missing, of the wrong type or out of range.
  static TrainState load_from(const nlohmann::json& meta, const std::string& name);
};

}  // namespace tinge
