// A hint session's colour reference ("Colour like..."), kept in the session file as
//   "reference": {"image": "relative/path.jpg", "strength": 1.0}
// or with a palette instead of a photo:
//   "reference": {"palette": ["#3b5e8c", "#c9a66b", "#e8dcc0"], "strength": 1.0}
// A relative image path is relative to the session file, like the session's "image".
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "colour_reference.hpp"
#include "session.hpp"

namespace tinge {

struct SessionReference {
  std::string image;                            // as written in the file; empty with a palette
  std::vector<std::array<uint8_t, 3>> palette;  // 3-8 colours; empty with an image
  float strength = 1.f;
};

// The session's reference, if it has one; SessionError naming the field when it is malformed
// (neither or both of image and palette, a bad colour, a strength outside 0..2).
std::optional<SessionReference> session_reference(const Session& s);
// Sets (or, with null, removes) the session's reference.
void set_session_reference(Session& s, const SessionReference* r);

// The reference's photo path as the file system sees it ("" for a palette).
std::string resolve_reference_image(const SessionReference& r, const std::string& session_path);

// The histogram of the reference: its photo loaded (ImageError naming it when missing or unreadable)
// or its palette. `session_path` resolves a relative image path.
ColourReference load_reference(const SessionReference& r, const std::string& session_path);

// "#3b5e8c" for a colour.
std::string hex_colour(const std::array<uint8_t, 3>& c);

}  // namespace tinge
