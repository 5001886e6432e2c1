// Image containers shared by every stage of the pipeline.
// Planes are row-major float arrays; RGB images are interleaved 8-bit sRGB.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tinge {

// One float channel, row-major, index = y * width + x.
struct Plane {
  int width = 0;
  int height = 0;
  std::vector<float> v;

  Plane() = default;
  Plane(int w, int h, float fill = 0.f) : width(w), height(h), v(size_t(w) * size_t(h), fill) {}
  float& at(int x, int y) { return v[size_t(y) * size_t(width) + size_t(x)]; }
  float at(int x, int y) const { return v[size_t(y) * size_t(width) + size_t(x)]; }
  size_t size() const { return v.size(); }
  bool empty() const { return v.empty(); }
};

// CIE L*a*b* (D65) image as three planes: L in [0, 100], a and b in CIELAB units.
struct LabImage {
  Plane L, a, b;
  int width() const { return L.width; }
  int height() const { return L.height; }
};

// Interleaved 8-bit sRGB, 3 bytes per pixel.
struct Rgb8Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> data;

  Rgb8Image() = default;
  Rgb8Image(int w, int h) : width(w), height(h), data(size_t(w) * size_t(h) * 3, 0) {}
  uint8_t* px(int x, int y) { return &data[(size_t(y) * size_t(width) + size_t(x)) * 3]; }
  const uint8_t* px(int x, int y) const { return &data[(size_t(y) * size_t(width) + size_t(x)) * 3]; }
};

}  // namespace tinge
