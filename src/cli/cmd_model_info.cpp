// `tinge model-info`: print a model file's description (its JSON metadata and tensor count), and
// optionally set metadata fields (e.g. eval figures) in place, atomically.
#if TINGE_WITH_TORCH
#include <array>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/resources.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"
#include "core/json_depth.hpp"
#include "nn/model.hpp"
#include "nn/model_meta.hpp"
#include "nn/safetensors.hpp"

namespace tinge {
namespace {

int run_model_info(std::vector<std::string> args) {
  ArgParser p("tinge model-info", "[FILE] [--set KEY=JSON ...] [--set-file KEY=PATH.json ...]",
              "Print a model file's metadata; --set / --set-file change top-level metadata fields in place.\n"
              "Without FILE, the model the other commands use when no --model is given ($TINGE_MODEL,\n"
              "else the bundled model), and its path first.");
  p.option("--set", "", "KEY=JSON", "set a metadata field to a JSON value (null removes it)", true)
      .option("--set-file", "", "KEY=PATH", "set a metadata field to the JSON in a file", true)
      .positionals(0, 1, "FILE");
  if (!p.parse(args)) return 0;
  std::string path = p.positional().empty() ? "" : p.positional()[0];
  if (p.positional().empty()) {
    if (p.has("--set") || p.has("--set-file")) throw UsageError("--set and --set-file need a FILE to change");
    path = default_model_path();
    if (path.empty()) throw ModelError("no bundled model found (give FILE or set TINGE_MODEL)");
    std::cout << "model file: " << path << "\n";
  }
  auto f = read_safetensors(path);
  nlohmann::json meta = tinge_metadata(f, path);
  // (key, JSON text, where it came from: "--set KEY" or "--set-file KEY=PATH")
  std::vector<std::array<std::string, 3>> sets;
  for (const auto& s : p.get_all("--set")) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--set wants KEY=JSON (got '" + s + "')");
    sets.push_back({s.substr(0, eq), s.substr(eq + 1), "--set " + s.substr(0, eq)});
  }
  for (const auto& s : p.get_all("--set-file")) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--set-file wants KEY=PATH (got '" + s + "')");
    try {
      sets.push_back(
          {s.substr(0, eq), read_regular_file(s.substr(eq + 1), uint64_t(16) << 20), "--set-file " + s});
    } catch (const FileReadError& e) {
      throw UsageError("--set-file: cannot read " + s.substr(eq + 1) + ": " + e.what());
    }
  }
  if (!sets.empty()) {
    for (const auto& [key, text, origin] : sets) {
      if (json_nesting_depth(text) > kMaxJsonDepth)
        throw UsageError(origin + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      try {
        auto v = nlohmann::json::parse(text);
        if (v.is_null())
          meta.erase(key);  // KEY=null removes the field
        else
          meta[key] = v;
      } catch (const nlohmann::json::exception&) {
        throw UsageError(origin + ": value is not valid JSON");
      }
    }
    std::map<std::string, TensorBlob> blobs;
    for (const auto& [name, r] : f.tensors)
      blobs[name] = {r.dtype, r.shape, std::string(f.bytes(r), r.end - r.begin)};
    auto md = f.metadata;
    md["tinge"] = meta.dump();
    const std::string bytes = write_safetensors(blobs, md);
    check_model_bytes(bytes, path);  // a field that breaks the model (arch, ab_bins...) is refused
    // Through a symbolic link to the file it names (the link stays), keeping the file's mode.
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string target = fs::is_symlink(path, ec) ? fs::canonical(path).string() : path;
    const auto perms = fs::status(target, ec).permissions();
    write_file_atomic(target, bytes);
    if (!ec) fs::permissions(target, perms, ec);
  }
  nlohmann::json shown = meta;
  if (shown.contains("ab_prior"))
    shown["ab_prior"] = "[" + std::to_string(shown["ab_prior"].size()) + " values]";
  if (shown.contains("ab_bins")) shown["ab_bins"] = "[" + std::to_string(shown["ab_bins"].size()) + " cells]";
  std::cout << shown.dump(2) << "\n"
            << f.tensors.size() << " tensors, " << f.data.size() << " bytes of data\n";
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("model-info", "Show (or set) a model file's description", run_model_info);
}  // namespace tinge
#endif
