// Scripted editor sessions (`tinge edit IMAGE --script ACTIONS.json`): parses a JSON list of actions
// into typed actions the editor replays one by one. Coordinates are original-image pixels, as in
// the session file. Accepted forms: a top-level array, or {"actions": [...]}; each entry is an
// object with "action": NAME plus that action's fields, e.g.
//   {"action": "add_point", "x": 40, "y": 30, "rgb": "#d03020", "size": 7}
// A colour is "ab": [a, b] (CIELAB units) or "rgb": [r, g, b] (0..255) or "rgb": "#rrggbb" (only
// the chroma of an RGB colour is used). Every mistake throws UsageError naming the script, the
// action's index (0-based) and name, and the field at fault; unknown fields are refused too.
#pragma once
#include <string>
#include <vector>

namespace tinge {

enum class ActionKind {
  AddPoint,     // x, y, colour, size (default 5)
  MovePoint,    // point, x, y
  DeletePoint,  // point
  SelectPoint,  // point
  SetColor,     // point, colour
  SetSize,      // point, size
  Undo,
  Redo,
  SelectSuggestion,  // point, index (into the suggested colours for that point)
  AdoptAlternative,  // index (into the "explore alternatives" proposals)
  ShowHints,         // visible (bool)
  SetSaturation,     // value (0..3)
  SetView,           // mode: "result" | "side_by_side" | "split"; split (0..1, for "split")
  LoadSession,       // path
  SaveResult,        // path, overwrite (bool, default false: refuses to write over the original)
  SaveSession,       // path
  Screenshot,        // path, of ("window", default: the whole window; "result": the composed
                     // result as the GPU shows it, at the resolution it was composed: a live
                     // preview is a draft at half scale, so wait_idle first for the final result)
  WaitIdle,          // timeout (seconds, default 120)
  Wait,              // seconds: keep the editor running (frames, autosave) that long
  RecoverAutosave,   // accept (bool): answer the "recover unsaved hints?" offer made at start
  SetLevin,          // on (bool): average the network with Levin's propagation ("+ Levin")
  NextPhoto,         // step (default 1; -1 = previous): open the photo that many places further in
                     // the current photo's folder (sorted by name), as Page Down / Page Up do
  // The mouse, in image pixels over the result view; button "left" (default), "right" or "middle".
  // They feed the editor's input exactly where the real mouse does, so gestures are tested as is.
  MouseDown,  // x, y, button
  MouseMove,  // x, y
  MouseUp,    // x, y, button
  // The keyboard, through the same queue as real key events. "key": a key or a chord such as
  // "ctrl+shift+z" (names: key_names()). key_tap presses the keys in order and releases them in
  // reverse, all before the next frame, as a quick typist or xdotool does; key_down and key_up
  // press or release them and leave them so (hold Space to pan, say).
  KeyTap,               // key
  KeyDown,              // key
  KeyUp,                // key
  ProposeAlternatives,  // propose "explore alternatives" and wait for them (timeout 300 s)
  Layout,               // path: where things are on screen, one per line ("name x y w h [value]"; see
                        // ScriptPlayer::write_layout), for tests that aim real input or look at pixels
};

struct Action {
  ActionKind kind = ActionKind::WaitIdle;
  int index = 0;     // position in the script, for messages
  std::string name;  // as written, e.g. "add_point"
  double x = 0, y = 0;
  float a = 0, b = 0;  // the colour, when the action has one
  int size = 5;
  int point = -1;
  int choice = -1;  // select_suggestion / adopt_alternative index
  int button = 0;   // mouse actions: 0 left, 1 right, 2 middle (ImGui's numbering)
  bool visible = true;
  bool overwrite = false;
  bool accept = true;
  bool propose = true;     // adopt_alternative: propose afresh first (false: from those already shown)
  bool on = false;         // set_levin
  int step = 1;            // next_photo
  bool of_result = false;  // screenshot: the composed result rather than the window
  double value = 1.0;      // saturation, split position
  double timeout = 120;    // wait_idle
  double seconds = 0;      // wait
  std::string mode;        // set_view
  std::string path;
  std::vector<std::string> keys;  // key_tap / key_down / key_up: names from key_names(), in order
  bool rgb_colour = false;        // the colour was given as "rgb" (typed), not "ab": the editor brings it
                                  // into gamut at the hint's lightness, as it does a typed colour

  // "script.json: action 3 (move_point): " - the prefix of every message about this action.
  std::string where(const std::string& script) const;
};

// Parses script text; `script_name` is used in error messages.
std::vector<Action> parse_action_script(const std::string& text, const std::string& script_name);
// Reads and parses a script file (throws UsageError naming the file when it cannot be read).
std::vector<Action> load_action_script(const std::string& path);

// The action names, in the order of ActionKind.
const std::vector<std::string>& action_names();
// The key names key actions accept: a-z, 0-9, f1-f12, escape, enter, tab, backspace, delete,
// space, page_up, page_down, home, end, left, right, up, down, [, ], /, -, =, and the modifiers
// ctrl, shift, alt, super.
const std::vector<std::string>& key_names();

}  // namespace tinge
