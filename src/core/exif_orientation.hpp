// The EXIF Orientation tag (a phone photographing a print held sideways, a scanner's rotation):
// read from a JPEG's APP1 "Exif" segment or a PNG's eXIf chunk, and applied so the pixels stand as
// the viewer shows them. Hint coordinates, sessions and results all refer to the image so oriented.
#pragma once
#include <cstddef>
#include <cstdint>

#include "image.hpp"

namespace tinge {

// The Orientation (1..8) of a JPEG's first EXIF segment (before the first scan) or a PNG's eXIf
// chunk before its image data; 1 when there is none, it is malformed or out of range, or the file is neither.
// Reads only within [data, data + size).
int exif_orientation(const uint8_t* data, size_t size);

// Turns `img` as the tag says: 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 clockwise,
// 7 transverse, 8 rotate 90 counter-clockwise (5-8 swap width and height); 1 or anything else: as is.
void apply_exif_orientation(Rgb8Image& img, int orientation);
void apply_exif_orientation(Plane& plane, int orientation);  // the same for one channel (L, alpha)

}  // namespace tinge
