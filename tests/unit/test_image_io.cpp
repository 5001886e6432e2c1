// Loading and saving images: round trips, channel layouts and bit depths, and every kind of bad
// input refused with an ImageError naming the file. PNGs with unusual layouts are crafted by a tiny
// PNG writer (png_bytes.hpp, zlib stored blocks) so the test needs no encoder beyond the code under test.
#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/image_io.hpp"
#include "png_bytes.hpp"

namespace tinge {
namespace {

using png_bytes::make_png;

// ---- helpers ----
std::string temp_dir() {
  static std::string dir = [] {
    std::string d = ::testing::TempDir() + "tinge_io_" + std::to_string(::getpid());
    ::mkdir(d.c_str(), 0755);
    return d;
  }();
  return dir;
}
std::string temp_path(const std::string& name) {
  return temp_dir() + "/" + name;
}
void write_raw(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}
std::string read_raw(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}
Rgb8Image random_image(int w, int h, unsigned seed) {
  Rgb8Image img(w, h);
  std::mt19937 rng(seed);
  for (auto& v : img.data) v = uint8_t(rng());
  return img;
}
Rgb8Image smooth_image(int w, int h) {
  Rgb8Image img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint8_t* p = img.px(x, y);
      p[0] = uint8_t(x * 255 / (w - 1)), p[1] = uint8_t(y * 255 / (h - 1)), p[2] = uint8_t(128);
    }
  return img;
}
// Expects `f` to throw an ImageError whose message contains `needle` (the file name).
template <typename F>
void expect_image_error(F f, const std::string& needle) {
  try {
    f();
    ADD_FAILURE() << "no exception; expected one mentioning " << needle;
  } catch (const ImageError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find(needle), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
}
bool exists(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0;
}
// Counts leftover temporaries ".NAME.tinge-tmp-..." beside `path`.
size_t temporaries_of(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string dir = path.substr(0, slash), prefix = path.substr(slash + 1);
  prefix = "." + prefix + ".tinge-tmp-";
  size_t n = 0;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d))
      if (std::string(e->d_name).rfind(prefix, 0) == 0) ++n;
    ::closedir(d);
  }
  return n;
}

// ---- round trips ----
TEST(ImageIo, PngRoundTripIsExact) {
  Rgb8Image img = random_image(31, 17, 1);
  std::string p = temp_path("rt.png");
  save_image(img, p);
  Rgb8Image back = load_image(p);
  EXPECT_EQ(back.width, 31);
  EXPECT_EQ(back.height, 17);
  EXPECT_EQ(back.data, img.data);
  EXPECT_EQ(temporaries_of(p), 0u);
}

TEST(ImageIo, JpegRoundTripIsClose) {
  Rgb8Image img = smooth_image(64, 48);
  for (const char* name : {"rt.jpg", "rt.JPEG"}) {
    std::string p = temp_path(name);
    save_image(img, p, 95);
    Rgb8Image back = load_image(p);
    ASSERT_EQ(back.width, 64);
    ASSERT_EQ(back.height, 48);
    double err = 0;
    for (size_t i = 0; i < img.data.size(); ++i) err += std::abs(int(back.data[i]) - int(img.data[i]));
    EXPECT_LT(err / double(img.data.size()), 3.0) << name;
  }
  // Lower quality gives a smaller file.
  EXPECT_LT(encode_image(random_image(64, 64, 2), ".jpg", 20).size(),
            encode_image(random_image(64, 64, 2), ".jpg", 95).size());
}

TEST(ImageIo, EncodedPngDecodesFromMemory) {
  Rgb8Image img = random_image(5, 4, 3);
  std::string png = encode_image(img, ".PNG");
  Rgb8Image back = load_image_from_memory(reinterpret_cast<const uint8_t*>(png.data()), png.size(), "mem");
  EXPECT_EQ(back.data, img.data);
}

