// The "Where to click" overlay texture (see uncertainty_overlay.hpp).
#include "app/uncertainty_overlay.hpp"

namespace tinge {

UncertaintyOverlay::UncertaintyOverlay() : program_({"fullscreen.vert.glsl"}, {"uncertainty.frag.glsl"}) {
  glGenVertexArrays(1, &vao_);
}

UncertaintyOverlay::~UncertaintyOverlay() {
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

void UncertaintyOverlay::set(const Plane& map, float low, float full) {
  empty_ = map.empty();
  if (empty_) return;
  map_.upload_plane(map);
  GLint prev_viewport[4];
  glGetIntegerv(GL_VIEWPORT, prev_viewport);
  target_.resize(map.width, map.height, false);
  target_.bind();
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(program_.id());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, map_.id());
  glUniform1i(program_.uniform("u_map"), 0);
  glUniform2f(program_.uniform("u_size"), float(map.width), float(map.height));
  glUniform1f(program_.uniform("u_low"), low);
  glUniform1f(program_.uniform("u_full"), full);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  RenderTarget::unbind();
  glViewport(prev_viewport[0], prev_viewport[1], prev_viewport[2], prev_viewport[3]);
}

}  // namespace tinge
