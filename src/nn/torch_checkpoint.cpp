// PyTorch checkpoint containers (see torch_checkpoint.hpp): zip archives and the legacy stream.
#include "nn/torch_checkpoint.hpp"

#include <array>
#include <cstring>
#include <fstream>
#include <set>

#include "core/error.hpp"
#include "nn/torch_pickle.hpp"

namespace tinge {
namespace {

using pickle::Kind;
using pickle::Ptr;

struct Reader {
  const std::string& b;
  const std::string& name;
  [[noreturn]] void fail(const std::string& what) const {
    throw ModelError("checkpoint " + name + ": " + what);
  }
  uint64_t le(size_t at, int n) const {
    if (at > b.size() || size_t(n) > b.size() - at) fail("truncated");
    uint64_t v = 0;
    for (int k = 0; k < n; ++k) v |= uint64_t(uint8_t(b[at + size_t(k)])) << (8 * k);
    return v;
  }
};

struct Entry {
  size_t offset = 0, size = 0;
  uint32_t crc = 0;
};

// Zip central directory -> stored entries by name.
std::map<std::string, Entry> zip_entries(const Reader& r) {
  const std::string& b = r.b;
  if (b.size() < 22) r.fail("truncated zip archive");
  size_t eocd = std::string::npos;
  const size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
  for (size_t p = b.size() - 22 + 1; p-- > lowest;)
    if (r.le(p, 4) == 0x06054b50) {
      eocd = p;
      break;
    }
  if (eocd == std::string::npos) r.fail("zip end-of-directory record not found (truncated file?)");
  uint64_t count = r.le(eocd + 10, 2), cd = r.le(eocd + 16, 4);
  if ((count == 0xFFFF || cd == 0xFFFFFFFFu) && eocd >= 20 && r.le(eocd - 20, 4) == 0x07064b50) {
    const uint64_t z = r.le(eocd - 20 + 8, 8);
    if (z > b.size() || r.le(size_t(z), 4) != 0x06064b50) r.fail("bad zip64 end-of-directory record");
    count = r.le(size_t(z) + 32, 8);
    cd = r.le(size_t(z) + 48, 8);
  }
  if (cd > b.size() || count > b.size() / 46) r.fail("zip central directory out of range");
  std::map<std::string, Entry> out;
  size_t p = size_t(cd);
  for (uint64_t i = 0; i < count; ++i) {
    if (r.le(p, 4) != 0x02014b50) r.fail("bad zip central directory entry");
    const uint64_t method = r.le(p + 10, 2), crc = r.le(p + 16, 4);
    uint64_t csize = r.le(p + 20, 4), usize = r.le(p + 24, 4), lho = r.le(p + 42, 4);
    const size_t nlen = size_t(r.le(p + 28, 2)), xlen = size_t(r.le(p + 30, 2)),
                 clen = size_t(r.le(p + 32, 2));
    if (p + 46 + nlen > b.size()) r.fail("truncated zip central directory");
    std::string nm = b.substr(p + 46, nlen);
    // zip64 extra field: the 8-byte values of the fields that are 0xFFFFFFFF, in order.
    for (size_t x = p + 46 + nlen; x + 4 <= p + 46 + nlen + xlen;) {
      const uint64_t id = r.le(x, 2), len = r.le(x + 2, 2);
      if (id == 1) {
        size_t q = x + 4;
        if (usize == 0xFFFFFFFFu) usize = r.le(q, 8), q += 8;
        if (csize == 0xFFFFFFFFu) csize = r.le(q, 8), q += 8;
        if (lho == 0xFFFFFFFFu) lho = r.le(q, 8);
      }
      x += 4 + size_t(len);
    }
    if (method != 0) r.fail("entry '" + nm + "' is compressed (PyTorch writes stored entries)");
    if (csize != usize) r.fail("entry '" + nm + "' has inconsistent sizes");
    if (lho > b.size() || r.le(size_t(lho), 4) != 0x04034b50) r.fail("entry '" + nm + "': bad local header");
    const size_t data =
        size_t(lho) + 30 + size_t(r.le(size_t(lho) + 26, 2)) + size_t(r.le(size_t(lho) + 28, 2));
    if (data > b.size() || usize > b.size() - data)
      r.fail("entry '" + nm + "' runs past the end of the file");
    out[nm] = {data, size_t(usize), uint32_t(crc)};
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

float half_to_float(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000) << 16, exp = (h >> 10) & 0x1F, man = h & 0x3FF;
  uint32_t bits;
  if (exp == 0) {
    if (man == 0) {
      bits = sign;
    } else {  // subnormal
      int e = -1;
      uint32_t m = man;
      do {
        ++e;
        m <<= 1;
      } while (!(m & 0x400));
      bits = sign | (uint32_t(127 - 15 - e) << 23) | ((m & 0x3FF) << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7F800000u | (man << 13);
  } else {
    bits = sign | ((exp + 112) << 23) | (man << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

// A tensor's strided view of its storage's bytes -> a contiguous blob (floating point as F32).
TensorBlob materialise(const Reader& r, const std::string& tname, const pickle::Value& t, const char* data,
                       size_t bytes) {
  const auto& st = *t.storage;
  const size_t es = dtype_size(st.dtype);
  // Every product below is checked: a forged element count, stride or offset must not wrap around.
  if (es == 0 || st.numel < 0 || uint64_t(st.numel) > uint64_t(SIZE_MAX) / es ||
      bytes != size_t(st.numel) * es)
    r.fail("tensor '" + tname + "': storage holds " + std::to_string(bytes) + " bytes, expected " +
           std::to_string(st.numel) + " elements of " + st.dtype);
  if (t.offset < 0 || t.size.size() != t.stride.size())
    r.fail("tensor '" + tname + "': bad offset or stride");
  int64_t n = 1, last = t.offset;
  for (size_t d = 0; d < t.size.size(); ++d) {
    if (t.size[d] < 0 || t.stride[d] < 0 || t.size[d] > (int64_t(1) << 40))
      r.fail("tensor '" + tname + "': bad size or stride");
    if (__builtin_mul_overflow(n, t.size[d], &n) || n > (int64_t(1) << 40))
      r.fail("tensor '" + tname + "': too large");
    int64_t span = 0;
    if (t.size[d] > 0 && (__builtin_mul_overflow(t.size[d] - 1, t.stride[d], &span) ||
                          __builtin_add_overflow(last, span, &last)))
      r.fail("tensor '" + tname + "' reaches past the end of its storage");
  }
  if (n > 0 && last >= st.numel) r.fail("tensor '" + tname + "' reaches past the end of its storage");
  const bool to_f32 = st.dtype == "F64" || st.dtype == "F16" || st.dtype == "BF16" || st.dtype == "F32";
  TensorBlob out;
  out.dtype = to_f32 ? "F32" : st.dtype;
  out.shape = t.size;
  const size_t oes = to_f32 ? 4 : es;
  out.bytes.resize(size_t(n) * oes);
  std::vector<int64_t> idx(t.size.size(), 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t src = t.offset;
    for (size_t d = 0; d < idx.size(); ++d) src += idx[d] * t.stride[d];
    const char* s = data + size_t(src) * es;
    char* o = &out.bytes[size_t(i) * oes];
    if (!to_f32 || st.dtype == "F32") {
      std::memcpy(o, s, oes);
    } else {
      float f;
      if (st.dtype == "F64") {
        double v;
        std::memcpy(&v, s, 8);
        f = float(v);
      } else {
        uint16_t h;
        std::memcpy(&h, s, 2);
        if (st.dtype == "F16") {
          f = half_to_float(h);
        } else {
          const uint32_t bits = uint32_t(h) << 16;
          std::memcpy(&f, &bits, 4);
        }
      }
      std::memcpy(o, &f, 4);
    }
    for (size_t d = idx.size(); d-- > 0;) {
      if (++idx[d] < t.size[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

// The dict of tensors inside the unpickled root (a state dict, or {"state_dict": ...}).
Ptr state_dict_of(const Reader& r, const Ptr& root) {
  if (!root || root->kind != Kind::Dict)
    r.fail("the pickled object is not a dict (save the model's state_dict(), not the model)");
  for (const char* k : {"state_dict", "model", "net"})
    if (auto inner = pickle::dict_get(root, k); inner && inner->kind == Kind::Dict) return inner;
  return root;
}

template <class Lookup>
TorchStateDict collect(const Reader& r, const Ptr& root, Lookup&& storage_bytes, const std::string& format) {
  TorchStateDict out;
  out.format = format;
  for (const auto& [k, v] : state_dict_of(r, root)->entries) {
    if (k->kind != Kind::Str || v->kind != Kind::Tensor) continue;
    auto [data, bytes] = storage_bytes(*v->storage);
    out.tensors[k->s] = materialise(r, k->s, *v, data, bytes);
  }
  if (out.tensors.empty()) r.fail("no tensors found (not a state dict)");
  return out;
}

TorchStateDict read_zip(const Reader& r) {
  auto entries = zip_entries(r);
  std::string prefix;
  bool found = false;
  for (const auto& [nm, e] : entries) {
    const std::string tail = "data.pkl";
    if (nm.size() >= tail.size() && nm.compare(nm.size() - tail.size(), tail.size(), tail) == 0 &&
        nm.find('/') == nm.size() - tail.size() - 1) {
      prefix = nm.substr(0, nm.size() - tail.size());
      found = true;
      break;
    }
  }
  if (!found) r.fail("zip archive without data.pkl (not a torch.save file)");
  auto check = [&](const std::string& nm) -> const Entry& {
    auto it = entries.find(nm);
    if (it == entries.end()) r.fail("missing archive entry '" + nm + "'");
    if (zip_crc32(r.b.data() + it->second.offset, it->second.size) != it->second.crc)
      r.fail("archive entry '" + nm + "' is corrupt (CRC mismatch)");
    return it->second;
  };
  if (auto bo = entries.find(prefix + "byteorder"); bo != entries.end()) {
    if (r.b.compare(bo->second.offset, bo->second.size, "little") != 0)
      r.fail("big-endian checkpoints are not supported");
  }
  const Entry& pkl = check(prefix + "data.pkl");
  const std::string pk = r.b.substr(pkl.offset, pkl.size);
  const auto res = pickle::unpickle(pk, 0, "checkpoint " + r.name);  // owns the objects
  return collect(
      r, res.value,
      [&](const pickle::Value& s) {
        const Entry& e = check(prefix + "data/" + s.key);
        return std::pair<const char*, size_t>(r.b.data() + e.offset, e.size);
      },
      "zip");
}

TorchStateDict read_legacy(const Reader& r) {
  const std::string cname = "checkpoint " + r.name;
  static const unsigned char magic[] = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
  auto m = pickle::unpickle(r.b, 0, cname);
  if (m.value->kind != Kind::Bytes ||
      m.value->s != std::string(reinterpret_cast<const char*>(magic), sizeof magic))
    r.fail("not a PyTorch checkpoint (bad magic number)");
  auto ver = pickle::unpickle(r.b, m.end, cname);
  if (ver.value->kind != Kind::Int || ver.value->i != 1001) r.fail("unsupported legacy protocol version");
  auto sys = pickle::unpickle(r.b, ver.end, cname);
  if (auto le = pickle::dict_get(sys.value, "little_endian"); le && le->kind == Kind::Bool && !le->i)
    r.fail("big-endian checkpoints are not supported");
  auto main = pickle::unpickle(r.b, sys.end, cname);
  auto keys = pickle::unpickle(r.b, main.end, cname);
  if (keys.value->kind != Kind::List) r.fail("storage key list missing");
  // Element types of the storages, from every reference to them in the pickled object.
  std::map<std::string, std::string> dtypes;
  std::vector<Ptr> todo = {main.value};
  std::set<const pickle::Value*> seen;  // shared (memoised) objects are walked once
  while (!todo.empty()) {
    Ptr v = todo.back();
    todo.pop_back();
    if (!v || !seen.insert(v).second) continue;
    if (v->kind == Kind::Storage) dtypes[v->key] = v->dtype;
    if (v->kind == Kind::Tensor) todo.push_back(v->storage);
    for (const auto& x : v->items) todo.push_back(x);
    for (const auto& [a, b] : v->entries) todo.push_back(b);
  }
  // Storages follow in the order of the key list: an int64 element count, then the raw data.
  std::map<std::string, std::pair<size_t, size_t>> where;  // key -> (offset of data, element count)
  size_t p = keys.end;
  for (const auto& k : keys.value->items) {
    if (k->kind != Kind::Str) r.fail("storage key is not a string");
    const uint64_t n = r.le(p, 8);
    where[k->s] = {p + 8, size_t(n)};
    auto st = dtypes.find(k->s);
    if (st == dtypes.end()) r.fail("storage '" + k->s + "' is listed but never used");
    const size_t es = dtype_size(st->second);
    if (n > (r.b.size() - p - 8) / es) r.fail("storage '" + k->s + "' runs past the end of the file");
    p += 8 + size_t(n) * es;
  }
  return collect(
      r, main.value,
      [&](const pickle::Value& s) {
        auto it = where.find(s.key);
        if (it == where.end()) r.fail("storage '" + s.key + "' is missing");
        return std::pair<const char*, size_t>(r.b.data() + it->second.first,
                                              it->second.second * dtype_size(s.dtype));
      },
      "legacy");
}

}  // namespace

uint32_t zip_crc32(const char* data, size_t n, uint32_t crc) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) crc = table[(crc ^ uint8_t(data[i])) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

TorchStateDict parse_torch_state_dict(const std::string& bytes, const std::string& name) {
  Reader r{bytes, name};
  if (bytes.size() < 8) r.fail("truncated (" + std::to_string(bytes.size()) + " bytes)");
  if (bytes.compare(0, 4, "PK\x03\x04") == 0) return read_zip(r);
  if (uint8_t(bytes[0]) == 0x80 && uint8_t(bytes[2]) == 0x8a) return read_legacy(r);
  if (bytes.size() > 262 && bytes.compare(257, 5, "ustar") == 0)
    r.fail("tar-format checkpoint (PyTorch < 0.4) is not supported; re-save it with a newer PyTorch");
  r.fail("not a PyTorch checkpoint (neither a zip archive nor a legacy pickle stream)");
}

TorchStateDict read_torch_state_dict(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError("cannot open checkpoint " + path);
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0 || uint64_t(size) > (uint64_t(4) << 30))
    throw ModelError("checkpoint " + path + ": larger than 4 GB");
  in.seekg(0);
  std::string bytes(size_t(size), '\0');
  in.read(bytes.data(), size);
  if (!in) throw ModelError("cannot read checkpoint " + path);
  return parse_torch_state_dict(bytes, path);
}

}  // namespace tinge
