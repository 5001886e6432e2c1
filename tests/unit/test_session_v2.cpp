// Hint session files, version 2: strokes and regions beside points, round trips, version-1 files
// unchanged, and one-line errors for malformed shapes.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/session.hpp"
#include "session_parse_error.hpp"

namespace {

using tinge::SessionError;

const char* kV2 = R"({"format": "tinge-session", "version": 2, "image": "photo.jpg",
  "points": [{"x": 12.5, "y": 8.0, "ab": [12.0, -30.5], "size": 7}],
  "strokes": [{"points": [[10, 20], [40, 22.5], [60, 30]], "width": 3.5, "ab": [30, 10], "tool": "brush"}],
  "regions": [{"polygon": [[0, 0], [50, 0], [50, 30]], "ab": [0, 0]},
              {"polygon": [[5, 5], [9, 5], [9, 9], [5, 9]], "ab": [-20.5, 44]}],
  "editor": {"zoom": 2}})";

std::string v2(const std::string& body) {
  return R"({"format": "tinge-session", "version": 2, "points": [], )" + body + "}";
}

std::string validate_error(const tinge::HintSet& h, int w, int hgt) {
  try {
    tinge::validate_hints(h, w, hgt);
  } catch (const SessionError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(SessionV2, ParsesStrokesAndRegions) {
  const tinge::Session s = tinge::parse_session(kV2);
  ASSERT_EQ(s.points.size(), 1u);
  ASSERT_EQ(s.strokes.size(), 1u);
  ASSERT_EQ(s.regions.size(), 2u);
  ASSERT_EQ(s.strokes[0].points.size(), 3u);
  EXPECT_DOUBLE_EQ(s.strokes[0].points[1].y, 22.5);
  EXPECT_DOUBLE_EQ(s.strokes[0].width, 3.5);
  EXPECT_EQ(s.strokes[0].a, 30.f);
  EXPECT_EQ(s.strokes[0].extra.at("tool"), "brush");
  EXPECT_EQ(s.regions[0].polygon.size(), 3u);
  EXPECT_EQ(s.regions[0].a, 0.f);
  EXPECT_EQ(s.regions[1].b, 44.f);
  EXPECT_EQ(s.extra.at("editor").at("zoom"), 2);
  const tinge::HintSet h = tinge::session_hints(s);
  EXPECT_EQ(h.count(), 4);
  EXPECT_NO_THROW(tinge::validate_hints(h, 100, 100));
}

TEST(SessionV2, WidthDefaultsToFive) {
  const tinge::Session s = tinge::parse_session(v2(R"("strokes": [{"points": [[1, 1]], "ab": [1, 2]}])"));
  EXPECT_DOUBLE_EQ(s.strokes[0].width, 5.0);
}

TEST(SessionV2, RoundTripIsStable) {
  const tinge::Session s = tinge::parse_session(kV2);
  const std::string out = tinge::session_to_json(s);
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j.at("version"), 2);
  EXPECT_EQ(j.at("strokes")[0].at("tool"), "brush");
  EXPECT_EQ(j.at("strokes")[0].at("points")[1][1], 22.5);
  EXPECT_EQ(j.at("regions")[1].at("ab")[0], -20.5);
  const tinge::Session back = tinge::parse_session(out);
  ASSERT_EQ(back.strokes.size(), 1u);
  ASSERT_EQ(back.regions.size(), 2u);
  EXPECT_EQ(back.strokes[0].points[2].x, 60.0);
  EXPECT_EQ(back.regions[1].polygon[3].y, 9.0);
  EXPECT_EQ(tinge::session_to_json(back), out);
}

TEST(SessionV2, PointsOnlyAreWrittenAsVersionOneByteForByte) {
  const std::string v1 = R"({"format": "tinge-session", "version": 1, "image": "p.png",
    "points": [{"x": 1.25, "y": 2.5, "ab": [12.3, -45.6], "size": 9, "label": "sky"}], "note": "x"})";
  const std::string once = tinge::session_to_json(tinge::parse_session(v1));
  EXPECT_EQ(nlohmann::json::parse(once).at("version"), 1);
  EXPECT_EQ(once.find("strokes"), std::string::npos);
  EXPECT_EQ(once.find("regions"), std::string::npos);
  EXPECT_EQ(tinge::session_to_json(tinge::parse_session(once)), once);
  // A version-2 file whose shapes were all deleted goes back to version 1.
  tinge::Session s = tinge::parse_session(kV2);
  s.strokes.clear();
  s.regions.clear();
  EXPECT_EQ(nlohmann::json::parse(tinge::session_to_json(s)).at("version"), 1);
  // Version 1 knows no shapes: "strokes" there is an unknown field, kept verbatim, not a hint.
  const tinge::Session old = tinge::parse_session(
      R"({"format": "tinge-session", "version": 1, "points": [], "strokes": [{"points": "not mine"}]})");
  EXPECT_TRUE(old.strokes.empty());
  EXPECT_EQ(old.extra.at("strokes")[0].at("points"), "not mine");
}

