// A hint session's colour reference (see session_reference.hpp).
#include "session_reference.hpp"

#include <cstdio>

#include "error.hpp"
#include "image_io.hpp"

namespace tinge {

std::optional<SessionReference> session_reference(const Session& s) {
  const auto it = s.extra.find("reference");
  if (it == s.extra.end() || it->is_null()) return std::nullopt;
  auto fail = [](const std::string& what) { throw SessionError("session: reference: " + what); };
  if (!it->is_object()) fail("must be an object with \"image\" or \"palette\"");
  SessionReference r;
  const auto image = it->find("image"), palette = it->find("palette"), strength = it->find("strength");
  if ((image == it->end()) == (palette == it->end())) fail("give one of \"image\" and \"palette\"");
  if (image != it->end()) {
    if (!image->is_string() || image->get<std::string>().empty()) fail("\"image\" must be a file name");
    r.image = image->get<std::string>();
  } else {
    if (!palette->is_array()) fail("\"palette\" must be a list of colours like \"#3b5e8c\"");
    std::string joined;
    for (const auto& c : *palette) {
      if (!c.is_string()) fail("\"palette\" must be a list of colours like \"#3b5e8c\"");
      joined += (joined.empty() ? "" : ",") + c.get<std::string>();
    }
    try {
      r.palette = parse_palette(joined);
    } catch (const UsageError& e) {
      std::string what = e.what();
      if (what.rfind("--palette: ", 0) == 0) what.erase(0, 11);
      fail("\"palette\": " + what);
    }
  }
  if (strength != it->end()) {
    if (!strength->is_number()) fail("\"strength\" must be a number from 0 to 2");
    r.strength = strength->get<float>();
    if (!(r.strength >= 0.f && r.strength <= kMaxReferenceStrength)) fail("\"strength\" must be from 0 to 2");
  }
  return r;
}

std::string hex_colour(const std::array<uint8_t, 3>& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
  return buf;
}

void set_session_reference(Session& s, const SessionReference* r) {
  if (!r) {
    s.extra.erase("reference");
    return;
  }
  nlohmann::json j = nlohmann::json::object();
  if (!r->image.empty()) {
    j["image"] = r->image;
  } else {
    j["palette"] = nlohmann::json::array();
    for (const auto& c : r->palette) j["palette"].push_back(hex_colour(c));
  }
  j["strength"] = r->strength;
  s.extra["reference"] = j;
}

std::string resolve_reference_image(const SessionReference& r, const std::string& session_path) {
  if (r.image.empty()) return "";
  return session_path.empty() ? r.image : path_beside_session(r.image, session_path);
}

ColourReference load_reference(const SessionReference& r, const std::string& session_path) {
  if (r.image.empty()) return reference_from_palette(r.palette, r.strength);
  const std::string path = resolve_reference_image(r, session_path);
  try {
    return reference_from_image(load_image(path), r.strength, path);
  } catch (const ImageError& e) {
    const std::string what = e.what();
    // The loader's messages name the file already; say what it was for.
    throw ImageError("reference photo: " + what);
  }
}

}  // namespace tinge
