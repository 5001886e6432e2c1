// Shader composition of the result and the gamut picker (see compositor.hpp).
#include "app/compositor.hpp"

namespace tinge {

Compositor::Compositor()
    : compose_({"fullscreen.vert.glsl"}, {"lab.glsl", "compose.frag.glsl"}),
      gamut_({"fullscreen.vert.glsl"}, {"lab.glsl", "gamut.frag.glsl"}) {
  glGenVertexArrays(1, &vao_);
}

Compositor::~Compositor() {
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

void Compositor::set_image(const Rgb8Image& original, const Plane& L) {
  w_ = L.width;
  h_ = L.height;
  original_.upload_rgb8(original, true);
  L_.upload_plane(L);
  result_.resize(w_, h_, true);
  result_.texture().use_mipmaps(true);
  mipmaps_used_ = true;
  Plane zero(1, 1, 0.f);
  ab_.upload_ab(zero, zero);
  dirty_ = true;
}

void Compositor::set_ab(const Plane& a, const Plane& b) {
  ab_.upload_ab(a, b);
  dirty_ = true;
}

void Compositor::set_saturation(float s) {
  if (s == saturation_) return;
  saturation_ = s;
  dirty_ = true;
}

void Compositor::update(bool minified) {
  if (w_ == 0) return;
  if (dirty_) compose();
  if (minified && !mipmaps_built_) {
    result_.texture().generate_mipmaps();
    mipmaps_built_ = true;
  }
  if (minified != mipmaps_used_) result_.texture().use_mipmaps(minified);
  mipmaps_used_ = minified;
}

void Compositor::compose() {
  dirty_ = false;
  mipmaps_built_ = false;
  GLint prev_viewport[4];
  glGetIntegerv(GL_VIEWPORT, prev_viewport);
  result_.bind();
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(compose_.id());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, L_.id());
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, ab_.id());
  glUniform1i(compose_.uniform("u_L"), 0);
  glUniform1i(compose_.uniform("u_ab"), 1);
  glUniform2f(compose_.uniform("u_size"), float(w_), float(h_));
  glUniform1f(compose_.uniform("u_saturation"), saturation_);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glActiveTexture(GL_TEXTURE0);
  RenderTarget::unbind();
  glViewport(prev_viewport[0], prev_viewport[1], prev_viewport[2], prev_viewport[3]);
}

Texture& Compositor::gamut_picker(float L, int side) {
  if (L == picker_L_ && picker_.width() == side) return picker_.texture();
  picker_L_ = L;
  GLint prev_viewport[4];
  glGetIntegerv(GL_VIEWPORT, prev_viewport);
  picker_.resize(side, side, false);
  picker_.bind();
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(gamut_.id());
  glUniform1f(gamut_.uniform("u_L"), L);
  glUniform2f(gamut_.uniform("u_size"), float(side), float(side));
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  RenderTarget::unbind();
  glViewport(prev_viewport[0], prev_viewport[1], prev_viewport[2], prev_viewport[3]);
  return picker_.texture();
}

}  // namespace tinge
