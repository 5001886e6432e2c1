// The editor's fixed chrome: menu bar, the side panel (hints, saturation, view, colour,
// alternatives), the status bar (what is being done, inference times, model, image size), the
// help overlay with the keyboard shortcuts, and the modal prompts (file dialogs, recovery of an
// autosave, unsaved changes on quit, replacing the original photo).
#include <filesystem>

#include "app/editor_app.hpp"
#include "app/persistence.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/image_formats.hpp"
#include "core/session_name.hpp"

namespace tinge {
namespace {

const char* kShortcuts[][2] = {
    {"Click", "add a hint (takes the predicted colour)"},
    {"Click + drag a hint", "select and move it (live preview)"},
    {"Right-click a hint / Delete", "remove it"},
    {"[ and ]", "smaller / larger patch for the selected hint"},
    {"Esc", "deselect"},
    {"Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)", "undo / redo"},
    {"Mouse wheel", "zoom about the cursor"},
    {"Middle drag, Space + drag", "pan"},
    {"F / 1", "fit / one image pixel per screen pixel"},
    {"V", "cycle result / side by side / split view"},
    {"H", "hide or show the hints"},
    {"Ctrl+O", "open a photo or a session"},
    {"Page Down / Page Up", "next / previous photo in the folder"},
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
        if (ImGui::MenuItem(f.c_str())) {
          guarded([this, f] { open_path(f); });
        }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Next photo in folder", "PgDn", false, image_ != nullptr))
      guarded([this] { open_sibling(1); });
    if (ImGui::MenuItem("Previous photo in folder", "PgUp", false, image_ != nullptr))
      guarded([this] { open_sibling(-1); });
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
                  suggested_result_path(), writable_image_extensions());
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) {
      if (doc_.modified())
        quit_prompt_ = true;
      else
        quit_now_ = true;
    }
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
    ImGui::Checkbox("show", &show_hints_);
    ImGui::SameLine();
    if (ImGui::Button("Undo") && !doc_.editing()) doc_.undo();
    ImGui::SameLine();
    if (ImGui::Button("Redo") && !doc_.editing()) doc_.redo();
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
  if (alternatives_fresh_) ImGui::SetNextItemOpen(true);  // show proposals as they arrive
  alternatives_fresh_ = false;
  if (ImGui::CollapsingHeader("Explore alternatives")) draw_alternatives_panel();
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
  if (!error_.empty())
    ImGui::TextColored(ImVec4(1.f, 0.45f, 0.4f, 1.f), "%s", error_.c_str());
  else if (!doing.empty())
    ImGui::Text("%s...", doing.c_str());
  else
    ImGui::TextUnformatted(status_.empty() ? "ready" : status_.c_str());
  char right[256];
  std::snprintf(right, sizeof(right), "%s%s | %dx%d | preview %.0f ms | full %.0f ms | %d hints | %.0f%%%s",
                method_label().c_str(), has_model_ ? "" : " (no network)",
                image_ ? image_->L.width : 0, image_ ? image_->L.height : 0, preview_ms_, full_ms_,
                doc_.size(), zoom_ * 100.f, doc_.modified() ? " | unsaved" : "");
  const float tw = ImGui::CalcTextSize(right).x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20.f, ImGui::GetWindowWidth() - tw - 12.f));
  ImGui::TextUnformatted(right);
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

void EditorApp::draw_modals() {
  std::string chosen;
  if (dialog_.draw(chosen)) {
    try {
      switch (dialog_purpose_) {
        case Purpose::OpenImage: open_path(chosen); break;
        case Purpose::LoadSession: load_session_file(chosen); break;
        case Purpose::SaveSession:
          save_session_file(chosen);
          if (quit_after_save_) quit_now_ = true;
          break;
        case Purpose::SaveResult: save_result_file(chosen, false); break;
        case Purpose::None: break;
      }
    } catch (const Error& e) {
      report_error(e.what());
    }
    dialog_purpose_ = Purpose::None;
  }
  if (!dialog_.is_open()) quit_after_save_ = quit_after_save_ && quit_now_;

  auto modal = [](const char* name, bool want) {
    if (want && !ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    return ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  };
  if (modal("Recover unsaved hints?", offer_recovery_)) {
    ImGui::Text("%zu hints for this photo were autosaved at %s but never saved.",
                recovery_points_.size(), recovery_time_.c_str());
    if (ImGui::Button("Recover")) answer_recovery(true);
    ImGui::SameLine();
    if (ImGui::Button("Discard")) answer_recovery(false);
    if (!offer_recovery_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (modal("Unsaved changes", quit_prompt_)) {
    ImGui::TextUnformatted("The hints have changed since they were last saved.");
    if (ImGui::Button("Save session and quit")) {
      quit_prompt_ = false;
      ImGui::CloseCurrentPopup();
      if (!session_path_.empty()) {
        guarded([this] { save_session_file(session_path_); });
        quit_now_ = error_.empty();
      } else if (image_) {
        quit_after_save_ = true;
        dialog_purpose_ = Purpose::SaveSession;
        dialog_.open(FileDialog::Mode::Save, "Save hint session", default_session_path(image_->path), {".json"});
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Quit without saving")) {
      if (image_) remove_autosave(image_->path);
      opt_.autosave = false;
      doc_.mark_saved();
      quit_now_ = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      quit_prompt_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (modal("Replace the original photo?", !confirm_overwrite_.empty())) {
    ImGui::Text("%s is the photo you opened. Replace it with the colourised result?",
                confirm_overwrite_.c_str());
    if (ImGui::Button("Replace it")) {
      std::string p = confirm_overwrite_;
      confirm_overwrite_.clear();
      ImGui::CloseCurrentPopup();
      try {
        save_result_file(p, true);
      } catch (const Error& e) {
        report_error(e.what());
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      confirm_overwrite_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace tinge
