// CPU composition of the displayed result (see display_compose.hpp).
#include "display_compose.hpp"

#include "color.hpp"
#include "error.hpp"
#include "resample.hpp"

namespace tinge {

Rgb8Image compose_srgb8(const Plane& L, const Plane& a, const Plane& b, float saturation,
                        const GamutTable& table) {
  TINGE_CHECK(a.width == b.width && a.height == b.height, "compose_srgb8: a and b differ in size");
  TINGE_CHECK(!L.empty() && !a.empty(), "compose_srgb8: an empty plane");
  if (a.width == L.width && a.height == L.height)
    return lab_planes_to_srgb8_display(L, a, b, saturation, table);
  return lab_planes_to_srgb8_display(L, resize_bilinear(a, L.width, L.height),
                                     resize_bilinear(b, L.width, L.height), saturation, table);
}

}  // namespace tinge
