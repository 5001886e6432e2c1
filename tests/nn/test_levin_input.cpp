// Networks with Levin's propagation of the hints as two more inputs (NetConfig::levin_input): a
// model widened from one without them computes exactly what it did until trained, the model file
// keeps the setting, inference feeds the propagation in, the output gate moves towards it only where
// there are hints, and training samples carry it.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/ab_grid.hpp"
#include "core/error.hpp"
#include "core/hints.hpp"
#include "core/refine.hpp"
#include "nn/fast_forward.hpp"
#include "nn/model.hpp"
#include "nn/model_file.hpp"
#include "nn/net.hpp"
#include "nn/train.hpp"
#include "nn/training_sample.hpp"
#include "nn_test_util.hpp"

using namespace tinge;
using test::tiny_config;
using test::tiny_meta;

using test::random_net;

namespace {

// A 64 x 48 lightness with a bright square, and one hint of a saturated colour in it.
Plane square_L() {
  Plane L(64, 48, 30.f);
  for (int y = 10; y < 38; ++y)
    for (int x = 12; x < 40; ++x) L.at(x, y) = 75.f;
  return L;
}

HintPlanes one_hint(int w, int h) {
  HintPoint p;
  p.x = 20.5;
  p.y = 20.5;
  p.a = 60;
  p.b = -40;
  p.size = 3;
  return rasterize_hints({p}, w, h, w, h);
}

}  // namespace

TEST(LevinInput, WidenedNetComputesWhatTheOriginalDidUntilTrained) {
  ColorNet net = random_net(tiny_config(), 3);
  ColorNet wide = with_levin_input(net);
  wide->eval();
  EXPECT_TRUE(wide->cfg.levin_input);
  EXPECT_EQ(wide->stem1->conv->weight.size(1), 6);
  EXPECT_GT(count_macs(wide->cfg, 256, 256), count_macs(net->cfg, 256, 256));
  torch::NoGradGuard ng;
  auto x = torch::randn({1, 4, 32, 48}), lev = torch::randn({1, 2, 32, 48});
  auto a = net->forward(x), b = wide->forward(torch::cat({x, lev}, 1));
  EXPECT_TRUE(torch::allclose(a.ab, b.ab, 1e-5, 1e-6));
  EXPECT_TRUE(torch::allclose(a.logits, b.logits, 1e-5, 1e-6));
  // The new channels are wired in: once their weights are not zero the output depends on them.
  wide->stem1->conv->weight.narrow(1, 4, 2).normal_(0, 0.5);
  auto c = wide->forward(torch::cat({x, lev}, 1));
  EXPECT_FALSE(torch::allclose(a.ab, c.ab, 1e-4, 1e-5));
}

TEST(LevinInput, TheGateMovesTheOutputToLevinsPropagationOnlyWhereThereAreHints) {
  ColorNet net = random_net(tiny_config(), 6);
  ColorNet wide = with_levin_input(net);
  wide->eval();
  torch::NoGradGuard ng;
  wide->levin_gate->bias.fill_(1.0);  // share 1 everywhere: the output is the propagation itself
  auto x = torch::randn({2, 6, 32, 48});
  x.index_put_({torch::indexing::Slice(), 3}, 0.0);
  x.index_put_({0, 3, 5, 7}, 1.0);  // sample 0 has a hint, sample 1 none
  auto out = wide->forward(x);
  auto lev = torch::avg_pool2d(x.narrow(1, 4, 2), 2);
  EXPECT_TRUE(torch::allclose(out.ab[0], lev[0], 1e-5, 1e-6));
  auto plain = net->forward(x.narrow(1, 0, 4));
  EXPECT_TRUE(torch::allclose(out.ab[1], plain.ab[1], 1e-5, 1e-6)) << "no hints: no share of Levin's";
  EXPECT_FALSE(torch::allclose(out.ab[0], plain.ab[0], 1e-3, 1e-3));
}

TEST(LevinInput, FoldedPackedForwardEqualsTheModule) {
  ColorNet wide = with_levin_input(random_net(tiny_config(), 7));
  {
    torch::NoGradGuard ng;
    wide->stem1->conv->weight.narrow(1, 4, 2).normal_(0, 0.3);
    wide->levin_gate->weight.normal_(0, 0.1);
    wide->levin_gate->bias.fill_(0.3);
  }
  wide->eval();
  auto x = torch::randn({1, 6, 48, 80});
  x.index_put_({0, 3}, 0.0);
  x.index_put_({0, 3, 10, 10}, 1.0);
  x = x.contiguous(torch::MemoryFormat::ChannelsLast);
  torch::NoGradGuard ng;
  auto ref = wide->forward(x);
  FastUnet fast(*wide);
  auto got = fast.forward(x);
  EXPECT_TRUE(torch::allclose(ref.ab, got.ab, 1e-4, 1e-4)) << (ref.ab - got.ab).abs().max().item<float>();
  EXPECT_TRUE(torch::allclose(ref.logits, got.logits, 1e-4, 1e-4));
}

