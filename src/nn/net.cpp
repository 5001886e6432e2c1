// The guided colourisation network (see net.hpp).
#include "nn/net.hpp"

#include "core/error.hpp"
#include "nn/siggraph17.hpp"

namespace tinge {

namespace nn = torch::nn;

ConvBnReluImpl::ConvBnReluImpl(int64_t in, int64_t out, int64_t k, int64_t stride, int64_t dilation) {
  conv = register_module("conv", nn::Conv2d(nn::Conv2dOptions(in, out, k)
                                                .stride(stride)
                                                .padding(dilation * (k / 2))
                                                .dilation(dilation)
                                                .bias(false)));
  bn = register_module("bn", nn::BatchNorm2d(out));
}

torch::Tensor ConvBnReluImpl::forward(const torch::Tensor& x) {
  return torch::relu(bn->forward(conv->forward(x)));
}

ColorNetImpl::ColorNetImpl(const NetConfig& c) : GuidedNetImpl(c) {
  TORCH_CHECK(cfg.widths.size() == 4, "tinge-unet-v1 needs 4 widths");
  TORCH_CHECK(cfg.bins > 0, "number of ab bins must be positive");
  const int64_t c0 = cfg.widths[0], c1 = cfg.widths[1], c2 = cfg.widths[2], c3 = cfg.widths[3];
  stem1 = register_module("stem1", ConvBnRelu(cfg.in_channels(), c0, 3, 2));
  stem2 = register_module("stem2", ConvBnRelu(c0, c0, 3));
  down1a = register_module("down1a", ConvBnRelu(c0, c1, 3, 2));
  down1b = register_module("down1b", ConvBnRelu(c1, c1, 3));
  down2a = register_module("down2a", ConvBnRelu(c1, c2, 3, 2));
  down2b = register_module("down2b", ConvBnRelu(c2, c2, 3));
  down3a = register_module("down3a", ConvBnRelu(c2, c3, 3, 2));
  mid1 = register_module("mid1", ConvBnRelu(c3, c3, 3, 1, 2));
  mid2 = register_module("mid2", ConvBnRelu(c3, c3, 3, 1, 4));
  mid3 = register_module("mid3", ConvBnRelu(c3, c3, 3, 1, 1));
  global_fc = register_module("global_fc", nn::Linear(c3, c3));
  red3 = register_module("red3", nn::Conv2d(nn::Conv2dOptions(c3, c2, 1)));
  up3a = register_module("up3a", ConvBnRelu(c2, c2, 3));
  up3b = register_module("up3b", ConvBnRelu(c2, c2, 3));
  red2 = register_module("red2", nn::Conv2d(nn::Conv2dOptions(c2, c1, 1)));
  up2a = register_module("up2a", ConvBnRelu(c1, c1, 3));
  up2b = register_module("up2b", ConvBnRelu(c1, c1, 3));
  class_head = register_module("class_head", nn::Conv2d(nn::Conv2dOptions(c1, cfg.bins, 1)));
  red1 = register_module("red1", nn::Conv2d(nn::Conv2dOptions(c1, c0, 1)));
  up1a = register_module("up1a", ConvBnRelu(c0, c0, 3));
  ab_head = register_module("ab_head", nn::Conv2d(nn::Conv2dOptions(c0, 2, 1)));
  if (cfg.levin_input) levin_gate = register_module("levin_gate", nn::Conv2d(nn::Conv2dOptions(c0, 1, 1)));
}

static torch::Tensor up2x(const torch::Tensor& x) {
  return torch::nn::functional::interpolate(x, torch::nn::functional::InterpolateFuncOptions()
                                                   .scale_factor(std::vector<double>{2.0, 2.0})
                                                   .mode(torch::kNearest));
}

NetOutput ColorNetImpl::forward(const torch::Tensor& x) {
  auto e1 = stem2(stem1(x));     // 1/2
  auto e2 = down1b(down1a(e1));  // 1/4
  auto e3 = down2b(down2a(e2));  // 1/8
  auto m = mid1(down3a(e3));     // 1/16
  m = mid2(m);
  auto g = torch::relu(global_fc(m.mean({2, 3})));
  m = mid3(m + g.unsqueeze(-1).unsqueeze(-1));
  auto d3 = up3b(up3a(up2x(red3(m)) + e3));   // 1/8
  auto d2 = up2b(up2a(up2x(red2(d3)) + e2));  // 1/4
  auto logits = class_head(d2);
  auto d1 = up1a(up2x(red1(d2)) + e1);  // 1/2
  auto ab = ab_head(d1);
  if (levin_gate) ab = apply_levin_gate(x, ab, levin_gate(d1), cfg.mask_offset);
  return {ab, logits};
}

torch::Tensor apply_levin_gate(const torch::Tensor& x, const torch::Tensor& ab, const torch::Tensor& share,
                               double mask_offset) {
  using torch::indexing::Slice;
  auto lev = torch::avg_pool2d(x.index({Slice(), Slice(4, 6)}), 2).to(ab.dtype());
  auto hinted = ((x.index({Slice(), Slice(3, 4)}) + mask_offset).amax({2, 3}, true) > 0.5).to(ab.dtype());
  return ab + hinted * share.clamp(0.0, 1.0).to(ab.dtype()) * (lev - ab);
}

double count_macs(const NetConfig& cfg, int64_t h, int64_t w) {
  if (cfg.arch == "siggraph17") return siggraph17_macs(cfg, h, w);
  const double c0 = double(cfg.widths[0]), c1 = double(cfg.widths[1]), c2 = double(cfg.widths[2]),
               c3 = double(cfg.widths[3]);
  const double p1 = double(h / 2) * double(w / 2), p2 = p1 / 4, p3 = p2 / 4, p4 = p3 / 4;
  double m = 0;
  m += p1 * 9 * (double(cfg.in_channels()) * c0 + c0 * c0);  // stem
  m += p2 * 9 * (c0 * c1 + c1 * c1);                         // down1
  m += p3 * 9 * (c1 * c2 + c2 * c2);                         // down2
  m += p4 * 9 * (c2 * c3 + 3 * c3 * c3);                     // down3 + mid
  m += c3 * c3;                                              // global
  m += p4 * c3 * c2 + p3 * 9 * 2 * c2 * c2;                  // up3
  m += p3 * c2 * c1 + p2 * 9 * 2 * c1 * c1;                  // up2
  m += p2 * c1 * double(cfg.bins);                           // class head
  m += p2 * c1 * c0 + p1 * 9 * c0 * c0;                      // up1
  m += p1 * c0 * (cfg.levin_input ? 3 : 2);                  // ab head (and the Levin gate)
  return m;
}

torch::Tensor make_input(const torch::Tensor& L, const torch::Tensor& hint_ab, const torch::Tensor& mask,
                         const NetConfig& cfg, const torch::Tensor& levin_ab) {
  const Normalisation& n = cfg.norm;
  auto l = (L - n.L_center) / n.L_scale, ab = hint_ab / n.ab_scale, m = mask - cfg.mask_offset;
  if (levin_ab.defined()) return torch::cat({l, ab, m, levin_ab / n.ab_scale}, 1);
  return torch::cat({l, ab, m}, 1);
}

ColorNet with_levin_input(const ColorNet& net) {
  NetConfig cfg = net->cfg;
  cfg.levin_input = true;
  ColorNet wide(cfg);
  torch::NoGradGuard ng;
  auto src_p = net->named_parameters(), src_b = net->named_buffers();
  for (auto& item : wide->named_parameters()) {
    auto& dst = item.value();
    if (!src_p.contains(item.key())) {  // the gate: no share of Levin's propagation yet
      dst.zero_();
      continue;
    }
    const auto& src = src_p[item.key()];
    if (src.sizes() == dst.sizes()) {
      dst.copy_(src);
    } else {  // stem1's convolution: the old input channels first, zeros for the Levin ones
      TORCH_CHECK(item.key() == "stem1.conv.weight", "with_levin_input: unexpected shape of ", item.key());
      dst.zero_();
      dst.narrow(1, 0, src.size(1)).copy_(src);
    }
  }
  for (auto& item : wide->named_buffers()) item.value().copy_(src_b[item.key()]);
  wide->to(net->parameters().front().device());
  return wide;
}

int64_t input_multiple(const std::string& arch) {
  if (arch == "tinge-unet-v1") return 16;
  if (arch == "siggraph17") return 8;
  throw ModelError("unknown architecture '" + arch + "' (tinge-unet-v1, siggraph17)");
}

std::shared_ptr<GuidedNetImpl> make_net(const NetConfig& cfg) {
  if (cfg.arch == "tinge-unet-v1") return std::make_shared<ColorNetImpl>(cfg);
  if (cfg.arch == "siggraph17") return std::make_shared<Siggraph17Impl>(cfg);
  throw ModelError("unknown architecture '" + cfg.arch + "' (tinge-unet-v1, siggraph17)");
}

}  // namespace tinge
