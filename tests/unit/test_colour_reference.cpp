// Colour references (core/colour_reference.hpp) and their place in a hint session
// (core/session_reference.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/ab_grid.hpp"
#include "core/color.hpp"
#include "core/colour_reference.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"
#include "core/session.hpp"
#include "core/session_reference.hpp"

using namespace tinge;
namespace fs = std::filesystem;

namespace {

Rgb8Image two_colours() {  // left half orange, right half teal
  Rgb8Image img(80, 40);
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 80; ++x) {
      uint8_t* p = &img.data[(size_t(y) * 80 + size_t(x)) * 3];
      if (x < 40)
        p[0] = 230, p[1] = 130, p[2] = 30;
      else
        p[0] = 20, p[1] = 140, p[2] = 150;
    }
  return img;
}

double sum(const std::vector<float>& v) {
  double s = 0;
  for (float x : v) s += x;
  return s;
}

}  // namespace

TEST(ColourReference, HistogramPeaksAtThePhotosColours) {
  const ColourReference r = reference_from_image(two_colours(), 1.f, "x.png");
  const AbGrid grid;
  ASSERT_EQ(int(r.histogram.size()), grid.size());
  EXPECT_NEAR(sum(r.histogram), 1.0, 1e-4);
  const Lab orange = srgb8_to_lab(230, 130, 30), teal = srgb8_to_lab(20, 140, 150);
  const float uniform = 1.f / float(grid.size());
  const int bo = grid.bin_of(orange[1], orange[2]), bt = grid.bin_of(teal[1], teal[2]);
  ASSERT_GE(bo, 0);
  ASSERT_GE(bt, 0);
  EXPECT_GT(r.histogram[size_t(bo)], 20 * uniform);
  EXPECT_GT(r.histogram[size_t(bt)], 20 * uniform);
  const int neutral = grid.bin_of(0, 0), blue = grid.bin_of(10, -60);
  EXPECT_NEAR(r.histogram[size_t(neutral)], 0.1f * uniform, 0.01f * uniform);  // the uniform share only
  EXPECT_NEAR(r.histogram[size_t(blue)], 0.1f * uniform, 0.01f * uniform);
  EXPECT_GT(r.colourfulness, 30.f);
  EXPECT_TRUE(r.active());
  EXPECT_FALSE(reference_from_image(two_colours(), 0.f, "x.png").active());
}

TEST(ColourReference, MainColoursAreThePhotosColours) {
  const auto colours = main_colours(reference_from_image(two_colours(), 1.f, "x.png"), 6);
  ASSERT_GE(colours.size(), 2u);
  const Lab orange = srgb8_to_lab(230, 130, 30), teal = srgb8_to_lab(20, 140, 150);
  auto near = [&](const Lab& c) {
    for (size_t i = 0; i < 2; ++i)
      if (std::hypot(colours[i][0] - c[1], colours[i][1] - c[2]) < 10) return true;
    return false;
  };
  EXPECT_TRUE(near(orange));
  EXPECT_TRUE(near(teal));
  for (size_t i = 0; i < colours.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      EXPECT_GE(std::hypot(colours[i][0] - colours[j][0], colours[i][1] - colours[j][1]), 15.f);
  Rgb8Image gray(40, 40);
  for (auto& v : gray.data) v = 128;
  const auto g = main_colours(reference_from_image(gray, 1.f, "g.png"), 6);
  ASSERT_FALSE(g.empty());
  EXPECT_LT(std::hypot(g[0][0], g[0][1]), 8.f);  // gray's own bin first
}

TEST(ColourReference, BlackAndWhitePixelsCountForNothing) {
  Rgb8Image img = two_colours();
  for (size_t i = 0; i < img.data.size() / 2; ++i) img.data[i] = 0;  // top half black
  const ColourReference r = reference_from_image(img, 1.f, "x.png");
  EXPECT_NEAR(sum(r.histogram), 1.0, 1e-4);
  const AbGrid grid;
  EXPECT_NEAR(r.histogram[size_t(grid.bin_of(0, 0))], 0.1f / float(grid.size()), 0.01f / float(grid.size()));
}

TEST(ColourReference, PaletteParsesAndRefusesBadColours) {
  const auto p = parse_palette(" #3b5e8c, c9a66b ,#E8DCC0");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0][0], 0x3b);
  EXPECT_EQ(p[1][1], 0xa6);
  EXPECT_EQ(p[2][2], 0xc0);
  EXPECT_THROW(parse_palette("#3b5e8c,#c9a66b"), UsageError);  // too few
  EXPECT_THROW(parse_palette("#111111,#222222,#333333,#444444,#555555,#666666,#777777,#888888,#999999"),
               UsageError);
  EXPECT_THROW(parse_palette("#3b5e8c,#c9a66,#e8dcc0"), UsageError);
  EXPECT_THROW(parse_palette("#3b5e8c,,#e8dcc0"), UsageError);
  EXPECT_THROW(parse_palette("#3b5e8c,#c9a66g,#e8dcc0"), UsageError);
  try {
    parse_palette("#3b5e8c,#zzzzzz,#e8dcc0");
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("zzzzzz"), std::string::npos) << e.what();
  }
  const ColourReference r = reference_from_palette(p, 1.5f);
  EXPECT_NEAR(sum(r.histogram), 1.0, 1e-4);
  EXPECT_EQ(r.source, "palette");
  EXPECT_EQ(r.colourfulness, 0.f);
  EXPECT_THROW(reference_from_palette(p, 2.5f), UsageError);
  EXPECT_THROW(reference_from_palette(p, -0.1f), UsageError);
}

