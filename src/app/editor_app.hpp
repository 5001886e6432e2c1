// The editor's state and its parts. One class, its members defined by concern in separate files:
//   app_loop.cpp        window, ImGui, the frame loop, shortcuts, idle waiting, screenshots
//   document_io.cpp     opening images/sessions, saving results/sessions, autosave and recovery
//   render_requests.cpp posting work to the inference worker and taking its results
//   canvas.cpp          zoom/pan, original/result panes and the split slider
//   hint_overlay.cpp    hint markers and the mouse gestures that edit hints
//   color_panel.cpp     the selected hint: gamut picker, suggestions, recent colours, RGB/hex
//   alternatives.cpp    whole-image alternative colourings
//   panels.cpp          menu bar, side panel, status bar, help overlay
//   prompts.cpp         file dialogs' outcomes, recovery, unsaved changes, replacing the original
//   script_runner.cpp   replaying --script actions
//   bench_driver.cpp    the --bench run (editor_bench.cpp records and reports)
#pragma once
#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/compositor.hpp"
#include "app/editor_bench.hpp"
#include "app/editor.hpp"
#include "app/file_dialog.hpp"
#include "app/gl.hpp"
#include "app/inference_worker.hpp"
#include "app/input_queue.hpp"
#include "core/action_script.hpp"
#include "core/color.hpp"
#include "core/document.hpp"
#include "core/image.hpp"
#include "core/refine.hpp"

namespace tinge {

// An opened photo; immutable once built, shared with the worker's jobs.
struct ImageData {
  std::string path;
  Rgb8Image original;  // as displayed (8-bit; transparency composited on white)
  Plane L;       // full resolution, from the file's own samples (16-bit precision for 16-bit files)
  Plane alpha;   // 0..1, empty when the file has none: saved results keep it
  int bits = 8;  // the file's bits per sample: results are saved as deep where the format allows
  Plane L_work;  // the method's working resolution
  Plane L_preview;  // a cheaper resolution for live previews of classic methods (= L_work for networks)
  uint64_t generation = 0;
};

enum class ViewMode { Result, SideBySide, Split };

// Where one view of the image is drawn on screen (ImGui coordinates).
struct Pane {
  ImVec2 pos, size;
  bool original = false;
  bool contains(ImVec2 p) const {
    return p.x >= pos.x && p.y >= pos.y && p.x < pos.x + size.x && p.y < pos.y + size.y;
  }
};

using Ab = std::array<float, 2>;

// Typical colours of old photographs' subjects (sky, foliage, skin, wood, brick, water, straw,
// cloth), brought into gamut at lightness L: the suggestions when no network is loaded.
std::vector<Ab> natural_palette(float L);
// How a hint's colour looks at lightness L: brought into gamut, sRGB channels in [0, 1].
std::array<float, 3> display_rgb(float L, Ab ab);

// Fixed layout: the side panel on the right, the status bar at the bottom (canvas.cpp).
float side_panel_width(float ui_scale);
float status_bar_height();

class EditorApp {
 public:
  explicit EditorApp(EditorOptions opt);
  ~EditorApp();
  int run();

