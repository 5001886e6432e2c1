// Network shapes, model file round trip and errors, training behaviour and exact resume.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/ab_grid.hpp"
#include "core/error.hpp"
#include "core/hints.hpp"
#include "nn/fast_forward.hpp"
#include "nn/mixed_precision.hpp"
#include "nn/model.hpp"
#include "nn/model_file.hpp"
#include "nn/net.hpp"
#include "nn/safetensors.hpp"
#include "nn/train.hpp"
#include "nn_test_util.hpp"

using namespace tinge;

using test::tiny_config;
using test::tiny_meta;

TEST(Net, OutputShapes) {
  torch::manual_seed(0);
  ColorNet net(tiny_config());
  net->eval();
  auto x = torch::randn({2, 4, 64, 96});
  auto out = net->forward(x);
  EXPECT_EQ(out.ab.sizes().vec(), (std::vector<int64_t>{2, 2, 32, 48}));
  EXPECT_EQ(out.logits.sizes().vec(), (std::vector<int64_t>{2, AbGrid().size(), 16, 24}));
}

TEST(Net, FoldedPackedForwardEqualsTheModule) {
  ColorNet net = test::random_net(tiny_config(), 5);
  auto x = torch::randn({1, 4, 48, 80}).contiguous(torch::MemoryFormat::ChannelsLast);
  torch::NoGradGuard ng;
  auto ref = net->forward(x);
  FastUnet fast(*net);
  auto got = fast.forward(x);
  ASSERT_EQ(got.ab.sizes(), ref.ab.sizes());
  ASSERT_EQ(got.logits.sizes(), ref.logits.sizes());
  EXPECT_LT((got.ab - ref.ab).abs().max().item<float>(), 1e-4f);
  EXPECT_LT((got.logits - ref.logits).abs().max().item<float>(),
            1e-4f * (1 + ref.logits.abs().max().item<float>()));
  EXPECT_GT(ref.ab.std().item<float>(), 1e-4f);
}

// In bf16 the folded forward (weights converted once) is as close to the float32 module as the module
// under autocast is, and its class head can wait: logits asked for later equal those computed at once.
TEST(Net, FoldedBf16ForwardIsAsCloseToFloat32AsAutocast) {
  ColorNet net = test::random_net(tiny_config(), 6);
  auto x = torch::randn({1, 4, 48, 80}).contiguous(torch::MemoryFormat::ChannelsLast);
  torch::NoGradGuard ng;
  auto ref = net->forward(x);
  NetOutput autocast;
  {
    Bf16Autocast on(torch::Device(torch::kCPU), true);
    autocast = net->forward(x);
  }
  FastUnet fast(*net, true);
  auto got = fast.forward(x);
  EXPECT_EQ(got.ab.scalar_type(), torch::kBFloat16);
  auto err = [&](const torch::Tensor& t, const torch::Tensor& r) {
    return (t.to(torch::kFloat) - r).abs().mean().item<float>();
  };
  EXPECT_GT(err(got.ab, ref.ab), 0.f);
  EXPECT_LT(err(got.ab, ref.ab), 1.5f * err(autocast.ab, ref.ab) + 1e-4f);
  EXPECT_LT(err(got.logits, ref.logits), 1.5f * err(autocast.logits, ref.logits) + 1e-3f);
  torch::Tensor features;
  auto later = fast.forward(x, &features);
  EXPECT_FALSE(later.logits.defined());
  EXPECT_TRUE(torch::equal(fast.class_logits(features), got.logits));
  EXPECT_TRUE(torch::equal(later.ab, got.ab));
}

TEST(Net, MacsAt256MatchTheBudget) {
  NetConfig c;
  c.bins = AbGrid().size();
  const double g = count_macs(c, 256, 256) / 1e9;
  EXPECT_GT(g, 1.0);
  EXPECT_LT(g, 2.6);  // the CPU budget is about 2.5 GMAC at 256 x 256
}

TEST(ModelFile, RoundTripGivesIdenticalOutputs) {
  torch::manual_seed(1);
  auto cfg = tiny_config();
  ColorNet net(cfg);
  net->eval();
  const std::string path = test::temp_path("roundtrip.safetensors");
  save_model_file(path, net, tiny_meta(cfg));
  auto lm = load_model_file(path, torch::kCPU);
  lm.net->eval();
  auto x = torch::randn({1, 4, 32, 32});
  torch::NoGradGuard ng;
  auto a = net->forward(x), b = lm.net->forward(x);
  EXPECT_TRUE(torch::equal(a.ab, b.ab));
  EXPECT_TRUE(torch::equal(a.logits, b.logits));
  EXPECT_EQ(lm.meta.at("widths").get<std::vector<int64_t>>(), cfg.widths);
}

