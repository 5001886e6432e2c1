// `tinge edit [IMAGE] --bench OUT.json`: drives the editor like a user inside the real frame loop
// and records what the user would feel (editor_bench.hpp). Phases:
//   1. warm-up: the first full result, then four hints added, until everything is on screen;
//   2. drag: hint 0 follows a Lissajous path for --bench-seconds, moved every frame, so preview
//      requests keep coming and the worker never rests; every frame's time is recorded;
//   3. edits: --bench-edits single gestures on an idle worker, each one move (a preview is
//      requested; wait until it is on screen) and a release (full quality; wait again).
// The hints change through the document exactly as the mouse gestures change it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "app/editor_app.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"

namespace tinge {
namespace {

constexpr double kPhaseTimeout = 300;  // seconds without progress before the benchmark gives up
constexpr double kPi = 3.14159265358979323846;

}  // namespace

bool EditorApp::step_bench() {
  using Phase = BenchRecorder::Phase;
  BenchRecorder& b = *bench_;
  const double now = glfwGetTime();
  if (now - bench_progress_ > kPhaseTimeout)
    throw Error("bench: no progress for " + std::to_string(int(kPhaseTimeout)) + " s");
  const int W = image_->L.width, H = image_->L.height;
  switch (b.phase()) {
    case Phase::Warmup:
      if (!render_.results_current()) return true;
      if (doc_.size() == 0) {
        const double at[4][2] = {{0.3, 0.3}, {0.7, 0.3}, {0.3, 0.7}, {0.7, 0.7}};
        const Ab colors[4] = {{-6.f, -28.f}, {-24.f, 26.f}, {22.f, 30.f}, {18.f, 8.f}};
        for (int i = 0; i < 4; ++i) {
          HintPoint p;
          p.x = at[i][0] * W;
          p.y = at[i][1] * H;
          p.a = colors[i][0];
          p.b = colors[i][1];
          p.size = std::max(5, std::min(W, H) / 64);
          doc_.add_point(p);
        }
        bench_progress_ = now;
        return true;
      }
      b.set_phase(Phase::Drag);
      doc_.select(0);
      doc_.begin_edit();
      bench_phase_start_ = bench_progress_ = now;
      return true;
    case Phase::Drag: {
      const double t = now - bench_phase_start_;
      if (t >= opt_.bench_seconds) {
        doc_.end_edit();
        b.set_phase(Phase::Edits);
        bench_edit_ = 0;
        bench_edit_state_ = 0;
        return true;
      }
      // A smooth path across the middle of the photo, about one pixel of screen per frame or more.
      const double x = W * (0.5 + 0.3 * std::sin(2 * kPi * t / 4.0));
      const double y = H * (0.5 + 0.3 * std::sin(2 * kPi * t / 3.0));
      doc_.move_point(0, std::clamp(x, 0.0, W - 1e-3), std::clamp(y, 0.0, H - 1e-3));
      bench_progress_ = now;
      return true;
    }
    case Phase::Edits:
      if (bench_edit_state_ == 0) {  // wait until idle, then press and move
        if (!render_.results_current()) return true;
        if (bench_edit_ >= opt_.bench_edits) {
          b.set_phase(Phase::Done);
          return false;
        }
        const uint64_t r = splitmix64(uint64_t(bench_edit_) + 1);
        const double x = W * (0.1 + 0.8 * double(r & 0xffff) / 65535.0);
        const double y = H * (0.1 + 0.8 * double((r >> 16) & 0xffff) / 65535.0);
        const int point = bench_edit_ % doc_.size();
        doc_.select(point);
        doc_.begin_edit();
        doc_.move_point(point, x, y);
        b.edit_made(doc_.revision());
        bench_edit_state_ = 1;
        bench_progress_ = now;
      } else if (bench_edit_state_ == 1) {  // preview on screen: release
        if (b.waiting_preview()) return true;
        doc_.end_edit();
        b.edit_released(doc_.revision());
        bench_edit_state_ = 2;
        bench_progress_ = now;
      } else if (b.edit_settled()) {
        ++bench_edit_;
        bench_edit_state_ = 0;
        bench_progress_ = now;
      }
      return true;
    case Phase::Done:
      return false;
  }
  return false;
}

void EditorApp::result_posted(uint64_t rev, bool full) { bench_->posted(rev, full); }

void EditorApp::result_adopted(uint64_t serial, uint64_t rev, bool full, double compute_ms) {
  bench_adopted_.push_back({serial, rev, full, compute_ms});
}

void EditorApp::report_shown_to_bench() {
  // A result is on screen once its composition is complete; of those completed together only
  // the newest was ever displayed.
  const uint64_t on_screen = compositor_->shown_serial();
  size_t n = 0;
  while (n < bench_adopted_.size() && bench_adopted_[n].serial <= on_screen) ++n;
  if (n == 0) return;
  const BenchAdopted& r = bench_adopted_[n - 1];
  bench_->shown(r.rev, r.full, r.compute_ms, compositor_->result().width());
  bench_adopted_.erase(bench_adopted_.begin(), bench_adopted_.begin() + long(n));
}

void EditorApp::finish_bench() {
  nlohmann::json info = {
      {"image", image_->path},
      {"image_size", {image_->L.width, image_->L.height}},
      {"working_size", {image_->L_work.width, image_->L_work.height}},
      {"method", render_.method_label()},
      {"hints", doc_.size()},
      {"gl_renderer", reinterpret_cast<const char*>(glGetString(GL_RENDERER))},
  };
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(window_, &fw, &fh);
  info["framebuffer"] = {fw, fh};
  const nlohmann::json j = bench_->summary(info);
  std::ofstream f(opt_.bench_out);
  f << j.dump(2) << "\n";
  f.close();
  if (!f) throw Error("bench: cannot write " + opt_.bench_out);
  bench_->print_table(j);
  std::printf("bench: results in %s\n", opt_.bench_out.c_str());
}

}  // namespace tinge