// ---- layouts and depths ----
TEST(ImageIo, GrayIsReplicatedToRgb) {
  std::vector<uint16_t> s = {0, 50, 200, 255, 17, 128};
  std::string p = temp_path("gray.png");
  write_raw(p, make_png(3, 2, 0, 8, s));
  Rgb8Image img = load_image(p);
  ASSERT_EQ(img.width, 3);
  ASSERT_EQ(img.height, 2);
  for (int i = 0; i < 6; ++i)
    for (int c = 0; c < 3; ++c) EXPECT_EQ(img.data[i * 3 + c], s[i]);
}

TEST(ImageIo, AlphaIsCompositedOnWhite) {
  // RGBA: opaque red, fully transparent blue, half-transparent black.
  std::vector<uint16_t> rgba = {255, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 128};
  std::string p = temp_path("rgba.png");
  write_raw(p, make_png(3, 1, 6, 8, rgba));
  Rgb8Image img = load_image(p);
  std::vector<uint8_t> want = {255, 0, 0, 255, 255, 255, 127, 127, 127};
  EXPECT_EQ(img.data, want);
  // Gray + alpha.
  std::vector<uint16_t> ga = {0, 255, 0, 0, 100, 51};
  std::string q = temp_path("ga.png");
  write_raw(q, make_png(3, 1, 4, 8, ga));
  Rgb8Image g = load_image(q);
  // 100 * 0.2 + 255 * 0.8 = 224
  std::vector<uint8_t> want_g = {0, 0, 0, 255, 255, 255, 224, 224, 224};
  EXPECT_EQ(g.data, want_g);
}

TEST(ImageIo, SixteenBitIsRoundedToEightBit) {
  // 16-bit RGB: 0x1234 -> round(4660 * 255 / 65535) = 18; 0xffff -> 255; 0x8080 -> 128; 0x0101, 0x00ff -> 1
  std::vector<uint16_t> rgb = {0x1234, 0xffff, 0x0000, 0x8080, 0x0101, 0x00ff};
  std::string p = temp_path("rgb16.png");
  write_raw(p, make_png(2, 1, 2, 16, rgb));
  Rgb8Image img = load_image(p);
  std::vector<uint8_t> want = {18, 255, 0, 128, 1, 1};
  EXPECT_EQ(img.data, want);
  // 16-bit gray + alpha, half transparent mid-grey over white.
  std::vector<uint16_t> ga = {0x0000, 0x8000};
  std::string q = temp_path("ga16.png");
  write_raw(q, make_png(1, 1, 4, 16, ga));
  Rgb8Image g = load_image(q);
  EXPECT_NEAR(g.data[0], 127, 1);
  EXPECT_EQ(g.data[0], g.data[2]);
}

TEST(ImageIo, LargerCraftedPngSpanningSeveralStoredBlocks) {
  const int w = 300, h = 100;  // 90,100 raw bytes: two stored blocks
  std::vector<uint16_t> s(size_t(w) * h * 3);
  for (size_t i = 0; i < s.size(); ++i) s[i] = uint16_t((i * 7) & 0xff);
  std::string p = temp_path("big.png");
  write_raw(p, make_png(w, h, 2, 8, s));
  Rgb8Image img = load_image(p);
  for (size_t i = 0; i < s.size(); ++i) ASSERT_EQ(img.data[i], s[i]);
}

// ---- bad input ----
TEST(ImageIo, MissingFileIsRefused) {
  std::string p = temp_path("does_not_exist.png");
  expect_image_error([&] { load_image(p); }, p);
}

TEST(ImageIo, ZeroByteFileIsRefused) {
  std::string p = temp_path("empty.png");
  write_raw(p, "");
  expect_image_error([&] { load_image(p); }, p);
}

TEST(ImageIo, DirectoryIsRefused) {
  expect_image_error([&] { load_image(temp_dir()); }, temp_dir());
}

TEST(ImageIo, TruncatedJpegIsRefused) {
  std::string jpg = encode_image(random_image(64, 64, 4), ".jpg", 90);
  std::string p = temp_path("truncated.jpg");
  write_raw(p, jpg.substr(0, jpg.size() / 2));
  expect_image_error([&] { load_image(p); }, p);
}

TEST(ImageIo, TruncatedPngIsRefused) {
  std::string png = encode_image(random_image(64, 64, 5), ".png");
  std::string p = temp_path("truncated.png");
  write_raw(p, png.substr(0, png.size() / 2));
  expect_image_error([&] { load_image(p); }, p);
}

