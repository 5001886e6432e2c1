#include "app/bench_driver.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "app/gl.hpp"
#include "core/document.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"

namespace tinge {
namespace {

constexpr double kPhaseTimeout = 300;  // seconds without progress before the benchmark gives up
constexpr double kPi = 3.14159265358979323846;

}  // namespace

BenchDriver::BenchDriver(BenchTarget& target, std::string out_path, double drag_seconds, int edits)
    : target_(target), out_path_(std::move(out_path)), drag_seconds_(drag_seconds), edits_(edits) {}

void BenchDriver::step() {
  using Phase = BenchRecorder::Phase;
  const double now = glfwGetTime();
  if (now - progress_ > kPhaseTimeout)
    throw Error("bench: no progress for " + std::to_string(int(kPhaseTimeout)) + " s");
  switch (recorder_.phase()) {
    case Phase::Warmup:
      warm_up(now);
      break;
    case Phase::Drag:
      drag(now);
      break;
    case Phase::Edits:
      edit(now);
      break;
    case Phase::Done:
      break;
  }
}

bool BenchDriver::wants_frames() const {
  if (recorder_.phase() != BenchRecorder::Phase::Edits) return true;
  if (edit_state_ == 0) return target_.results_current();
  if (edit_state_ == 1) return !recorder_.waiting_preview();
  return recorder_.edit_settled();
}

void BenchDriver::warm_up(double now) {
  if (!target_.results_current()) return;
  Document& doc = target_.doc();
  if (doc.size() == 0) {
    const ImageData& img = *target_.image();
    const int W = img.L.width, H = img.L.height;
    const double at[4][2] = {{0.3, 0.3}, {0.7, 0.3}, {0.3, 0.7}, {0.7, 0.7}};
    const Ab colors[4] = {{-6.f, -28.f}, {-24.f, 26.f}, {22.f, 30.f}, {18.f, 8.f}};
    for (int i = 0; i < 4; ++i) {
      HintPoint p;
      p.x = at[i][0] * W;
      p.y = at[i][1] * H;
      p.a = colors[i][0];
      p.b = colors[i][1];
      p.size = std::max(5, std::min(W, H) / 64);
      doc.add_point(p);
    }
    progress_ = now;
    return;
  }
  recorder_.set_phase(BenchRecorder::Phase::Drag);
  doc.select(0);
  doc.begin_edit();
  phase_start_ = progress_ = now;
}

void BenchDriver::drag(double now) {
  Document& doc = target_.doc();
  const double t = now - phase_start_;
  if (t >= drag_seconds_) {
    doc.end_edit();
    recorder_.set_phase(BenchRecorder::Phase::Edits);
    edit_ = 0;
    edit_state_ = 0;
    return;
  }
  // A smooth path across the middle of the photo, about one pixel of screen per frame or more.
  const ImageData& img = *target_.image();
  const int W = img.L.width, H = img.L.height;
  const double x = W * (0.5 + 0.3 * std::sin(2 * kPi * t / 4.0));
  const double y = H * (0.5 + 0.3 * std::sin(2 * kPi * t / 3.0));
  doc.move_point(0, std::clamp(x, 0.0, W - 1e-3), std::clamp(y, 0.0, H - 1e-3));
  progress_ = now;
}

void BenchDriver::edit(double now) {
  Document& doc = target_.doc();
  if (edit_state_ == 0) {  // wait until idle, then press and move
    if (!target_.results_current()) return;
    if (edit_ >= edits_) {
      recorder_.set_phase(BenchRecorder::Phase::Done);
      return;
    }
    const ImageData& img = *target_.image();
    const uint64_t r = splitmix64(uint64_t(edit_) + 1);
    const double x = img.L.width * (0.1 + 0.8 * double(r & 0xffff) / 65535.0);
    const double y = img.L.height * (0.1 + 0.8 * double((r >> 16) & 0xffff) / 65535.0);
    const int point = edit_ % doc.size();
    doc.select(point);
    doc.begin_edit();
    doc.move_point(point, x, y);
    recorder_.edit_made(doc.revision());
    edit_state_ = 1;
    progress_ = now;
  } else if (edit_state_ == 1) {  // preview on screen: release
    if (recorder_.waiting_preview()) return;
    doc.end_edit();
    recorder_.edit_released(doc.revision());
    edit_state_ = 2;
    progress_ = now;
  } else if (recorder_.edit_settled()) {
    ++edit_;
    edit_state_ = 0;
    progress_ = now;
  }
}

void BenchDriver::result_adopted(uint64_t serial, uint64_t rev, bool full, double compute_ms) {
  adopted_.push_back({serial, rev, full, compute_ms});
}

void BenchDriver::results_on_screen(uint64_t shown_serial, int composed_width, bool composed_on_cpu) {
  // A result is on screen once its composition is complete; of those completed together only
  // the newest was ever displayed.
  size_t n = 0;
  while (n < adopted_.size() && adopted_[n].serial <= shown_serial) ++n;
  if (n == 0) return;
  const Adopted& r = adopted_[n - 1];
  recorder_.shown(r.rev, r.full, r.compute_ms, composed_width, composed_on_cpu);
  adopted_.erase(adopted_.begin(), adopted_.begin() + long(n));
}

void BenchDriver::finish(int framebuffer_w, int framebuffer_h) {
  const ImageData& img = *target_.image();
  nlohmann::json info = {
      {"image", img.path},
      {"image_size", {img.L.width, img.L.height}},
      {"working_size", {img.L_work.width, img.L_work.height}},
      {"method", target_.method_label()},
      {"hints", target_.doc().size()},
      {"gl_renderer", reinterpret_cast<const char*>(glGetString(GL_RENDERER))},
  };
  info["framebuffer"] = {framebuffer_w, framebuffer_h};
  const nlohmann::json j = recorder_.summary(info);
  std::ofstream f(out_path_);
  f << j.dump(2) << "\n";
  f.close();
  if (!f) throw Error("bench: cannot write " + out_path_);
  recorder_.print_table(j);
  std::printf("bench: results in %s\n", out_path_.c_str());
}

}  // namespace tinge
