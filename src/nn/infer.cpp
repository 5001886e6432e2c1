// Inference with a trained model: the Method used by the CLI and the editor (see model.hpp).
// Pads the working image to the network's stride, runs the network, and upsamples the predicted ab
// from the network's output resolution to the working resolution guided by L.
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include "core/ab_grid.hpp"
#include "core/color.hpp"
#include "core/colour_reference.hpp"
#include "core/error.hpp"
#include "core/hints.hpp"
#include "core/metrics.hpp"
#include "core/refine.hpp"
#include "core/resample.hpp"
#include "nn/fast_forward.hpp"
#include "nn/losses.hpp"
#include "nn/mixed_precision.hpp"
#include "nn/model.hpp"
#include "nn/model_file.hpp"
#include "nn/suggest.hpp"

namespace tinge {

namespace {

constexpr double kReferenceEps = 1e-3;  // keeps the logarithms of empty bins finite
constexpr int kReferenceSteps = 8;      // of reference_bias()'s fitting: 4 to 25 score alike

int default_threads() {
  // Half the hardware threads (at least 1, at most 4): the editor's UI and the full-resolution
  // upsampling keep running beside the network. On a 2-core machine that is one thread;
  // `--threads 2` is faster there when nothing else runs (docs/experiments.md).
  const unsigned hw = std::thread::hardware_concurrency();
  return std::clamp(int(hw / 2), 1, 4);
}

torch::Tensor plane_to_tensor(const Plane& p, int64_t H, int64_t W) {
  // Replicate-pads the plane to H x W: each row copied, its last value repeated, the last row repeated.
  auto t = torch::empty({1, 1, H, W});
  float* d = t.data_ptr<float>();
  const int64_t w = std::min<int64_t>(W, p.width);
  for (int64_t y = 0; y < H; ++y) {
    const float* src = &p.v[size_t(std::min<int64_t>(y, p.height - 1)) * size_t(p.width)];
    float* row = d + y * W;
    std::memcpy(row, src, size_t(w) * sizeof(float));
    std::fill(row + w, row + W, src[p.width - 1]);
  }
  return t;
}

Plane tensor_to_plane(const torch::Tensor& t, int w, int h, float scale) {
  auto c = t.to(torch::kCPU).contiguous();
  const int64_t W = c.size(-1);
  const float* d = c.data_ptr<float>();
  Plane p(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) p.at(x, y) = d[int64_t(y) * W + x] * scale;
  return p;
}

class NetMethod final : public ModelMethod {
 public:
  NetMethod(const std::string& path, const ModelOptions& opt) : device_(torch::kCPU) {
    if (opt.device == "cuda" && !torch::cuda::is_available())
      throw ModelError("device cuda: no CUDA device is available (this build's LibTorch may be CPU only)");
    if (opt.device == "cuda" || (opt.device == "auto" && torch::cuda::is_available()))
      device_ = torch::Device(torch::kCUDA);
    torch::set_num_threads(opt.threads > 0 ? opt.threads : default_threads());
    lm_ = load_model_file(path, device_);
    lm_.net->eval();
    // bf16 arithmetic where the CPU has it: on every third val photo within 0.01 dB of float32 at
    // every hint count, and the hint update 3x faster (docs/experiments.md, Fine-tuning on a CPU). The
    // option, else auto.
    bf16_ = resolve_precision(opt.precision.empty() ? "auto" : opt.precision, device_) == "bf16";
    if (device_.is_cpu()) {
      // Channels-last weights, and for tinge-unet-v1 BatchNorm folded once, the weights packed for
      // oneDNN in float32 or converted once in bf16.
      fast_ = prepare_cpu_inference(lm_.net, bf16_);
    }
    meta_text_ = lm_.meta.dump();
    grid_ = AbGrid(lm_.meta.at("ab_bins").get<std::vector<int>>());
    std::vector<float> c;
    for (int q = 0; q < grid_.size(); ++q) {
      auto cc = grid_.center(q);
      c.push_back(cc[0]);
      c.push_back(cc[1]);
    }
    centers_ = torch::from_blob(c.data(), {grid_.size(), 2}).clone().to(device_);
    // Decoding: the option, else what the model file says (with its blend weight and temperature).
    decode_ = opt.decode.empty() ? lm_.meta.value("decode", std::string("regression")) : opt.decode;
    blend_ = lm_.meta.value("blend", 0.5);
    if (decode_ != "regression" && decode_ != "annealed" && decode_ != "blend")
      throw UsageError("unknown decoding '" + decode_ + "' (blend, regression, annealed)");
    temperature_ = lm_.meta.value("temperature", 0.38);
    short_side_ = lm_.meta.value("working_short_side", 256);
    // The classification loss weighted each pixel by 1 / ((1 - lambda) prior + lambda / Q) of its
    // colour (class rebalancing), which skews the distribution towards rare, saturated colours by
    // that weight: vivid for the annealed mean, but suggestions should rank colours by how likely
    // they are, so suggest() multiplies it back out. On every third val photo with no hints this
    // raised the share of points whose colour is the first suggestion from 0.38 to 0.55 (within
    // 10 ab units; 0.66 -> 0.75 in the first three). Models without the prior are left as they are.
    if (lm_.meta.contains("ab_prior") && lm_.meta["ab_prior"].is_array() &&
        int(lm_.meta["ab_prior"].size()) == grid_.size()) {
      prior_ = lm_.meta["ab_prior"].get<std::vector<float>>();
      lambda_ = lm_.meta.value("rebalance_lambda", 0.5f);
    }
    name_ = "model:" + std::filesystem::path(path).filename().string();
  }

