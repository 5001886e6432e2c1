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
const char* const kArchitectureKeys[] = {"format",     "arch",          "widths", "ab_grid",
                                         "ab_bins",    "normalisation", "stride", "working_short_side",
                                         "levin_input"};

// Tensors only a network with the Levin input has.
bool is_levin_only(const std::string& name) {
  return name.rfind("levin_gate.", 0) == 0;
}

}  // namespace

std::string average_model_files(const SafetensorsFile& a, const std::string& a_name, const SafetensorsFile& b,
                                const std::string& b_name, double t) {
  if (!(t >= 0.0 && t <= 1.0)) throw UsageError("the weight of the second model must be in [0, 1]");
  const nlohmann::json ma = tinge_metadata(a, a_name), mb = tinge_metadata(b, b_name);
  // A model without a Levin input is one with it whose Levin weights are zero (net.hpp,
  // with_levin_input): such a pair is averaged as that.
  auto levin = [](const nlohmann::json& m) {
    return m.contains("levin_input") && m["levin_input"].is_boolean() && m["levin_input"].get<bool>();
  };
  const bool levin_a = levin(ma), levin_b = levin(mb);
  const bool widen = levin_a != levin_b;
  for (const char* k : kArchitectureKeys) {
    if (std::string(k) == "levin_input") continue;  // compared as booleans above (absent = false)
    if (ma.value(k, nlohmann::json()) != mb.value(k, nlohmann::json()))
      throw ModelError("cannot average " + a_name + " and " + b_name + ": their '" + k + "' differs");
  }
  const SafetensorsFile& wide = levin_a ? a : b;
  if (widen && !wide.tensors.count("levin_gate.weight"))
    throw ModelError("cannot average: " + (levin_a ? a_name : b_name) +
                     " says it has the Levin input but has no levin_gate.weight");
  auto missing = [&](const std::string& name, const std::string& from) {
    return ModelError("cannot average: tensor " + name + " is missing from " + from);
  };
  for (const auto& [name, r] : a.tensors)
    if (!b.tensors.count(name) && !(levin_a && !levin_b && is_levin_only(name))) throw missing(name, b_name);
  for (const auto& [name, r] : b.tensors)
    if (!a.tensors.count(name) && !(levin_b && !levin_a && is_levin_only(name))) throw missing(name, a_name);

  // `f`'s tensor `name` as `shape` (zeros where a model without the Levin input has no weights).
  auto values = [&](const SafetensorsFile& f, const std::string& f_name, const std::string& name,
                    const std::vector<int64_t>& shape) {
    size_t n = 1;
    for (int64_t d : shape) n *= size_t(d);
    std::vector<float> v(n, 0.f);
    auto it = f.tensors.find(name);
    if (it == f.tensors.end()) {
      if (widen && &f != &wide && is_levin_only(name)) return v;
      throw missing(name, f_name);
    }
    const TensorRecord& r = it->second;
    if (r.dtype != "F32") throw ModelError("cannot average: tensor " + name + " is not F32 in " + f_name);
    if (r.shape == shape) {
      std::memcpy(v.data(), f.bytes(r), n * sizeof(float));
      return v;
    }
    // The stem's convolution (out, 4, k, k) of a model without the Levin input into (out, 6, k, k).
    const bool stem = widen && &f != &wide && name == "stem1.conv.weight" && r.shape.size() == 4 &&
                      shape.size() == 4 && r.shape[0] == shape[0] && r.shape[2] == shape[2] &&
                      r.shape[3] == shape[3] && r.shape[1] == 4 && shape[1] == 6;
    if (!stem)
      throw ModelError("cannot average: tensor " + name + " is " + shape_text(r.shape) + " in " + f_name +
                       " but " + shape_text(shape) + " in the other");
    const size_t k = size_t(shape[2] * shape[3]);
    const float* src = reinterpret_cast<const float*>(f.bytes(r));
    for (int64_t o = 0; o < shape[0]; ++o)
      for (int64_t c = 0; c < 4; ++c)
        std::memcpy(&v[(size_t(o) * 6 + size_t(c)) * k], src + (size_t(o) * 4 + size_t(c)) * k,
                    k * sizeof(float));
    return v;
  };

  std::map<std::string, TensorBlob> out;
  for (const auto& [name, rw] : wide.tensors) {
    std::vector<float> x = values(a, a_name, name, rw.shape), y = values(b, b_name, name, rw.shape);
    for (size_t i = 0; i < y.size(); ++i) y[i] = float((1.0 - t) * double(x[i]) + t * double(y[i]));
    out[name] = {"F32", rw.shape,
                 std::string(reinterpret_cast<const char*>(y.data()), y.size() * sizeof(float))};
  }

  nlohmann::json meta = mb;
  if (widen) meta["levin_input"] = true;
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
