// A training run's photos by data shard (see train_photos.hpp).
#include "nn/train_photos.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/ab_grid.hpp"
#include "core/batch_shard.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"
#include "nn/ab_prior.hpp"

namespace tinge {

namespace {

std::string hex16(uint64_t v) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(v));
  return hex;
}

nlohmann::json source_counts(const Dataset& d) {
  std::map<std::string, int> c;
  for (const auto& n : d.names) c[n.substr(0, n.find('_'))]++;
  return c;
}

void add_counts(nlohmann::json& into, const nlohmann::json& counts) {
  for (auto it = counts.begin(); it != counts.end(); ++it)
    into[it.key()] = into.value(it.key(), 0) + it.value().get<int>();
}

}  // namespace

std::string dataset_identity(const Dataset& d) {
  std::string s;
  for (size_t i = 0; i < d.size(); ++i) {
    const auto& px = d.images[i].data;
    s +=
        d.names[i] + '/' + std::to_string(d.images[i].width) + 'x' + std::to_string(d.images[i].height) + '/';
    const size_t step = std::max<size_t>(1, px.size() / 97);
    for (size_t k = 0; k < px.size(); k += step) s += char(px[k]);
    s += '\n';
  }
  return hex16(fnv1a64(s));
}

std::vector<double> ab_bin_counts(const std::vector<Dataset>& shards) {
  const AbGrid grid;
  std::vector<double> counts(size_t(grid.size()), 0.0);
  for (const Dataset& d : shards) {
    const std::vector<double> c = ab_bin_counts(d, grid);
    for (size_t q = 0; q < c.size(); ++q) counts[q] += c[q];  // whole numbers: exact in any order
  }
  return counts;
}

TrainPhotos load_train_photos(const std::string& data, DatasetOptions opt, int shards,
                              const std::vector<int>& owned,
                              const std::function<std::vector<std::string>(const std::string&)>& gather,
                              const std::function<void(const std::string&)>& warn) {
  TrainPhotos p;
  p.owned = owned;
  auto shard_index = [&](const std::string& name) {
    const auto it = std::find(owned.begin(), owned.end(), shard_of(name, shards) - 1);
    return it == owned.end() ? -1 : int(it - owned.begin());
  };
  if (shards > 1) opt.keep = [&](const std::string& name) { return shard_index(name) >= 0; };
  Dataset all = load_dataset(data, opt, warn);
  for (auto& img : all.images)
    if (img.width < opt.min_short_side || img.height < opt.min_short_side)
      throw Error("packed image smaller than the crop size");
  p.shards.assign(owned.size(), Dataset{});
  if (shards == 1) p.shards[0] = std::move(all);
  for (size_t i = 0; shards > 1 && i < all.size(); ++i) {
    Dataset& d = p.shards[size_t(shard_index(all.names[i]))];
    d.names.push_back(std::move(all.names[i]));
    d.images.push_back(std::move(all.images[i]));
  }
  nlohmann::json mine = {
      {"images", 0}, {"sources", nlohmann::json::object()}, {"ids", nlohmann::json::object()}};
  for (size_t k = 0; k < p.shards.size(); ++k) {
    if (p.shards[k].size() == 0)
      throw Error("data shard " + std::to_string(owned[k] + 1) + " of " + std::to_string(shards) + " of " +
                  data + " holds no usable photos: use fewer data shards");
    mine["images"] = mine["images"].get<int64_t>() + int64_t(p.shards[k].size());
    add_counts(mine["sources"], source_counts(p.shards[k]));
    mine["ids"][std::to_string(owned[k])] = dataset_identity(p.shards[k]);
  }
  p.sources = nlohmann::json::object();
  std::map<int, std::string> ids;  // by shard
  for (const std::string& text : gather(mine.dump())) {
    const nlohmann::json j = nlohmann::json::parse(text);
    p.images += j.at("images").get<int64_t>();
    add_counts(p.sources, j.at("sources"));
    for (auto it = j.at("ids").begin(); it != j.at("ids").end(); ++it)
      ids[std::stoi(it.key())] = it.value().get<std::string>();
  }
  if (shards == 1) {
    p.identity = ids.at(0);
  } else {  // the shards' identities in shard order
    std::string all_ids;
    for (const auto& [s, id] : ids) all_ids += std::to_string(s) + "=" + id + "\n";
    p.identity = hex16(fnv1a64(all_ids));
  }
  return p;
}

}  // namespace tinge
