// The containers of JPEG and PNG files, walked without trusting a length in them: one walker per
// format, shared by the header checks made before decoding (image_io.cpp) and the EXIF reader
// (exif_orientation.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace tinge {

// A JPEG marker segment that has a length field (APPn, SOFn, DQT, ...). `length` is the body length
// the file declares (the length field minus its own two bytes); `available` is how much of that
// body lies inside the file (less than `length` when the file is cut inside the segment).
struct JpegSegment {
  uint8_t marker = 0;
  const uint8_t* body = nullptr;
  size_t length = 0;
  size_t available = 0;
};

// Calls visit() for each marker segment of a JPEG (starting with the start-of-image marker) before
// its first scan, in file order, until visit() returns false. Fill bytes and markers without a
// length are skipped. The walk ends at the start of scan, the end of image, a byte that is not a
// marker, a length field under 2, or a segment that runs past the end of the file (visited first,
// with `available` < `length`). Returns false when `data` is not a JPEG.
bool for_each_jpeg_segment(const uint8_t* data, size_t size,
                           const std::function<bool(const JpegSegment&)>& visit);

// A PNG chunk: its four-letter type, and its data when the whole chunk (data and CRC) is inside the
// file. The CRC is not checked.
struct PngChunk {
  char type[5] = {};
  const uint8_t* body = nullptr;
  size_t length = 0;
};

// The 8-byte PNG signature at `data`.
bool is_png(const uint8_t* data, size_t size);

// Calls visit() for each chunk of a PNG, in file order, up to and including IEND or until visit()
// returns false. Returns "" when the walk ended without finding a chunk that runs past the end of
// the file, else a description of that chunk (which is not visited). Not a PNG: "".
std::string for_each_png_chunk(const uint8_t* data, size_t size,
                               const std::function<bool(const PngChunk&)>& visit);

}  // namespace tinge
