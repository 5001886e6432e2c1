// Loading training photos and the packed dataset file.
#include "nn/dataset.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "core/evaluate.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"
#include "core/resample.hpp"

namespace tinge {

double mean_chroma(const Rgb8Image& img) {
  double s = 0;
  const size_t n = size_t(img.width) * size_t(img.height);
  for (size_t i = 0; i < n; ++i) {
    const double r = img.data[3 * i], g = img.data[3 * i + 1], b = img.data[3 * i + 2];
    const double cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
    const double cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
    s += std::sqrt(cb * cb + cr * cr);
  }
  return n ? s / double(n) : 0.0;
}

static Rgb8Image resize_rgb(const Rgb8Image& src, int w, int h) {
  Rgb8Image out(w, h);
  for (int c = 0; c < 3; ++c) {
    Plane p(src.width, src.height);
    for (size_t i = 0; i < p.v.size(); ++i) p.v[i] = src.data[3 * i + size_t(c)];
    Plane q = resize_area(p, w, h);
    for (size_t i = 0; i < q.v.size(); ++i)
      out.data[3 * i + size_t(c)] = uint8_t(std::clamp(std::lround(q.v[i]), 0L, 255L));
  }
  return out;
}

// A panorama or a strip (longer side over kMaxAspect times the shorter) keeps its centre part of that
// shape: upscaling a 1 x 3000 image to the crop size would otherwise make a 176 x 528000 one.
constexpr int kMaxAspect = 4;

static Rgb8Image centre_crop(const Rgb8Image& img, int w, int h) {
  Rgb8Image out(w, h);
  const int x0 = (img.width - w) / 2, y0 = (img.height - h) / 2;
  for (int y = 0; y < h; ++y)
    std::memcpy(out.data.data() + size_t(y) * size_t(w) * 3,
                img.data.data() + (size_t(y + y0) * size_t(img.width) + size_t(x0)) * 3, size_t(w) * 3);
  return out;
}

static Rgb8Image fit_size(Rgb8Image img, const DatasetOptions& opt) {
  const int64_t longest = int64_t(std::min(img.width, img.height)) * kMaxAspect;
  if (img.width > longest || img.height > longest)
    img = centre_crop(img, int(std::min<int64_t>(img.width, longest)),
                      int(std::min<int64_t>(img.height, longest)));
  const int s = std::min(img.width, img.height);
  int target =
      s > opt.max_short_side ? opt.max_short_side : (s < opt.min_short_side ? opt.min_short_side : s);
  if (target == s) return img;
  const double k = double(target) / double(s);
  int w = std::max(target, int(std::lround(img.width * k)));
  int h = std::max(target, int(std::lround(img.height * k)));
  if (img.width <= img.height)
    w = target;
  else
    h = target;
  return resize_rgb(img, w, h);
}

Dataset load_dataset_folder(const std::string& dir, const DatasetOptions& opt,
                            const std::function<void(const std::string&)>& warn,
                            const std::function<void(int, int)>& progress) {
  auto files = list_images(dir);
  if (opt.max_images > 0 && int(files.size()) > opt.max_images) files.resize(size_t(opt.max_images));
  if (files.empty()) throw Error("no images found in " + dir);
  if (opt.keep) {
    const auto base = [](const std::string& f) { return std::filesystem::path(f).filename().string(); };
    files.erase(
        std::remove_if(files.begin(), files.end(), [&](const std::string& f) { return !opt.keep(base(f)); }),
        files.end());
  }
  std::vector<Rgb8Image> imgs(files.size());
  std::vector<int> ok(files.size(), 0);
  std::atomic<size_t> next{0};
  std::atomic<int> done{0};
  std::mutex mu;
  auto work = [&] {
    for (size_t i; (i = next++) < files.size();) {
      try {
        auto img = load_image(files[i]);
        if (mean_chroma(img) < opt.min_chroma) {
          std::lock_guard<std::mutex> l(mu);
          if (warn) warn("skipping grayscale photo " + files[i]);
        } else {
          imgs[i] = fit_size(std::move(img), opt);
          ok[i] = 1;
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> l(mu);
        if (warn) warn(std::string("skipping ") + e.what());
      }
      int d = ++done;
      if (progress) {
        std::lock_guard<std::mutex> l(mu);
        progress(d, int(files.size()));
      }
    }
  };
  unsigned nt = std::max(1u, std::min(16u, std::thread::hardware_concurrency()));
  std::vector<std::thread> ts;
  for (unsigned t = 0; t < nt; ++t) ts.emplace_back(work);
  for (auto& t : ts) t.join();
  Dataset d;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!ok[i]) continue;
    auto slash = files[i].find_last_of('/');
    d.names.push_back(slash == std::string::npos ? files[i] : files[i].substr(slash + 1));
    d.images.push_back(std::move(imgs[i]));
  }
  if (d.images.empty() && !opt.keep) throw Error("no usable colour photos in " + dir);
  return d;
}

