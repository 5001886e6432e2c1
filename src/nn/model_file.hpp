// Model files: safetensors with the network's tensors and a JSON description in the metadata
// ("tinge" key): format version, architecture and widths, normalisation, ab bin grid, class prior,
// decoding, training provenance and eval figures. Internal (includes torch).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "nn/net.hpp"

namespace tinge {

constexpr int kModelFormatVersion = 1;

struct LoadedModel {
  std::shared_ptr<GuidedNetImpl> net;          // any architecture (make_net)
  nlohmann::json meta;                         // the "tinge" metadata object
  std::map<std::string, torch::Tensor> extra;  // tensors not in the network (e.g. "optim.*")
};

// Network tensors by name (parameters and buffers, without num_batches_tracked).
std::map<std::string, torch::Tensor> network_tensors(torch::nn::Module& net);
inline std::map<std::string, torch::Tensor> network_tensors(ColorNet& net) {
  return network_tensors(*net);
}

// Saves atomically. `extra` tensors (optimizer state) are stored beside the network's.
void save_model_file(const std::string& path, torch::nn::Module& net, const nlohmann::json& meta,
                     const std::map<std::string, torch::Tensor>& extra = {});
inline void save_model_file(const std::string& path, ColorNet& net, const nlohmann::json& meta,
                            const std::map<std::string, torch::Tensor>& extra = {}) {
  save_model_file(path, *net, meta, extra);
}

// The loaded network as a trainable tinge-unet-v1; throws ModelError naming `what` for another one.
ColorNet as_unet(const LoadedModel& lm, const std::string& what);

// Loads onto `device`; throws ModelError naming the field, tensor or shape at fault.
LoadedModel load_model_file(const std::string& path, const torch::Device& device);
LoadedModel load_model_buffer(const std::string& bytes, const std::string& name, const torch::Device& device);

NetConfig net_config_from_meta(const nlohmann::json& meta, const std::string& name);

}  // namespace tinge
