// save_colorized (see result_save.hpp): Lab -> 8 or 16-bit sRGB, alpha attached or composited,
// then stb (8-bit RGB PNG, JPEG), png_write (16-bit or alpha PNG) or tiff_write.
#include "result_save.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>

#include "atomic_write.hpp"
#include "color.hpp"
#include "error.hpp"
#include "image_io.hpp"
#include "png_write.hpp"
#include "sample_image.hpp"
#include "tiff_write.hpp"

namespace tinge {
namespace {

std::string lower_extension(const std::string& path) {
  const size_t slash = path.find_last_of('/'), dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// Alpha 0..1 (NaN as 0) to a sample of `max`.
inline uint32_t alpha_sample(float a, uint32_t max) {
  const float c = a > 0.f ? (a < 1.f ? a : 1.f) : 0.f;
  return uint32_t(std::lround(double(c) * max));
}

// RGB samples (3 per pixel) with an alpha channel appended to each pixel.
template <typename T>
std::vector<T> with_alpha(const std::vector<T>& rgb, const Plane& alpha, uint32_t max) {
  std::vector<T> out(alpha.v.size() * 4);
  for (size_t i = 0; i < alpha.v.size(); ++i) {
    for (size_t c = 0; c < 3; ++c) out[4 * i + c] = rgb[3 * i + c];
    out[4 * i + 3] = T(alpha_sample(alpha.v[i], max));
  }
  return out;
}

// 8-bit sRGB over white by alpha (JPEG keeps no alpha), rounded.
void composite_on_white(Rgb8Image& rgb, const Plane& alpha) {
  for (size_t i = 0; i < alpha.v.size(); ++i) {
    const uint32_t a = alpha_sample(alpha.v[i], 255);
    for (size_t c = 0; c < 3; ++c) {
      uint8_t& v = rgb.data[3 * i + c];
      v = uint8_t((uint32_t(v) * a + 255u * (255u - a) + 127u) / 255u);
    }
  }
}

std::string encode_samples(ResultFormat f, const SampleImage& img, const std::string& path) {
  return f == ResultFormat::kTiff ? encode_tiff(img, path) : encode_png(img, path);
}

}  // namespace

const std::vector<std::string>& result_image_extensions() {
  static const std::vector<std::string> exts{".png", ".jpg", ".jpeg", ".tif", ".tiff"};
  return exts;
}

ResultFormat result_format(const std::string& path) {
  const std::string ext = lower_extension(path);
  if (ext == ".png") return ResultFormat::kPng;
  if (ext == ".jpg" || ext == ".jpeg") return ResultFormat::kJpeg;
  if (ext == ".tif" || ext == ".tiff") return ResultFormat::kTiff;
  throw ImageError("cannot save " + path + ": unknown image extension '" + ext +
                   "' (use .png, .jpg, .jpeg, .tif or .tiff)");
}

bool format_keeps_16_bits(ResultFormat f) {
  return f != ResultFormat::kJpeg;
}
bool format_keeps_alpha(ResultFormat f) {
  return f != ResultFormat::kJpeg;
}

std::string result_save_loss(const std::string& path, int bits, bool has_alpha) {
  const ResultFormat f = result_format(path);
  const bool deep = bits > 8 && !format_keeps_16_bits(f), alpha = has_alpha && !format_keeps_alpha(f);
  if (deep && alpha)
    return "JPEG keeps neither 16 bits nor alpha: the result is 8-bit and the transparency is composited on "
           "white";
  if (deep) return "JPEG keeps 8 bits: the result of the 16-bit input is 8-bit";
  if (alpha) return "JPEG keeps no alpha: the transparency is composited on white";
  return "";
}

std::string encode_colorized(const std::string& path, const Plane& L, const Plane& a, const Plane& b,
                             const Plane* alpha, int bits, int jpeg_quality) {
  const ResultFormat f = result_format(path);
  if (bits != 8 && bits != 16)
    throw ImageError("cannot save " + path + ": " + std::to_string(bits) +
                     " bits per sample (8 or 16 are written)");
  if (alpha && (alpha->width != L.width || alpha->height != L.height || alpha->v.size() != L.v.size()))
    throw ImageError("cannot save " + path + ": the alpha plane is " + std::to_string(alpha->width) + "x" +
                     std::to_string(alpha->height) + ", the image " + std::to_string(L.width) + "x" +
                     std::to_string(L.height));
  if (f == ResultFormat::kJpeg && (jpeg_quality < 1 || jpeg_quality > 100))
    throw ImageError("cannot save " + path + ": jpeg quality " + std::to_string(jpeg_quality) +
                     " is outside 1..100");
  const bool keep_alpha = alpha && format_keeps_alpha(f);
  if (bits == 16 && format_keeps_16_bits(f)) {
    SampleImage img(0, 0, keep_alpha ? 4 : 3, 16);
    img.width = L.width;
    img.height = L.height;
    img.s16 = lab_planes_to_srgb16(L, a, b);
    if (keep_alpha) img.s16 = with_alpha(img.s16, *alpha, 65535u);
    return encode_samples(f, img, path);
  }
  Rgb8Image rgb = lab_planes_to_srgb8(L, a, b);
  if (keep_alpha || f == ResultFormat::kTiff) {
    SampleImage img(0, 0, keep_alpha ? 4 : 3, 8);
    img.width = rgb.width;
    img.height = rgb.height;
    img.s8 = keep_alpha ? with_alpha(rgb.data, *alpha, 255u) : std::move(rgb.data);
    return encode_samples(f, img, path);
  }
  if (alpha) composite_on_white(rgb, *alpha);  // JPEG
  return encode_image(rgb, f == ResultFormat::kPng ? ".png" : ".jpg", jpeg_quality);
}

void save_colorized(const std::string& path, const Plane& L, const Plane& a, const Plane& b,
                    const Plane* alpha, int bits, int jpeg_quality) {
  write_file_atomic(path, encode_colorized(path, L, a, b, alpha, bits, jpeg_quality));
}

}  // namespace tinge
