// Hint sessions: parsing, validating and writing the versioned JSON session file (version 1: points;
// version 2: points, strokes and regions).
// Unknown fields are carried through verbatim; every problem is one SessionError line.
#include "session.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
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
constexpr int kVersionPoints = 1;  // points only; written whenever a session holds nothing else
constexpr int kVersion = 2;        // adds strokes and regions

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

// ab within [-128, 128] from a JSON array of 2 numbers.
void parse_ab(const json& p, const std::string& where, float& a, float& b) {
  const json& ab = p.at("ab");
  if (!ab.is_array() || ab.size() != 2) fail(where, "'ab' must be an array of 2 numbers");
  const double va = finite_number(ab[0], where, "ab[0]");
  const double vb = finite_number(ab[1], where, "ab[1]");
  if (std::fabs(va) > 128.0 || std::fabs(vb) > 128.0) fail(where, "'ab' values must lie in [-128, 128]");
  a = float(va);
  b = float(vb);
}

// [[x, y], ...]: at least `least` vertices, at most `budget` (what the session's limit leaves).
std::vector<HintVertex> parse_vertices(const json& v, const std::string& where, const char* field,
                                       size_t least, size_t& budget, size_t limit) {
  if (!v.is_array()) fail(where, std::string("'") + field + "' must be an array of [x, y] pairs");
  if (v.size() < least)
    fail(where, std::string("'") + field + "' needs at least " + std::to_string(least) +
                    (least == 1 ? " vertex" : " vertices") + " (has " + std::to_string(v.size()) + ")");
  if (v.size() > budget)
    fail(where, "too many vertices (strokes and regions hold at most " + std::to_string(limit) + " in all)");
  budget -= v.size();
  std::vector<HintVertex> out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    const json& q = v[i];
    const std::string at = where + " vertex " + std::to_string(i);
    if (!q.is_array() || q.size() != 2) fail(at, "must be an array [x, y]");
    out.push_back({finite_number(q[0], at, "x"), finite_number(q[1], at, "y")});
  }
  return out;
}

void keep_unknown(const json& p, std::initializer_list<const char*> known, json& extra) {
  for (auto it = p.begin(); it != p.end(); ++it)
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; }))
      extra[it.key()] = it.value();
}

HintStroke parse_stroke(const json& p, const std::string& where, size_t& budget, size_t limit) {
  if (!p.is_object()) fail(where, "must be an object");
  for (const char* f : {"points", "ab"})
    if (!p.contains(f)) fail(where, std::string("missing '") + f + "'");
  HintStroke s;
  s.points = parse_vertices(p.at("points"), where, "points", 1, budget, limit);
  parse_ab(p, where, s.a, s.b);
  if (p.contains("width")) {
    s.width = finite_number(p.at("width"), where, "width");
    if (s.width < 1 || s.width > kMaxStrokeWidth)
      fail(where, "'width' must be in 1.." + std::to_string(int(kMaxStrokeWidth)) + " (got " +
                      p.at("width").dump() + ")");
  }
  keep_unknown(p, {"points", "ab", "width"}, s.extra);
  return s;
}

HintRegion parse_region(const json& p, const std::string& where, size_t& budget, size_t limit) {
  if (!p.is_object()) fail(where, "must be an object");
  for (const char* f : {"polygon", "ab"})
    if (!p.contains(f)) fail(where, std::string("missing '") + f + "'");
  HintRegion r;
  r.polygon = parse_vertices(p.at("polygon"), where, "polygon", 3, budget, limit);
  parse_ab(p, where, r.a, r.b);
  keep_unknown(p, {"polygon", "ab"}, r.extra);
  return r;
}

