// The editor's inference worker, tested without GL: jobs run on the worker thread, completions only
// when the UI thread drains, the latest queued request per key wins, jobs that yield (suggestions)
// let later ones (the canvas's result) run first, a job's exception comes back
// as an error on the UI thread, and destroying the worker mid-job is clean. Built on its own
// (tinge_worker_tests) so that scripts/sanitize.sh can run it under ThreadSanitizer too.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/inference_worker.hpp"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#endif

namespace tinge {
namespace {

using namespace std::chrono_literals;

// A method that only counts how often the worker hands it to a job; the count is touched by jobs
// on the worker thread only, so a second thread touching it would be a race TSan reports.
class CountingMethod : public Method {
 public:
  std::string name() const override { return "counting"; }
  int working_short_side() const override { return 64; }
  AbPrediction predict(const Plane&, const HintPlanes&) override { return {}; }
  int jobs_seen = 0;
};

// A one-shot gate a job can wait on, opened from the test thread.
class Gate {
 public:
  void open() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  bool wait(std::chrono::milliseconds limit = 10s) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, limit, [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

struct Harness {
  std::atomic<int> wakes{0};
  std::vector<std::string> errors;  // UI thread only
  std::unique_ptr<InferenceWorker> worker;
  CountingMethod* method = nullptr;

  explicit Harness(int nice = 0) {
    auto m = std::make_unique<CountingMethod>();
    method = m.get();
    worker = std::make_unique<InferenceWorker>(
        std::move(m), [this] { wakes.fetch_add(1); },
        [this](const std::string& msg) { errors.push_back(msg); }, nice);
  }
  // Drains until the worker is idle (nothing queued, running or undrained); false on timeout.
  bool drain_until_idle(std::chrono::milliseconds limit = 10s) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      worker->drain();
      if (worker->idle()) return true;
      std::this_thread::sleep_for(1ms);
    }
    return false;
  }
};

// Posts a job that signals `started` and then blocks until `release` opens.
void post_blocker(InferenceWorker& w, Gate& started, Gate& release, const std::string& label = "blocker") {
  w.post("", label, [&started, &release](Method&) -> InferenceWorker::Done {
    started.open();
    release.wait();
    return nullptr;
  });
}

TEST(InferenceWorker, ReportsTheMethodItOwns) {
  Harness h;
  EXPECT_EQ(h.worker->method_name(), "counting");
  EXPECT_EQ(h.worker->working_short_side(), 64);
  EXPECT_TRUE(h.worker->idle());
  EXPECT_EQ(h.worker->drain(), 0);
}

#if defined(__linux__)
// The worker runs below the UI thread's priority when asked to (frames before inference on a
// machine with few cores); the UI thread itself is left alone.
int thread_nice() {
  errno = 0;
  return getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
}

TEST(InferenceWorker, RunsAtTheRequestedLowerPriority) {
  const int ui_before = thread_nice();
  for (int nice : {0, 7}) {
    Harness h(nice);
    int seen = -100;
    h.worker->post("", "probe", [&seen](Method&) -> InferenceWorker::Done {
      const int n = thread_nice();
      return [&seen, n] { seen = n; };
    });
    ASSERT_TRUE(h.drain_until_idle());
    EXPECT_EQ(seen, std::min(19, std::max(ui_before, nice))) << "asked for nice " << nice;
  }
  EXPECT_EQ(thread_nice(), ui_before);
}
#endif

TEST(InferenceWorker, LatestRequestWinsForTheSameKey) {
  Harness h;
  Gate started, release;
  post_blocker(*h.worker, started, release);
  ASSERT_TRUE(started.wait());
  std::vector<int> ran;  // UI thread only (written by completions)
  for (int i = 1; i <= 10; ++i)
    h.worker->post("preview", "preview " + std::to_string(i),
                   [i, &ran](Method&) -> InferenceWorker::Done { return [i, &ran] { ran.push_back(i); }; });
  // A different key and an unkeyed job are not replaced by the "preview" posts.
  h.worker->post("suggest", "suggest",
                 [&ran](Method&) -> InferenceWorker::Done { return [&ran] { ran.push_back(100); }; });
  h.worker->post("", "export",
                 [&ran](Method&) -> InferenceWorker::Done { return [&ran] { ran.push_back(200); }; });
  h.worker->post("", "export",
                 [&ran](Method&) -> InferenceWorker::Done { return [&ran] { ran.push_back(201); }; });
  release.open();
  ASSERT_TRUE(h.drain_until_idle());
  EXPECT_EQ(ran, (std::vector<int>{10, 100, 200, 201}));
}

TEST(InferenceWorker, JobsThatYieldLetLaterOnesRunFirst) {
  Harness h;
  Gate started, release;
  post_blocker(*h.worker, started, release);
  ASSERT_TRUE(started.wait());
  std::vector<std::string> ran;  // UI thread only
  auto job = [&ran](const std::string& name) {
    return [&ran, name](Method&) -> InferenceWorker::Done { return [&ran, name] { ran.push_back(name); }; };
  };
  // Suggestions for a released hint, then its result: the result runs first; jobs that do not yield
  // keep their order among themselves, and so do those that yield; a replaced yielding job keeps
  // yielding.
  h.worker->post("suggest", "suggest 1", job("suggest 1"), true);
  h.worker->post("recommend", "recommend", job("recommend"), true);
  h.worker->post("render", "render", job("render"));
  h.worker->post("", "save", job("save"));
  h.worker->post("suggest", "suggest 2", job("suggest 2"), true);
  h.worker->post("render", "render 2", job("render 2"));
  release.open();
  ASSERT_TRUE(h.drain_until_idle());
  EXPECT_EQ(ran, (std::vector<std::string>{"save", "render 2", "recommend", "suggest 2"}));
}

TEST(InferenceWorker, RunningJobIsNotReplacedOnlyQueuedOnes) {
  Harness h;
  Gate started, release;
  std::vector<std::string> ran;
  h.worker->post("preview", "first", [&](Method&) -> InferenceWorker::Done {
    started.open();
    release.wait();
    return [&ran] { ran.push_back("first"); };
  });
  ASSERT_TRUE(started.wait());
  EXPECT_EQ(h.worker->activity(), "first");
  h.worker->post("preview", "second", [](Method&) -> InferenceWorker::Done { return nullptr; });
  h.worker->post("preview", "third",
                 [&ran](Method&) -> InferenceWorker::Done { return [&ran] { ran.push_back("third"); }; });
  release.open();
  ASSERT_TRUE(h.drain_until_idle());
  EXPECT_EQ(ran, (std::vector<std::string>{"first", "third"}));
  EXPECT_EQ(h.worker->activity(), "");
}

TEST(InferenceWorker, CompletionsRunOnlyInDrainOnTheCallingThread) {
  Harness h;
  const auto ui = std::this_thread::get_id();
  std::thread::id job_thread, done_thread;
  bool done_ran = false;
  h.worker->post("", "job", [&](Method& m) -> InferenceWorker::Done {
    job_thread = std::this_thread::get_id();
    ++static_cast<CountingMethod&>(m).jobs_seen;
    return [&] {
      done_ran = true;
      done_thread = std::this_thread::get_id();
    };
  });
  // Wait for the worker's wake-up call: the job has finished, its completion is pending.
  auto end = std::chrono::steady_clock::now() + 10s;
  while (h.wakes.load() == 0 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(1ms);
  ASSERT_EQ(h.wakes.load(), 1);
  EXPECT_FALSE(done_ran) << "a completion ran outside drain()";
  EXPECT_FALSE(h.worker->idle()) << "an undrained completion must keep the worker non-idle";
  EXPECT_EQ(h.worker->drain(), 1);
  EXPECT_TRUE(done_ran);
  EXPECT_EQ(done_thread, ui);
  EXPECT_NE(job_thread, ui);
  EXPECT_EQ(h.worker->drain(), 0);  // each completion runs once
  EXPECT_TRUE(h.worker->idle());
  EXPECT_EQ(h.method->jobs_seen, 1);  // read after the job's completion was drained (synchronised)
}

TEST(InferenceWorker, ExceptionsComeBackAsErrorsAndTheWorkerCarriesOn) {
  Harness h;
  h.worker->post("", "colourise",
                 [](Method&) -> InferenceWorker::Done { throw std::runtime_error("model file is corrupt"); });
  h.worker->post("", "suggest", [](Method&) -> InferenceWorker::Done { throw 42; });
  bool after = false;
  h.worker->post("", "after",
                 [&after](Method&) -> InferenceWorker::Done { return [&after] { after = true; }; });
  // Errors, like completions, reach the sink only when the UI thread drains.
  auto end = std::chrono::steady_clock::now() + 10s;
  while (h.wakes.load() < 3 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(1ms);
  EXPECT_TRUE(h.errors.empty());
  ASSERT_TRUE(h.drain_until_idle());
  EXPECT_EQ(h.errors,
            (std::vector<std::string>{"colourise: model file is corrupt", "suggest: unexpected failure"}));
  EXPECT_TRUE(after);
}

TEST(InferenceWorker, DestructorWhileAJobRunsLetsItFinishAndDropsTheQueue) {
  auto h = std::make_unique<Harness>();
  Gate started;
  std::atomic<bool> running_finished{false}, queued_ran{false};
  bool completion_ran = false;
  h->worker->post("", "long", [&](Method&) -> InferenceWorker::Done {
    started.open();
    std::this_thread::sleep_for(100ms);  // still running when the destructor starts
    running_finished = true;
    return [&completion_ran] { completion_ran = true; };
  });
  for (int i = 0; i < 5; ++i)
    h->worker->post("k" + std::to_string(i), "queued", [&](Method&) -> InferenceWorker::Done {
      queued_ran = true;
      return nullptr;
    });
  ASSERT_TRUE(started.wait());
  h->worker.reset();  // joins: must wait for "long" and must not start the queued jobs
  EXPECT_TRUE(running_finished.load());
  EXPECT_FALSE(queued_ran.load());
  EXPECT_FALSE(completion_ran) << "completions are the UI's business; the destructor drops them";
  EXPECT_LE(h->wakes.load(), 1);
}

TEST(InferenceWorker, DestructorOfAnIdleWorkerReturnsPromptly) {
  auto t0 = std::chrono::steady_clock::now();
  { Harness h; }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
}

TEST(InferenceWorker, ManyPostsFromTheUiThreadWhileJobsRun) {
  Harness h;
  constexpr int kRounds = 3000;
  const std::vector<std::string> keys = {"preview", "suggest", "dist"};
  std::map<std::string, int> last_done;  // key -> value of the latest completion seen (UI thread)
  std::map<std::string, int> last_posted;
  int unkeyed_done = 0, unkeyed_posted = 0, keyed_done = 0;
  for (int i = 0; i < kRounds; ++i) {
    if (i % 7 == 0) {
      ++unkeyed_posted;
      h.worker->post("", "export", [&unkeyed_done](Method& m) -> InferenceWorker::Done {
        ++static_cast<CountingMethod&>(m).jobs_seen;
        return [&unkeyed_done] { ++unkeyed_done; };
      });
    } else {
      const std::string& key = keys[size_t(i) % keys.size()];
      last_posted[key] = i;
      h.worker->post(key, key, [i, key, &last_done, &keyed_done](Method& m) -> InferenceWorker::Done {
        ++static_cast<CountingMethod&>(m).jobs_seen;
        volatile int spin = 0;
        for (int k = 0; k < 2000; ++k) spin = spin + k;
        return [i, key, &last_done, &keyed_done] {
          EXPECT_GT(i, last_done[key]) << "completions of one key arrive in posting order";
          last_done[key] = i;
          ++keyed_done;
        };
      });
    }
    if (i % 5 == 0) h.worker->drain();
    if (i % 11 == 0) (void)h.worker->activity(), (void)h.worker->idle();
  }
  ASSERT_TRUE(h.drain_until_idle());
  EXPECT_EQ(unkeyed_done, unkeyed_posted);  // unkeyed jobs are never dropped
  for (const auto& kv : last_posted)
    EXPECT_EQ(last_done[kv.first], kv.second) << kv.first;  // the latest one ran
  EXPECT_EQ(h.method->jobs_seen, unkeyed_done + keyed_done);
  EXPECT_LE(keyed_done, kRounds - unkeyed_posted);
  // wake() follows each job's hand-over, so the last one may still be on its way.
  EXPECT_GE(h.wakes.load(), unkeyed_done + keyed_done - 1);
}

}  // namespace
}  // namespace tinge
