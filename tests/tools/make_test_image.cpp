// tinge_make_test_image: writes synthetic test photos (and hint sessions) for the CLI tests, and
// checks results: the mean CIE76 Delta E of a rectangle against a wanted ab. Deterministic; uses
// the core's colour conversion and image I/O so the tests need no external tools.
//
//   tinge_make_test_image two-region OUT.png [--width W] [--height H] [--color] [--session S.json]
//   tinge_make_test_image gradient OUT.png|OUT.tif [--width W] [--height H] [--color] [--depth 8|16]
//   [--alpha] tinge_make_test_image blocks OUT.png [--width W] [--height H] [--seed N] tinge_make_test_image
//   huge-header OUT.png [--width W] [--height H] tinge_make_test_image check-region IMG --rect X0 Y0 X1 Y1
//   --ab A B [--max-delta-e D] tinge_make_test_image describe IMG       (size, channels, bits, samples not a
//   multiple of 257, alpha range) tinge_make_test_image same-alpha IMG OTHER  (exit 1 unless both have the
//   same alpha, compared at 16 bits) tinge_make_test_image flat OUT.png [--rgb R G B] [--width W]
//   [--height H]
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/ab_grid.hpp"
#include "core/atomic_write.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"
#include "core/png_write.hpp"
#include "core/sample_image.hpp"
#include "core/tiff_write.hpp"

namespace {

using tinge::Lab;

// The two regions of the two-region image and the hint colour of each (in gamut at its L).
constexpr Lab kLeft = {30.f, 30.f, 25.f};
constexpr Lab kRight = {70.f, -30.f, 40.f};

struct Args {
  std::string mode, path, other;                        // other: a second file (same-alpha)
  std::map<std::string, std::vector<std::string>> opt;  // option -> its values
  bool has(const std::string& k) const { return opt.count(k) != 0; }
  double num(const std::string& k, size_t i, double fallback) const {
    auto it = opt.find(k);
    if (it == opt.end()) return fallback;
    if (i >= it->second.size()) throw tinge::UsageError(k + " needs more values");
    char* end = nullptr;
    const double v = std::strtod(it->second[i].c_str(), &end);
    if (*end != '\0') throw tinge::UsageError(k + ": not a number: " + it->second[i]);
    return v;
  }
};

// Options with their value counts; flags have 0.
const std::map<std::string, int> kArity = {
    {"--width", 1}, {"--height", 1},      {"--color", 0}, {"--session", 1}, {"--seed", 1}, {"--rect", 4},
    {"--ab", 2},    {"--max-delta-e", 1}, {"--depth", 1}, {"--alpha", 0},   {"--rgb", 3}};

Args parse(int argc, char** argv) {
  if (argc < 3) throw tinge::UsageError("usage: tinge_make_test_image MODE PATH [options] (see the source)");
  Args a;
  a.mode = argv[1];
  a.path = argv[2];
  int i = 3;
  if (a.mode == "same-alpha") {
    if (argc < 4) throw tinge::UsageError("same-alpha needs two files");
    a.other = argv[i++];
  }
  for (; i < argc; ++i) {
    auto it = kArity.find(argv[i]);
    if (it == kArity.end()) throw tinge::UsageError(std::string("unknown option ") + argv[i]);
    auto& vals = a.opt[it->first];
    for (int k = 0; k < it->second; ++k) {
      if (++i >= argc)
        throw tinge::UsageError(it->first + " needs " + std::to_string(it->second) + " values");
      vals.push_back(argv[i]);
    }
  }
  return a;
}

void put(tinge::Rgb8Image& img, int x, int y, const Lab& lab) {
  const tinge::Rgb rgb = tinge::lab_to_srgb(lab);
  uint8_t* p = img.px(x, y);
  for (int c = 0; c < 3; ++c)
    p[c] = uint8_t(std::lround(std::fmin(1.f, std::fmax(0.f, rgb[size_t(c)])) * 255.f));
}

void require_in_gamut(const Lab& lab) {
  if (!tinge::in_gamut(lab[0], lab[1], lab[2], 1e-3f))
    throw tinge::Error("test colour out of gamut: L=" + std::to_string(lab[0]));
}

int two_region(const Args& a) {
  const int w = int(a.num("--width", 0, 400)), h = int(a.num("--height", 0, 300));
  const bool color = a.has("--color");
  require_in_gamut(kLeft);
  require_in_gamut(kRight);
  tinge::Rgb8Image img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const Lab& r = x < w / 2 ? kLeft : kRight;
      put(img, x, y, color ? r : Lab{r[0], 0.f, 0.f});
    }
  tinge::save_image(img, a.path);
  if (a.has("--session")) {
    // Written by hand (not with the core's save_session) so the test pins the file format itself.
    nlohmann::json points = nlohmann::json::array();
    for (int side = 0; side < 2; ++side) {
      const Lab& r = side == 0 ? kLeft : kRight;
      points.push_back({{"x", (side == 0 ? w / 4 : 3 * w / 4) + 0.5},
                        {"y", h / 2 + 0.5},
                        {"ab", {r[1], r[2]}},
                        {"size", 5}});
    }
    const nlohmann::json session = {
        {"format", "tinge-session"}, {"version", 1}, {"image", a.path}, {"points", points}};
    std::ofstream f(a.opt.at("--session")[0]);
    f << session.dump(2) << "\n";
    if (!f) throw tinge::Error("cannot write " + a.opt.at("--session")[0]);
  }
  std::printf("left: L=%g a=%g b=%g x<%d; right: L=%g a=%g b=%g x>=%d\n", kLeft[0], kLeft[1], kLeft[2], w / 2,
              kRight[0], kRight[1], kRight[2], w / 2);
  return 0;
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Lightness 20..80 left to right (colour varying down the rows with --color). 8-bit RGB without
// --alpha is written by save_image; --depth 16 or --alpha by the core's PNG/TIFF writers, with
// alpha 0 (top row) to opaque (bottom row).
int gradient(const Args& a) {
  const int w = int(a.num("--width", 0, 320)), h = int(a.num("--height", 0, 240));
  const int bits = int(a.num("--depth", 0, 8));
  if (bits != 8 && bits != 16) throw tinge::UsageError("--depth must be 8 or 16");
  const bool alpha = a.has("--alpha");
  const std::string ext = lower(a.path.substr(
      a.path.find_last_of('.') == std::string::npos ? a.path.size() : a.path.find_last_of('.')));
  const bool tiff = ext == ".tif" || ext == ".tiff";
  tinge::SampleImage img(w, h, alpha ? 4 : 3, bits);
  const uint32_t max = img.max_value();
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float L = 20.f + 60.f * float(x) / float(std::max(1, w - 1));
      const float t = float(y) / float(std::max(1, h - 1));
      Lab lab = a.has("--color") ? Lab{L, -20.f + 40.f * t, 20.f - 10.f * t} : Lab{L, 0.f, 0.f};
      const auto ab = tinge::clamp_to_gamut(lab[0], lab[1], lab[2]);
      const tinge::Rgb rgb = tinge::lab_to_srgb({lab[0], ab[0], ab[1]});
      const size_t i = (size_t(y) * size_t(w) + size_t(x)) * size_t(img.channels);
      for (int c = 0; c <= img.channels - 1; ++c) {
        const float v = c < 3 ? std::fmin(1.f, std::fmax(0.f, rgb[size_t(c)])) : t;
        const uint32_t q = uint32_t(std::lround(v * float(max)));  // as put() rounds
        if (bits == 16)
          img.s16[i + size_t(c)] = uint16_t(q);
        else
          img.s8[i + size_t(c)] = uint8_t(q);
      }
    }
  if (bits == 8 && !alpha && !tiff) {
    tinge::Rgb8Image rgb(w, h);
    rgb.data = img.s8;
    tinge::save_image(rgb, a.path);
  } else {
    tinge::write_file_atomic(a.path, tiff ? tinge::encode_tiff(img, a.path) : tinge::encode_png(img, a.path));
  }
  return 0;
}

