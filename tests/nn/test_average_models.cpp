// Weight averaging of model files (tinge average-models): values, provenance, refusals, and a model
// without the Levin input averaged with one that has it.
#include <gtest/gtest.h>

#include "core/ab_grid.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "nn/average_models.hpp"
#include "nn/model_file.hpp"
#include "nn/net.hpp"
#include "nn_test_util.hpp"

using namespace tinge;

namespace {

NetConfig tiny(std::vector<int64_t> widths = {8, 8, 16, 16}) {
  NetConfig c;
  c.widths = std::move(widths);
  c.bins = AbGrid().size();
  return c;
}

// A tiny model file with random weights (and random batch-norm statistics) from `seed`.
std::string tiny_model_file(const std::string& name, uint64_t seed, const NetConfig& cfg = tiny()) {
  torch::manual_seed(seed);
  ColorNet net(cfg);
  {
    torch::NoGradGuard ng;
    for (auto& [k, t] : network_tensors(net)) t.copy_(torch::randn(t.sizes()));
  }
  const std::string path = test::temp_path(name);
  nlohmann::json meta = {
      {"arch", cfg.arch},       {"widths", cfg.widths},         {"ab_bins", AbGrid().cells()},
      {"decode", "regression"}, {"training", {{"seed", seed}}}, {"eval", {{"psnr", 1}}}};
  if (cfg.levin_input) meta["levin_input"] = true;
  save_model_file(path, net, meta);
  return path;
}

}  // namespace

TEST(AverageModels, EveryTensorIsTheWeightedMeanAndProvenanceIsKept) {
  const auto a = tiny_model_file("avg_a.safetensors", 1), b = tiny_model_file("avg_b.safetensors", 2);
  const auto out = test::temp_path("avg_out.safetensors");
  write_file_atomic(out, average_model_files(read_safetensors(a), a, read_safetensors(b), b, 0.25));
  auto la = load_model_file(a, torch::kCPU), lb = load_model_file(b, torch::kCPU),
       lo = load_model_file(out, torch::kCPU);
  auto ta = network_tensors(*la.net), tb = network_tensors(*lb.net), to = network_tensors(*lo.net);
  ASSERT_EQ(to.size(), ta.size());
  for (auto& [k, t] : to) {
    auto expect = 0.75 * ta.at(k) + 0.25 * tb.at(k);
    EXPECT_TRUE(torch::allclose(t, expect, 1e-6, 1e-6)) << k;
    EXPECT_FALSE(torch::allclose(t, ta.at(k))) << k << " is A's";
  }
  const auto& w = lo.meta.at("weight_average");
  EXPECT_DOUBLE_EQ(w.at("weights")[0].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(w.at("weights")[1].get<double>(), 0.25);
  EXPECT_EQ(w.at("models")[0].at("training").at("seed"), 1);
  EXPECT_EQ(w.at("models")[1].at("training").at("seed"), 2);
  EXPECT_EQ(w.at("models")[0].at("file"), "avg_a.safetensors");
  EXPECT_FALSE(lo.meta.contains("eval")) << "B's eval figures do not describe the average";
}

TEST(AverageModels, WeightZeroGivesTheFirstModelExactly) {
  const auto a = tiny_model_file("avg0_a.safetensors", 3), b = tiny_model_file("avg0_b.safetensors", 4);
  auto fa = read_safetensors(a);
  auto fo = parse_safetensors(average_model_files(fa, a, read_safetensors(b), b, 0.0), "avg0");
  for (const auto& [k, r] : fa.tensors)
    EXPECT_EQ(std::string(fa.bytes(r), r.end - r.begin),
              std::string(fo.bytes(fo.tensors.at(k)), r.end - r.begin))
        << k;
}

TEST(AverageModels, RefusesDifferentArchitecturesAndBadWeights) {
  const auto a = tiny_model_file("avgx_a.safetensors", 5);
  const auto wide = tiny_model_file("avgx_b.safetensors", 6, tiny({8, 8, 16, 32}));
  auto fa = read_safetensors(a), fw = read_safetensors(wide);
  try {
    average_model_files(fa, a, fw, wide, 0.5);
    FAIL() << "averaged models of different widths";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("'widths' differs"), std::string::npos) << e.what();
  }
  // Same metadata but a tensor of another shape (a hand-edited file): the tensor is named.
  auto fb = read_safetensors(tiny_model_file("avgx_c.safetensors", 7));
  std::map<std::string, TensorBlob> blobs;
  for (const auto& [k, r] : fb.tensors)
    blobs[k] = {r.dtype, r.shape, std::string(fb.bytes(r), r.end - r.begin)};
  blobs["ab_head.bias"] = {"F32", {1}, std::string(4, '\0')};
  auto fc = parse_safetensors(write_safetensors(blobs, fb.metadata), "edited");
  try {
    average_model_files(fa, a, fc, "edited", 0.5);
    FAIL() << "averaged tensors of different shapes";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("ab_head.bias"), std::string::npos) << e.what();
  }
  // A safetensors file that is not a tinge model (no "tinge" metadata).
  auto plain = parse_safetensors(write_safetensors(blobs, {}), "plain");
  try {
    average_model_files(fa, a, plain, "plain.safetensors", 0.5);
    FAIL() << "averaged with a file without tinge metadata";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("plain.safetensors: no 'tinge' metadata"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(average_model_files(fa, a, fa, a, 1.5), UsageError);
  EXPECT_THROW(average_model_files(fa, a, fa, a, -0.1), UsageError);
}

TEST(AverageModels, AModelWithoutTheLevinInputCountsAsZeroWeightsForIt) {
  NetConfig lc = tiny();
  lc.levin_input = true;
  const auto plain = tiny_model_file("avgl_plain.safetensors", 8),
             levin = tiny_model_file("avgl_levin.safetensors", 9, lc);
  const auto out = test::temp_path("avgl_out.safetensors"), out0 = test::temp_path("avgl_out0.safetensors");
  auto fp = read_safetensors(plain), fl = read_safetensors(levin);
  write_file_atomic(out, average_model_files(fp, plain, fl, levin, 0.5));
  write_file_atomic(out0, average_model_files(fl, levin, fp, plain, 1.0));  // the plain one, widened
  auto lp = load_model_file(plain, torch::kCPU), ll = load_model_file(levin, torch::kCPU);
  auto lo = load_model_file(out, torch::kCPU), l0 = load_model_file(out0, torch::kCPU);
  EXPECT_TRUE(lo.net->cfg.levin_input);
  EXPECT_TRUE(lo.meta.value("levin_input", false));
  auto wide = with_levin_input(ColorNet(std::dynamic_pointer_cast<ColorNetImpl>(lp.net)));
  auto tw = network_tensors(*wide), tl = network_tensors(*ll.net), to = network_tensors(*lo.net);
  ASSERT_EQ(to.size(), tl.size());
  for (auto& [k, t] : to) EXPECT_TRUE(torch::allclose(t, 0.5 * tw.at(k) + 0.5 * tl.at(k), 1e-6, 1e-6)) << k;
  EXPECT_TRUE(torch::allclose(to.at("levin_gate.weight"), 0.5 * tl.at("levin_gate.weight")));
  // Weight 1 on the plain model: exactly it, widened (which computes what it does: test_levin_input).
  auto t0 = network_tensors(*l0.net);
  for (auto& [k, t] : t0) EXPECT_TRUE(torch::equal(t, tw.at(k))) << k;
}
