// The processes of a data-parallel training run talking to each other (internal): LibTorch's c10d,
// with Gloo for CPU tensors (and CUDA ones, through the host) or NCCL for CUDA tensors when the
// LibTorch build has it. Rank 0 hosts the rendezvous (a c10d TCPStore at the master address) unless
// torchrun's agent already does. The c10d and Gloo headers stay in process_group.cpp; this header
// needs only ATen's Tensor.
#pragma once
#include <ATen/core/Tensor.h>

#include <memory>
#include <string>
#include <vector>

#include "nn/train.hpp"

namespace tinge {

class ProcessGroup {
 public:
  // Meets the other ranks (each waits up to opt.timeout_s for all of them) and connects to them.
  // `cuda`: the tensors live on the CUDA device (NCCL when built with it). Throws Error with one line
  // on a bad address, a port in use, a rank that does not come, or a build without c10d.
  ProcessGroup(const DistOptions& opt, bool cuda);
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  int rank() const;
  int size() const;
  std::string backend() const;  // "gloo" | "nccl"

  // Element-wise sums over the ranks, in place. The collectives are issued in order, all before the
  // first wait, so later tensors' transfers overlap with earlier ones'. Throws Error when a rank is
  // gone or the timeout passes.
  void allreduce_sum(std::vector<at::Tensor>& tensors);
  // Element-wise maximum over the ranks, in place.
  void allreduce_max(at::Tensor& tensor);
  // Rank `root`'s values to every rank, in place.
  void broadcast(std::vector<at::Tensor>& tensors, int root = 0);
  // Every rank's `text`, in rank order (through the store).
  std::vector<std::string> allgather_text(const std::string& text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether this build can run data-parallel (LibTorch's c10d with Gloo headers).
bool have_process_groups();

}  // namespace tinge
