// Where the editor keeps its own files, and the small things it remembers between runs: the
// recent-files list (config_dir()/recent.json), a few settings (settings.json) and per-image autosaved hint
// sessions (in autosave_dir()). The folders come from the front end (EditorOptions: the CLI's
// $XDG_CONFIG_HOME/tinge and $XDG_STATE_HOME/tinge/autosave).
#pragma once
#include <string>
#include <vector>

#include "core/hints.hpp"

namespace tinge {

// Sets the two folders ("" = a folder under the temporary folder); run_editor does, from EditorOptions.
void set_editor_dirs(const std::string& config_dir, const std::string& autosave_dir);
std::string config_dir();
std::string autosave_dir();

// Most recent first, at most `max` entries, only files that still exist.
std::vector<std::string> load_recent_files();
void remember_recent_file(const std::string& path, size_t max = 10);  // best effort, never throws

// Editor settings remembered between runs (config_dir()/settings.json): a switch by name.
bool load_setting(const std::string& name, bool fallback);
void save_setting(const std::string& name, bool value);  // best effort, never throws

// The autosave file of one image (derived from its absolute path).
std::string autosave_path(const std::string& image_path);
// Writes the session atomically (throws tinge::Error naming the file on failure).
void write_autosave(const std::string& image_path, const HintSet& hints);
// The autosaved hints of an image, when a readable autosave exists.
bool read_autosave(const std::string& image_path, HintSet& hints, std::string& saved_at);
void remove_autosave(const std::string& image_path);  // best effort

}  // namespace tinge
