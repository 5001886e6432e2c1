// c10d process groups for data-parallel training (see process_group.hpp).
#include "nn/process_group.hpp"

#include <chrono>
#include <type_traits>

#include "core/error.hpp"

#if TINGE_WITH_C10D
#include <torch/csrc/distributed/c10d/Backend.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#if defined(C10_USE_GLOG) && __has_include(<glog/logging.h>)
#include <glog/logging.h>
#define TINGE_QUIET_GLOG 1
#endif
#endif

namespace tinge {

namespace {

// The first line of a c10d / Gloo message (they add source locations and stack traces below it).
std::string first_line(const std::string& s) {
  const size_t nl = s.find('\n');
  std::string line = s.substr(0, nl);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  return line;
}

}  // namespace

#if TINGE_WITH_C10D

// c10d logs its connection attempts and failures through glog on stderr; tinge reports them as
// one error line instead, so glog is kept to fatal messages while a group lives.
struct QuietLogs {
#if TINGE_QUIET_GLOG
  int was = FLAGS_minloglevel;
  QuietLogs() {
    FLAGS_minloglevel = google::GLOG_FATAL;
  }
  ~QuietLogs() {
    FLAGS_minloglevel = was;
  }
#endif
};

// The backends' base class: c10d::ProcessGroup in LibTorch 1.13, c10d::Backend from 2.0 on (same
// collective calls).
using BackendBase = std::conditional_t<std::is_base_of<c10d::ProcessGroup, c10d::ProcessGroupGloo>::value,
                                       c10d::ProcessGroup, c10d::Backend>;

struct ProcessGroup::Impl {
  QuietLogs quiet;
  DistOptions opt;
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<BackendBase> pg;
  std::string backend;
  int64_t gathers = 0;

  // Runs a c10d call, turning its failures into one-line tinge errors that say which rank saw them.
  template <class F>
  void guarded(const char* what, F&& f) {
    try {
      f();
    } catch (const std::exception& e) {
      throw Error("rank " + std::to_string(opt.rank) + " of " + std::to_string(opt.world_size) + ": " + what +
                  " failed (another rank stopped, or the " + std::to_string(int(opt.timeout_s)) +
                  " s timeout passed): " + first_line(e.what()));
    }
  }

  void wait_all(std::vector<c10::intrusive_ptr<c10d::Work>>& works, const char* what) {
    guarded(what, [&] {
      for (auto& w : works) w->wait();
    });
  }
};

ProcessGroup::ProcessGroup(const DistOptions& opt, bool cuda) : impl_(std::make_unique<Impl>()) {
  impl_->opt = opt;
  const auto timeout = std::chrono::milliseconds(int64_t(opt.timeout_s * 1000));
  const std::string where = opt.master_addr + ":" + std::to_string(opt.master_port);
  try {
    c10d::TCPStoreOptions so;
    so.port = uint16_t(opt.master_port);
    so.isServer = opt.rank == 0 && !opt.agent_store;
    so.numWorkers = size_t(opt.world_size);
    so.waitWorkers = !opt.agent_store;
    so.timeout = timeout;
    c10::intrusive_ptr<c10d::Store> tcp = c10::make_intrusive<c10d::TCPStore>(opt.master_addr, so);
    impl_->store = c10::make_intrusive<c10d::PrefixStore>(opt.store_prefix + "/tinge-train", tcp);
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(opt.rank) + ": cannot meet the other ranks at " + where + ": " +
                first_line(e.what()));
  }
  try {
#ifdef USE_C10D_NCCL
    if (cuda) {
      auto o = c10d::ProcessGroupNCCL::Options::create();
      o->timeout = timeout;
      impl_->pg = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl_->store, opt.rank, opt.world_size, o);
      impl_->backend = "nccl";
    }
#endif
    if (!impl_->pg) {
      auto o = c10d::ProcessGroupGloo::Options::create(timeout);
      const bool loopback = opt.master_addr == "127.0.0.1" || opt.master_addr == "localhost";
      if (!opt.iface.empty())
        o->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(opt.iface));
      else if (loopback)
        o->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
      else
        o->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
      impl_->pg = c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, opt.rank, opt.world_size, o);
      impl_->backend = "gloo";
    }
  } catch (const std::exception& e) {
    throw Error("rank " + std::to_string(opt.rank) + " of " + std::to_string(opt.world_size) +
                ": cannot connect to the other ranks (rendezvous at " + where + "): " + first_line(e.what()));
  }
  (void)cuda;
}

