// Shared helpers for the network tests: generated photos and temporary paths.
#pragma once
#include <cmath>
#include <filesystem>
#include <random>
#include <string>

#include "nn/dataset.hpp"

namespace tinge::test {

// Smooth colourful synthetic photos: a few coloured discs on a gradient background.
inline Dataset synthetic_dataset(int n, int w, int h, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(0.f, 1.f);
  Dataset d;
  for (int i = 0; i < n; ++i) {
    Rgb8Image img(w, h);
    float bg[3] = {u(rng), u(rng), u(rng)};
    struct Disc { float x, y, r, c[3]; } discs[3];
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

}  // namespace tinge::test
