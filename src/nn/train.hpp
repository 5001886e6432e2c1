// `tinge train`: trains the guided colourisation network on a folder of photos or a packed dataset.
// Torch-free interface; the loop lives in train.cpp.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tinge {

struct TrainOptions {
  std::string data;                           // folder of photos or a packed file (`tinge pack`)
  std::string out = "tinge-model.safetensors";  // final model; the checkpoint is <out>.ckpt
  std::string init;                           // start from this model's weights (fine-tuning)
  bool resume = false;                        // continue exactly from <out>.ckpt
  bool force = false;                         // start a new run over an existing <out> / <out>.ckpt
  std::string loss = "hybrid";                // l2 | l1 | huber | ce | hybrid
  int64_t steps = 0;                          // the schedule's length in steps (0: 2000, or the checkpoint's)
  double minutes = -1;                        // > 0: stop (with a checkpoint) after this long in all;
                                              // 0: no limit; < 0: not given (0, or on resume the run's)
  int64_t stop_at = 0;                        // > 0: stop (with a checkpoint) at this step
  int batch = 32;
  int crop = 176;
  double lr = 1e-3;
  double ce_weight = 1.0;                     // weight of the classification term in `hybrid`
  double degrade = 0.0;                       // share of samples with an old-print L (SampleOptions)
  uint64_t seed = 1;
  std::string device = "auto";                // auto | cpu | cuda
  std::string precision;                      // auto | fp32 | bf16 (mixed_precision.hpp); "" = fp32,
                                              // or on resume the run's
  int threads = 0;                            // intra-op threads (0: 1 on CPU)
  int workers = 0;                            // batch-making threads (0: automatic)
  int checkpoint_every = 500;
  std::vector<int64_t> widths = {32, 64, 128, 256};
  bool levin_input = false;                   // Levin's propagation of the hints as two more inputs
                                              // (an --init model without them gets zero weights for
                                              // them; on resume: the checkpoint's)
  int max_images = 0;                         // 0: all (on resume: the checkpoint's)
  std::string log_csv;                        // default <out>.log.csv
  std::string plot_svg;                       // default <out>.loss.svg
  bool quiet = false;
};

struct TrainResult {
  int64_t steps_done = 0;
  double final_loss = 0;
  double images_per_second = 0;
  bool interrupted = false;
};

TrainResult run_training(const TrainOptions& opt);

}  // namespace tinge
