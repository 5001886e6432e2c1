// `tinge model-info`: print a model file's description (its JSON metadata and tensor count), and
// optionally set metadata fields (e.g. eval figures) in place, atomically.
#if TINGE_WITH_TORCH
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"
#include "nn/model_meta.hpp"
#include "core/json_depth.hpp"
#include "nn/safetensors.hpp"

namespace tinge {
namespace {

int run_model_info(std::vector<std::string> args) {
  ArgParser p("tinge model-info", "FILE [--set KEY=JSON ...] [--set-file KEY=PATH.json ...]",
              "Print a model file's metadata; --set / --set-file change top-level metadata fields in place.");
  p.option("--set", "", "KEY=JSON", "set a metadata field to a JSON value (null removes it)", true)
      .option("--set-file", "", "KEY=PATH", "set a metadata field to the JSON in a file", true)
      .positionals(1, 1, "FILE");
  if (!p.parse(args)) return 0;
  const std::string path = p.positional()[0];
  auto f = read_safetensors(path);
  nlohmann::json meta = tinge_metadata(f, path);
  auto sets = p.get_all("--set");
  for (const auto& s : p.get_all("--set-file")) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) throw UsageError("--set-file wants KEY=PATH");
    try {
      sets.push_back(s.substr(0, eq + 1) + read_regular_file(s.substr(eq + 1), uint64_t(16) << 20));
    } catch (const FileReadError& e) {
      throw UsageError("--set-file: cannot read " + s.substr(eq + 1) + ": " + e.what());
    }
  }
  if (!sets.empty()) {
    for (const auto& s : sets) {
      const auto eq = s.find('=');
      if (eq == std::string::npos || eq == 0) throw UsageError("--set wants KEY=JSON");
      if (json_nesting_depth(std::string_view(s).substr(eq + 1)) > kMaxJsonDepth)
        throw UsageError("--set " + s.substr(0, eq) + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      try {
        auto v = nlohmann::json::parse(s.substr(eq + 1));
        if (v.is_null()) meta.erase(s.substr(0, eq));  // KEY=null removes the field
        else meta[s.substr(0, eq)] = v;
      } catch (const nlohmann::json::exception&) {
        throw UsageError("--set " + s.substr(0, eq) + ": value is not valid JSON");
      }
    }
    std::map<std::string, TensorBlob> blobs;
    for (const auto& [name, r] : f.tensors) blobs[name] = {r.dtype, r.shape, std::string(f.bytes(r), r.end - r.begin)};
    auto md = f.metadata;
    md["tinge"] = meta.dump();
    write_file_atomic(path, write_safetensors(blobs, md));
  }
  nlohmann::json shown = meta;
  if (shown.contains("ab_prior")) shown["ab_prior"] = "[" + std::to_string(shown["ab_prior"].size()) + " values]";
  if (shown.contains("ab_bins")) shown["ab_bins"] = "[" + std::to_string(shown["ab_bins"].size()) + " cells]";
  std::cout << shown.dump(2) << "\n" << f.tensors.size() << " tensors, " << f.data.size() << " bytes of data\n";
  return 0;
}

}  // namespace
TINGE_REGISTER_COMMAND("model-info", "Show (or set) a model file's description", run_model_info);
}  // namespace tinge
#endif
