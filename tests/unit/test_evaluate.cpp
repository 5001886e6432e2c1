// The evaluation harness: image listing, the protocol with a fake and the gray method, and the
// Markdown / JSON / SVG renderings of a report.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/color.hpp"
#include "core/error.hpp"
#include "core/evaluate.hpp"
#include "core/image_io.hpp"
#include "core/metrics.hpp"

namespace fs = std::filesystem;

namespace {

// Predicts ab = 0 everywhere at full resolution and counts its calls.
class ZeroAb : public tinge::Method {
 public:
  int calls = 0;
  std::string name() const override { return "zero<ab>"; }
  int working_short_side() const override { return 0; }
  tinge::AbPrediction predict(const tinge::Plane& L, const tinge::HintPlanes&) override {
    ++calls;
    return {tinge::Plane(L.width, L.height), tinge::Plane(L.width, L.height)};
  }
};

// Left half orange, right half blue, with a little vertical shading.
tinge::Rgb8Image two_colour(int w, int h) {
  tinge::Rgb8Image img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint8_t* p = img.px(x, y);
      const uint8_t s = uint8_t(2 * y);
      if (x < w / 2)
        p[0] = uint8_t(200 + s / 4), p[1] = uint8_t(120 + s / 4), p[2] = 40;
      else
        p[0] = 40, p[1] = uint8_t(70 + s / 4), p[2] = uint8_t(190 + s / 4);
    }
  return img;
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / ("tinge_test_eval_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

tinge::EvalReport sample_report(const std::string& method, double offset) {
  tinge::EvalReport r;
  r.method = method;
  r.data_dir = "data/val";
  r.images = 3;
  r.seed = 18446744073709551615ull;
  for (int n : {0, 1, 2, 5, 10}) {
    tinge::EvalRow row;
    row.hints = n;
    row.psnr_mean = 20 + offset + n * 0.3;
    row.psnr_std = 1.25;
    row.colorfulness = 10 + n;
    row.colorfulness_ref = 40;
    row.seconds_per_image = 0.01;
    r.rows.push_back(row);
  }
  return r;
}

}  // namespace

TEST(ListImages, FiltersAndSortsByName) {
  TempDir d("list");
  for (const char* f : {"b.PNG", "a.jpg", "c.jpeg", "d.bmp", "e.tga", "notes.txt", "f.gif"})
    std::ofstream(d.path / f) << "x";
  fs::create_directories(d.path / "sub.png");
  const auto files = tinge::list_images(d.path.string());
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(fs::path(f).filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"a.jpg", "b.PNG", "c.jpeg", "d.bmp", "e.tga"}));
  EXPECT_THROW(tinge::list_images((d.path / "missing").string()), tinge::Error);
}

TEST(Evaluate, ZeroAbMethodScoresTheGrayImage) {
  TempDir d("zero");
  const tinge::Rgb8Image img = two_colour(40, 24);
  tinge::save_image(img, (d.path / "img.png").string());
  ZeroAb m;
  tinge::EvalOptions opt;
  opt.hint_counts = {0};
  std::vector<std::pair<int, int>> progress;
  const auto r = tinge::evaluate(m, tinge::list_images(d.path.string()), opt, [&](int done, int total) {
    progress.push_back({done, total});
  });
  // Independently: the original's L with ab = 0.
  const tinge::LabImage lab = tinge::srgb8_to_lab(img);
  const tinge::Plane zero(img.width, img.height);
  const tinge::Rgb8Image gray = tinge::lab_planes_to_srgb8(lab.L, zero, zero);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.images, 1);
  EXPECT_EQ(r.method, "zero<ab>");
  EXPECT_NEAR(r.rows[0].psnr_mean, tinge::psnr(gray, img), 1e-6);
  EXPECT_EQ(r.rows[0].psnr_std, 0.0);
  EXPECT_NEAR(r.rows[0].colorfulness, tinge::colorfulness(gray), 1e-6);
  EXPECT_NEAR(r.rows[0].colorfulness_ref, tinge::colorfulness(img), 1e-9);
  EXPECT_LT(r.rows[0].colorfulness, 2.0);
  EXPECT_GE(m.calls, 1);
  EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{0, 1}, {1, 1}}));
}