  std::string name() const override { return name_; }
  int working_short_side() const override { return short_side_; }
  const std::string& metadata_json() const override { return meta_text_; }

  AbPrediction predict(const Plane& L, const HintPlanes& hints) override { return predict(L, hints, false); }
  // A draft sees Levin's propagation on a grid of a quarter of its short side (as in training), not
  // of the working image's: at the editor's preview size (short side 128) a sixteenth of the solve.
  AbPrediction predict_draft(const Plane& L, const HintPlanes& hints) override {
    return predict(L, hints, true);
  }
  AbPrediction predict(const Plane& L, const HintPlanes& hints, bool draft) {
    std::lock_guard<std::mutex> lock(mu_);
    forward(L, hints, draft);
    // What hints leave open: all of it with none, a quarter with one, fading fast.
    const double open = 1.0 / ((1.0 + hints.count) * (1.0 + hints.count));
    AbPrediction r = decode(L, open);
    // A reference photo also sets how colourful the result is: the annealed mean of a spread
    // distribution is paler than any of its colours (docs/experiments.md).
    if (reference_hist_.defined() && reference_colourfulness_ > 0) match_colourfulness(L, r, open);
    return r;
  }

  std::vector<Suggestion> suggest(const Plane& L, const HintPlanes& hints, float x, float y, int k) override {
    std::lock_guard<std::mutex> lock(mu_);
    forward(L, hints);
    const torch::Tensor& p = probabilities();
    const int64_t Q = p.size(1), h4 = p.size(2), w4 = p.size(3);
    // Bilinear blend of the distributions at the four nearest 1/4-resolution cells.
    const float fx = std::clamp(x / 4.f - 0.5f, 0.f, float(w4 - 1)),
                fy = std::clamp(y / 4.f - 0.5f, 0.f, float(h4 - 1));
    const int64_t x0 = int64_t(fx), y0 = int64_t(fy), x1 = std::min(x0 + 1, w4 - 1),
                  y1 = std::min(y0 + 1, h4 - 1);
    const float tx = fx - float(x0), ty = fy - float(y0);
    const float* d = p.data_ptr<float>();
    auto at = [&](int64_t q, int64_t yy, int64_t xx) { return d[(q * h4 + yy) * w4 + xx]; };
    std::vector<float> prob(static_cast<size_t>(Q));
    for (int64_t q = 0; q < Q; ++q)
      prob[size_t(q)] = at(q, y0, x0) * (1 - tx) * (1 - ty) + at(q, y0, x1) * tx * (1 - ty) +
                        at(q, y1, x0) * (1 - tx) * ty + at(q, y1, x1) * tx * ty;
    unbias_distribution(prob, prior_, lambda_);  // how likely each colour is (see constructor)
    const int px = std::clamp(int(x), 0, L.width - 1), py = std::clamp(int(y), 0, L.height - 1);
    return suggest_from_distribution(grid_, prob, L.at(px, py), k);
  }