static const char kMagic[8] = {'T', 'I', 'N', 'G', 'E', 'P', 'K', '1'};

void save_packed(const Dataset& d, const std::string& path) {
  std::string out(kMagic, 8);
  auto put = [&](uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += char((v >> (8 * i)) & 0xff);
  };
  put(d.size(), 4);
  for (size_t i = 0; i < d.size(); ++i) {
    put(d.names[i].size(), 2);
    out += d.names[i];
    put(uint64_t(d.images[i].width), 4);
    put(uint64_t(d.images[i].height), 4);
    out.append(reinterpret_cast<const char*>(d.images[i].data.data()), d.images[i].data.size());
  }
  write_file_atomic(path, out);
}

namespace {

// A pack is read whole; this bounds what one may claim (65535^2 x 3 bytes per image at most anyway).
constexpr uint64_t kMaxPackBytes = uint64_t(1) << 40;

Dataset parse_packed(const std::string& buf, const std::string& path);

// A pack file's bytes (regular files only: never blocks on a FIFO).
std::string read_pack_file(const std::string& path) {
  try {
    return read_regular_file(path, kMaxPackBytes);
  } catch (const FileReadError& e) {
    throw Error("cannot read packed dataset " + path + ": " + e.what());
  }
}

}  // namespace

Dataset load_packed(const std::string& path) {
  return parse_packed(read_pack_file(path), path);
}

namespace {

Dataset parse_packed(const std::string& buf, const std::string& path) {
  size_t pos = 0;
  auto need = [&](size_t n) {
    if (buf.size() - pos < n) throw Error("packed dataset " + path + " is truncated");
  };
  auto get = [&](int bytes) {
    need(size_t(bytes));
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= uint64_t(uint8_t(buf[pos + size_t(i)])) << (8 * i);
    pos += size_t(bytes);
    return v;
  };
  need(8);
  if (std::memcmp(buf.data(), kMagic, 8) != 0) throw Error(path + " is not a tinge packed dataset");
  pos = 8;
  Dataset d;
  const uint64_t n = get(4);
  for (uint64_t i = 0; i < n; ++i) {
    const size_t len = get(2);
    need(len);
    d.names.push_back(buf.substr(pos, len));
    pos += len;
    const uint64_t w = get(4), h = get(4);
    if (w == 0 || h == 0 || w > 65535 || h > 65535)
      throw Error("packed dataset " + path + ": bad image size");
    need(w * h * 3);
    Rgb8Image img{int(w), int(h)};
    std::memcpy(img.data.data(), buf.data() + pos, w * h * 3);
    pos += w * h * 3;
    d.images.push_back(std::move(img));
  }
  if (d.images.empty()) throw Error("packed dataset " + path + " holds no photos");
  return d;
}

}  // namespace

Dataset load_dataset(const std::string& path, const DatasetOptions& opt,
                     const std::function<void(const std::string&)>& warn,
                     const std::function<void(int, int)>& progress) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    const std::string buf = read_pack_file(path);
    if (buf.size() < 8 || std::memcmp(buf.data(), kMagic, 8) != 0)
      throw Error(path + " is neither a folder of photos nor a packed dataset (made by tinge pack)");
    Dataset d = parse_packed(buf, path);
    if (opt.max_images > 0 && int(d.size()) > opt.max_images) {
      d.images.resize(size_t(opt.max_images));
      d.names.resize(size_t(opt.max_images));
    }
    if (opt.keep) {
      Dataset kept;
      for (size_t i = 0; i < d.size(); ++i)
        if (opt.keep(d.names[i])) {
          kept.names.push_back(std::move(d.names[i]));
          kept.images.push_back(std::move(d.images[i]));
        }
      return kept;
    }
    return d;
  }
  return load_dataset_folder(path, opt, warn, progress);
}

}  // namespace tinge
