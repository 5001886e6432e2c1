// Shard specs and shard selection (see batch_shard.hpp).
#include "core/batch_shard.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "core/hash.hpp"

namespace tinge {

namespace {

constexpr int kMaxShards = 1000000;

// A decimal number of at most 7 digits, or -1.
int parse_count(const std::string& s) {
  if (s.empty() || s.size() > 7) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

ShardSpec parse_shard(const std::string& text, const std::string& option) {
  const std::string shape =
      option + " takes K/N, the K-th of N shards with 1 <= K <= N (e.g. 1/4), got '" + text + "'";
  const size_t slash = text.find('/');
  if (slash == std::string::npos) throw UsageError(shape);
  const int k = parse_count(text.substr(0, slash)), n = parse_count(text.substr(slash + 1));
  if (k < 0 || n < 0) throw UsageError(shape);
  if (n < 1 || n > kMaxShards)
    throw UsageError(option + " " + text + ": N must be 1 to " + std::to_string(kMaxShards));
  if (k < 1 || k > n)
    throw UsageError(option + " " + text + ": K must be 1 to " + std::to_string(n) +
                     " (shards count from 1)");
  return {k, n};
}

int shard_of(const std::string& relative_path, int count) {
  if (count <= 1) return 1;
  return int(splitmix64(fnv1a64(relative_path)) % uint64_t(count)) + 1;
}

std::string relative_key(const std::string& file, const std::string& dir) {
  namespace fs = std::filesystem;
  fs::path base = fs::path(dir).lexically_normal();
  if (!base.has_filename() && base.has_parent_path() && base != base.root_path()) base = base.parent_path();
  const fs::path f = fs::path(file).lexically_normal();
  const fs::path rel = base == "." ? f : f.lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return f.filename().generic_string();  // not under dir
  return rel.generic_string();
}

std::vector<size_t> select_shard(const std::vector<std::string>& files, const std::string& dir,
                                 const ShardSpec& shard) {
  std::vector<size_t> out;
  for (size_t i = 0; i < files.size(); ++i)
    if (shard_of(relative_key(files[i], dir), shard.count) == shard.index) out.push_back(i);
  return out;
}

}  // namespace tinge
