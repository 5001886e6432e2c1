// Everything the editor asks of the colourisation method goes through here: a cheap preview
// (working resolution; short side 128 for classic methods) while a hint is being dragged, the
// full-resolution result (guided upsampling, hints enforced) when the edit is released, and suggested colours for a hint. Requests carry the
// document revision and image generation; results that arrive late are dropped.
#include <chrono>

#include "app/editor_app.hpp"
#include "core/ab_grid.hpp"
#include "core/error.hpp"
#include "core/pipeline.hpp"
#include "core/refine.hpp"

namespace tinge {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

float sample(const Plane& p, double x, double y, int full_w, int full_h) {
  if (p.empty()) return 0.f;
  int px = std::clamp(int(x * p.width / full_w), 0, p.width - 1);
  int py = std::clamp(int(y * p.height / full_h), 0, p.height - 1);
  return p.at(px, py);
}

}  // namespace

void EditorApp::make_worker() {
  std::unique_ptr<Method> method = std::move(opt_.method);
  if (!method) method = make_levin_method();
  has_model_ = method->distribution() != nullptr;
  base_method_name_ = base_method(*method).name();
  levin_ = &base_method(*method) != method.get();  // asked for model+levin
  if (has_model_ && !levin_) method = make_refined_method(std::move(method));
  worker_ = std::make_unique<InferenceWorker>(
      std::move(method), [] { glfwPostEmptyEvent(); },
      [this](const std::string& msg) { report_error(msg); }, opt_.worker_nice);
}

void EditorApp::set_levin(bool on) {
  if (!has_model_ || on == levin_) return;
  levin_ = on;
  ++render_epoch_;
  requested_rev_ = ~0ull;  // request the result again, and wait for it
  shown_full_ = false;
}

std::string EditorApp::method_label() const {
  if (!has_model_) return worker_->method_name();  // as asked for (the worker's method is not wrapped)
  return levin_ ? base_method_name_ + "+levin" : base_method_name_;
}

void EditorApp::update_requests() {
  if (!image_) return;
  const bool full = !doc_.editing();
  const uint64_t rev = doc_.revision();
  if (rev == requested_rev_ && (requested_full_ || !full)) return;
  requested_rev_ = rev;
  requested_full_ = full;
  auto img = image_;
  auto points = doc_.points();
  const uint64_t gen = generation_, epoch = render_epoch_;
  const bool levin = levin_;
  if (bench_) bench_->posted(rev, full);
  worker_->post("render", full ? "colourising at full resolution" : "preview",
                [this, img, points, full, rev, gen, epoch, levin](Method& worker_method) -> InferenceWorker::Done {
                  Method& m = chosen_method(worker_method, levin);
                  auto t0 = std::chrono::steady_clock::now();
                  Plane a, b;
                  if (full) {
                    PipelineOptions po;
                    po.saturation = 1.f;  // the shader applies the global saturation live
                    LabImage lab = colorize(img->L, points, m, po);
                    a = std::move(lab.a);
                    b = std::move(lab.b);
                  } else {
                    HintPlanes h = rasterize_hints(points, img->L.width, img->L.height,
                                                   img->L_preview.width, img->L_preview.height);
                    AbPrediction p = m.predict(img->L_preview, h);
                    a = std::move(p.a);
                    b = std::move(p.b);
                  }
                  double ms = ms_since(t0);
                  return [this, a, b, full, rev, gen, epoch, ms]() mutable {
                    if (gen != generation_ || epoch != render_epoch_ || rev < shown_rev_) return;
                    if (rev == shown_rev_ && shown_full_ && !full) return;
                    // While an alternative is previewed it stays on the canvas; this comes back after.
                    const uint64_t serial = previewed_alternative_ < 0 ? compositor_->set_ab(a, b, !full) : 0;
                    shown_a_ = std::move(a);
                    shown_b_ = std::move(b);
                    shown_rev_ = rev;
                    shown_full_ = full;
                    (full ? full_ms_ : preview_ms_) = ms;
                    if (bench_) bench_adopted_.push_back({serial, rev, full, ms});
                  };
                });
}

