// The editor's window and frame loop: GLFW + ImGui setup (HiDPI aware), event-driven redraws (an
// idle editor sleeps in glfwWaitEvents and draws nothing), keyboard shortcuts, and
// a clean shutdown that lets a running inference finish before the window goes away.
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "app/editor_app.hpp"
#include "app/persistence.hpp"
#include "core/error.hpp"
#include "core/image_formats.hpp"
#include "core/image_io.hpp"
#include "core/result_save.hpp"
#include "core/session_name.hpp"

namespace tinge {
namespace {

void ignore_imgui_log(void*, const char*, ...) {}

}  // namespace

// GLFW callbacks. They are installed after ImGui's GLFW backend and call its handlers themselves:
// mouse buttons, scrolling and focus go straight on; keys and characters wait in input_ and reach
// ImGui one frame's worth at a time (input_queue.hpp), so quick taps are not lost.
struct EditorCallbacks {
  static EditorApp* app(GLFWwindow* w) { return static_cast<EditorApp*>(glfwGetWindowUserPointer(w)); }
  static void any(GLFWwindow* w) { app(w)->event_seen_ = true; }
  static void cursor(GLFWwindow* w, double, double) { any(w); }
  static void button(GLFWwindow* w, int b, int action, int mods) {
    ImGui_ImplGlfw_MouseButtonCallback(w, b, action, mods);
    any(w);
  }
  static void scroll(GLFWwindow* w, double dx, double dy) {
    ImGui_ImplGlfw_ScrollCallback(w, dx, dy);
    any(w);
  }
  static void key(GLFWwindow* w, int k, int scancode, int action, int mods) {
    app(w)->input_.push_key(k, scancode, action, mods);
    any(w);
  }
  static void chr(GLFWwindow* w, unsigned c) {
    app(w)->input_.push_char(c);
    any(w);
  }
  static void size(GLFWwindow* w, int, int) { any(w); }
  static void refresh(GLFWwindow* w) { any(w); }
  static void focus(GLFWwindow* w, int focused) {
    ImGui_ImplGlfw_WindowFocusCallback(w, focused);
    any(w);
  }
  static void drop(GLFWwindow* w, int n, const char** paths) {
    for (int i = 0; i < n; ++i) app(w)->dropped_.push_back(paths[i]);
    any(w);
  }
  static void close(GLFWwindow* w) {
    EditorApp* a = app(w);
    if (!a->scripted() && a->doc_.modified()) {
      glfwSetWindowShouldClose(w, GLFW_FALSE);  // ask first
      a->leave_document(true, [a] { a->quit_now_ = true; });
    }
    any(w);
  }
};

EditorApp::EditorApp(EditorOptions opt) : opt_(std::move(opt)) {}

EditorApp::~EditorApp() {
  worker_.reset();        // joins the worker: a running job finishes, queued ones are dropped
  alternatives_.clear();  // textures: while the GL context is there
  reference_.release_textures();
  if (window_) {
    glfwMakeContextCurrent(window_);
    compositor_.reset();
    if (ImGui::GetCurrentContext()) {
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplGlfw_Shutdown();
      ImGui::DestroyContext();
    }
    glfwDestroyWindow(window_);
  }
  glfwTerminate();
}

void EditorApp::init_window() {
  glfwSetErrorCallback([](int, const char*) {});
  if (!glfwInit())
    throw Error("edit: cannot open a window (no display? run it under xvfb-run for headless use)");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window_ = glfwCreateWindow(opt_.width, opt_.height, "tinge", nullptr, nullptr);
  if (!window_) throw Error("edit: cannot create an OpenGL 3.3 window");
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  glfwSetWindowUserPointer(window_, this);

  float sx = 1.f, sy = 1.f;
  glfwGetWindowContentScale(window_, &sx, &sy);
  ui_scale_ = std::clamp(std::max(sx, sy), 1.f, 4.f);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; nothing to remember
  ImFontConfig font;
  font.SizePixels = 13.f * ui_scale_;
  io.Fonts->AddFontDefault(&font);
  ImGui::StyleColorsDark();
  ImGui::GetStyle().ScaleAllSizes(ui_scale_);
  io.ConfigInputTextCursorBlink = false;  // a blinking cursor would need frames while idle
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  // Ours replace the backend's callbacks (with none installed before, the backend chains to none).
  glfwSetCursorPosCallback(window_, EditorCallbacks::cursor);
  glfwSetMouseButtonCallback(window_, EditorCallbacks::button);
  glfwSetScrollCallback(window_, EditorCallbacks::scroll);
  glfwSetKeyCallback(window_, EditorCallbacks::key);
  glfwSetCharCallback(window_, EditorCallbacks::chr);
  glfwSetFramebufferSizeCallback(window_, EditorCallbacks::size);
  glfwSetWindowRefreshCallback(window_, EditorCallbacks::refresh);
  glfwSetWindowFocusCallback(window_, EditorCallbacks::focus);
  glfwSetDropCallback(window_, EditorCallbacks::drop);
  glfwSetWindowCloseCallback(window_, EditorCallbacks::close);
  compositor_ = std::make_unique<Compositor>();
  compositor_->set_mode(opt_.compose == "gpu"   ? ComposeMode::Gpu
                        : opt_.compose == "cpu" ? ComposeMode::Cpu
                                                : ComposeMode::Auto);
}

int EditorApp::run() {
  start();
  min_frame_interval_ = 1.0 / frame_rate_limit();
  for (;;) {
    if (quit_now_ || glfwWindowShouldClose(window_)) break;
    if (wants_frames()) {
      // Pace continuous redraws (a drag, a running preview) to the frame-rate limit.
      const double wait = last_frame_at_ + min_frame_interval_ - glfwGetTime();
      if (wait > 0 && last_frame_at_ >= 0)
        std::this_thread::sleep_for(std::chrono::duration<double>(std::min(wait, min_frame_interval_)));
      glfwPollEvents();
    } else
      glfwWaitEventsTimeout(opt_.autosave && doc_.revision() != autosaved_rev_ ? 1.0 : 60.0);
    if (bench_) bench_->frame_start();  // the UI thread's work starts here: results, then a frame
    if (worker_->drain() > 0) request_frames(2);
    if (event_seen_ || !dropped_.empty()) request_frames(3);
    event_seen_ = false;
    autosave_tick(false);
    // Whatever wants frames gets them: a composition in progress advances only inside frame(),
    // so waiting for input here would leave the result half composed (grey) until the mouse moved.
    if (wants_frames()) frame();
    if (script_ && !script_->error().empty()) throw UsageError(script_->error());
    if (script_ && script_->finished()) break;
    if (bench_ && bench_->done()) break;
  }
  finish();
  return 0;
}

void EditorApp::start() {
  if (!opt_.script.empty()) {
    // A bad script fails before any window opens; an empty one leaves the editor interactive.
    std::vector<Action> actions = load_action_script(opt_.script);
    ScriptTarget& target = *this;
    if (!actions.empty()) script_ = std::make_unique<ScriptPlayer>(target, std::move(actions), opt_.script);
    opt_.autosave = opt_.autosave_scripted;
  }
  if (!opt_.bench_out.empty()) {
    BenchTarget& target = *this;
    bench_ = std::make_unique<BenchDriver>(target, opt_.bench_out, opt_.bench_seconds, opt_.bench_edits);
    opt_.autosave = false;
  }
  init_window();
  recent_files_ = load_recent_files();
  worker_ = std::make_unique<InferenceWorker>(
      render_.prepare_method(std::move(opt_.method)), [] { glfwPostEmptyEvent(); },
      [this](const std::string& msg) { report_error(msg); }, opt_.worker_nice);
  render_.set_observer(bench_.get());
  std::string input = opt_.input.empty() ? opt_.sample : opt_.input;
  if (!input.empty()) open_path(input);
  if (!opt_.session.empty()) load_session_file(opt_.session, /*onto_open_photo=*/!input.empty());
  if (script_ && !image_) throw UsageError("edit: --script needs an image to work on");
  if (bench_ && !image_) throw UsageError("edit: --bench needs an image to work on");
}

void EditorApp::finish() {
  // Let pending saves finish before leaving (they run on the worker).
  while (saves_pending_ > 0 && worker_) {
    glfwWaitEventsTimeout(0.05);
    worker_->drain();
  }
  if (script_ && !script_->error().empty()) throw UsageError(script_->error());
  if (script_ && !error_.empty()) throw Error(error_);
  if (bench_) {
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window_, &fw, &fh);
    bench_->finish(fw, fh);
  }
  if (script_)
    std::printf(
        "edit: replayed %zu actions (%s, last preview %.0f ms, last full-resolution result %.0f ms)\n",
        script_->size(), render_.method_label().c_str(), render_.preview_ms(), render_.full_ms());
  if (image_ && opt_.autosave) {
    if (doc_.modified())
      autosave_tick(true);        // unsaved work stays recoverable, however the editor ends
    else if (!recovery_.offered)  // an unanswered recovery offer is made again next time
      remove_autosave(image_->path);
  }
}

