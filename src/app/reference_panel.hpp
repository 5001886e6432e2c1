// "Colour like...": a reference photo (or a palette) whose colours steer the network where hints
// do not rule (core/colour_reference.hpp). The side panel's section shows the reference's thumbnail
// and main colours, a strength slider and Clear; the photo comes from its own file dialog (the
// button, or Ctrl+R) or a file dropped on the section; a palette is typed as hex colours. The
// reference is loaded and set on the worker's method by a worker job; when it is in place the
// document's revision moves on so the result, suggestions and recommendations are asked for
// again. Kept in the hint session ("reference", core/session_reference.hpp).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "app/editor_context.hpp"
#include "app/file_dialog.hpp"
#include "app/gl_util.hpp"
#include "core/colour_reference.hpp"
#include "core/session_reference.hpp"

namespace tinge {

class ReferencePanel {
 public:
  explicit ReferencePanel(EditorContext& ctx) : ctx_(ctx) {}

  void draw();         // the section's contents
  void draw_dialog();  // its file dialog, when open (once a frame)
  void open_dialog();  // Ctrl+R and the button
  bool dialog_open() const { return dialog_.is_open(); }
  // True once after a reference is set: the side panel opens the section to show it.
  bool take_open_request() {
    const bool r = open_request_;
    open_request_ = false;
    return r;
  }
  // Whether a file dropped now lands on the section (the mouse is over it).
  bool takes_drop(ImVec2 mouse) const;

  void set_photo(const std::string& path);    // loads it on the worker; errors go to the status bar
  void set_palette(const std::string& text);  // "#3b5e8c,#c9a66b,..."; a bad list is reported
  void set_strength(float strength);          // 0..2
  void clear();                               // no reference
  bool active() const { return ref_.has_value(); }

  // For the session file: the reference (its photo relative to the session's folder), none, or
  // "keep what the file had" when a loaded session's reference could not be used (not_loaded()).
  std::optional<SessionReference> for_session(const std::string& session_path) const;
  bool not_loaded() const { return failed_from_session_; }
  // A loaded session's reference (none: the current one is cleared); a missing photo is reported
  // and the rest of the session stays loaded.
  void from_session(const std::optional<SessionReference>& r, const std::string& session_path);
  void release_textures() { thumb_ = Texture(); }  // while the GL context is current

 private:
  struct Loaded;
  void post(std::string photo, std::vector<std::array<uint8_t, 3>> palette, float strength,
            bool from_session);
  void adopt(Loaded& l);
  void draw_reference();

  EditorContext& ctx_;
  FileDialog dialog_;
  std::optional<ColourReference> ref_;  // as set on the method (strength included)
  std::string photo_;                   // its photo's path, "" for a palette
  std::vector<std::array<uint8_t, 3>> palette_;
  std::vector<std::array<float, 2>> colours_;  // its main colours
  Texture thumb_;
  float strength_ = 1.f;
  std::string palette_text_;
  bool failed_from_session_ = false, open_request_ = false;
  ImVec2 min_{0, 0}, max_{0, 0};  // where the section was drawn (for drops)
};

}  // namespace tinge
