// What --script actions may do to the editor (ScriptPlayer's narrow view of it; EditorApp
// implements it): the document and the photo, the input queue, and the operations the action
// vocabulary names (core/action_script.hpp), each taking the same path as the user's gesture.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "app/editor_types.hpp"

namespace tinge {

class Document;
class InputQueue;

class ScriptTarget {
 public:
  virtual ~ScriptTarget() = default;

  virtual Document& doc() = 0;
  virtual const ImageData* image() const = 0;
  virtual InputQueue& input() = 0;           // keys reach ImGui from here, as real ones do
  virtual bool results_current() const = 0;  // the full result for these hints is on screen

  // Colours, by the colour panel's rules.
  virtual void remember_colour(Ab ab) = 0;
  // Sets a hint's colour; `typed`: an RGB colour, brought into gamut at the hint's lightness.
  virtual void set_colour(int point, Ab ab, bool typed) = 0;
  virtual const std::vector<Ab>* suggestions(int point) = 0;  // asks for them; null until ready
  virtual void propose_alternatives() = 0;
  virtual bool alternatives_ready() const = 0;     // for the current hints
  virtual bool alternatives_proposed() const = 0;  // for any hints
  virtual void adopt_alternative(int index) = 0;   // throws tinge::Error when there is none

  // The view and the method.
  virtual void show_hints(bool visible) = 0;
  virtual void set_view(ViewMode mode, float split) = 0;
  virtual bool canvas_laid_out() const = 0;
  virtual ImVec2 canvas_point(double x, double y) const = 0;  // image pixel -> screen
  virtual void set_saturation(float s) = 0;
  virtual bool has_network() const = 0;
  virtual void set_levin(bool on) = 0;
  virtual std::string method_label() const = 0;

  // Files (errors are thrown as tinge::Error).
  virtual bool open_sibling(int step) = 0;
  virtual void load_session_from(const std::string& path) = 0;
  virtual void save_session_to(const std::string& path) = 0;
  virtual void save_result_to(const std::string& path, bool overwrite) = 0;  // on the worker
  virtual bool saving() const = 0;
  virtual bool recovery_offered() const = 0;
  virtual void answer_recovery(bool accept) = 0;
  virtual bool is_original(const std::string& path) const = 0;
  virtual std::string result_name() const = 0;                                // what Save result proposes
  virtual void save_screenshot(const std::string& path, bool of_result) = 0;  // reports, never throws
};

}  // namespace tinge
