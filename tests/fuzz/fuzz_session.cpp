// libFuzzer target: tinge::parse_session on arbitrary bytes taken as the session file's text, and
// the session's colour reference (session_reference.hpp).
// A tinge::Error (SessionError) is the documented way to refuse input; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "core/session.hpp"
#include "core/session_reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    tinge::Session s = tinge::parse_session(text);
    // A session that parsed must also re-serialise and parse back.
    tinge::parse_session(tinge::session_to_json(s));
    // Its colour reference, if any, must parse or be refused, and survive a round trip.
    if (const auto ref = tinge::session_reference(s)) {
      tinge::set_session_reference(s, &*ref);
      tinge::session_reference(tinge::parse_session(tinge::session_to_json(s)));
      tinge::resolve_reference_image(*ref, "dir/photo.tinge.json");
    }
  } catch (const tinge::Error&) {
  }
  return 0;
}
