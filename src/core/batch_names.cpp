// batch_output_names (see batch_names.hpp).
#include "batch_names.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

namespace tinge {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

}  // namespace

std::vector<std::string> batch_output_names(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::map<std::string, int> stem_count;
  for (const std::string& in : inputs) ++stem_count[lower(fs::path(in).stem().string())];
  std::set<std::string> used;  // lower-case
  std::vector<std::string> out;
  out.reserve(inputs.size());
  for (const std::string& in : inputs) {
    const fs::path p(in);
    std::string base = p.stem().string();
    if (stem_count[lower(base)] > 1) {
      const std::string ext = p.extension().string();
      base += "_" + lower(ext.empty() ? std::string("noext") : ext.substr(1));
    }
    std::string name = base + "_color.png";
    for (int n = 2; !used.insert(lower(name)).second; ++n)
      name = base + "-" + std::to_string(n) + "_color.png";
    out.push_back(name);
  }
  return out;
}

std::string result_file_name(const std::string& input) {
  return std::filesystem::path(input).stem().string() + "_color.png";
}

}  // namespace tinge
