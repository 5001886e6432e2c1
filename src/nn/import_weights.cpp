// `import_siggraph17_weights` (see import_weights.hpp).
#include "nn/import_weights.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"
#include "nn/model_file.hpp"
#include "nn/siggraph17.hpp"
#include "nn/torch_checkpoint.hpp"

namespace tinge {

ImportReport import_siggraph17_weights(const std::string& checkpoint, const std::string& out) {
  auto fail = [&](const std::string& w) { throw ModelError("checkpoint " + checkpoint + ": " + w); };
  TorchStateDict sd = read_torch_state_dict(checkpoint);
  // DataParallel checkpoints prefix every name with "module.".
  std::map<std::string, TensorBlob> tensors;
  for (auto& [k, v] : sd.tensors) tensors[k.rfind("module.", 0) == 0 ? k.substr(7) : k] = std::move(v);

  NetConfig cfg;
  cfg.arch = "siggraph17";
  cfg.widths.clear();
  cfg.bins = 529;
  cfg.mask_offset = 0.5;  // the released training code feeds mask - 0.5 (hinted +0.5, elsewhere -0.5)
  auto net = make_net(cfg);
  ImportReport rep;
  rep.format = sd.format;
  std::map<std::string, bool> used;
  torch::NoGradGuard ng;
  for (auto& [name, t] : network_tensors(*net)) {
    const std::string src = siggraph17_released_name(name);
    auto it = tensors.find(src);
    if (it == tensors.end())
      fail("missing tensor '" + src + "' (is this the SIGGRAPH17 generator's state dict?)");
    const TensorBlob& b = it->second;
    if (b.shape != t.sizes().vec())
      fail("tensor '" + src + "' has shape " + shape_text(b.shape) + ", expected " +
           shape_text(t.sizes().vec()));
    if (b.dtype != "F32") fail("tensor '" + src + "' has dtype " + b.dtype + ", expected floating point");
    auto src_t = torch::empty(t.sizes(), torch::kFloat32);
    std::memcpy(src_t.data_ptr<float>(), b.bytes.data(), b.bytes.size());
    if (!torch::isfinite(src_t).all().item<bool>()) fail("tensor '" + src + "' contains NaN or Inf");
    t.copy_(src_t);
    used[src] = true;
    ++rep.tensors;
  }
  for (const auto& p : net->parameters()) rep.parameters += double(p.numel());
  for (const auto& [k, v] : tensors)
    if (!used.count(k) && k.find("num_batches_tracked") == std::string::npos) rep.ignored.push_back(k);

  nlohmann::json meta;
  meta["arch"] = "siggraph17";
  meta["ab_bins"] = siggraph17_bins();
  meta["ab_grid"] = {{"min", -110.0}, {"side", 23}, {"step", 10.0}};
  meta["normalisation"] = {
      {"L_center", cfg.norm.L_center}, {"L_scale", cfg.norm.L_scale}, {"ab_scale", cfg.norm.ab_scale}};
  meta["mask_offset"] = cfg.mask_offset;
  meta["stride"] = cfg.stride;
  meta["decode"] = "regression";
  meta["temperature"] = 0.38;
  meta["working_short_side"] = 256;
  meta["imported"] = {{"from", std::filesystem::path(checkpoint).filename().string()},
                      {"container", sd.format},
                      {"tensors", rep.tensors},
                      {"ignored", rep.ignored},
                      {"architecture", "Zhang et al. 2017, richzhang/colorization colorizers/siggraph17.py"}};
  save_model_file(out, *net, meta);
  return rep;
}

}  // namespace tinge
