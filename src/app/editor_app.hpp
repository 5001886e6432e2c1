// The editor: the window and its frame loop, the open photo and its hints (Document), the
// inference worker, the compositor, files, prompts and the status line, and the components that
// own the rest (each draws itself and keeps its own state):
//   canvas_view        zoom/pan, panes, split, hint markers and the mouse gestures on them
//   colour_panel       the selected hint's colour: picker, typed RGB/hex, suggestions, recent colours
//   alternatives_view  whole-image alternative colourings and their strip below the canvas
//   hint_list          the side panel's list of hints
//   render_requests    asking the worker for the canvas's result, and what is on screen
//   where_to_click     recommended hint positions over the canvas (W)
//   reference_panel    "Colour like...": a reference photo or palette steering the colours (Ctrl+R)
// and, for runs that drive the editor themselves, the players:
//   script_player      replaying --script actions (through ScriptTarget)
//   bench_driver       the --bench run (through BenchTarget; editor_bench.cpp records and reports)
// Components see the editor only through EditorContext, the players through their targets;
// EditorApp implements them (editor_targets.cpp). Its own members are defined by concern:
//   app_loop.cpp        window, ImGui, the frame loop, shortcuts, idle waiting
//   document_io.cpp     opening images/sessions, saving results/sessions, autosave and recovery
//   panels.cpp          menu bar, side panel, status bar, help overlay, the canvas area
//   prompts.cpp         file dialogs' outcomes, recovery, unsaved changes, replacing the original
#pragma once
#include <imgui.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/alternatives_view.hpp"
#include "app/bench_driver.hpp"
#include "app/canvas_view.hpp"
#include "app/colour_panel.hpp"
#include "app/compositor.hpp"
#include "app/editor.hpp"
#include "app/editor_context.hpp"
#include "app/file_dialog.hpp"
#include "app/gl.hpp"
#include "app/hint_list.hpp"
#include "app/inference_worker.hpp"
#include "app/input_queue.hpp"
#include "app/reference_panel.hpp"
#include "app/render_requests.hpp"
#include "app/script_player.hpp"
#include "app/script_target.hpp"
#include "app/where_to_click.hpp"
#include "core/document.hpp"

namespace tinge {

class EditorApp final : private EditorContext, private ScriptTarget, private BenchTarget {
 public:
  explicit EditorApp(EditorOptions opt);
  ~EditorApp() override;
  int run();

 private:
  // EditorContext: what the components see (doc() and image() also serve the targets).
  Document& doc() override { return doc_; }
  const ImageData* image() const override { return image_.get(); }
  std::shared_ptr<const ImageData> image_for_job() const override { return image_; }
  InferenceWorker& worker() override { return *worker_; }
  Compositor& compositor() override { return *compositor_; }
  float ui_scale() const override { return ui_scale_; }
  void set_status(const std::string& msg) override;
  void report_error(const std::string& msg) override;
  void note_layout(const std::string& name, ImVec2 pos, ImVec2 size, const std::string& value) override;
  using EditorContext::note_layout;
  Ab shown_ab_at(double x, double y) const override { return render_.shown_ab_at(x, y); }
  int new_hint_size() const override { return colour_.new_hint_size(*image_); }
  Ab brush_colour(double x, double y) const override {
    float a = 0, b = 0;
    if (doc_.selected_ab(a, b)) return {a, b};  // the selected hint's colour is picked up
    bool chosen = false;
    const Ab ab = colour_.current_colour(chosen);
    return chosen ? ab : render_.shown_ab_at(x, y);
  }
  bool levin() const override { return render_.levin(); }
  void preview_on_canvas(const Plane& a, const Plane& b) override { render_.show_instead(a, b); }
  void end_canvas_preview() override { render_.show_result(); }
  void draw_canvas_overlay(ImDrawList* dl, const ToScreen& to_screen, ImVec2 image_min,
                           ImVec2 image_max) override {
    where_.draw(dl, to_screen, image_min, image_max);
  }
  bool canvas_overlay_click(ImVec2 mouse, const ToScreen& to_screen) override {
    return where_.click(mouse, to_screen);
  }
  // ScriptTarget and BenchTarget: what --script and --bench drive (editor_targets.cpp).
  InputQueue& input() override { return input_; }
  bool results_current() const override { return render_.results_current(); }
  void remember_colour(Ab ab) override { colour_.remember(ab); }
  void set_colour(int point, Ab ab, bool typed) override;
  const std::vector<Ab>* suggestions(int point) override { return colour_.suggestions(point); }
  void propose_alternatives() override { alternatives_.request(); }
  bool alternatives_ready() const override { return alternatives_.ready(); }
  bool alternatives_proposed() const override { return alternatives_.proposed(); }
  void adopt_alternative(int index) override { alternatives_.adopt(index); }
  void show_hints(bool visible) override { canvas_.show_hints(visible); }
  void set_view(ViewMode mode, float split) override { canvas_.set_view(mode, split); }
  bool canvas_laid_out() const override { return canvas_.laid_out(); }
  ImVec2 canvas_point(double x, double y) const override { return canvas_.screen_point(x, y); }
  void set_saturation(float s) override { render_.set_saturation(s); }
  bool has_network() const override { return render_.has_network(); }
  void set_levin(bool on) override { render_.set_levin(on); }
  std::string method_label() const override { return render_.method_label(); }
  void load_session_from(const std::string& path) override { load_session_file(path); }
  void save_session_to(const std::string& path) override { save_session_file(path); }
  void save_result_to(const std::string& path, bool overwrite) override { save_result_file(path, overwrite); }
  bool saving() const override { return saves_pending_ > 0; }
  bool recovery_offered() const override { return recovery_.offered; }
  std::string result_name() const override { return suggested_result_path(); }
  void save_screenshot(const std::string& path, bool of_result) override;

