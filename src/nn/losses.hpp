// Training losses (internal, torch): regression on ab (l2, l1, huber on ab / 10) and rebalanced
// classification against soft-encoded targets (5 nearest bins, Gaussian sigma 5), plus the annealed
// mean decoding of a distribution.
#pragma once
#include <torch/torch.h>

#include <string>

namespace tinge {

struct LossTerms {
  torch::Tensor total, regression, classification;
};

// pred_ab: (B,2,h,w) in units of ab_scale (Normalisation); gt_ab: (B,2,H,W) CIELAB at full crop
// resolution. logits: (B,Q,H/4,W/4). centers: (Q,2) bin centres; class_weights: (Q).
LossTerms compute_loss(const std::string& loss, double ce_weight, const torch::Tensor& pred_ab,
                       const torch::Tensor& logits, const torch::Tensor& gt_ab, const torch::Tensor& centers,
                       const torch::Tensor& class_weights, double ab_scale);

// Annealed mean (Zhang 2016): softmax(logits / T) weighted bin centres -> (B,2,h,w) CIELAB ab.
torch::Tensor annealed_mean(const torch::Tensor& logits, const torch::Tensor& centers, double T = 0.38);

}  // namespace tinge
