// The file extensions tinge reads photos from (folders, file dialogs) and writes results to.
#pragma once
#include <string>
#include <vector>

namespace tinge {

// Lower-case, with the dot. TIFF is listed even in builds without libtiff: such a file then gets a
// clear "not supported by this build" error instead of being silently skipped.
inline const std::vector<std::string>& readable_image_extensions() {
  static const std::vector<std::string> exts{".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".tga"};
  return exts;
}

inline const std::vector<std::string>& writable_image_extensions() {
  static const std::vector<std::string> exts{".png", ".jpg", ".jpeg"};
  return exts;
}

// What the editor's Open dialog lists: photos and hint sessions.
inline std::vector<std::string> photo_or_session_extensions() {
  std::vector<std::string> exts = readable_image_extensions();
  exts.push_back(".json");
  return exts;
}

}  // namespace tinge
