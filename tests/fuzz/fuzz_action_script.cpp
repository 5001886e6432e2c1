// libFuzzer target: the editor's action-script parser (tinge::parse_action_script) on arbitrary
// bytes taken as the script's text. A tinge::Error (UsageError) is the documented way to refuse
// input; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/action_script.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    std::vector<tinge::Action> actions = tinge::parse_action_script(text, "fuzz.json");
    for (const auto& a : actions) (void)a.where("fuzz.json");
  } catch (const tinge::Error&) {
  }
  return 0;
}
