// Training batch workers (see batch_queue.hpp).
#include "nn/batch_queue.hpp"

#include <random>

#include "core/error.hpp"
#include "core/hash.hpp"

namespace tinge {

Batch make_batch(const Dataset& d, const SampleOptions& opt, int batch_size, uint64_t seed, int64_t index,
                 bool with_levin) {
  if (d.size() == 0) throw Error("no photos to make a training batch from");
  Batch b;
  b.index = index;
  b.size = batch_size;
  b.side = opt.crop;
  const size_t hw = size_t(opt.crop) * size_t(opt.crop);
  b.L.resize(size_t(batch_size) * hw);
  b.ab.resize(size_t(batch_size) * 2 * hw);
  b.hint_ab.resize(size_t(batch_size) * 2 * hw);
  b.mask.resize(size_t(batch_size) * hw);
  if (with_levin) b.levin_ab.resize(size_t(batch_size) * 2 * hw);
  std::mt19937_64 rng(splitmix64(seed * 0x100000001b3ULL + uint64_t(index)));
  std::uniform_int_distribution<size_t> pick(0, d.size() - 1);
  for (int i = 0; i < batch_size; ++i) {
    const size_t img = pick(rng);
    const uint64_t s = rng();
    float* ab = &b.ab[size_t(i) * 2 * hw];
    float* hab = &b.hint_ab[size_t(i) * 2 * hw];
    float* lab = with_levin ? &b.levin_ab[size_t(i) * 2 * hw] : nullptr;
    make_training_sample(d.images[img], opt, s, &b.L[size_t(i) * hw], ab, ab + hw, hab, hab + hw,
                         &b.mask[size_t(i) * hw], lab, lab ? lab + hw : nullptr);
  }
  return b;
}

BatchQueue::BatchQueue(const Dataset& d, SampleOptions opt, int batch_size, uint64_t seed,
                       int64_t first_index, int workers, int depth, bool with_levin)
    : data_(d),
      opt_(opt),
      batch_size_(batch_size),
      seed_(seed),
      next_to_make_(first_index),
      next_to_take_(first_index),
      depth_(depth),
      with_levin_(with_levin) {
  for (int i = 0; i < std::max(1, workers); ++i) threads_.emplace_back([this] { work(); });
}

BatchQueue::~BatchQueue() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void BatchQueue::work() {
  for (;;) {
    int64_t idx;
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [&] { return stop_ || next_to_make_ < next_to_take_ + depth_; });
      if (stop_) return;
      idx = next_to_make_++;
    }
    try {
      Batch b = make_batch(data_, opt_, batch_size_, seed_, idx, with_levin_);
      std::lock_guard<std::mutex> l(mu_);
      ready_[idx] = std::move(b);
    } catch (...) {
      std::lock_guard<std::mutex> l(mu_);
      if (!error_) error_ = std::current_exception();
      stop_ = true;
    }
    cv_.notify_all();
  }
}

Batch BatchQueue::next() {
  std::unique_lock<std::mutex> l(mu_);
  const int64_t want = next_to_take_;
  cv_.wait(l, [&] { return ready_.count(want) > 0 || error_; });
  if (!ready_.count(want)) std::rethrow_exception(error_);
  Batch b = std::move(ready_[want]);
  ready_.erase(want);
  ++next_to_take_;
  l.unlock();
  cv_.notify_all();
  return b;
}

}  // namespace tinge
