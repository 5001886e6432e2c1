// Model file save/load (see model_file.hpp).
#include "nn/model_file.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>

#include "core/ab_grid.hpp"
#include "core/error.hpp"
#include "core/file_read.hpp"
#include "core/image_io.hpp"
#include "nn/model.hpp"
#include "nn/model_meta.hpp"
#include "nn/safetensors.hpp"

namespace tinge {

std::map<std::string, torch::Tensor> network_tensors(torch::nn::Module& net) {
  std::map<std::string, torch::Tensor> out;
  for (const auto& p : net.named_parameters()) out[p.key()] = p.value();
  for (const auto& b : net.named_buffers())
    if (b.key().find("num_batches_tracked") == std::string::npos) out[b.key()] = b.value();
  return out;
}

static TensorBlob to_blob(const torch::Tensor& t) {
  auto c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  TensorBlob b;
  b.dtype = "F32";
  b.shape = c.sizes().vec();
  b.bytes.assign(reinterpret_cast<const char*>(c.data_ptr<float>()), size_t(c.numel()) * 4);
  return b;
}

void save_model_file(const std::string& path, torch::nn::Module& net, const nlohmann::json& meta,
                     const std::map<std::string, torch::Tensor>& extra) {
  std::map<std::string, TensorBlob> blobs;
  for (const auto& [k, t] : network_tensors(net)) blobs[k] = to_blob(t);
  for (const auto& [k, t] : extra) blobs[k] = to_blob(t);
  nlohmann::json m = meta;
  m["format"] = "tinge-model";
  m["format_version"] = kModelFormatVersion;
  write_file_atomic(path, write_safetensors(blobs, {{"tinge", m.dump()}}));
}

namespace {

// "normalisation", "stride" and "ab_grid": what the network's numbers mean. Each is optional (the
// defaults of NetConfig and AbGrid) and, when present, checked: a field that disagrees with what
// this build can run is an error naming it.
void read_scaling(const nlohmann::json& meta, NetConfig& cfg,
                  const std::function<void(const std::string&)>& fail) {
  if (meta.contains("normalisation")) {
    const auto& n = meta["normalisation"];
    if (!n.is_object()) fail("'normalisation' must be an object (L_center, L_scale, ab_scale)");
    auto number = [&](const char* key, double& out, bool positive) {
      const std::string field = std::string("'normalisation.") + key + "'";
      if (!n.contains(key)) fail(field + " is missing");
      if (!n[key].is_number() || !std::isfinite(n[key].get<double>())) fail(field + " must be a number");
      out = n[key].get<double>();
      if (positive && !(out > 0)) fail(field + " must be positive, not " + n[key].dump());
    };
    number("L_center", cfg.norm.L_center, false);
    number("L_scale", cfg.norm.L_scale, true);
    number("ab_scale", cfg.norm.ab_scale, true);
  }
  if (meta.contains("stride")) {
    const auto& s = meta["stride"];
    const int64_t multiple = input_multiple(cfg.arch);
    if (!s.is_number_integer() || s.get<int64_t>() < 1 || s.get<int64_t>() > 1024)
      fail("'stride' must be a whole number from 1 to 1024, not " + s.dump());
    if (s.get<int64_t>() % multiple != 0)
      fail("'stride' is " + s.dump() + ", but a " + cfg.arch + " network needs a multiple of " +
           std::to_string(multiple));
    cfg.stride = s.get<int64_t>();
  }
  if (meta.contains("ab_grid")) {
    const auto& g = meta["ab_grid"];
    if (!g.is_object()) fail("'ab_grid' must be an object (step, min, side)");
    const std::pair<const char*, double> expected[] = {
        {"step", AbGrid::kStep}, {"min", AbGrid::kMin}, {"side", AbGrid::kSide}};
    for (const auto& [key, want] : expected) {
      const std::string field = std::string("'ab_grid.") + key + "'";
      if (!g.contains(key) || !g[key].is_number()) fail(field + " must be a number");
      if (std::abs(g[key].get<double>() - want) > 1e-6)
        fail(field + " is " + g[key].dump() + ", but the ab bins index tinge's grid, whose " + key + " is " +
             nlohmann::json(want).dump());
    }
  }
}

}  // namespace

NetConfig net_config_from_meta(const nlohmann::json& meta, const std::string& name) {
  auto fail = [&](const std::string& w) { throw ModelError("model file " + name + ": " + w); };
  if (meta.value("format", "") != "tinge-model") fail("metadata format is not 'tinge-model'");
  int v = meta.value("format_version", 0);
  if (v != kModelFormatVersion)
    fail("unsupported format_version " + std::to_string(v) + " (this tinge reads " +
         std::to_string(kModelFormatVersion) + ")");
  NetConfig cfg;
  cfg.arch = meta.value("arch", "");
  if (cfg.arch != "tinge-unet-v1" && cfg.arch != "siggraph17")
    fail("unknown architecture '" + cfg.arch + "'");
  if (cfg.arch == "tinge-unet-v1") {
    if (!meta.contains("widths") || !meta["widths"].is_array() || meta["widths"].size() != 4)
      fail("'widths' must be 4 integers");
    cfg.widths.clear();
    for (const auto& w : meta["widths"]) {
      if (!w.is_number_integer() || w.get<int64_t>() < 1 || w.get<int64_t>() > 4096) fail("bad 'widths'");
      cfg.widths.push_back(w.get<int64_t>());
    }
    if (meta.contains("levin_input")) {
      if (!meta["levin_input"].is_boolean()) fail("'levin_input' must be true or false");
      cfg.levin_input = meta["levin_input"].get<bool>();
    }
  } else {
    cfg.widths.clear();
  }
  if (meta.contains("mask_offset")) {
    if (!meta["mask_offset"].is_number() || !std::isfinite(meta["mask_offset"].get<double>()))
      fail("'mask_offset' must be a number");
    cfg.mask_offset = meta["mask_offset"].get<double>();
  }
  if (!meta.contains("ab_bins") || !meta["ab_bins"].is_array() || meta["ab_bins"].empty())
    fail("'ab_bins' must list the in-gamut grid cells");
  const int cells = AbGrid::kSide * AbGrid::kSide;
  for (const auto& c : meta["ab_bins"])
    if (!c.is_number_integer() || c.get<int>() < 0 || c.get<int>() >= cells) fail("bad 'ab_bins' cell");
  if (cfg.arch == "siggraph17" && int(meta["ab_bins"].size()) != cells)
    fail("siggraph17 needs " + std::to_string(cells) + " 'ab_bins'");
  cfg.bins = int64_t(meta["ab_bins"].size());
  read_scaling(meta, cfg, fail);
  return cfg;
}

LoadedModel load_model_buffer(const std::string& bytes, const std::string& name,
                              const torch::Device& device) {
  auto file = parse_safetensors(bytes, name);
  auto fail = [&](const std::string& w) { throw ModelError("model file " + name + ": " + w); };
  LoadedModel lm;
  lm.meta = tinge_metadata(file, name);
  NetConfig cfg = net_config_from_meta(lm.meta, name);
  lm.net = make_net(cfg);
  torch::NoGradGuard ng;
  auto params = network_tensors(*lm.net);
  for (auto& [k, t] : params) {
    auto r = file.tensors.find(k);
    if (r == file.tensors.end()) fail("missing tensor '" + k + "'");
    if (r->second.shape != t.sizes().vec())
      fail("tensor '" + k + "' has shape " + shape_text(r->second.shape) + ", expected " +
           shape_text(t.sizes().vec()));
    if (r->second.dtype != "F32") fail("tensor '" + k + "' has dtype " + r->second.dtype + ", expected F32");
    auto src = torch::empty(t.sizes(), torch::kFloat32);
    std::memcpy(src.data_ptr<float>(), file.bytes(r->second), r->second.end - r->second.begin);
    if (!torch::isfinite(src).all().item<bool>()) fail("tensor '" + k + "' contains NaN or Inf");
    t.copy_(src);
  }
  for (const auto& [k, rec] : file.tensors) {
    if (params.count(k)) continue;
    if (rec.dtype != "F32") continue;
    auto src = torch::empty(rec.shape, torch::kFloat32);
    std::memcpy(src.data_ptr<float>(), file.bytes(rec), rec.end - rec.begin);
    lm.extra[k] = src.to(device);
  }
  lm.net->to(device);
  return lm;
}

ColorNet as_unet(const LoadedModel& lm, const std::string& what) {
  auto p = std::dynamic_pointer_cast<ColorNetImpl>(lm.net);
  if (!p)
    throw ModelError(what + " is a " + lm.net->cfg.arch + " model; only tinge-unet-v1 models can be trained");
  return ColorNet(p);
}

LoadedModel load_model_file(const std::string& path, const torch::Device& device) {
  std::string bytes;
  try {
    bytes = read_regular_file(path, SafetensorsLimits().max_file_bytes);
  } catch (const FileReadError& e) {
    throw ModelError("cannot read model file " + path + ": " + e.what());
  }
  return load_model_buffer(bytes, path, device);
}

void check_model_bytes(const std::string& bytes, const std::string& name) {
  load_model_buffer(bytes, name, torch::kCPU);
}

}  // namespace tinge
