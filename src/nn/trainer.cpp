// The training loop of `tinge train` (see trainer.hpp).
#include "nn/trainer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/ab_grid.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "nn/ab_prior.hpp"
#include "nn/batch_queue.hpp"
#include "nn/losses.hpp"
#include "nn/mixed_precision.hpp"

namespace tinge {
namespace {

namespace fs = std::filesystem;

// Warm-up, then cosine decay to 2% over the run. `f` is the fraction of the run done: by steps, or
// with a time budget by time when that is further along (so a time-boxed run still ends at a low rate).
double lr_at(const TrainOptions& o, int64_t step, double f) {
  const int64_t warm = std::max<int64_t>(1, std::min<int64_t>(200, o.steps / 10));
  const double w = std::min(1.0, double(step + 1) / double(warm));
  f = std::min(1.0, f);
  return o.lr * w * (0.02 + 0.98 * 0.5 * (1 + std::cos(M_PI * f)));
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Batch-making threads: as asked, else one on the CPU (the network takes the cores) and up to 14
// feeding a GPU.
int batch_workers(const TrainOptions& o, const torch::Device& device) {
  if (o.workers > 0) return o.workers;
  const int hc = int(std::max(2u, std::thread::hardware_concurrency()));
  return device.is_cuda() ? std::min(14, hc - 2) : 1;
}

// Batches queued ahead: up to 8, fewer when they are large (about 1 GB in all, at least 2).
int queue_depth(const TrainOptions& o, bool levin_input) {
  const double batch_bytes =
      double(o.batch) * double(o.crop) * double(o.crop) * (levin_input ? 8 : 6) * sizeof(float);
  return int(std::clamp(double(1 << 30) / batch_bytes, 2.0, 8.0));
}

torch::Tensor to_device(std::vector<float>& v, std::vector<int64_t> shape, const torch::Device& device) {
  return torch::from_blob(v.data(), shape).to(device);
}

}  // namespace

// The log's running sums over the steps since the last row, kept on the device so the loop does
// not wait for it.
struct Trainer::Batchwise {
  int64_t steps = 0;
  torch::Tensor total, regression, classification;
  Clock::time_point start;
  Batchwise(const TrainWindow& w, const torch::Device& device, Clock::time_point t0) {
    total = torch::zeros({}, torch::TensorOptions().device(device));
    regression = total.clone();
    classification = total.clone();
    if (w.steps > 0) {
      steps = w.steps;
      total.fill_(w.total);
      regression.fill_(w.regression);
      classification.fill_(w.classification);
    }
    start = t0 - std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(w.seconds));
  }
  void add(const LossTerms& t) {
    ++steps;
    total += t.total.detach();
    regression += t.regression.detach();
    classification += t.classification.detach();
  }
  TrainWindow window() const {
    return {steps, total.item<double>(), regression.item<double>(), classification.item<double>(),
            std::chrono::duration<double>(Clock::now() - start).count()};
  }
  void reset(Clock::time_point now) {
    total.zero_();
    regression.zero_();
    classification.zero_();
    steps = 0;
    start = now;
  }
};

Trainer::Trainer(const TrainOptions& opt, TrainCallbacks callbacks)
    : asked_(opt), opt_(opt), cb_(std::move(callbacks)) {}

void Trainer::say(const std::string& line) const {
  if (cb_.message && (!dp_ || dp_->root())) cb_.message(line);
}

// Fails now, not after hours of training, on options it cannot honour and on a model that cannot
// be written where asked (or would replace an earlier run's unasked).
void Trainer::check_request() const {
  const TrainOptions& o = asked_;
  if (!is_known_loss(o.loss)) throw UsageError("unknown loss '" + o.loss + "' (l2, l1, huber, ce, hybrid)");
  if (o.batch < 1 || o.crop < 32 || o.crop % 16 != 0)
    throw UsageError("batch must be >= 1 and crop a multiple of 16 (>= 32)");
  if (o.steps < 0) throw UsageError("the number of steps must be positive");
  if (o.dist.rank != 0) return;  // writes nothing
  check_output_file("model file", o.out);
  std::error_code ec;
  const fs::path dir = fs::absolute(o.out, ec).parent_path();
  if (::access(dir.c_str(), W_OK) != 0)
    throw Error("model file " + o.out + ": cannot write in folder " + dir.string());
  if (!o.resume && !o.force)
    for (const std::string& f : {o.out + ".ckpt", o.out})
      if (fs::exists(f, ec))
        throw TrainRequestError(TrainRequestError::Reason::kOutputExists, f,
                                f + " exists: resuming continues that run; forcing starts a new one over it");
}

// A data-parallel run meets its other ranks (nothing to do in a run of one process).
void Trainer::connect() {
  dp_ = std::make_unique<DataParallel>(opt_.dist, device_);
}

void Trainer::choose_device() {
  if (opt_.device == "cuda" || (opt_.device == "auto" && torch::cuda::is_available())) {
    if (!torch::cuda::is_available())
      throw TrainRequestError(TrainRequestError::Reason::kNoCuda, "cuda", "no CUDA device is available");
    const int index = opt_.dist.world_size > 1 ? opt_.dist.local_rank : 0;
    if (index >= int(torch::cuda::device_count()))
      throw UsageError("local rank " + std::to_string(index) + ": the local machine has " +
                       std::to_string(torch::cuda::device_count()) + " CUDA device(s)");
    device_ = torch::Device(torch::kCUDA, int8_t(index));
    at::globalContext().setBenchmarkCuDNN(true);
  } else if (opt_.device != "cpu" && opt_.device != "auto") {
    throw UsageError("unknown device '" + opt_.device + "' (auto, cpu, cuda)");
  }
  torch::set_num_threads(opt_.threads > 0 ? opt_.threads : 1);
  torch::manual_seed(opt_.seed);
}

// On resume the recipe comes from the checkpoint so the run continues exactly; an explicit length,
// time budget, photo count or precision is honoured (a precision other than the run's with a note).
void Trainer::settle_options() {
  std::string note;
  if (asked_.resume) {
    const std::string ckpt = asked_.out + ".ckpt";
    resumed_ = load_model_file(ckpt, device_);
    resumed_state_ = TrainState::load_from(resumed_.meta, ckpt);
    const TrainState& s = resumed_state_;
    s.apply_recipe(opt_);
    if (!asked_.precision.empty() && resolve_precision(asked_.precision, device_) != s.precision)
      note = "note: the run was in " + s.precision + "; it continues in " +
             resolve_precision(asked_.precision, device_) + " (not exactly as it would have)";
    else
      opt_.precision = s.precision;
    if (asked_.steps == 0) opt_.steps = s.steps;
    if (asked_.minutes < 0) opt_.minutes = s.minutes;
    if (asked_.max_images == 0) opt_.max_images = s.max_images;
    try {
      opt_.widths = resumed_.meta.at("widths").get<std::vector<int64_t>>();
    } catch (const nlohmann::json::exception& e) {
      throw ModelError(ckpt + ": unreadable widths (" + std::string(e.what()) + ")");
    }
  }
  if (asked_.resume && asked_.data_shards > 0 && asked_.data_shards != opt_.data_shards)
    throw UsageError("data shards: the run has " + std::to_string(opt_.data_shards) +
                     " (a resumed run keeps its shards; any number of ranks up to that resumes it)");
  if (opt_.data_shards == 0) opt_.data_shards = dp_->world();
  if (opt_.data_shards < dp_->world())
    throw UsageError("world size " + std::to_string(dp_->world()) + " is more than the run's " +
                     std::to_string(opt_.data_shards) + " data shard(s): each rank needs one");
  if (opt_.batch % opt_.data_shards != 0)
    throw UsageError("batch " + std::to_string(opt_.batch) + " does not split into " +
                     std::to_string(opt_.data_shards) + " data shards (make it a multiple)");
  if (opt_.steps == 0) opt_.steps = 2000;
  if (opt_.minutes < 0) opt_.minutes = 0;  // no time limit
  // Not given: float32 (on resume, the run's). bf16 training is opt-in (`bf16`, or `auto` for bf16
  // where the CPU has bf16 instructions): twice as fast on such a CPU, but two full bf16 fine-tunes
  // of the shipped model came out worse where float32 ones of the same recipe helped (docs/experiments.md,
  // Fine-tuning on a CPU).
  opt_.precision = resolve_precision(opt_.precision.empty() ? "fp32" : opt_.precision, device_);
  if (opt_.log_csv.empty()) opt_.log_csv = opt_.out + ".log.csv";
  if (opt_.plot_svg.empty()) opt_.plot_svg = opt_.out + ".loss.svg";
  const int64_t start = resumed_state_.step;
  if (opt_.stop_at > 0 && opt_.stop_at <= start)
    throw TrainRequestError(TrainRequestError::Reason::kStopAtPassed, std::to_string(start),
                            "cannot stop at step " + std::to_string(opt_.stop_at) +
                                ": the checkpoint is already at step " + std::to_string(start));
  if (!note.empty()) say(note);
}

// This rank's data shards of the photos, and what the run trains on in all.
void Trainer::load_data() {
  DatasetOptions dopt;
  dopt.max_short_side = std::max(256, opt_.crop);
  dopt.min_short_side = opt_.crop;
  dopt.max_images = opt_.max_images;
  say("loading " + opt_.data);
  const std::string who = dp_->root() ? "" : "rank " + std::to_string(dp_->rank()) + ": ";
  photos_ = load_train_photos(
      opt_.data, dopt, opt_.data_shards, dp_->owned_shards(opt_.data_shards),
      [&](const std::string& text) { return dp_->gather(text); },
      [&](const std::string& w) {
        if (cb_.message) cb_.message(who + w);
      });
  identity_ = photos_.identity;
  const std::string& was = resumed_state_.data_identity;
  if (!was.empty() && was != identity_) {
    const std::string ckpt = asked_.out + ".ckpt";
    throw TrainRequestError(TrainRequestError::Reason::kOtherPhotos, ckpt,
                            ckpt + " was trained on other photos than the " + std::to_string(photos_.images) +
                                " of " + opt_.data);
  }
}

// The training photos' ab prior (the checkpoint's on resume), which rebalances the classification.
void Trainer::make_prior() {
  const AbGrid grid;
  if (!asked_.resume && photos_.shards.size() == 1 && !dp_->distributed()) {
    prior_ = empirical_ab_prior(photos_.shards[0], grid);
    return;
  }
  if (!asked_.resume) {  // the counts of every shard of every rank, then the prior
    prior_ = prior_from_counts(dp_->sum(ab_bin_counts(photos_.shards)), grid);
    return;
  }
  try {
    prior_ = resumed_.meta.at("ab_prior").get<std::vector<float>>();
  } catch (const nlohmann::json::exception&) {
    prior_.clear();
  }
  if (int(prior_.size()) != grid.size())
    throw ModelError(asked_.out + ".ckpt: ab_prior has " + std::to_string(prior_.size()) +
                     " values, the bin grid " + std::to_string(grid.size()));
}

void Trainer::make_net() {
  NetConfig cfg;
  cfg.widths = opt_.widths;
  cfg.bins = AbGrid().size();
  cfg.levin_input = opt_.levin_input;
  if (asked_.resume) {
    net_ = as_unet(resumed_, "the checkpoint");
  } else if (!opt_.init.empty()) {
    auto lm = load_model_file(opt_.init, device_);
    net_ = as_unet(lm, opt_.init);
    if (net_->cfg.bins != cfg.bins) throw ModelError(opt_.init + " has a different ab bin grid");
    if (opt_.levin_input && !net_->cfg.levin_input) net_ = with_levin_input(net_);
    opt_.widths = net_->cfg.widths;
    init_from_ = lm.meta.value("training", nlohmann::json::object());
  } else {
    net_ = ColorNet(cfg);
    net_->to(device_);
  }
  net_->train();
  adam_ = std::make_unique<Adam>(*net_);
  if (asked_.resume) adam_->load(resumed_.extra, resumed_state_.step);
  if (dp_->distributed()) {  // every rank starts from rank 0's weights and moments
    std::vector<torch::Tensor> moments;
    for (const auto& kv : adam_->state()) moments.push_back(kv.second);
    dp_->broadcast_from_root(*net_, moments);
  }
}

Checkpointer Trainer::make_checkpointer() const {
  const NetConfig& cfg = net_->cfg;
  const AbGrid grid;
  nlohmann::json meta;
  if (!init_from_.is_null()) meta["init_from"] = init_from_;
  meta["arch"] = cfg.arch;
  meta["widths"] = cfg.widths;
  if (cfg.levin_input) meta["levin_input"] = true;
  meta["ab_bins"] = grid.cells();
  meta["ab_grid"] = {{"step", AbGrid::kStep}, {"min", AbGrid::kMin}, {"side", AbGrid::kSide}};
  meta["normalisation"] = {
      {"L_center", cfg.norm.L_center}, {"L_scale", cfg.norm.L_scale}, {"ab_scale", cfg.norm.ab_scale}};
  meta["ab_prior"] = prior_;
  meta["rebalance_lambda"] = 0.5;
  // ce decodes by the annealed mean; hybrid blends regression with it (fewer hints, more colour).
  meta["decode"] = opt_.loss == "ce" ? "annealed" : (opt_.loss == "hybrid" ? "blend" : "regression");
  meta["blend"] = 0.4;
  meta["temperature"] = 0.38;
  meta["stride"] = cfg.stride;
  meta["working_short_side"] = 256;
  nlohmann::json training = {{"data", opt_.data},
                             {"images", photos_.images},
                             {"sources", photos_.sources},
                             {"loss", opt_.loss},
                             {"ce_weight", opt_.ce_weight},
                             {"batch", opt_.batch},
                             {"crop", opt_.crop},
                             {"lr", opt_.lr},
                             {"seed", opt_.seed},
                             {"degrade", opt_.degrade},
                             {"shapes", opt_.shapes},
                             {"precision", opt_.precision},
                             {"steps", opt_.steps},
                             {"device", device_.is_cuda() ? "cuda" : "cpu"},
                             {"tinge_version", TINGE_VERSION},
                             {"libtorch", TORCH_VERSION}};
  if (opt_.data_shards > 1) training["data_shards"] = opt_.data_shards;
  if (dp_->distributed()) training["ranks"] = dp_->world();
  CheckpointPaths paths{opt_.out, opt_.out + ".ckpt", opt_.log_csv, opt_.plot_svg};
  return Checkpointer(paths, meta, training, "tinge train: " + opt_.loss + " loss");
}

// One clock for the log, the checkpoint and the time budget: the run's wall time, saves included,
// across resumes.
double Trainer::run_seconds() const {
  return resumed_state_.elapsed_s + std::chrono::duration<double>(Clock::now() - t0_).count();
}

// How far along the schedule is: by steps, or by the whole run's time when that is further.
double Trainer::schedule_fraction(int64_t step) const {
  double frac = double(step) / double(opt_.steps);
  if (opt_.minutes > 0) frac = std::max(frac, run_seconds() / (opt_.minutes * 60));
  return frac;
}

TrainState Trainer::state_at(int64_t step, const TrainWindow& window) const {
  TrainState s = TrainState::of(opt_);
  s.data_identity = identity_;
  s.step = step;
  s.elapsed_s = run_seconds();
  s.window = window;
  return s;
}

// The loss's bin centres and class weights (the rebalancing of the prior), on the device.
void Trainer::make_loss_tensors() {
  const AbGrid grid;
  std::vector<float> centers, weights = rebalancing_weights(prior_, 0.5);
  for (int q = 0; q < grid.size(); ++q) {
    const auto c = grid.center(q);
    centers.push_back(c[0]);
    centers.push_back(c[1]);
  }
  centers_ = torch::from_blob(centers.data(), {grid.size(), 2}).clone().to(device_);
  class_w_ = torch::from_blob(weights.data(), {grid.size()}).clone().to(device_);
}

// Forward (in bf16 under autocast when asked), the loss in float32 and backward of `scale` times it on
// batch `b`; returns the loss terms times `scale`, detached.
LossTerms Trainer::forward_backward(Batch& b, double scale) {
  const int64_t B = b.size, S = b.side;
  const auto ab = to_device(b.ab, {B, 2, S, S}, device_);
  torch::Tensor lev;
  if (!b.levin_ab.empty()) lev = to_device(b.levin_ab, {B, 2, S, S}, device_);
  NetOutput out;
  {
    Bf16Autocast autocast(device_, opt_.precision == "bf16");
    auto x = make_input(to_device(b.L, {B, 1, S, S}, device_), to_device(b.hint_ab, {B, 2, S, S}, device_),
                        to_device(b.mask, {B, 1, S, S}, device_), net_->cfg, lev);
    if (device_.is_cpu()) x = x.contiguous(torch::MemoryFormat::ChannelsLast);  // oneDNN's layout
    out = net_->forward(x);
  }
  out.ab = out.ab.to(torch::kFloat);  // losses in float32
  out.logits = out.logits.to(torch::kFloat);
  auto terms = compute_loss(opt_.loss, opt_.ce_weight, out.ab, out.logits, ab, centers_, class_w_,
                            net_->cfg.norm.ab_scale);
  if (scale == 1.0) {
    terms.total.backward();
    return {terms.total.detach(), terms.regression.detach(), terms.classification.detach()};
  }
  (terms.total * scale).backward();
  return {terms.total.detach() * scale, terms.regression.detach() * scale,
          terms.classification.detach() * scale};
}

// One queue of batches per data shard of this rank, batch / shards samples each, from `step` on.
std::vector<std::unique_ptr<BatchQueue>> Trainer::make_queues(int64_t step) const {
  SampleOptions sopt;
  sopt.crop = opt_.crop;
  sopt.p_degrade = opt_.degrade;
  sopt.p_shapes = opt_.shapes;
  const bool levin_input = net_->cfg.levin_input;
  const int shards = opt_.data_shards;
  TrainOptions per_shard = opt_;
  per_shard.batch = opt_.batch / shards;
  std::vector<std::unique_ptr<BatchQueue>> queues;
  for (size_t k = 0; k < photos_.owned.size(); ++k)
    queues.push_back(std::make_unique<BatchQueue>(
        photos_.shards[k], sopt, per_shard.batch, shard_seed(opt_.seed, photos_.owned[k], shards), step,
        batch_workers(opt_, device_), queue_depth(per_shard, levin_input), levin_input));
  return queues;
}

// The step's gradients: forward and backward of this rank's micro-batches (one per data shard, each
// loss scaled by 1 / shards), then with several shards or ranks their sums (data_parallel.hpp) with
// the losses, the ranks' stop requests and rank 0's schedule fraction `frac`, so that every rank
// decides alike whether to take the step.
Trainer::StepSums Trainer::gradients(std::vector<std::unique_ptr<BatchQueue>>& queues, bool want_stop,
                                     double frac) {
  const int shards = opt_.data_shards;
  if (shards > 1) dp_->begin_step(*net_, shards);
  StepSums s;
  s.frac = frac;
  for (auto& q : queues) {
    Batch b = q->next();
    const LossTerms t = forward_backward(b, shards > 1 ? 1.0 / shards : 1.0);
    s.terms = s.terms.total.defined() ? LossTerms{s.terms.total + t.total, s.terms.regression + t.regression,
                                                  s.terms.classification + t.classification}
                                      : t;
    dp_->end_micro_batch(*net_);
  }
  if (shards == 1 && !dp_->distributed()) return s;
  auto f64 = torch::TensorOptions().dtype(torch::kDouble).device(device_);
  torch::Tensor sc =
      torch::cat({torch::stack({s.terms.total, s.terms.regression, s.terms.classification}).to(f64),
                  torch::tensor({want_stop ? 1.0 : 0.0, dp_->root() ? frac : 0.0}, f64)});
  dp_->finish_step(*net_, sc);
  s.terms = {sc[0].to(torch::kFloat), sc[1].to(torch::kFloat), sc[2].to(torch::kFloat)};
  if (dp_->distributed()) {
    const torch::Tensor host = sc.cpu();
    s.stop = host[3].item<double>() > 0;
    if (opt_.minutes > 0) s.frac = host[4].item<double>();
  }
  return s;
}

// Gradient clipping and Adam at `lr`.
void Trainer::update(double lr) {
  torch::nn::utils::clip_grad_norm_(net_->parameters(), 5.0);
  adam_->step(lr);
}

// The log row of the window in `acc` (which it empties), after `step` steps at `lr` of batches of
// `batch`; throws when the loss is no longer finite.
TrainLogRow Trainer::log_row(int64_t step, double lr, int64_t batch, Batchwise& acc) {
  const auto now = Clock::now();
  const double win = std::chrono::duration<double>(now - acc.start).count();
  TrainLogRow r;
  r.step = step;
  r.loss = acc.total.item<double>() / double(acc.steps);
  r.regression = acc.regression.item<double>() / double(acc.steps);
  r.classification = acc.classification.item<double>() / double(acc.steps);
  r.lr = lr;
  r.images_per_s = win > 0 ? double(acc.steps * batch) / win : 0;
  r.elapsed_s = run_seconds();
  if (!std::isfinite(r.loss))
    throw Error("training diverged (loss is " + std::to_string(r.loss) + ") at step " + std::to_string(step));
  acc.reset(now);
  return r;
}

TrainResult Trainer::loop(const Checkpointer& files) {
  int64_t step = resumed_state_.step;
  if (asked_.resume && dp_->root()) rows_ = parse_csv(read_text(opt_.log_csv));
  while (!rows_.empty() && rows_.back().step > step) rows_.pop_back();
  t0_ = Clock::now();
  Batchwise acc(resumed_state_.window, device_, t0_);
  const int shards = opt_.data_shards;
  std::vector<std::unique_ptr<BatchQueue>> queues = make_queues(step);
  int64_t params = 0;
  for (const auto& p : net_->parameters()) params += p.numel();
  say(std::to_string(photos_.images) + " photos, " + std::to_string(AbGrid().size()) + " ab bins, loss " +
      opt_.loss + ", " + std::to_string(opt_.steps) + " steps of " + std::to_string(opt_.batch) + " x " +
      std::to_string(opt_.crop) + "^2 on " + (device_.is_cuda() ? "cuda" : "cpu") + " (" + opt_.precision +
      "), params " + std::to_string(params) +
      (shards > 1 ? ", " + std::to_string(shards) + " data shards" : "") +
      (dp_->distributed() ? " on " + std::to_string(dp_->world()) + " ranks (" + dp_->backend() + ")" : ""));

  TrainResult res;
  const int log_every = 10;
  while (step < opt_.steps) {
    const bool want_stop = cb_.should_stop && cb_.should_stop();
    double frac = schedule_fraction(step);
    if (!dp_->distributed()) {  // else decided together, below
      if (want_stop) {
        res.interrupted = true;
        break;
      }
      if (frac >= 1.0) break;
    }
    if (opt_.stop_at > 0 && step >= opt_.stop_at) break;
    const StepSums sums = gradients(queues, want_stop, frac);
    if (sums.stop) {  // not taken: the checkpoint holds the step before it
      res.interrupted = true;
      break;
    }
    if (sums.frac >= 1.0) break;
    const double lr = lr_at(opt_, step, sums.frac);
    update(lr);
    acc.add(sums.terms);
    ++step;
    if (step % log_every == 0 || step == opt_.steps) {
      const TrainLogRow r = log_row(step, lr, opt_.batch, acc);
      rows_.push_back(r);
      res.final_loss = r.loss;
      res.images_per_second = r.images_per_s;
      if (cb_.progress && dp_->root()) {
        double eta = double(opt_.steps - step) / std::max(1e-9, r.images_per_s / double(opt_.batch));
        if (opt_.minutes > 0) eta = std::min(eta, opt_.minutes * 60 - run_seconds());
        cb_.progress({r, opt_.steps, eta});
      }
    }
    if (opt_.checkpoint_every > 0 && step % opt_.checkpoint_every == 0 && step < opt_.steps) {
      if (dp_->distributed()) dp_->check_identical(*net_, step);
      if (dp_->root()) files.save_checkpoint(net_, *adam_, state_at(step, acc.window()), rows_);
    }
  }
  res.steps_done = step;
  net_->eval();
  res.weights = dp_->distributed() ? dp_->check_identical(*net_, step) : weights_checksum(*net_);
  if (dp_->root()) {
    files.save_checkpoint(net_, *adam_, state_at(step, acc.window()), rows_);
    files.save_model(net_, state_at(step, acc.window()), rows_);
  }
  return res;
}

TrainResult Trainer::run() {
  choose_device();
  connect();
  check_request();
  settle_options();
  load_data();
  make_prior();
  make_net();
  make_loss_tensors();
  const Checkpointer files = make_checkpointer();
  const TrainResult res = loop(files);
  if (dp_->distributed() && res.steps_done > resumed_state_.step) {
    const double per_step = dp_->sync_seconds() / double(res.steps_done - resumed_state_.step);
    char line[160];
    std::snprintf(line, sizeof line,
                  "all-reduce: %.1f ms a step (%.1f%% of the run's time), waits for slower ranks included",
                  per_step * 1000,
                  100 * dp_->sync_seconds() / std::max(1e-9, run_seconds() - resumed_state_.elapsed_s));
    say(line);
  }
  const CheckpointPaths& p = files.paths();
  say(std::string(res.interrupted ? "interrupted; " : "") + "saved " + p.model + " (step " +
      std::to_string(res.steps_done) + "), checkpoint " + p.checkpoint + ", log " + p.log_csv + ", curve " +
      p.plot_svg);
  return res;
}

TrainResult run_training(const TrainOptions& opt, const TrainCallbacks& callbacks) {
  return Trainer(opt, callbacks).run();
}

}  // namespace tinge