bool EditorApp::wants_frames() const {
  return frames_to_draw_ > 0 || script_ || (bench_ && bench_->wants_frames()) || !input_.empty() ||
         canvas_.wants_frames() || (compositor_ && compositor_->composing()) || colour_.picking();
}

double EditorApp::frame_rate_limit() const {
  if (opt_.max_fps > 0) return opt_.max_fps;
  int rate = 0;
  if (GLFWmonitor* m = glfwGetPrimaryMonitor())
    if (const GLFWvidmode* mode = glfwGetVideoMode(m)) rate = mode->refreshRate;
  return std::max(60, rate);
}

void EditorApp::frame() {
  last_frame_at_ = glfwGetTime();
  if (script_) script_->begin_frame();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  input_.drain_frame([this](const InputEvent& e) {
    if (e.is_char)
      ImGui_ImplGlfw_CharCallback(window_, e.codepoint);
    else
      ImGui_ImplGlfw_KeyCallback(window_, e.key, e.scancode, e.action, e.mods);
  });
  if (script_) script_->feed_mouse();
  ImGui::NewFrame();

  if (!dropped_.empty()) {
    std::string path = dropped_.front();
    dropped_.clear();
    if (render_.has_network() && reference_.takes_drop(ImGui::GetIO().MousePos))
      reference_.set_photo(path);  // dropped on "Colour like a photo"
    else
      leave_document(false, [this, path] { guarded([this, path] { open_path(path); }); });
  }
  if (script_) script_->step();
  if (bench_) bench_->step();
  draw_ui();

  ImGui::Render();
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(window_, &fw, &fh);
  glViewport(0, 0, fw, fh);
  glClearColor(28 / 255.f, 28 / 255.f, 30 / 255.f, 1.f);  // the canvas colour
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (script_) script_->after_render();
  if (bench_) bench_->before_swap();
  glfwSwapBuffers(window_);
  if (bench_) bench_->after_swap(!worker_->idle(), compositor_->composed_last_update());
  if (frames_to_draw_ > 0) --frames_to_draw_;
  if (script_) script_->end_frame();

  std::string title = "tinge";
  if (image_) title += " - " + std::filesystem::path(image_->path).filename().string();
  if (doc_.modified()) title += " *";
  if (title != title_) glfwSetWindowTitle(window_, title.c_str());  // an X round trip: only on change
  title_ = title;
}

