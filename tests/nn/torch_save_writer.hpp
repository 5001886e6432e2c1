// Test helper: writes state dicts byte for byte the way Python's `torch.save` does (pickle protocol 2,
// an OrderedDict with a `_metadata` attribute set by BUILD, tensors as _rebuild_tensor_v2 with
// persistent storage references, memoised strings and globals), in the zip container of PyTorch >= 1.6
// (stored entries aligned to 64 bytes with an extra field, archive/version, archive/byteorder) or in
// the legacy stream format. No Python or PyTorch is needed to make the importer's inputs.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "nn/torch_checkpoint.hpp"

namespace tinge::test {

struct FakeTensor {
  std::string name;
  std::string storage_type = "FloatStorage";
  std::string storage;  // raw little-endian bytes of the whole storage
  int64_t numel = 0;    // elements in the storage
  int64_t offset = 0;
  std::vector<int64_t> size, stride;
};

class PickleWriter {
 public:
  std::string out;

  void op(uint8_t c) { out.push_back(char(c)); }
  void u32(uint32_t v) {
    for (int k = 0; k < 4; ++k) out.push_back(char((v >> (8 * k)) & 0xFF));
  }
  void put() {
    if (memo_ < 256) {
      op('q');
      op(uint8_t(memo_));
    } else {
      op('r');
      u32(memo_);
    }
    ++memo_;
  }
  void get(uint32_t m) {
    if (m < 256) {
      op('h');
      op(uint8_t(m));
    } else {
      op('j');
      u32(m);
    }
  }
  void str(const std::string& s) {  // memoised like Python's pickler
    auto it = strings_.find(s);
    if (it != strings_.end()) return get(it->second);
    op('X');
    u32(uint32_t(s.size()));
    out += s;
    strings_[s] = memo_;
    put();
  }
  void global(const std::string& mod, const std::string& name) {
    const std::string key = mod + "\n" + name;
    auto it = globals_.find(key);
    if (it != globals_.end()) return get(it->second);
    op('c');
    out += mod + "\n" + name + "\n";
    globals_[key] = memo_;
    put();
  }
  void integer(int64_t v) {
    if (v >= 0 && v < 256) {
      op('K');
      op(uint8_t(v));
    } else if (v >= 0 && v < 65536) {
      op('M');
      op(uint8_t(v & 0xFF));
      op(uint8_t(v >> 8));
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
      op('J');
      u32(uint32_t(int32_t(v)));
    } else {
      op(0x8a);
      op(8);
      for (int k = 0; k < 8; ++k) out.push_back(char((uint64_t(v) >> (8 * k)) & 0xFF));
    }
  }
  void int_tuple(const std::vector<int64_t>& v) {
    if (v.empty()) {
      op(')');
      return;
    }
    if (v.size() > 3) op('(');
    for (auto x : v) integer(x);
    op(v.size() > 3 ? uint8_t('t') : uint8_t(0x84 + v.size()));
    put();
  }
  void ordered_dict() {
    global("collections", "OrderedDict");
    op(')');
    op('R');
    put();
  }
  void tensor(const FakeTensor& t, const std::string& key, bool legacy) {
    global("torch._utils", "_rebuild_tensor_v2");
    op('(');
    // persistent id: ('storage', torch.<T>Storage, key, 'cpu', numel[, None])
    op('(');
    str("storage");
    global("torch", t.storage_type);
    str(key);
    str("cpu");
    integer(t.numel);
    if (legacy) op('N');
    op('t');
    put();
    op('Q');
    integer(t.offset);
    int_tuple(t.size);
    int_tuple(t.stride);
    op(0x89);  // requires_grad False
    ordered_dict();
    op('t');
    put();
    op('R');
    put();
  }
  void state_dict(const std::vector<FakeTensor>& ts, bool legacy) {
    op(0x80);
    op(2);
    ordered_dict();
    for (size_t i = 0; i < ts.size(); ++i) {
      if (i % 1000 == 0) op('(');
      str(ts[i].name);
      tensor(ts[i], std::to_string(i), legacy);
      if (i % 1000 == 999 || i + 1 == ts.size()) op('u');
    }
    // state for BUILD: {'_metadata': OrderedDict({'': {'version': 1}})}
    op('}');
    put();
    str("_metadata");
    ordered_dict();
    str("");
    op('}');
    put();
    str("version");
    integer(1);
    op('s');
    op('s');
    op('s');
    op('b');
    op('.');
  }

