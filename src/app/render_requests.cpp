#include "app/render_requests.hpp"

#include <imgui.h>

#include <chrono>

#include "app/compositor.hpp"
#include "app/inference_worker.hpp"
#include "core/display_compose.hpp"
#include "core/document.hpp"
#include "core/pipeline.hpp"
#include "core/refine.hpp"
#include "core/resample.hpp"

namespace tinge {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// The canvas's prediction for these hints: at the preview resolution, or the full result.
void predict(const ImageData& img, const HintSet& hints, bool full, Method& m, Plane& a, Plane& b) {
  if (full) {
    PipelineOptions po;
    po.saturation = 1.f;  // the shader applies the global saturation live
    LabImage lab = colorize(img.L, hints, m, po);
    a = std::move(lab.a);
    b = std::move(lab.b);
  } else {
    HintPlanes h = rasterize_hint_set(hints, img.L.width, img.L.height, img.L_preview.width,
                                      img.L_preview.height, &img.L_preview);
    AbPrediction p = m.predict_draft(img.L_preview, h);
    a = std::move(p.a);
    b = std::move(p.b);
  }
}

}  // namespace

Method& job_method(Method& worker_method, bool levin) {
  return levin ? worker_method : base_method(worker_method);
}

std::unique_ptr<Method> RenderRequests::prepare_method(std::unique_ptr<Method> method) {
  if (!method) method = make_levin_method();
  has_model_ = method->distribution() != nullptr;
  method_name_ = method->name();
  base_method_name_ = base_method(*method).name();
  levin_ = &base_method(*method) != method.get();  // asked for model+levin
  if (has_model_ && !levin_) method = make_refined_method(std::move(method));
  return method;
}

void RenderRequests::set_levin(bool on) {
  if (!has_model_ || on == levin_) return;
  levin_ = on;
  ++epoch_;
  requested_rev_ = ~0ull;  // request the result again, and wait for it
  shown_full_ = false;
}

std::string RenderRequests::method_label() const {
  if (!has_model_) return method_name_;  // as asked for (the worker's method is not wrapped)
  return levin_ ? base_method_name_ + "+levin" : base_method_name_;
}

void RenderRequests::draw_method_controls() {
  ImGui::SetNextItemWidth(-80 * ctx_.ui_scale());
  ImGui::SliderFloat("saturation", &saturation_, 0.f, 2.f, "%.2f");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Global chroma scale, applied in Lab");
  if (!has_model_) return;
  bool on = levin_;
  if (ImGui::Checkbox("+ Levin", &on)) set_levin(on);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Average the network with Levin's propagation of the hints:\n"
        "closer to many hints, greyer and tinted with one or two");
}

void RenderRequests::update() {
  const ImageData* image = ctx_.image();
  if (!image) return;
  const Document& doc = ctx_.doc();
  const bool full = !doc.editing();
  const uint64_t rev = doc.revision();
  if (rev == requested_rev_ && (requested_full_ || !full)) return;
  requested_rev_ = rev;
  requested_full_ = full;
  auto img = ctx_.image_for_job();
  const HintSet hints = doc.hints();
  const uint64_t gen = image->generation, epoch = epoch_;
  const bool levin = levin_;
  // At the saturation the panels hand the compositor this frame (an edit and a new saturation may
  // arrive together, from a script or a loaded session).
  CpuComposition cpu = ctx_.compositor().cpu_composition(!full);
  cpu.saturation = saturation_;
  std::shared_ptr<const GamutTable> table = cpu.width > 0 ? ctx_.compositor().gamut_table() : nullptr;
  if (observer_) observer_->result_posted(rev, full);
  ctx_.worker().post("render", full ? "colourising at full resolution" : "preview",
                     [this, img, hints, full, rev, gen, epoch, levin, cpu,
                      table](Method& worker_method) -> InferenceWorker::Done {
                       const auto t0 = std::chrono::steady_clock::now();
                       Plane a, b;
                       predict(*img, hints, full, job_method(worker_method, levin), a, b);
                       Rgb8Image rgb = table ? compose_on_cpu(*img, a, b, cpu, *table, full) : Rgb8Image();
                       const double ms = ms_since(t0);
                       return [this, a = std::move(a), b = std::move(b), rgb = std::move(rgb), cpu, full, rev,
                               gen, epoch, ms]() mutable {
                         const ImageData* now = ctx_.image();
                         if (!now || gen != now->generation || epoch != epoch_ || rev < shown_rev_) return;
                         if (rev == shown_rev_ && shown_full_ && !full) return;
                         adopt(std::move(a), std::move(b), std::move(rgb), cpu, full, rev, ms);
                       };
                     });
}

