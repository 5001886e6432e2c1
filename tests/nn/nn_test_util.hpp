// Shared helpers for the network tests: generated photos, packed datasets, temporary paths and tiny
// training runs.
#pragma once
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "core/ab_grid.hpp"
#include "nn/dataset.hpp"
#include "nn/net.hpp"
#include "nn/train.hpp"

namespace tinge::test {

// A narrow tinge-unet-v1 (widths 8-8-16-16) over the standard ab grid, and the metadata a model file
// of it needs.
inline NetConfig tiny_config() {
  NetConfig c;
  c.widths = {8, 8, 16, 16};
  c.bins = AbGrid().size();
  return c;
}

// A network of `cfg` with weights from `seed` and non-trivial batch-norm statistics and affine
// parameters (so eval mode and folding are not the identity), in eval mode.
inline ColorNet random_net(const NetConfig& cfg, int seed) {
  torch::manual_seed(seed);
  ColorNet net(cfg);
  torch::NoGradGuard ng;
  for (auto& m : net->modules(false))
    if (auto* bn = m->as<torch::nn::BatchNorm2dImpl>()) {
      bn->running_mean.uniform_(-0.5, 0.5);
      bn->running_var.uniform_(0.5, 2.0);
      bn->weight.uniform_(0.5, 1.5);
      bn->bias.uniform_(-0.2, 0.2);
    }
  net->eval();
  return net;
}

inline nlohmann::json tiny_meta(const NetConfig& c) {
  nlohmann::json m = {
      {"arch", c.arch}, {"widths", c.widths}, {"ab_bins", AbGrid().cells()}, {"decode", "regression"}};
  if (c.levin_input) m["levin_input"] = true;
  return m;
}

// Smooth colourful synthetic photos: a few coloured discs on a gradient background.
inline Dataset synthetic_dataset(int n, int w, int h, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(0.f, 1.f);
  Dataset d;
  for (int i = 0; i < n; ++i) {
    Rgb8Image img(w, h);
    float bg[3] = {u(rng), u(rng), u(rng)};
    struct Disc {
      float x, y, r, c[3];
    } discs[3];
    for (auto& dc : discs) dc = {u(rng) * w, u(rng) * h, 6 + u(rng) * w / 3, {u(rng), u(rng), u(rng)}};
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        float c[3];
        for (int k = 0; k < 3; ++k) c[k] = bg[k] * (0.6f + 0.4f * float(y) / float(h));
        for (auto& dc : discs)
          if (std::hypot(x - dc.x, y - dc.y) < dc.r)
            for (int k = 0; k < 3; ++k) c[k] = dc.c[k];
        for (int k = 0; k < 3; ++k) img.px(x, y)[k] = uint8_t(std::lround(255 * c[k]));
      }
    d.names.push_back("synthetic_" + std::to_string(i) + ".png");
    d.images.push_back(std::move(img));
  }
  return d;
}

inline std::string temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("tinge_nn_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

// A packed file of n generated w x h photos (seed) under the test's temporary folder.
inline std::string packed_dataset(const std::string& name, int n, int w, int h, uint64_t seed) {
  const std::string p = temp_path(name);
  save_packed(synthetic_dataset(n, w, h, seed), p);
  return p;
}

// A training run small enough for a unit test: a narrow network on 32 px crops, on the CPU, no
// periodic checkpoints.
inline TrainOptions tiny_training(const std::string& data, const std::string& out, int64_t steps) {
  TrainOptions o;
  o.data = data;
  o.out = out;
  o.steps = steps;
  o.batch = 4;
  o.crop = 32;
  o.lr = 3e-3;
  o.widths = {8, 8, 16, 16};
  o.device = "cpu";
  o.workers = 2;
  o.checkpoint_every = 0;
  return o;
}

}  // namespace tinge::test