bool EditorApp::results_current() const {
  return worker_->idle() && requested_rev_ == doc_.revision() && requested_full_ &&
         shown_rev_ == doc_.revision() && shown_full_ && !compositor_->composing();
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

bool EditorApp::suggestions_ready(int point) const {
  return suggestions_.ready && suggestions_.point == point && suggestions_.rev == doc_.revision();
}

void EditorApp::request_suggestions(int point) {
  if (!image_ || point < 0 || point >= doc_.size()) return;
  if (suggestions_.point == point && suggestions_.rev == doc_.revision()) return;  // on its way
  if (suggestions_.point != point) {  // keep old swatches while updating the same point's
    suggestions_.ab.clear();
    suggestions_.probability.clear();
  }
  suggestions_.point = point;
  suggestions_.rev = doc_.revision();
  suggestions_.ready = false;
  std::vector<HintPoint> others = doc_.points();
  const HintPoint p = others[size_t(point)];
  others.erase(others.begin() + point);
  const float L = lightness_at(p.x, p.y, p.size);
  auto img = image_;
  const uint64_t rev = doc_.revision(), gen = generation_;
  worker_->post("suggest", "suggesting colours",
                [this, img, others, p, L, point, rev, gen](Method& m) -> InferenceWorker::Done {
                  const int W = img->L.width, H = img->L.height;
                  const int w = img->L_work.width, h = img->L_work.height;
                  HintPlanes hp = rasterize_hints(others, W, H, w, h);
                  const float xw = float(p.x * w / W), yw = float(p.y * h / H);
                  std::vector<Ab> ab;
                  std::vector<float> prob;
                  bool from_model = false;
                  if (auto* model = m.distribution()) {
                    for (const Suggestion& s : model->suggest(img->L_work, hp, xw, yw, 8)) {
                      ab.push_back({s.a, s.b});
                      prob.push_back(s.probability);
                    }
                    from_model = true;
                  }
                  if (!from_model) {
                    // What propagation from the other hints gives here, then typical colours.
                    AbPrediction pr = m.predict(img->L_work, hp);
                    float a = sample(pr.a, xw, yw, w, h), b = sample(pr.b, xw, yw, w, h);
                    if (a * a + b * b > 9.f) ab.push_back({a, b});
                    for (const Ab& c : natural_palette(L)) ab.push_back(c);
                  }
                  return [this, ab, prob, from_model, point, rev, gen] {
                    if (gen != generation_ || suggestions_.point != point || suggestions_.rev != rev)
                      return;
                    suggestions_.ab = ab;
                    suggestions_.probability = prob;
                    suggestions_.from_model = from_model;
                    suggestions_.ready = true;
                  };
                });
}

float EditorApp::lightness_at(double x, double y, int size) const {
  if (!image_) return 50.f;
  const Plane& L = image_->L;
  const int half = std::max(0, size / 2);
  const int step = std::max(1, (2 * half + 1) / 15);
  double sum = 0;
  int n = 0;
  for (int dy = -half; dy <= half; dy += step)
    for (int dx = -half; dx <= half; dx += step) {
      int px = std::clamp(int(x) + dx, 0, L.width - 1), py = std::clamp(int(y) + dy, 0, L.height - 1);
      sum += L.at(px, py);
      ++n;
    }
  return n ? float(sum / n) : 50.f;
}

Ab EditorApp::predicted_ab_at(double x, double y) const {
  if (!image_ || shown_a_.empty()) return {0.f, 0.f};
  return {sample(shown_a_, x, y, image_->L.width, image_->L.height),
          sample(shown_b_, x, y, image_->L.width, image_->L.height)};
}

}  // namespace tinge
