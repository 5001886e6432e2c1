// The pickle subset interpreter (see torch_pickle.hpp). Iterative (no recursion), every read bounds
// checked, memo and stack bounded by the input's size.
#include "nn/torch_pickle.hpp"

#include <cstring>
#include <map>

#include "core/error.hpp"

namespace tinge::pickle {
namespace {

std::string storage_dtype(const std::string& global) {
  // "torch.FloatStorage", "torch.cuda.FloatStorage", ...
  static const std::map<std::string, std::string> types = {
      {"FloatStorage", "F32"}, {"DoubleStorage", "F64"}, {"HalfStorage", "F16"},  {"BFloat16Storage", "BF16"},
      {"LongStorage", "I64"},  {"IntStorage", "I32"},    {"ShortStorage", "I16"}, {"CharStorage", "I8"},
      {"ByteStorage", "U8"},   {"BoolStorage", "BOOL"}};
  const auto dot = global.rfind('.');
  if (global.rfind("torch.", 0) != 0 || dot == std::string::npos) return "";
  auto it = types.find(global.substr(dot + 1));
  return it == types.end() ? "" : it->second;
}

class Machine {
 public:
  Machine(const std::string& buf, size_t pos, const std::string& name)
      : b_(buf), p_(pos), name_(name), arena_(std::make_shared<std::vector<std::unique_ptr<Value>>>()) {}