TEST(SessionReference, RoundTripsThroughTheSessionFile) {
  Session s;
  EXPECT_FALSE(session_reference(s).has_value());
  SessionReference r;
  r.image = "refs/street.jpg";
  r.strength = 1.5f;
  set_session_reference(s, &r);
  const Session back = parse_session(session_to_json(s));
  const auto got = session_reference(back);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->image, "refs/street.jpg");
  EXPECT_FLOAT_EQ(got->strength, 1.5f);
  EXPECT_EQ(resolve_reference_image(*got, "/a/b/photo.tinge.json"), "/a/b/refs/street.jpg");

  SessionReference pal;
  pal.palette = parse_palette("#3b5e8c,#c9a66b,#e8dcc0");
  set_session_reference(s, &pal);
  const auto got2 = session_reference(parse_session(session_to_json(s)));
  ASSERT_TRUE(got2.has_value());
  EXPECT_TRUE(got2->image.empty());
  EXPECT_EQ(got2->palette, pal.palette);
  set_session_reference(s, nullptr);
  EXPECT_FALSE(session_reference(parse_session(session_to_json(s))).has_value());
}

TEST(SessionReference, MalformedReferencesNameTheField) {
  const std::string head = R"({"format": "tinge-session", "version": 1, "points": [], "reference": )";
  for (const char* bad :
       {R"("street.jpg")", R"({})", R"({"image": "a.jpg", "palette": ["#000000"]})", R"({"image": 3})",
        R"({"image": ""})", R"({"palette": "#000000"})", R"({"palette": ["#000000", "#ffffff"]})",
        R"({"palette": ["#000000", 1, "#ffffff"]})", R"({"image": "a.jpg", "strength": 3})",
        R"({"image": "a.jpg", "strength": "1"})"}) {
    const Session s = parse_session(head + bad + "}");
    try {
      session_reference(s);
      ADD_FAILURE() << bad;
    } catch (const SessionError& e) {
      EXPECT_NE(std::string(e.what()).find("reference"), std::string::npos) << e.what();
    }
  }
}

TEST(SessionReference, AMissingOrHostilePhotoIsOneClearError) {
  const fs::path dir = fs::temp_directory_path() / "tinge_ref_test";
  fs::create_directories(dir);
  SessionReference r;
  r.image = "missing.jpg";
  try {
    load_reference(r, (dir / "s.tinge.json").string());
    ADD_FAILURE();
  } catch (const ImageError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("reference"), std::string::npos) << what;
    EXPECT_NE(what.find("missing.jpg"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  std::ofstream(dir / "junk.jpg") << "\xff\xd8\xff not really a jpeg";
  r.image = "junk.jpg";
  EXPECT_THROW(load_reference(r, (dir / "s.tinge.json").string()), ImageError);
  save_image(two_colours(), (dir / "ok.png").string());
  r.image = "ok.png";
  EXPECT_TRUE(load_reference(r, (dir / "s.tinge.json").string()).active());
  fs::remove_all(dir);
}
