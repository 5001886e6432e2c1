// Where a photo's hint session lives by default: beside the photo, as <photo>.tinge.json. The
// editor saves there unless told otherwise and reloads it when the photo is opened again;
// `tinge colorize` uses it when no --hints is given.
#pragma once
#include <string>

namespace tinge {

inline std::string default_session_path(const std::string& photo_path) {
  return photo_path + ".tinge.json";
}

}  // namespace tinge