TEST(Evaluate, HintsImproveGrayMethodAndRunsAreDeterministic) {
  TempDir d("gray");
  tinge::save_image(two_colour(48, 32), (d.path / "a.png").string());
  tinge::save_image(two_colour(40, 40), (d.path / "b.png").string());
  auto m = tinge::make_gray_method();
  tinge::EvalOptions opt;
  opt.hint_counts = {0, 20};
  opt.patch = 5;
  const auto files = tinge::list_images(d.path.string());
  const auto r1 = tinge::evaluate(*m, files, opt);
  const auto r2 = tinge::evaluate(*m, files, opt);
  ASSERT_EQ(r1.rows.size(), 2u);
  EXPECT_EQ(r1.images, 2);
  EXPECT_GT(r1.rows[1].psnr_mean, r1.rows[0].psnr_mean + 0.5);
  EXPECT_GT(r1.rows[1].colorfulness, r1.rows[0].colorfulness);
  EXPECT_EQ(r1.rows[1].psnr_mean, r2.rows[1].psnr_mean);
  opt.max_images = 1;
  EXPECT_EQ(tinge::evaluate(*m, files, opt).images, 1);
  opt.patch = 0;
  EXPECT_THROW(tinge::evaluate(*m, files, opt), tinge::UsageError);
}

TEST(Evaluate, UnreadableImageIsAnImageError) {
  TempDir d("bad");
  std::ofstream(d.path / "broken.png") << "not a png";
  ZeroAb m;
  EXPECT_THROW(tinge::evaluate(m, tinge::list_images(d.path.string()), {}), tinge::ImageError);
}

TEST(EvalOutput, TableHasHeaderAndOneRowPerCount) {
  const std::string t = tinge::eval_table(sample_report("levin", 0));
  EXPECT_EQ(t.rfind("| hints | PSNR dB (mean ± std) | colourfulness | ratio to originals |\n", 0), 0u);
  EXPECT_EQ(std::count(t.begin(), t.end(), '\n'), 2 + 5);
  EXPECT_NE(t.find("| 5 | 21.50 ± 1.25 | 15.0 | 0.38 |"), std::string::npos) << t;
}

TEST(EvalOutput, JsonRoundTrips) {
  const auto r = sample_report("levin", 1);
  const std::string text = tinge::eval_json(r);
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j.at("method"), "levin");
  EXPECT_EQ(j.at("data_dir"), "data/val");
  EXPECT_EQ(j.at("images"), 3);
  EXPECT_EQ(j.at("patch"), 5);
  EXPECT_EQ(j.at("seed").get<uint64_t>(), r.seed);
  ASSERT_EQ(j.at("rows").size(), 5u);
  EXPECT_EQ(j.at("rows")[3].at("hints"), 5);
  const auto back = tinge::parse_eval_json(text);
  EXPECT_EQ(back.seed, r.seed);
  ASSERT_EQ(back.rows.size(), r.rows.size());
  for (size_t i = 0; i < r.rows.size(); ++i) {
    EXPECT_EQ(back.rows[i].hints, r.rows[i].hints);
    EXPECT_DOUBLE_EQ(back.rows[i].psnr_mean, r.rows[i].psnr_mean);
    EXPECT_DOUBLE_EQ(back.rows[i].colorfulness_ref, r.rows[i].colorfulness_ref);
  }
  EXPECT_THROW(tinge::parse_eval_json("{\"rows\": []}"), tinge::Error);
}

TEST(EvalOutput, SvgHasOneLinePerReportAndEscapesNames) {
  const std::string svg = tinge::eval_svg({sample_report("gray", 0), sample_report("a<b & c", 3)});
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  size_t lines = 0;
  for (size_t p = svg.find("<polyline"); p != std::string::npos; p = svg.find("<polyline", p + 1)) ++lines;
  EXPECT_EQ(lines, 2u);
  EXPECT_NE(svg.find("a&lt;b &amp; c"), std::string::npos);
  EXPECT_EQ(svg.find("a<b"), std::string::npos);
  for (const char* label : {">0<", ">1<", ">2<", ">5<", ">10<", "PSNR (dB)", "number of hints"})
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  // Ten markers: five points per report.
  size_t marks = 0;
  for (size_t p = svg.find("<circle"); p != std::string::npos; p = svg.find("<circle", p + 1)) ++marks;
  EXPECT_EQ(marks, 10u);
  EXPECT_NE(tinge::eval_svg({}).find("no data"), std::string::npos);
}
