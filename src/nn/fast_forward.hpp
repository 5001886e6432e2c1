// CPU inference plan for tinge-unet-v1: BatchNorm folded into the convolutions once, and every
// convolution's weights packed once for oneDNN (when LibTorch has it) instead of on every call; in
// bf16, the folded weights converted to bf16 once (instead of BatchNorm passes and the weights'
// conversion on every call under autocast). Same outputs as ColorNetImpl::forward in eval mode (to
// float rounding; in bf16 as close to the float32 outputs as the module under autocast); about a
// quarter faster than the module in float32 on a 2-core machine, 5 % in bf16. Internal (includes torch).
#pragma once
#include <memory>
#include <vector>

#include "nn/net.hpp"

namespace tinge {

class FastUnet {
 public:
  // net in eval mode, on the CPU; bf16: weights and activations in bfloat16
  FastUnet(ColorNetImpl& net, bool bf16 = false);
  // x: (1, 4 or 6, H, W), channels-last float. With `class_features`, the logits are left undefined
  // and the class head's input is stored there instead: class_logits() computes them when needed.
  NetOutput forward(const torch::Tensor& x, torch::Tensor* class_features = nullptr) const;
  torch::Tensor class_logits(const torch::Tensor& class_features) const;
  bool packed() const { return packed_; }  // weights packed for oneDNN

 private:
  struct Conv {
    torch::Tensor w, b;  // folded weight (packed when packed_), bias
    std::vector<int64_t> stride, pad, dil;
    bool relu = true;
  };
  Conv make(const torch::nn::Conv2d& c, const torch::nn::BatchNorm2d* bn, bool relu);
  torch::Tensor run(const Conv& c, const torch::Tensor& x) const;

  bool bf16_ = false;
  bool packed_ = false;
  Conv stem1_, stem2_, down1a_, down1b_, down2a_, down2b_, down3a_, mid1_, mid2_, mid3_, red3_, up3a_, up3b_,
      red2_, up2a_, up2b_, class_head_, red1_, up1a_, ab_head_, levin_gate_;
  bool has_gate_ = false;  // a levin_input network (net.hpp)
  double mask_offset_ = 0;
  torch::Tensor global_w_, global_b_;
};

// Readies a network for CPU inference: 4-d weights channels-last (matching channels-last input),
// and for tinge-unet-v1 the folded forward, in float32 or bf16 (nullptr for other architectures).
std::unique_ptr<FastUnet> prepare_cpu_inference(const std::shared_ptr<GuidedNetImpl>& net, bool bf16 = false);

}  // namespace tinge