  Plane colour_spread(const Plane& L, const HintPlanes& hints, const AbPrediction* around) override {
    std::lock_guard<std::mutex> lock(mu_);
    forward(L, hints);
    const torch::Tensor& p = probabilities();
    const int64_t Q = p.size(1), h4 = p.size(2), w4 = p.size(3);
    const int cw = int(std::min<int64_t>(w4, (L.width + 3) / 4)),
              ch = int(std::min<int64_t>(h4, (L.height + 3) / 4));
    // Moments of every cell's distribution after undoing the rebalancing (as unbias_distribution
    // does: bin q weighted by (1 - lambda) prior[q] + lambda / Q, then renormalised), gathered bin by
    // bin over whole planes, which reads the probabilities in memory order.
    const size_t n = size_t(cw) * size_t(ch);
    std::vector<float> s0(n, 0.f), sa(n, 0.f), sb(n, 0.f), s2(n, 0.f);
    const bool unbias = int64_t(prior_.size()) == Q;
    const float* d = p.data_ptr<float>();
    for (int64_t q = 0; q < Q; ++q) {
      const float w = unbias ? (1.f - lambda_) * prior_[size_t(q)] + lambda_ / float(Q) : 1.f;
      const bool binned = q < grid_.size();
      const auto c = binned ? grid_.center(int(q)) : std::array<float, 2>{0.f, 0.f};
      const float c2 = c[0] * c[0] + c[1] * c[1];
      const float* plane = d + q * h4 * w4;
      for (int y = 0; y < ch; ++y)
        for (int x = 0; x < cw; ++x) {
          const size_t i = size_t(y) * size_t(cw) + size_t(x);
          const float v = plane[y * w4 + x] * w;
          s0[i] += v;
          if (!binned) continue;
          sa[i] += v * c[0];
          sb[i] += v * c[1];
          s2[i] += v * c2;
        }
    }
    Plane spread(cw, ch);
    for (int y = 0; y < ch; ++y)
      for (int x = 0; x < cw; ++x) {
        const size_t i = size_t(y) * size_t(cw) + size_t(x);
        const double inv = s0[i] > 0 ? 1.0 / s0[i] : 0.0;
        const double ma = sa[i] * inv, mb = sb[i] * inv, m2 = s2[i] * inv;
        // About the mean, or about the decoded colour (the cell's mean of `around`): E|c - d|^2.
        double ca = ma, cb = mb;
        if (around) cell_mean(*around, x, y, ca, cb);
        spread.at(x, y) = float(std::sqrt(std::max(0.0, m2 - 2 * (ma * ca + mb * cb) + ca * ca + cb * cb)));
      }
    return spread;
  }

  void set_reference(const ColourReference* ref) override {
    std::lock_guard<std::mutex> lock(mu_);
    memo_prob_ = memo_bias_ = torch::Tensor();  // the probabilities change with it
    if (!ref || !ref->active()) {
      reference_hist_ = torch::Tensor();
      reference_strength_ = reference_colourfulness_ = 0;
      return;
    }
    if (int(ref->histogram.size()) != grid_.size())
      throw ModelError("the colour reference has " + std::to_string(ref->histogram.size()) +
                       " ab bins, the model " + std::to_string(grid_.size()));
    reference_hist_ = torch::tensor(ref->histogram);
    reference_strength_ = ref->strength;
    reference_colourfulness_ = ref->colourfulness;
  }

 private:
  const NetConfig& cfg() const { return lm_.net->cfg; }  // architecture and scaling, from the model file

