// What `tinge edit --bench OUT.json` records and reports: the UI thread's time per frame while the
// worker is busy (wall time from frame start to the end of the buffer swap, the thread's own CPU
// time, and the interval between frame starts), and the latency from a hint edit to the first
// frame that shows the result including it (live previews while dragging, the full-resolution
// result after release). No GL or ImGui here: the editor calls the hooks, this class keeps the
// samples and writes the summary (a table on stdout, JSON to a file).
#pragma once
#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tinge {

// p50/p95/max/mean of a set of milliseconds; empty sets give zeros and n = 0.
struct MsSummary {
  double p50 = 0, p95 = 0, max = 0, mean = 0;
  int n = 0;
  static MsSummary of(std::vector<double> v);
  nlohmann::json to_json() const;
};

class BenchRecorder {
 public:
  enum class Phase { Warmup, Drag, Edits, Done };

  BenchRecorder();
  void set_phase(Phase p) { phase_ = p; }
  Phase phase() const { return phase_; }

  // Frame hooks, in this order each frame; `busy` = the worker had a job queued or running,
  // `composed` = the frame composed a band of a result.
  void frame_start();
  void before_swap();
  void after_swap(bool busy, bool composed);

  // A render request for document revision `rev` went to the worker.
  void posted(uint64_t rev, bool full);
  // A result for `rev` was adopted for display (`compute_ms`: its time on the worker; composed
  // `composed_width` pixels wide); it is on screen at the end of this frame's swap.
  void shown(uint64_t rev, bool full, double compute_ms, int composed_width, bool composed_on_cpu);

  // The discrete edits of the latency phase: an edit (preview requested) and its release (full
  // quality requested) start a clock that stops at the swap of the frame showing that revision.
  void edit_made(uint64_t rev);
  void edit_released(uint64_t rev);
  bool waiting_preview() const { return waiting_preview_; }
  bool edit_settled() const { return !waiting_preview_ && !waiting_full_; }

  // The report: a table on stdout and `info` + the measurements as JSON in `path`.
  nlohmann::json summary(const nlohmann::json& info) const;
  void print_table(const nlohmann::json& summary) const;

 private:
  double now_ms() const;
  static double thread_cpu_ms();

  Phase phase_ = Phase::Warmup;
  double t0_ = 0;
  double frame_start_ = 0, cpu_start_ = 0, before_swap_ = 0, last_start_ = -1;
  struct FrameSample {
    double work_ms, frame_ms, cpu_ms, interval_ms;
    bool new_result;  // the frame adopted (uploaded and composed) a new result
  };
  std::vector<FrameSample> drag_frames_, edit_frames_;
  std::vector<double> idle_compose_ms_;  // edits: frames composing a result while the worker is idle
  double drag_start_ = -1, drag_end_ = 0;
  // From the recorder's start (the editor's, before its window, model and photo) to the swap of the
  // first frame showing a full-resolution result.
  double first_result_ms_ = -1;

  // Drag: revisions posted and not yet on screen; the time each change was posted.
  std::deque<std::pair<uint64_t, double>> unshown_;
  std::vector<double> drag_latency_ms_;
  int drag_posted_ = 0, drag_previews_shown_ = 0;
  int preview_width_ = 0, full_width_ = 0;  // composed width of the last preview / full result
  bool full_on_cpu_ = false;                // the last full result was composed on the CPU
  // Results adopted this frame (stamped at its swap).
  uint64_t shown_rev_ = 0;
  bool shown_this_frame_ = false, shown_full_ = false;

  // Edits.
  uint64_t edit_rev_ = 0;
  double edit_time_ = 0, release_time_ = 0;
  bool waiting_preview_ = false, waiting_full_ = false;
  std::vector<double> edit_preview_ms_, edit_full_ms_;
  std::vector<double> compute_preview_ms_, compute_full_ms_;
};

}  // namespace tinge
