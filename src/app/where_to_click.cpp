// "Where to click" (see where_to_click.hpp).
#include "app/where_to_click.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/draw_colours.hpp"
#include "app/hint_colours.hpp"
#include "app/inference_worker.hpp"
#include "app/persistence.hpp"
#include "app/render_requests.hpp"
#include "app/uncertainty_overlay.hpp"
#include "core/document.hpp"

namespace tinge {

namespace {

constexpr int kMarkers = 3;

// The overlay's scale: full strength from the map's 95th percentile (at least 5 ab units, so a
// photo where every colouring agrees stays clear), clear up to its median or half the full
// strength, whichever is lower (what matters most stands out whatever the photo, and a map of two
// levels still shows the higher).
void overlay_scale(const Plane& map, float& low, float& full) {
  std::vector<float> v = map.v;
  low = 0.f, full = 5.f;
  if (v.empty()) return;
  auto at = [&v](size_t percent) {
    const size_t k = std::min(v.size() - 1, v.size() * percent / 100);
    std::nth_element(v.begin(), v.begin() + long(k), v.end());
    return v[k];
  };
  full = std::max(5.f, at(95));
  low = std::min(at(50), 0.5f * full);
}

}  // namespace

// What the worker hands back.
struct WhereToClick::Result {
  std::vector<RecommendedHint> recs;
  RecommendMap map;
};

WhereToClick::WhereToClick(EditorContext& ctx) : ctx_(ctx), on_(load_setting("where_to_click", false)) {}

WhereToClick::~WhereToClick() = default;

void WhereToClick::set_on(bool on) {
  if (on == on_) return;
  on_ = on;
  save_setting("where_to_click", on);
  ctx_.set_status(on ? "where to click: on (W hides it; Tab and Enter add the next hint)"
                     : "where to click: off");
}

void WhereToClick::reset() {
  recs_.clear();
  map_ = Plane();
  map_dirty_ = true;
  requested_rev_ = shown_rev_ = ~0ull;
  current_ = 0;
}

bool WhereToClick::ready() const {
  return shown_rev_ == ctx_.doc().revision() && requested_rev_ == shown_rev_;
}

void WhereToClick::update() {
  const ImageData* image = ctx_.image();
  if (!on_ || !image) return;
  const Document& doc = ctx_.doc();
  const bool levin = ctx_.levin();
  if (doc.revision() == requested_rev_ && levin == levin_ && image->generation == generation_) return;
  requested_rev_ = doc.revision();
  levin_ = levin;
  generation_ = image->generation;
  auto img = ctx_.image_for_job();
  const HintSet hints = doc.hints();
  const uint64_t rev = requested_rev_, gen = generation_;
  ctx_.worker().post(
      "recommend", "finding where to click",
      [this, img, hints, rev, gen, levin](Method& m) -> InferenceWorker::Done {
        RecommendOptions opt;
        opt.k = kMarkers;
        auto r = std::make_shared<Result>();
        r->recs = recommend_hints(job_method(m, levin), img->L_work, img->L.width, img->L.height, hints, opt,
                                  nullptr, &r->map);
        return [this, r, rev, gen] {
          const ImageData* now = ctx_.image();
          if (!now || now->generation != gen || rev != requested_rev_) return;
          shown_rev_ = rev;
          take(*r);
        };
      },
      /*yields=*/true);
}

void WhereToClick::take(Result& r) {
  recs_ = std::move(r.recs);
  map_ = std::move(r.map.uncertainty);
  map_cell_w_ = r.map.cell_w;
  map_cell_h_ = r.map.cell_h;
  map_dirty_ = true;
  current_ = std::min(current_, std::max(0, int(recs_.size()) - 1));
}

float WhereToClick::marker_radius() const {
  return 11.f * ctx_.ui_scale();
}

void WhereToClick::draw(ImDrawList* dl, const ToScreen& to_screen, ImVec2 image_min, ImVec2 image_max) {
  if (!on_) return;
  if (map_dirty_) {
    if (!overlay_) overlay_ = std::make_unique<UncertaintyOverlay>();
    float low = 0.f, full = 0.f;
    overlay_scale(map_, low, full);
    overlay_->set(map_, low, full);
    map_dirty_ = false;
  }
  if (overlay_ && overlay_->shown()) {
    dl->PushClipRect(image_min, image_max, true);
    dl->AddImage(overlay_->texture().imgui_id(), to_screen(0, 0),
                 to_screen(map_.width * map_cell_w_, map_.height * map_cell_h_));
    dl->PopClipRect();
  }
  const float r = marker_radius(), s = ctx_.ui_scale();
  for (int i = 0; i < int(recs_.size()); ++i) {
    const RecommendedHint& rec = recs_[size_t(i)];
    const ImVec2 c = to_screen(rec.x, rec.y);
    const float L = ctx_.lightness_at(rec.x, rec.y, 5);
    const Ab ab = rec.colours.empty() ? Ab{0.f, 0.f} : Ab{rec.colours[0].a, rec.colours[0].b};
    dl->AddCircleFilled(c, r, IM_COL32(20, 20, 24, 200));
    dl->AddCircle(c, r - 2.f * s, to_u32(display_rgb(L, ab)), 0, 4.f * s);
    dl->AddCircle(c, r + 0.5f * s, IM_COL32(255, 255, 255, 230), 0, 1.5f * s);
    if (i == current_) dl->AddCircle(c, r + 4.f * s, IM_COL32(255, 200, 0, 255), 0, 2.f * s);
    char label[4];
    std::snprintf(label, sizeof label, "%d", i + 1);
    const ImVec2 t = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2(c.x - 0.5f * t.x, c.y - 0.5f * t.y), IM_COL32(255, 255, 255, 255), label);
    char value[64];
    std::snprintf(value, sizeof value, "%d %.1f %.1f", i + 1, rec.x, rec.y);
    ctx_.note_layout("recommendation", ImVec2(c.x - r, c.y - r), ImVec2(2 * r, 2 * r), value);
  }
}

bool WhereToClick::click(ImVec2 mouse, const ToScreen& to_screen) {
  if (!on_) return false;
  const float r = marker_radius();
  for (int i = 0; i < int(recs_.size()); ++i) {
    const ImVec2 c = to_screen(recs_[size_t(i)].x, recs_[size_t(i)].y);
    if (std::hypot(mouse.x - c.x, mouse.y - c.y) <= r) {
      add(i);
      return true;
    }
  }
  return false;
}

void WhereToClick::next_marker() {
  if (on_ && !recs_.empty()) current_ = (current_ + 1) % int(recs_.size());
}

void WhereToClick::add_current() {
  if (on_ && current_ < int(recs_.size())) add(current_);
}

void WhereToClick::add(int index) {
  const RecommendedHint& rec = recs_[size_t(index)];
  HintPoint p;
  p.x = rec.x;
  p.y = rec.y;
  if (!rec.colours.empty()) {
    p.a = rec.colours[0].a;
    p.b = rec.colours[0].b;
  }
  p.size = ctx_.new_hint_size();
  Document& doc = ctx_.doc();
  doc.add_point(p);  // one undo step; selected, so its suggestions open
  char msg[96];
  std::snprintf(msg, sizeof msg, "added the hint recommended at (%.0f, %.0f)", rec.x, rec.y);
  ctx_.set_status(msg);
}

}  // namespace tinge