  // The network's output for (L, hints), computed once: a preview, the suggestions at a point and
  // the colour spread for the same hints share one forward pass (the editor asks for all three).
  // The class head runs when its logits are first asked for (a preview with many hints decodes the
  // regression alone).
  void forward(const Plane& L, const HintPlanes& hints, bool draft = false) {
    const uint64_t key = input_key(L, hints) ^ (draft ? 0x9e3779b97f4a7c15ull : 0ull);
    if (!memo_valid_ || key != memo_key_) {
      memo_valid_ = false;  // stays so if run() throws
      memo_out_ = run(L, hints, draft);
      memo_prob_ = torch::Tensor();
      memo_bias_ = torch::Tensor();
      memo_key_ = key;
      memo_valid_ = true;
    }
  }
  const torch::Tensor& logits() {
    if (!memo_out_.logits.defined()) {
      torch::InferenceMode guard;
      Bf16Autocast autocast(device_, bf16_);
      memo_out_.logits = fast_->class_logits(memo_features_).to(torch::kFloat);
    }
    return memo_out_.logits;
  }
  // Softmax of the memoised logits, on the CPU (computed on first use).
  const torch::Tensor& probabilities() {
    if (!memo_prob_.defined()) memo_prob_ = torch::softmax(steered(logits()), 1).to(torch::kCPU).contiguous();
    return memo_prob_;
  }
  AbPrediction decode(const Plane& L, double open) {
    const NetOutput& out = memo_out_;
    if (decode_ == "annealed")  // the distribution is at 1/4 in every architecture
      return upsample(annealed_mean(steered(logits()), centers_, temperature_), L, 4, 1.f);
    // The share of the distribution's annealed mean beside the regression: blend / (1 + hints)^2
    // (without hints the vivid distribution matters most; hints take over fast), and a reference's
    // pull on top of it, min(1, strength) of the regression's share with no hints, fading alike.
    double alpha = decode_ == "blend" ? blend_ * open : 0.0;
    if (reference_hist_.defined()) alpha += (1.0 - alpha) * std::min(1.0, reference_strength_) * open;
    // Below 1 % the distribution's pull moves ab by well under one unit: skip its softmax (~10 ms).
    if (alpha < 0.01) return upsample(out.ab, L, int(lm_.net->ab_stride()), float(cfg().norm.ab_scale));
    auto ann =
        torch::nn::functional::interpolate(annealed_mean(steered(logits()), centers_, temperature_),
                                           torch::nn::functional::InterpolateFuncOptions()
                                               .size(std::vector<int64_t>{out.ab.size(2), out.ab.size(3)})
                                               .mode(torch::kBilinear)
                                               .align_corners(false));
    auto ab = (1.0 - alpha) * out.ab * cfg().norm.ab_scale + alpha * ann;
    return upsample(ab, L, int(lm_.net->ab_stride()), 1.f);
  }
  // Scales the chroma so that the result's colourfulness (metrics.hpp) moves the `open` share of
  // the way to the reference's (three steps: gamut clipping makes it not quite linear).
  void match_colourfulness(const Plane& L, AbPrediction& r, double open) const {
    for (int step = 0; step < 3; ++step) {
      const double now = colorfulness(lab_planes_to_srgb8(L, r.a, r.b));
      const double f =
          1.0 + open * (std::clamp(reference_colourfulness_ / std::max(now, 1e-3), 0.5, 3.0) - 1.0);
      if (std::abs(f - 1.0) < 0.01) break;
      for (float& v : r.a.v) v = float(v * f);
      for (float& v : r.b.v) v = float(v * f);
    }
  }
  // The logits of the distribution steered by the reference: p'(c|x) ~ p(c|x) w(c)^strength.
  torch::Tensor steered(const torch::Tensor& logits) {
    if (!reference_hist_.defined()) return logits;
    return logits + reference_strength_ * reference_bias(logits).to(logits.device());
  }
  // log w: per-bin weights that make the photo's predicted colours, averaged over its pixels (every
  // other one in each direction), match the reference's histogram (a few steps of iterative
  // proportional fitting). Colours the reference holds more of than the network predicts gain,
  // colours it lacks lose, wherever in the photo the network finds them plausible. Memoised with
  // the forward pass.
  const torch::Tensor& reference_bias(const torch::Tensor& logits) {
    if (memo_bias_.defined()) return memo_bias_;
    torch::NoGradGuard ng;
    using torch::indexing::None;
    using torch::indexing::Slice;
    const int64_t Q = logits.size(1);
    const auto l = logits.to(torch::kCPU, torch::kFloat)
                       .index({0, Slice(), Slice(None, None, 2), Slice(None, None, 2)})
                       .reshape({Q, -1});
    const auto target = torch::log(reference_hist_.reshape({Q, 1}) + kReferenceEps);
    auto logw = torch::zeros({Q, 1});
    for (int step = 0; step < kReferenceSteps; ++step)
      logw += target - torch::log(torch::softmax(l + logw, 0).mean(1, true) + kReferenceEps);
    memo_bias_ = logw.reshape({1, Q, 1, 1});
    return memo_bias_;
  }
  static uint64_t input_key(const Plane& L, const HintPlanes& h) {
    // FNV-1a over the sizes and every value, two floats at a time (a 341 x 256 input hashes in
    // about 0.2 ms; byte by byte it took 1.5, and the editor asks five times per update).
    uint64_t k = 1469598103934665603ull;
    auto mix = [&k](uint64_t w) { k = (k ^ w) * 1099511628211ull; };
    mix(uint64_t(uint32_t(L.width)) << 32 | uint32_t(L.height));
    mix(uint64_t(uint32_t(h.mask.width)) << 32 | uint32_t(h.count));
    for (const Plane* p : {&L, &h.a, &h.b, &h.mask}) {
      const size_t n = p->v.size();
      mix(n);
      for (size_t i = 0; i + 1 < n; i += 2) {
        uint64_t w = 0;
        std::memcpy(&w, &p->v[i], sizeof w);
        mix(w);
      }
      if (n % 2) {
        uint32_t last = 0;
        std::memcpy(&last, &p->v[n - 1], sizeof last);
        mix(last);
      }
    }
    return k;
  }
  // The mean of `ab` over working pixels [4x, 4x + 4) x [4y, 4y + 4) (clipped to the plane).
  static void cell_mean(const AbPrediction& ab, int x, int y, double& a, double& b) {
    double sa = 0, sb = 0;
    int n = 0;
    for (int yy = 4 * y; yy < std::min(4 * y + 4, ab.a.height); ++yy)
      for (int xx = 4 * x; xx < std::min(4 * x + 4, ab.a.width); ++xx, ++n) {
        sa += ab.a.at(xx, yy);
        sb += ab.b.at(xx, yy);
      }
    if (n) a = sa / n, b = sb / n;
  }