TEST(ImageIo, PngChunkClaimingMoreBytesThanTheFileIsRefused) {
  // A valid PNG whose first chunk after IHDR is given a 2 GB length: refused by name, without
  // stb growing a buffer to the declared size.
  std::string png = encode_image(random_image(16, 16, 3), ".png");
  const size_t o = 8 + 12 + 13;  // signature, then the IHDR chunk (length, type, 13 bytes, CRC)
  png[o] = char(0x7f);
  png[o + 1] = png[o + 2] = png[o + 3] = char(0xff);
  try {
    load_image_from_memory(reinterpret_cast<const uint8_t*>(png.data()), png.size(), "forged.png");
    FAIL() << "forged PNG decoded";
  } catch (const ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("forged.png"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("claims 2147483647 bytes"), std::string::npos) << e.what();
  }
}

TEST(ImageIo, TextFileNamedPngIsRefused) {
  std::string p = temp_path("notes.png");
  write_raw(p, "this is not an image, just some text\n");
  expect_image_error([&] { load_image(p); }, "cannot decode " + p);
}

TEST(ImageIo, HugeDimensionsAreRefusedBeforeDecoding) {
  std::string png = encode_image(random_image(8, 8, 6), ".png");
  // IHDR data starts at byte 16: width then height, big-endian. The CRC is left stale.
  std::string patched = png;
  for (int i = 0; i < 2; ++i) {
    uint32_t v = 100000;
    for (int k = 0; k < 4; ++k) patched[16 + 4 * i + k] = char((v >> (8 * (3 - k))) & 0xff);
  }
  std::string p = temp_path("huge.png");
  write_raw(p, patched);
  expect_image_error([&] { load_image(p); }, "100000x100000 exceeds the 100 MP limit");
  expect_image_error([&] { load_image(p); }, p);
  // 12000 x 12000 passes stb's own header checks: our limit must catch it.
  for (int i = 0; i < 2; ++i)
    for (int k = 0; k < 4; ++k) patched[16 + 4 * i + k] = char((12000u >> (8 * (3 - k))) & 0xff);
  write_raw(p, patched);
  expect_image_error([&] { load_image(p); }, "12000x12000 exceeds the 100 MP limit");
  // A JPEG whose frame header claims 20000 x 20000 (SOF0 height/width patched; stb accepts it).
  std::string jpg = encode_image(random_image(8, 8, 6), ".jpg", 90);
  size_t sof = jpg.find("\xff\xc0");
  ASSERT_NE(sof, std::string::npos);
  for (int k = 0; k < 4; ++k) jpg[sof + 5 + k] = char(k % 2 == 0 ? 0x4e : 0x20);  // 0x4e20 = 20000
  std::string pj = temp_path("huge.jpg");
  write_raw(pj, jpg);
  expect_image_error([&] { load_image(pj); }, "20000x20000 exceeds the 100 MP limit");
  // 60000 x 60000 is beyond what stb itself accepts; the message still names the limit.
  for (int k = 0; k < 4; ++k) jpg[sof + 5 + k] = char(k % 2 == 0 ? 0xea : 0x60);  // 0xea60 = 60000
  write_raw(pj, jpg);
  expect_image_error([&] { load_image(pj); }, "60000x60000 exceeds the 100 MP limit");
  // A custom limit applies too.
  std::string small = temp_path("small.png");
  write_raw(small, png);
  LoadLimits tiny;
  tiny.max_pixels = 63;
  expect_image_error([&] { load_image(small, tiny); }, "8x8 exceeds");
}

TEST(ImageIo, ZeroWidthHeaderIsRefused) {
  std::string png = encode_image(random_image(8, 8, 7), ".png");
  for (int k = 0; k < 4; ++k) png[16 + k] = 0;
  expect_image_error(
      [&] { load_image_from_memory(reinterpret_cast<const uint8_t*>(png.data()), png.size(), "zero.png"); },
      "zero.png");
}

