// encode_png (see png_write.hpp): signature, IHDR, IDAT chunks of at most 1 MiB, IEND; samples big
// endian as PNG wants them; CRCs and deflate from zlib.
#include "png_write.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "error.hpp"

namespace tinge {
namespace {

constexpr size_t kIdatBytes = size_t(1) << 20;

void put32(std::string& s, uint32_t v) {
  for (int i = 3; i >= 0; --i) s.push_back(char((v >> (8 * i)) & 0xff));
}

void put_chunk(std::string& png, const char* type, const char* data, size_t n) {
  put32(png, uint32_t(n));
  const size_t at = png.size();
  png.append(type, 4);
  png.append(data, n);
  const auto* p = reinterpret_cast<const Bytef*>(png.data() + at);
  put32(png, uint32_t(crc32(crc32(0L, Z_NULL, 0), p, uInt(n + 4))));
}

int paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

// Row `cur` (and the row above, `prev`, zeros for the first) filtered with filter `f` (0..4) into `out`.
void filter_row(int f, const uint8_t* cur, const uint8_t* prev, size_t n, size_t bpp, uint8_t* out) {
  for (size_t i = 0; i < n; ++i) {
    const int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
    int pred = 0;
    switch (f) {
      case 1:
        pred = a;
        break;
      case 2:
        pred = b;
        break;
      case 3:
        pred = (a + b) / 2;
        break;
      case 4:
        pred = paeth(a, b, c);
        break;
    }
    out[i] = uint8_t(cur[i] - pred);
  }
}

// The bytes of row y as PNG stores them (16-bit samples big endian).
void raw_row(const SampleImage& img, int y, std::vector<uint8_t>& row) {
  const size_t n = size_t(img.width) * size_t(img.channels);
  const size_t first = size_t(y) * n;
  if (img.bits == 8) {
    std::copy(img.s8.begin() + std::ptrdiff_t(first), img.s8.begin() + std::ptrdiff_t(first + n),
              row.begin());
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    const uint16_t v = img.s16[first + i];
    row[2 * i] = uint8_t(v >> 8);
    row[2 * i + 1] = uint8_t(v & 0xff);
  }
}

struct Deflater {
  z_stream z{};
  std::string out;
  std::vector<uint8_t> buf = std::vector<uint8_t>(256 * 1024);
  explicit Deflater(const std::string& name) {
    if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
      throw ImageError("cannot save " + name + ": zlib failed to start");
  }
  ~Deflater() { deflateEnd(&z); }
  // Feeds `n` bytes (flush = Z_FINISH for the last call); false on a zlib error.
  bool feed(const uint8_t* data, size_t n, int flush) {
    z.next_in = const_cast<Bytef*>(data);
    z.avail_in = uInt(n);
    for (;;) {
      z.next_out = buf.data();
      z.avail_out = uInt(buf.size());
      const int rc = deflate(&z, flush);
      out.append(reinterpret_cast<const char*>(buf.data()), buf.size() - z.avail_out);
      if (rc == Z_STREAM_END) return true;
      if (rc != Z_OK && rc != Z_BUF_ERROR) return false;
      if (z.avail_out != 0 && z.avail_in == 0 && flush != Z_FINISH) return true;  // all input taken
      if (z.avail_out != 0 && rc == Z_BUF_ERROR) return false;                    // no progress possible
    }
  }
};

}  // namespace

std::string encode_png(const SampleImage& img, const std::string& name) {
  check_for_saving(img, name);
  static const uint8_t kColorType[5] = {0, 0, 4, 2, 6};  // by channel count: gray, gray+alpha, RGB, RGBA
  const size_t bpp = size_t(img.channels) * size_t(img.bits / 8), n = size_t(img.width) * bpp;

  Deflater z(name);
  std::vector<uint8_t> prev(n, 0), cur(n), best(n + 1), trial(n);
  for (int y = 0; y < img.height; ++y) {
    raw_row(img, y, cur);
    uint64_t best_cost = UINT64_MAX;
    for (int f = 0; f < 5; ++f) {
      filter_row(f, cur.data(), prev.data(), n, bpp, trial.data());
      uint64_t cost = 0;
      for (uint8_t v : trial) cost += uint64_t(v < 128 ? v : 256 - v);
      if (cost < best_cost) {
        best_cost = cost;
        best[0] = uint8_t(f);
        std::copy(trial.begin(), trial.end(), best.begin() + 1);
      }
    }
    if (!z.feed(best.data(), best.size(), Z_NO_FLUSH))
      throw ImageError("cannot save " + name + ": zlib failed");
    std::swap(prev, cur);
  }
  if (!z.feed(nullptr, 0, Z_FINISH)) throw ImageError("cannot save " + name + ": zlib failed");

  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put32(ihdr, uint32_t(img.width));
  put32(ihdr, uint32_t(img.height));
  ihdr += {char(img.bits), char(kColorType[img.channels]), 0, 0, 0};  // no interlace
  put_chunk(png, "IHDR", ihdr.data(), ihdr.size());
  for (size_t at = 0; at < z.out.size(); at += kIdatBytes)
    put_chunk(png, "IDAT", z.out.data() + at, std::min(kIdatBytes, z.out.size() - at));
  put_chunk(png, "IEND", "", 0);
  return png;
}

}  // namespace tinge
