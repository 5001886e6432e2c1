// The worker thread that owns the colourisation method. The UI posts jobs and never waits: a job
// runs on the worker and returns a completion that the UI thread runs when it drains the worker
// each frame. Jobs posted with the same non-empty key replace each other while still queued, so
// for live previews the latest request wins. A job's exception comes back as an error message.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/method.hpp"

namespace tinge {

class InferenceWorker {
 public:
  using Done = std::function<void()>;                         // runs on the UI thread
  using Job = std::function<Done(Method&)>;                   // runs on the worker thread
  using ErrorSink = std::function<void(const std::string&)>;  // UI thread

  // `wake` is called (from the worker) after each job so an idle UI loop wakes up. `nice` > 0
  // lowers the worker thread's scheduling priority (Linux: per-thread nice, inherited by the
  // threads it starts) so that on a machine with few cores the UI and the GL driver's threads
  // get the processor first and frames stay smooth while inference runs.
  InferenceWorker(std::unique_ptr<Method> method, std::function<void()> wake, ErrorSink on_error,
                  int nice = 0);
  ~InferenceWorker();  // drops queued jobs, lets a running one finish, joins: quitting is clean
  InferenceWorker(const InferenceWorker&) = delete;
  InferenceWorker& operator=(const InferenceWorker&) = delete;

  // A job that `yields` (suggestions, alternatives, recommended positions: what the canvas does not
  // wait for) lets jobs posted after it that do not yield run first while it is queued: the result
  // of a released edit is not kept waiting by the suggestions for the moved hint.
  void post(const std::string& key, const std::string& label, Job job, bool yields = false);
  int drain();  // runs the completions of finished jobs; returns how many ran
  bool idle() const;
  std::string activity() const;  // label of the running job, "" when none
  const std::string& method_name() const { return method_name_; }
  int working_short_side() const { return working_short_side_; }

 private:
  struct Entry {
    std::string key, label;
    Job job;
    bool yields = false;
  };
  void loop();

  std::unique_ptr<Method> method_;
  std::string method_name_;
  int working_short_side_ = 256;
  int nice_ = 0;
  std::function<void()> wake_;
  ErrorSink on_error_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Entry> queue_;
  std::deque<Done> finished_;
  std::string running_;
  bool busy_ = false, stop_ = false;
  std::thread thread_;
};

}  // namespace tinge