ProcessGroup::~ProcessGroup() = default;

int ProcessGroup::rank() const {
  return impl_->opt.rank;
}

int ProcessGroup::size() const {
  return impl_->opt.world_size;
}

std::string ProcessGroup::backend() const {
  return impl_->backend;
}

void ProcessGroup::allreduce_sum(std::vector<at::Tensor>& tensors) {
  std::vector<c10::intrusive_ptr<c10d::Work>> works;
  impl_->guarded("all-reduce", [&] {
    for (auto& t : tensors) {
      std::vector<at::Tensor> one{t};
      works.push_back(impl_->pg->allreduce(one));
    }
  });
  impl_->wait_all(works, "all-reduce");
}

void ProcessGroup::allreduce_max(at::Tensor& tensor) {
  std::vector<c10::intrusive_ptr<c10d::Work>> works;
  impl_->guarded("all-reduce", [&] {
    std::vector<at::Tensor> one{tensor};
    c10d::AllreduceOptions o;
    o.reduceOp = c10d::ReduceOp::MAX;
    works.push_back(impl_->pg->allreduce(one, o));
  });
  impl_->wait_all(works, "all-reduce");
}

void ProcessGroup::broadcast(std::vector<at::Tensor>& tensors, int root) {
  std::vector<c10::intrusive_ptr<c10d::Work>> works;
  impl_->guarded("broadcast", [&] {
    for (auto& t : tensors) {
      std::vector<at::Tensor> one{t};
      c10d::BroadcastOptions o;
      o.rootRank = root;
      works.push_back(impl_->pg->broadcast(one, o));
    }
  });
  impl_->wait_all(works, "broadcast");
}

std::vector<std::string> ProcessGroup::allgather_text(const std::string& text) {
  const std::string round = "gather/" + std::to_string(impl_->gathers++) + "/";
  std::vector<std::string> out;
  impl_->guarded("exchange", [&] {
    impl_->store->set(round + std::to_string(impl_->opt.rank),
                      std::vector<uint8_t>(text.begin(), text.end()));
    for (int r = 0; r < impl_->opt.world_size; ++r) {
      const std::vector<uint8_t> v = impl_->store->get(round + std::to_string(r));
      out.emplace_back(v.begin(), v.end());
    }
  });
  return out;
}

bool have_process_groups() {
  return true;
}

#else  // no c10d in this build

struct ProcessGroup::Impl {};

ProcessGroup::ProcessGroup(const DistOptions&, bool) {
  throw Error(
      "this build has no data-parallel training (LibTorch's c10d with the Gloo headers; "
      "on Debian install libgloo-dev and rebuild)");
}
ProcessGroup::~ProcessGroup() = default;
int ProcessGroup::rank() const {
  return 0;
}
int ProcessGroup::size() const {
  return 1;
}
std::string ProcessGroup::backend() const {
  return "";
}
void ProcessGroup::allreduce_sum(std::vector<at::Tensor>&) {}
void ProcessGroup::allreduce_max(at::Tensor&) {}
void ProcessGroup::broadcast(std::vector<at::Tensor>&, int) {}
std::vector<std::string> ProcessGroup::allgather_text(const std::string& text) {
  return {text};
}
bool have_process_groups() {
  return false;
}

#endif

}  // namespace tinge
