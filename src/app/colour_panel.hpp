// Colour choice for the selected hint, the side panel's "Colour" section: the hint's patch size,
// the ab gamut picker at its lightness (rendered by shaders/gamut.frag.glsl, out-of-gamut area
// hatched, zoomed to the region in gamut at that L), RGB / hex fields (typed colours are brought
// into gamut at the hint's lightness, as the picker does, with a note saying so), colours
// suggested for it (the network's with their probabilities, or propagation + typical colours
// without one; requested from the worker) and recently used colours. Each gesture is one undo step.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/editor_context.hpp"
#include "core/color.hpp"

namespace tinge {

class ColourPanel {
 public:
  explicit ColourPanel(EditorContext& ctx) : ctx_(ctx) {}

  void draw();  // the section's contents

  // A gesture in the panel (picker, RGB field, size slider) holds an edit open on the selected hint.
  bool in_gesture() const { return picking_ || size_editing_ || rgb_editing_; }
  bool picking() const { return picking_; }       // the picker is being dragged
  int new_hint_size(const ImageData& img) const;  // the last size set here, or one from the photo's size

  // Sets a hint's colour (one undo step) and remembers it among the recent colours.
  void apply(int point, Ab ab);
  void remember(Ab ab);
  // A typed colour (RGB or hex) for `point`: its chroma brought into gamut at the hint's
  // lightness, the picker's rule; notes on the panel what was changed.
  Ab typed(int point, const Lab& typed);
  // The colours suggested for `point` once they are computed (null until then); asks for them.
  const std::vector<Ab>* suggestions(int point);
  void reset();  // a new photo: gestures end, suggestions for the old one are dropped

 private:
  void draw_patch_size(int point);
  void draw_gamut_picker(int point, float L);
  void draw_typed_colour(int point, float L);
  void draw_hex_field(int point, const std::array<float, 3>& used);
  void draw_suggestions(int point, float L);
  void request_suggestions(int point);
  bool suggestions_ready(int point) const;

  EditorContext& ctx_;
  int default_size_ = 0;  // patch size of new hints; 0 = derived from the image size
  bool picking_ = false, rgb_editing_ = false, size_editing_ = false, hex_active_ = false;
  char hex_buf_[16] = {0};
  std::string typed_note_;  // how the last typed colour was brought into gamut (for typed_note_point_)
  int typed_note_point_ = -1;
  uint64_t typed_note_rev_ = 0;
  std::vector<Ab> recent_;
  struct Suggestions {
    int point = -1;
    uint64_t rev = ~0ull;
    bool ready = false, from_model = false;
    std::vector<Ab> ab;
    std::vector<float> probability;  // the network's, per colour (empty without one)
  } suggestions_;
};

}  // namespace tinge
