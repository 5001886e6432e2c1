// The "tinge" metadata of a model file (a JSON object stored as a safetensors metadata string),
// read without torch: for the loader, `model-info` and `average-models` alike.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "nn/safetensors.hpp"

namespace tinge {

// Throws ModelError naming `name` when the metadata is missing, not JSON, or not a JSON object.
nlohmann::json tinge_metadata(const SafetensorsFile& file, const std::string& name);

}  // namespace tinge
