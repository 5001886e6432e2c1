// Weight averaging of model files (see average_models.hpp).
#include "nn/average_models.hpp"

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/error.hpp"
#include "nn/model_meta.hpp"

namespace tinge {
namespace {

// What a model is made of (as opposed to how it was trained and scored).
const char* const kArchitectureKeys[] = {"format", "arch", "widths", "ab_grid", "ab_bins", "normalisation",
                                         "stride", "working_short_side", "levin_input"};

}  // namespace

std::string average_model_files(const SafetensorsFile& a, const std::string& a_name,
                                const SafetensorsFile& b, const std::string& b_name, double t) {
  if (!(t >= 0.0 && t <= 1.0)) throw UsageError("the weight of the second model must be in [0, 1]");
  const nlohmann::json ma = tinge_metadata(a, a_name), mb = tinge_metadata(b, b_name);
  for (const char* k : kArchitectureKeys)
    if (ma.value(k, nlohmann::json()) != mb.value(k, nlohmann::json()))
      throw ModelError("cannot average " + a_name + " and " + b_name + ": their '" + k + "' differs");
  for (const auto& [name, r] : a.tensors)
    if (!b.tensors.count(name)) throw ModelError("cannot average: tensor " + name + " is missing from " + b_name);

  std::map<std::string, TensorBlob> out;
  for (const auto& [name, rb] : b.tensors) {
    auto ia = a.tensors.find(name);
    if (ia == a.tensors.end()) throw ModelError("cannot average: tensor " + name + " is missing from " + a_name);
    const TensorRecord& ra = ia->second;
    if (ra.dtype != "F32" || rb.dtype != "F32")
      throw ModelError("cannot average: tensor " + name + " is not F32 in both files");
    if (ra.shape != rb.shape)
      throw ModelError("cannot average: tensor " + name + " is " + shape_text(ra.shape) + " in " + a_name +
                       " but " + shape_text(rb.shape) + " in " + b_name);
    const size_t n = (rb.end - rb.begin) / sizeof(float);
    std::vector<float> x(n), y(n);
    std::memcpy(x.data(), a.bytes(ra), n * sizeof(float));
    std::memcpy(y.data(), b.bytes(rb), n * sizeof(float));
    for (size_t i = 0; i < n; ++i) y[i] = float((1.0 - t) * double(x[i]) + t * double(y[i]));
    out[name] = {"F32", rb.shape, std::string(reinterpret_cast<const char*>(y.data()), n * sizeof(float))};
  }

  nlohmann::json meta = mb;
  meta.erase("eval");
  meta.erase("train_state");
  auto record = [](const nlohmann::json& m, const std::string& file) {
    nlohmann::json r = m.value("weight_average", nlohmann::json());
    if (r.is_null()) {
      r = nlohmann::json::object();
      if (m.contains("training")) r["training"] = m["training"];
      if (m.contains("init_from")) r["init_from"] = m["init_from"];
    }
    r["file"] = std::filesystem::path(file).filename().string();
    return r;
  };
  meta["weight_average"] = {{"weights", {1.0 - t, t}}, {"models", {record(ma, a_name), record(mb, b_name)}}};
  auto md = b.metadata;
  md["tinge"] = meta.dump();
  return write_safetensors(out, md);
}

}  // namespace tinge
