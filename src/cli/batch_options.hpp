// The options of a folder run that let it be split and resumed (`tinge colorize DIR`): --shard K/N,
// --skip-existing and --manifest OUT.jsonl, declared and read here so cmd_colorize stays small.
#pragma once
#include <string>

#include "core/batch_shard.hpp"

namespace tinge {

class ArgParser;

struct BatchOptions {
  ShardSpec shard;             // 1/1: every photo
  bool skip_existing = false;  // a photo whose result exists is done (counted, not redone)
  std::string manifest;        // "" = none
};

void add_batch_options(ArgParser& p);

// What the options ask for. Throws UsageError (before any work) for a bad shard spec, for these
// options with a single photo (`folder` false), for --skip-existing with --force, and for a
// manifest that cannot be written where named.
BatchOptions batch_options(const ArgParser& p, bool folder);

}  // namespace tinge