 private:
  // app_loop.cpp
  void init_window();
  void frame();
  bool wants_frames() const;
  double frame_rate_limit() const;  // frames a second at most (EditorOptions::max_fps)
  void handle_shortcuts();
  void capture_screenshot();
  void report_error(const std::string& msg);
  void guarded(const std::function<void()>& f);  // runs f; a tinge::Error becomes a status message
  void set_status(const std::string& msg);
  // document_io.cpp
  void open_path(const std::string& path);
  // Opens the photo `step` places further in the current photo's folder (sorted by name, as
  // tinge eval lists them); false (and a status line) past either end.
  bool open_sibling(int step);
  void open_image(const std::string& path, const std::vector<HintPoint>& hints);
  // Loads a session: its photo is opened unless it is the open one; with onto_open_photo, the open
  // photo stays and takes the hints (a note on stderr when the session names another photo).
  void load_session_file(const std::string& path, bool onto_open_photo = false);
  void save_session_file(const std::string& path);
  void save_result_file(const std::string& path, bool overwrite_original);
  bool is_original(const std::string& path) const;
  std::string suggested_result_path() const;
  void autosave_tick(bool force);
  void answer_recovery(bool accept);  // the "recover unsaved hints?" offer
  // render_requests.cpp
  void make_worker();
  void set_levin(bool on);          // switch "+ Levin" and recompute the result
  std::string method_label() const;  // the method in use, as shown in the status bar
  // What a job runs on the worker's method: the combination with Levin, or what it is built on.
  static Method& chosen_method(Method& m, bool levin) { return levin ? m : base_method(m); }
  void update_requests();
  bool results_current() const;  // the shown result is the full-quality one for these hints
  void report_shown_to_bench();  // results whose composition completed this frame
  void request_suggestions(int point);
  bool suggestions_ready(int point) const;
  float lightness_at(double x, double y, int size) const;
  Ab predicted_ab_at(double x, double y) const;
  // canvas.cpp
  void draw_canvas();
  void fit_view(ImVec2 pane_size);
  ImVec2 to_screen(const Pane& p, double x, double y) const;
  void to_image(const Pane& p, ImVec2 s, double& x, double& y) const;
  // hint_overlay.cpp
  struct MarkerShape {
    ImVec2 centre;
    float half;               // half the square's side on screen
    ImVec2 swatch0, swatch1;  // the colour swatch on the square's top-left corner
  };
  MarkerShape marker_shape(const Pane& pane, const HintPoint& p) const;
  void draw_hint_markers(const Pane& pane, ImDrawList* dl) const;
  void handle_hint_mouse(const std::vector<Pane>& panes, bool hovered);
  int hint_at(const Pane& pane, ImVec2 mouse) const;
  // color_panel.cpp
  void draw_color_panel();
  void draw_gamut_picker(int point, float L);
  void draw_typed_colour(int point, float L);
  void draw_suggestions(int point, float L);
  void apply_color(int point, Ab ab);
  void remember_color(Ab ab);
  // A typed colour (RGB or hex) for `point`: its chroma brought into gamut at the hint's lightness,
  // the picker's rule; notes on the panel what was changed.
  Ab typed_colour(int point, const Lab& typed);
  // alternatives.cpp
  void request_alternatives();
  bool alternatives_ready() const;
  void adopt_alternative(int index);
  // alternatives_strip.cpp
  void draw_alternatives_panel();  // the side panel's section: propose, show or hide the strip
  float alternatives_strip_height(float canvas_w, float canvas_h) const;  // 0 when hidden
  void draw_alternatives_strip(ImVec2 pos, ImVec2 size);
  void preview_alternative(int index);  // the whole canvas shows it until end_alternative_preview()
  void end_alternative_preview();
  // panels.cpp
  void draw_menu_bar();
  void draw_side_panel();
  void draw_status_bar();
  void draw_help();
  // prompts.cpp
  void draw_modals();
  void draw_file_dialog();
  void draw_leave_prompt();
  // Runs `then` (which opens another photo or session, or quits) at once when no hints would be
  // lost, else after the "Unsaved changes" prompt: save the session first, go on without saving,
  // or cancel. Scripts never ask.
  void leave_document(bool quitting, std::function<void()> then);
  void open_sibling_asking(int step);  // Page Down / Page Up
  bool modal_open() const;             // a prompt or file dialog waits for an answer
  // script_runner.cpp
  // Notes where something was drawn this frame, for the layout action (tests aim real input at
  // it or look at its pixels); `value` is any figure that goes with it.
  void note_layout(const std::string& name, ImVec2 pos, ImVec2 size, const std::string& value = "");
  void write_layout(const std::string& path) const;  // the last complete frame's notes
  bool step_script();  // false once the script has finished
  bool run_action(const Action& a);
  void feed_scripted_mouse();  // after the backend's NewFrame: the scripted mouse replaces the real one
  // bench_driver.cpp
  bool step_bench();  // false once the benchmark has finished
  void finish_bench();

  EditorOptions opt_;
  GLFWwindow* window_ = nullptr;
  float ui_scale_ = 1.f;
  std::unique_ptr<Compositor> compositor_;
  std::unique_ptr<InferenceWorker> worker_;
  bool has_model_ = false;
  // "+ Levin": the network averaged with Levin's propagation of the hints (src/core/refine.hpp).
  // A network (has_model_) is always wrapped so the user can switch; every request carries the choice.
  bool levin_ = false;
  std::string base_method_name_;
  uint64_t render_epoch_ = 0;  // bumped when the method changes: older results are dropped

  std::shared_ptr<const ImageData> image_;
  uint64_t generation_ = 0;
  std::string session_path_;
  nlohmann::json session_extra_ = nlohmann::json::object();  // unknown session fields, kept
  Document doc_;

  // Render requests and what is on screen.
  uint64_t requested_rev_ = ~0ull, shown_rev_ = 0;
  bool requested_full_ = false, shown_full_ = false;
  double preview_ms_ = 0, full_ms_ = 0;
  Plane shown_a_, shown_b_;  // CPU copy of the displayed prediction
  float saturation_ = 1.f;

