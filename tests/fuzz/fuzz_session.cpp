// libFuzzer target: tinge::parse_session on arbitrary bytes taken as the session file's text, and
// the session's colour reference (session_reference.hpp).
// A tinge::Error (SessionError) is the documented way to refuse input; anything else is a finding.
// A session that parses is re-serialised and parsed back; its hints (points, strokes, regions) are
// validated against a small photo and, when valid, rasterised and laid over a result as colorize
// does (with and without snapping regions to a lightness's edges), so malformed strokes and regions
// reach the geometry code too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "core/hint_enforce.hpp"
#include "core/session.hpp"
#include "core/session_reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    tinge::Session s = tinge::parse_session(text);
    tinge::parse_session(tinge::session_to_json(s));
    const tinge::HintSet hints = tinge::session_hints(s);
    const int W = 97, H = 61;
    tinge::validate_hints(hints, W, H);
    // Lightness with edges (a bright disc on a striped ground), so regions get snapped to them.
    auto lightness = [](int w, int h) {
      tinge::Plane L(w, h);
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
          L.at(x, y) = (x - w / 2) * (x - w / 2) + (y - h / 2) * (y - h / 2) < w * h / 8
                           ? 80.f
                           : 20.f + 10.f * float(x % 3);
      return L;
    };
    tinge::rasterize_hint_set(hints, W, H, 40, 25);
    const tinge::Plane Lw = lightness(40, 25), L = lightness(W, H);
    tinge::rasterize_hint_set(hints, W, H, 40, 25, &Lw);
    tinge::Plane a(W, H), b(W, H);
    tinge::enforce_hints(hints, a, b, 1.5);
    tinge::enforce_hints(hints, a, b, 1.5, &L);
  } catch (const tinge::Error&) {
  }
  try {
    tinge::Session s = tinge::parse_session(text);
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
