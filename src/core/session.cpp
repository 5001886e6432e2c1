// Hint sessions: parsing, validating and writing the versioned JSON session file (version 1).
// Unknown fields are carried through verbatim; every problem is one SessionError line.
#include "session.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "error.hpp"
#include "file_read.hpp"
#include "image_io.hpp"
#include "json_depth.hpp"

namespace tinge {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

constexpr const char* kFormat = "tinge-session";
constexpr int kVersion = 1;

// Collapses a message to one line (library messages may quote input containing newlines).
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw SessionError(one_line(where + ": " + what));
}

std::string point_where(const std::string& where, size_t i) {
  return where + ": point " + std::to_string(i);
}

double finite_number(const json& j, const std::string& where, const char* field) {
  if (!j.is_number()) fail(where, std::string("'") + field + "' must be a number");
  const double v = j.get<double>();
  if (!std::isfinite(v)) fail(where, std::string("'") + field + "' is not finite");
  return v;
}

HintPoint parse_point(const json& p, const std::string& where) {
  if (!p.is_object()) fail(where, "must be an object");
  HintPoint hp;
  for (const char* f : {"x", "y", "ab"})
    if (!p.contains(f)) fail(where, std::string("missing '") + f + "'");
  hp.x = finite_number(p.at("x"), where, "x");
  hp.y = finite_number(p.at("y"), where, "y");
  const json& ab = p.at("ab");
  if (!ab.is_array() || ab.size() != 2) fail(where, "'ab' must be an array of 2 numbers");
  const double a = finite_number(ab[0], where, "ab[0]");
  const double b = finite_number(ab[1], where, "ab[1]");
  if (std::fabs(a) > 128.0 || std::fabs(b) > 128.0) fail(where, "'ab' values must lie in [-128, 128]");
  hp.a = float(a);
  hp.b = float(b);
  if (p.contains("size")) {
    const json& s = p.at("size");
    if (!s.is_number_integer()) fail(where, "'size' must be an integer");
    if (s < 1 || s > kMaxHintSize)
      fail(where, "'size' must be in 1.." + std::to_string(kMaxHintSize) + " (got " + s.dump() + ")");
    hp.size = s.get<int>();
  }
  for (auto it = p.begin(); it != p.end(); ++it) {
    const std::string& k = it.key();
    if (k != "x" && k != "y" && k != "ab" && k != "size") hp.extra[k] = it.value();
  }
  return hp;
}

Session parse_with(const std::string& text, const SessionLimits& limits, const std::string& where) {
  if (text.size() > limits.max_file_bytes) fail(where, "file too large");
  if (json_nesting_depth(text) > kMaxJsonDepth)
    fail(where, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string msg = e.what();
    const auto colon = msg.find(": ");  // drop nlohmann's "[json.exception...] parse error at ..."
    if (colon != std::string::npos) msg = msg.substr(colon + 2);
    fail(where, "invalid JSON at byte " + std::to_string(e.byte) + ": " + msg);
  } catch (const json::exception& e) {  // e.g. out_of_range.406: a number too large for a double
    std::string msg = e.what();
    const auto end = msg.find("] ");
    if (end != std::string::npos) msg = msg.substr(end + 2);
    fail(where, "invalid JSON: " + msg);
  }
  if (!j.is_object()) fail(where, "the top level must be a JSON object");
  if (!j.contains("format") || !j.at("format").is_string() || j.at("format").get<std::string>() != kFormat)
    fail(where, std::string("'format' must be \"") + kFormat + "\"");
  if (!j.contains("version")) fail(where, "missing 'version'");
  const json& ver = j.at("version");
  if (!ver.is_number_integer()) fail(where, "'version' must be an integer");
  if (ver != kVersion)
    fail(where, "unsupported session version " + ver.dump() + " (this tinge reads " +
                    std::to_string(kVersion) + ")");

  Session s;
  if (j.contains("image")) {
    if (!j.at("image").is_string()) fail(where, "'image' must be a string");
    s.image = j.at("image").get<std::string>();
  }
  if (!j.contains("points")) fail(where, "missing 'points'");
  const json& pts = j.at("points");
  if (!pts.is_array()) fail(where, "'points' must be an array");
  if (pts.size() > limits.max_points)
    fail(where,
         "too many points (" + std::to_string(pts.size()) + " > " + std::to_string(limits.max_points) + ")");
  s.points.reserve(pts.size());
  for (size_t i = 0; i < pts.size(); ++i) s.points.push_back(parse_point(pts[i], point_where(where, i)));
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k != "format" && k != "version" && k != "image" && k != "points") s.extra[k] = it.value();
  }
  return s;
}

