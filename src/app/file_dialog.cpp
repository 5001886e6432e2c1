// The ImGui file dialog (see file_dialog.hpp).
#include "app/file_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace tinge {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void FileDialog::open(Mode mode, const std::string& title, const std::string& start_path,
                      const std::vector<std::string>& extensions) {
  mode_ = mode;
  title_ = title;
  extensions_ = extensions;
  error_.clear();
  confirm_.clear();
  std::error_code ec;
  fs::path p = start_path.empty() ? fs::current_path(ec) : fs::absolute(start_path, ec);
  if (fs::is_directory(p, ec)) {
    dir_ = p.string();
    name_.clear();
  } else {
    dir_ = p.parent_path().string();
    name_ = p.filename().string();
    if (!fs::is_directory(dir_, ec)) dir_ = fs::current_path(ec).string();
  }
  list_directory();
  visible_ = opening_ = focus_name_ = true;
}

void FileDialog::list_directory() {
  entries_.clear();
  std::error_code ec;
  for (fs::directory_iterator it(dir_, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string n = it->path().filename().string();
    if (n.empty() || n[0] == '.') continue;
    bool is_dir = it->is_directory(ec);
    if (!is_dir && !extensions_.empty() &&
        std::find(extensions_.begin(), extensions_.end(), lower(it->path().extension().string())) ==
            extensions_.end())
      continue;
    entries_.push_back({n, is_dir});
  }
  if (ec) error_ = "cannot list " + dir_ + ": " + ec.message();
  std::sort(entries_.begin(), entries_.end(), [](const Entry& x, const Entry& y) {
    return x.is_dir != y.is_dir ? x.is_dir : lower(x.name) < lower(y.name);
  });
}

bool FileDialog::accept(std::string& chosen) {
  if (name_.empty()) {
    error_ = "type or pick a file name";
    return false;
  }
  fs::path p = fs::path(name_).is_absolute() ? fs::path(name_) : fs::path(dir_) / name_;
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    dir_ = fs::weakly_canonical(p, ec).string();
    name_.clear();
    list_directory();
    return false;
  }
  if (mode_ == Mode::Open && !fs::exists(p, ec)) {
    error_ = p.string() + " does not exist";
    return false;
  }
  if (mode_ == Mode::Save && fs::exists(p, ec) && confirm_ != p.string()) {
    confirm_ = p.string();
    error_ = p.filename().string() + " exists: press again to replace it";
    return false;
  }
  chosen = p.string();
  visible_ = false;
  ImGui::CloseCurrentPopup();
  return true;
}

bool FileDialog::draw(std::string& chosen) {
  if (!visible_) return false;
  if (opening_) {
    ImGui::OpenPopup(title_.c_str());
    opening_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.6f, vp->WorkSize.y * 0.7f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  bool done = false;
  bool keep = true;
  if (ImGui::BeginPopupModal(title_.c_str(), &keep)) {
    if (ImGui::Button("Up")) {
      dir_ = fs::path(dir_).parent_path().string();
      list_directory();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(dir_.c_str());
    const float footer = ImGui::GetFrameHeightWithSpacing() * 2.5f;
    ImGui::BeginChild("entries", ImVec2(0, -footer), true);
    std::string enter;
    for (const Entry& e : entries_) {
      std::string label = (e.is_dir ? "[dir] " : "      ") + e.name;
      if (ImGui::Selectable(label.c_str(), !e.is_dir && e.name == name_,
                            ImGuiSelectableFlags_AllowDoubleClick)) {
        if (e.is_dir)
          enter = e.name;
        else {
          name_ = e.name;
          if (ImGui::IsMouseDoubleClicked(0)) done = accept(chosen);
        }
      }
    }
    ImGui::EndChild();
    if (!enter.empty()) {
      dir_ = (fs::path(dir_) / enter).string();
      list_directory();
    }
    ImGui::SetNextItemWidth(-200);
    if (focus_name_) ImGui::SetKeyboardFocusHere();  // a name or path can be typed at once
    focus_name_ = false;
    bool enter_pressed = ImGui::InputText("##name", &name_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (!done && (ImGui::Button(mode_ == Mode::Open ? "Open" : "Save") || enter_pressed))
      done = accept(chosen);
    ImGui::SameLine();
    if (!done &&
        (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))) {
      visible_ = false;
      ImGui::CloseCurrentPopup();
    }
    if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", error_.c_str());
    ImGui::EndPopup();
  }
  if (!keep) visible_ = false;
  return done;
}

}  // namespace tinge
