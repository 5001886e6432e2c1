// libtiff decoding (see tiff_decode.hpp). The file is read from memory through libtiff's client
// I/O; libtiff's messages go to a per-file handler (never to stderr), and the first error becomes
// the one-line ImageError. Gray and RGB files of 8 or 16 bits are read strip by strip (or tile by
// tile) as stored, keeping their depth and alpha; every other layout goes through TIFFRGBAImage
// (every photometric and bit depth libtiff converts), a band of rows at a time into a small raster.
#include "tiff_decode.hpp"

#include <cstring>

#include "error.hpp"

#ifdef TINGE_HAVE_LIBTIFF
#include <tiffio.h>

#include <algorithm>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>
#endif

namespace tinge {

bool looks_like_tiff(const uint8_t* d, size_t size) {
  if (size < 4) return false;
  return (d[0] == 'I' && d[1] == 'I' && (d[2] == 42 || d[2] == 43) && d[3] == 0) ||
         (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && (d[3] == 42 || d[3] == 43));
}

#ifndef TINGE_HAVE_LIBTIFF
bool tiff_decoder_available() {
  return false;
}
SampleImage decode_tiff_samples(const uint8_t*, size_t, const std::string& name, int64_t) {
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

MemFile& mem(thandle_t h) {
  return *static_cast<MemFile*>(h);
}

tmsize_t read_proc(thandle_t h, void* buf, tmsize_t n) {
  MemFile& f = mem(h);
  if (n <= 0 || f.pos >= f.size) return 0;
  const size_t k = std::min(size_t(n), f.size - f.pos);
  std::memcpy(buf, f.data + f.pos, k);
  f.pos += k;
  return tmsize_t(k);
}

tmsize_t write_proc(thandle_t, void*, tmsize_t) {
  return -1;
}  // opened read-only

toff_t seek_proc(thandle_t h, toff_t off, int whence) {
  MemFile& f = mem(h);
  uint64_t base = 0;
  if (whence == SEEK_CUR)
    base = f.pos;
  else if (whence == SEEK_END)
    base = f.size;
  else if (whence != SEEK_SET)
    return toff_t(-1);
  if (off > UINT64_MAX - base) return toff_t(-1);
  const uint64_t to = base + off;
  if (to > f.size) return toff_t(-1);  // nothing to read there: refuse rather than pretend
  f.pos = size_t(to);
  return to;
}

int close_proc(thandle_t) {
  return 0;
}
toff_t size_proc(thandle_t h) {
  return mem(h).size;
}
int map_proc(thandle_t, void**, toff_t*) {
  return 0;
}  // no mapping: reads go through read_proc
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

int on_warning(TIFF*, void*, const char*, const char*, va_list) {
  return 1;
}  // unknown tags etc.

struct TiffClose {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
struct OptionsFree {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

}  // namespace

bool tiff_decoder_available() {
  return true;
}

namespace {

using Fail = std::function<ImageError(const std::string&)>;

// A gray or RGB layout of 8 or 16 bits whose samples are copied as stored.
struct Layout {
  int bits = 8;
  int spp = 1;              // samples per pixel in the file
  int color = 1;            // 1 gray, 3 RGB
  bool alpha = false;       // the first extra sample is alpha
  bool associated = false;  // ... premultiplied
  bool min_is_white = false;
  bool planar = false;
  int channels() const { return color + (alpha ? 1 : 0); }
};

// True (and `l` filled) when the file is gray or RGB, 8 or 16-bit unsigned samples, with only
// extra samples after the colour ones.
bool direct_layout(TIFF* tif, Layout& l) {
  uint16_t bits = 1, spp = 1, format = SAMPLEFORMAT_UINT, planar = PLANARCONFIG_CONTIG, photometric = 0;
  uint16_t n_extra = 0;
  uint16_t* extra = nullptr;
  TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &format);
  TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
  TIFFGetFieldDefaulted(tif, TIFFTAG_EXTRASAMPLES, &n_extra, &extra);
  if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric)) return false;
  if ((bits != 8 && bits != 16) || format != SAMPLEFORMAT_UINT) return false;
  if (photometric != PHOTOMETRIC_MINISBLACK && photometric != PHOTOMETRIC_MINISWHITE &&
      photometric != PHOTOMETRIC_RGB)
    return false;
  l.bits = bits;
  l.spp = spp;
  l.color = photometric == PHOTOMETRIC_RGB ? 3 : 1;
  l.min_is_white = photometric == PHOTOMETRIC_MINISWHITE;
  l.planar = planar == PLANARCONFIG_SEPARATE && spp > 1;
  uint16_t alpha_kind = EXTRASAMPLE_UNSPECIFIED;
  if (n_extra > 0 && extra) {
    alpha_kind = extra[0];
  } else if (l.color == 3 && spp == 4) {  // RGB + one untagged sample: alpha, as TIFFRGBAImage reads it
    alpha_kind = EXTRASAMPLE_ASSOCALPHA;
    n_extra = 1;
  }
  if (spp != l.color + n_extra) return false;
  l.alpha = alpha_kind == EXTRASAMPLE_ASSOCALPHA || alpha_kind == EXTRASAMPLE_UNASSALPHA;
  l.associated = alpha_kind == EXTRASAMPLE_ASSOCALPHA;
  return true;
}

// A decoded strip or tile: `rows` rows of `row_samples` samples, `step` samples per pixel; sample
// `first` of each pixel goes to output channel `channel` (every used sample of a contiguous block,
// or the one sample of a planar block).
struct Block {
  uint32_t x0, y0, cols, rows;
  size_t row_samples;
  int step;
};

template <typename T>
void put_block(const T* in, const Block& b, const Layout& l, int plane, SampleImage& img,
               std::vector<T>& dst) {
  const int out_ch = l.channels();
  for (int k = 0; k < out_ch; ++k) {
    const int src = k;  // output channel k comes from the file's sample k (alpha is the first extra)
    if (l.planar && src != plane) continue;
    const int off = l.planar ? 0 : src;
    for (uint32_t r = 0; r < b.rows; ++r) {
      const T* row = in + size_t(r) * b.row_samples + size_t(off);
      T* out = dst.data() + (size_t(b.y0 + r) * size_t(img.width) + b.x0) * size_t(out_ch) + size_t(k);
      for (uint32_t c = 0; c < b.cols; ++c) out[size_t(c) * size_t(out_ch)] = row[size_t(c) * size_t(b.step)];
    }
  }
}

// Reads every strip or tile of every plane and copies the used samples into `img`.
template <typename T>
void read_blocks(TIFF* tif, const Layout& l, SampleImage& img, std::vector<T>& dst, const Fail& fail) {
  const uint32_t w = uint32_t(img.width), h = uint32_t(img.height);
  const int planes = l.planar ? std::min(l.spp, l.channels()) : 1;
  const int step = l.planar ? 1 : l.spp;
  const bool tiled = TIFFIsTiled(tif) != 0;
  uint32_t bw = w, bh = h;
  if (tiled) {
    if (!TIFFGetField(tif, TIFFTAG_TILEWIDTH, &bw) || !TIFFGetField(tif, TIFFTAG_TILELENGTH, &bh) ||
        bw == 0 || bh == 0)
      throw fail("corrupt TIFF (tile size missing)");
  } else {
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &bh);
    bh = std::max<uint32_t>(1, std::min(bh, h));
  }
  // A forged tile size must not make us allocate more than the image itself (plus a little).
  const uint64_t block_samples = uint64_t(bw) * uint64_t(bh) * uint64_t(step);
  if (block_samples > uint64_t(w) * uint64_t(h) * uint64_t(l.spp) + (uint64_t(1) << 22))
    throw fail("unsupported TIFF (" + std::to_string(bw) + "x" + std::to_string(bh) + " tiles for a " +
               std::to_string(w) + "x" + std::to_string(h) + " image)");
  std::vector<T> buf(static_cast<size_t>(block_samples));
  for (int p = 0; p < planes; ++p)
    for (uint32_t y = 0; y < h; y += bh)
      for (uint32_t x = 0; x < w; x += bw) {
        const Block b{x, y, std::min(bw, w - x), std::min(bh, h - y), size_t(bw) * size_t(step), step};
        // A strip holds only the rows left; a tile is always whole.
        const tmsize_t want = tmsize_t(sizeof(T) * (tiled ? block_samples : size_t(b.rows) * b.row_samples));
        const tmsize_t got =
            tiled ? TIFFReadEncodedTile(tif, TIFFComputeTile(tif, x, y, 0, uint16_t(p)), buf.data(), want)
                  : TIFFReadEncodedStrip(tif, TIFFComputeStrip(tif, y, uint16_t(p)), buf.data(), want);
        if (got < want) throw fail("corrupt or truncated TIFF data");
        put_block(buf.data(), b, l, p, img, dst);
      }
}

