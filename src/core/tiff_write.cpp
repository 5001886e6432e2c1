// encode_tiff (see tiff_write.hpp): libtiff writes through client I/O into a growing buffer, row by
// row; its messages go to a per-file handler, and the first error becomes the ImageError.
#include "tiff_write.hpp"

#include "error.hpp"

#ifdef TINGE_HAVE_LIBTIFF
#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>
#endif

namespace tinge {

#ifndef TINGE_HAVE_LIBTIFF
bool tiff_writer_available() {
  return false;
}
std::string encode_tiff(const SampleImage&, const std::string& name) {
  throw ImageError("cannot save " + name + ": TIFF is not supported by this build (no libtiff)");
}
#else
namespace {

struct MemOut {
  std::string bytes;
  size_t pos = 0;
  std::string error;  // libtiff's first error message
};

MemOut& out(thandle_t h) {
  return *static_cast<MemOut*>(h);
}

tmsize_t read_proc(thandle_t h, void* buf, tmsize_t n) {
  MemOut& f = out(h);
  if (n <= 0 || f.pos >= f.bytes.size()) return 0;
  const size_t k = std::min(size_t(n), f.bytes.size() - f.pos);
  std::memcpy(buf, f.bytes.data() + f.pos, k);
  f.pos += k;
  return tmsize_t(k);
}

tmsize_t write_proc(thandle_t h, void* buf, tmsize_t n) {
  MemOut& f = out(h);
  if (n < 0) return -1;
  if (f.pos + size_t(n) > f.bytes.size()) f.bytes.resize(f.pos + size_t(n));
  std::memcpy(&f.bytes[f.pos], buf, size_t(n));
  f.pos += size_t(n);
  return n;
}

toff_t seek_proc(thandle_t h, toff_t off, int whence) {
  MemOut& f = out(h);
  uint64_t base = 0;
  if (whence == SEEK_CUR)
    base = f.pos;
  else if (whence == SEEK_END)
    base = f.bytes.size();
  else if (whence != SEEK_SET)
    return toff_t(-1);
  const uint64_t to = base + off;
  if (to > (uint64_t(1) << 40)) return toff_t(-1);
  if (to > f.bytes.size()) f.bytes.resize(size_t(to));  // seeking past the end extends with zeros
  f.pos = size_t(to);
  return to;
}

int close_proc(thandle_t) {
  return 0;
}
toff_t size_proc(thandle_t h) {
  return out(h).bytes.size();
}
int map_proc(thandle_t, void**, toff_t*) {
  return 0;
}
void unmap_proc(thandle_t, void*, toff_t) {}

int on_error(TIFF*, void* user, const char*, const char* fmt, va_list ap) {
  MemOut& f = *static_cast<MemOut*>(user);
  if (f.error.empty()) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    f.error = buf;
    for (char& c : f.error)
      if (c == '\n' || c == '\r') c = ' ';
  }
  return 1;
}
int on_warning(TIFF*, void*, const char*, const char*, va_list) {
  return 1;
}

struct OptionsFree {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

// Writes the tags and rows; false when libtiff refused something (MemOut::error says what).
bool write_image(TIFF* tif, const SampleImage& img) {
  const bool rgb = img.channels >= 3;
  bool ok =
      TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, uint32_t(img.width)) &&
      TIFFSetField(tif, TIFFTAG_IMAGELENGTH, uint32_t(img.height)) &&
      TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, uint16_t(img.bits)) &&
      TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, uint16_t(img.channels)) &&
      TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, uint16_t(SAMPLEFORMAT_UINT)) &&
      TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, uint16_t(rgb ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK)) &&
      TIFFSetField(tif, TIFFTAG_PLANARCONFIG, uint16_t(PLANARCONFIG_CONTIG)) &&
      TIFFSetField(tif, TIFFTAG_ORIENTATION, uint16_t(ORIENTATION_TOPLEFT)) &&
      TIFFSetField(tif, TIFFTAG_SOFTWARE, "tinge");
  if (ok && img.has_alpha()) {
    const uint16_t kind[1] = {EXTRASAMPLE_UNASSALPHA};
    ok = TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, uint16_t(1), kind);
  }
  if (ok && TIFFIsCODECConfigured(COMPRESSION_ADOBE_DEFLATE))
    ok = TIFFSetField(tif, TIFFTAG_COMPRESSION, uint16_t(COMPRESSION_ADOBE_DEFLATE)) &&
         TIFFSetField(tif, TIFFTAG_PREDICTOR, uint16_t(PREDICTOR_HORIZONTAL));
  ok = ok && TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(tif, 0));
  const size_t n = size_t(img.width) * size_t(img.channels);
  std::vector<uint8_t> row8(img.bits == 8 ? n : 0);
  std::vector<uint16_t> row16(img.bits == 16 ? n : 0);
  for (int y = 0; ok && y < img.height; ++y) {
    // A copy: the predictor changes the row it is given.
    void* row = nullptr;
    if (img.bits == 16) {
      std::copy_n(img.s16.begin() + std::ptrdiff_t(size_t(y) * n), n, row16.begin());
      row = row16.data();
    } else {
      std::copy_n(img.s8.begin() + std::ptrdiff_t(size_t(y) * n), n, row8.begin());
      row = row8.data();
    }
    ok = TIFFWriteScanline(tif, row, uint32_t(y), 0) == 1;
  }
  return ok && TIFFWriteDirectory(tif);
}

}  // namespace

bool tiff_writer_available() {
  return true;
}

std::string encode_tiff(const SampleImage& img, const std::string& name) {
  check_for_saving(img, name);
  MemOut file;
  std::unique_ptr<TIFFOpenOptions, OptionsFree> opts(TIFFOpenOptionsAlloc());
  if (!opts) throw ImageError("cannot save " + name + ": out of memory");
  TIFFOpenOptionsSetErrorHandlerExtR(opts.get(), on_error, &file);
  TIFFOpenOptionsSetWarningHandlerExtR(opts.get(), on_warning, &file);
  // "w": write a classic TIFF (BigTIFF past 4 GB: "w8"); "m": no memory mapping.
  const uint64_t samples = uint64_t(img.width) * uint64_t(img.height) * uint64_t(img.channels);
  const uint64_t raw = samples * uint64_t(img.bits / 8);
  TIFF* tif =
      TIFFClientOpenExt(name.c_str(), raw > (uint64_t(3) << 30) ? "w8m" : "wm", &file, read_proc, write_proc,
                        seek_proc, close_proc, size_proc, map_proc, unmap_proc, opts.get());
  if (!tif) throw ImageError("cannot save " + name + ": libtiff failed (" + file.error + ")");
  const bool ok = write_image(tif, img);
  TIFFClose(tif);  // flushes what is left
  if (!ok || !file.error.empty())
    throw ImageError("cannot save " + name + ": libtiff failed (" +
                     (file.error.empty() ? "unknown error" : file.error) + ")");
  return std::move(file.bytes);
}
#endif

}  // namespace tinge