  NetOutput run(const Plane& L, const HintPlanes& hints, bool draft) {
    check_hints_match(L, hints, "network");
    const int64_t s = cfg().stride, H = (L.height + s - 1) / s * s, W = (L.width + s - 1) / s * s;
    torch::InferenceMode guard;
    auto Lt = plane_to_tensor(L, H, W);
    auto at = torch::zeros({1, 1, H, W}), bt = torch::zeros({1, 1, H, W}), mt = torch::zeros({1, 1, H, W});
    for (auto [t, plane] :
         {std::pair{&at, &hints.a}, std::pair{&bt, &hints.b}, std::pair{&mt, &hints.mask}}) {
      float* d = t->data_ptr<float>();
      for (int y = 0; y < L.height; ++y)
        std::memcpy(d + size_t(y) * size_t(W), &plane->v[size_t(y) * size_t(L.width)],
                    size_t(L.width) * sizeof(float));
    }
    torch::Tensor lev;
    if (lm_.net->cfg.levin_input) {  // Levin's propagation of the hints, edge-padded like L
      Plane la, lb;
      LevinCoarseOptions grid;
      if (draft) grid.grid_short_side = draft_levin_grid(L.width, L.height);
      levin_coarse(L, hints, la, lb, grid);
      lev = torch::cat({plane_to_tensor(la, H, W), plane_to_tensor(lb, H, W)}, 1);
    }
    auto in = make_input(Lt, torch::cat({at, bt}, 1), mt, cfg(), lev).to(device_);
    if (device_.is_cpu()) in = in.contiguous(torch::MemoryFormat::ChannelsLast);
    NetOutput o;
    {
      Bf16Autocast autocast(device_, bf16_);
      memo_features_ = torch::Tensor();
      o = fast_ ? fast_->forward(in, &memo_features_) : lm_.net->forward(in);
    }
    o.ab = o.ab.to(torch::kFloat);
    if (o.logits.defined()) o.logits = o.logits.to(torch::kFloat);
    return o;
  }

