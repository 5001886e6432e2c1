// Data-parallel training (internal, torch). The photos are split into D data shards by a stable hash
// of their names; every step takes batch / D samples from each shard, with the shard's own seed
// stream, as one micro-batch (its own batch-norm statistics), and sums the micro-batches' gradients
// (each loss scaled by 1 / D). Rank r of W trains the shards s with s mod W = r, so the same run on
// one process (D micro-batches in turn) or on W processes computes the same step, and a run resumes
// on any number of ranks up to D.
//
// With W > 1 the ranks start from rank 0's weights and after each backward pass sum their gradients,
// batch-norm statistics and a few scalars (losses, stop requests, rank 0's clock) with all-reduces of
// flat 4 MiB buckets, so every rank takes the same optimiser step and the weights stay identical.
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nn/process_group.hpp"
#include "nn/train.hpp"

namespace tinge {

// The seed stream of data shard `shard` of `shards` (a run of one shard keeps `seed` itself).
uint64_t shard_seed(uint64_t seed, int shard, int shards);
// The data shards (0..shards-1) that rank `rank` of `world` trains on: s mod world = rank.
std::vector<int> owned_shards(int shards, int rank, int world);

class DataParallel {
 public:
  // world_size 1: no communication. Otherwise meets the other ranks (ProcessGroup).
  DataParallel(const DistOptions& opt, const torch::Device& device);
  ~DataParallel();

  bool distributed() const { return pg_ != nullptr; }
  bool root() const { return rank_ == 0; }
  int rank() const { return rank_; }
  int world() const { return world_; }
  std::string backend() const { return pg_ ? pg_->backend() : ""; }

  // The data shards this rank trains on.
  std::vector<int> owned_shards(int shards) const { return tinge::owned_shards(shards, rank_, world_); }

  // Element-wise sums over the ranks of small host vectors (setup: counts, identities, histograms).
  std::vector<double> sum(std::vector<double> v);
  // Every rank's text, in rank order.
  std::vector<std::string> gather(const std::string& text);
  // Rank 0's parameters and buffers, and `extra` tensors (optimiser moments), on every rank.
  void broadcast_from_root(torch::nn::Module& net, std::vector<torch::Tensor> extra);

  // A step of `micro_batches` micro-batches in all ranks together (D). With more than one: call
  // begin_step before the first forward and end_micro_batch after each backward, so every
  // micro-batch starts from the step's batch-norm running statistics and the step ends with their
  // mean (as one process with D micro-batches and D processes with one each do alike).
  void begin_step(torch::nn::Module& net, int micro_batches);
  void end_micro_batch(torch::nn::Module& net);
  // After the last backward of the step: the gradients summed over the ranks, the running statistics
  // averaged, and `scalars` (float64, on the device) summed over the ranks, in place.
  void finish_step(torch::nn::Module& net, torch::Tensor& scalars);

  // Seconds spent in the step's all-reduces so far (waiting for slower ranks included).
  double sync_seconds() const { return sync_seconds_; }

  // A hash of the parameters and buffers; throws Error when it differs between the ranks.
  std::string check_identical(torch::nn::Module& net, int64_t step);

 private:
  struct Buckets;
  void sync(torch::nn::Module& net, torch::Tensor& scalars);

  int rank_ = 0, world_ = 1;
  torch::Device device_;
  std::unique_ptr<ProcessGroup> pg_;
  std::unique_ptr<Buckets> buckets_;
  int micro_batches_ = 1;
  double sync_seconds_ = 0;
  std::vector<torch::Tensor> saved_, sums_;  // buffers at the step's start; sums of updated ones
};

// A hash of a module's parameters and buffers (their bytes, in order), as 16 hex digits.
std::string weights_checksum(torch::nn::Module& net);

}  // namespace tinge
