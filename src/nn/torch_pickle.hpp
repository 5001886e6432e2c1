// A small, bounded interpreter for the subset of Python's pickle format that `torch.save` writes for
// state dicts (protocols 2-5): dicts, tuples, lists, strings, numbers, OrderedDict, and tensors
// rebuilt from persistent storage references. No torch and no Python: the objects it cannot know
// (a whole pickled nn.Module, arbitrary classes) are refused by name instead of being executed.
// Internal to the checkpoint reader (torch_checkpoint.cpp) and its tests.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tinge::pickle {

struct Value;
using Ptr = Value*;  // owned by the Result's arena (pickles can build cycles: no shared ownership)

enum class Kind { None, Bool, Int, Float, Str, Bytes, Tuple, List, Dict, Global, Storage, Tensor };

struct Value {
  Kind kind = Kind::None;
  int64_t i = 0;                             // Int, Bool
  double f = 0;                              // Float
  std::string s;                             // Str, Bytes, Global ("module.name")
  std::vector<Ptr> items;                    // Tuple, List
  std::vector<std::pair<Ptr, Ptr>> entries;  // Dict (insertion order)
  // Storage: a reference to raw data stored beside the pickle.
  std::string dtype;  // safetensors dtype name: F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL
  std::string key;    // the storage's key in the archive
  int64_t numel = 0;  // elements in the storage
  // Tensor: a strided view of a storage.
  Ptr storage;
  int64_t offset = 0;
  std::vector<int64_t> size, stride;
};

struct Result {
  std::shared_ptr<std::vector<std::unique_ptr<Value>>> arena;  // owns every Value of this pickle
  Ptr value = nullptr;
  size_t end = 0;  // offset just past the STOP opcode
};

// Runs the pickle that starts at `pos` in `buf` up to its STOP opcode. Throws ModelError ("NAME: ...")
// for malformed input, unsupported opcodes or objects.
Result unpickle(const std::string& buf, size_t pos, const std::string& name);

// Looks a key up in a Dict by string value; nullptr when absent or not a Dict.
Ptr dict_get(const Ptr& dict, const std::string& key);

}  // namespace tinge::pickle
