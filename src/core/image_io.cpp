// Image files -> SampleImage -> Rgb8Image: JPEG is decoded by libjpeg-turbo (jpeg_decode.cpp), TIFF by
// libtiff (tiff_decode.cpp), PNG, BMP and TGA by stb_image; encoding by stb_image_write; saves go
// through write_file_atomic. Loading reads the whole file, checks the header against the limits
// before decoding, and turns every stb failure into a one-line tinge::ImageError naming the file.
#include "image_io.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "bmp_tga.hpp"
#include "error.hpp"
#include "exif_orientation.hpp"
#include "file_read.hpp"
#include "file_segments.hpp"
#include "jpeg_decode.hpp"
#include "sample_image.hpp"
#include "tiff_decode.hpp"

namespace tinge {
namespace {

std::string stb_reason() {
  const char* r = stbi_failure_reason();
  return (r && *r) ? r : "unsupported or corrupt data";
}

std::string lower_extension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string format_mp(int64_t pixels) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", double(pixels) / 1e6);
  return buf;
}

}  // namespace

namespace {
std::atomic<int64_t> g_default_max_pixels{100'000'000};
}  // namespace

int64_t default_max_pixels() {
  return g_default_max_pixels.load();
}

void set_default_max_pixels(int64_t pixels) {
  if (pixels < 1) throw Error("the pixel limit must be positive, not " + std::to_string(pixels));
  g_default_max_pixels = pixels;
}

namespace {

// Rounds a 16-bit sample to 8 bits.
inline uint32_t to8(uint32_t v16) {
  return (v16 * 255u + 32767u) / 65535u;
}

// Converts 1..4 channel samples (T = 8 or 16 bit) to RGB8; alpha is composited on white when
// `over_white`, else ignored.
template <typename T>
void to_rgb8(const T* src, int channels, int64_t n, bool over_white, uint8_t* dst) {
  constexpr uint32_t kMax = sizeof(T) == 1 ? 255u : 65535u;
  auto out = [](uint32_t v) { return uint8_t(sizeof(T) == 1 ? v : to8(v)); };
  auto blend = [over_white](uint32_t c, uint32_t a) {
    return over_white ? uint32_t((uint64_t(c) * a + uint64_t(kMax) * (kMax - a) + kMax / 2) / kMax) : c;
  };
  for (int64_t i = 0; i < n; ++i) {
    const T* p = src + i * channels;
    uint8_t* q = dst + i * 3;
    switch (channels) {
      case 1:
        q[0] = q[1] = q[2] = out(p[0]);
        break;
      case 2:
        q[0] = q[1] = q[2] = out(blend(p[0], p[1]));
        break;
      case 3:
        q[0] = out(p[0]), q[1] = out(p[1]), q[2] = out(p[2]);
        break;
      default:
        for (int c = 0; c < 3; ++c) q[c] = out(blend(p[c], p[3]));
    }
  }
}

void append_bytes(void* ctx, void* data, int size) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), size_t(size));
}

// Reads width and height from a PNG's IHDR; false when `data` is not a PNG.
bool png_header_size(const uint8_t* data, size_t size, uint32_t& w, uint32_t& h) {
  if (size < 24 || !is_png(data, size) || std::memcmp(data + 12, "IHDR", 4) != 0) return false;
  auto be32 = [&](size_t o) {
    return uint32_t(data[o]) << 24 | uint32_t(data[o + 1]) << 16 | uint32_t(data[o + 2]) << 8 | data[o + 3];
  };
  w = be32(16);
  h = be32(20);
  return true;
}

// Reads width, height and the frame marker (0xc0 baseline, 0xc2 progressive, ...) from a JPEG's frame
// header (SOFn); false when `data` is not a JPEG or no frame header precedes the first scan.
bool jpeg_header_size(const uint8_t* data, size_t size, uint32_t& w, uint32_t& h, uint8_t& sof_marker) {
  bool found = false;
  for_each_jpeg_segment(data, size, [&](const JpegSegment& seg) {
    const uint8_t m = seg.marker;
    if (m < 0xc0 || m > 0xcf || m == 0xc4 || m == 0xc8 || m == 0xcc) return true;  // not a frame header
    if (seg.length >= 5 && seg.available >= 5) {                                   // precision, height, width
      h = uint32_t(seg.body[1]) << 8 | seg.body[2];
      w = uint32_t(seg.body[3]) << 8 | seg.body[4];
      sof_marker = m;
      found = true;
    }
    return false;
  });
  return found;
}

