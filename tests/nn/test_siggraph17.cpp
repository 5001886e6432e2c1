// The SIGGRAPH17 architecture, the torch.save reader and `import-weights`: a state dict of random
// numbers with the released names and shapes (listed here from colorizers/siggraph17.py, not from
// tinge's module) is written as torch.save would, imported, loaded, and checked against a reference
// forward pass written with torch's functional ops straight from the released forward().
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

#include "core/error.hpp"
#include "core/hints.hpp"
#include "nn/import_weights.hpp"
#include "nn/model.hpp"
#include "nn/model_file.hpp"
#include "nn/siggraph17.hpp"
#include "nn/torch_checkpoint.hpp"
#include "nn/torch_pickle.hpp"
#include "nn_test_util.hpp"
#include "torch_save_writer.hpp"

namespace tinge {
namespace {

using test::Layer;
using test::siggraph17_layout;

// The tensors of a written state dict as torch tensors by name (for the reference forward pass).
std::map<std::string, torch::Tensor> as_torch(const std::vector<test::FakeTensor>& ts) {
  std::map<std::string, torch::Tensor> w;
  for (const auto& t : ts) {
    if (t.storage_type == "LongStorage") {
      int64_t v;
      std::memcpy(&v, t.storage.data(), 8);
      w[t.name] = torch::full({}, v, torch::kLong);
      continue;
    }
    w[t.name] = torch::from_blob(const_cast<char*>(t.storage.data()), t.size, torch::kFloat32).clone();
  }
  return w;
}

// The released forward(), written with functional ops on the released names.
struct Reference {
  std::map<std::string, torch::Tensor>& w;
  torch::Tensor C(const torch::Tensor& x, const std::string& p, int64_t dil = 1) {
    const int64_t k = w[p + ".weight"].size(3);
    return torch::conv2d(x, w[p + ".weight"], w[p + ".bias"], 1, dil * (k / 2), dil);
  }
  torch::Tensor T(const torch::Tensor& x, const std::string& p) {
    return torch::conv_transpose2d(x, w[p + ".weight"], w[p + ".bias"], 2, 1);
  }
  torch::Tensor B(const torch::Tensor& x, const std::string& p) {
    return torch::batch_norm(x, w[p + ".weight"], w[p + ".bias"], w[p + ".running_mean"],
                             w[p + ".running_var"], false, 0.1, 1e-5, false);
  }
  torch::Tensor block3(const torch::Tensor& x, const std::string& m, int64_t dil = 1) {
    auto y = torch::relu(C(x, m + ".0", dil));
    y = torch::relu(C(y, m + ".2", dil));
    y = torch::relu(C(y, m + ".4", dil));
    return B(y, m + ".6");
  }
  static torch::Tensor sub(const torch::Tensor& x) {
    using torch::indexing::Slice;
    return x.index(
        {Slice(), Slice(), Slice(0, torch::indexing::None, 2), Slice(0, torch::indexing::None, 2)});
  }
  std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& x) {
    auto c1 = B(torch::relu(C(torch::relu(C(x, "model1.0")), "model1.2")), "model1.4");
    auto c2 = B(torch::relu(C(torch::relu(C(sub(c1), "model2.0")), "model2.2")), "model2.4");
    auto c3 = block3(sub(c2), "model3");
    auto c4 = block3(sub(c3), "model4");
    auto c7 = block3(block3(block3(c4, "model5", 2), "model6", 2), "model7");
    auto u8 = T(c7, "model8up.0") + C(c3, "model3short8.0");
    auto c8 = B(torch::relu(C(torch::relu(C(torch::relu(u8), "model8.1")), "model8.3")), "model8.5");
    auto u9 = T(c8, "model9up.0") + C(c2, "model2short9.0");
    auto c9 = B(torch::relu(C(torch::relu(u9), "model9.1")), "model9.3");
    auto u10 = T(c9, "model10up.0") + C(c1, "model1short10.0");
    auto c10 = torch::leaky_relu(C(torch::relu(u10), "model10.1"), 0.2);
    return {torch::tanh(C(c10, "model_out.0")), C(c8, "model_class.0")};
  }
};

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(Siggraph17, ImportedRandomWeightsMatchTheReleasedForward) {
  const auto ts = test::random_siggraph17(7);
  auto w = as_torch(ts);
  const std::string pth = test::temp_path("siggraph17-random.pth"),
                    out = test::temp_path("sig17.safetensors");
  write_bytes(pth, test::torch_save_zip(ts, "siggraph17-df00044c"));
  auto rep = import_siggraph17_weights(pth, out);
  EXPECT_EQ(rep.format, "zip");
  EXPECT_TRUE(rep.ignored.empty());
  EXPECT_NEAR(rep.parameters / 1e6, 34.2, 0.5);  // the released generator's size

  auto lm = load_model_file(out, torch::kCPU);
  ASSERT_EQ(lm.net->cfg.arch, "siggraph17");
  EXPECT_EQ(lm.net->cfg.mask_offset, 0.5);
  lm.net->eval();
  torch::manual_seed(3);
  auto L = torch::rand({1, 1, 48, 64}) * 100, ab = torch::randn({1, 2, 48, 64}) * 30;
  auto mask = (torch::rand({1, 1, 48, 64}) > 0.97).to(torch::kFloat);
  auto x = make_input(L, ab * mask, mask, lm.net->cfg);  // mask_offset 0.5, as the released code feeds it
  torch::NoGradGuard ng;
  auto got = lm.net->forward(x);
  auto [ref_ab, ref_logits] = Reference{w}.forward(x);
  ASSERT_EQ(got.ab.sizes(), ref_ab.sizes());
  ASSERT_EQ(got.logits.sizes(), (std::vector<int64_t>{1, 529, 12, 16}));
  EXPECT_LT((got.ab - ref_ab).abs().max().item<float>(), 1e-4f);
  EXPECT_LT((got.logits - ref_logits).abs().max().item<float>(),
            1e-3f * (1 + ref_logits.abs().max().item<float>()));
  // The check means something only when the outputs are not saturated or constant.
  EXPECT_LT(ref_ab.abs().mean().item<float>(), 0.9f);
  EXPECT_GT(ref_ab.std().item<float>(), 1e-3f);

  // Through the public Method: any size, hints, suggestions in gamut order.
  ModelOptions mo;
  mo.threads = 1;
  auto m = load_model(out, mo);
  Plane Lp(40, 30);
  for (int y = 0; y < 30; ++y)
    for (int x2 = 0; x2 < 40; ++x2) Lp.at(x2, y) = float(20 + x2 + y);
  HintPoint h;
  h.x = 10, h.y = 10, h.a = 40, h.b = 20;
  auto planes = rasterize_hints({h}, 40, 30, 40, 30);
  auto pred = m->predict(Lp, planes);
  ASSERT_EQ(pred.a.width, 40);
  ASSERT_EQ(pred.a.height, 30);
  for (float v : pred.a.v) ASSERT_TRUE(std::isfinite(v) && std::abs(v) <= 110.f);
  auto s = m->suggest(Lp, planes, 10, 10, 4);
  EXPECT_FALSE(s.empty());
}

TEST(Siggraph17, LegacyAndZipContainersGiveTheSameTensors) {
  std::vector<test::FakeTensor> ts;
  ts.push_back(test::f32_tensor("a.weight", {2, 3}, {1, 2, 3, 4, 5, 6}));
  // A transposed view (non-contiguous strides) with a storage offset.
  test::FakeTensor t = test::f32_tensor("b.view", {3, 2}, {9, 1, 2, 3, 4, 5, 6});
  t.offset = 1;
  t.numel = 7;
  t.stride = {1, 3};
  ts.push_back(t);
  // A half-precision tensor: 1.0, -2.5, 65504 (max), a subnormal.
  test::FakeTensor hf;
  hf.name = "c.half";
  hf.storage_type = "HalfStorage";
  const uint16_t hv[] = {0x3C00, 0xC100, 0x7BFF, 0x0001};
  hf.storage.assign(reinterpret_cast<const char*>(hv), sizeof hv);
  hf.numel = 4, hf.size = {4}, hf.stride = {1};
  ts.push_back(hf);
  for (bool legacy : {false, true}) {
    SCOPED_TRACE(legacy ? "legacy" : "zip");
    auto sd =
        parse_torch_state_dict(legacy ? test::torch_save_legacy(ts) : test::torch_save_zip(ts), "x.pth");
    EXPECT_EQ(sd.format, legacy ? "legacy" : "zip");
    ASSERT_EQ(sd.tensors.size(), 3u);
    auto vals = [&](const std::string& n) {
      const auto& b = sd.tensors.at(n);
      std::vector<float> v(b.bytes.size() / 4);
      std::memcpy(v.data(), b.bytes.data(), b.bytes.size());
      return v;
    };
    EXPECT_EQ(vals("a.weight"), (std::vector<float>{1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(sd.tensors.at("b.view").shape, (std::vector<int64_t>{3, 2}));
    EXPECT_EQ(vals("b.view"), (std::vector<float>{1, 4, 2, 5, 3, 6}));
    auto h = vals("c.half");
    EXPECT_EQ(h[0], 1.0f);
    EXPECT_EQ(h[1], -2.5f);
    EXPECT_EQ(h[2], 65504.f);
    EXPECT_NEAR(h[3], 5.96e-8f, 1e-9f);
  }
}

std::string error_of(const std::string& bytes) {
  try {
    parse_torch_state_dict(bytes, "bad.pth");
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

TEST(Siggraph17, MalformedCheckpointsAreRefusedByName) {
  std::vector<test::FakeTensor> ts = {test::f32_tensor("w", {4}, {1, 2, 3, 4})};
  const std::string zip = test::torch_save_zip(ts);
  EXPECT_NE(error_of(zip.substr(0, zip.size() / 2)).find("bad.pth"), std::string::npos);
  EXPECT_NE(error_of("hello world, not a checkpoint").find("not a PyTorch checkpoint"), std::string::npos);
  // A flipped byte inside a storage fails its CRC.
  std::string corrupt = zip;
  corrupt[corrupt.find(std::string("\x00\x00\x80\x3f", 4))] ^= 1;
  EXPECT_NE(error_of(corrupt).find("CRC"), std::string::npos);
  // A tensor whose view reaches past its storage.
  auto big = ts;
  big[0].size = {5};
  EXPECT_NE(error_of(test::torch_save_zip(big)).find("past the end of its storage"), std::string::npos);
  // Forged numbers whose products wrap around 64 bits (they crashed the importer): a stride of 2^61,
  // and an element count of 2^62 (x 4 bytes = 0) over an empty storage.
  auto wide = ts;
  wide[0].size = {5};
  wide[0].stride = {int64_t(1) << 61};
  EXPECT_NE(error_of(test::torch_save_zip(wide)).find("past the end of its storage"), std::string::npos);
  auto huge = ts;
  huge[0].numel = int64_t(1) << 62;
  huge[0].storage.clear();
  huge[0].size = {0};
  EXPECT_NE(error_of(test::torch_save_zip(huge)).find("expected 4611686018427387904 elements"),
            std::string::npos)
      << error_of(test::torch_save_zip(huge));
  // A pickled module (torch.save(model)) instead of a state dict: refused, naming the class, not run.
  test::PickleWriter pw;
  pw.op(0x80), pw.op(2), pw.global("__main__", "Net"), pw.op(')'), pw.op(0x81), pw.op('.');
  EXPECT_NE(error_of(test::torch_save_zip(ts, "archive", pw.out)).find("'__main__.Net'"), std::string::npos)
      << error_of(test::torch_save_zip(ts, "archive", pw.out));
  EXPECT_EQ(error_of(zip), "");
  try {
    pickle::unpickle(pw.out, 0, "m.pkl");
    ADD_FAILURE() << "a pickled class was accepted";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("__main__.Net"), std::string::npos) << e.what();
  }
}

TEST(Siggraph17, ImportNamesTheMissingOrMisshapenTensor) {
  const auto ts = test::random_siggraph17(1);
  const std::string pth = test::temp_path("partial.pth"), out = test::temp_path("partial.safetensors");
  // Drop one tensor.
  auto missing = ts;
  missing.erase(
      std::find_if(missing.begin(), missing.end(), [](auto& t) { return t.name == "model9.1.bias"; }));
  write_bytes(pth, test::torch_save_zip(missing));
  try {
    import_siggraph17_weights(pth, out);
    ADD_FAILURE() << "import accepted a state dict without model9.1.bias";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("'model9.1.bias'"), std::string::npos) << e.what();
  }
  // A wrong shape (e.g. the ECCV16 model's 313-bin head instead of 529).
  auto shaped = ts;
  for (auto& t : shaped)
    if (t.name == "model_class.0.bias") t = test::f32_tensor(t.name, {313}, std::vector<float>(313, 0.f));
  write_bytes(pth, test::torch_save_zip(shaped));
  try {
    import_siggraph17_weights(pth, out);
    ADD_FAILURE() << "import accepted a 313-bin head";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("'model_class.0.bias' has shape 313, expected 529"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(out));
  // DataParallel's "module." prefix is accepted (legacy container here).
  auto prefixed = ts;
  for (auto& t : prefixed) t.name = "module." + t.name;
  write_bytes(pth, test::torch_save_legacy(prefixed));
  auto rep = import_siggraph17_weights(pth, out);
  EXPECT_EQ(rep.format, "legacy");
  EXPECT_TRUE(std::filesystem::exists(out));
}

TEST(Siggraph17, MacsMatchThePaper) {
  NetConfig c;
  c.arch = "siggraph17";
  c.bins = 529;
  const double g = count_macs(c, 256, 256) / 1e9;
  EXPECT_GT(g, 70);
  EXPECT_LT(g, 80);
}

}  // namespace
}  // namespace tinge