TEST(ImageIo, UnwritablePathIsRefused) {
  expect_image_error([&] { save_image(random_image(4, 4, 8), "/nonexistent_dir/x.png"); },
                     "/nonexistent_dir/x.png");
  expect_image_error([&] { write_file_atomic("/nonexistent_dir/y.txt", "abc"); }, "/nonexistent_dir/y.txt");
}

TEST(ImageIo, UnknownExtensionIsRefused) {
  std::string p = temp_path("out.tiff");
  expect_image_error([&] { save_image(random_image(4, 4, 9), p); }, ".tiff");
  EXPECT_FALSE(exists(p));
  expect_image_error([&] { save_image(random_image(4, 4, 9), temp_path("noext")); }, "noext");
  expect_image_error([&] { save_image(random_image(4, 4, 9), temp_path("q.jpg"), 0); }, "q.jpg");
}

TEST(ImageIo, EmptyImageIsNotSaved) {
  std::string p = temp_path("empty_out.png");
  expect_image_error([&] { save_image(Rgb8Image(), p); }, p);
  EXPECT_FALSE(exists(p));
}

// ---- atomic writes ----
TEST(ImageIo, AtomicWriteReplacesContentAndLeavesNoTemporaries) {
  std::string p = temp_path("atomic.txt");
  write_file_atomic(p, "first version");
  write_file_atomic(p, "second");
  EXPECT_EQ(read_raw(p), "second");
  EXPECT_EQ(temporaries_of(p), 0u);
}

TEST(ImageIo, AtomicTemporariesAreHiddenBesideTheTarget) {
  EXPECT_EQ(atomic_temp_name("/a/b/photo_color.png", "12-0"), "/a/b/.photo_color.png.tinge-tmp-12-0");
  EXPECT_EQ(atomic_temp_name("out.jpg", "7-3"), ".out.jpg.tinge-tmp-7-3");
  // A leftover from a killed run (another pid) does not block the next save.
  std::string p = temp_path("leftover.txt");
  write_raw(atomic_temp_name(p, "1-0"), "half written");
  write_file_atomic(p, "complete");
  EXPECT_EQ(read_raw(p), "complete");
  EXPECT_EQ(temporaries_of(p), 1u);  // the stale one is left alone, only ours is cleaned up
}

TEST(ImageIo, LeftoversOfKilledWritersAreRemovedOnTheFirstSaveIntoTheFolder) {
  const std::string dir = temp_path("stale_dir");
  ::mkdir(dir.c_str(), 0755);
  const pid_t child = ::fork();  // a process id that no longer runs once reaped
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);
  const std::string dead = std::to_string(child), alive = std::to_string(::getppid());
  const std::string p = dir + "/photo.png";
  const std::string stale = atomic_temp_name(p, dead + "-0"),
                    stale_other = atomic_temp_name(dir + "/other.jpg", dead + "-4");
  const std::string busy = atomic_temp_name(p, alive + "-0"), unrelated = dir + "/.notes.tinge-tmp-draft";
  for (const auto& f : {stale, stale_other, busy, unrelated}) write_raw(f, "half written");
  write_file_atomic(p, "complete");
  EXPECT_EQ(read_raw(p), "complete");
  EXPECT_FALSE(exists(stale)) << "a killed writer's temporary of this file";
  EXPECT_FALSE(exists(stale_other)) << "a killed writer's temporary of another file in the folder";
  EXPECT_TRUE(exists(busy)) << "a running writer's temporary must be left alone";
  EXPECT_TRUE(exists(unrelated)) << "not a tinge temporary";
}

TEST(ImageIo, FailedAtomicWriteKeepsTheOldFile) {
  // Renaming a file over a non-empty directory fails after the temporary was written: the
  // temporary must be removed and the target left as it was.
  std::string d = temp_path("occupied_dir");
  ::mkdir(d.c_str(), 0755);
  write_raw(d + "/inside.txt", "keep me");
  expect_image_error([&] { write_file_atomic(d, "new content"); }, d);
  EXPECT_EQ(read_raw(d + "/inside.txt"), "keep me");
  EXPECT_EQ(temporaries_of(d), 0u);
}

}  // namespace
}  // namespace tinge