tinge::SampleImage read_samples(const std::string& path) {
  const std::string bytes = tinge::read_regular_file(path, uint64_t(1) << 31);
  return tinge::decode_samples(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), path, {});
}

// One line about a file as stored: size, channels, depth, how many samples are not a multiple of
// 257 (an 8-bit value scaled up has them all so), the alpha range.
int describe(const Args& a) {
  const tinge::SampleImage s = read_samples(a.path);
  const size_t n = size_t(s.width) * size_t(s.height);
  size_t not_257 = 0;
  uint32_t amin = UINT32_MAX, amax = 0;
  for (size_t i = 0; i < n; ++i)
    for (int c = 0; c < s.channels; ++c) {
      const uint32_t v = s.at(i, c);
      if (s.bits == 16) not_257 += v % 257 != 0;
      if (s.has_alpha() && c == s.channels - 1) amin = std::min(amin, v), amax = std::max(amax, v);
    }
  std::printf("size=%dx%d channels=%d bits=%d not_257=%zu/%zu alpha=", s.width, s.height, s.channels, s.bits,
              not_257, n * size_t(s.channels));
  if (s.has_alpha())
    std::printf("%u..%u\n", amin, amax);
  else
    std::printf("none\n");
  return 0;
}

// Exit 0 when both files have alpha and the same alpha everywhere (8-bit values scaled by 257).
int same_alpha(const Args& a) {
  const tinge::SampleImage x = read_samples(a.path), y = read_samples(a.other);
  if (!x.has_alpha() || !y.has_alpha() || x.width != y.width || x.height != y.height) {
    std::printf("alpha: %s has %s, %s has %s\n", a.path.c_str(), x.has_alpha() ? "alpha" : "none",
                a.other.c_str(), y.has_alpha() ? "alpha" : "none");
    return 1;
  }
  size_t differ = 0;
  const size_t n = size_t(x.width) * size_t(x.height);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t u = x.at(i, x.channels - 1) * (x.bits == 8 ? 257u : 1u);
    const uint32_t v = y.at(i, y.channels - 1) * (y.bits == 8 ? 257u : 1u);
    differ += u != v;
  }
  std::printf("alpha differs in %zu of %zu pixels\n", differ, n);
  return differ == 0 ? 0 : 1;
}

