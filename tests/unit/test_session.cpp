// Hint session files: the version-1 form, round trips with unknown fields, and one-line errors.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/session.hpp"
#include "session_parse_error.hpp"

namespace fs = std::filesystem;
using tinge::SessionError;

namespace {

const char* kGood = R"({"format": "tinge-session", "version": 1, "image": "photo.jpg",
  "points": [{"x": 120.5, "y": 88.0, "ab": [12.0, -30.5], "size": 7},
             {"x": 3, "y": 4, "ab": [0, 1]}]})";

std::string with_points(const std::string& points) {
  return R"({"format": "tinge-session", "version": 1, "image": "a.png", "points": )" + points + "}";
}

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("tinge_test_session_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST(Session, ParsesDocumentedForm) {
  const tinge::Session s = tinge::parse_session(kGood);
  EXPECT_EQ(s.image, "photo.jpg");
  ASSERT_EQ(s.points.size(), 2u);
  EXPECT_DOUBLE_EQ(s.points[0].x, 120.5);
  EXPECT_DOUBLE_EQ(s.points[0].y, 88.0);
  EXPECT_FLOAT_EQ(s.points[0].a, 12.0f);
  EXPECT_FLOAT_EQ(s.points[0].b, -30.5f);
  EXPECT_EQ(s.points[0].size, 7);
  EXPECT_EQ(s.points[1].size, 5);  // default
  EXPECT_TRUE(s.extra.empty());
}

TEST(Session, RoundTripKeepsUnknownFields) {
  const std::string text = R"({"format": "tinge-session", "version": 1, "image": "p.png",
    "editor": {"zoom": 2.5, "tags": ["x"]}, "note": "hello",
    "points": [{"x": 1.25, "y": 2.5, "ab": [12.3, -45.6], "size": 9, "label": "sky", "id": 42}]})";
  const tinge::Session s = tinge::parse_session(text);
  EXPECT_EQ(s.extra.at("note"), "hello");
  EXPECT_EQ(s.points[0].extra.at("label"), "sky");
  const std::string out = tinge::session_to_json(s);
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j.at("format"), "tinge-session");
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("editor").at("zoom"), 2.5);
  EXPECT_EQ(j.at("editor").at("tags")[0], "x");
  EXPECT_EQ(j.at("points")[0].at("id"), 42);
  // Floats are written in their shortest form, not as 12.300000190734863.
  EXPECT_NE(out.find("12.3,"), std::string::npos) << out;
  const tinge::Session back = tinge::parse_session(out);
  EXPECT_EQ(back.image, s.image);
  EXPECT_EQ(back.extra, s.extra);
  ASSERT_EQ(back.points.size(), 1u);
  EXPECT_EQ(back.points[0].extra, s.points[0].extra);
  EXPECT_EQ(back.points[0].a, s.points[0].a);
  EXPECT_EQ(back.points[0].b, s.points[0].b);
  EXPECT_EQ(back.points[0].size, 9);
  EXPECT_EQ(tinge::session_to_json(back), out);  // stable
}

TEST(Session, RejectsWrongFormatAndVersion) {
  EXPECT_NE(parse_error(R"({"format": "other", "version": 1, "points": []})").find("'format'"),
            std::string::npos);
  EXPECT_EQ(parse_error(R"({"format": "tinge-session", "version": 3, "points": []})"),
            "session: unsupported session version 3 (this tinge reads 1 and 2)");
  EXPECT_NE(parse_error(R"({"format": "tinge-session", "version": 1.0, "points": []})")
                .find("'version' must be an integer"),
            std::string::npos);
  EXPECT_NE(parse_error(R"({"format": "tinge-session", "points": []})").find("missing 'version'"),
            std::string::npos);
  EXPECT_NE(parse_error(R"({"format": "tinge-session", "version": 1, "points": {}})")
                .find("'points' must be an array"),
            std::string::npos);
  EXPECT_NE(parse_error("[1, 2]").find("top level"), std::string::npos);
}

TEST(Session, InvalidJsonNamesByteOnOneLine) {
  const std::string msg = parse_error("{\"format\": \n \"tinge-session\", oops}");
  EXPECT_EQ(msg.rfind("session: invalid JSON at byte ", 0), 0u) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos);
  EXPECT_EQ(msg.find("json.exception"), std::string::npos) << msg;
}