// Min-is-white gray inverted; associated (premultiplied) alpha turned into straight alpha.
template <typename T>
void to_straight_samples(const Layout& l, uint32_t max, std::vector<T>& v) {
  const size_t ch = size_t(l.channels());
  for (size_t i = 0; i < v.size(); i += ch) {
    if (l.min_is_white)
      for (size_t c = 0; c < size_t(l.color); ++c) v[i + c] = T(max - v[i + c]);
    if (l.alpha && l.associated) {
      const uint32_t a = v[i + ch - 1];
      for (size_t c = 0; c < size_t(l.color); ++c)
        v[i + c] = T(a == 0 ? 0 : std::min<uint32_t>(max, (uint32_t(v[i + c]) * max + a / 2) / a));
    }
  }
}

SampleImage read_direct(TIFF* tif, const Layout& l, uint32_t w, uint32_t h, const Fail& fail) {
  SampleImage img(int(w), int(h), l.channels(), l.bits);
  if (l.bits == 16) {
    read_blocks(tif, l, img, img.s16, fail);
    to_straight_samples(l, 65535u, img.s16);
  } else {
    read_blocks(tif, l, img, img.s8, fail);
    to_straight_samples(l, 255u, img.s8);
  }
  return img;
}

// Any other layout through TIFFRGBAImage: 8-bit RGB, or RGBA when the file has alpha.
SampleImage read_raster(TIFF* tif, uint32_t w, uint32_t h, const Fail& fail,
                        const std::function<std::string(const char*)>& libtiff_says) {
  char emsg[1024] = "";
  if (!TIFFRGBAImageOK(tif, emsg)) throw fail(std::string("unsupported TIFF (") + emsg + ")");
  TIFFRGBAImage rgba{};
  if (!TIFFRGBAImageBegin(&rgba, tif, /*stop on error*/ 1, emsg))
    throw fail(std::string("unsupported TIFF (") + emsg + ")");
  struct End {
    TIFFRGBAImage* r;
    ~End() { TIFFRGBAImageEnd(r); }
  } end{&rgba};
  // The rows and columns as stored (libtiff flips nothing when asked for the file's own orientation).
  const uint16_t o = rgba.orientation;
  rgba.req_orientation =
      o >= ORIENTATION_TOPLEFT && o <= ORIENTATION_LEFTBOT ? o : uint16_t(ORIENTATION_TOPLEFT);
  const int ch = rgba.alpha ? 4 : 3;
  SampleImage img(int(w), int(h), ch, 8);
  const uint32_t band = std::min(h, kBandRows);
  std::vector<uint32_t> raster(size_t(w) * band);
  for (uint32_t y0 = 0; y0 < h; y0 += band) {
    const uint32_t n = std::min(band, h - y0);
    rgba.row_offset = int(y0);
    rgba.col_offset = 0;
    if (!TIFFRGBAImageGet(&rgba, raster.data(), w, n))
      throw fail(libtiff_says("corrupt or truncated TIFF data"));
    for (uint32_t r = 0; r < n; ++r) {
      uint8_t* out = img.s8.data() + size_t(y0 + r) * w * size_t(ch);
      const uint32_t* in = raster.data() + size_t(r) * w;
      for (uint32_t x = 0; x < w; ++x, out += ch) {
        // Packed ABGR, premultiplied by alpha: back to straight colour.
        const uint32_t px = in[x], a = TIFFGetA(px);
        const uint32_t rgb[3] = {TIFFGetR(px), TIFFGetG(px), TIFFGetB(px)};
        for (int c = 0; c < 3; ++c)
          out[c] = uint8_t(ch == 3  ? rgb[c]
                           : a == 0 ? 0
                                    : std::min<uint32_t>(255, (rgb[c] * 255 + a / 2) / a));
        if (ch == 4) out[3] = uint8_t(a);
      }
    }
  }
  return img;
}

}  // namespace

