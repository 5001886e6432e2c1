// Reading a model file's "tinge" metadata (see model_meta.hpp).
#include "nn/model_meta.hpp"

#include "core/error.hpp"

namespace tinge {

nlohmann::json tinge_metadata(const SafetensorsFile& file, const std::string& name) {
  auto fail = [&](const std::string& w) { throw ModelError("model file " + name + ": " + w); };
  auto it = file.metadata.find("tinge");
  if (it == file.metadata.end()) fail("no 'tinge' metadata (not a tinge model)");
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(it->second);
  } catch (const std::exception& e) {
    fail(std::string("metadata is not valid JSON: ") + e.what());
  }
  if (!meta.is_object()) fail("metadata is not a JSON object");
  return meta;
}

}  // namespace tinge
