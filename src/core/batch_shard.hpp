// Splitting a folder run across processes or machines (`tinge colorize DIR --shard K/N`): each
// photo belongs to one of N shards by a stable hash of its path relative to DIR, so the N shards
// are disjoint, together cover the folder, and a photo added later joins one shard without moving
// any other photo. The hash is FNV-1a mixed by splitmix64 (core/hash.hpp): the same on every
// platform and standard library, so shards agree across machines.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace tinge {

struct ShardSpec {
  int index = 1;  // K, 1..count (1-based, like Slurm array indices and GNU parallel's {#})
  int count = 1;  // N
};

// Parses "K/N" (1 <= K <= N). Throws UsageError with one line naming `option` otherwise
// ("0/2", "3/2", "1/0", "x").
ShardSpec parse_shard(const std::string& text, const std::string& option = "--shard");

// The shard (1..count) of a photo, by its path relative to the folder ("a.png", "sub/b.jpg";
// '/' separators).
int shard_of(const std::string& relative_path, int count);

// A file's path relative to `dir` with '/' separators ("photos/a.png", "photos/" -> "a.png").
std::string relative_key(const std::string& file, const std::string& dir);

// The indices of `files` (paths inside `dir`) that belong to `shard`, in their order.
std::vector<size_t> select_shard(const std::vector<std::string>& files, const std::string& dir,
                                 const ShardSpec& shard);

}  // namespace tinge
