// libjpeg-turbo decoding (see jpeg_decode.hpp). libjpeg reports fatal errors through error_exit,
// which must not return: it longjmps back into read_header / read_pixels, whose frames hold only
// plain C data, and decode_jpeg turns the message into an ImageError.
#include "jpeg_decode.hpp"

#include "error.hpp"

#ifdef TINGE_HAVE_LIBJPEG
#include <jerror.h>  // JWRN_JPEG_EOF
#include <jpeglib.h>

#include <csetjmp>
#include <cstdio>  // jpeglib.h needs FILE
#include <vector>
#endif

namespace tinge {

#ifndef TINGE_HAVE_LIBJPEG
bool jpeg_decoder_available() {
  return false;
}
Rgb8Image decode_jpeg(const uint8_t*, size_t, const std::string& name, int64_t) {
  throw ImageError("cannot decode " + name + ": this build has no libjpeg");
}
#else
namespace {

constexpr int kMaxScans = 1000;  // a progressive JPEG with more scans is forged (CPU exhaustion)

struct ErrorManager {
  jpeg_error_mgr pub;  // first member: libjpeg hands us a pointer to it
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = "";
  bool truncated = false;
};

[[noreturn]] void on_error(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

// Warnings (level -1) are silenced instead of printed to stderr; running out of data is remembered
// so a truncated file is refused rather than decoded with a grey bottom.
void on_message(j_common_ptr cinfo, int level) {
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) err->truncated = true;
}

void on_progress(j_common_ptr cinfo) {
  auto* d = reinterpret_cast<j_decompress_ptr>(cinfo);
  if (d->input_scan_number > kMaxScans) {
    auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
    std::snprintf(err->message, sizeof err->message, "more than %d progressive scans", kMaxScans);
    std::longjmp(err->jump, 1);
  }
}

uint8_t mul255(unsigned a, unsigned b) {
  return uint8_t((a * b + 127) / 255);
}

// The two steps that call into libjpeg, each with its own setjmp target and only plain C data in
// its frame, so a longjmp skips no C++ destructor and reads no clobbered local. False on error
// (the message is in err.message).
bool read_header(jpeg_decompress_struct& cinfo, ErrorManager& err, const uint8_t* data, size_t size) {
  if (setjmp(err.jump)) return false;
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, data, static_cast<unsigned long>(size));
  jpeg_read_header(&cinfo, TRUE);
  const J_COLOR_SPACE in = cinfo.jpeg_color_space;
  const bool cmyk = in == JCS_CMYK || in == JCS_YCCK;
  cinfo.out_color_space = in == JCS_GRAYSCALE ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
  return true;
}

// Decodes every scanline into `rgb` (width * height * 3), converting from 1, 3 or 4 components.
bool read_pixels(jpeg_decompress_struct& cinfo, ErrorManager& err, uint8_t* row, uint8_t* rgb) {
  if (setjmp(err.jump)) return false;
  jpeg_start_decompress(&cinfo);
  const size_t w = cinfo.output_width;
  const int channels = cinfo.output_components;
  // Adobe's CMYK JPEGs store inverted samples (0 = full ink); others store plain ink amounts.
  const bool inverted = cinfo.saw_Adobe_marker;
  while (cinfo.output_scanline < cinfo.output_height) {
    const size_t y = cinfo.output_scanline;
    JSAMPROW rows[1] = {row};
    if (jpeg_read_scanlines(&cinfo, rows, 1) != 1) return false;  // only when data runs out
    uint8_t* out = rgb + y * w * 3;
    for (size_t x = 0; x < w; ++x) {
      const uint8_t* p = row + x * size_t(channels);
      if (channels == 1) {
        out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = p[0];
      } else if (channels == 3) {
        out[3 * x] = p[0], out[3 * x + 1] = p[1], out[3 * x + 2] = p[2];
      } else {
        for (int c = 0; c < 3; ++c)
          out[3 * x + c] = inverted ? mul255(p[c], p[3]) : mul255(255u - p[c], 255u - p[3]);
      }
    }
  }
  if (!err.truncated) jpeg_finish_decompress(&cinfo);
  return true;
}

}  // namespace

bool jpeg_decoder_available() {
  return true;
}

Rgb8Image decode_jpeg(const uint8_t* data, size_t size, const std::string& name, int64_t max_pixels) {
  jpeg_decompress_struct cinfo{};
  ErrorManager err;
  jpeg_progress_mgr progress{};
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = on_error;
  err.pub.emit_message = on_message;
  progress.progress_monitor = on_progress;
  struct Destroy {
    jpeg_decompress_struct* c;
    ~Destroy() { jpeg_destroy_decompress(c); }  // safe on a struct that was never created
  } destroy{&cinfo};
  auto fail = [&](const std::string& why) { return ImageError("cannot decode " + name + ": " + why); };

  if (!read_header(cinfo, err, data, size)) throw fail(std::string("corrupt JPEG (") + err.message + ")");
  cinfo.progress = &progress;
  const int64_t w = cinfo.image_width, h = cinfo.image_height;
  if (w <= 0 || h <= 0)
    throw fail("image has zero size (" + std::to_string(w) + "x" + std::to_string(h) + ")");
  if (w > max_pixels / h)  // before libjpeg allocates anything the size of the image
    throw ImageError("cannot load " + name + ": image too large: " + std::to_string(w) + "x" +
                     std::to_string(h) + " exceeds the limit of " + std::to_string(max_pixels) + " pixels");
  const int channels = cinfo.out_color_space == JCS_GRAYSCALE ? 1 : cinfo.out_color_space == JCS_CMYK ? 4 : 3;
  Rgb8Image img(static_cast<int>(w), static_cast<int>(h));
  std::vector<uint8_t> row(size_t(w) * size_t(channels));
  if (!read_pixels(cinfo, err, row.data(), img.data.data()))
    throw fail(err.message[0] ? std::string("corrupt JPEG (") + err.message + ")"
                              : "JPEG data ends early (truncated file)");
  if (err.truncated) throw fail("JPEG data ends early (truncated file)");
  return img;
}
#endif

}  // namespace tinge