TEST(LevinInput, ModelFileKeepsTheSettingAndRefusesMismatches) {
  NetConfig cfg = tiny_config();
  cfg.levin_input = true;
  ColorNet net = random_net(cfg, 4);
  const std::string path = test::temp_path("levin_input.safetensors");
  save_model_file(path, net, tiny_meta(cfg));
  auto lm = load_model_file(path, torch::kCPU);
  EXPECT_TRUE(lm.net->cfg.levin_input);
  lm.net->eval();
  torch::NoGradGuard ng;
  auto x = torch::randn({1, 6, 32, 32});
  EXPECT_TRUE(torch::equal(net->forward(x).ab, lm.net->forward(x).ab));

  // A file whose metadata says no Levin input but whose stem has six input channels.
  const std::string p2 = test::temp_path("levin_mismatch.safetensors");
  NetConfig plain = cfg;
  plain.levin_input = false;
  save_model_file(p2, net, tiny_meta(plain));
  try {
    load_model_file(p2, torch::kCPU);
    FAIL() << "mismatched stem loaded";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("stem1.conv.weight"), std::string::npos) << e.what();
  }
  auto bad = tiny_meta(cfg);
  bad["levin_input"] = "yes";
  const std::string p3 = test::temp_path("levin_badtype.safetensors");
  save_model_file(p3, net, bad);
  try {
    load_model_file(p3, torch::kCPU);
    FAIL() << "a non-boolean levin_input loaded";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("levin_input"), std::string::npos) << e.what();
  }
}

TEST(LevinInput, InferenceFeedsLevinsPropagationOfTheHints) {
  // Two files identical but for the stem weights of the Levin channels (zero in the first): with a
  // hint their predictions differ, with none (the propagation is zero) they are equal.
  NetConfig cfg = tiny_config();
  ColorNet wide = with_levin_input(random_net(cfg, 5));
  wide->eval();
  const std::string p0 = test::temp_path("levin_zero.safetensors"),
                    p1 = test::temp_path("levin_used.safetensors");
  save_model_file(p0, wide, tiny_meta(wide->cfg));
  {
    torch::NoGradGuard ng;
    wide->stem1->conv->weight.narrow(1, 4, 2).normal_(0, 0.5);
  }
  save_model_file(p1, wide, tiny_meta(wide->cfg));
  ModelOptions o;
  o.precision = "fp32";
  auto m0 = load_model(p0, o), m1 = load_model(p1, o);
  const Plane L = square_L();
  const HintPlanes none{Plane(64, 48), Plane(64, 48), Plane(64, 48)}, hint = one_hint(64, 48);
  auto a0 = m0->predict(L, none), a1 = m1->predict(L, none);
  EXPECT_EQ(a0.a.v, a1.a.v);
  EXPECT_EQ(a0.b.v, a1.b.v);
  auto h0 = m0->predict(L, hint), h1 = m1->predict(L, hint);
  double diff = 0;
  for (size_t i = 0; i < h0.a.size(); ++i) diff = std::max(diff, double(std::fabs(h0.a.v[i] - h1.a.v[i])));
  EXPECT_GT(diff, 0.1);
}