TEST(Session, PointErrorsNameIndexAndField) {
  const std::string ok = R"({"x": 1, "y": 1, "ab": [0, 0]})";
  EXPECT_EQ(parse_error(with_points("[" + ok + "," + ok + "," + ok + R"(, {"x": 1, "y": 2}])")),
            "session: point 3: missing 'ab'");
  EXPECT_EQ(parse_error(with_points(R"([{"y": 1, "ab": [0, 0]}])")), "session: point 0: missing 'x'");
  EXPECT_NE(parse_error(with_points(R"([{"x": "1", "y": 1, "ab": [0, 0]}])")).find("'x' must be a number"),
            std::string::npos);
  EXPECT_NE(parse_error(with_points(R"([{"x": 1, "y": 1, "ab": [0]}])")).find("array of 2"),
            std::string::npos);
  EXPECT_NE(parse_error(with_points(R"([{"x": 1, "y": 1, "ab": [0, 129]}])")).find("[-128, 128]"),
            std::string::npos);
  EXPECT_NE(parse_error(with_points(R"([{"x": 1, "y": 1, "ab": [0, 0], "size": 0}])")).find("1..255"),
            std::string::npos);
  EXPECT_NE(parse_error(with_points(R"([{"x": 1, "y": 1, "ab": [0, 0], "size": 256}])")).find("1..255"),
            std::string::npos);
  EXPECT_NE(parse_error(with_points(R"([{"x": 1, "y": 1, "ab": [0, 0], "size": 2.5}])"))
                .find("'size' must be an integer"),
            std::string::npos);
  EXPECT_EQ(parse_error(with_points(R"([{"x": 1e999, "y": 1, "ab": [0, 0]}])")),
            "session: invalid JSON: number overflow parsing '1e999'");
  EXPECT_NE(parse_error(with_points("[3]")).find("point 0: must be an object"), std::string::npos);
}

TEST(Session, EnforcesLimits) {
  tinge::SessionLimits lim;
  lim.max_points = 2;
  const std::string p = R"({"x": 1, "y": 1, "ab": [0, 0]})";
  EXPECT_EQ(parse_error(with_points("[" + p + "," + p + "," + p + "]"), lim),
            "session: too many points (3 > 2)");
  EXPECT_EQ(parse_error(with_points("[" + p + "," + p + "]"), lim), "");
  lim.max_file_bytes = 10;
  EXPECT_EQ(parse_error(kGood, lim), "session: file too large");
}

TEST(Session, SaveLoadAndResolveImage) {
  const fs::path d = temp_dir("io");
  tinge::Session s = tinge::parse_session(kGood);
  s.image = "../pics/photo.jpg";
  const std::string path = (d / "sub" / "s.json").string();
  fs::create_directories(d / "sub");
  tinge::save_session(s, path);
  const tinge::Session back = tinge::load_session(path);
  ASSERT_EQ(back.points.size(), 2u);
  EXPECT_EQ(back.points[1].x, 3.0);
  EXPECT_EQ(tinge::resolve_session_image(back, path),
            fs::absolute(d / "pics" / "photo.jpg").lexically_normal().string());
  s.image = "/abs/photo.jpg";
  EXPECT_EQ(tinge::resolve_session_image(s, path), "/abs/photo.jpg");
  s.image.clear();
  EXPECT_THROW(tinge::resolve_session_image(s, path), SessionError);
  fs::remove_all(d);
}

TEST(Session, LoadErrorsNameTheFile) {
  const fs::path d = temp_dir("load");
  const std::string missing = (d / "nope.json").string();
  try {
    tinge::load_session(missing);
    FAIL() << "expected SessionError";
  } catch (const SessionError& e) {
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
  }
  const std::string bad = (d / "bad.json").string();
  std::ofstream(bad) << with_points(R"([{"x": 1, "y": 1}])");
  try {
    tinge::load_session(bad);
    FAIL() << "expected SessionError";
  } catch (const SessionError& e) {
    EXPECT_EQ(std::string(e.what()), "session " + bad + ": point 0: missing 'ab'");
  }
  tinge::SessionLimits lim;
  lim.max_file_bytes = 8;
  EXPECT_THROW(tinge::load_session(bad, lim), SessionError);
  fs::remove_all(d);
}

TEST(Session, ValidatePoints) {
  std::vector<tinge::HintPoint> pts(3);
  pts[0].x = 0, pts[0].y = 0;
  pts[1].x = 320, pts[1].y = 240;  // the far corner is inside [0, w] x [0, h]
  pts[2].x = 500, pts[2].y = 20;
  try {
    tinge::validate_points(pts, 320, 240);
    FAIL() << "expected SessionError";
  } catch (const SessionError& e) {
    EXPECT_EQ(std::string(e.what()), "hint 2 at (500.0, 20.0) is outside the 320x240 image");
  }
  pts.resize(2);
  EXPECT_NO_THROW(tinge::validate_points(pts, 320, 240));
  pts[1].y = -0.5;
  EXPECT_THROW(tinge::validate_points(pts, 320, 240), SessionError);
  pts[1].y = NAN;
  EXPECT_THROW(tinge::validate_points(pts, 320, 240), SessionError);
  pts[1].y = 10;
  pts[1].a = 130;
  EXPECT_THROW(tinge::validate_points(pts, 320, 240), SessionError);
  pts[1].a = 0;
  pts[1].size = 0;
  EXPECT_THROW(tinge::validate_points(pts, 320, 240), SessionError);
}
