// The photos of a training run, split into data shards (data_parallel.hpp): this rank loads and keeps
// only its own shards; the ranks then exchange what the run trains on in all (how many photos, from
// which sources, and an identity that lets a resume refuse other photos). Torch-free.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nn/dataset.hpp"

namespace tinge {

struct TrainPhotos {
  std::vector<int> owned;       // this rank's data shards
  std::vector<Dataset> shards;  // their photos, in the same order
  int64_t images = 0;           // photos of every shard of every rank
  nlohmann::json sources;       // photos per source (the name's prefix up to '_'), of every shard
  std::string identity;         // names, sizes and sampled pixels of every shard, hashed
};

// Loads the photos of `data` (a folder or a pack) that fall in the `owned` shards of `shards` (by
// shard_of of their names, core/batch_shard.hpp); `gather` exchanges one text with every rank (in
// rank order; {text} in a run of one process). With one shard the identity is that of the whole
// photo set as runs of one process have always computed it. Throws Error for an owned shard without
// usable photos, or photos smaller than `opt.min_short_side`.
TrainPhotos load_train_photos(const std::string& data, DatasetOptions opt, int shards,
                              const std::vector<int>& owned,
                              const std::function<std::vector<std::string>(const std::string&)>& gather,
                              const std::function<void(const std::string&)>& warn);

// Which photos a run trains on (names, sizes and a sparse sample of pixels), 16 hex digits.
std::string dataset_identity(const Dataset& d);

// The ab histogram (ab_prior.hpp) of every shard, summed.
std::vector<double> ab_bin_counts(const std::vector<Dataset>& shards);

}  // namespace tinge
