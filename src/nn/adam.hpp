// The optimizer of `tinge train` (internal, torch): Adam (Kingma & Ba 2015; betas 0.9, 0.999,
// eps 1e-8, no weight decay) over a network's parameters, with its moments saved in and restored
// from a checkpoint's tensors ("optim.m.<parameter>", "optim.v.<parameter>") so a resumed run
// continues exactly.
//
// Why not torch::optim::Adam: bf16 does not rule it out (autocast keeps the weights, their
// gradients and so the optimizer in float32), but exact resume does. Its moments live in
// Optimizer::state(), a map keyed by the address of each parameter's TensorImpl (as a string in
// LibTorch 1.13, Debian 12's; the key is internal and its type differs between LibTorch versions,
// and scripts/gpu-train.sh builds with a newer one), with a step count per parameter; its own
// serialisation is a separate torch archive. Restoring the checkpoint's named moments would mean
// writing into that internal map. It also computes the denominator as sqrt(v) / sqrt(1 - b2^t)
// where this one takes sqrt(v / (1 - b2^t)), so existing checkpoints would not continue bit for
// bit. This class is the same update in 40 lines, with the step count the schedule uses.
#pragma once
#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace tinge {

class Adam {
 public:
  explicit Adam(torch::nn::Module& net);
  // One update of every parameter that has a gradient, at learning rate `lr`; clears the gradients.
  void step(double lr);
  // The moments by checkpoint tensor name.
  std::map<std::string, torch::Tensor> state() const;
  // Restores the moments saved by state() after `steps` updates; throws ModelError naming the
  // parameter whose moments are missing or of another shape.
  void load(const std::map<std::string, torch::Tensor>& saved, int64_t steps);

 private:
  std::vector<std::string> names_;
  std::vector<torch::Tensor> params_, m_, v_;
  int64_t t_ = 0;
  double b1_ = 0.9, b2_ = 0.999, eps_ = 1e-8;
};

}  // namespace tinge
