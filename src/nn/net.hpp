// The guided colourisation network, tinge-unet-v1 (internal: includes torch; only src/nn/*.cpp include this).
// Input (B, 4, H, W): (L - 50) / 100, a / 110, b / 110 (0 where no hint), hint mask; with levin_input
// two more channels, Levin's propagation of the hints (core/refine.hpp levin_coarse) a / 110, b / 110.
// (50, 100 and 110 are the default Normalisation; a model file's "normalisation" says which it was
// trained with.) H, W multiples of 16. A levin_input network also blends its ab output towards that
// propagation (2x2 means) by a share it predicts at every pixel from its last features (`levin_gate`, a 1x1
// convolution; none in samples without hints): a learned, content-aware model+levin.
// Outputs: ab / 110 at H/2 x W/2 (regression head) and logits over the Q in-gamut ab bins at H/4 x W/4.
//
// Shape (widths c0..c3, default 32-64-128-256): a stride-2 stem, three stride-2 encoder stages down to
// 1/16, a bottleneck of dilated 3x3 convolutions (dilation 1, 2, 4) plus a global-context branch (mean
// pooled features -> linear -> added everywhere), then a decoder that reduces channels with 1x1
// convolutions at low resolution before nearest upsampling and adds the encoder skips.
#pragma once
#include <torch/torch.h>

#include <string>
#include <vector>

namespace tinge {

// How L and ab are scaled in and out of the network: L in as (L - L_center) / L_scale, ab in and
// out in units of ab_scale (a model file's "normalisation").
struct Normalisation {
  double L_center = 50.0, L_scale = 100.0, ab_scale = 110.0;
};

struct NetConfig {
  std::string arch = "tinge-unet-v1";                // or "siggraph17" (siggraph17.hpp)
  std::vector<int64_t> widths = {32, 64, 128, 256};  // tinge-unet-v1 only
  int64_t bins = 0;                                  // Q, number of ab bins of the distribution head
  double mask_offset = 0.0;  // subtracted from the 0/1 hint mask channel (SIGGRAPH17 weights: 0.5)
  bool levin_input = false;  // tinge-unet-v1: Levin's propagation of the hints as two more inputs
  Normalisation norm;
  int64_t stride = 16;  // inference pads the input to a multiple of this (a model file's "stride")
  int64_t in_channels() const { return levin_input ? 6 : 4; }
};

// The multiple of which an architecture's input sides must be: tinge-unet-v1 16, siggraph17 8
// (its number of halvings). Throws ModelError for an unknown architecture.
int64_t input_multiple(const std::string& arch);

struct ConvBnReluImpl : torch::nn::Module {
  ConvBnReluImpl(int64_t in, int64_t out, int64_t k, int64_t stride = 1, int64_t dilation = 1);
  torch::Tensor forward(const torch::Tensor& x);
  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(ConvBnRelu);

struct NetOutput {
  torch::Tensor ab;      // (B, 2, H/2, W/2), in units of 110
  torch::Tensor logits;  // (B, Q, H/4, W/4)
};

// What inference needs from every architecture.
struct GuidedNetImpl : torch::nn::Module {
  explicit GuidedNetImpl(const NetConfig& c) : cfg(c) {}
  virtual NetOutput forward(const torch::Tensor& x) = 0;
  virtual int64_t ab_stride() const = 0;  // the ab output is at 1/ab_stride of the input size
  NetConfig cfg;
};

// Builds the architecture cfg.arch names (untrained); throws ModelError for an unknown one.
std::shared_ptr<GuidedNetImpl> make_net(const NetConfig& cfg);

struct ColorNetImpl : GuidedNetImpl {
  explicit ColorNetImpl(const NetConfig& cfg);
  NetOutput forward(const torch::Tensor& x) override;
  int64_t ab_stride() const override { return 2; }
  ConvBnRelu stem1{nullptr}, stem2{nullptr};
  ConvBnRelu down1a{nullptr}, down1b{nullptr}, down2a{nullptr}, down2b{nullptr};
  ConvBnRelu down3a{nullptr}, mid1{nullptr}, mid2{nullptr}, mid3{nullptr};
  torch::nn::Linear global_fc{nullptr};
  torch::nn::Conv2d red3{nullptr}, red2{nullptr}, red1{nullptr};
  ConvBnRelu up3a{nullptr}, up3b{nullptr}, up2a{nullptr}, up2b{nullptr}, up1a{nullptr};
  torch::nn::Conv2d class_head{nullptr}, ab_head{nullptr};
  torch::nn::Conv2d levin_gate{nullptr};  // levin_input only
};
TORCH_MODULE(ColorNet);

// The same network with Levin's propagation as two more inputs, starting from `net`'s weights: the
// new input channels' stem weights and the gate are zero, so it computes exactly what `net` does
// until trained.
ColorNet with_levin_input(const ColorNet& net);

// A levin_input network's ab output (B,2,H/2,W/2) moved towards the 2x2 means of the Levin channels
// of its input x by `share` (B,1,H/2,W/2) clamped to [0, 1], in samples whose mask channel has a
// hint. Only the regression head is gated: a `ce`-trained network gives the gate no gradient.
torch::Tensor apply_levin_gate(const torch::Tensor& x, const torch::Tensor& ab, const torch::Tensor& share,
                               double mask_offset);

// Multiply-accumulate count of one forward pass at h x w (convolutions and linear layers).
double count_macs(const NetConfig& cfg, int64_t h, int64_t w);

// Normalised network input from L (B,1,H,W), hint ab (B,2,H,W) in CIELAB units and mask (B,1,H,W)
// in {0, 1}, by cfg.norm: (L - L_center) / L_scale, ab / ab_scale, mask - cfg.mask_offset, then
// levin_ab / ab_scale when it is defined (B,2,H,W, for levin_input networks).
torch::Tensor make_input(const torch::Tensor& L, const torch::Tensor& hint_ab, const torch::Tensor& mask,
                         const NetConfig& cfg, const torch::Tensor& levin_ab = {});

}  // namespace tinge