// "strokes" or "regions" of a version-2 session (absent: none).
template <class Shape, class Parse>
std::vector<Shape> parse_shapes(const json& j, const char* field, const char* one,
                                const SessionLimits& limits, size_t& budget, const std::string& where,
                                Parse parse) {
  std::vector<Shape> out;
  if (!j.contains(field)) return out;
  const json& arr = j.at(field);
  if (!arr.is_array()) fail(where, std::string("'") + field + "' must be an array");
  if (arr.size() > limits.max_points)
    fail(where, std::string("too many ") + field + " (" + std::to_string(arr.size()) + " > " +
                    std::to_string(limits.max_points) + ")");
  out.reserve(arr.size());
  for (size_t i = 0; i < arr.size(); ++i)
    out.push_back(parse(arr[i], where + ": " + one + " " + std::to_string(i), budget, limits.max_vertices));
  return out;
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
  if (ver != kVersionPoints && ver != kVersion)
    fail(where, "unsupported session version " + ver.dump() + " (this tinge reads " +
                    std::to_string(kVersionPoints) + " and " + std::to_string(kVersion) + ")");
  const bool shapes = ver == kVersion;  // version 1 knows no strokes or regions: kept as unknown fields

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
  if (shapes) {
    size_t budget = limits.max_vertices;
    s.strokes = parse_shapes<HintStroke>(j, "strokes", "stroke", limits, budget, where, parse_stroke);
    s.regions = parse_shapes<HintRegion>(j, "regions", "region", limits, budget, where, parse_region);
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const bool known = k == "format" || k == "version" || k == "image" || k == "points" ||
                       (shapes && (k == "strokes" || k == "regions"));
    if (!known) s.extra[k] = it.value();
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

void add_extra(ordered_json& o, const json& extra) {
  if (!extra.is_object() || extra.empty()) return;
  const ordered_json ordered = to_ordered(extra);  // items() does not keep a temporary alive
  for (const auto& [k, v] : ordered.items())
    if (!o.contains(k)) o[k] = v;
}

ordered_json vertices_json(const std::vector<HintVertex>& v) {
  ordered_json out = ordered_json::array();
  for (const HintVertex& p : v) out.push_back({p.x, p.y});
  return out;
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
  const bool shapes = !s.strokes.empty() || !s.regions.empty();
  ordered_json j;
  j["format"] = kFormat;
  j["version"] = shapes ? kVersion : kVersionPoints;
  j["image"] = s.image;
  ordered_json pts = ordered_json::array();
  for (const HintPoint& p : s.points) {
    ordered_json o;
    o["x"] = p.x;
    o["y"] = p.y;
    o["ab"] = {tidy(p.a), tidy(p.b)};
    o["size"] = p.size;
    add_extra(o, p.extra);
    pts.push_back(std::move(o));
  }
  j["points"] = std::move(pts);
  if (shapes) {
    ordered_json strokes = ordered_json::array(), regions = ordered_json::array();
    for (const HintStroke& st : s.strokes) {
      ordered_json o;
      o["points"] = vertices_json(st.points);
      o["width"] = st.width;
      o["ab"] = {tidy(st.a), tidy(st.b)};
      add_extra(o, st.extra);
      strokes.push_back(std::move(o));
    }
    for (const HintRegion& r : s.regions) {
      ordered_json o;
      o["polygon"] = vertices_json(r.polygon);
      o["ab"] = {tidy(r.a), tidy(r.b)};
      add_extra(o, r.extra);
      regions.push_back(std::move(o));
    }
    j["strokes"] = std::move(strokes);
    j["regions"] = std::move(regions);
  }
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
  if (s.image.empty()) fail("session " + session_path, "no 'image' given");
  return path_beside_session(s.image, session_path);
}

std::string path_beside_session(const std::string& written, const std::string& session_path) {
  namespace fs = std::filesystem;
  fs::path p(written);
  if (p.is_relative()) p = fs::path(session_path).parent_path() / p;
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  return abs.lexically_normal().string();
}

std::string path_for_session(const std::string& file, const std::string& session_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::absolute(session_path, ec).parent_path();
  const fs::path rel = fs::relative(file, dir, ec);
  if (!ec && !rel.empty()) return rel.generic_string();
  const fs::path abs = fs::absolute(file, ec);
  return ec ? file : abs.string();
}

HintSet session_hints(const Session& s) {
  HintSet h;
  h.points = s.points;
  h.strokes = s.strokes;
  h.regions = s.regions;
  return h;
}

void set_session_hints(Session& s, HintSet hints) {
  s.points = std::move(hints.points);
  s.strokes = std::move(hints.strokes);
  s.regions = std::move(hints.regions);
}

namespace {

constexpr double kMaxStrokeCoats = 100;

void validate_ab(const std::string& who, float a, float b) {
  if (!std::isfinite(a) || !std::isfinite(b) || std::fabs(a) > 128.f || std::fabs(b) > 128.f)
    throw SessionError(who + " has ab (" + fmt1(a) + ", " + fmt1(b) + ") outside [-128, 128]");
}

void validate_vertices(const std::string& who, const std::vector<HintVertex>& v, int width, int height) {
  for (const HintVertex& p : v) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) throw SessionError(who + " has a non-finite coordinate");
    if (p.x < 0 || p.y < 0 || p.x > width || p.y > height)
      throw SessionError(who + " has a point at (" + fmt1(p.x) + ", " + fmt1(p.y) + ") outside the " +
                         std::to_string(width) + "x" + std::to_string(height) + " image");
  }
}

}  // namespace

void validate_hints(const HintSet& hints, int width, int height) {
  validate_points(hints.points, width, height);
  const SessionLimits limits;
  size_t vertices = 0;
  double ink = 0;  // the area the strokes' brushes sweep, overlaps counted again
  for (size_t i = 0; i < hints.strokes.size(); ++i) {
    const HintStroke& s = hints.strokes[i];
    const std::string who = "stroke " + std::to_string(i);
    if (s.points.empty()) throw SessionError(who + " has no point");
    validate_vertices(who, s.points, width, height);
    if (!(s.width >= 1 && s.width <= kMaxStrokeWidth))
      throw SessionError(who + " has width " + fmt1(s.width) + " outside 1.." +
                         std::to_string(int(kMaxStrokeWidth)));
    validate_ab(who, s.a, s.b);
    vertices += s.points.size();
    ink += s.width * s.width;
    for (size_t k = 1; k < s.points.size(); ++k)
      ink += s.width * std::hypot(s.points[k].x - s.points[k - 1].x, s.points[k].y - s.points[k - 1].y);
  }
  // Painting costs time in proportion: a scribble may go over the photo many times, not without end.
  if (ink > kMaxStrokeCoats * double(width) * double(height))
    throw SessionError("the strokes would paint the " + std::to_string(width) + "x" + std::to_string(height) +
                       " image over more than " + std::to_string(int(kMaxStrokeCoats)) +
                       " times (fewer, shorter or thinner strokes)");
  for (size_t i = 0; i < hints.regions.size(); ++i) {
    const HintRegion& r = hints.regions[i];
    const std::string who = "region " + std::to_string(i);
    if (r.polygon.size() < 3)
      throw SessionError(who + " has " + std::to_string(r.polygon.size()) +
                         " vertices (a region needs at least 3)");
    validate_vertices(who, r.polygon, width, height);
    validate_ab(who, r.a, r.b);
    vertices += r.polygon.size();
  }
  if (vertices > limits.max_vertices)
    throw SessionError("the strokes and regions have " + std::to_string(vertices) + " vertices (at most " +
                       std::to_string(limits.max_vertices) + ")");
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