  Result run() {
    for (;;) {
      const size_t at = p_;
      const uint8_t op = u8();
      switch (op) {
        case 0x80: {  // PROTO
          const uint8_t v = u8();
          if (v > 5) fail("pickle protocol " + std::to_string(v) + " is not supported", at);
          break;
        }
        case 0x95:
          skip(8);
          break;  // FRAME (length hint only)
        case '(':
          marks_.push_back(st_.size());
          break;     // MARK
        case '.': {  // STOP
          if (st_.size() != 1 || !marks_.empty()) fail("malformed pickle: stack not balanced at STOP", at);
          return {arena_, st_.back(), p_};
        }
        case ')':
          push(make(Kind::Tuple));
          break;
        case ']':
          push(make(Kind::List));
          break;
        case '}':
          push(make(Kind::Dict));
          break;
        case 'N':
          push(make(Kind::None));
          break;
        case 0x88:
        case 0x89: {
          auto v = make(Kind::Bool);
          v->i = op == 0x88;
          push(v);
          break;
        }
        case 'J':
          push_int(int32_t(le(4)));
          break;  // BININT
        case 'K':
          push_int(int64_t(le(1)));
          break;  // BININT1
        case 'M':
          push_int(int64_t(le(2)));
          break;  // BININT2
        case 0x8a:
          push_long(size_t(le(1)), at);
          break;  // LONG1
        case 0x8b:
          push_long(size_t(le(4)), at);
          break;     // LONG4
        case 'G': {  // BINFLOAT, big-endian
          uint64_t bits = 0;
          for (int k = 0; k < 8; ++k) bits = (bits << 8) | u8();
          auto v = make(Kind::Float);
          std::memcpy(&v->f, &bits, 8);
          push(v);
          break;
        }
        case 'X':
          push_text(Kind::Str, size_t(le(4)));
          break;  // BINUNICODE
        case 0x8c:
          push_text(Kind::Str, size_t(le(1)));
          break;  // SHORT_BINUNICODE
        case 0x8d:
          push_text(Kind::Str, size_t(le(8)));
          break;  // BINUNICODE8
        case 'T':
          push_text(Kind::Str, size_t(le(4)));
          break;  // BINSTRING (Python 2 str)
        case 'U':
          push_text(Kind::Str, size_t(le(1)));
          break;  // SHORT_BINSTRING
        case 'B':
          push_text(Kind::Bytes, size_t(le(4)));
          break;  // BINBYTES
        case 'C':
          push_text(Kind::Bytes, size_t(le(1)));
          break;     // SHORT_BINBYTES
        case 'c': {  // GLOBAL "module\nname\n"
          auto g = make(Kind::Global);
          const std::string mod = line(), nm = line();
          g->s = mod + "." + nm;
          push(g);
          break;
        }
        case 0x93: {  // STACK_GLOBAL
          auto nm = pop(at), mod = pop(at);
          if (nm->kind != Kind::Str || mod->kind != Kind::Str) fail("STACK_GLOBAL needs two strings", at);
          auto g = make(Kind::Global);
          g->s = mod->s + "." + nm->s;
          push(g);
          break;
        }
        case 'q':
          memo_[uint32_t(le(1))] = top(at);
          break;  // BINPUT
        case 'r':
          memo_[uint32_t(le(4))] = top(at);
          break;  // LONG_BINPUT
        case 0x94:
          memo_[uint32_t(memo_.size())] = top(at);
          break;  // MEMOIZE
        case 'p':
          memo_[decimal(line(), at)] = top(at);
          break;  // PUT
        case 'h':
          get(uint32_t(le(1)), at);
          break;  // BINGET
        case 'j':
          get(uint32_t(le(4)), at);
          break;     // LONG_BINGET
        case 't': {  // TUPLE
          auto t = make(Kind::Tuple);
          t->items = since_mark(at);
          push(t);
          break;
        }
        case 0x85:
        case 0x86:
        case 0x87: {  // TUPLE1..3
          auto t = make(Kind::Tuple);
          const int n = op - 0x84;
          t->items.resize(size_t(n));
          for (int k = n - 1; k >= 0; --k) t->items[size_t(k)] = pop(at);
          push(t);
          break;
        }
        case 'l': {  // LIST
          auto l = make(Kind::List);
          l->items = since_mark(at);
          push(l);
          break;
        }
        case 'a': {  // APPEND
          auto v = pop(at);
          auto l = top(at);
          if (l->kind != Kind::List) fail("APPEND to a non-list", at);
          l->items.push_back(v);
          break;
        }
        case 'e': {  // APPENDS
          auto vs = since_mark(at);
          auto l = top(at);
          if (l->kind != Kind::List) fail("APPENDS to a non-list", at);
          l->items.insert(l->items.end(), vs.begin(), vs.end());
          break;
        }
        case 'd': {  // DICT
          auto vs = since_mark(at);
          auto d = make(Kind::Dict);
          set_items(d, vs, at);
          push(d);
          break;
        }
        case 's': {  // SETITEM
          auto v = pop(at), k = pop(at);
          auto d = top(at);
          set_items(d, {k, v}, at);
          break;
        }
        case 'u': {  // SETITEMS
          auto vs = since_mark(at);
          set_items(top(at), vs, at);
          break;
        }
        case 'R':
        case 0x81: {  // REDUCE, NEWOBJ: callable(*args)
          auto args = pop(at), fn = pop(at);
          push(apply(fn, args, at));
          break;
        }
        case 'b':
          pop(at);
          top(at);
          break;  // BUILD: object state (OrderedDict._metadata) is not needed
        case 'Q':
          push(persistent(pop(at), at));
          break;  // BINPERSID
        case '0':
          pop(at);
          break;  // POP
        case '1':
          since_mark(at);
          break;  // POP_MARK
        case '2':
          push(top(at));
          break;  // DUP
        default: {
          char hex[8];
          std::snprintf(hex, sizeof hex, "0x%02x", op);
          fail(std::string("unsupported pickle opcode ") + hex, at);
        }
      }
    }
  }

