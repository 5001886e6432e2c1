// Resource lookup for the CLI and the editor it starts (see resources.hpp).
#include "cli/resources.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "cli/environment.hpp"

namespace fs = std::filesystem;

#ifndef TINGE_DATA_FROM_BIN
#define TINGE_DATA_FROM_BIN "../share/tinge"  // set by CMake from the install directories
#endif

namespace tinge {
namespace {

constexpr const char* kBuildMarker = "tinge-build-resources.txt";
constexpr const char* kModelName = "tinge-default.safetensors";
// `tinge edit` with no argument opens the first of these that exists.
constexpr const char* kSamples[] = {"nagasaki-boats.jpg", "dust-bowl-home.jpg"};

// The folders resources are looked for in, in order (each may not exist).
struct ResourceDirs {
  std::vector<std::string> models;   // holding tinge-default.safetensors
  std::vector<std::string> samples;  // holding the sample photos
};

// Reads "key=path" lines ('#' starts a comment); a relative path is taken from the marker's folder.
bool read_marker(const fs::path& marker, ResourceDirs& dirs) {
  std::ifstream in(marker);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq);
    const fs::path dir = marker.parent_path() / line.substr(eq + 1);  // an absolute value replaces the base
    if (key == "models") dirs.models.push_back(dir.string());
    if (key == "samples") dirs.samples.push_back(dir.string());
  }
  return true;
}

std::string first_existing(const std::vector<std::string>& dirs, const char* name) {
  std::error_code ec;
  for (const std::string& d : dirs) {
    const fs::path p = fs::path(d) / name;
    if (fs::is_regular_file(p, ec)) return fs::weakly_canonical(p, ec).string();
  }
  return "";
}

// For the running executable: its build folder's marker when there is one, else the install layout.
ResourceDirs resource_dirs() {
  ResourceDirs dirs;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return dirs;
  const fs::path bin = exe.parent_path();
  if (read_marker(bin / kBuildMarker, dirs)) return dirs;
  const fs::path data = bin / TINGE_DATA_FROM_BIN;
  dirs.models.push_back((data / "models").string());
  dirs.samples.push_back((data / "samples").string());
  return dirs;
}

}  // namespace

std::string bundled_model_path() {
  return first_existing(resource_dirs().models, kModelName);
}

std::string default_model_path() {
  if (std::string e = env_model(); !e.empty()) return e;
  return bundled_model_path();
}

std::string bundled_sample() {
  const ResourceDirs dirs = resource_dirs();
  for (const char* name : kSamples)
    if (std::string p = first_existing(dirs.samples, name); !p.empty()) return p;
  return "";
}

}  // namespace tinge
