// Recent files and autosaves (see persistence.hpp).
#include "app/persistence.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/image_io.hpp"
#include "core/json_depth.hpp"
#include "core/session.hpp"

namespace fs = std::filesystem;

namespace tinge {
namespace {

std::string g_config_dir, g_autosave_dir;

std::string or_temporary(const std::string& dir, const char* name) {
  return dir.empty() ? (fs::temp_directory_path() / "tinge" / name).string() : dir;
}

std::string absolute(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(fs::absolute(p), ec);
  return ec ? p : a.string();
}

}  // namespace

void set_editor_dirs(const std::string& config, const std::string& autosave) {
  g_config_dir = config;
  g_autosave_dir = autosave;
}

std::string config_dir() {
  return or_temporary(g_config_dir, "config");
}

std::string autosave_dir() {
  return or_temporary(g_autosave_dir, "autosave");
}

std::vector<std::string> load_recent_files() {
  std::vector<std::string> out;
  try {
    std::ifstream in(fs::path(config_dir()) / "recent.json");
    if (!in) return out;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (json_nesting_depth(text) > kMaxJsonDepth) return out;
    nlohmann::json j = nlohmann::json::parse(text);
    if (!j.is_array()) return out;
    for (const auto& e : j)
      if (e.is_string() && fs::exists(e.get<std::string>())) out.push_back(e.get<std::string>());
  } catch (...) {
    // A damaged recent-files list is not worth an error: start a new one.
  }
  return out;
}

void remember_recent_file(const std::string& path, size_t max) {
  try {
    std::string p = absolute(path);
    std::vector<std::string> list = load_recent_files();
    list.erase(std::remove(list.begin(), list.end(), p), list.end());
    list.insert(list.begin(), p);
    if (list.size() > max) list.resize(max);
    fs::create_directories(config_dir());
    write_file_atomic((fs::path(config_dir()) / "recent.json").string(), nlohmann::json(list).dump(2) + "\n");
  } catch (...) {
    // Best effort: failing to remember a recent file must never stop the editor.
  }
}

namespace {

nlohmann::json read_settings() {
  try {
    std::ifstream in(fs::path(config_dir()) / "settings.json");
    if (!in) return nlohmann::json::object();
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (json_nesting_depth(text) > kMaxJsonDepth) return nlohmann::json::object();
    nlohmann::json j = nlohmann::json::parse(text);
    return j.is_object() ? j : nlohmann::json::object();
  } catch (...) {
    return nlohmann::json::object();  // a damaged settings file: the defaults
  }
}

}  // namespace

bool load_setting(const std::string& name, bool fallback) {
  const nlohmann::json j = read_settings();
  return j.contains(name) && j[name].is_boolean() ? j[name].get<bool>() : fallback;
}

void save_setting(const std::string& name, bool value) {
  try {
    nlohmann::json j = read_settings();
    j[name] = value;
    fs::create_directories(config_dir());
    write_file_atomic((fs::path(config_dir()) / "settings.json").string(), j.dump(2) + "\n");
  } catch (...) {
    // Not remembering a switch is not worth an error.
  }
}

std::string autosave_path(const std::string& image_path) {
  std::string abs = absolute(image_path);
  std::ostringstream name;
  name << fs::path(abs).stem().string() << "-" << std::hex << fnv1a64(abs) << ".json";
  return (fs::path(autosave_dir()) / name.str()).string();
}

void write_autosave(const std::string& image_path, const HintSet& hints) {
  std::error_code ec;
  fs::create_directories(autosave_dir(), ec);
  if (ec) throw Error("autosave: cannot create " + autosave_dir() + ": " + ec.message());
  Session s;
  s.image = absolute(image_path);
  set_session_hints(s, hints);
  std::time_t now = std::time(nullptr);
  char stamp[32] = {0};
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", std::localtime(&now));
  s.extra["autosaved_at"] = stamp;
  save_session(s, autosave_path(image_path));
}

bool read_autosave(const std::string& image_path, HintSet& hints, std::string& saved_at) {
  std::string p = autosave_path(image_path);
  if (!fs::exists(p)) return false;
  try {
    Session s = load_session(p);
    hints = session_hints(s);
    saved_at = s.extra.value("autosaved_at", std::string("an earlier run"));
    return true;
  } catch (const Error&) {
    return false;
  }
}

void remove_autosave(const std::string& image_path) {
  std::error_code ec;
  fs::remove(autosave_path(image_path), ec);
}

}  // namespace tinge
