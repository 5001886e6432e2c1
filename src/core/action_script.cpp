// Parsing of editor action scripts into typed actions (see action_script.hpp).
#include "action_script.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "color.hpp"
#include "error.hpp"
#include "file_read.hpp"
#include "hints.hpp"
#include "json_depth.hpp"

namespace tinge {
namespace {

using nlohmann::json;

struct Spec {
  ActionKind kind;
  std::set<std::string> required, optional;
};

const std::vector<Spec>& specs() {
  // Same order as ActionKind and action_names().
  static const std::vector<Spec> s = {
      {ActionKind::AddPoint, {"x", "y"}, {"ab", "rgb", "size"}},
      {ActionKind::MovePoint, {"point", "x", "y"}, {}},
      {ActionKind::DeletePoint, {"point"}, {}},
      {ActionKind::SelectPoint, {"point"}, {}},
      {ActionKind::SetColor, {"point"}, {"ab", "rgb"}},
      {ActionKind::SetSize, {"point", "size"}, {}},
      {ActionKind::Undo, {}, {}},
      {ActionKind::Redo, {}, {}},
      {ActionKind::SelectSuggestion, {"point", "index"}, {}},
      {ActionKind::AdoptAlternative, {"index"}, {"propose"}},
      {ActionKind::ShowHints, {"visible"}, {}},
      {ActionKind::SetSaturation, {"value"}, {}},
      {ActionKind::SetView, {"mode"}, {"split"}},
      {ActionKind::LoadSession, {"path"}, {}},
      {ActionKind::SaveResult, {"path"}, {"overwrite"}},
      {ActionKind::SaveSession, {"path"}, {}},
      {ActionKind::Screenshot, {"path"}, {"of"}},
      {ActionKind::WaitIdle, {}, {"timeout"}},
      {ActionKind::Wait, {"seconds"}, {}},
      {ActionKind::RecoverAutosave, {"accept"}, {}},
      {ActionKind::SetLevin, {"on"}, {}},
      {ActionKind::NextPhoto, {}, {"step"}},
      {ActionKind::MouseDown, {"x", "y"}, {"button"}},
      {ActionKind::MouseMove, {"x", "y"}, {}},
      {ActionKind::MouseUp, {"x", "y"}, {"button"}},
      {ActionKind::KeyTap, {"key"}, {}},
      {ActionKind::KeyDown, {"key"}, {}},
      {ActionKind::KeyUp, {"key"}, {}},
      {ActionKind::ProposeAlternatives, {}, {}},
      {ActionKind::Layout, {"path"}, {}},
  };
  return s;
}

// Field readers; `where` is the action's message prefix.
double number(const json& o, const char* key, const std::string& where, double lo, double hi) {
  const json& v = o.at(key);
  if (!v.is_number()) throw UsageError(where + "field '" + key + "' must be a number");
  double d = v.get<double>();
  if (!std::isfinite(d) || d < lo || d > hi) {
    std::ostringstream m;
    m << where << "field '" << key << "' is " << d << ", expected " << lo << ".." << hi;
    throw UsageError(m.str());
  }
  return d;
}

int integer(const json& o, const char* key, const std::string& where, int lo, int hi) {
  const json& v = o.at(key);
  if (!v.is_number_integer()) throw UsageError(where + "field '" + key + "' must be an integer");
  long long d = v.get<long long>();
  if (d < lo || d > hi)
    throw UsageError(where + "field '" + key + "' is " + std::to_string(d) + ", expected " +
                     std::to_string(lo) + ".." + std::to_string(hi));
  return int(d);
}

std::string text(const json& o, const char* key, const std::string& where) {
  const json& v = o.at(key);
  if (!v.is_string() || v.get<std::string>().empty())
    throw UsageError(where + "field '" + key + "' must be a non-empty string");
  return v.get<std::string>();
}

bool boolean(const json& o, const char* key, const std::string& where) {
  const json& v = o.at(key);
  if (!v.is_boolean()) throw UsageError(where + "field '" + key + "' must be true or false");
  return v.get<bool>();
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads "ab" or "rgb" into a, b; false when neither is present.
bool colour(const json& o, Action& act, const std::string& where) {
  if (o.contains("ab") && o.contains("rgb")) throw UsageError(where + "give either 'ab' or 'rgb', not both");
  if (o.contains("ab")) {
    const json& v = o["ab"];
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
      throw UsageError(where + "field 'ab' must be [a, b] (two numbers)");
    double a = v[0].get<double>(), b = v[1].get<double>();
    if (!std::isfinite(a) || !std::isfinite(b) || std::fabs(a) > 128 || std::fabs(b) > 128)
      throw UsageError(where + "field 'ab' must lie in [-128, 128]");
    act.a = float(a);
    act.b = float(b);
    return true;
  }
  if (!o.contains("rgb")) return false;
  const json& v = o["rgb"];
  int rgb[3] = {0, 0, 0};
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (!s.empty() && s[0] == '#') s.erase(0, 1);
    bool ok = s.size() == 6;
    for (int i = 0; ok && i < 3; ++i) {
      int hi = hex_digit(s[size_t(2 * i)]), lo = hex_digit(s[size_t(2 * i + 1)]);
      ok = hi >= 0 && lo >= 0;
      rgb[i] = hi * 16 + lo;
    }
    if (!ok) throw UsageError(where + "field 'rgb' must be \"#rrggbb\" or [r, g, b]");
  } else if (v.is_array() && v.size() == 3) {
    for (int i = 0; i < 3; ++i) {
      // Range-check before narrowing: a huge value must not wrap into 0..255.
      const json& c = v[size_t(i)];
      const bool in_range = c.is_number_unsigned()  ? c.get<uint64_t>() <= 255
                            : c.is_number_integer() ? c.get<int64_t>() >= 0 && c.get<int64_t>() <= 255
                                                    : false;
      if (!in_range) throw UsageError(where + "field 'rgb' must hold three integers in 0..255");
      rgb[i] = v[size_t(i)].get<int>();
    }
  } else {
    throw UsageError(where + "field 'rgb' must be \"#rrggbb\" or [r, g, b]");
  }
  Lab lab = srgb8_to_lab(uint8_t(rgb[0]), uint8_t(rgb[1]), uint8_t(rgb[2]));
  act.a = lab[1];
  act.b = lab[2];
  act.rgb_colour = true;
  return true;
}

// "ctrl+shift+z" -> {"ctrl", "shift", "z"}, each a known key name, none twice.
std::vector<std::string> key_chord(const json& o, const std::string& where) {
  const std::string chord = text(o, "key", where);
  std::vector<std::string> keys;
  size_t start = 0;
  for (;;) {
    const size_t plus = chord.find('+', start);
    std::string k = chord.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
    for (char& c : k) c = char(std::tolower(static_cast<unsigned char>(c)));
    const auto& names = key_names();
    if (std::find(names.begin(), names.end(), k) == names.end())
      throw UsageError(where + "field 'key': '" + k + "' is not a key name (e.g. a, 5, f1, escape, delete, " +
                       "page_down, ], ctrl, shift; chords as ctrl+shift+z)");
    if (std::find(keys.begin(), keys.end(), k) != keys.end())
      throw UsageError(where + "field 'key': '" + k + "' appears twice in '" + chord + "'");
    keys.push_back(k);
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return keys;
}

Action parse_one(const json& o, int index, const std::string& script) {
  Action act;
  act.index = index;
  std::string prefix = script + ": action " + std::to_string(index) + ": ";
  if (!o.is_object()) throw UsageError(prefix + "must be an object with an \"action\" field");
  if (!o.contains("action") || !o["action"].is_string())
    throw UsageError(prefix + "missing the \"action\" field (a string)");
  act.name = o["action"].get<std::string>();
  const auto& names = action_names();
  size_t k = 0;
  while (k < names.size() && names[k] != act.name) ++k;
  if (k == names.size()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw UsageError(prefix + "unknown action '" + act.name + "' (known: " + known + ")");
  }
  const Spec& spec = specs()[k];
  act.kind = spec.kind;
  const std::string where = act.where(script);
  for (const auto& f : spec.required)
    if (!o.contains(f)) throw UsageError(where + "missing field '" + f + "'");
  for (auto it = o.begin(); it != o.end(); ++it)
    if (it.key() != "action" && !spec.required.count(it.key()) && !spec.optional.count(it.key()))
      throw UsageError(where + "unknown field '" + it.key() + "'");

  const double kMaxCoord = 1e6;
  if (o.contains("x")) act.x = number(o, "x", where, -kMaxCoord, kMaxCoord);
  if (o.contains("y")) act.y = number(o, "y", where, -kMaxCoord, kMaxCoord);
  if (o.contains("size")) act.size = integer(o, "size", where, 1, kMaxHintSize);
  if (o.contains("point")) act.point = integer(o, "point", where, 0, 1000000);
  if (o.contains("index")) act.choice = integer(o, "index", where, 0, 1000);
  if (o.contains("visible")) act.visible = boolean(o, "visible", where);
  if (o.contains("overwrite")) act.overwrite = boolean(o, "overwrite", where);
  if (o.contains("accept")) act.accept = boolean(o, "accept", where);
  if (o.contains("propose")) act.propose = boolean(o, "propose", where);
  if (o.contains("on")) act.on = boolean(o, "on", where);
  if (o.contains("step")) {
    act.step = integer(o, "step", where, -100000, 100000);
    if (act.step == 0) throw UsageError(where + "field 'step' must not be 0");
  }
  if (o.contains("value")) act.value = number(o, "value", where, 0, 3);
  if (o.contains("split")) act.value = number(o, "split", where, 0, 1);
  if (o.contains("timeout")) act.timeout = number(o, "timeout", where, 0, 3600);
  if (o.contains("seconds")) act.seconds = number(o, "seconds", where, 0, 3600);
  if (o.contains("path")) act.path = text(o, "path", where);
  if (o.contains("button")) {
    const std::string b = text(o, "button", where);
    act.button = b == "left" ? 0 : b == "right" ? 1 : b == "middle" ? 2 : -1;
    if (act.button < 0)
      throw UsageError(where + "field 'button' is '" + b + "', expected left, right or middle");
  }
  if (o.contains("mode")) {
    act.mode = text(o, "mode", where);
    if (act.mode != "result" && act.mode != "side_by_side" && act.mode != "split")
      throw UsageError(where + "field 'mode' is '" + act.mode + "', expected result, side_by_side or split");
    if (act.mode == "split" && !o.contains("split")) act.value = 0.5;
  }
  if (o.contains("of")) {
    const std::string of = text(o, "of", where);
    if (of != "window" && of != "result")
      throw UsageError(where + "field 'of' is '" + of + "', expected window or result");
    act.of_result = of == "result";
  }
  if (o.contains("key")) act.keys = key_chord(o, where);
  bool has_colour = colour(o, act, where);
  if ((act.kind == ActionKind::AddPoint || act.kind == ActionKind::SetColor) && !has_colour)
    throw UsageError(where + "needs a colour: 'ab': [a, b] or 'rgb': \"#rrggbb\"");
  return act;
}

}  // namespace

const std::vector<std::string>& action_names() {
  static const std::vector<std::string> n = {"add_point",
                                             "move_point",
                                             "delete_point",
                                             "select_point",
                                             "set_color",
                                             "set_size",
                                             "undo",
                                             "redo",
                                             "select_suggestion",
                                             "adopt_alternative",
                                             "show_hints",
                                             "set_saturation",
                                             "set_view",
                                             "load_session",
                                             "save_result",
                                             "save_session",
                                             "screenshot",
                                             "wait_idle",
                                             "wait",
                                             "recover_autosave",
                                             "set_levin",
                                             "next_photo",
                                             "mouse_down",
                                             "mouse_move",
                                             "mouse_up",
                                             "key_tap",
                                             "key_down",
                                             "key_up",
                                             "propose_alternatives",
                                             "layout"};
  return n;
}

const std::vector<std::string>& key_names() {
  static const std::vector<std::string> n = [] {
    std::vector<std::string> v;
    for (char c = 'a'; c <= 'z'; ++c) v.push_back(std::string(1, c));
    for (char c = '0'; c <= '9'; ++c) v.push_back(std::string(1, c));
    for (int i = 1; i <= 12; ++i) v.push_back("f" + std::to_string(i));
    for (const char* k : {"escape", "enter", "tab",  "backspace", "delete", "space", "page_up", "page_down",
                          "home",   "end",   "left", "right",     "up",     "down",  "[",       "]",
                          "/",      "-",     "=",    "ctrl",      "shift",  "alt",   "super"})
      v.push_back(k);
    return v;
  }();
  return n;
}

std::string Action::where(const std::string& script) const {
  return script + ": action " + std::to_string(index) + " (" + name + "): ";
}

std::vector<Action> parse_action_script(const std::string& text, const std::string& script_name) {
  if (json_nesting_depth(text) > kMaxJsonDepth)
    throw UsageError(script_name + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw UsageError(script_name + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const json::exception&) {  // e.g. out_of_range.406: a number too large for a double
    throw UsageError(script_name + ": not valid JSON (a number out of range)");
  }
  const json* list = &doc;
  if (doc.is_object()) {
    if (!doc.contains("actions"))
      throw UsageError(script_name + ": expected an array of actions or {\"actions\": [...]}");
    list = &doc["actions"];
  }
  if (!list->is_array())
    throw UsageError(script_name + ": expected an array of actions or {\"actions\": [...]}");
  std::vector<Action> out;
  out.reserve(list->size());
  for (size_t i = 0; i < list->size(); ++i) out.push_back(parse_one((*list)[i], int(i), script_name));
  return out;
}

std::vector<Action> load_action_script(const std::string& path) {
  try {
    return parse_action_script(read_regular_file(path, uint64_t(16) << 20), path);
  } catch (const FileReadError& e) {
    throw UsageError(path + ": cannot read the action script: " + e.what());
  }
}

}  // namespace tinge
