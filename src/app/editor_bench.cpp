// Samples and summary of the editor benchmark (see editor_bench.hpp).
#include "app/editor_bench.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numeric>

namespace tinge {

MsSummary MsSummary::of(std::vector<double> v) {
  MsSummary s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto rank = [&](double q) {  // nearest-rank percentile
    return v[std::min(v.size() - 1, size_t(std::max(1.0, std::ceil(q * double(v.size())))) - 1)];
  };
  s.p50 = rank(0.50);
  s.p95 = rank(0.95);
  s.max = v.back();
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
  s.n = int(v.size());
  return s;
}

nlohmann::json MsSummary::to_json() const {
  auto r = [](double x) { return std::round(x * 100.0) / 100.0; };
  return {{"p50", r(p50)}, {"p95", r(p95)}, {"max", r(max)}, {"mean", r(mean)}, {"n", n}};
}

BenchRecorder::BenchRecorder() {
  t0_ = now_ms();
}

double BenchRecorder::now_ms() const {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count() - t0_;
}

double BenchRecorder::thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
}

void BenchRecorder::frame_start() {
  frame_start_ = now_ms();
  cpu_start_ = thread_cpu_ms();
}

void BenchRecorder::before_swap() {
  before_swap_ = now_ms();
}

void BenchRecorder::after_swap(bool busy, bool composed) {
  const double t = now_ms();
  const FrameSample s{before_swap_ - frame_start_, t - frame_start_, thread_cpu_ms() - cpu_start_,
                      last_start_ < 0 ? 0.0 : frame_start_ - last_start_, shown_this_frame_};
  last_start_ = frame_start_;
  if (phase_ == Phase::Drag) {
    if (drag_start_ < 0) drag_start_ = frame_start_;
    drag_end_ = t;
    drag_frames_.push_back(s);
  } else if (phase_ == Phase::Edits && busy) {
    edit_frames_.push_back(s);
  } else if (phase_ == Phase::Edits && composed) {
    idle_compose_ms_.push_back(s.frame_ms);
  }
  if (!shown_this_frame_) return;
  shown_this_frame_ = false;
  if (shown_full_ && first_result_ms_ < 0) first_result_ms_ = t;  // the first colourised frame
  // Every change up to the shown revision is on screen now.
  while (!unshown_.empty() && unshown_.front().first <= shown_rev_) {
    if (phase_ == Phase::Drag) drag_latency_ms_.push_back(t - unshown_.front().second);
    unshown_.pop_front();
  }
  if (waiting_preview_ && shown_rev_ >= edit_rev_) {
    edit_preview_ms_.push_back(t - edit_time_);
    waiting_preview_ = false;
  }
  if (waiting_full_ && shown_full_ && shown_rev_ >= edit_rev_) {
    edit_full_ms_.push_back(t - release_time_);
    waiting_full_ = false;
  }
}

void BenchRecorder::posted(uint64_t rev, bool full) {
  if (full || phase_ != Phase::Drag) return;
  if (unshown_.empty() || unshown_.back().first < rev) unshown_.emplace_back(rev, now_ms());
  ++drag_posted_;
}

void BenchRecorder::shown(uint64_t rev, bool full, double compute_ms, int composed_width,
                          bool composed_on_cpu) {
  shown_this_frame_ = true;
  if (phase_ == Phase::Drag && !full) preview_width_ = composed_width;
  if (phase_ == Phase::Edits && full) {
    full_width_ = composed_width;
    full_on_cpu_ = composed_on_cpu;
  }
  shown_rev_ = rev;
  shown_full_ = full;
  if (phase_ == Phase::Drag && !full) ++drag_previews_shown_;
  if (phase_ == Phase::Edits) (full ? compute_full_ms_ : compute_preview_ms_).push_back(compute_ms);
}

void BenchRecorder::edit_made(uint64_t rev) {
  edit_rev_ = rev;
  edit_time_ = now_ms();
  waiting_preview_ = true;
}

void BenchRecorder::edit_released(uint64_t rev) {
  edit_rev_ = rev;
  release_time_ = now_ms();
  waiting_full_ = true;
}

namespace {

nlohmann::json frames_json(const std::vector<double>& work, const std::vector<double>& frame,
                           const std::vector<double>& cpu, const std::vector<double>& interval) {
  const auto over = std::count_if(frame.begin(), frame.end(), [](double ms) { return ms > 20.0; });
  return {{"frames", int(frame.size())},
          {"work_ms", MsSummary::of(work).to_json()},
          {"frame_ms", MsSummary::of(frame).to_json()},
          {"cpu_ms", MsSummary::of(cpu).to_json()},
          {"interval_ms", MsSummary::of(interval).to_json()},
          {"frames_over_20ms", int(over)}};
}

}  // namespace

