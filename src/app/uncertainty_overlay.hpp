// The GPU side of "Where to click": turns the recommender's uncertainty map (core/recommend.hpp)
// into a translucent RGBA texture through shaders/uncertainty.frag.glsl, which the canvas draws
// stretched over the photo.
#pragma once
#include "app/gl_util.hpp"
#include "core/image.hpp"

namespace tinge {

class UncertaintyOverlay {
 public:
  UncertaintyOverlay();  // needs a current GL context
  ~UncertaintyOverlay();
  UncertaintyOverlay(const UncertaintyOverlay&) = delete;
  UncertaintyOverlay& operator=(const UncertaintyOverlay&) = delete;

  // Renders `map` (cell values in ab units) into texture(): clear up to `low`, full strength from `full`.
  void set(const Plane& map, float low, float full);
  Texture& texture() { return target_.texture(); }
  bool empty() const { return target_.width() == 0; }
  void clear() { empty_ = true; }
  bool shown() const { return !empty_; }

 private:
  Program program_;
  GLuint vao_ = 0;
  Texture map_;
  RenderTarget target_;
  bool empty_ = true;
};

}  // namespace tinge
