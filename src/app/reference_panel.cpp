// "Colour like..." (see reference_panel.hpp).
#include "app/reference_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "app/colour_swatches.hpp"
#include "app/inference_worker.hpp"
#include "core/color.hpp"
#include "core/document.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"

namespace fs = std::filesystem;

namespace tinge {

namespace {

constexpr int kThumbWidth = 160;

// A box-filtered copy at most `w` pixels wide.
Rgb8Image thumbnail(const Rgb8Image& img, int w) {
  if (img.width <= w) return img;
  const int h = std::max(1, int(int64_t(img.height) * w / img.width));
  Rgb8Image t(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int x0 = x * img.width / w, x1 = std::max(x0 + 1, (x + 1) * img.width / w);
      const int y0 = y * img.height / h, y1 = std::max(y0 + 1, (y + 1) * img.height / h);
      uint32_t sum[3] = {0, 0, 0};
      for (int yy = y0; yy < y1; ++yy)
        for (int xx = x0; xx < x1; ++xx)
          for (int c = 0; c < 3; ++c) sum[c] += img.px(xx, yy)[c];
      const uint32_t n = uint32_t((x1 - x0) * (y1 - y0));
      for (int c = 0; c < 3; ++c)
        t.data[(size_t(y) * size_t(w) + size_t(x)) * 3 + size_t(c)] = uint8_t(sum[c] / n);
    }
  return t;
}

}  // namespace

// What the worker hands back once a reference is in place.
struct ReferencePanel::Loaded {
  std::optional<ColourReference> ref;
  std::string photo;
  std::vector<std::array<uint8_t, 3>> palette;
  Rgb8Image thumb;
  float strength = 1.f;
};

void ReferencePanel::open_dialog() {
  dialog_.open(FileDialog::Mode::Open, "Colour like this photo", photo_.empty() ? std::string() : photo_,
               {".png", ".jpg", ".jpeg", ".tif", ".tiff"});
}

void ReferencePanel::draw_dialog() {
  std::string chosen;
  if (dialog_.draw(chosen)) set_photo(chosen);
}

bool ReferencePanel::takes_drop(ImVec2 m) const {
  return m.x >= min_.x && m.x < max_.x && m.y >= min_.y && m.y < max_.y;
}

void ReferencePanel::set_photo(const std::string& path) {
  post(path, {}, strength_, false);
}

void ReferencePanel::set_palette(const std::string& text) {
  try {
    post("", parse_palette(text), strength_, false);
  } catch (const Error& e) {
    std::string what = e.what();
    if (what.rfind("--palette: ", 0) == 0) what = "palette: " + what.substr(11);
    ctx_.report_error(what);
  }
}

void ReferencePanel::set_strength(float s) {
  strength_ = std::clamp(s, 0.f, kMaxReferenceStrength);
  if (ref_) post(photo_, palette_, strength_, false);
}

void ReferencePanel::clear() {
  failed_from_session_ = false;
  post("", {}, strength_, false);
}

// Loads the reference (or none, with neither a photo nor a palette) and sets it on the worker's
// method; the completion shows it and asks for new results.
void ReferencePanel::post(std::string photo, std::vector<std::array<uint8_t, 3>> palette, float strength,
                          bool from_session) {
  // A strength change reuses the histogram already made (no reloading while the slider moves).
  std::optional<ColourReference> known;
  if (ref_ && photo == photo_ && palette == palette_) known = ref_;
  auto job = [this, photo, palette, strength, known](Method& m) -> InferenceWorker::Done {
    auto l = std::make_shared<Loaded>();
    l->photo = photo, l->palette = palette, l->strength = strength;
    if (known) {
      l->ref = *known;
      l->ref->strength = strength;
    } else if (!photo.empty()) {
      const Rgb8Image img = load_image(photo);  // an unreadable photo: the error's message
      l->ref = reference_from_image(img, strength, photo);
      l->thumb = thumbnail(img, kThumbWidth);
    } else if (!palette.empty()) {
      l->ref = reference_from_palette(palette, strength);
    }
    ColourDistribution* d = m.distribution();
    if (l->ref && !d) throw Error("a colour reference steers the network's colours; this method has none");
    if (d) d->set_reference(l->ref ? &*l->ref : nullptr);
    return [this, l] { adopt(*l); };
  };
  if (from_session) failed_from_session_ = true;  // until the job succeeds
  ctx_.worker().post("reference", "colour reference", job);
}

void ReferencePanel::adopt(Loaded& l) {
  failed_from_session_ = false;
  const bool new_photo = l.photo != photo_ || !l.thumb.data.empty();
  ref_ = std::move(l.ref);
  photo_ = ref_ ? l.photo : std::string();
  palette_ = ref_ ? l.palette : std::vector<std::array<uint8_t, 3>>{};
  strength_ = l.strength;
  if (!ref_ || !l.thumb.data.empty() || photo_.empty()) thumb_ = Texture();
  if (!l.thumb.data.empty()) thumb_.upload_rgb8(l.thumb, false);
  if (new_photo || !ref_) colours_ = ref_ ? main_colours(*ref_, 6) : std::vector<std::array<float, 2>>{};
  ctx_.doc().touch();
  if (!ref_)
    ctx_.set_status("colour reference cleared");
  else if (new_photo)
    open_request_ = true,
    ctx_.set_status(photo_.empty() ? "colouring with the palette"
                                   : "colouring like " + fs::path(photo_).filename().string());
}

std::optional<SessionReference> ReferencePanel::for_session(const std::string& session_path) const {
  if (!ref_) return std::nullopt;
  SessionReference r;
  r.strength = strength_;
  r.palette = palette_;
  if (!photo_.empty()) r.image = path_for_session(photo_, session_path);
  return r;
}

void ReferencePanel::from_session(const std::optional<SessionReference>& r, const std::string& session_path) {
  if (!r) {
    if (ref_) post("", {}, strength_, false);
    failed_from_session_ = false;
    return;
  }
  strength_ = r->strength;
  post(resolve_reference_image(*r, session_path), r->palette, r->strength, true);
}

void ReferencePanel::draw() {
  const ImVec2 top = ImGui::GetCursorScreenPos();
  if (ImGui::Button("Colour like...")) open_dialog();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Open a photo (or drop one here) whose colours steer the result (Ctrl+R)");
  ctx_.note_layout("colour_like", ImGui::GetItemRectMin(), ImGui::GetItemRectSize());
  if (ref_) {
    ImGui::SameLine();
    if (ImGui::Button("Clear##reference")) clear();
    draw_reference();
  }
  ImGui::SetNextItemWidth(-80 * ctx_.ui_scale());
  if (ImGui::InputTextWithHint("palette", "#3b5e8c,#c9a66b,#e8dcc0", &palette_text_,
                               ImGuiInputTextFlags_EnterReturnsTrue))
    set_palette(palette_text_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Or 3 to 8 colours (hex, comma-separated), then Enter");
  const float w = ImGui::GetContentRegionAvail().x;
  min_ = top;
  max_ = ImVec2(top.x + w, ImGui::GetCursorScreenPos().y);
}

void ReferencePanel::draw_reference() {
  const float s = ctx_.ui_scale();
  // The thumbnail (or the palette's name) with the main colours beside it, so that the section
  // stays short in a full side panel.
  if (thumb_.valid()) {
    const float w = std::min(0.45f * ImGui::GetContentRegionAvail().x, kThumbWidth * s);
    ImGui::Image(thumb_.imgui_id(), ImVec2(w, w * float(thumb_.height()) / float(thumb_.width())));
    ctx_.note_layout("reference_thumbnail", ImGui::GetItemRectMin(), ImGui::GetItemRectSize(),
                     fs::path(photo_).filename().string());
  } else {
    ImGui::TextUnformatted(photo_.empty() ? "Palette" : fs::path(photo_).filename().string().c_str());
  }
  ImGui::SameLine();
  ImGui::BeginGroup();
  std::vector<Ab> shown;
  if (!palette_.empty())
    for (const auto& c : palette_) {
      const Lab lab = srgb8_to_lab(c[0], c[1], c[2]);
      shown.push_back({lab[1], lab[2]});
    }
  else
    for (const auto& c : colours_) shown.push_back({c[0], c[1]});
  swatches("refcolours", shown, {}, 65.f, 22.f * s, [](ImVec2, ImVec2) {});
  ImGui::EndGroup();
  float st = strength_;
  ImGui::SetNextItemWidth(-80 * s);
  if (ImGui::SliderFloat("strength", &st, 0.f, kMaxReferenceStrength, "%.2f")) set_strength(st);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How strongly the reference steers: 0 is off");
}

}  // namespace tinge
