// Writes a SIGGRAPH17 state dict of random numbers with the released names and shapes, the way
// `torch.save` would (zip by default, --legacy for the old stream format), for the CLI tests of
// `tinge import-weights`. Usage: tinge_make_fake_pth OUT.pth [--legacy] [--seed N]
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include "../nn/torch_save_writer.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT.pth [--legacy] [--seed N]\n", argv[0]);
    return 2;
  }
  bool legacy = false;
  unsigned seed = 1;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--legacy")) legacy = true;
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = unsigned(std::atoi(argv[++i]));
  }
  std::mt19937 rng(seed);
  std::normal_distribution<float> n01(0.f, 1.f);
  std::uniform_real_distribution<float> u(0.5f, 1.5f);
  std::vector<tinge::test::FakeTensor> ts;
  for (const auto& l : tinge::test::siggraph17_layout()) {
    if (l.is_long) {
      tinge::test::FakeTensor f;
      f.name = l.name;
      f.storage_type = "LongStorage";
      f.numel = 1;
      const int64_t v = 1000;
      f.storage.assign(reinterpret_cast<const char*>(&v), 8);
      ts.push_back(f);
      continue;
    }
    size_t count = 1;
    for (auto d : l.shape) count *= size_t(d);
    std::vector<float> v(count);
    const bool positive = l.name.find("running_var") != std::string::npos ||
                          (l.shape.size() == 1 && l.name.find(".weight") != std::string::npos);
    const float scale = l.shape.size() == 4 ? std::sqrt(1.f / float(l.shape[1] * l.shape[2] * l.shape[3])) : 0.1f;
    for (auto& x : v) x = positive ? u(rng) : n01(rng) * scale;
    ts.push_back(tinge::test::f32_tensor(l.name, l.shape, v));
  }
  const std::string bytes = legacy ? tinge::test::torch_save_legacy(ts) : tinge::test::torch_save_zip(ts, "siggraph17");
  std::ofstream(argv[1], std::ios::binary) << bytes;
  return 0;
}
