// libtiff decoding (see tiff_decode.hpp). The file is read from memory through libtiff's client
// I/O; libtiff's messages go to a per-file handler (never to stderr), and the first error becomes
// the one-line ImageError. Pixels come from TIFFRGBAImage (every photometric and bit depth libtiff
// converts), a band of rows at a time into a small RGBA raster.
#include "tiff_decode.hpp"

#include <cstring>

#include "error.hpp"
#include "exif_orientation.hpp"

#ifdef TINGE_HAVE_LIBTIFF
#include <algorithm>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <vector>

#include <tiffio.h>
#endif

namespace tinge {

bool looks_like_tiff(const uint8_t* d, size_t size) {
  if (size < 4) return false;
  return (d[0] == 'I' && d[1] == 'I' && (d[2] == 42 || d[2] == 43) && d[3] == 0) ||
         (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && (d[3] == 42 || d[3] == 43));
}

#ifndef TINGE_HAVE_LIBTIFF
bool tiff_decoder_available() { return false; }
Rgb8Image decode_tiff(const uint8_t*, size_t, const std::string& name, int64_t) {
  throw ImageError("cannot decode " + name + ": TIFF is not supported by this build (no libtiff)");
}
#else
namespace {

constexpr uint32_t kBandRows = 256;  // rows decoded per call: the RGBA raster is width x 256

struct MemFile {
  const uint8_t* data;
  size_t size;
  size_t pos = 0;
  std::string name;   // the file's name, as libtiff puts it in front of many messages
  std::string error;  // libtiff's first error message
};

MemFile& mem(thandle_t h) { return *static_cast<MemFile*>(h); }

tmsize_t read_proc(thandle_t h, void* buf, tmsize_t n) {
  MemFile& f = mem(h);
  if (n <= 0 || f.pos >= f.size) return 0;
  const size_t k = std::min(size_t(n), f.size - f.pos);
  std::memcpy(buf, f.data + f.pos, k);
  f.pos += k;
  return tmsize_t(k);
}

tmsize_t write_proc(thandle_t, void*, tmsize_t) { return -1; }  // opened read-only

toff_t seek_proc(thandle_t h, toff_t off, int whence) {
  MemFile& f = mem(h);
  uint64_t base = 0;
  if (whence == SEEK_CUR) base = f.pos;
  else if (whence == SEEK_END) base = f.size;
  else if (whence != SEEK_SET) return toff_t(-1);
  if (off > UINT64_MAX - base) return toff_t(-1);
  const uint64_t to = base + off;
  if (to > f.size) return toff_t(-1);  // nothing to read there: refuse rather than pretend
  f.pos = size_t(to);
  return to;
}

int close_proc(thandle_t) { return 0; }
toff_t size_proc(thandle_t h) { return mem(h).size; }
int map_proc(thandle_t, void**, toff_t*) { return 0; }  // no mapping: reads go through read_proc
void unmap_proc(thandle_t, void*, toff_t) {}

int on_error(TIFF*, void* user, const char*, const char* fmt, va_list ap) {
  MemFile& f = *static_cast<MemFile*>(user);
  if (f.error.empty()) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    f.error = buf;
    const std::string prefix = f.name + ": ";  // the ImageError names the file already
    if (f.error.compare(0, prefix.size(), prefix) == 0) f.error.erase(0, prefix.size());
    for (char& c : f.error)
      if (c == '\n' || c == '\r') c = ' ';  // one line
  }
  return 1;  // handled: nothing reaches stderr
}

int on_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }  // unknown tags etc.

