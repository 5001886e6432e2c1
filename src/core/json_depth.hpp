// A guard for JSON read from files: nlohmann::json parses deep nesting without recursion, but
// copying, comparing or printing a value recurses once per level, so a few hundred kilobytes of
// "[[[[..." would overflow the stack later. Every JSON document tinge reads (sessions, action
// scripts, eval reports, model headers) is checked with this first.
#pragma once
#include <cstddef>
#include <string_view>

namespace tinge {

// No JSON document tinge reads or writes nests deeper than this.
constexpr size_t kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `text` (brackets inside strings do not count),
// counting stops once it exceeds `cap`. Does not validate the JSON: the parser does that.
inline size_t json_nesting_depth(std::string_view text, size_t cap = kMaxJsonDepth) {
  size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest && (deepest = depth) > cap) break;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace tinge
