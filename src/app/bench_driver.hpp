// `tinge edit [IMAGE] --bench OUT.json`: drives the editor like a user inside the real frame loop
// and records what the user would feel (BenchRecorder, editor_bench.hpp). Phases:
//   1. warm-up: the first full result, then four hints added, until everything is on screen;
//   2. drag: hint 0 follows a Lissajous path for --bench-seconds, moved every frame, so preview
//      requests keep coming and the worker never rests; every frame's time is recorded;
//   3. edits: --bench-edits single gestures on an idle worker, each one move (a preview is
//      requested; wait until it is on screen) and a release (full quality; wait again).
// The hints change through the document exactly as the mouse gestures change it. The driver sees
// the editor through BenchTarget, and hears of render requests and results as a RenderObserver.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/editor_bench.hpp"
#include "app/editor_types.hpp"
#include "app/render_requests.hpp"

namespace tinge {

class Document;

class BenchTarget {
 public:
  virtual ~BenchTarget() = default;
  virtual Document& doc() = 0;
  virtual const ImageData* image() const = 0;
  virtual bool results_current() const = 0;  // the full result for these hints is on screen
  virtual std::string method_label() const = 0;
};

class BenchDriver final : public RenderObserver {
 public:
  BenchDriver(BenchTarget& target, std::string out_path, double drag_seconds, int edits);

  // Each frame, in this order (the UI thread's work starts at frame_start).
  void frame_start() { recorder_.frame_start(); }
  void step();  // the next gesture; throws tinge::Error after kPhaseTimeout without progress
  // After the compositor's update: results whose composition is complete are on screen.
  void results_on_screen(uint64_t shown_serial, int composed_width, bool composed_on_cpu);
  void before_swap() { recorder_.before_swap(); }
  void after_swap(bool busy, bool composed) { recorder_.after_swap(busy, composed); }
  bool done() const { return recorder_.phase() == BenchRecorder::Phase::Done; }
  // Whether the driver needs a frame: always while it warms up and drags; during single edits only
  // when it can take the next step, so that while a result is computed and composed the editor draws
  // the frames it would draw for a user (none while it waits for the worker) and no more.
  bool wants_frames() const;
  // Writes the report (JSON to the output path, a table on stdout).
  void finish(int framebuffer_w, int framebuffer_h);

  void result_posted(uint64_t rev, bool full) override { recorder_.posted(rev, full); }
  void result_adopted(uint64_t serial, uint64_t rev, bool full, double compute_ms) override;

 private:
  void warm_up(double now);
  void drag(double now);
  void edit(double now);

  BenchTarget& target_;
  std::string out_path_;
  double drag_seconds_;
  int edits_;
  BenchRecorder recorder_;
  double phase_start_ = 0, progress_ = 0;  // when the phase began; the last progress
  int edit_ = 0, edit_state_ = 0;          // edits: which, and 0 wait / 1 preview / 2 full quality
  struct Adopted {
    uint64_t serial, rev;  // the compositor's ab serial, the document revision
    bool full;
    double compute_ms;
  };
  std::vector<Adopted> adopted_;  // results handed to the compositor, not on screen yet
};

}  // namespace tinge
