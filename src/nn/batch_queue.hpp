// Makes training batches on worker threads ahead of the training loop. Batch i depends only on
// (seed, i), never on thread timing, so a resumed run sees exactly the batches an uninterrupted one
// would. Torch-free.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "nn/dataset.hpp"
#include "nn/training_sample.hpp"

namespace tinge {

struct Batch {
  int64_t index = 0;
  int size = 0, side = 0;
  std::vector<float> L, ab, hint_ab, mask;  // planar: (B,1,S,S), (B,2,S,S), (B,2,S,S), (B,1,S,S)
  std::vector<float> levin_ab;              // (B,2,S,S) when made with_levin, else empty
};

// Fills a batch (images drawn uniformly with replacement, then make_training_sample; with_levin:
// Levin's propagation of each sample's hints too). Throws on an empty dataset.
Batch make_batch(const Dataset& d, const SampleOptions& opt, int batch_size, uint64_t seed, int64_t index,
                 bool with_levin = false);

class BatchQueue {
 public:
  BatchQueue(const Dataset& d, SampleOptions opt, int batch_size, uint64_t seed, int64_t first_index,
             int workers, int depth = 8, bool with_levin = false);
  ~BatchQueue();
  BatchQueue(const BatchQueue&) = delete;
  BatchQueue& operator=(const BatchQueue&) = delete;
  // Blocks until batch `first_index + k` is ready (k-th call). A worker's failure (out of memory,
  // say) is thrown here, on the training thread, rather than ending the process.
  Batch next();

 private:
  void work();
  const Dataset& data_;
  SampleOptions opt_;
  int batch_size_;
  uint64_t seed_;
  int64_t next_to_make_, next_to_take_;
  int depth_;
  bool with_levin_;
  bool stop_ = false;
  std::exception_ptr error_;  // the first worker failure
  std::map<int64_t, Batch> ready_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::thread> threads_;
};

}  // namespace tinge
