// GPU side of the displayed image: the full-resolution lightness and the current ab prediction as
// textures, composed into an sRGB render target by shaders/compose.frag.glsl whenever one of them
// (or the saturation) changes; the original photo as a texture; and the ab gamut picker.
#pragma once
#include "app/gl_util.hpp"

namespace tinge {

class Compositor {
 public:
  Compositor();  // needs a current GL context
  ~Compositor();
  Compositor(const Compositor&) = delete;
  Compositor& operator=(const Compositor&) = delete;

  void set_image(const Rgb8Image& original, const Plane& L);  // resets ab to grey
  void set_ab(const Plane& a, const Plane& b);                // any resolution
  void set_saturation(float s);
  // Recomposes the result when something changed; call once per frame before drawing.
  // `minified`: the result is shown at under 0.6 screen pixels per image pixel, so it is sampled
  // from mipmaps (built then, once per result); otherwise bilinear, and no mipmaps are built
  // (both cost a lot with software OpenGL).
  void update(bool minified);

  Texture& result() { return result_.texture(); }
  Texture& original() { return original_; }
  int width() const { return w_; }
  int height() const { return h_; }
  int ab_width() const { return ab_.width(); }

  // The ab plane at lightness L (side x side pixels); re-rendered only when L or side change.
  Texture& gamut_picker(float L, int side);

 private:
  void compose();

  Program compose_, gamut_;
  GLuint vao_ = 0;
  Texture L_, ab_, original_;
  RenderTarget result_, picker_;
  int w_ = 0, h_ = 0;
  float saturation_ = 1.f, picker_L_ = -1.f;
  bool dirty_ = false, mipmaps_built_ = false, mipmaps_used_ = false;
};

}  // namespace tinge