void EditorApp::draw_ui() {
  try {
    // Edits made before this frame (a script, the benchmark) are asked for before the panels post
    // their own jobs (suggestions for the edited hint), so the canvas's result is computed first.
    render_.update();
    handle_shortcuts();
    draw_menu_bar();
    draw_side_panel();
    draw_status_bar();
    draw_canvas_area();
    draw_help();
    draw_modals();
    render_.update();
    where_.update();
    compositor_->update(canvas_.zoom() * ImGui::GetIO().DisplayFramebufferScale.x);
    // This frame's canvas was laid out before the band just composed: a composition finished here
    // is shown by the next frame, which must come without waiting for input.
    if (compositor_->composed_last_update()) request_frames(2);
    if (bench_)
      bench_->results_on_screen(compositor_->shown_serial(), compositor_->result().width(),
                                compositor_->shown_on_cpu());
  } catch (const Error& e) {
    // A failed UI action must not take the editor down: close what was open, show the error.
    ImGui::ErrorCheckEndFrameRecover(ignore_imgui_log, nullptr);
    report_error(e.what());
  }
}

void EditorApp::handle_shortcuts() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || modal_open()) return;  // prompts take their own keys (Esc cancels)
  if (io.KeyCtrl || io.KeySuper) {
    handle_file_shortcuts();
    return;
  }
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  // Not in the middle of a gesture on that point (a drag, the gamut picker, the size slider):
  // the gesture's edit would stay open on a point that is gone.
  const bool gesture = canvas_.dragging_hint() || colour_.in_gesture();
  const bool any_selected = doc_.selected() >= 0 || doc_.selected_shape().valid();
  if ((pressed(GLFW_KEY_DELETE) || pressed(GLFW_KEY_BACKSPACE)) && any_selected && !gesture)
    doc_.remove_selected();
  if (pressed(GLFW_KEY_ESCAPE)) {
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
      ImGui::ClosePopupToLevel(0, true);  // an open menu closes first
    else if (alternatives_.strip_shown())
      alternatives_.hide_strip();  // then the alternatives' strip
    else if (!gesture) {
      doc_.select(-1);
      doc_.select_shape(ShapeRef());
    }
  }
  const int sel = doc_.selected();  // after a deletion above: what is selected now
  canvas_.handle_view_keys();
  canvas_.handle_tool_keys();
  if (pressed(GLFW_KEY_W)) where_.toggle();
  if (pressed(GLFW_KEY_TAB)) where_.next_marker();
  if (pressed(GLFW_KEY_ENTER) || pressed(GLFW_KEY_KP_ENTER)) where_.add_current();
  if (pressed(GLFW_KEY_PAGE_DOWN)) open_sibling_asking(1);
  if (pressed(GLFW_KEY_PAGE_UP)) open_sibling_asking(-1);
  if (pressed(GLFW_KEY_F1) || (io.KeyShift && pressed(GLFW_KEY_SLASH))) show_help_ = !show_help_;
  if (sel >= 0 && !canvas_.dragging_hint()) {
    const int size = doc_.point(sel).size;
    if (pressed(GLFW_KEY_RIGHT_BRACKET))
      doc_.set_size(sel, std::min(kMaxHintSize, size + std::max(1, size / 4)));
    if (pressed(GLFW_KEY_LEFT_BRACKET) && size > 1)
      doc_.set_size(sel, std::max(1, size - std::max(1, size / 5)));
  }
  const ShapeRef shape = doc_.selected_shape();
  if (shape.valid() && shape.kind == ShapeKind::kStroke && !gesture) {
    const double w = doc_.stroke(shape.index).width;
    if (pressed(GLFW_KEY_RIGHT_BRACKET))
      doc_.set_stroke_width(shape.index, std::min(kMaxStrokeWidth, w + std::max(1.0, w / 4)));
    if (pressed(GLFW_KEY_LEFT_BRACKET) && w > 1)
      doc_.set_stroke_width(shape.index, std::max(1.0, w - std::max(1.0, w / 5)));
  }
}

