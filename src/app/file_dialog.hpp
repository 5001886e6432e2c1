// A file dialog drawn with ImGui over std::filesystem: browse folders, filter by extension, type a
// name; saving asks before replacing an existing file; Esc cancels. Modal; one instance per purpose.
#pragma once
#include <string>
#include <vector>

namespace tinge {

class FileDialog {
 public:
  enum class Mode { Open, Save };

  // Opens the dialog next frame. `extensions` like {".png", ".jpg"} (lower case; empty = all).
  void open(Mode mode, const std::string& title, const std::string& start_path,
            const std::vector<std::string>& extensions);
  // Draws the dialog when open; returns true once, on the frame a path was chosen.
  bool draw(std::string& chosen);
  bool is_open() const { return visible_; }

 private:
  void list_directory();
  bool accept(std::string& chosen);

  Mode mode_ = Mode::Open;
  std::string title_, dir_, name_, error_, confirm_;
  std::vector<std::string> extensions_;
  struct Entry {
    std::string name;
    bool is_dir;
  };
  std::vector<Entry> entries_;
  bool visible_ = false, opening_ = false, focus_name_ = false;
};

}  // namespace tinge