TEST(LevinInput, AModelWhoseGateIsOneReproducesLevinsPropagation) {
  // Share 1 everywhere: the prediction is the propagation, pooled to the network's 1/2 output and
  // upsampled back. At 70 x 50 (padded to 80 x 64) this checks the Levin planes are registered
  // with the photo through the padding.
  ColorNet wide = with_levin_input(random_net(tiny_config(), 8));
  {
    torch::NoGradGuard ng;
    wide->levin_gate->weight.zero_();
    wide->levin_gate->bias.fill_(1.0);
  }
  wide->eval();
  const std::string path = test::temp_path("levin_gate_one.safetensors");
  save_model_file(path, wide, tiny_meta(wide->cfg));
  ModelOptions o;
  o.precision = "fp32";
  auto model = load_model(path, o);
  Plane L(70, 50, 35.f);
  for (int y = 5; y < 45; ++y)
    for (int x = 30; x < 66; ++x) L.at(x, y) = 80.f;
  HintPoint p{};
  p.x = 50.5;
  p.y = 25.5;
  p.a = 60;
  p.b = -40;
  p.size = 3;
  HintPoint q = p;
  q.x = 10.5;
  q.a = -30;
  q.b = 50;
  const HintPlanes hints = rasterize_hints({p, q}, 70, 50, 70, 50);
  Plane la, lb;
  levin_coarse(L, hints, la, lb);
  const AbPrediction pr = model->predict(L, hints);
  double err = 0, spread = 0;
  for (size_t i = 0; i < la.size(); ++i) {
    err += std::fabs(pr.a.v[i] - la.v[i]) + std::fabs(pr.b.v[i] - lb.v[i]);
    spread += std::fabs(la.v[i]) + std::fabs(lb.v[i]);
  }
  EXPECT_LT(err / double(la.size()), 1.0)
      << "mean |ab - Levin's| (Levin's mean |ab| " << spread / double(la.size()) << ")";
  EXPECT_GT(spread / double(la.size()), 20.0);
}

TEST(LevinInput, TrainingSamplesCarryThePropagationOfTheirHints) {
  const int S = 96;  // a 24 x 24 grid, upsampled guided by L
  const size_t n = size_t(S) * size_t(S);
  const Dataset d = test::synthetic_dataset(1, 128, 112, 9);
  SampleOptions opt;
  opt.crop = S;
  opt.p_degrade = 0.5;
  int with_hints = 0, without = 0;
  for (uint64_t seed = 1; seed <= 24; ++seed) {
    std::vector<float> L(n), a(n), b(n), ha(n), hb(n), m(n), la(n, -1.f), lb(n, -1.f);
    const int k = make_training_sample(d.images[0], opt, seed, L.data(), a.data(), b.data(), ha.data(),
                                       hb.data(), m.data(), la.data(), lb.data());
    std::vector<float> L2(n), a2(n), b2(n), ha2(n), hb2(n), m2(n);
    make_training_sample(d.images[0], opt, seed, L2.data(), a2.data(), b2.data(), ha2.data(), hb2.data(),
                         m2.data());
    EXPECT_EQ(L, L2) << "asking for the propagation changes nothing else";
    EXPECT_EQ(ha, ha2);
    EXPECT_EQ(m, m2);
    if (k == 0) {
      ++without;
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(la[i], 0.f) << "no hints, no colour";
      continue;
    }
    ++with_hints;
    // What inference computes from the same (possibly degraded) L and hints.
    Plane Lp(S, S), ea, eb;
    HintPlanes h{Plane(S, S), Plane(S, S), Plane(S, S)};
    Lp.v = L;
    h.a.v = ha;
    h.b.v = hb;
    h.mask.v = m;
    levin_coarse(Lp, h, ea, eb, {S / 4});
    EXPECT_EQ(la, ea.v);
    EXPECT_EQ(lb, eb.v);
    // At inference the grid has a quarter of the 256 px working image's side (4 x 4 pixel cells):
    // a crop's grid has a quarter of its side, not the working image's 64.
    levin_coarse(Lp, h, ea, eb);
    EXPECT_NE(la, ea.v);
  }
  EXPECT_GT(with_hints, 0);
  EXPECT_GT(without, 0);
}

TEST(LevinInput, TrainingFromAModelWithoutItWidensIt) {
  const std::string data = test::packed_dataset("levin.pack", 4, 48, 40, 11);
  auto base = test::tiny_training(data, test::temp_path("levin_base.safetensors"), 2);
  run_training(base);
  auto o = test::tiny_training(data, test::temp_path("levin_wide.safetensors"), 4);
  o.init = base.out;
  o.levin_input = true;
  run_training(o);
  auto lm = load_model_file(o.out, torch::kCPU);
  EXPECT_TRUE(lm.net->cfg.levin_input);
  EXPECT_TRUE(lm.meta.value("levin_input", false));
  // Trained: the Levin channels' weights moved away from zero.
  auto w = network_tensors(*lm.net).at("stem1.conv.weight");
  EXPECT_GT(w.narrow(1, 4, 2).abs().max().item<float>(), 0.f);
  EXPECT_GT(network_tensors(*lm.net).at("levin_gate.weight").abs().max().item<float>(), 0.f);
}
