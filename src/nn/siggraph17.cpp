// The SIGGRAPH17 generator (see siggraph17.hpp).
#include "nn/siggraph17.hpp"

#include "core/error.hpp"

namespace tinge {

namespace nn = torch::nn;
using torch::indexing::None;
using torch::indexing::Slice;

namespace {

nn::Conv2d conv(int64_t in, int64_t out, int64_t k, int64_t dilation = 1) {
  return nn::Conv2d(
      nn::Conv2dOptions(in, out, k).stride(1).padding(dilation * (k / 2)).dilation(dilation).bias(true));
}

nn::ConvTranspose2d up(int64_t in, int64_t out) {
  return nn::ConvTranspose2d(nn::ConvTranspose2dOptions(in, out, 4).stride(2).padding(1).bias(true));
}

// conv-ReLU pairs, then BatchNorm: indices 0, 2, ... are convolutions, the last one the norm, as in
// the released nn.Sequential blocks (so state-dict names match).
nn::Sequential block(std::vector<int64_t> ch, int64_t dilation = 1, bool leading_relu = false) {
  nn::Sequential s;
  if (leading_relu) s->push_back(nn::ReLU());
  for (size_t i = 0; i + 1 < ch.size(); ++i) {
    s->push_back(conv(ch[i], ch[i + 1], 3, dilation));
    s->push_back(nn::ReLU());
  }
  s->push_back(nn::BatchNorm2d(ch.back()));
  return s;
}

torch::Tensor subsample(const torch::Tensor& x) {
  return x.index({Slice(), Slice(), Slice(None, None, 2), Slice(None, None, 2)});
}

}  // namespace

Siggraph17Impl::Siggraph17Impl(const NetConfig& c) : GuidedNetImpl(c) {
  TORCH_CHECK(cfg.bins == 529, "siggraph17 has 529 ab bins");
  model1 = register_module("model1", block({4, 64, 64}));
  model2 = register_module("model2", block({64, 128, 128}));
  model3 = register_module("model3", block({128, 256, 256, 256}));
  model4 = register_module("model4", block({256, 512, 512, 512}));
  model5 = register_module("model5", block({512, 512, 512, 512}, 2));
  model6 = register_module("model6", block({512, 512, 512, 512}, 2));
  model7 = register_module("model7", block({512, 512, 512, 512}));
  model8up = register_module("model8up", nn::Sequential(up(512, 256)));
  model3short8 = register_module("model3short8", nn::Sequential(conv(256, 256, 3)));
  model8 = register_module("model8", block({256, 256, 256}, 1, true));
  model9up = register_module("model9up", nn::Sequential(up(256, 128)));
  model2short9 = register_module("model2short9", nn::Sequential(conv(128, 128, 3)));
  model9 = register_module("model9", block({128, 128}, 1, true));
  model10up = register_module("model10up", nn::Sequential(up(128, 128)));
  model1short10 = register_module("model1short10", nn::Sequential(conv(64, 128, 3)));
  model10 =
      register_module("model10", nn::Sequential(nn::ReLU(), conv(128, 128, 3),
                                                nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2))));
  model_class = register_module("model_class", nn::Sequential(conv(256, cfg.bins, 1)));
  model_out = register_module("model_out", nn::Sequential(conv(128, 2, 1), nn::Tanh()));
}

NetOutput Siggraph17Impl::forward(const torch::Tensor& x) {
  auto c1 = model1->forward(x);
  auto c2 = model2->forward(subsample(c1));
  auto c3 = model3->forward(subsample(c2));
  auto c7 = model7->forward(model6->forward(model5->forward(model4->forward(subsample(c3)))));
  auto c8 = model8->forward(model8up->forward(c7) + model3short8->forward(c3));
  auto c9 = model9->forward(model9up->forward(c8) + model2short9->forward(c2));
  auto c10 = model10->forward(model10up->forward(c9) + model1short10->forward(c1));
  return {model_out->forward(c10), model_class->forward(c8)};
}

double siggraph17_macs(const NetConfig& cfg, int64_t h, int64_t w) {
  const double p1 = double(h) * double(w), p2 = p1 / 4, p3 = p2 / 4, p4 = p3 / 4;
  const double k9 = 9;
  double m = 0;
  m += p1 * k9 * (4 * 64 + 64 * 64);                   // conv1
  m += p2 * k9 * (64 * 128 + 128 * 128);               // conv2
  m += p3 * k9 * (128 * 256 + 2 * 256 * 256);          // conv3
  m += p4 * k9 * (256 * 512 + 2 * 512 * 512);          // conv4
  m += 3 * p4 * k9 * 3 * 512 * 512;                    // conv5-7
  m += p4 * 16 * 512 * 256 + p3 * k9 * 3 * 256 * 256;  // conv8 (up, shortcut, 2 convs)
  m += p3 * 256 * double(cfg.bins);                    // distribution head
  m += p3 * 16 * 256 * 128 + p2 * k9 * 2 * 128 * 128;  // conv9
  m += p2 * 16 * 128 * 128 + p1 * k9 * (64 * 128 + 128 * 128) + p1 * 128 * 2;  // conv10 + out
  return m;
}

std::vector<int> siggraph17_bins() {
  std::vector<int> cells;
  for (int q = 0; q < 529; ++q) {
    const int ai = q / 23, bi = q % 23;
    cells.push_back(bi * 23 + ai);
  }
  return cells;
}

std::string siggraph17_released_name(const std::string& tinge_name) {
  return tinge_name;
}

}  // namespace tinge
