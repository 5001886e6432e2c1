// Zhang et al.'s SIGGRAPH 2017 generator ("Real-Time User-Guided Image Colorization with Learned Deep
// Priors") with the layer shapes of the released PyTorch model (richzhang/colorization,
// colorizers/siggraph17.py), as a tinge architecture: conv1-conv10 (64-128-256-512 channels, three
// subsamplings by 2, dilated conv5/conv6, transposed-convolution decoder with shortcuts from conv3,
// conv2 and conv1), tanh ab output at full resolution (x 110), and a 529-bin (23 x 23) distribution
// head on conv8 at 1/4 resolution. About 75 GMAC at 256 x 256 (tinge-unet-v1: about 2).
//
// Module and parameter names equal the released state dict's ("model1.0.weight", "model8up.0.bias",
// "model1.4.running_mean", ...) so imported weights map one to one. Internal (includes torch).
#pragma once
#include <string>
#include <vector>

#include "nn/net.hpp"

namespace tinge {

struct Siggraph17Impl : GuidedNetImpl {
  explicit Siggraph17Impl(const NetConfig& cfg);
  NetOutput forward(
      const torch::Tensor& x) override;  // ab: (B,2,H,W) in units of 110; logits (B,529,H/4,W/4)
  int64_t ab_stride() const override { return 1; }

  torch::nn::Sequential model1{nullptr}, model2{nullptr}, model3{nullptr}, model4{nullptr}, model5{nullptr},
      model6{nullptr}, model7{nullptr}, model8up{nullptr}, model8{nullptr}, model9up{nullptr},
      model9{nullptr}, model10up{nullptr}, model10{nullptr}, model3short8{nullptr}, model2short9{nullptr},
      model1short10{nullptr}, model_class{nullptr}, model_out{nullptr};
};

double siggraph17_macs(const NetConfig& cfg, int64_t h, int64_t w);

// The released 529-class order: class q = a_index * 23 + b_index (a, b = -110 + 10 * index), written
// as tinge ab-grid cells (row = b index, column = a index) for the model file's "ab_bins".
std::vector<int> siggraph17_bins();

// The released checkpoint's name for a tinge tensor name (the same name: listed for the importer).
std::string siggraph17_released_name(const std::string& tinge_name);

}  // namespace tinge