  // View and interaction.
  ViewMode mode_ = ViewMode::Result;
  float zoom_ = 1.f, split_ = 0.5f;
  double center_x_ = 0, center_y_ = 0;
  bool fit_pending_ = true, fitted_ = true, show_hints_ = true, show_help_ = false;
  float marker_opacity_ = 1.f;  // hint markers, faded from 1 towards 0.15
  int default_size_ = 0;  // patch size of new hints; 0 = derived from the image size
  int drag_point_ = -1;
  double drag_dx_ = 0, drag_dy_ = 0;
  bool panning_ = false, dragging_split_ = false, picking_ = false;
  ImVec2 last_pane_size_{0, 0};

  // Colours.
  std::vector<Ab> recent_colors_;
  bool rgb_editing_ = false, size_editing_ = false, hex_active_ = false;
  char hex_buf_[16] = {0};
  std::string typed_note_;  // how the last typed colour was brought into gamut (for typed_note_point_)
  int typed_note_point_ = -1;
  uint64_t typed_note_rev_ = 0;
  struct Suggestions {
    int point = -1;
    uint64_t rev = ~0ull;
    bool ready = false, from_model = false;
    std::vector<Ab> ab;
    std::vector<float> probability;  // the network's, per colour (empty without one)
  } suggestions_;

  // Alternatives.
  struct Alternative {
    std::vector<HintPoint> anchors;  // added to the hints it was proposed from
    Texture thumb;
    Plane a, b;  // its prediction at the working resolution
  };
  std::vector<Alternative> alternatives_;
  uint64_t alternatives_rev_ = ~0ull;
  bool alternatives_pending_ = false, show_alternatives_ = false;
  int previewed_alternative_ = -1;  // shown on the whole canvas while its thumbnail is hovered

  // Files, dialogs, prompts.
  FileDialog dialog_;
  enum class Purpose { None, OpenImage, LoadSession, SaveSession, SaveResult } dialog_purpose_ =
      Purpose::None;
  std::vector<std::string> recent_files_;
  std::vector<std::string> dropped_;
  std::string confirm_overwrite_;  // save result over the original: waiting for confirmation
  bool offer_recovery_ = false;
  std::vector<HintPoint> recovery_points_;
  std::string recovery_time_;
  bool quit_now_ = false;
  struct LeavePrompt {
    bool open = false, quitting = false;
    std::function<void()> then;  // what waits for the answer
  } leave_;
  std::function<void()> after_session_saved_;  // a leave waiting for the Save session dialog

  // Status.
  std::string status_, error_, title_;
  double status_time_ = 0;
  int saves_pending_ = 0;
  double last_autosave_ = 0;
  uint64_t autosaved_rev_ = 0;
  int frames_to_draw_ = 3;
  bool event_seen_ = false;
  InputQueue input_;  // keys and characters not yet handed to ImGui
  double min_frame_interval_ = 1.0 / 60;  // seconds (EditorOptions::max_fps)
  double last_frame_at_ = -1;

  // Script replay.
  std::vector<Action> script_;
  size_t script_pos_ = 0;
  int action_frames_ = 0;
  bool action_started_ = false;
  double drag_from_x_ = 0, drag_from_y_ = 0;
  double action_start_ = 0;
  struct ScriptedMouse {
    bool active = false;  // set by the first mouse_* action; from then on the real mouse is ignored
    double x = 0, y = 0;  // image pixels
    bool down[3] = {false, false, false};
  } scripted_mouse_;
  Pane view_pane_;  // where the result was drawn last frame (mouse actions aim at it)
  struct LayoutNote {
    std::string name;
    ImVec2 pos, size;
    std::string value;
  };
  std::vector<LayoutNote> layout_, layout_shown_;  // this frame's notes, the last complete frame's
  std::string screenshot_path_, script_error_;
  bool screenshot_of_result_ = false;  // the composed result, not the window

  // Benchmark (--bench).
  std::unique_ptr<BenchRecorder> bench_;
  double bench_phase_start_ = 0, bench_progress_ = 0;
  int bench_edit_ = 0, bench_edit_state_ = 0;
  struct BenchAdopted {
    uint64_t serial, rev;  // the compositor's ab serial, the document revision
    bool full;
    double compute_ms;
  };
  std::vector<BenchAdopted> bench_adopted_;  // results handed to the compositor, not on screen yet

  friend struct EditorCallbacks;
};

}  // namespace tinge
