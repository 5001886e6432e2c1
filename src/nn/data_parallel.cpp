// Data-parallel training: shards, micro-batches and bucketed all-reduces (see data_parallel.hpp).
#include "nn/data_parallel.hpp"

#include <chrono>
#include <cstdio>

#include "core/error.hpp"
#include "core/hash.hpp"

namespace tinge {

namespace {

constexpr int64_t kBucketBytes = int64_t(4) << 20;

// In-place collectives need dense tensors: runs `f` on `t`, or on a dense copy written back after.
template <class F>
void on_dense(std::vector<torch::Tensor>& ts, F&& f) {
  std::vector<torch::Tensor> dense;
  for (auto& t : ts) dense.push_back(t.is_contiguous() ? t : t.contiguous());
  f(dense);
  for (size_t i = 0; i < ts.size(); ++i)
    if (!dense[i].is_same(ts[i])) ts[i].copy_(dense[i]);
}

}  // namespace

uint64_t shard_seed(uint64_t seed, int shard, int shards) {
  if (shards <= 1) return seed;
  return splitmix64(seed ^ splitmix64(uint64_t(shard) + 1));
}

// The flat buckets of one step's all-reduce: gradients in reverse parameter order (roughly the
// order the backward pass produces them), 4 MiB each; then a tail with one "has a gradient" flag
// per parameter and the floating-point buffers (batch-norm running statistics).
struct DataParallel::Buckets {
  struct Slot {
    size_t param;
    int64_t offset, numel;
  };
  std::vector<torch::Tensor> params, buffers;
  std::vector<std::vector<Slot>> slots;
  std::vector<torch::Tensor> flat;  // the gradient buckets, then the tail
  int64_t buffer_offset = 0;