  AbPrediction upsample(const torch::Tensor& ab, const Plane& L, int factor, float scale) {
    const int lw = (L.width + factor - 1) / factor, lh = (L.height + factor - 1) / factor;
    AbPrediction r;
    Plane a_low = tensor_to_plane(ab.index({0, 0}), lw, lh, scale);
    Plane b_low = tensor_to_plane(ab.index({0, 1}), lw, lh, scale);
    if (factor == 1) {  // already at working resolution
      r.a = std::move(a_low);
      r.b = std::move(b_low);
      return r;
    }
    // Low-resolution cell i covers working pixels [i f, (i + 1) f) of the network's edge-padded
    // input: when W or H is not a multiple of f, guide with L padded the same way, then crop, so the
    // colour stays registered (spreading lw cells evenly over W shifted it up to f - 1 pixels).
    const int pw = lw * factor, ph = lh * factor;
    if (pw == L.width && ph == L.height) {
      guided_upsample_ab(resize_area(L, lw, lh), a_low, b_low, L, r.a, r.b);
      return r;
    }
    Plane L_pad(pw, ph), a_pad, b_pad;
    for (int y = 0; y < ph; ++y)
      for (int x = 0; x < pw; ++x) L_pad.at(x, y) = L.at(std::min(x, L.width - 1), std::min(y, L.height - 1));
    guided_upsample_ab(resize_area(L_pad, lw, lh), a_low, b_low, L_pad, a_pad, b_pad);
    r.a = Plane(L.width, L.height);
    r.b = Plane(L.width, L.height);
    for (int y = 0; y < L.height; ++y)
      for (int x = 0; x < L.width; ++x) {
        r.a.at(x, y) = a_pad.at(x, y);
        r.b.at(x, y) = b_pad.at(x, y);
      }
    return r;
  }

  std::mutex mu_;
  torch::Device device_;
  LoadedModel lm_;
  std::unique_ptr<FastUnet> fast_;
  std::string meta_text_, decode_, name_;
  AbGrid grid_;
  torch::Tensor centers_;
  double temperature_ = 0.38, blend_ = 0.5;
  bool bf16_ = false;             // network arithmetic in bf16 (autocast)
  std::vector<float> prior_;      // the training photos' ab prior (empty: suggestions as predicted)
  torch::Tensor reference_hist_;  // the reference's histogram over the bins, [Q]; undefined: none
  double reference_strength_ = 0;
  double reference_colourfulness_ = 0;  // the reference's colourfulness (0: not matched)
  bool memo_valid_ = false;             // forward()'s memo: the last input's key, output and probabilities
  uint64_t memo_key_ = 0;
  NetOutput memo_out_;
  torch::Tensor memo_features_;  // the class head's input while memo_out_.logits is undefined
  torch::Tensor memo_prob_;
  torch::Tensor memo_bias_;  // reference_bias() for the memoised output
  float lambda_ = 0.5f;      // its rebalancing lambda
  int short_side_ = 256;
};

}  // namespace

std::unique_ptr<ModelMethod> load_model(const std::string& path, const ModelOptions& opt) {
  if (path.empty()) throw ModelError("no model file given and no bundled model found");
  return std::make_unique<NetMethod>(path, opt);
}

}  // namespace tinge
