// The editor's fixed chrome: menu bar, the side panel (hints, saturation, view, colour,
// alternatives: the components draw their parts), the canvas area, the status bar (what is being
// done, inference times, model, image size) and the help overlay with the keyboard shortcuts. The
// modal prompts are in prompts.cpp.
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
    {"P / B / L", "point tool / brush (press, drag, release: a stroke) / lasso (drag round an area)"},
    {"[ and ]", "smaller / larger patch (or stroke width) for the selected hint"},
    {"Esc", "close a menu, prompt, dialog or the alternatives; else deselect"},
    {"Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)", "undo / redo"},
    {"Mouse wheel", "zoom about the cursor"},
    {"Middle drag, Space + drag", "pan"},
    {"F / 1", "fit / one image pixel per screen pixel"},
    {"V", "cycle result / side by side / split view"},
    {"H", "hide or show the hints"},
    {"W", "where to click: where a hint would help most (click a numbered marker to add it)"},
    {"Tab / Enter", "the next recommended position / add its hint"},
    {"Ctrl+O", "open a photo or a session"},
    {"Page Down / Page Up", "next / previous photo in the folder (asks first if hints are unsaved)"},
    {"Ctrl+S / Ctrl+Shift+S", "save the session / save it as"},
    {"Ctrl+E", "save the colourised result"},
    {"Ctrl+R", "colour like a photo: its colours steer the result (or drop one on that section)"},
    {"Ctrl+Q", "quit"},
    {"F1 or ?", "this help"},
};

float side_panel_width(float scale) {
  return 340.f * scale;
}
float status_bar_height() {
  return ImGui::GetFrameHeight() + 6.f;
}

}  // namespace

void EditorApp::draw_menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    draw_file_menu();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem("Undo", "Ctrl+Z", false, doc_.can_undo())) doc_.undo();
    if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, doc_.can_redo())) doc_.redo();
    if (ImGui::MenuItem("Delete hint", "Del", false, doc_.selected() >= 0 || doc_.selected_shape().valid()))
      doc_.remove_selected();
    if (ImGui::MenuItem("Clear all hints", nullptr, false, doc_.hint_count() > 0))
      doc_.replace_hints(HintSet());
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    canvas_.draw_view_menu();
    bool where = where_.on();
    if (ImGui::MenuItem("Where to click", "W", &where)) where_.set_on(where);
    ImGui::MenuItem("Keyboard shortcuts", "F1", &show_help_);
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void EditorApp::draw_file_menu() {
  const std::string here = image_ ? image_->path : "";
  const bool open = image_ != nullptr;
  if (ImGui::MenuItem("Open...", "Ctrl+O")) open_dialog(Purpose::OpenImage, "Open a photo or session", here);
  if (ImGui::BeginMenu("Open recent", !recent_files_.empty())) {
    for (const std::string& f : recent_files_)
      if (ImGui::MenuItem(f.c_str()))
        leave_document(false, [this, f] { guarded([this, f] { open_path(f); }); });
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Next photo in folder", "PgDn", false, open)) open_sibling_asking(1);
  if (ImGui::MenuItem("Previous photo in folder", "PgUp", false, open)) open_sibling_asking(-1);
  if (ImGui::MenuItem("Load session...", nullptr, false, open))
    open_dialog(Purpose::LoadSession, "Load a hint session", here);
  if (ImGui::MenuItem("Save session", "Ctrl+S", false, open)) {
    if (!session_path_.empty())
      guarded([this] { save_session_file(session_path_); });
    else
      open_dialog(Purpose::SaveSession, "Save hint session", default_session_path(here));
  }
  if (ImGui::MenuItem("Save session as...", "Ctrl+Shift+S", false, open))
    open_dialog(Purpose::SaveSession, "Save hint session",
                session_path_.empty() ? default_session_path(here) : session_path_);
  if (ImGui::MenuItem("Colour like a photo...", "Ctrl+R", false, render_.has_network()))
    reference_.open_dialog();
  if (ImGui::MenuItem("Save result...", "Ctrl+E", false, open))
    open_dialog(Purpose::SaveResult, "Save the colourised result", suggested_result_path());
  ImGui::Separator();
  if (ImGui::MenuItem("Quit", "Ctrl+Q")) leave_document(true, [this] { quit_now_ = true; });
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
    canvas_.draw_tool_controls();
    hint_list_.draw_summary();
    canvas_.draw_marker_controls();
    render_.draw_method_controls();
    canvas_.draw_mode_controls();
    hint_list_.draw_list();
  }
  compositor_->set_saturation(render_.saturation());
  if (ImGui::CollapsingHeader("Colour", ImGuiTreeNodeFlags_DefaultOpen)) colour_.draw();
  if (render_.has_network()) {
    if (reference_.take_open_request()) ImGui::SetNextItemOpen(true);
    if (ImGui::CollapsingHeader("Colour like a photo")) reference_.draw();
  }
  if (ImGui::CollapsingHeader("Explore alternatives", ImGuiTreeNodeFlags_DefaultOpen))
    alternatives_.draw_panel();
  note_layout("side_panel", ImGui::GetWindowPos(), ImGui::GetWindowSize(),
              std::to_string(int(ImGui::GetScrollMaxY())));  // value: how far it scrolls
  ImGui::End();
}

// The canvas takes the window left of the side panel and above the status bar; the alternatives'
// strip, when shown, takes the bottom of that.
void EditorApp::draw_canvas_area() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 pos = vp->WorkPos;
  const float canvas_w = vp->WorkSize.x - side_panel_width(ui_scale_);
  const float canvas_h = vp->WorkSize.y - status_bar_height();
  const float strip_h = alternatives_.strip_height(canvas_w, canvas_h);
  if (strip_h > 0)
    alternatives_.draw_strip(ImVec2(pos.x, pos.y + canvas_h - strip_h), ImVec2(canvas_w, strip_h));
  canvas_.draw(pos, ImVec2(canvas_w, canvas_h - strip_h));
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
  const std::string message = !error_.empty()  ? error_
                              : !doing.empty() ? doing + "..."
                                               : (status_.empty() ? "ready" : status_);
  // The figures, in display order; the lower the number, the longer it stays in a narrow window.
  char buf[64];
  std::vector<StatusFigure> figures;
  figures.push_back({render_.method_label() + (render_.has_network() ? "" : " (no network)"), 2});
  if (image_)
    figures.push_back({std::to_string(image_->L.width) + "x" + std::to_string(image_->L.height), 4});
  std::snprintf(buf, sizeof(buf), "preview %.0f ms", render_.preview_ms());
  figures.push_back({buf, 5});
  std::snprintf(buf, sizeof(buf), "full %.0f ms", render_.full_ms());
  figures.push_back({buf, 5});
  figures.push_back({std::to_string(doc_.hint_count()) + (doc_.hint_count() == 1 ? " hint" : " hints"), 1});
  std::snprintf(buf, sizeof(buf), "%.0f%%", canvas_.zoom() * 100.f);
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
