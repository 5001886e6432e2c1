// Training photos in memory, and the packed file (`tinge pack`) that stores them decoded once:
//   "TINGEPK1", u32 count, then per image: u16 name length, name, u32 width, u32 height, RGB bytes.
// Torch-free.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/image.hpp"

namespace tinge {

struct Dataset {
  std::vector<std::string> names;
  std::vector<Rgb8Image> images;
  size_t size() const { return images.size(); }
};

struct DatasetOptions {
  int max_short_side = 256;  // larger photos are downscaled so the shorter side is this
  int min_short_side = 176;  // smaller photos are upscaled to this (the crop size)
  double min_chroma = 1.0;   // mean chroma (0..255 YCbCr scale) below which a photo counts as gray
  int max_images = 0;        // 0 = all
  // When set: only the photos whose name (file name, or name in the pack) it accepts, chosen after
  // max_images; then an empty result is no error (a data shard may hold none).
  std::function<bool(const std::string&)> keep;
};

// Loads every photo of a folder (skipping grayscale and unreadable files, which are reported through
// `warn`), resized to the options' size range. Uses all cores.
Dataset load_dataset_folder(const std::string& dir, const DatasetOptions& opt,
                            const std::function<void(const std::string&)>& warn = {},
                            const std::function<void(int, int)>& progress = {});
// A folder or a packed file.
Dataset load_dataset(const std::string& path, const DatasetOptions& opt,
                     const std::function<void(const std::string&)>& warn = {},
                     const std::function<void(int, int)>& progress = {});

void save_packed(const Dataset& d, const std::string& path);
Dataset load_packed(const std::string& path);

// Mean chroma of an image on the 0..255 YCbCr scale (sqrt((Cb-128)^2 + (Cr-128)^2)).
double mean_chroma(const Rgb8Image& img);

}  // namespace tinge
