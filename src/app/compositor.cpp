// Shader composition of the result and the gamut picker (see compositor.hpp).
#include "app/compositor.hpp"

#include <algorithm>
#include <cmath>

#include "core/gamut_table.hpp"

namespace tinge {

Compositor::Compositor()
    : compose_({"fullscreen.vert.glsl"}, {"lab.glsl", "compose.frag.glsl"}),
      gamut_({"fullscreen.vert.glsl"}, {"lab.glsl", "gamut.frag.glsl"}),
      gamut_table_cpu_(std::make_shared<const GamutTable>(make_gamut_table())) {
  glGenVertexArrays(1, &vao_);
  glGenQueries(1, &timer_);
  const GamutTable& t = *gamut_table_cpu_;
  Plane table(t.cols, t.rows);
  table.v = t.max_chroma;
  gamut_table_.upload_plane(table);
  gamut_table_.wrap_horizontally();
}

Compositor::~Compositor() {
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (timer_) glDeleteQueries(1, &timer_);
}

void Compositor::set_image(const Rgb8Image& original, const Plane& L) {
  // Uploaded first: a photo over the GPU's texture limit throws here, leaving the current one whole.
  original_.upload_rgb8(original, true);
  L_.upload_plane(L);
  w_ = L.width;
  h_ = L.height;
  L_.generate_mipmaps();  // the result may be composed below full resolution
  set_ab(Plane(1, 1, 0.f), Plane(1, 1, 0.f));
  // The first composition of a new image is done at once: there is nothing to show meanwhile.
  start_composition();
  compose_rows(0, targets_[1 - front_].height());
  finish_composition();
}

uint64_t Compositor::set_ab(const Plane& a, const Plane& b, bool draft) {
  kept_a_ = kept_b_ = nullptr;
  ab_[1 - ab_composing_].upload_ab(a, b);
  ab_draft_[1 - ab_composing_] = draft;
  ab_pending_ = true;
  dirty_ = true;
  return ++ab_serial_;
}

CpuComposition Compositor::cpu_composition(bool draft) const {
  CpuComposition c;
  const bool slow = ns_per_pixel_ > kCpuNsPerPixel;
  if (w_ == 0 || mode_ == ComposeMode::Gpu || (mode_ == ComposeMode::Auto && !slow)) return c;
  target_size(draft, c.width, c.height);
  c.saturation = saturation_;
  return c;
}

uint64_t Compositor::set_composed(const Rgb8Image& rgb, std::shared_ptr<const Plane> a,
                                  std::shared_ptr<const Plane> b, bool draft) {
  // Newer than anything pending or half composed: that is dropped.
  kept_a_ = std::move(a);
  kept_b_ = std::move(b);
  kept_draft_ = draft;
  ab_pending_ = false;
  dirty_ = false;
  composing_draft_ = draft_scale(draft);
  composing_saturation_ = saturation_;
  RenderTarget& back = targets_[1 - front_];
  back.resize(rgb.width, rgb.height, false);
  back.texture().update_rgb8(rgb);
  composing_serial_ = ++ab_serial_;
  finish_composition();
  shown_on_cpu_ = true;
  return composing_serial_;
}

void Compositor::set_saturation(float s) {
  if (s == saturation_) return;
  saturation_ = s;
  dirty_ = true;
}

void Compositor::update(float display_scale) {
  composed_last_update_ = false;
  if (w_ == 0) return;
  // Power of two at or above the display scale, at most 1: the canvas then minifies by at most 2
  // (bilinear suffices) and zooming within a factor of two costs no recomposition.
  float s = 1.f;
  if (display_scale > 0.f && display_scale < 1.f)
    s = std::max(std::exp2(std::ceil(std::log2(display_scale))), 1.f / 64.f);
  if (s != scale_) {
    scale_ = s;
    dirty_ = true;
  }
  read_timing();
  if (dirty_ && next_row_ < 0) start_composition();
  if (next_row_ < 0) return;
  RenderTarget& back = targets_[1 - front_];
  const int y1 = std::min(back.height(), next_row_ + band_rows(back.width()));
  compose_rows(next_row_, y1);
  composed_last_update_ = true;
  next_row_ = y1;
  if (next_row_ >= back.height()) finish_composition();
}

void Compositor::finish_composition() {
  shown_on_cpu_ = false;
  next_row_ = -1;
  front_ = 1 - front_;
  shown_serial_ = composing_serial_;
}

void Compositor::read_timing() {
  if (!timing_) return;
  GLint available = 0;
  glGetQueryObjectiv(timer_, GL_QUERY_RESULT_AVAILABLE, &available);
  if (!available) return;
  GLuint64 ns = 0;
  glGetQueryObjectui64v(timer_, GL_QUERY_RESULT, &ns);
  timing_ = false;
  const double per_pixel = double(ns) / std::max(1.0, timed_pixels_);
  ns_per_pixel_ = ns_per_pixel_ > 0 ? 0.7 * ns_per_pixel_ + 0.3 * per_pixel : per_pixel;
}

int Compositor::band_rows(int width) const {
  if (ns_per_pixel_ <= 0) return 1 << 30;  // not measured yet: all at once
  const double budget = composing_draft_ ? kDraftBandBudgetMs : kBandBudgetMs;
  const double rows = budget * 1e6 / ns_per_pixel_ / std::max(1, width);
  return int(std::clamp(rows, 16.0, double(1 << 30)));
}

void Compositor::start_composition() {
  dirty_ = false;
  next_row_ = 0;
  if (ab_pending_) {
    ab_composing_ = 1 - ab_composing_;
    ab_pending_ = false;
    composing_serial_ = ab_serial_;
  } else if (kept_a_) {  // the result shown by set_composed(), composed again
    ab_[ab_composing_].upload_ab(*kept_a_, *kept_b_);
    ab_draft_[ab_composing_] = kept_draft_;
    kept_a_ = kept_b_ = nullptr;
  }
  composing_draft_ = draft_scale(ab_draft_[ab_composing_]);
  int tw = 0, th = 0;
  target_size(ab_draft_[ab_composing_], tw, th);
  targets_[1 - front_].resize(tw, th, false);
  composing_saturation_ = saturation_;
}

bool Compositor::draft_scale(bool draft) const {
  // A small composition is cheap at full scale, and halving it would show a blurred photo.
  return draft && double(w_) * scale_ * double(h_) * scale_ > kDraftMinPixels;
}

void Compositor::target_size(bool draft, int& w, int& h) const {
  const float s = draft_scale(draft) ? scale_ * 0.5f : scale_;  // scale_ >= 1/64
  w = std::max(1, int(std::lround(w_ * s)));
  h = std::max(1, int(std::lround(h_ * s)));
}

void Compositor::compose_rows(int y0, int y1) {
  RenderTarget& back = targets_[1 - front_];
  const bool timed = !timing_;  // one query in flight at a time
  if (timed) {
    glBeginQuery(GL_TIME_ELAPSED, timer_);
    timed_pixels_ = double(back.width()) * double(y1 - y0);
  }
  GLint prev_viewport[4];
  glGetIntegerv(GL_VIEWPORT, prev_viewport);
  back.bind();
  glDisable(GL_BLEND);
  glEnable(GL_SCISSOR_TEST);
  glScissor(0, y0, back.width(), y1 - y0);
  glUseProgram(compose_.id());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, L_.id());
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, ab_[ab_composing_].id());
  glActiveTexture(GL_TEXTURE2);
  glBindTexture(GL_TEXTURE_2D, gamut_table_.id());
  glUniform1i(compose_.uniform("u_L"), 0);
  glUniform1i(compose_.uniform("u_ab"), 1);
  glUniform1i(compose_.uniform("u_gamut"), 2);
  glUniform2f(compose_.uniform("u_size"), float(back.width()), float(back.height()));
  glUniform1f(compose_.uniform("u_saturation"), composing_saturation_);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);
  glActiveTexture(GL_TEXTURE0);
  if (timed) {
    glEndQuery(GL_TIME_ELAPSED);
    timing_ = true;
  }
  RenderTarget::unbind();
  glViewport(prev_viewport[0], prev_viewport[1], prev_viewport[2], prev_viewport[3]);
}

Texture& Compositor::gamut_picker(float L, std::array<float, 2> centre, float half, int side) {
  if (L == picker_L_ && centre == picker_centre_ && half == picker_half_ && picker_.width() == side)
    return picker_.texture();
  picker_L_ = L;
  picker_centre_ = centre;
  picker_half_ = half;
  GLint prev_viewport[4];
  glGetIntegerv(GL_VIEWPORT, prev_viewport);
  picker_.resize(side, side, false);
  picker_.bind();
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(gamut_.id());
  glUniform1f(gamut_.uniform("u_L"), L);
  glUniform2f(gamut_.uniform("u_centre"), centre[0], centre[1]);
  glUniform1f(gamut_.uniform("u_half"), half);
  glUniform2f(gamut_.uniform("u_size"), float(side), float(side));
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  RenderTarget::unbind();
  glViewport(prev_viewport[0], prev_viewport[1], prev_viewport[2], prev_viewport[3]);
  return picker_.texture();
}

}  // namespace tinge
