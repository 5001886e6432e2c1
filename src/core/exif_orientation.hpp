// The EXIF Orientation tag of JPEGs (a phone photographing a print held sideways, a scanner's
// rotation): read from the APP1 "Exif" segment, and applied so the pixels stand as the viewer
// shows them. Hint coordinates, sessions and results all refer to the image so oriented.
#pragma once
#include <cstddef>
#include <cstdint>

#include "image.hpp"

namespace tinge {

// The Orientation (1..8) of a JPEG's first EXIF segment; 1 when there is none, or it is malformed
// or out of range. Reads only within [data, data + size); stops at the first scan.
int jpeg_exif_orientation(const uint8_t* data, size_t size);

// Turns `img` as the tag says: 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 clockwise,
// 7 transverse, 8 rotate 90 counter-clockwise (5-8 swap width and height); 1 or anything else: as is.
void apply_exif_orientation(Rgb8Image& img, int orientation);

}  // namespace tinge
