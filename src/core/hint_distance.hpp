// How far each pixel is from the nearest hinted pixel.
#pragma once
#include "image.hpp"

namespace tinge {

// Distance in pixels from every pixel to the nearest pixel with mask > 0.5 (0 on hinted pixels),
// by a two-pass chamfer transform with steps 1 (edge neighbours) and sqrt(2) (diagonal ones): exact
// along rows, columns and diagonals, at most about 8 % above the Euclidean distance elsewhere. With
// no hinted pixel every value is +infinity.
Plane distance_to_hints(const Plane& mask);

}  // namespace tinge
