// GPU side of the displayed image: the full-resolution lightness and the current ab prediction as
// textures, composed into an sRGB render target by shaders/compose.frag.glsl whenever one of them
// (or the saturation, or the display scale) changes; the original photo as a texture; and the ab
// gamut picker.
//
// A new composition is rendered into a back target a band of rows per frame and swapped in when
// complete, so adopting a result never costs one frame a whole-image pass (about 35 ms for
// 1024 x 819 with software OpenGL, which would stall the UI). The band's height comes from the
// measured cost per pixel (GL timer queries): about kBandBudgetMs of GPU time a frame, so a
// hardware GPU composes the whole image in one frame and adds no latency, and software OpenGL
// spreads it over 2-3 frames (smaller bands smoothed frames further but delayed previews by
// 100-200 ms: docs/experiments.md, The editor). Changes arriving meanwhile are composed next: the display
// lags the newest ab by at most two compositions (a few frames), and a stream of changes (the saturation
// slider dragged) still shows progress. It is rendered at the display's scale rounded up to a power of two
// (at most the image's resolution), so a 12 MP photo shown whole costs about as much as a screenful. A draft
// ab (a live preview during any edit gesture: a hint dragged, its colour or size changed) is composed at half
// that scale, a quarter of the pixels, in smaller bands (kDraftBandBudgetMs: two on software OpenGL), when
// the full-scale composition would exceed 512 x 512 pixels; the full-quality result that follows is composed
// at the full scale.
//
// Where OpenGL is software (the measured cost over kCpuNsPerPixel) the worker composes results on
// the CPU instead (core/display_compose.hpp, with the gamut table the shader samples) at the size
// and saturation cpu_composition() names, and set_composed() shows them at once: a draft then
// reaches the screen in the next frame instead of two or three later, and frames draw no bands.
#pragma once
#include <array>
#include <cstdint>
#include <memory>

#include "app/gl_util.hpp"
#include "core/gamut_table.hpp"

namespace tinge {

enum class ComposeMode { Auto, Gpu, Cpu };  // Auto: the CPU where OpenGL is software

// What a result composed on the CPU must be to be shown as it is: its size and saturation.
struct CpuComposition {
  int width = 0, height = 0;  // 0: the GPU composes
  float saturation = 1.f;
  bool operator==(const CpuComposition& o) const {
    return width == o.width && height == o.height && saturation == o.saturation;
  }
};

class Compositor {
 public:
  static constexpr double kBandBudgetMs = 16.0;  // a frame at 60 Hz
  // Drafts (live previews) in smaller bands: on llvmpipe with the network busy, 5 ms bands kept
  // frames' p95 while dragging at 18.6-19.4 ms against 19.7-20.2 with 16 ms (five runs each), with
  // previews about 15 ms later (docs/experiments.md, The editor).
  static constexpr double kDraftBandBudgetMs = 5.0;
  // Drafts only where the full-scale composition has more pixels than this (512 x 512): below it
  // software OpenGL composes it within one 16 ms band anyway.
  static constexpr double kDraftMinPixels = 512.0 * 512.0;
  // Compositions cost llvmpipe about 40 ns a pixel on two cores and a hardware GPU well under 1.
  static constexpr double kCpuNsPerPixel = 4.0;

  Compositor();  // needs a current GL context
  ~Compositor();
  Compositor(const Compositor&) = delete;
  Compositor& operator=(const Compositor&) = delete;

  void set_image(const Rgb8Image& original, const Plane& L);  // resets ab to grey
  // Any resolution. Returns a serial number for this ab; shown_serial() tells when it is on screen.
  // `draft`: a preview soon replaced by a full-quality result, composed at half the display scale.
  uint64_t set_ab(const Plane& a, const Plane& b, bool draft = false);
  void set_saturation(float s);
  void set_mode(ComposeMode m) { mode_ = m; }
  // For a result (a draft or not) about to be asked for: where the CPU should compose it, the size
  // and saturation to compose it at; width 0 where the GPU composes.
  CpuComposition cpu_composition(bool draft) const;
  // Shows a result composed on the CPU for cpu_composition(draft) (which the caller checked still
  // holds), replacing anything pending or being composed; a, b are kept for later recompositions
  // (a zoom, the saturation). Returns its serial number, shown from the next frame.
  uint64_t set_composed(const Rgb8Image& rgb, std::shared_ptr<const Plane> a, std::shared_ptr<const Plane> b,
                        bool draft);
  // The gamut boundary the shader clamps to, for compositions on the CPU (any thread).
  std::shared_ptr<const GamutTable> gamut_table() const { return gamut_table_cpu_; }
  // Advances the composition by one band (or starts a new one when something changed); call once
  // per frame before drawing. `display_scale`: screen pixels per image pixel.
  void update(float display_scale);

  // The latest complete composition (its size may be below the image's: sample it by UV).
  Texture& result() { return targets_[front_].texture(); }
  Texture& original() { return original_; }
  int width() const { return w_; }
  int height() const { return h_; }
  bool composing() const { return dirty_ || next_row_ >= 0; }          // result() is not the latest yet
  bool composed_last_update() const { return composed_last_update_; }  // the last update() drew a band
  uint64_t shown_serial() const { return shown_serial_; }
  bool shown_on_cpu() const { return shown_on_cpu_; }  // result() came from set_composed()

  // The ab plane at lightness L over a square of half-side `half` around (a, b) = centre
  // (side x side pixels); re-rendered only when one of them changes.
  Texture& gamut_picker(float L, std::array<float, 2> centre, float half, int side);

 private:
  void start_composition();
  void compose_rows(int y0, int y1);
  void finish_composition();  // the back target becomes the shown result
  void read_timing();         // the last timed band's cost, once the GPU has it
  int band_rows(int width) const;
  bool draft_scale(bool draft) const;  // a draft composed at half scale
  void target_size(bool draft, int& w, int& h) const;

  Program compose_, gamut_;
  std::shared_ptr<const GamutTable> gamut_table_cpu_;
  GLuint vao_ = 0;
  Texture L_, original_, gamut_table_;
  Texture ab_[2];  // the ab being (or last) composed, and the next one
  bool ab_draft_[2] = {false, false};
  bool composing_draft_ = false;  // the composition in progress is a draft (half scale)
  bool composed_last_update_ = false;
  int ab_composing_ = 0;
  RenderTarget targets_[2], picker_;
  int front_ = 0;
  int w_ = 0, h_ = 0;
  float saturation_ = 1.f, scale_ = 1.f, picker_L_ = -1.f, picker_half_ = 0.f;
  std::array<float, 2> picker_centre_{0.f, 0.f};
  float composing_saturation_ = 1.f;
  bool dirty_ = false;
  // A new ab waits in ab_[1 - ab_composing_] for the next composition (a composition in progress
  // finishes with the ab and saturation it started with: a result is never shown half old, half new).
  bool ab_pending_ = false;
  // The ab of a result shown by set_composed(), uploaded only if it has to be composed again.
  std::shared_ptr<const Plane> kept_a_, kept_b_;
  bool kept_draft_ = false;
  ComposeMode mode_ = ComposeMode::Auto;
  bool shown_on_cpu_ = false;
  int next_row_ = -1;  // next row of the back target to compose; -1: none in progress
  uint64_t ab_serial_ = 0, composing_serial_ = 0, shown_serial_ = 0;
  GLuint timer_ = 0;
  bool timing_ = false;      // a timed band's result is awaited
  double timed_pixels_ = 0;  // pixels in that band
  double ns_per_pixel_ = 0;  // measured cost (running average); 0: not known yet
};

}  // namespace tinge