nlohmann::json BenchRecorder::summary(const nlohmann::json& info) const {
  auto frames = [](const auto& samples) {
    std::vector<double> work, frame, cpu, interval;
    for (const auto& s : samples) {
      work.push_back(s.work_ms);
      frame.push_back(s.frame_ms);
      cpu.push_back(s.cpu_ms);
      interval.push_back(s.interval_ms);
    }
    nlohmann::json j = frames_json(work, frame, cpu, interval);
    // Frames that adopt a new result (upload its ab, compose at full resolution) apart.
    std::vector<double> with, without;
    for (const auto& s : samples) (s.new_result ? with : without).push_back(s.frame_ms);
    j["frame_ms_new_result"] = MsSummary::of(with).to_json();
    j["frame_ms_other"] = MsSummary::of(without).to_json();
    return j;
  };
  nlohmann::json j = info;
  j["drag"] = frames(drag_frames_);
  j["start_to_first_result_ms"] = std::round(first_result_ms_);
  j["drag"]["seconds"] = std::round((drag_end_ - std::max(0.0, drag_start_)) / 10.0) / 100.0;
  j["drag"]["previews_requested"] = drag_posted_;
  j["drag"]["previews_shown"] = drag_previews_shown_;
  j["drag"]["move_to_preview_ms"] = MsSummary::of(drag_latency_ms_).to_json();
  j["drag"]["preview_composed_width"] = preview_width_;
  j["edits"] = frames(edit_frames_);
  j["edits"]["count"] = int(edit_full_ms_.size());
  j["edits"]["edit_to_preview_ms"] = MsSummary::of(edit_preview_ms_).to_json();
  j["edits"]["release_to_full_ms"] = MsSummary::of(edit_full_ms_).to_json();
  j["edits"]["preview_compute_ms"] = MsSummary::of(compute_preview_ms_).to_json();
  j["edits"]["full_compute_ms"] = MsSummary::of(compute_full_ms_).to_json();
  j["edits"]["full_composed_width"] = full_width_;
  j["edits"]["full_composed_on"] = full_on_cpu_ ? "cpu" : "gpu";
  j["edits"]["frame_ms_composing_idle"] = MsSummary::of(idle_compose_ms_).to_json();
  return j;
}

void BenchRecorder::print_table(const nlohmann::json& j) const {
  auto row = [](const char* what, const nlohmann::json& s) {
    std::printf("| %-52s | %8.1f | %8.1f | %8.1f | %5d |\n", what, s["p50"].get<double>(),
                s["p95"].get<double>(), s["max"].get<double>(), s["n"].get<int>());
  };
  std::printf("editor benchmark: %s, %s, %s\n", j["image"].get<std::string>().c_str(),
              j["method"].get<std::string>().c_str(), j["gl_renderer"].get<std::string>().c_str());
  std::printf("| %-52s | %8s | %8s | %8s | %5s |\n|%s|---------:|---------:|---------:|------:|\n",
              "measurement (ms)", "p50", "p95", "max", "n", std::string(54, '-').c_str());
  row("drag: frame time, frame start to swap done", j["drag"]["frame_ms"]);
  row("drag: frame time, frames adopting a new result", j["drag"]["frame_ms_new_result"]);
  row("drag: frame time, other frames", j["drag"]["frame_ms_other"]);
  row("drag: UI thread CPU time per frame", j["drag"]["cpu_ms"]);
  row("drag: interval between frames", j["drag"]["interval_ms"]);
  row("drag: hint moved -> preview including it on screen", j["drag"]["move_to_preview_ms"]);
  row("edits: frame time while the worker is busy", j["edits"]["frame_ms"]);
  row("edits: frame time composing a result, worker idle", j["edits"]["frame_ms_composing_idle"]);
  row("edits: hint moved -> preview on screen (idle worker)", j["edits"]["edit_to_preview_ms"]);
  row("edits: release -> full-resolution result on screen", j["edits"]["release_to_full_ms"]);
  row("edits: preview compute on the worker", j["edits"]["preview_compute_ms"]);
  row("edits: full-resolution compute on the worker", j["edits"]["full_compute_ms"]);
  std::printf("start -> first colourised frame on screen: %.0f ms\n",
              j["start_to_first_result_ms"].get<double>());
  std::printf(
      "drag: %d frames in %.1f s, %d over 20 ms; %d previews requested, %d shown; previews\n"
      "composed %d pixels wide, full-resolution results %d\n",
      j["drag"]["frames"].get<int>(), j["drag"]["seconds"].get<double>(),
      j["drag"]["frames_over_20ms"].get<int>(), j["drag"]["previews_requested"].get<int>(),
      j["drag"]["previews_shown"].get<int>(), j["drag"]["preview_composed_width"].get<int>(),
      j["edits"]["full_composed_width"].get<int>());
}

}  // namespace tinge
