// Adam with checkpointed moments (see adam.hpp).
#include "nn/adam.hpp"

#include <cmath>

#include "core/error.hpp"
#include "nn/safetensors.hpp"

namespace tinge {

Adam::Adam(torch::nn::Module& net) {
  for (const auto& p : net.named_parameters()) {
    names_.push_back(p.key());
    params_.push_back(p.value());
    m_.push_back(torch::zeros_like(p.value()));
    v_.push_back(torch::zeros_like(p.value()));
  }
}

void Adam::step(double lr) {
  torch::NoGradGuard ng;
  ++t_;
  const double bc1 = 1 - std::pow(b1_, double(t_)), bc2 = 1 - std::pow(b2_, double(t_));
  for (size_t i = 0; i < params_.size(); ++i) {
    auto& g = params_[i].mutable_grad();
    if (!g.defined()) continue;
    m_[i].mul_(b1_).add_(g, 1 - b1_);
    v_[i].mul_(b2_).addcmul_(g, g, 1 - b2_);
    auto denom = (v_[i] / bc2).sqrt_().add_(eps_);
    params_[i].addcdiv_(m_[i], denom, -lr / bc1);
    g.reset();
  }
}

std::map<std::string, torch::Tensor> Adam::state() const {
  std::map<std::string, torch::Tensor> s;
  for (size_t i = 0; i < names_.size(); ++i) {
    s["optim.m." + names_[i]] = m_[i];
    s["optim.v." + names_[i]] = v_[i];
  }
  return s;
}

void Adam::load(const std::map<std::string, torch::Tensor>& saved, int64_t steps) {
  torch::NoGradGuard ng;
  for (size_t i = 0; i < names_.size(); ++i) {
    auto a = saved.find("optim.m." + names_[i]), b = saved.find("optim.v." + names_[i]);
    if (a == saved.end() || b == saved.end())
      throw ModelError("checkpoint lacks optimizer state for " + names_[i]);
    if (!a->second.sizes().equals(m_[i].sizes()) || !b->second.sizes().equals(v_[i].sizes()))
      throw ModelError("checkpoint's optimizer state for " + names_[i] + " has shape " +
                       shape_text(a->second.sizes().vec()) + ", the network's is " +
                       shape_text(m_[i].sizes().vec()));
    m_[i].copy_(a->second);
    v_[i].copy_(b->second);
  }
  t_ = steps;
}

}  // namespace tinge