 private:
  Ptr make(Kind k) {
    arena_->push_back(std::make_unique<Value>());
    arena_->back()->kind = k;
    return arena_->back().get();
  }
  [[noreturn]] void fail(const std::string& what, size_t at) const {
    throw ModelError(name_ + ": " + what + " (byte " + std::to_string(at) + ")");
  }
  uint8_t u8() {
    if (p_ >= b_.size()) fail("truncated pickle", p_);
    return uint8_t(b_[p_++]);
  }
  uint64_t le(int n) {
    uint64_t v = 0;
    for (int k = 0; k < n; ++k) v |= uint64_t(u8()) << (8 * k);
    return v;
  }
  void skip(size_t n) {
    if (n > b_.size() - p_) fail("truncated pickle", p_);
    p_ += n;
  }
  std::string line() {
    const size_t e = b_.find('\n', p_);
    if (e == std::string::npos || e - p_ > 4096) fail("malformed pickle text argument", p_);
    std::string s = b_.substr(p_, e - p_);
    p_ = e + 1;
    return s;
  }
  uint32_t decimal(const std::string& s, size_t at) const {
    if (s.empty() || s.size() > 9) fail("malformed pickle memo key", at);
    uint32_t v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') fail("malformed pickle memo key", at);
      v = v * 10 + uint32_t(c - '0');
    }
    return v;
  }
  void push(Ptr v) {
    if (st_.size() > b_.size()) fail("pickle stack overflow", p_);
    st_.push_back(v);
  }
  void push_int(int64_t i) {
    auto v = make(Kind::Int);
    v->i = i;
    push(v);
  }
  void push_long(size_t n, size_t at) {
    if (n > b_.size() - p_) fail("truncated pickle", at);
    if (n > 8) {  // too large for int64: kept as raw little-endian bytes (e.g. the legacy magic number)
      auto v = make(Kind::Bytes);
      v->s = b_.substr(p_, n);
      p_ += n;
      push(v);
      return;
    }
    uint64_t u = 0;
    for (size_t k = 0; k < n; ++k) u |= uint64_t(uint8_t(b_[p_ + k])) << (8 * k);
    if (n > 0 && n < 8 && (uint8_t(b_[p_ + n - 1]) & 0x80)) u |= ~uint64_t(0) << (8 * n);  // sign extend
    p_ += n;
    push_int(int64_t(u));
  }
  void push_text(Kind k, size_t n) {
    if (n > b_.size() - p_) fail("truncated pickle string", p_);
    auto v = make(k);
    v->s = b_.substr(p_, n);
    p_ += n;
    push(v);
  }
  Ptr pop(size_t at) {
    if (st_.empty() || (!marks_.empty() && st_.size() <= marks_.back()))
      fail("malformed pickle: stack underflow", at);
    auto v = st_.back();
    st_.pop_back();
    return v;
  }
  Ptr top(size_t at) {
    if (st_.empty()) fail("malformed pickle: empty stack", at);
    return st_.back();
  }
  void get(uint32_t k, size_t at) {
    auto it = memo_.find(k);
    if (it == memo_.end()) fail("malformed pickle: memo key " + std::to_string(k) + " not set", at);
    push(it->second);
  }
  std::vector<Ptr> since_mark(size_t at) {
    if (marks_.empty()) fail("malformed pickle: no MARK", at);
    const size_t m = marks_.back();
    marks_.pop_back();
    std::vector<Ptr> v(st_.begin() + long(m), st_.end());
    st_.resize(m);
    return v;
  }
  void set_items(const Ptr& d, const std::vector<Ptr>& kv, size_t at) {
    if (d->kind != Kind::Dict) fail("SETITEM(S) on a non-dict", at);
    if (kv.size() % 2) fail("malformed pickle: odd number of dict items", at);
    for (size_t k = 0; k < kv.size(); k += 2) d->entries.emplace_back(kv[k], kv[k + 1]);
  }
  static int64_t as_int(const Ptr& v, bool& ok) {
    ok = ok && v && (v->kind == Kind::Int || v->kind == Kind::Bool);
    return ok ? v->i : 0;
  }
  std::vector<int64_t> int_tuple(const Ptr& v, size_t at, const char* what) {
    if (!v || (v->kind != Kind::Tuple && v->kind != Kind::List))
      fail(std::string("tensor ") + what + " is not a tuple", at);
    std::vector<int64_t> r;
    bool ok = true;
    for (const auto& x : v->items) r.push_back(as_int(x, ok));
    if (!ok) fail(std::string("tensor ") + what + " holds a non-integer", at);
    return r;
  }
  Ptr apply(const Ptr& fn, const Ptr& args, size_t at) {
    if (fn->kind != Kind::Global) fail("malformed pickle: REDUCE of a non-global", at);
    if (args->kind != Kind::Tuple) fail("malformed pickle: REDUCE arguments are not a tuple", at);
    const auto& a = args->items;
    if (fn->s == "collections.OrderedDict" || fn->s == "builtins.dict") {
      if (!a.empty()) fail("OrderedDict with arguments is not supported", at);
      return make(Kind::Dict);
    }
    if (fn->s == "torch._utils._rebuild_tensor_v2" || fn->s == "torch._utils._rebuild_tensor") {
      if (a.size() < 4 || a[0]->kind != Kind::Storage) fail("malformed tensor record", at);
      auto t = make(Kind::Tensor);
      t->storage = a[0];
      bool ok = true;
      t->offset = as_int(a[1], ok);
      if (!ok || t->offset < 0) fail("tensor storage offset is not a non-negative integer", at);
      t->size = int_tuple(a[2], at, "size");
      t->stride = int_tuple(a[3], at, "stride");
      if (t->size.size() != t->stride.size()) fail("tensor size and stride differ in length", at);
      return t;
    }
    if (fn->s == "torch._utils._rebuild_parameter" || fn->s == "torch._utils._rebuild_parameter_with_state") {
      if (a.empty() || a[0]->kind != Kind::Tensor) fail("malformed parameter record", at);
      return a[0];
    }
    fail("unsupported object '" + fn->s + "' (tinge reads state dicts: names mapped to tensors)", at);
  }
  Ptr persistent(const Ptr& pid, size_t at) {
    // ('storage', torch.<Type>Storage, key, location, numel[, view_metadata])
    if (pid->kind != Kind::Tuple || pid->items.size() < 5 || pid->items[0]->kind != Kind::Str ||
        pid->items[0]->s != "storage")
      fail("unsupported persistent reference (not a storage)", at);
    const auto& it = pid->items;
    auto s = make(Kind::Storage);
    if (it[1]->kind != Kind::Global) fail("storage type is not a global", at);
    s->dtype = storage_dtype(it[1]->s);
    if (s->dtype.empty()) fail("unsupported storage type '" + it[1]->s + "'", at);
    if (it[2]->kind == Kind::Str)
      s->key = it[2]->s;
    else if (it[2]->kind == Kind::Int)
      s->key = std::to_string(it[2]->i);
    else
      fail("storage key is neither a string nor an integer", at);
    bool ok = true;
    s->numel = as_int(it[4], ok);
    if (!ok || s->numel < 0) fail("storage size is not a non-negative integer", at);
    if (it.size() > 5 && it[5]->kind != Kind::None)
      fail("storage views (legacy view_metadata) are not supported", at);
    return s;
  }

  const std::string& b_;
  size_t p_;
  const std::string& name_;
  std::vector<Ptr> st_;
  std::vector<size_t> marks_;
  std::map<uint32_t, Ptr> memo_;
  std::shared_ptr<std::vector<std::unique_ptr<Value>>> arena_;
};

}  // namespace

Result unpickle(const std::string& buf, size_t pos, const std::string& name) {
  if (pos >= buf.size())
    throw ModelError(name + ": truncated (no pickle at byte " + std::to_string(pos) + ")");
  return Machine(buf, pos, name).run();
}

Ptr dict_get(const Ptr& dict, const std::string& key) {
  if (!dict || dict->kind != Kind::Dict) return nullptr;
  for (const auto& [k, v] : dict->entries)
    if (k->kind == Kind::Str && k->s == key) return v;
  return nullptr;
}

}  // namespace tinge::pickle
