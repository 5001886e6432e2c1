// "Explore alternatives": several different whole-image colourings proposed as thumbnails
// (alternatives_view.cpp: proposing on the worker, adopting) and shown in a strip along the bottom
// of the canvas (alternatives_strip.cpp). Hovering a thumbnail shows that colouring on the whole
// canvas; clicking adopts it; Esc or Hide closes the strip.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <vector>

#include "app/editor_context.hpp"
#include "app/gl_util.hpp"
#include "core/hints.hpp"

namespace tinge {

struct AlternativeProposals;  // what the worker proposes (alternatives_view.cpp)

class AlternativesView {
 public:
  explicit AlternativesView(EditorContext& ctx) : ctx_(ctx) {}

  void request();                                   // propose alternatives for the current hints
  bool ready() const;                               // proposed for the current hints, none pending
  bool proposed() const { return !list_.empty(); }  // some were proposed, maybe for older hints
  // Adopts the anchors of proposal `index` with the current hints (one undo step); throws
  // tinge::Error when there is no such proposal.
  void adopt(int index);

  void draw_panel();  // the side panel's section: propose, show or hide the strip
  float strip_height(float canvas_w, float canvas_h) const;  // 0 when hidden
  void draw_strip(ImVec2 pos, ImVec2 size);
  bool strip_shown() const { return shown_; }
  void hide_strip() {  // and the canvas shows the result again
    shown_ = false;
    end_preview();
  }
  void reset();                    // a new photo: proposals for the old one are dropped
  void clear() { list_.clear(); }  // the thumbnails' textures, while the GL context is current

 private:
  struct Alternative {
    std::vector<HintPoint> anchors;  // added to the hints it was proposed from
    Texture thumb;
    Plane a, b;  // its prediction at the working resolution
  };
  void take(AlternativeProposals& p);  // the worker's proposals become the strip's thumbnails
  void preview(int index);             // the whole canvas shows it until end_preview()
  void end_preview();

  EditorContext& ctx_;
  std::vector<Alternative> list_;
  uint64_t rev_ = ~0ull;  // the document revision they were proposed for
  bool pending_ = false, shown_ = false;
  int previewed_ = -1;  // shown on the whole canvas while its thumbnail is hovered
};

}  // namespace tinge
