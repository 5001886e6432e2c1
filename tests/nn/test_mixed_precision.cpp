// bf16 mixed-precision training (nn/mixed_precision.hpp): autocast is really on inside the guard and
// off after it, a bf16 run learns and resumes exactly, and the choice is recorded in the model.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"
#include "core/hints.hpp"
#include "nn/mixed_precision.hpp"
#include "nn/model.hpp"
#include "nn/model_file.hpp"
#include "nn/net.hpp"
#include "nn/train.hpp"
#include "nn_test_util.hpp"

namespace tinge {
namespace {

TrainOptions tiny_bf16(const std::string& data, const std::string& out, int64_t steps) {
  TrainOptions o = test::tiny_training(data, out, steps);
  o.precision = "bf16";  // emulated where the CPU lacks bf16 instructions: slower, same behaviour
  o.workers = 1;
  return o;
}

std::string packed(const std::string& name, uint64_t seed) {
  return test::packed_dataset(name, 6, 48, 40, seed);
}

TEST(MixedPrecision, AutocastIsOnInsideTheGuardOnly) {
  torch::manual_seed(3);
  NetConfig cfg;
  cfg.widths = {8, 8, 16, 16};
  cfg.bins = 20;
  ColorNet net(cfg);
  net->eval();
  torch::NoGradGuard ng;
  auto x = torch::randn({1, 4, 32, 32});
  const auto before = net->forward(x).ab.clone();
  torch::Tensor inside;
  {
    Bf16Autocast guard(torch::Device(torch::kCPU), true);
    inside = net->forward(x).ab;
  }
  const auto after = net->forward(x).ab;
  EXPECT_EQ(before.scalar_type(), torch::kFloat);
  EXPECT_EQ(inside.scalar_type(), torch::kBFloat16);
  EXPECT_TRUE(torch::equal(before, after)) << "autocast stayed on after the guard";
  const double diff = (inside.to(torch::kFloat) - before).abs().max().item<double>();
  EXPECT_GT(diff, 0.0);  // computed in bf16...
  EXPECT_LT(diff, 0.1);  // ...and close to float32 (ab / 110 units)
  {
    Bf16Autocast off(torch::Device(torch::kCPU), false);
    EXPECT_EQ(net->forward(x).ab.scalar_type(), torch::kFloat);
  }
  {  // nested guards put back what they found
    Bf16Autocast outer(torch::Device(torch::kCPU), true);
    { Bf16Autocast inner(torch::Device(torch::kCPU), true); }
    EXPECT_EQ(net->forward(x).ab.scalar_type(), torch::kBFloat16) << "the inner guard turned autocast off";
  }
  EXPECT_EQ(net->forward(x).ab.scalar_type(), torch::kFloat);
}

// The CPUID reading agrees with the kernel's view of the CPU (Linux: /proc/cpuinfo flags).
TEST(MixedPrecision, Bf16DetectionMatchesTheKernelsFlags) {
  std::ifstream in("/proc/cpuinfo");
  if (!in) GTEST_SKIP() << "no /proc/cpuinfo";
  std::string line, flags;
  while (std::getline(in, line))
    if (line.rfind("flags", 0) == 0) {
      flags = line + " ";
      break;
    }
  if (flags.empty()) GTEST_SKIP() << "no flags line (not x86?)";
  const bool listed =
      flags.find(" avx512_bf16 ") != std::string::npos || flags.find(" amx_bf16 ") != std::string::npos;
  EXPECT_EQ(cpu_has_fast_bf16(), listed) << flags;
}

TEST(MixedPrecision, PrecisionNamesResolve) {
  EXPECT_EQ(resolve_precision("fp32", torch::Device(torch::kCPU)), "fp32");
  EXPECT_EQ(resolve_precision("bf16", torch::Device(torch::kCPU)), "bf16");
  EXPECT_EQ(resolve_precision("auto", torch::Device(torch::kCPU)), cpu_has_fast_bf16() ? "bf16" : "fp32");
  EXPECT_EQ(resolve_precision("auto", torch::Device(torch::kCUDA)), "fp32");
  EXPECT_THROW(resolve_precision("fp8", torch::Device(torch::kCPU)), UsageError);
}

// Training defaults to float32 even on a CPU with bf16 instructions (bf16 is opt-in); auto picks
// bf16 exactly where inference's auto does.
TEST(MixedPrecision, TrainingDefaultsToFloat32) {
  const std::string data = packed("deflt.pack", 13);
  auto o = test::tiny_training(data, test::temp_path("deflt.safetensors"), 2);
  o.precision = "";
  run_training(o);
  EXPECT_EQ(load_model_file(o.out, torch::kCPU).meta.at("training").at("precision"), "fp32");
  auto a = test::tiny_training(data, test::temp_path("auto.safetensors"), 2);
  a.precision = "auto";
  run_training(a);
  EXPECT_EQ(load_model_file(a.out, torch::kCPU).meta.at("training").at("precision"),
            cpu_has_fast_bf16() ? "bf16" : "fp32");
}

TEST(MixedPrecision, Bf16TrainingLearnsAndIsRecorded) {
  auto o = tiny_bf16(packed("bf16.pack", 11), test::temp_path("bf16.safetensors"), 120);
  const auto r = run_training(o);
  std::ifstream in(o.out + ".log.csv");
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  const double first_loss = std::stod(first.substr(first.find(',') + 1));
  EXPECT_LT(r.final_loss, 0.8 * first_loss) << "first " << first_loss << " last " << r.final_loss;
  auto m = load_model_file(o.out, torch::kCPU);  // refuses non-finite weights
  EXPECT_EQ(m.meta.at("training").at("precision"), "bf16");
  for (const auto& p : m.net->parameters()) EXPECT_EQ(p.scalar_type(), torch::kFloat);
}

TEST(MixedPrecision, Bf16ResumeEqualsAnUninterruptedRun) {
  const std::string data = packed("bf16r.pack", 12);
  auto full = tiny_bf16(data, test::temp_path("bf16full.safetensors"), 8);
  run_training(full);
  auto part = tiny_bf16(data, test::temp_path("bf16part.safetensors"), 8);
  part.stop_at = 4;
  run_training(part);
  part.stop_at = 0;
  part.resume = true;
  part.precision = "";  // not given: a resumed run keeps its own precision
  run_training(part);
  auto a = load_model_file(full.out, torch::kCPU), b = load_model_file(part.out, torch::kCPU);
  EXPECT_EQ(b.meta.at("training").at("precision"), "bf16");
  auto pa = a.net->named_parameters(), pb = b.net->named_parameters();
  for (const auto& p : pa) EXPECT_TRUE(torch::allclose(p.value(), pb[p.key()], 1e-5, 1e-6)) << p.key();
}

// An explicit --precision on resume is honoured (a CPU without bf16 instructions can go on in
// float32), not silently replaced by the run's.
TEST(MixedPrecision, ResumeTakesAnExplicitPrecision) {
  auto o = tiny_bf16(packed("bf16s.pack", 13), test::temp_path("bf16switch.safetensors"), 8);
  o.stop_at = 2;
  run_training(o);
  o.stop_at = 4;
  o.resume = true;
  o.precision = "fp32";
  run_training(o);
  EXPECT_EQ(load_model_file(o.out, torch::kCPU).meta.at("training").at("precision"), "fp32");
  o.stop_at = 6;
  o.precision = "fp8";
  EXPECT_THROW(run_training(o), UsageError);
}

}  // namespace
}  // namespace tinge
