// Hint sessions: the versioned JSON file users save and reload.
//   {"format": "tinge-session", "version": 2, "image": "photo.jpg",
//    "points": [{"x": 120.5, "y": 88.0, "ab": [12.0, -30.5], "size": 5}],
//    "strokes": [{"points": [[10, 20], [40, 22]], "width": 5, "ab": [30, 10]}],
//    "regions": [{"polygon": [[0, 0], [50, 0], [50, 30]], "ab": [0, 0]}]}
// x, y: continuous coordinates in original-image pixels (pixel i spans [i, i+1), origin top-left).
// ab: CIELAB units. size: side in original pixels of the square patch centred on (x, y); width:
// the stroke's in original pixels (hints.hpp). Version 1 has points only; a session without strokes
// and regions is written as version 1, so such files load and save unchanged.
// A relative image path is relative to the session file. Unknown fields (top level and per hint)
// survive a load and re-save.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "hints.hpp"

namespace tinge {

struct SessionLimits {
  size_t max_file_bytes = 64u << 20;
  size_t max_points = 100'000;    // points; also strokes, and regions
  size_t max_vertices = 100'000;  // of all strokes and regions together
};

struct Session {
  std::string image;  // as written in the file (may be relative)
  std::vector<HintPoint> points;
  std::vector<HintStroke> strokes;
  std::vector<HintRegion> regions;
  nlohmann::json extra = nlohmann::json::object();  // unknown top-level fields, kept verbatim
};

// Every hint of a session, and a session's hints set from a HintSet.
HintSet session_hints(const Session& s);
void set_session_hints(Session& s, HintSet hints);

// Parses a session; throws SessionError naming the problem (field, point index from 0) on malformed
// input, e.g. "session: point 3: missing 'ab'", "session: stroke 0: 'points' needs at least 1
// vertex (has 0)". "image" is optional (empty when absent); "size" defaults to 5 and must be 1..255;
// "width" defaults to 5 and must be 1..255; a region needs 3 vertices; |a|, |b| <= 128.
// load_session's messages name the file instead: "session PATH: ...".
Session parse_session(const std::string& text, const SessionLimits& limits = {});
Session load_session(const std::string& path, const SessionLimits& limits = {});
std::string session_to_json(const Session& s);                 // pretty-printed
void save_session(const Session& s, const std::string& path);  // atomic
// Absolute/normalised path of the session's image (relative paths resolved against the session file).
std::string resolve_session_image(const Session& s, const std::string& session_path);
// A path as a session file holds it: relative to the session's folder, or absolute when it has to be.
// path_beside_session is the inverse: a path as written, resolved (absolute, normalised).
std::string path_for_session(const std::string& file, const std::string& session_path);
std::string path_beside_session(const std::string& written, const std::string& session_path);
// Throws SessionError when a point lies outside a width x height image ([0, w] x [0, h]), has a
// non-finite value, |a| or |b| > 128, or a size outside 1..255:
// "hint 2 at (500.0, 20.0) is outside the 320x240 image".
void validate_points(const std::vector<HintPoint>& points, int width, int height);
// validate_points, and the same for strokes and regions: every vertex inside the image, a stroke's
// width within 1..255, at least 1 point per stroke and 3 vertices per region, at most
// SessionLimits' vertices in all, and strokes whose brushes together sweep at most 100 times the
// image's area: "stroke 1 has a point at (500.0, 20.0) outside the 320x240 image".
void validate_hints(const HintSet& hints, int width, int height);

}  // namespace tinge