struct TiffClose {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
struct OptionsFree {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

// libtiff's raster pixels are packed ABGR, premultiplied by alpha; composite on white.
inline void put_over_white(uint32_t px, uint8_t* out) {
  const uint32_t a = TIFFGetA(px);
  out[0] = uint8_t(std::min<uint32_t>(255, TIFFGetR(px) + 255 - a));
  out[1] = uint8_t(std::min<uint32_t>(255, TIFFGetG(px) + 255 - a));
  out[2] = uint8_t(std::min<uint32_t>(255, TIFFGetB(px) + 255 - a));
}

}  // namespace

bool tiff_decoder_available() { return true; }

Rgb8Image decode_tiff(const uint8_t* data, size_t size, const std::string& name, int64_t max_pixels) {
  auto fail = [&](const std::string& why) { return ImageError("cannot decode " + name + ": " + why); };
  MemFile file{data, size, 0, name, {}};
  std::unique_ptr<TIFFOpenOptions, OptionsFree> opts(TIFFOpenOptionsAlloc());
  if (!opts) throw fail("out of memory");
  TIFFOpenOptionsSetErrorHandlerExtR(opts.get(), on_error, &file);
  TIFFOpenOptionsSetWarningHandlerExtR(opts.get(), on_warning, &file);
  // No single allocation beyond what the largest allowed image needs (16-bit RGBA), so a forged
  // strip or tag size cannot ask for gigabytes.
  const int64_t cap = std::min<int64_t>(max_pixels, int64_t(1) << 40) * 8 + (int64_t(16) << 20);
  TIFFOpenOptionsSetMaxSingleMemAlloc(opts.get(), tmsize_t(std::min<int64_t>(cap, int64_t(1) << 40)));
  // "m": no memory mapping (there is no file); "r": read-only.
  std::unique_ptr<TIFF, TiffClose> tif(TIFFClientOpenExt(name.c_str(), "rm", &file, read_proc, write_proc,
                                                         seek_proc, close_proc, size_proc, map_proc,
                                                         unmap_proc, opts.get()));
  auto libtiff_says = [&](const char* otherwise) {
    return file.error.empty() ? std::string(otherwise) : "corrupt TIFF (" + file.error + ")";
  };
  if (!tif) throw fail(libtiff_says("not a readable TIFF"));

  uint32_t w = 0, h = 0;
  if (!TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &w) || !TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &h))
    throw fail(libtiff_says("TIFF without image width or length"));
  if (w == 0 || h == 0)
    throw fail("image has zero size (" + std::to_string(w) + "x" + std::to_string(h) + ")");
  if (w > uint32_t(INT_MAX) || h > uint32_t(INT_MAX) || int64_t(w) > max_pixels / int64_t(h))  // before any pixel buffer
    throw ImageError("cannot load " + name + ": image too large: " + std::to_string(w) + "x" + std::to_string(h) +
                     " exceeds the limit of " + std::to_string(max_pixels) + " pixels");

  char emsg[1024] = "";
  if (!TIFFRGBAImageOK(tif.get(), emsg)) throw fail(std::string("unsupported TIFF (") + emsg + ")");
  TIFFRGBAImage rgba{};
  if (!TIFFRGBAImageBegin(&rgba, tif.get(), /*stop on error*/ 1, emsg))
    throw fail(std::string("unsupported TIFF (") + emsg + ")");
  struct End {
    TIFFRGBAImage* r;
    ~End() { TIFFRGBAImageEnd(r); }
  } end{&rgba};
  // The rows and columns as stored (libtiff flips nothing when asked for the file's own orientation);
  // the Orientation tag, whose 8 values mean what EXIF's do, is applied afterwards, transposes included.
  const uint16_t o = rgba.orientation;
  const bool known = o >= ORIENTATION_TOPLEFT && o <= ORIENTATION_LEFTBOT;
  rgba.req_orientation = known ? o : uint16_t(ORIENTATION_TOPLEFT);

  // Errors while opening that libtiff recovered from (a malformed optional tag) are let pass; any
  // error while decoding pixels refuses the file (a truncated strip must not become a grey band).
  file.error.clear();
  Rgb8Image img(static_cast<int>(w), static_cast<int>(h));
  const uint32_t band = std::min(h, kBandRows);
  std::vector<uint32_t> raster(size_t(w) * band);
  for (uint32_t y0 = 0; y0 < h; y0 += band) {
    const uint32_t n = std::min(band, h - y0);
    rgba.row_offset = int(y0);
    rgba.col_offset = 0;
    if (!TIFFRGBAImageGet(&rgba, raster.data(), w, n)) throw fail(libtiff_says("corrupt or truncated TIFF data"));
    for (uint32_t r = 0; r < n; ++r) {
      uint8_t* out = img.data.data() + (size_t(y0 + r) * w) * 3;
      const uint32_t* in = raster.data() + size_t(r) * w;
      for (uint32_t x = 0; x < w; ++x) put_over_white(in[x], out + 3 * size_t(x));
    }
  }
  if (!file.error.empty()) throw fail("corrupt TIFF (" + file.error + ")");
  if (known) apply_exif_orientation(img, o);
  return img;
}
#endif

}  // namespace tinge
