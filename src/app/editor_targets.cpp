// EditorApp's side of the interfaces its parts see it through: EditorContext (the components),
// ScriptTarget (--script) and BenchTarget (--bench). Most are one line in editor_app.hpp; these
// are the rest.
#include "app/editor_app.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"

namespace tinge {

void EditorApp::set_status(const std::string& msg) {
  status_ = msg;
  error_.clear();
}

void EditorApp::report_error(const std::string& msg) {
  error_ = msg;
  request_frames(2);
  if (script_) script_->fail(msg);
}

void EditorApp::note_layout(const std::string& name, ImVec2 pos, ImVec2 size, const std::string& value) {
  if (script_) script_->note(name, pos, size, value);  // only scripts read them
}

void EditorApp::set_colour(int point, Ab ab, bool typed) {
  colour_.apply(point, typed ? colour_.typed(point, {0.f, ab[0], ab[1]}) : ab);
}

void EditorApp::save_screenshot(const std::string& path, bool of_result) {
  try {  // after the frame's own error handling: report here, naming the action
    if (is_original(path))
      throw Error(path + " is the original photo: refusing to write a screenshot over it");
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window_, &fw, &fh);
    save_image(of_result ? read_texture(compositor_->result()) : read_framebuffer(fw, fh), path);
    set_status("screenshot saved to " + path);
  } catch (const Error& e) {
    report_error("screenshot: " + std::string(e.what()));
  }
}

}  // namespace tinge