  // app_loop.cpp
  void start();   // the players, the window, the worker, the photo and session asked for
  void finish();  // waits for saves; script errors, the bench report, the autosave
  void init_window();
  void frame();
  void draw_ui();
  bool wants_frames() const;
  double frame_rate_limit() const;  // frames a second at most (EditorOptions::max_fps)
  void handle_shortcuts();
  void handle_file_shortcuts();                         // Ctrl + O, S, E, Q
  void guarded(const std::function<void()>& f);         // runs f; a tinge::Error becomes a status message
  bool scripted() const { return script_ != nullptr; }  // a --script run: it never asks the user
  void request_frames(int n) { frames_to_draw_ = std::max(frames_to_draw_, n); }
  // document_io.cpp
  void open_path(const std::string& path);
  bool open_session_beside(const std::string& path);  // <photo>.tinge.json: false when not used
  // Opens the photo `step` places further in the current photo's folder (sorted by name, as
  // tinge eval lists them); false (and a status line) past either end.
  bool open_sibling(int step) override;
  void open_image(const std::string& path, const HintSet& hints);
  void offer_autosave(const ImageData& img, const HintSet& hints);
  // Loads a session: its photo is opened unless it is the open one; with onto_open_photo, the open
  // photo stays and takes the hints (a note on stderr when the session names another photo).
  void load_session_file(const std::string& path, bool onto_open_photo = false);
  void save_session_file(const std::string& path);
  void save_result_file(const std::string& path, bool overwrite_original);
  bool is_original(const std::string& path) const override;
  std::string suggested_result_path() const;
  void autosave_tick(bool force);
  void answer_recovery(bool accept) override;  // the "recover unsaved hints?" offer
  // panels.cpp
  void draw_menu_bar();
  void draw_file_menu();
  void draw_side_panel();
  void draw_canvas_area();  // the canvas, with the alternatives' strip along its bottom
  void draw_status_bar();
  void draw_help();
  // prompts.cpp
  void draw_modals();
  void draw_file_dialog();
  void draw_leave_prompt();
  void draw_recovery_prompt();
  void draw_overwrite_prompt();
  enum class Purpose { None, OpenImage, LoadSession, SaveSession, SaveResult };
  void open_dialog(Purpose p, const std::string& title, const std::string& start);
  // Runs `then` (which opens another photo or session, or quits) at once when no hints would be
  // lost, else after the "Unsaved changes" prompt: save the session first, go on without saving,
  // or cancel. Scripts never ask.
  void leave_document(bool quitting, std::function<void()> then);
  void open_sibling_asking(int step);  // Page Down / Page Up
  bool modal_open() const;             // a prompt or file dialog waits for an answer

  EditorOptions opt_;
  GLFWwindow* window_ = nullptr;
  float ui_scale_ = 1.f;
  std::unique_ptr<Compositor> compositor_;
  std::unique_ptr<InferenceWorker> worker_;

  // The document.
  std::shared_ptr<const ImageData> image_;
  Document doc_;
  std::string session_path_;
  nlohmann::json session_extra_ = nlohmann::json::object();  // unknown session fields, kept
  int saves_pending_ = 0;
  double last_autosave_ = 0;
  uint64_t autosaved_rev_ = 0;

  // The components.
  RenderRequests render_{*this};
  CanvasView canvas_{*this};
  ColourPanel colour_{*this};
  AlternativesView alternatives_{*this};
  HintList hint_list_{*this};
  WhereToClick where_{*this};
  ReferencePanel reference_{*this};

  // Files, dialogs, prompts.
  FileDialog dialog_;
  Purpose dialog_purpose_ = Purpose::None;
  std::function<void()> after_session_saved_;  // a leave waiting for the Save session dialog
  std::vector<std::string> recent_files_;
  std::vector<std::string> dropped_;
  std::string confirm_overwrite_;  // save result over the original: waiting for confirmation
  struct Recovery {
    bool offered = false;
    HintSet hints;
    std::string time;
  } recovery_;
  struct LeavePrompt {
    bool open = false, quitting = false;
    std::function<void()> then;  // what waits for the answer
  } leave_;

  // Status and the frame loop.
  std::string status_, error_, title_;
  bool show_help_ = false, quit_now_ = false;
  int frames_to_draw_ = 3;
  bool event_seen_ = false;
  InputQueue input_;                      // keys and characters not yet handed to ImGui
  double min_frame_interval_ = 1.0 / 60;  // seconds (EditorOptions::max_fps)
  double last_frame_at_ = -1;

  // Runs that drive the editor themselves (null otherwise).
  std::unique_ptr<ScriptPlayer> script_;
  std::unique_ptr<BenchDriver> bench_;

  friend struct EditorCallbacks;
};

}  // namespace tinge
