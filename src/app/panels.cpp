// The editor's fixed chrome: menu bar, the side panel (hints, saturation, view, colour,
// alternatives), the status bar (what is being done, inference times, model, image size) and the
// help overlay with the keyboard shortcuts. The modal prompts are in prompts.cpp.
#include <filesystem>

#include "app/editor_app.hpp"
#include "app/persistence.hpp"
#include "app/status_layout.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/image_formats.hpp"
#include "core/result_save.hpp"
#include "core/session_name.hpp"

namespace tinge {
namespace {

const char* kShortcuts[][2] = {
    {"Click", "add a hint (takes the predicted colour)"},
    {"Click + drag a hint", "select and move it (live preview)"},
    {"Right-click a hint / Delete", "remove it"},
    {"[ and ]", "smaller / larger patch for the selected hint"},
    {"Esc", "close a menu, prompt, dialog or the alternatives; else deselect"},
    {"Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)", "undo / redo"},
    {"Mouse wheel", "zoom about the cursor"},
    {"Middle drag, Space + drag", "pan"},
    {"F / 1", "fit / one image pixel per screen pixel"},
    {"V", "cycle result / side by side / split view"},
    {"H", "hide or show the hints"},
    {"Ctrl+O", "open a photo or a session"},
    {"Page Down / Page Up", "next / previous photo in the folder (asks first if hints are unsaved)"},
    {"Ctrl+S / Ctrl+Shift+S", "save the session / save it as"},
    {"Ctrl+E", "save the colourised result"},
    {"Ctrl+Q", "quit"},
    {"F1 or ?", "this help"},
};

}  // namespace

void EditorApp::draw_menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  auto open_dialog = [this](Purpose p, FileDialog::Mode mode, const char* title, const std::string& start,
                            std::vector<std::string> ext) {
    dialog_purpose_ = p;
    dialog_.open(mode, title, start, ext);
  };
  const std::string here = image_ ? image_->path : "";
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open...", "Ctrl+O"))
      open_dialog(Purpose::OpenImage, FileDialog::Mode::Open, "Open a photo or session", here,
                  photo_or_session_extensions());
    if (ImGui::BeginMenu("Open recent", !recent_files_.empty())) {
      for (const std::string& f : recent_files_)
        if (ImGui::MenuItem(f.c_str()))
          leave_document(false, [this, f] { guarded([this, f] { open_path(f); }); });
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Next photo in folder", "PgDn", false, image_ != nullptr)) open_sibling_asking(1);
    if (ImGui::MenuItem("Previous photo in folder", "PgUp", false, image_ != nullptr)) open_sibling_asking(-1);
    if (ImGui::MenuItem("Load session...", nullptr, false, image_ != nullptr))
      open_dialog(Purpose::LoadSession, FileDialog::Mode::Open, "Load a hint session", here, {".json"});
    if (ImGui::MenuItem("Save session", "Ctrl+S", false, image_ != nullptr)) {
      if (!session_path_.empty())
        guarded([this] { save_session_file(session_path_); });
      else
        open_dialog(Purpose::SaveSession, FileDialog::Mode::Save, "Save hint session",
                    default_session_path(here), {".json"});
    }
    if (ImGui::MenuItem("Save session as...", "Ctrl+Shift+S", false, image_ != nullptr))
      open_dialog(Purpose::SaveSession, FileDialog::Mode::Save, "Save hint session",
                  session_path_.empty() ? default_session_path(here) : session_path_, {".json"});
    if (ImGui::MenuItem("Save result...", "Ctrl+E", false, image_ != nullptr))
      open_dialog(Purpose::SaveResult, FileDialog::Mode::Save, "Save the colourised result",
                  suggested_result_path(), result_image_extensions());
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) leave_document(true, [this] { quit_now_ = true; });
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem("Undo", "Ctrl+Z", false, doc_.can_undo())) doc_.undo();
    if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, doc_.can_redo())) doc_.redo();
    if (ImGui::MenuItem("Delete hint", "Del", false, doc_.selected() >= 0)) doc_.remove_point(doc_.selected());
    if (ImGui::MenuItem("Clear all hints", nullptr, false, doc_.size() > 0)) doc_.replace_all({});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Fit", "F")) fit_pending_ = true;
    if (ImGui::MenuItem("1:1", "1")) {
      zoom_ = 1.f / std::max(1.f, ImGui::GetIO().DisplayFramebufferScale.x);
      fitted_ = false;
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Result", "V", mode_ == ViewMode::Result)) mode_ = ViewMode::Result;
    if (ImGui::MenuItem("Side by side", "V", mode_ == ViewMode::SideBySide)) mode_ = ViewMode::SideBySide;
    if (ImGui::MenuItem("Before/after split", "V", mode_ == ViewMode::Split)) mode_ = ViewMode::Split;
    ImGui::Separator();
    ImGui::MenuItem("Show hints", "H", &show_hints_);
    ImGui::MenuItem("Keyboard shortcuts", "F1", &show_help_);
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void EditorApp::draw_side_panel() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float w = side_panel_width(ui_scale_);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - w, vp->WorkPos.y));
  ImGui::SetNextWindowSize(ImVec2(w, vp->WorkSize.y - status_bar_height()));
  ImGui::Begin("##side", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (ImGui::CollapsingHeader("Hints", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::Text("%d hint%s", doc_.size(), doc_.size() == 1 ? "" : "s");
    ImGui::SameLine();
    if (ImGui::Button("Undo") && !doc_.editing()) doc_.undo();
    ImGui::SameLine();
    if (ImGui::Button("Redo") && !doc_.editing()) doc_.redo();
    ImGui::Checkbox("show", &show_hints_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-80 * ui_scale_);
    ImGui::SliderFloat("markers", &marker_opacity_, 0.15f, 1.f, "%.2f");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("How strongly the hint markers are drawn (H hides them)");
    ImGui::SetNextItemWidth(-80 * ui_scale_);
    ImGui::SliderFloat("saturation", &saturation_, 0.f, 2.f, "%.2f");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Global chroma scale, applied in Lab");
    if (has_model_) {
      bool on = levin_;
      if (ImGui::Checkbox("+ Levin", &on)) set_levin(on);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Average the network with Levin's propagation of the hints:\n"
                          "closer to many hints, greyer and tinted with one or two");
    }
    if (ImGui::RadioButton("result", mode_ == ViewMode::Result)) mode_ = ViewMode::Result;
    ImGui::SameLine();
    if (ImGui::RadioButton("side by side", mode_ == ViewMode::SideBySide)) mode_ = ViewMode::SideBySide;
    ImGui::SameLine();
    if (ImGui::RadioButton("split", mode_ == ViewMode::Split)) mode_ = ViewMode::Split;
    if (doc_.size() > 0 && ImGui::BeginListBox("##hintlist", ImVec2(-1, 5.5f * ImGui::GetTextLineHeightWithSpacing()))) {
      for (int i = 0; i < doc_.size(); ++i) {
        const HintPoint& p = doc_.point(i);
        const Rgb c = display_rgb(lightness_at(p.x, p.y, p.size), {p.a, p.b});
        ImGui::PushID(i);
        ImGui::ColorButton("##c", ImVec4(c[0], c[1], c[2], 1.f),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(14 * ui_scale_, 14 * ui_scale_));
        ImGui::SameLine();
        char label[96];
        std::snprintf(label, sizeof(label), "%d  (%.0f, %.0f)  size %d", i, p.x, p.y, p.size);
        if (ImGui::Selectable(label, doc_.selected() == i)) doc_.select(i);
        ImGui::PopID();
      }
      ImGui::EndListBox();
    }
  }
  compositor_->set_saturation(saturation_);
  if (ImGui::CollapsingHeader("Colour", ImGuiTreeNodeFlags_DefaultOpen)) draw_color_panel();
  if (ImGui::CollapsingHeader("Explore alternatives", ImGuiTreeNodeFlags_DefaultOpen)) draw_alternatives_panel();
  note_layout("side_panel", ImGui::GetWindowPos(), ImGui::GetWindowSize(),
              std::to_string(int(ImGui::GetScrollMaxY())));  // value: how far it scrolls
  ImGui::End();
}