void EditorApp::handle_file_shortcuts() {
  const bool shift = ImGui::GetIO().KeyShift;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(GLFW_KEY_Z) && !shift && !doc_.editing()) doc_.undo();
  if (((pressed(GLFW_KEY_Z) && shift) || pressed(GLFW_KEY_Y)) && !doc_.editing()) doc_.redo();
  if (pressed(GLFW_KEY_O))
    open_dialog(Purpose::OpenImage, "Open a photo or session", image_ ? image_->path : "");
  if (pressed(GLFW_KEY_S) && image_) {
    if (!shift && !session_path_.empty())
      guarded([this] { save_session_file(session_path_); });
    else
      open_dialog(Purpose::SaveSession, "Save hint session",
                  session_path_.empty() ? default_session_path(image_->path) : session_path_);
  }
  if (pressed(GLFW_KEY_E) && image_)
    open_dialog(Purpose::SaveResult, "Save the colourised result", suggested_result_path());
  if (pressed(GLFW_KEY_R) && render_.has_network()) reference_.open_dialog();
  if (pressed(GLFW_KEY_Q)) {
    glfwSetWindowShouldClose(window_, GLFW_TRUE);
    EditorCallbacks::close(window_);
  }
}

void EditorApp::guarded(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    report_error(e.what());
  }
}

int run_editor(EditorOptions opt) {
  set_editor_dirs(opt.config_dir, opt.autosave_dir);
  EditorApp app(std::move(opt));
  return app.run();
}

}  // namespace tinge