std::string size_text(int64_t w, int64_t h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

void check_size(int64_t w, int64_t h, const std::string& name, const LoadLimits& limits) {
  if (w <= 0 || h <= 0)
    throw ImageError("cannot decode " + name + ": image has zero size (" + size_text(w, h) + ")");
  if (w > limits.max_pixels / h)  // w * h > max_pixels, without overflowing for forged headers
    throw ImageError("cannot load " + name + ": image too large: " + size_text(w, h) + " exceeds the " +
                     format_mp(limits.max_pixels) + " MP limit");
}

// Encodes to the format named by `ext` (".png", ".jpg", ".jpeg"); `name` appears in messages.
std::string encode(const Rgb8Image& img, const std::string& ext, int jpeg_quality, const std::string& name) {
  if (ext != ".png" && ext != ".jpg" && ext != ".jpeg")
    throw ImageError("cannot save " + name + ": unknown image extension '" + ext +
                     "' (use .png, .jpg or .jpeg)");
  if (img.width <= 0 || img.height <= 0 || img.data.size() != size_t(img.width) * size_t(img.height) * 3)
    throw ImageError("cannot save " + name + ": empty or inconsistent image (" +
                     size_text(img.width, img.height) + ")");
  std::string out;
  int ok = 0;
  if (ext == ".png") {
    ok = stbi_write_png_to_func(append_bytes, &out, img.width, img.height, 3, img.data.data(), img.width * 3);
  } else {
    if (jpeg_quality < 1 || jpeg_quality > 100)
      throw ImageError("cannot save " + name + ": jpeg quality " + std::to_string(jpeg_quality) +
                       " is outside 1..100");
    ok = stbi_write_jpg_to_func(append_bytes, &out, img.width, img.height, 3, img.data.data(), jpeg_quality);
  }
  if (!ok || out.empty()) throw ImageError("cannot save " + name + ": the encoder failed");
  return out;
}

// True when stb_image would take these bytes for a JPEG: 0xFF, any run of 0xFF fill bytes, then
// 0xD8 (start of image).
bool stb_sees_jpeg(const uint8_t* data, size_t size) {
  if (size < 2 || data[0] != 0xff) return false;
  size_t i = 1;
  while (i < size && data[i] == 0xff) ++i;
  return i < size && data[i] == 0xd8;
}

struct StbFree {
  void operator()(void* p) const { stbi_image_free(p); }
};

}  // namespace

namespace {

// 8-bit samples of a JPEG (libjpeg-turbo gives RGB) as a SampleImage, without copying.
SampleImage rgb8_samples(Rgb8Image&& img) {
  SampleImage s;
  s.width = img.width;
  s.height = img.height;
  s.channels = 3;
  s.bits = 8;
  s.s8 = std::move(img.data);
  return s;
}

// PNG, BMP and TGA through stb_image, after the checks that keep stb's weak spots away.
SampleImage decode_with_stb(const uint8_t* data, size_t size, bool png, const std::string& name,
                            const LoadLimits& limits) {
  const int len = int(size);
  if (png) {
    // stb grows its buffer by a chunk's declared length before reading it, so a few forged bytes
    // could otherwise make it allocate gigabytes.
    const std::string overrun = for_each_png_chunk(data, size, [](const PngChunk&) { return true; });
    if (!overrun.empty())
      throw ImageError("cannot decode " + name + ": " + overrun + " (truncated or corrupt)");
  }
  // stb also decodes GIF, PSD, PIC, PNM and HDR: formats tinge does not offer, whose decoders are
  // attack surface. Only PNG, BMP and TGA reach it.
  if (!png && !looks_like_bmp(data, size) && !looks_like_tga(data, size))
    throw ImageError("cannot decode " + name + ": not a PNG, JPEG, TIFF, BMP or TGA image");
  const std::string shortfall = bmp_tga_shortfall(data, size);
  if (!shortfall.empty()) throw ImageError("cannot decode " + name + ": " + shortfall);
  int w = 0, h = 0, comp = 0;
  if (!stbi_info_from_memory(data, len, &w, &h, &comp))
    throw ImageError("cannot decode " + name + ": " + stb_reason());
  check_size(w, h, name, limits);  // the header is checked before any pixel is decoded

  int dw = 0, dh = 0, channels = 0;
  const bool is16 = stbi_is_16_bit_from_memory(data, len) != 0;
  std::unique_ptr<void, StbFree> pixels(
      is16 ? static_cast<void*>(stbi_load_16_from_memory(data, len, &dw, &dh, &channels, 0))
           : static_cast<void*>(stbi_load_from_memory(data, len, &dw, &dh, &channels, 0)));
  if (!pixels) throw ImageError("cannot decode " + name + ": " + stb_reason());
  if (dw != w || dh != h || channels < 1 || channels > 4)
    throw ImageError("cannot decode " + name + ": inconsistent header (" + std::to_string(dw) + "x" +
                     std::to_string(dh) + ", " + std::to_string(channels) + " channels)");
  SampleImage s;
  s.width = w;
  s.height = h;
  s.channels = channels;
  s.bits = is16 ? 16 : 8;
  const size_t n = size_t(w) * size_t(h) * size_t(channels);
  if (is16) {
    const uint16_t* p = static_cast<const uint16_t*>(pixels.get());
    s.s16.assign(p, p + n);
  } else {
    const uint8_t* p = static_cast<const uint8_t*>(pixels.get());
    s.s8.assign(p, p + n);
  }
  return s;
}

}  // namespace

