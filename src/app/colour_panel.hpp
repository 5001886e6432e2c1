// Colour choice for the selected hint (a point, a stroke or a region), the side panel's "Colour"
// section: the hint's patch size or stroke width, the ab gamut picker at its lightness (rendered by
// shaders/gamut.frag.glsl, out-of-gamut area hatched, zoomed to the region in gamut at that L), RGB / hex
// fields (typed colours are brought into gamut at the hint's lightness, as the picker does, with a note
// saying so), colours suggested for it (the network's with their probabilities, or propagation + typical
// colours without one; requested from the worker: colour_suggestions.hpp) and recently used colours. Each
// gesture is one undo step. With nothing selected it sets the colour the brush and the lasso paint
// with (the current colour: the last one chosen or applied; a selected hint's colour is used first).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/editor_context.hpp"
#include "core/color.hpp"
#include "core/document.hpp"

namespace tinge {

// What the panel's colour applies to: a point, a stroke or a region, or (neither) the current colour.
struct ColourTarget {
  int point = -1;
  ShapeRef shape;
  bool current() const { return point < 0 && !shape.valid(); }
  bool operator==(const ColourTarget& o) const { return point == o.point && shape == o.shape; }
  bool operator!=(const ColourTarget& o) const { return !(*this == o); }
};

class ColourPanel {
 public:
  explicit ColourPanel(EditorContext& ctx) : ctx_(ctx) {}

  void draw();  // the section's contents

  // A gesture in the panel (picker, RGB field, size slider) holds an edit open on the selected hint.
  bool in_gesture() const { return picking_ || size_editing_ || rgb_editing_; }
  bool picking() const { return picking_; }       // the picker is being dragged
  int new_hint_size(const ImageData& img) const;  // the last size set here, or one from the photo's size
  // The colour the brush and the lasso paint with; `set` when one was chosen (else the caller
  // decides, e.g. the prediction where the stroke starts).
  Ab current_colour(bool& set) const {
    set = has_current_;
    return current_;
  }

  // Sets a hint's colour (one undo step) and remembers it among the recent colours.
  void apply(int point, Ab ab) { apply(ColourTarget{point, {}}, ab); }
  void apply(const ColourTarget& t, Ab ab);
  void remember(Ab ab);  // among the recent colours; it becomes the current colour too
  // A typed colour (RGB or hex) for `point`: its chroma brought into gamut at the hint's
  // lightness, the picker's rule; notes on the panel what was changed.
  Ab typed(int point, const Lab& typed) { return typed_for(ColourTarget{point, {}}, typed); }
  Ab typed_for(const ColourTarget& t, const Lab& typed);
  // The colours suggested for `point` once they are computed (null until then); asks for them.
  const std::vector<Ab>* suggestions(int point) { return suggestions(ColourTarget{point, {}}); }
  const std::vector<Ab>* suggestions(const ColourTarget& t);
  void reset();  // a new photo: gestures end, suggestions for the old one are dropped

 private:
  ColourTarget selected_target() const;
  void remember_current(Ab ab);
  Ab ab_of(const ColourTarget& t) const;
  void set_ab(const ColourTarget& t, Ab ab);  // a document edit, or the current colour
  float lightness_of(const ColourTarget& t) const;
  void draw_heading(const ColourTarget& t, float L);
  void draw_patch_size(int point);
  void draw_stroke_width(int stroke);
  void draw_gamut_picker(const ColourTarget& t, float L);
  void draw_typed_colour(const ColourTarget& t, float L);
  void draw_hex_field(const ColourTarget& t, const std::array<float, 3>& used);
  void draw_suggestions(const ColourTarget& t, float L);
  void request_suggestions(const ColourTarget& t);
  bool suggestions_ready(const ColourTarget& t) const;

  EditorContext& ctx_;
  int default_size_ = 0;  // patch size of new hints; 0 = derived from the image size
  bool picking_ = false, rgb_editing_ = false, size_editing_ = false, hex_active_ = false;
  char hex_buf_[16] = {0};
  std::string typed_note_;  // how the last typed colour was brought into gamut (for typed_note_target_)
  ColourTarget typed_note_target_;
  uint64_t typed_note_rev_ = 0;
  std::vector<Ab> recent_;
  Ab current_{0.f, 0.f};
  bool has_current_ = false;
  struct Suggestions {
    ColourTarget target;
    uint64_t rev = ~0ull;
    bool ready = false, from_model = false;
    std::vector<Ab> ab;
    std::vector<float> probability;  // the network's, per colour (empty without one)
  } suggestions_;
};

}  // namespace tinge