// A grid of 3 x 2 flat blocks, each with its own lightness and colour (random from --seed).
int blocks(const Args& a) {
  const int w = int(a.num("--width", 0, 300)), h = int(a.num("--height", 0, 200));
  std::mt19937 rng(uint32_t(a.num("--seed", 0, 1)));
  std::uniform_real_distribution<float> L(25.f, 85.f), ab(-45.f, 45.f);
  std::array<Lab, 6> col;
  for (Lab& c : col) {
    c = {L(rng), ab(rng), ab(rng)};
    const auto g = tinge::clamp_to_gamut(c[0], c[1], c[2]);
    c = {c[0], g[0], g[1]};
  }
  tinge::Rgb8Image img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) put(img, x, y, col[size_t((y * 2 / h) * 3 + x * 3 / w)]);
  tinge::save_image(img, a.path);
  return 0;
}

// One sRGB colour everywhere (--rgb R G B, default mid gray): a colour reference photo.
int flat(const Args& a) {
  const int w = int(a.num("--width", 0, 64)), h = int(a.num("--height", 0, 48));
  tinge::Rgb8Image img(w, h);
  uint8_t rgb[3];
  for (size_t c = 0; c < 3; ++c) rgb[c] = uint8_t(std::clamp(a.num("--rgb", c, 128), 0.0, 255.0));
  for (size_t i = 0; i < img.data.size(); ++i) img.data[i] = rgb[i % 3];
  tinge::save_image(img, a.path);
  return 0;
}

// A PNG whose header claims a huge image (and whose data is a stub): loaders must refuse it
// from the header alone.
int huge_header(const Args& a) {
  const uint32_t w = uint32_t(a.num("--width", 0, 100000)), h = uint32_t(a.num("--height", 0, 100000));
  auto crc32 = [](const std::string& s) {
    uint32_t c = 0xffffffffu;
    for (unsigned char ch : s) {
      c ^= ch;
      for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
  };
  auto be32 = [](uint32_t v) {
    return std::string{char(v >> 24), char((v >> 16) & 255), char((v >> 8) & 255), char(v & 255)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    return be32(uint32_t(data.size())) + type + data + be32(crc32(type + data));
  };
  std::string png = "\x89PNG\r\n\x1a\n";
  png += chunk("IHDR", be32(w) + be32(h) + std::string{8, 2, 0, 0, 0});
  png += chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8));
  png += chunk("IEND", "");
  std::ofstream f(a.path, std::ios::binary);
  f << png;
  if (!f) throw tinge::Error("cannot write " + a.path);
  return 0;
}

// Mean CIE76 Delta E over [x0, x1) x [y0, y1) between each pixel and (its own L, A, B).
int check_region(const Args& a) {
  const tinge::Rgb8Image img = tinge::load_image(a.path);
  const int x0 = int(a.num("--rect", 0, 0)), y0 = int(a.num("--rect", 1, 0));
  const int x1 = int(a.num("--rect", 2, img.width)), y1 = int(a.num("--rect", 3, img.height));
  const float wa = float(a.num("--ab", 0, 0)), wb = float(a.num("--ab", 1, 0));
  if (x0 < 0 || y0 < 0 || x1 > img.width || y1 > img.height || x0 >= x1 || y0 >= y1)
    throw tinge::UsageError("--rect outside the " + std::to_string(img.width) + "x" +
                            std::to_string(img.height) + " image");
  double sum = 0, sa = 0, sb = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const uint8_t* p = img.px(x, y);
      const Lab lab = tinge::srgb8_to_lab(p[0], p[1], p[2]);
      sum += std::hypot(lab[1] - wa, lab[2] - wb);
      sa += lab[1];
      sb += lab[2];
    }
  const double n = double(x1 - x0) * double(y1 - y0);
  const double de = sum / n;
  std::printf("mean_delta_e=%.3f mean_ab=(%.2f, %.2f) want=(%.2f, %.2f)\n", de, sa / n, sb / n, wa, wb);
  if (a.has("--max-delta-e") && de > a.num("--max-delta-e", 0, 0)) return 1;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args a = parse(argc, argv);
    if (a.mode == "two-region") return two_region(a);
    if (a.mode == "gradient") return gradient(a);
    if (a.mode == "blocks") return blocks(a);
    if (a.mode == "flat") return flat(a);
    if (a.mode == "huge-header") return huge_header(a);
    if (a.mode == "check-region") return check_region(a);
    if (a.mode == "describe") return describe(a);
    if (a.mode == "same-alpha") return same_alpha(a);
    throw tinge::UsageError("unknown mode " + a.mode);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinge_make_test_image: error: %s\n", e.what());
    return 2;
  }
}
