// The folded, packed CPU forward of tinge-unet-v1 (see fast_forward.hpp). Mirrors
// ColorNetImpl::forward in net.cpp layer for layer.
#include "nn/fast_forward.hpp"

#include <ATen/Config.h>
#include <torch/version.h>

#include <variant>

namespace tinge {

namespace F = torch::nn::functional;

FastUnet::Conv FastUnet::make(const torch::nn::Conv2d& c, const torch::nn::BatchNorm2d* bn, bool relu) {
  torch::NoGradGuard ng;
  Conv r;
  const auto& o = c->options;
  // LibTorch 1.13 keeps the padding in a c10::variant, 2.x in a std::variant.
#if TORCH_VERSION_MAJOR >= 2
  const auto pad = std::get<torch::ExpandingArray<2>>(o.padding());
#else
  const auto pad = c10::get<torch::ExpandingArray<2>>(o.padding());
#endif
  r.stride = {(*o.stride())[0], (*o.stride())[1]};
  r.pad = {(*pad)[0], (*pad)[1]};
  r.dil = {(*o.dilation())[0], (*o.dilation())[1]};
  r.relu = relu;
  auto w = c->weight.detach().contiguous();
  auto b = c->bias.defined() ? c->bias.detach().clone() : torch::zeros({w.size(0)});
  if (bn) {
    const auto& n = **bn;
    auto s = n.weight / torch::sqrt(n.running_var + n.options.eps());
    w = w * s.view({-1, 1, 1, 1});
    b = b * s + n.bias - n.running_mean * s;
  }
  if (bf16_) {  // oneDNN's bf16 convolutions take plain channels-last weights
    r.w = w.to(torch::kBFloat16).contiguous(torch::MemoryFormat::ChannelsLast);
    r.b = b.to(torch::kBFloat16).contiguous();
    return r;
  }
  r.b = b.contiguous();
#if AT_MKLDNN_ENABLED()
  if (packed_) {
    r.w = torch::mkldnn_reorder_conv2d_weight(w.contiguous().to_mkldnn(), r.pad, r.stride, r.dil, 1);
    return r;
  }
#endif
  r.w = w.contiguous(torch::MemoryFormat::ChannelsLast);
  return r;
}

FastUnet::FastUnet(ColorNetImpl& n, bool bf16) : bf16_(bf16) {
#if AT_MKLDNN_ENABLED()
  packed_ = !bf16 && at::hasMKLDNN();
#endif
  auto cbr = [&](ConvBnRelu& m) { return make(m->conv, &m->bn, true); };
  stem1_ = cbr(n.stem1), stem2_ = cbr(n.stem2);
  down1a_ = cbr(n.down1a), down1b_ = cbr(n.down1b), down2a_ = cbr(n.down2a), down2b_ = cbr(n.down2b);
  down3a_ = cbr(n.down3a), mid1_ = cbr(n.mid1), mid2_ = cbr(n.mid2), mid3_ = cbr(n.mid3);
  up3a_ = cbr(n.up3a), up3b_ = cbr(n.up3b), up2a_ = cbr(n.up2a), up2b_ = cbr(n.up2b), up1a_ = cbr(n.up1a);
  red3_ = make(n.red3, nullptr, false), red2_ = make(n.red2, nullptr, false),
  red1_ = make(n.red1, nullptr, false);
  class_head_ = make(n.class_head, nullptr, false), ab_head_ = make(n.ab_head, nullptr, false);
  if (n.levin_gate) levin_gate_ = make(n.levin_gate, nullptr, false), has_gate_ = true;
  mask_offset_ = n.cfg.mask_offset;
  const auto dtype = bf16 ? torch::kBFloat16 : torch::kFloat;
  global_w_ = n.global_fc->weight.detach().to(dtype).clone();
  global_b_ = n.global_fc->bias.detach().to(dtype).clone();
}

torch::Tensor FastUnet::run(const Conv& c, const torch::Tensor& x) const {
#if AT_MKLDNN_ENABLED()
  if (packed_) {
    auto y = torch::mkldnn_convolution(x, c.w, c.b, c.pad, c.stride, c.dil, 1);
    return c.relu ? torch::relu_(y) : y;
  }
#endif
  auto y = torch::conv2d(x, c.w, c.b, c.stride, c.pad, c.dil);
  return c.relu ? torch::relu_(y) : y;
}

static torch::Tensor up2x(const torch::Tensor& x) {
  return F::interpolate(
      x, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest));
}

NetOutput FastUnet::forward(const torch::Tensor& x, torch::Tensor* class_features) const {
  auto e1 = run(stem2_, run(stem1_, bf16_ ? x.to(torch::kBFloat16) : x));
  auto e2 = run(down1b_, run(down1a_, e1));
  auto e3 = run(down2b_, run(down2a_, e2));
  auto m = run(mid2_, run(mid1_, run(down3a_, e3)));
  auto g = torch::relu(torch::linear(m.mean({2, 3}), global_w_, global_b_));
  m = run(mid3_, m + g.unsqueeze(-1).unsqueeze(-1));
  auto d3 = run(up3b_, run(up3a_, up2x(run(red3_, m)) + e3));
  auto d2 = run(up2b_, run(up2a_, up2x(run(red2_, d3)) + e2));
  torch::Tensor logits;
  if (class_features)
    *class_features = d2;
  else
    logits = class_logits(d2);
  auto d1 = run(up1a_, up2x(run(red1_, d2)) + e1);
  auto ab = run(ab_head_, d1);
  if (has_gate_) ab = apply_levin_gate(x, ab, run(levin_gate_, d1), mask_offset_);
  return {ab, logits};
}

torch::Tensor FastUnet::class_logits(const torch::Tensor& features) const {
  return run(class_head_, features);
}

std::unique_ptr<FastUnet> prepare_cpu_inference(const std::shared_ptr<GuidedNetImpl>& net, bool bf16) {
  torch::NoGradGuard ng;
  for (auto& p : net->parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
  auto unet = std::dynamic_pointer_cast<ColorNetImpl>(net);
  return unet ? std::make_unique<FastUnet>(*unet, bf16) : nullptr;
}

}  // namespace tinge