TEST(ModelFile, TruncatedMissingAndMismatchedFilesNameTheProblem) {
  auto cfg = tiny_config();
  ColorNet net(cfg);
  const std::string path = test::temp_path("good.safetensors");
  save_model_file(path, net, tiny_meta(cfg));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Truncated.
  try {
    load_model_buffer(bytes.substr(0, bytes.size() / 2), "half.safetensors", torch::kCPU);
    FAIL() << "truncated file loaded";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("half.safetensors"), std::string::npos) << e.what();
  }
  // Missing file.
  EXPECT_THROW(load_model_file(test::temp_path("nope.safetensors"), torch::kCPU), ModelError);
  // Shape mismatch: a file written with other widths but claiming these.
  auto other = cfg;
  other.widths = {8, 8, 16, 32};
  ColorNet net2(other);
  const std::string p2 = test::temp_path("mismatch.safetensors");
  save_model_file(p2, net2, tiny_meta(cfg));
  try {
    load_model_file(p2, torch::kCPU);
    FAIL() << "mismatched file loaded";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("has shape"), std::string::npos) << e.what();
  }
  // Not a model at all.
  EXPECT_THROW(load_model_buffer("hello world, not a model", "text.safetensors", torch::kCPU), ModelError);
}

TEST(ModelFile, NanWeightsAreRefused) {
  auto cfg = tiny_config();
  ColorNet net(cfg);
  {
    torch::NoGradGuard ng;
    net->ab_head->weight[0][0][0][0] = std::nanf("");
  }
  const std::string path = test::temp_path("nan.safetensors");
  save_model_file(path, net, tiny_meta(cfg));
  try {
    load_model_file(path, torch::kCPU);
    FAIL();
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("ab_head.weight"), std::string::npos) << e.what();
  }
}

// A model file's normalisation, stride and ab grid are checked at load: a field that disagrees with
// what tinge can run is refused with its name, instead of being ignored.
TEST(ModelFile, ScalingFieldsThatDisagreeAreRefusedByName) {
  auto cfg = tiny_config();
  ColorNet net = test::random_net(cfg, 3);
  auto error_for = [&](const std::string& field, const nlohmann::json& value) {
    nlohmann::json meta = tiny_meta(cfg);
    if (field.find('.') == std::string::npos) {
      meta[field] = value;
    } else {
      const std::string outer = field.substr(0, field.find('.'));
      meta[outer] = outer == "ab_grid"
                        ? nlohmann::json{{"step", 10.0}, {"min", -110.0}, {"side", 23}}
                        : nlohmann::json{{"L_center", 50.0}, {"L_scale", 100.0}, {"ab_scale", 110.0}};
      meta[outer][field.substr(field.find('.') + 1)] = value;
    }
    const std::string path = test::temp_path("scaling.safetensors");
    save_model_file(path, net, meta);
    try {
      load_model_file(path, torch::kCPU);
    } catch (const ModelError& e) {
      return std::string(e.what());
    }
    return std::string("(loaded)");
  };
  EXPECT_EQ(error_for("stride", 16), "(loaded)");
  EXPECT_EQ(error_for("stride", 32), "(loaded)");
  for (auto [field, value] :
       std::vector<std::pair<std::string, nlohmann::json>>{{"stride", 8},
                                                           {"stride", 0},
                                                           {"stride", "16"},
                                                           {"ab_grid.step", 5.0},
                                                           {"ab_grid.min", -128.0},
                                                           {"ab_grid.side", 22},
                                                           {"normalisation.ab_scale", 0.0},
                                                           {"normalisation.L_scale", -100.0},
                                                           {"normalisation.L_center", "fifty"},
                                                           {"normalisation", 110},
                                                           {"ab_grid", "10"}}) {
    const std::string err = error_for(field, value);
    EXPECT_NE(err.find("'" + field + "'"), std::string::npos)
        << field << " = " << value.dump() << ": " << err;
  }
  const std::string stride_err = error_for("stride", 8);
  EXPECT_NE(stride_err.find("multiple of 16"), std::string::npos) << stride_err;
}

