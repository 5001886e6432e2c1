// Training losses (see losses.hpp).
#include "nn/losses.hpp"

#include "nn/train.hpp"

namespace tinge {

namespace F = torch::nn::functional;

bool is_known_loss(const std::string& l) {
  return l == "l2" || l == "l1" || l == "huber" || l == "ce" || l == "hybrid";
}

static torch::Tensor regression(const std::string& kind, const torch::Tensor& pred_ab,
                                const torch::Tensor& gt_ab, double ab_scale) {
  const int64_t f = gt_ab.size(2) / pred_ab.size(2);
  auto gt = f > 1 ? F::avg_pool2d(gt_ab, F::AvgPool2dFuncOptions(f)) : gt_ab;
  auto d = (pred_ab * ab_scale - gt) / 10.0;
  if (kind == "l2") return d.pow(2).mean();
  if (kind == "l1") return d.abs().mean();
  return F::smooth_l1_loss(d, torch::zeros_like(d), F::SmoothL1LossFuncOptions().beta(1.0));
}

static torch::Tensor classification(const torch::Tensor& logits, const torch::Tensor& gt_ab,
                                    const torch::Tensor& centers, const torch::Tensor& class_weights) {
  const int64_t f = gt_ab.size(2) / logits.size(2);
  auto ab = F::avg_pool2d(gt_ab, F::AvgPool2dFuncOptions(f));  // (B,2,h,w)
  auto ca = centers.select(1, 0).view({1, -1, 1, 1});
  auto cb = centers.select(1, 1).view({1, -1, 1, 1});
  auto d2 = (ab.narrow(1, 0, 1) - ca).pow(2) + (ab.narrow(1, 1, 1) - cb).pow(2);  // (B,Q,h,w)
  auto nearest = d2.topk(5, 1, /*largest=*/false);
  auto w = torch::exp(-std::get<0>(nearest) / (2.0 * 5.0 * 5.0));
  w = w / w.sum(1, true);
  auto target = torch::zeros_like(d2).scatter_(1, std::get<1>(nearest), w);
  auto pix_w = class_weights.index_select(0, std::get<1>(nearest).select(1, 0).flatten())
                   .view({ab.size(0), ab.size(2), ab.size(3)});
  auto ce = -(target * torch::log_softmax(logits, 1)).sum(1);  // (B,h,w)
  return (ce * pix_w).mean();
}

LossTerms compute_loss(const std::string& loss, double ce_weight, const torch::Tensor& pred_ab,
                       const torch::Tensor& logits, const torch::Tensor& gt_ab, const torch::Tensor& centers,
                       const torch::Tensor& class_weights, double ab_scale) {
  LossTerms t;
  auto zero = torch::zeros({}, pred_ab.options());
  t.regression = zero;
  t.classification = zero;
  if (loss == "l2" || loss == "l1" || loss == "huber") {
    t.regression = regression(loss, pred_ab, gt_ab, ab_scale);
    t.total = t.regression;
  } else if (loss == "ce") {
    t.classification = classification(logits, gt_ab, centers, class_weights);
    t.total = t.classification;
  } else {  // hybrid
    t.regression = regression("huber", pred_ab, gt_ab, ab_scale);
    t.classification = classification(logits, gt_ab, centers, class_weights);
    t.total = t.regression + ce_weight * t.classification;
  }
  return t;
}

torch::Tensor annealed_mean(const torch::Tensor& logits, const torch::Tensor& centers, double T) {
  auto p = torch::softmax(logits / T, 1);  // (B,Q,h,w)
  auto a = (p * centers.select(1, 0).view({1, -1, 1, 1})).sum(1, true);
  auto b = (p * centers.select(1, 1).view({1, -1, 1, 1})).sum(1, true);
  return torch::cat({a, b}, 1);
}

}  // namespace tinge
