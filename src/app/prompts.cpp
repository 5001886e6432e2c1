// The editor's modal prompts: the file dialogs' outcomes, the offer to recover autosaved hints,
// "Unsaved changes" before the photo is replaced (another photo opened, Page Down, a recent file, a
// dropped file, a session loaded) or the editor quits, and replacing the original photo with the
// result. Esc cancels a prompt that has a Cancel button.
#include <filesystem>

#include "app/editor_app.hpp"
#include "app/persistence.hpp"
#include "core/error.hpp"
#include "core/image_formats.hpp"
#include "core/result_save.hpp"
#include "core/session_name.hpp"

namespace tinge {
namespace {

bool esc_pressed() {
  return ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false);
}

bool modal(const char* name, bool want) {
  if (want && !ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  return ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_AlwaysAutoResize);
}

}  // namespace

void EditorApp::leave_document(bool quitting, std::function<void()> then) {
  if (scripted() || !image_ || !doc_.modified()) {  // nothing to lose (scripts never ask)
    then();
    return;
  }
  leave_.open = true;
  leave_.quitting = quitting;
  leave_.then = std::move(then);
  request_frames(3);
}

void EditorApp::open_sibling_asking(int step) {
  leave_document(false, [this, step] { guarded([this, step] { open_sibling(step); }); });
}

bool EditorApp::modal_open() const {
  return leave_.open || recovery_.offered || !confirm_overwrite_.empty() || dialog_.is_open() ||
         reference_.dialog_open();
}

void EditorApp::open_dialog(Purpose p, const std::string& title, const std::string& start) {
  dialog_purpose_ = p;
  switch (p) {
    case Purpose::OpenImage:
      dialog_.open(FileDialog::Mode::Open, title, start, photo_or_session_extensions());
      break;
    case Purpose::LoadSession:
      dialog_.open(FileDialog::Mode::Open, title, start, {".json"});
      break;
    case Purpose::SaveSession:
      dialog_.open(FileDialog::Mode::Save, title, start, {".json"});
      break;
    case Purpose::SaveResult:
      dialog_.open(FileDialog::Mode::Save, title, start, result_image_extensions());
      break;
    case Purpose::None:
      break;
  }
}

void EditorApp::draw_file_dialog() {
  std::string chosen;
  if (dialog_.draw(chosen)) {
    const Purpose purpose = dialog_purpose_;
    dialog_purpose_ = Purpose::None;
    try {
      switch (purpose) {
        case Purpose::OpenImage:
          leave_document(false, [this, chosen] { guarded([this, chosen] { open_path(chosen); }); });
          break;
        case Purpose::LoadSession:
          leave_document(false, [this, chosen] { guarded([this, chosen] { load_session_file(chosen); }); });
          break;
        case Purpose::SaveSession:
          save_session_file(chosen);
          if (after_session_saved_) {
            auto then = std::move(after_session_saved_);
            after_session_saved_ = nullptr;
            then();
          }
          break;
        case Purpose::SaveResult:
          save_result_file(chosen, false);
          break;
        case Purpose::None:
          break;
      }
    } catch (const Error& e) {
      report_error(e.what());
    }
  }
  if (!dialog_.is_open()) after_session_saved_ = nullptr;  // the Save dialog was cancelled
}

void EditorApp::draw_leave_prompt() {
  if (!modal("Unsaved changes", leave_.open)) return;
  const std::string name = image_ ? std::filesystem::path(image_->path).filename().string() : "";
  ImGui::Text("The hints on %s have changed since they were last saved.", name.c_str());
  const bool q = leave_.quitting;
  auto close = [this] {
    leave_.open = false;
    ImGui::CloseCurrentPopup();
  };
  if (ImGui::Button(q ? "Save session and quit" : "Save session and continue")) {
    auto then = std::move(leave_.then);
    close();
    if (!session_path_.empty()) {
      guarded([this] { save_session_file(session_path_); });
      if (error_.empty()) then();
    } else if (image_) {
      after_session_saved_ = std::move(then);
      open_dialog(Purpose::SaveSession, "Save hint session", default_session_path(image_->path));
    }
  }
  ImGui::SameLine();
  if (ImGui::Button(q ? "Quit without saving" : "Continue without saving")) {
    auto then = std::move(leave_.then);
    close();
    if (image_) remove_autosave(image_->path);
    if (q) opt_.autosave = false;
    doc_.mark_saved();
    then();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || esc_pressed()) close();
  ImGui::EndPopup();
}

void EditorApp::draw_modals() {
  draw_file_dialog();
  reference_.draw_dialog();
  draw_recovery_prompt();
  draw_leave_prompt();
  draw_overwrite_prompt();
}

void EditorApp::draw_recovery_prompt() {
  if (!modal("Recover unsaved hints?", recovery_.offered)) return;
  const size_t n = size_t(recovery_.hints.count());
  ImGui::Text("%zu hint%s for this photo %s autosaved at %s but never saved.", n, n == 1 ? "" : "s",
              n == 1 ? "was" : "were", recovery_.time.c_str());
  if (ImGui::Button("Recover")) answer_recovery(true);
  ImGui::SameLine();
  if (ImGui::Button("Discard")) answer_recovery(false);
  if (!recovery_.offered) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void EditorApp::draw_overwrite_prompt() {
  if (!modal("Replace the original photo?", !confirm_overwrite_.empty())) return;
  ImGui::Text("%s is the photo you opened. Replace it with the colourised result?",
              confirm_overwrite_.c_str());
  if (ImGui::Button("Replace it")) {
    std::string p = confirm_overwrite_;
    confirm_overwrite_.clear();
    ImGui::CloseCurrentPopup();
    guarded([this, p] { save_result_file(p, true); });
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || esc_pressed()) {
    confirm_overwrite_.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace tinge