Rgb8Image RenderRequests::compose_on_cpu(const ImageData& img, const Plane& a, const Plane& b,
                                         const CpuComposition& cpu, const GamutTable& table, bool full) {
  if (cpu.width == img.L.width && cpu.height == img.L.height)
    return compose_srgb8(img.L, a, b, cpu.saturation, table);
  // One cached size for drafts and one for full results: a drag on a photo shown below full scale
  // alternates between the two.
  std::shared_ptr<const Plane> L;
  {
    std::lock_guard<std::mutex> lock(composed_L_mutex_);
    ScaledL& c = composed_L_[full ? 0 : 1];
    if (!c.L || c.generation != img.generation || c.L->width != cpu.width || c.L->height != cpu.height) {
      c.L = std::make_shared<const Plane>(resize_area(img.L, cpu.width, cpu.height));
      c.generation = img.generation;
    }
    L = c.L;
  }
  return compose_srgb8(*L, a, b, cpu.saturation, table);
}

void RenderRequests::adopt(Plane a, Plane b, Rgb8Image rgb, const CpuComposition& cpu, bool full,
                           uint64_t rev, double ms) {
  // While an alternative is previewed it stays on the canvas; this comes back after. A result
  // composed on the CPU is shown as it is unless the display's scale or the saturation moved.
  shown_a_ = std::make_shared<const Plane>(std::move(a));
  shown_b_ = std::make_shared<const Plane>(std::move(b));
  shown_rgb_ = std::move(rgb);
  shown_cpu_ = cpu;
  uint64_t serial = 0;
  if (!held_) serial = show_shown(full);
  shown_rev_ = rev;
  shown_full_ = full;
  (full ? full_ms_ : preview_ms_) = ms;
  if (observer_) observer_->result_adopted(serial, rev, full, ms);
}

bool RenderRequests::results_current() const {
  const uint64_t rev = ctx_.doc().revision();
  return ctx_.worker().idle() && requested_rev_ == rev && requested_full_ && shown_rev_ == rev &&
         shown_full_ && !ctx_.compositor().composing();
}

Ab RenderRequests::shown_ab_at(double x, double y) const {
  const ImageData* img = ctx_.image();
  if (!img || !shown_a_) return {0.f, 0.f};
  return {sample_at(*shown_a_, x, y, img->L.width, img->L.height),
          sample_at(*shown_b_, x, y, img->L.width, img->L.height)};
}

void RenderRequests::show_instead(const Plane& a, const Plane& b) {
  // Composed here on the CPU where OpenGL is software (a draft's size: a few milliseconds), so the
  // hovered alternative shows in this frame rather than after bands over the next ones.
  held_ = true;
  Compositor& c = ctx_.compositor();
  const CpuComposition cpu = c.cpu_composition(true);
  const ImageData* img = ctx_.image();
  if (cpu.width > 0 && img)
    c.set_composed(compose_on_cpu(*img, a, b, cpu, *c.gamut_table(), false), std::make_shared<const Plane>(a),
                   std::make_shared<const Plane>(b), true);
  else
    c.set_ab(a, b, true);
}

void RenderRequests::show_result() {
  held_ = false;
  if (!shown_a_)
    ctx_.compositor().set_ab(Plane(1, 1, 0.f), Plane(1, 1, 0.f), false);  // nothing computed yet: grey
  else
    show_shown(shown_full_);
}

uint64_t RenderRequests::show_shown(bool full) {
  Compositor& c = ctx_.compositor();
  if (!shown_rgb_.data.empty() && c.cpu_composition(!full) == shown_cpu_)
    return c.set_composed(shown_rgb_, shown_a_, shown_b_, !full);
  return c.set_ab(*shown_a_, *shown_b_, !full);
}

void RenderRequests::reset() {
  requested_rev_ = ~0ull;
  shown_a_ = shown_b_ = nullptr;
  shown_rgb_ = Rgb8Image();
  held_ = false;  // the compositor is reset with the photo
}

}  // namespace tinge