TEST(SessionV2, MalformedShapesGiveOneLineErrors) {
  EXPECT_EQ(parse_error(v2(R"("strokes": [{"points": [], "ab": [0, 0]}])")),
            "session: stroke 0: 'points' needs at least 1 vertex (has 0)");
  EXPECT_EQ(parse_error(v2(R"("regions": [{"polygon": [[0, 0], [1, 1]], "ab": [0, 0]}])")),
            "session: region 0: 'polygon' needs at least 3 vertices (has 2)");
  EXPECT_EQ(parse_error(v2(R"("strokes": [{"points": [[1, 1]]}])")), "session: stroke 0: missing 'ab'");
  EXPECT_EQ(parse_error(v2(R"("regions": [{"ab": [0, 0]}])")), "session: region 0: missing 'polygon'");
  EXPECT_NE(parse_error(v2(R"("strokes": [{"points": [[1, "y"]], "ab": [0, 0]}])")).find("stroke 0 vertex 0"),
            std::string::npos);
  EXPECT_NE(parse_error(v2(R"("strokes": [{"points": [[1, 2, 3]], "ab": [0, 0]}])")).find("[x, y]"),
            std::string::npos);
  EXPECT_NE(parse_error(v2(R"("strokes": [{"points": [[1, 1]], "ab": [0, 0], "width": 0}])")).find("1..255"),
            std::string::npos);
  EXPECT_NE(
      parse_error(v2(R"("strokes": [{"points": [[1, 1]], "ab": [0, 0], "width": 1e9}])")).find("1..255"),
      std::string::npos);
  EXPECT_NE(parse_error(v2(R"("regions": [{"polygon": [[0, 0], [1, 1], [2, 0]], "ab": [200, 0]}])"))
                .find("[-128, 128]"),
            std::string::npos);
  EXPECT_NE(parse_error(v2(R"("strokes": {})")).find("'strokes' must be an array"), std::string::npos);
  EXPECT_NE(parse_error(v2(R"("regions": [7])")).find("region 0: must be an object"), std::string::npos);
  EXPECT_NE(parse_error(v2(R"("strokes": [{"points": [[1e999, 1]], "ab": [0, 0]}])")).find("overflow"),
            std::string::npos);
  for (const std::string& e : {parse_error(v2(R"("strokes": [{"points": [], "ab": [0, 0]}])")),
                               parse_error(v2(R"("regions": [{"polygon": 3, "ab": [0, 0]}])"))})
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;
}

TEST(SessionV2, VertexLimitCountsStrokesAndRegionsTogether) {
  tinge::SessionLimits lim;
  lim.max_vertices = 5;
  const std::string three = "[[0, 0], [1, 0], [1, 1]]";
  EXPECT_EQ(parse_error(v2(R"("strokes": [{"points": )" + three +
                           R"(, "ab": [0, 0]}], "regions": [{"polygon": )" + three + R"(, "ab": [0, 0]}])"),
                        lim),
            "session: region 0: too many vertices (strokes and regions hold at most 5 in all)");
  EXPECT_EQ(parse_error(v2(R"("strokes": [{"points": )" + three + R"(, "ab": [0, 0]}])"), lim), "");
  // A million vertices in the default limits: refused quickly, not parsed into memory as shapes.
  std::string big = "[";
  for (int i = 0; i < 1000000; ++i) big += i ? ",[1,1]" : "[1,1]";
  big += "]";
  EXPECT_NE(
      parse_error(v2(R"("strokes": [{"points": )" + big + R"(, "ab": [0, 0]}])")).find("too many vertices"),
      std::string::npos);
}

TEST(SessionV2, ValidateHintsAgainstThePhoto) {
  tinge::HintSet h;
  tinge::HintStroke s;
  s.points = {{10, 10}, {500, 20}};
  h.strokes.push_back(s);
  EXPECT_EQ(validate_error(h, 320, 240), "stroke 0 has a point at (500.0, 20.0) outside the 320x240 image");
  h.strokes[0].points[1] = {320, 240};  // the far corner is inside
  EXPECT_EQ(validate_error(h, 320, 240), "");
  h.strokes[0].points[1].x = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(validate_error(h, 320, 240), "stroke 0 has a non-finite coordinate");
  h.strokes[0].points[1].x = 5;
  h.strokes[0].width = 300;
  EXPECT_NE(validate_error(h, 320, 240).find("width 300.0 outside 1..255"), std::string::npos);
  h.strokes[0].width = 5;
  h.strokes[0].a = 500;
  EXPECT_NE(validate_error(h, 320, 240).find("outside [-128, 128]"), std::string::npos);
  h.strokes[0].a = 0;
  // A scribble back and forth across the photo 300 times with a 100 px brush: too much paint.
  h.strokes[0].width = 100;
  h.strokes[0].points.clear();
  for (int k = 0; k < 300; ++k) h.strokes[0].points.push_back({k % 2 ? 320.0 : 0.0, 120.0});
  EXPECT_NE(validate_error(h, 320, 240).find("over more than 100 times"), std::string::npos);
  h.strokes[0].points.resize(20);
  EXPECT_EQ(validate_error(h, 320, 240), "");
  h.strokes[0].points.clear();
  EXPECT_EQ(validate_error(h, 320, 240), "stroke 0 has no point");
  h.strokes.clear();
  tinge::HintRegion r;
  r.polygon = {{0, 0}, {10, 0}};
  h.regions.push_back(r);
  EXPECT_EQ(validate_error(h, 320, 240), "region 0 has 2 vertices (a region needs at least 3)");
  h.regions[0].polygon.push_back({-3, 4});
  EXPECT_NE(validate_error(h, 320, 240).find("region 0 has a point at (-3.0, 4.0) outside"),
            std::string::npos);
}