// A float written as the shortest decimal that reads back to the same float (12.3, not 12.300000190734863).
double tidy(float f) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, f);
  return std::strtod(std::string(buf, r.ptr).c_str(), nullptr);
}

ordered_json to_ordered(const json& j) {
  return ordered_json::parse(j.dump());
}

std::string fmt1(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

Session parse_session(const std::string& text, const SessionLimits& limits) {
  return parse_with(text, limits, "session");
}

Session load_session(const std::string& path, const SessionLimits& limits) {
  const std::string where = "session " + path;
  std::string text;
  try {
    text = read_regular_file(path, limits.max_file_bytes);
  } catch (const FileReadError& e) {
    fail(where, e.what());
  }
  return parse_with(text, limits, where);
}

std::string session_to_json(const Session& s) {
  ordered_json j;
  j["format"] = kFormat;
  j["version"] = kVersion;
  j["image"] = s.image;
  ordered_json pts = ordered_json::array();
  for (const HintPoint& p : s.points) {
    ordered_json o;
    o["x"] = p.x;
    o["y"] = p.y;
    o["ab"] = {tidy(p.a), tidy(p.b)};
    o["size"] = p.size;
    if (p.extra.is_object() && !p.extra.empty()) {
      const ordered_json extra = to_ordered(p.extra);
      for (const auto& [k, v] : extra.items())
        if (!o.contains(k)) o[k] = v;
    }
    pts.push_back(std::move(o));
  }
  j["points"] = std::move(pts);
  if (s.extra.is_object() && !s.extra.empty()) {
    const ordered_json extra = to_ordered(s.extra);
    for (const auto& [k, v] : extra.items())
      if (!j.contains(k)) j[k] = v;
  }
  return j.dump(2) + "\n";
}

void save_session(const Session& s, const std::string& path) {
  write_file_atomic(path, session_to_json(s));
}

std::string resolve_session_image(const Session& s, const std::string& session_path) {
  namespace fs = std::filesystem;
  if (s.image.empty()) fail("session " + session_path, "no 'image' given");
  fs::path img(s.image);
  if (img.is_relative()) img = fs::path(session_path).parent_path() / img;
  std::error_code ec;
  fs::path abs = fs::absolute(img, ec);
  if (ec) abs = img;
  return abs.lexically_normal().string();
}

void validate_points(const std::vector<HintPoint>& points, int width, int height) {
  for (size_t i = 0; i < points.size(); ++i) {
    const HintPoint& p = points[i];
    const std::string hint = "hint " + std::to_string(i);
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) throw SessionError(hint + " has a non-finite position");
    if (p.x < 0 || p.y < 0 || p.x > width || p.y > height)
      throw SessionError(hint + " at (" + fmt1(p.x) + ", " + fmt1(p.y) + ") is outside the " +
                         std::to_string(width) + "x" + std::to_string(height) + " image");
    if (!std::isfinite(p.a) || !std::isfinite(p.b) || std::fabs(p.a) > 128.f || std::fabs(p.b) > 128.f)
      throw SessionError(hint + " has ab (" + fmt1(p.a) + ", " + fmt1(p.b) + ") outside [-128, 128]");
    if (p.size < 1 || p.size > kMaxHintSize)
      throw SessionError(hint + " has size " + std::to_string(p.size) + " outside 1.." +
                         std::to_string(kMaxHintSize));
  }
}

}  // namespace tinge