SampleImage decode_samples(const uint8_t* data, size_t size, const std::string& name,
                           const LoadLimits& limits) {
  if (size == 0) throw ImageError("cannot decode " + name + ": the file is empty (0 bytes)");
  if (size > size_t(INT_MAX))
    throw ImageError("cannot decode " + name + ": file larger than 2 GB is not supported");
  uint32_t pw = 0, ph = 0;
  uint8_t sof = 0;
  // Our own look at PNG / JPEG headers first: stb refuses some huge headers with a vague message.
  const bool png = png_header_size(data, size, pw, ph);
  if (png || jpeg_header_size(data, size, pw, ph, sof))
    if (pw > 0 && ph > 0) check_size(pw, ph, name, limits);
  if (size >= 2 && data[0] == 0xff && data[1] != 0xd8 && stb_sees_jpeg(data, size))
    // stb skips 0xFF fill bytes before start-of-image and would decode this itself, with the
    // progressive decoder that reads out of bounds on corrupt files. No JPEG writer pads it.
    throw ImageError("cannot decode " + name +
                     ": corrupt JPEG (fill bytes before the start-of-image marker)");
  // The TIFF decoder reads the Orientation tag itself; JPEG and PNG carry EXIF's.
  if (looks_like_tiff(data, size)) return decode_tiff_samples(data, size, name, limits.max_pixels);
  const bool jpeg = size >= 2 && data[0] == 0xff && data[1] == 0xd8;
  // stb's progressive decoder reads out of bounds on some corrupt files (tests/fuzz/known_crashes).
  if (jpeg && !jpeg_decoder_available() && (sof == 0xc2 || sof == 0xc6 || sof == 0xca || sof == 0xce))
    throw ImageError("cannot decode " + name +
                     ": progressive JPEG is not supported by this build (no libjpeg)");
  SampleImage s = jpeg && jpeg_decoder_available()
                      ? rgb8_samples(decode_jpeg(data, size, name, limits.max_pixels))
                      : decode_with_stb(data, size, png, name, limits);
  s.orientation = exif_orientation(data, size);  // 1 (nothing to do) for every other file
  return s;
}

void check_for_saving(const SampleImage& img, const std::string& name) {
  const size_t samples =
      size_t(std::max(img.width, 0)) * size_t(std::max(img.height, 0)) * size_t(std::max(img.channels, 0));
  if (img.width <= 0 || img.height <= 0 || img.channels < 1 || img.channels > 4 ||
      (img.bits != 8 && img.bits != 16) || (img.bits == 8 ? img.s8.size() : img.s16.size()) != samples)
    throw ImageError("cannot save " + name + ": empty or inconsistent image (" + std::to_string(img.width) +
                     "x" + std::to_string(img.height) + ", " + std::to_string(img.channels) + " channels, " +
                     std::to_string(img.bits) + " bits)");
}

Rgb8Image samples_to_rgb8(const SampleImage& s, bool over_white) {
  Rgb8Image img(s.width, s.height);
  const int64_t n = int64_t(s.width) * int64_t(s.height);
  if (s.bits == 16)
    to_rgb8(s.s16.data(), s.channels, n, over_white, img.data.data());
  else
    to_rgb8(s.s8.data(), s.channels, n, over_white, img.data.data());
  return img;
}

Rgb8Image load_image_from_memory(const uint8_t* data, size_t size, const std::string& name,
                                 const LoadLimits& limits) {
  const SampleImage s = decode_samples(data, size, name, limits);
  Rgb8Image img = samples_to_rgb8(s, /*over_white*/ true);
  apply_exif_orientation(img, s.orientation);  // pixels as viewers show them
  return img;
}

Rgb8Image load_image(const std::string& path, const LoadLimits& limits) {
  std::string bytes;
  try {
    bytes = read_regular_file(path, uint64_t(INT_MAX));  // never blocks on a FIFO
  } catch (const FileReadError& e) {
    throw ImageError("cannot read " + path + ": " + e.what());
  }
  if (bytes.empty()) throw ImageError("cannot decode " + path + ": the file is empty (0 bytes)");
  return load_image_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), path, limits);
}

std::string encode_image(const Rgb8Image& img, const std::string& format, int jpeg_quality) {
  return encode(img, lower_extension(format.find('.') == std::string::npos ? "." + format : format),
                jpeg_quality, format);
}

void save_image(const Rgb8Image& img, const std::string& path, int jpeg_quality) {
  write_file_atomic(path, encode(img, lower_extension(path), jpeg_quality, path));
}

}  // namespace tinge