  Buckets(torch::nn::Module& net, const torch::Device& device) {
    params = net.parameters();
    for (const auto& b : net.buffers())
      if (b.is_floating_point()) buffers.push_back(b);
    const auto opts = torch::TensorOptions().dtype(torch::kFloat).device(device);
    std::vector<Slot> cur;
    int64_t size = 0;
    for (size_t k = params.size(); k-- > 0;) {
      const int64_t n = params[k].numel();
      if (size > 0 && (size + n) * 4 > kBucketBytes) {
        slots.push_back(cur);
        flat.push_back(torch::zeros({size}, opts));
        cur.clear();
        size = 0;
      }
      cur.push_back({k, size, n});
      size += n;
    }
    if (size > 0) {
      slots.push_back(cur);
      flat.push_back(torch::zeros({size}, opts));
    }
    buffer_offset = int64_t(params.size());
    int64_t tail = buffer_offset;
    for (const auto& b : buffers) tail += b.numel();
    flat.push_back(torch::zeros({tail}, opts));
  }
};

DataParallel::DataParallel(const DistOptions& opt, const torch::Device& device)
    : rank_(opt.rank), world_(opt.world_size), device_(device) {
  if (world_ > 1) pg_ = std::make_unique<ProcessGroup>(opt, device.is_cuda());
}

DataParallel::~DataParallel() = default;

std::vector<int> owned_shards(int shards, int rank, int world) {
  std::vector<int> out;
  for (int s = rank; s < shards; s += world) out.push_back(s);
  return out;
}

std::vector<double> DataParallel::sum(std::vector<double> v) {
  if (!pg_ || v.empty()) return v;
  const bool nccl = pg_->backend() == "nccl";
  std::vector<torch::Tensor> t{
      torch::tensor(v, torch::kDouble).to(nccl ? device_ : torch::Device(torch::kCPU))};
  pg_->allreduce_sum(t);
  const torch::Tensor host = t[0].cpu();
  for (size_t i = 0; i < v.size(); ++i) v[i] = host[int64_t(i)].item<double>();
  return v;
}

std::vector<std::string> DataParallel::gather(const std::string& text) {
  return pg_ ? pg_->allgather_text(text) : std::vector<std::string>{text};
}

void DataParallel::broadcast_from_root(torch::nn::Module& net, std::vector<torch::Tensor> extra) {
  if (!pg_) return;
  torch::NoGradGuard ng;
  std::vector<torch::Tensor> all;
  for (const auto& p : net.parameters()) all.push_back(p.detach());
  for (const auto& b : net.buffers()) all.push_back(b);
  for (auto& t : extra) all.push_back(t);
  on_dense(all, [&](std::vector<torch::Tensor>& d) { pg_->broadcast(d, 0); });
}

void DataParallel::begin_step(torch::nn::Module& net, int micro_batches) {
  micro_batches_ = micro_batches;
  if (micro_batches_ <= 1) return;
  torch::NoGradGuard ng;
  saved_.clear();
  sums_.clear();
  for (const auto& b : net.buffers()) {
    saved_.push_back(b.clone());
    sums_.push_back(b.is_floating_point() ? torch::zeros_like(b) : torch::Tensor());
  }
}

void DataParallel::end_micro_batch(torch::nn::Module& net) {
  if (micro_batches_ <= 1) return;
  torch::NoGradGuard ng;
  size_t i = 0;
  for (auto& b : net.buffers()) {
    if (sums_[i].defined()) sums_[i].add_(b);
    b.copy_(saved_[i]);
    ++i;
  }
}

void DataParallel::finish_step(torch::nn::Module& net, torch::Tensor& scalars) {
  torch::NoGradGuard ng;
  std::vector<torch::Tensor> buffers = net.buffers();
  if (micro_batches_ > 1)
    for (size_t i = 0; i < buffers.size(); ++i) {
      if (sums_[i].defined())
        buffers[i].copy_(sums_[i]);  // this rank's sum; the mean once summed over the ranks
      else
        buffers[i].add_(1);  // the batch counter: one step, one count
    }
  if (pg_) sync(net, scalars);
  if (micro_batches_ > 1)
    for (size_t i = 0; i < buffers.size(); ++i)
      if (sums_[i].defined()) buffers[i].div_(double(micro_batches_));
}

void DataParallel::sync(torch::nn::Module& net, torch::Tensor& scalars) {
  if (!buckets_) buckets_ = std::make_unique<Buckets>(net, device_);
  Buckets& bk = *buckets_;
  const size_t grads = bk.slots.size();
  torch::Tensor& tail = bk.flat.back();
  for (size_t b = 0; b < grads; ++b)
    for (const auto& s : bk.slots[b]) {
      const torch::Tensor& g = bk.params[s.param].grad();
      auto dst = bk.flat[b].narrow(0, s.offset, s.numel);
      if (g.defined())
        dst.copy_(g.reshape({-1}));
      else
        dst.zero_();
      tail[int64_t(s.param)].fill_(g.defined() ? 1.0 : 0.0);
    }
  int64_t off = bk.buffer_offset;
  for (const auto& b : bk.buffers) {
    tail.narrow(0, off, b.numel()).copy_(b.reshape({-1}));
    off += b.numel();
  }
  std::vector<torch::Tensor> all = bk.flat;
  all.push_back(scalars);
  const auto t0 = std::chrono::steady_clock::now();
  pg_->allreduce_sum(all);
  sync_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const torch::Tensor flags = tail.narrow(0, 0, bk.buffer_offset).cpu();
  const float* has = flags.data_ptr<float>();
  for (size_t b = 0; b < grads; ++b)
    for (const auto& s : bk.slots[b]) {
      torch::Tensor& p = bk.params[s.param];
      if (has[s.param] == 0) continue;  // no rank has a gradient for it: Adam skips it, as in one process
      auto v = bk.flat[b].narrow(0, s.offset, s.numel).view_as(p);
      auto& g = p.mutable_grad();
      if (g.defined())
        g.copy_(v);
      else
        g = v.clone();
    }
  off = bk.buffer_offset;
  for (auto& b : bk.buffers) {
    b.copy_(tail.narrow(0, off, b.numel()).view_as(b));
    off += b.numel();
  }
}

std::string weights_checksum(torch::nn::Module& net) {
  std::string bytes;
  auto add = [&](const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
    bytes.append(static_cast<const char*>(c.data_ptr()), c.nbytes());
  };
  for (const auto& p : net.parameters()) add(p);
  for (const auto& b : net.buffers()) add(b);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(bytes)));
  return hex;
}

std::string DataParallel::check_identical(torch::nn::Module& net, int64_t step) {
  const std::string mine = weights_checksum(net);
  const std::vector<std::string> all = gather(mine);
  for (size_t r = 0; r < all.size(); ++r)
    if (all[r] != all[0])
      throw Error("the ranks' weights differ after step " + std::to_string(step) + " (rank 0 " + all[0] +
                  ", rank " + std::to_string(r) + " " + all[r] + ")");
  return mine;
}

}  // namespace tinge