// Inference scales by what the file says, not by constants: the same weights under ab_scale 220
// predict exactly twice the colour of ab_scale 110 (no hints: the input is the same), and another
// L_center changes the input, so the colour.
TEST(ModelFile, InferenceScalesByTheFilesNormalisation) {
  auto cfg = tiny_config();
  ColorNet net = test::random_net(cfg, 4);
  auto predict = [&](double L_center, double ab_scale, int stride) {
    nlohmann::json meta = tiny_meta(cfg);
    meta["normalisation"] = {{"L_center", L_center}, {"L_scale", 100.0}, {"ab_scale", ab_scale}};
    meta["stride"] = stride;
    const std::string path = test::temp_path("norm.safetensors");
    save_model_file(path, net, meta);
    ModelOptions o;
    o.precision = "fp32";
    auto m = load_model(path, o);
    Plane L(70, 50);
    for (int y = 0; y < 50; ++y)
      for (int x = 0; x < 70; ++x) L.at(x, y) = 20.f + float((x * 7 + y * 3) % 60);
    return m->predict(L, rasterize_hints({}, 70, 50, 70, 50));
  };
  const AbPrediction base = predict(50, 110, 16), twice = predict(50, 220, 16),
                     shifted = predict(40, 110, 16);
  float worst = 0.f, spread = 0.f, moved = 0.f;
  for (size_t i = 0; i < base.a.size(); ++i) {
    worst =
        std::max({worst, std::abs(twice.a.v[i] - 2 * base.a.v[i]), std::abs(twice.b.v[i] - 2 * base.b.v[i])});
    spread = std::max(spread, std::abs(base.a.v[i]));
    moved = std::max(moved, std::abs(shifted.a.v[i] - base.a.v[i]));
  }
  EXPECT_GT(spread, 0.5f);  // the colour is not zero: doubling it means something
  EXPECT_LT(worst, 1e-3f);
  EXPECT_GT(moved, 1e-3f);
  // The padding follows the stride (32: 96 x 64 instead of 80 x 64): the prediction keeps L's size.
  const AbPrediction padded = predict(50, 110, 32);
  EXPECT_EQ(padded.a.width, 70);
  EXPECT_EQ(padded.a.height, 50);
}

// Blend decoding pulls towards the distribution by blend / (1 + hints)^2: the hints counted are the
// ones the planes carry, so two touching patches (one connected hinted area) count as two.
TEST(ModelFile, BlendWeighsByTheHintCountThePlanesCarry) {
  auto cfg = tiny_config();
  ColorNet net = test::random_net(cfg, 6);
  nlohmann::json meta = tiny_meta(cfg);
  meta["decode"] = "blend";
  meta["blend"] = 0.4;
  const std::string path = test::temp_path("blend.safetensors");
  save_model_file(path, net, meta);
  ModelOptions o;
  o.precision = "fp32";
  auto m = load_model(path, o);
  Plane L(64, 48);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x) L.at(x, y) = 30.f + float((x / 8 + y / 8) % 2) * 40.f;
  HintPoint p, q;
  p.x = 20.5, p.y = 20.5, p.a = 40, p.b = -10, p.size = 5;
  q = p;
  q.x = 25.5;  // the next patch to the right, touching
  const HintPlanes two = rasterize_hints({p, q}, 64, 48, 64, 48);
  ASSERT_EQ(two.count, 2);
  HintPlanes as_one = two;
  as_one.count = 1;  // what counting connected hinted areas gave
  const AbPrediction a = m->predict(L, two), b = m->predict(L, as_one), again = m->predict(L, two);
  EXPECT_EQ(a.a.v, again.a.v);
  float diff = 0.f;
  for (size_t i = 0; i < a.a.size(); ++i) diff = std::max(diff, std::abs(a.a.v[i] - b.a.v[i]));
  EXPECT_GT(diff, 1e-3f) << "the count does not reach the blend weight";
}

namespace {
using test::tiny_training;
std::string packed_data() {
  return test::packed_dataset("data.pack", 6, 48, 40, 7);
}
}  // namespace

TEST(Train, LossFallsOnGeneratedImages) {
  auto o = tiny_training(packed_data(), test::temp_path("falls.safetensors"), 120);
  o.loss = "hybrid";
  auto r = run_training(o);
  std::ifstream in(o.out + ".log.csv");
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  const double first_loss = std::stod(first.substr(first.find(',') + 1));
  EXPECT_EQ(r.steps_done, 120);
  EXPECT_LT(r.final_loss, 0.8 * first_loss) << "first " << first_loss << " last " << r.final_loss;
}

TEST(Train, ResumeEqualsAnUninterruptedRun) {
  const std::string data = packed_data();
  auto full = tiny_training(data, test::temp_path("full.safetensors"), 8);
  run_training(full);
  auto part = tiny_training(data, test::temp_path("part.safetensors"), 8);
  part.stop_at = 4;  // interrupted half way, leaving a checkpoint at step 4
  auto r1 = run_training(part);
  EXPECT_EQ(r1.steps_done, 4);
  part.stop_at = 0;
  part.resume = true;
  run_training(part);
  auto a = load_model_file(full.out, torch::kCPU), b = load_model_file(part.out, torch::kCPU);
  auto ta = network_tensors(*a.net), tb = network_tensors(*b.net);
  for (auto& [k, t] : ta) EXPECT_TRUE(torch::equal(t, tb.at(k))) << k;  // to the bit
}