void EditorApp::draw_status_bar() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float h = status_bar_height();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - h));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  std::string doing = worker_->activity();
  if (doing.empty() && !worker_->idle()) doing = "working";
  const std::string message = !error_.empty()   ? error_
                              : !doing.empty() ? doing + "..."
                                               : (status_.empty() ? "ready" : status_);
  // The figures, in display order; the lower the number, the longer it stays in a narrow window.
  char buf[64];
  std::vector<StatusFigure> figures;
  figures.push_back({method_label() + (has_model_ ? "" : " (no network)"), 2});
  if (image_) figures.push_back({std::to_string(image_->L.width) + "x" + std::to_string(image_->L.height), 4});
  std::snprintf(buf, sizeof(buf), "preview %.0f ms", preview_ms_);
  figures.push_back({buf, 5});
  std::snprintf(buf, sizeof(buf), "full %.0f ms", full_ms_);
  figures.push_back({buf, 5});
  figures.push_back({std::to_string(doc_.size()) + (doc_.size() == 1 ? " hint" : " hints"), 1});
  std::snprintf(buf, sizeof(buf), "%.0f%%", zoom_ * 100.f);
  figures.push_back({buf, 3});
  if (doc_.modified()) figures.push_back({"unsaved", 0});
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const StatusLine line =
      layout_status(message, figures, ImGui::GetWindowWidth() - 2 * pad, 240.f * ui_scale_, 20.f * ui_scale_,
                    [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; });
  if (!error_.empty())
    ImGui::TextColored(ImVec4(1.f, 0.45f, 0.4f, 1.f), "%s", line.left.c_str());
  else
    ImGui::TextUnformatted(line.left.c_str());
  note_layout("status_left", ImGui::GetItemRectMin(), ImGui::GetItemRectSize(), line.left);
  if (!line.right.empty()) {
    ImGui::SameLine(ImGui::GetWindowWidth() - pad - ImGui::CalcTextSize(line.right.c_str()).x);
    ImGui::TextUnformatted(line.right.c_str());
    note_layout("status_right", ImGui::GetItemRectMin(), ImGui::GetItemRectSize());
  }
  if (ImGui::IsWindowHovered() && line.left != message) ImGui::SetTooltip("%s", message.c_str());
  ImGui::End();
}

void EditorApp::draw_help() {
  if (!show_help_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.92f);
  if (ImGui::Begin("Keyboard shortcuts (F1)", &show_help_,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
      for (const auto& k : kShortcuts) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k[0]);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k[1]);
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

}  // namespace tinge
