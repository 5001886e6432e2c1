// Everything the editor asks of the colourisation method for the canvas: a cheap preview (working
// resolution; short side 128 for classic methods) while a hint is being dragged, the
// full-resolution result (guided upsampling, hints enforced) when the edit is released. Requests
// carry the document revision, the photo's generation and the method's epoch; results that arrive
// late are dropped. Also owns the method choice ("+ Levin") and the global saturation.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "app/compositor.hpp"
#include "app/editor_context.hpp"
#include "core/method.hpp"

namespace tinge {

// What a job runs on the worker's method: the combination with Levin, or what it is built on.
Method& job_method(Method& worker_method, bool levin);

// Told about each render request and each result handed to the compositor (the --bench driver).
class RenderObserver {
 public:
  virtual ~RenderObserver() = default;
  virtual void result_posted(uint64_t rev, bool full) = 0;
  // `serial`: the compositor's number for this ab (0 when an alternative held the canvas).
  virtual void result_adopted(uint64_t serial, uint64_t rev, bool full, double compute_ms) = 0;
};

class RenderRequests {
 public:
  explicit RenderRequests(EditorContext& ctx) : ctx_(ctx) {}

  // The worker's method, from the one asked for: a network is wrapped with Levin so "+ Levin"
  // can be switched; model+levin starts switched on.
  std::unique_ptr<Method> prepare_method(std::unique_ptr<Method> method);
  bool has_network() const { return has_model_; }
  bool levin() const { return levin_; }
  void set_levin(bool on);           // and recompute the result
  std::string method_label() const;  // the method in use, as the status bar shows it
  float saturation() const { return saturation_; }
  void set_saturation(float s) { saturation_ = s; }
  void draw_method_controls();  // the side panel's saturation slider and "+ Levin" switch

  void update();                 // once a frame: asks for the result of changed hints
  bool results_current() const;  // the shown result is the full-quality one for these hints
  Ab shown_ab_at(double x, double y) const;
  double preview_ms() const { return preview_ms_; }
  double full_ms() const { return full_ms_; }

  // While another prediction (an alternative) is shown, results wait; show_result() brings back
  // the latest.
  void show_instead(const Plane& a, const Plane& b);
  void show_result();
  void reset();  // a new photo: nothing requested or shown yet
  void set_observer(RenderObserver* o) { observer_ = o; }

 private:
  void adopt(Plane a, Plane b, Rgb8Image rgb, const CpuComposition& cpu, bool full, uint64_t rev, double ms);
  uint64_t show_shown(bool full);  // hands the shown result to the compositor; returns its serial
  // The result composed on the CPU as `cpu` asks (on the worker, or on the UI thread for a preview).
  Rgb8Image compose_on_cpu(const ImageData& img, const Plane& a, const Plane& b, const CpuComposition& cpu,
                           const GamutTable& table, bool full);

  EditorContext& ctx_;
  RenderObserver* observer_ = nullptr;
  bool has_model_ = false;
  // "+ Levin": the network averaged with Levin's propagation of the hints (src/core/refine.hpp).
  // A network is always wrapped so the user can switch; every request carries the choice.
  bool levin_ = false;
  std::string method_name_, base_method_name_;
  uint64_t epoch_ = 0;  // bumped when the method changes: older results are dropped
  uint64_t requested_rev_ = ~0ull, shown_rev_ = 0;
  bool requested_full_ = false, shown_full_ = false;
  bool held_ = false;  // show_instead() holds the canvas
  double preview_ms_ = 0, full_ms_ = 0;
  std::shared_ptr<const Plane> shown_a_, shown_b_;  // CPU copy of the displayed prediction (or null)
  // Its composition on the CPU (empty when the GPU composed it) and what for: shown again at once
  // after an alternative's preview when the display's scale and the saturation are the same.
  Rgb8Image shown_rgb_;
  CpuComposition shown_cpu_;
  float saturation_ = 1.f;
  // The photo's lightness at the sizes results (0) and drafts (1) are composed at on the CPU (worker
  // side).
  struct ScaledL {
    uint64_t generation = 0;
    std::shared_ptr<const Plane> L;
  };
  std::mutex composed_L_mutex_;
  ScaledL composed_L_[2];
};

}  // namespace tinge
