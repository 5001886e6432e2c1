// Network shapes, model file round trip and errors, training behaviour and exact resume.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/ab_grid.hpp"
#include "core/error.hpp"
#include "nn/model_file.hpp"
#include "nn/fast_forward.hpp"
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
  EXPECT_LT((got.logits - ref.logits).abs().max().item<float>(), 1e-4f * (1 + ref.logits.abs().max().item<float>()));
  EXPECT_GT(ref.ab.std().item<float>(), 1e-4f);
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

namespace {
using test::tiny_training;
std::string packed_data() { return test::packed_dataset("data.pack", 6, 48, 40, 7); }
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
  for (auto& [k, t] : ta) EXPECT_TRUE(torch::allclose(t, tb.at(k), 1e-5, 1e-6)) << k;
}