SampleImage decode_tiff_samples(const uint8_t* data, size_t size, const std::string& name,
                                int64_t max_pixels) {
  const Fail fail = [&](const std::string& why) { return ImageError("cannot decode " + name + ": " + why); };
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
  const std::function<std::string(const char*)> libtiff_says = [&](const char* otherwise) {
    return file.error.empty() ? std::string(otherwise) : "corrupt TIFF (" + file.error + ")";
  };
  if (!tif) throw fail(libtiff_says("not a readable TIFF"));

  uint32_t w = 0, h = 0;
  if (!TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &w) || !TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &h))
    throw fail(libtiff_says("TIFF without image width or length"));
  if (w == 0 || h == 0)
    throw fail("image has zero size (" + std::to_string(w) + "x" + std::to_string(h) + ")");
  if (w > uint32_t(INT_MAX) || h > uint32_t(INT_MAX) ||
      int64_t(w) > max_pixels / int64_t(h))  // before any pixel buffer
    throw ImageError("cannot load " + name + ": image too large: " + std::to_string(w) + "x" +
                     std::to_string(h) + " exceeds the limit of " + std::to_string(max_pixels) + " pixels");
  uint16_t o = ORIENTATION_TOPLEFT;
  TIFFGetFieldDefaulted(tif.get(), TIFFTAG_ORIENTATION, &o);

  // Errors while opening that libtiff recovered from (a malformed optional tag) are let pass; any
  // error while decoding pixels refuses the file (a truncated strip must not become a grey band).
  file.error.clear();
  Layout layout;
  SampleImage img = direct_layout(tif.get(), layout) ? read_direct(tif.get(), layout, w, h, fail)
                                                     : read_raster(tif.get(), w, h, fail, libtiff_says);
  if (!file.error.empty()) throw fail("corrupt TIFF (" + file.error + ")");
  // The Orientation tag's 8 values mean what EXIF's do, transposes included.
  img.orientation = o >= ORIENTATION_TOPLEFT && o <= ORIENTATION_LEFTBOT ? o : 1;
  return img;
}
#endif

}  // namespace tinge
