// The inference worker thread (see inference_worker.hpp).
#include "app/inference_worker.hpp"

#include <algorithm>
#include <exception>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace tinge {

InferenceWorker::InferenceWorker(std::unique_ptr<Method> method, std::function<void()> wake,
                                 ErrorSink on_error, int nice)
    : method_(std::move(method)), nice_(nice), wake_(std::move(wake)), on_error_(std::move(on_error)) {
  method_name_ = method_->name();
  working_short_side_ = method_->working_short_side();
  thread_ = std::thread([this] { loop(); });
}

InferenceWorker::~InferenceWorker() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void InferenceWorker::post(const std::string& key, const std::string& label, Job job, bool yields) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!key.empty())
      for (auto it = queue_.begin(); it != queue_.end();) it = it->key == key ? queue_.erase(it) : it + 1;
    // Jobs that do not yield stay ahead of those that do, each kind in the order posted.
    auto at = queue_.end();
    if (!yields) at = std::find_if(queue_.begin(), queue_.end(), [](const Entry& e) { return e.yields; });
    queue_.insert(at, Entry{key, label, std::move(job), yields});
  }
  cv_.notify_one();
}

int InferenceWorker::drain() {
  std::deque<Done> done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    done.swap(finished_);
  }
  for (auto& d : done)
    if (d) d();
  return int(done.size());
}

bool InferenceWorker::idle() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.empty() && !busy_ && finished_.empty();
}

std::string InferenceWorker::activity() const {
  std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

void InferenceWorker::loop() {
#if defined(__linux__)
  // Best effort: raising one's own nice value needs no privilege; failure changes nothing else.
  // The thread's nice value becomes at least nice_ (never raised in priority).
  if (nice_ > 0) {
    const id_t tid = id_t(syscall(SYS_gettid));
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, tid);
    if (errno == 0 && now < nice_) setpriority(PRIO_PROCESS, tid, std::min(nice_, 19));
  }
#endif
  for (;;) {
    Entry e;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      e = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      running_ = e.label;
    }
    Done done;
    try {
      done = e.job(*method_);
    } catch (const std::exception& ex) {
      std::string msg = e.label + ": " + ex.what();
      done = [sink = on_error_, msg] { sink(msg); };
    } catch (...) {
      std::string msg = e.label + ": unexpected failure";
      done = [sink = on_error_, msg] { sink(msg); };
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      finished_.push_back(std::move(done));
      busy_ = false;
      running_.clear();
    }
    if (wake_) wake_();
  }
}

}  // namespace tinge
