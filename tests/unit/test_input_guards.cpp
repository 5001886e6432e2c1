// Inputs that would crash, hang or lose a result without their guards: deeply nested JSON,
// a FIFO given as a file, cut-off BMP and TGA files, folder runs whose inputs map to one output
// name, a leftover temporary of a reused process id, and output names near the 255-byte limit.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "core/atomic_write.hpp"
#include "core/batch_names.hpp"
#include "core/error.hpp"
#include "core/evaluate.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"
#include "core/json_depth.hpp"
#include "core/session.hpp"

namespace tinge {
namespace {

std::string temp_dir() {
  static std::string dir = [] {
    std::string d = ::testing::TempDir() + "tinge_guards_" + std::to_string(::getpid());
    ::mkdir(d.c_str(), 0755);
    return d;
  }();
  return dir;
}

std::string nested(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(InputGuards, JsonNestingDepthCountsBracketsOutsideStrings) {
  EXPECT_EQ(json_nesting_depth("{}"), 1u);
  EXPECT_EQ(json_nesting_depth("{\"a\": [1, {\"b\": []}]}"), 4u);
  EXPECT_EQ(json_nesting_depth("{\"a\": \"[[[[{{{{\", \"b\": \"\\\"[[\"}"), 1u) << "brackets inside strings";
  EXPECT_EQ(json_nesting_depth("[]" + nested(3)), 3u);
  EXPECT_GT(json_nesting_depth(nested(100000)), kMaxJsonDepth);
}

TEST(InputGuards, ADeeplyNestedSessionIsRefusedNotCopied) {
  // 200,000 levels: copying this value into the session's extra fields would overflow the stack.
  const std::string deep =
      "{\"format\":\"tinge-session\",\"version\":1,\"points\":[],\"junk\":" + nested(200000) + "}";
  try {
    parse_session(deep);
    FAIL() << "accepted";
  } catch (const SessionError& e) {
    EXPECT_NE(std::string(e.what()).find("nested deeper than"), std::string::npos) << e.what();
  }
  // Unknown fields of ordinary depth are kept, as before.
  const Session s =
      parse_session("{\"format\":\"tinge-session\",\"version\":1,\"points\":[],\"note\":" + nested(10) + "}");
  EXPECT_TRUE(s.extra.contains("note"));
  EXPECT_THROW(parse_eval_json("{\"method\":\"x\",\"rows\":" + nested(1000) + "}"), Error);
}

TEST(InputGuards, AFifoIsRefusedWithoutWaitingForAWriter) {
  const std::string fifo = temp_dir() + "/pipe.png";
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Each would block forever in open() if it waited for a writer; the test would time out.
  EXPECT_THROW(read_regular_file(fifo, 1 << 20), FileReadError);
  EXPECT_THROW(load_image(fifo), ImageError);
  EXPECT_THROW(load_session(fifo), SessionError);
  try {
    read_regular_file(temp_dir(), 1 << 20);
    FAIL() << "read a folder";
  } catch (const FileReadError& e) {
    EXPECT_STREQ(e.what(), "is a directory");
  }
  const std::string big = temp_dir() + "/big.json";
  std::ofstream(big) << std::string(2000, ' ');
  EXPECT_EQ(read_regular_file(big, 2000).size(), 2000u);
  EXPECT_THROW(read_regular_file(big, 1999), FileReadError);
  EXPECT_THROW(read_regular_file(temp_dir() + "/missing", 10), FileReadError);
  ::unlink(fifo.c_str());
}

// A 24-bit uncompressed BMP (bottom-up rows padded to 4 bytes) of w x h mid-gray pixels.
std::string bmp(int w, int h) {
  const int stride = (w * 3 + 3) / 4 * 4;
  std::string b(54 + size_t(stride) * size_t(h), '\0');
  auto put32 = [&](size_t o, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[o + size_t(i)] = char((v >> (8 * i)) & 0xff);
  };
  b[0] = 'B', b[1] = 'M';
  put32(2, uint32_t(b.size())), put32(10, 54), put32(14, 40), put32(18, uint32_t(w)), put32(22, uint32_t(h));
  b[26] = 1, b[28] = 24;
  std::memset(&b[54], 128, b.size() - 54);
  return b;
}

// An uncompressed true-colour TGA (type 2, 24 bits) of w x h mid-gray pixels.
std::string tga(int w, int h) {
  std::string t(18 + size_t(w) * size_t(h) * 3, char(128));
  std::memset(&t[0], 0, 18);
  t[2] = 2, t[12] = char(w & 0xff), t[13] = char(w >> 8), t[14] = char(h & 0xff), t[15] = char(h >> 8),
  t[16] = 24;
  return t;
}

Rgb8Image decode(const std::string& bytes, const char* name) {
  return load_image_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), name);
}

TEST(InputGuards, CutOffBmpAndTgaAreRefusedNotPaddedWithBlack) {
  for (const auto& [bytes, name] : {std::pair{bmp(30, 20), "x.bmp"}, std::pair{tga(30, 20), "x.tga"}}) {
    const Rgb8Image whole = decode(bytes, name);
    ASSERT_EQ(whole.width, 30) << name;
    EXPECT_EQ(whole.px(0, 0)[0], 128) << name;
    for (size_t cut : {bytes.size() - 1, bytes.size() / 2, size_t(60)}) {
      try {
        decode(bytes.substr(0, cut), name);
        ADD_FAILURE() << name << " cut to " << cut << " bytes was decoded";
      } catch (const ImageError& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
      }
    }
  }
  // Run-length-encoded TGA (type 10): 600 pixels in five run packets of 120 load; cut short of the
  // fewest bytes that many pixels can take, refused.
  std::string rle = tga(30, 20).substr(0, 18);
  rle[2] = 10;
  for (int k = 0; k < 5; ++k) rle += std::string{char(0x80 | 119), char(10), char(20), char(30)};
  const Rgb8Image img = decode(rle, "rle.tga");
  ASSERT_EQ(img.width * img.height, 600);
  EXPECT_EQ(img.px(29, 19)[0], 30) << "BGR order";
  EXPECT_THROW(decode(rle.substr(0, 30), "rle.tga"), ImageError);
}

TEST(InputGuards, FolderRunOutputNamesAreDistinctIgnoringCase) {
  const std::vector<std::string> names =
      batch_output_names({"d/a.PNG", "d/a.bmp", "d/a.png", "d/a_bmp.png", "d/b.jpg", "d/B.tif", "d/c.jpeg"});
  const std::vector<std::string> want = {"a_png_color.png",   "a_bmp_color.png", "a_png-2_color.png",
                                         "a_bmp-2_color.png", "b_jpg_color.png", "B_tif_color.png",
                                         "c_color.png"};
  EXPECT_EQ(names, want);
}

TEST(InputGuards, ALeftoverTemporaryWithOurOwnProcessIdDoesNotBlockTheSave) {
  // A killed earlier process with this same id left temporaries (ids are reused; in a container
  // tinge often gets the same one): every name this process could try first is taken.
  const std::string p = temp_dir() + "/same_pid.png";
  const std::string pid = std::to_string(::getpid());
  for (int k = 0; k < 500; ++k) std::ofstream(atomic_temp_name(p, pid + "-" + std::to_string(k))) << "stale";
  write_file_atomic(p, "complete");
  std::ifstream in(p);
  std::string got;
  std::getline(in, got);
  EXPECT_EQ(got, "complete");
}

TEST(InputGuards, OutputNamesNearTheFileNameLimitCanBeSaved) {
  const std::string name = std::string(250, 'a') + ".png";  // 254 bytes: the temporary's would be 275
  const std::string tmp = atomic_temp_name("/x/" + name, "123456-7");
  EXPECT_LE(tmp.size() - 3, 255u);
  EXPECT_EQ(tmp.substr(0, 4), "/x/.");
  const std::string p = temp_dir() + "/" + name;
  write_file_atomic(p, "long");
  std::ifstream in(p);
  std::string got;
  std::getline(in, got);
  EXPECT_EQ(got, "long");
}

TEST(InputGuards, APlotOfExtremeValuesFinishes) {
  EvalReport r;
  r.method = "x";
  r.rows = {EvalRow{}, EvalRow{}};
  r.rows[0].hints = 0, r.rows[0].psnr_mean = 1e17;
  r.rows[1].hints = 1, r.rows[1].psnr_mean = 1e17 + 16;
  EXPECT_LT(eval_svg({r}).size(), 100000u);  // ticks are counted: no loop that grows the SVG for ever
  EXPECT_THROW(parse_eval_json("{\"method\":\"a\",\"rows\":[{\"hints\":0,\"psnr_mean\":1e17}]}"), Error);
  // Hint counts must be integers in range (converting a float such as 1e20 to int is undefined).
  for (const char* n : {"1e20", "1.5", "-1", "99999999999"})
    EXPECT_THROW(
        parse_eval_json(std::string("{\"method\":\"a\",\"rows\":[{\"hints\":") + n + ",\"psnr_mean\":20}]}"),
        Error)
        << n;
  EXPECT_NO_THROW(parse_eval_json("{\"method\":\"a\",\"rows\":[{\"hints\":5,\"psnr_mean\":20}]}"));
}

}  // namespace
}  // namespace tinge