 private:
  uint32_t memo_ = 0;
  std::map<std::string, uint32_t> strings_, globals_;
};

inline void le_put(std::string& s, uint64_t v, int n) {
  for (int k = 0; k < n; ++k) s.push_back(char((v >> (8 * k)) & 0xFF));
}

// A zip archive of stored (uncompressed) entries laid out like PyTorch's writer.
inline std::string zip_stored(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string zip, cd;
  for (const auto& [name, data] : entries) {
    const uint32_t crc = zip_crc32(data.data(), data.size());
    const size_t lho = zip.size();
    // Pad so the data starts at a multiple of 64, with an "FB" extra field like PyTorch's writer.
    size_t pad = (64 - (lho + 30 + name.size() + 4) % 64) % 64;
    le_put(zip, 0x04034b50, 4);
    le_put(zip, 20, 2);
    le_put(zip, 0, 2);
    le_put(zip, 0, 2);  // stored
    le_put(zip, 0, 4);  // time, date
    le_put(zip, crc, 4);
    le_put(zip, data.size(), 4);
    le_put(zip, data.size(), 4);
    le_put(zip, name.size(), 2);
    le_put(zip, 4 + pad, 2);
    zip += name;
    le_put(zip, 0x4246, 2);  // "FB"
    le_put(zip, pad, 2);
    zip += std::string(pad, 'Z');
    zip += data;
    le_put(cd, 0x02014b50, 4);
    le_put(cd, 20, 2);
    le_put(cd, 20, 2);
    le_put(cd, 0, 2);
    le_put(cd, 0, 2);
    le_put(cd, 0, 4);
    le_put(cd, crc, 4);
    le_put(cd, data.size(), 4);
    le_put(cd, data.size(), 4);
    le_put(cd, name.size(), 2);
    le_put(cd, 0, 2);
    le_put(cd, 0, 2);
    le_put(cd, 0, 2);
    le_put(cd, 0, 2);
    le_put(cd, 0, 4);
    le_put(cd, lho, 4);
    cd += name;
  }
  const size_t cd_off = zip.size();
  zip += cd;
  le_put(zip, 0x06054b50, 4);
  le_put(zip, 0, 4);
  le_put(zip, entries.size(), 2);
  le_put(zip, entries.size(), 2);
  le_put(zip, cd.size(), 4);
  le_put(zip, cd_off, 4);
  le_put(zip, 0, 2);
  return zip;
}

// The zip container of torch.save (PyTorch >= 1.6), entries under "<stem>/". `pickle` replaces
// data.pkl when not empty.
inline std::string torch_save_zip(const std::vector<FakeTensor>& ts, const std::string& stem = "archive",
                                  const std::string& pickle = "") {
  PickleWriter pw;
  pw.state_dict(ts, false);
  std::vector<std::pair<std::string, std::string>> entries = {
      {stem + "/data.pkl", pickle.empty() ? pw.out : pickle}};
  for (size_t i = 0; i < ts.size(); ++i)
    entries.push_back({stem + "/data/" + std::to_string(i), ts[i].storage});
  entries.push_back({stem + "/version", "3\n"});
  entries.push_back({stem + "/byteorder", "little"});
  return zip_stored(entries);
}

// The legacy stream: magic, protocol version, sys info, the object, the storage keys, the storages.
inline std::string torch_save_legacy(const std::vector<FakeTensor>& ts) {
  std::string s;
  static const unsigned char magic[] = {0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46,
                                        0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.'};
  s.append(reinterpret_cast<const char*>(magic), sizeof magic);
  s += std::string("\x80\x02M\xe9\x03.", 6);  // 1001
  {
    PickleWriter w;
    w.op(0x80);
    w.op(2);
    w.op('}');
    w.put();
    w.op('(');
    w.str("protocol_version");
    w.integer(1001);
    w.str("little_endian");
    w.op(0x88);
    w.str("type_sizes");
    w.op('}');
    w.put();
    w.op('(');
    w.str("short");
    w.integer(2);
    w.str("int");
    w.integer(4);
    w.str("long");
    w.integer(4);
    w.op('u');
    w.op('u');
    w.op('.');
    s += w.out;
  }
  PickleWriter pw;
  pw.state_dict(ts, true);
  s += pw.out;
  PickleWriter kw;
  kw.op(0x80);
  kw.op(2);
  kw.op(']');
  kw.put();
  kw.op('(');
  for (size_t i = 0; i < ts.size(); ++i) kw.str(std::to_string(i));
  kw.op('e');
  kw.op('.');
  s += kw.out;
  for (const auto& t : ts) {
    le_put(s, uint64_t(t.numel), 8);
    s += t.storage;
  }
  return s;
}

// A contiguous F32 tensor record.
inline FakeTensor f32_tensor(const std::string& name, const std::vector<int64_t>& shape,
                             const std::vector<float>& v) {
  FakeTensor t;
  t.name = name;
  t.numel = int64_t(v.size());
  t.size = shape;
  t.stride.assign(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;) t.stride[d - 1] = t.stride[d] * shape[d];
  t.storage.assign(reinterpret_cast<const char*>(v.data()), v.size() * 4);
  return t;
}

struct Layer {
  std::string name;
  std::vector<int64_t> shape;
  bool is_long = false;
};

// The released SIGGRAPH17 state dict: names and shapes of SIGGRAPHGenerator as listed in
// richzhang/colorization colorizers/siggraph17.py (nn.Sequential indices included).
inline std::vector<Layer> siggraph17_layout() {
  std::vector<Layer> L;
  auto conv = [&](const std::string& p, int64_t in, int64_t out, int64_t k) {
    L.push_back({p + ".weight", {out, in, k, k}});
    L.push_back({p + ".bias", {out}});
  };
  auto convT = [&](const std::string& p, int64_t in, int64_t out) {
    L.push_back({p + ".weight", {in, out, 4, 4}});
    L.push_back({p + ".bias", {out}});
  };
  auto bn = [&](const std::string& p, int64_t c) {
    for (const char* n : {".weight", ".bias", ".running_mean", ".running_var"}) L.push_back({p + n, {c}});
    L.push_back({p + ".num_batches_tracked", {}, true});
  };
  conv("model1.0", 4, 64, 3), conv("model1.2", 64, 64, 3), bn("model1.4", 64);
  conv("model2.0", 64, 128, 3), conv("model2.2", 128, 128, 3), bn("model2.4", 128);
  conv("model3.0", 128, 256, 3), conv("model3.2", 256, 256, 3), conv("model3.4", 256, 256, 3),
      bn("model3.6", 256);
  conv("model4.0", 256, 512, 3), conv("model4.2", 512, 512, 3), conv("model4.4", 512, 512, 3),
      bn("model4.6", 512);
  for (const char* b : {"model5", "model6", "model7"}) {
    const std::string s = b;
    conv(s + ".0", 512, 512, 3), conv(s + ".2", 512, 512, 3), conv(s + ".4", 512, 512, 3), bn(s + ".6", 512);
  }
  convT("model8up.0", 512, 256), conv("model3short8.0", 256, 256, 3);
  conv("model8.1", 256, 256, 3), conv("model8.3", 256, 256, 3), bn("model8.5", 256);
  convT("model9up.0", 256, 128), conv("model2short9.0", 128, 128, 3), conv("model9.1", 128, 128, 3),
      bn("model9.3", 128);
  convT("model10up.0", 128, 128), conv("model1short10.0", 64, 128, 3), conv("model10.1", 128, 128, 3);
  conv("model_class.0", 256, 529, 1), conv("model_out.0", 128, 2, 1);
  return L;
}

// A SIGGRAPH17 state dict of random numbers with the released names and shapes, of a sensible scale
// (activations stay O(1) through the BatchNorms): weights with standard deviation
// 1/sqrt(fan_in), biases and BN shifts 0.1, BN scales and running variances U(0.5, 1.5), num_batches_tracked
// 1000.
inline std::vector<FakeTensor> random_siggraph17(unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> n01(0.f, 1.f);
  std::uniform_real_distribution<float> u(0.5f, 1.5f);
  std::vector<FakeTensor> ts;
  for (const auto& l : siggraph17_layout()) {
    if (l.is_long) {
      FakeTensor f;
      f.name = l.name;
      f.storage_type = "LongStorage";
      f.numel = 1;
      const int64_t v = 1000;
      f.storage.assign(reinterpret_cast<const char*>(&v), 8);
      ts.push_back(f);
      continue;
    }
    size_t count = 1;
    for (auto d : l.shape) count *= size_t(d);
    std::vector<float> v(count);
    const bool positive = l.name.find("running_var") != std::string::npos ||
                          (l.shape.size() == 1 && l.name.find(".weight") != std::string::npos);
    const float scale =
        l.shape.size() == 4 ? std::sqrt(1.f / float(l.shape[1] * l.shape[2] * l.shape[3])) : 0.1f;
    for (auto& x : v) x = positive ? u(rng) : n01(rng) * scale;
    ts.push_back(f32_tensor(l.name, l.shape, v));
  }
  return ts;
}

}  // namespace tinge::test
