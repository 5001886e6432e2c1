// The training loop of `tinge train` (see train.hpp): batches made on worker threads, Adam with a
// warm-up + cosine schedule, checkpoints every N steps and on Ctrl-C, exact resume, CSV + SVG logs.
#include "nn/train.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>
#include <unistd.h>

#include "core/ab_grid.hpp"
#include "core/atomic_write.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/image_io.hpp"
#include "nn/ab_prior.hpp"
#include "nn/batch_queue.hpp"
#include "nn/losses.hpp"
#include "nn/mixed_precision.hpp"
#include "nn/model_file.hpp"
#include "nn/train_log.hpp"

namespace tinge {

namespace {

std::atomic<bool> g_interrupted{false};
void on_sigint(int) { g_interrupted = true; }

std::string shape_text(const torch::Tensor& t) {
  std::string s = "[";
  for (int64_t d = 0; d < t.dim(); ++d) s += (d ? ", " : "") + std::to_string(t.size(d));
  return s + "]";
}

struct Adam {
  std::vector<std::string> names;
  std::vector<torch::Tensor> params, m, v;
  int64_t t = 0;
  double b1 = 0.9, b2 = 0.999, eps = 1e-8;

  void init(ColorNet& net) {
    for (const auto& p : net->named_parameters()) {
      names.push_back(p.key());
      params.push_back(p.value());
      m.push_back(torch::zeros_like(p.value()));
      v.push_back(torch::zeros_like(p.value()));
    }
  }
  void step(double lr) {
    torch::NoGradGuard ng;
    ++t;
    const double bc1 = 1 - std::pow(b1, double(t)), bc2 = 1 - std::pow(b2, double(t));
    for (size_t i = 0; i < params.size(); ++i) {
      auto& g = params[i].mutable_grad();
      if (!g.defined()) continue;
      m[i].mul_(b1).add_(g, 1 - b1);
      v[i].mul_(b2).addcmul_(g, g, 1 - b2);
      auto denom = (v[i] / bc2).sqrt_().add_(eps);
      params[i].addcdiv_(m[i], denom, -lr / bc1);
      g.reset();
    }
  }
  std::map<std::string, torch::Tensor> state() const {
    std::map<std::string, torch::Tensor> s;
    for (size_t i = 0; i < names.size(); ++i) {
      s["optim.m." + names[i]] = m[i];
      s["optim.v." + names[i]] = v[i];
    }
    return s;
  }
  void load(const std::map<std::string, torch::Tensor>& s, int64_t steps) {
    torch::NoGradGuard ng;
    for (size_t i = 0; i < names.size(); ++i) {
      auto a = s.find("optim.m." + names[i]), b = s.find("optim.v." + names[i]);
      if (a == s.end() || b == s.end()) throw ModelError("checkpoint lacks optimizer state for " + names[i]);
      if (!a->second.sizes().equals(m[i].sizes()) || !b->second.sizes().equals(v[i].sizes()))
        throw ModelError("checkpoint's optimizer state for " + names[i] + " has shape " + shape_text(a->second) +
                         ", the network's is " + shape_text(m[i]));
      m[i].copy_(a->second);
      v[i].copy_(b->second);
    }
    t = steps;
  }
};

// Warm-up, then cosine decay to 2% over the run. `f` is the fraction of the run done: by steps, or
// with --minutes by time when that is further along (so a time-boxed run still ends at a low rate).
double lr_at(const TrainOptions& o, int64_t step, double f) {
  const int64_t warm = std::max<int64_t>(1, std::min<int64_t>(200, o.steps / 10));
  const double w = std::min(1.0, double(step + 1) / double(warm));
  f = std::min(1.0, f);
  return o.lr * w * (0.02 + 0.98 * 0.5 * (1 + std::cos(M_PI * f)));
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Which photos a run trains on (names, sizes and a sparse sample of pixels), so --resume can refuse
// other data.
std::string dataset_identity(const Dataset& d) {
  std::string s;
  for (size_t i = 0; i < d.size(); ++i) {
    const auto& px = d.images[i].data;
    s += d.names[i] + '/' + std::to_string(d.images[i].width) + 'x' + std::to_string(d.images[i].height) + '/';
    const size_t step = std::max<size_t>(1, px.size() / 97);
    for (size_t k = 0; k < px.size(); k += step) s += char(px[k]);
    s += '\n';
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(s)));
  return hex;
}

// Fails now, not after hours of training, when the model cannot be written where asked.
void check_output(const std::string& out) {
  check_output_file("--out", out);
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::absolute(out, ec).parent_path();
  if (::access(dir.c_str(), W_OK) != 0) throw Error("--out " + out + ": cannot write in folder " + dir.string());
}

nlohmann::json source_counts(const Dataset& d) {
  std::map<std::string, int> c;
  for (const auto& n : d.names) c[n.substr(0, n.find('_'))]++;
  return c;
}

}  // namespace

TrainResult run_training(const TrainOptions& in) {
  TrainOptions opt = in;
  if (!is_known_loss(opt.loss)) throw UsageError("unknown loss '" + opt.loss + "' (l2, l1, huber, ce, hybrid)");
  if (opt.batch < 1 || opt.crop < 32 || opt.crop % 16 != 0)
    throw UsageError("batch must be >= 1 and crop a multiple of 16 (>= 32)");
  if (opt.steps < 0) throw UsageError("--steps must be positive");
  const std::string ckpt = opt.out + ".ckpt";
  check_output(opt.out);
  if (!opt.resume && !opt.force) {
    std::error_code ec;
    for (const std::string& f : {ckpt, opt.out})
      if (std::filesystem::exists(f, ec))
        throw UsageError(f + " exists: --resume continues that run, --force starts a new one over it");
  }
  if (opt.log_csv.empty()) opt.log_csv = opt.out + ".log.csv";
  if (opt.plot_svg.empty()) opt.plot_svg = opt.out + ".loss.svg";

  torch::Device device(torch::kCPU);
  if (opt.device == "cuda" || (opt.device == "auto" && torch::cuda::is_available())) {
    if (!torch::cuda::is_available()) throw Error("--device cuda: no CUDA device is available");
    device = torch::Device(torch::kCUDA);
    at::globalContext().setBenchmarkCuDNN(true);
  } else if (opt.device != "cpu" && opt.device != "auto") {
    throw UsageError("unknown device '" + opt.device + "' (auto, cpu, cuda)");
  }
  torch::set_num_threads(opt.threads > 0 ? opt.threads : 1);
  torch::manual_seed(opt.seed);

  // Resume: options come from the checkpoint so the run continues exactly.
  LoadedModel resumed;
  int64_t start_step = 0;
  double time_before = 0;  // training seconds of the run before this invocation (resume)
  std::string resumed_identity;
  int64_t window_steps0 = 0;  // the resumed run's partly filled log window
  double window_total = 0, window_reg = 0, window_ce = 0, window_s = 0;
  std::string note;          // said once logging is set up
  if (opt.resume) {
    resumed = load_model_file(ckpt, device);
    try {
      if (!resumed.meta.contains("train_state")) throw ModelError(ckpt + " is not a training checkpoint");
      const auto& ts = resumed.meta.at("train_state");
      start_step = ts.at("step").get<int64_t>();
      opt.loss = ts.at("loss").get<std::string>();
      opt.batch = ts.at("batch").get<int>();
      opt.crop = ts.at("crop").get<int>();
      opt.lr = ts.at("lr").get<double>();
      opt.seed = ts.at("seed").get<uint64_t>();
      opt.ce_weight = ts.at("ce_weight").get<double>();
      opt.degrade = ts.value("degrade", 0.0);
      const std::string run_precision = ts.value("precision", std::string("fp32"));
      if (!in.precision.empty() && resolve_precision(in.precision, device) != run_precision)
        note = "tinge train: note: the run was in " + run_precision + "; it continues in " +
               resolve_precision(in.precision, device) + " (not exactly as it would have)";
      else
        opt.precision = run_precision;
      if (in.steps == 0) opt.steps = ts.at("steps").get<int64_t>();  // --steps given: the new length
      if (in.minutes < 0) opt.minutes = ts.value("minutes", 0.0);  // not given: the run's budget
      if (in.max_images == 0) opt.max_images = ts.value("max_images", 0);
      time_before = resumed.meta.at("training").value("elapsed_s", 0.0);
      resumed_identity = ts.value("data_identity", std::string());
      const auto window = ts.value("log_window", nlohmann::json::object());
      if (!window.is_object()) throw ModelError(ckpt + ": log_window is not an object");
      window_steps0 = window.value("steps", int64_t(0));
      window_total = window.value("total", 0.0);
      window_reg = window.value("regression", 0.0);
      window_ce = window.value("classification", 0.0);
      window_s = window.value("seconds", 0.0);
      opt.widths = resumed.meta.at("widths").get<std::vector<int64_t>>();
    } catch (const nlohmann::json::exception& e) {
      throw ModelError(ckpt + ": unreadable training state (" + std::string(e.what()) + ")");
    }
    if (start_step < 0 || opt.batch < 1 || opt.crop < 32 || opt.crop % 16 != 0 || !is_known_loss(opt.loss))
      throw ModelError(ckpt + ": training state out of range");
  }
  if (opt.steps == 0) opt.steps = 2000;
  if (opt.minutes < 0) opt.minutes = 0;  // no time limit
  // Not given: float32 (on resume, the run's). bf16 training is opt-in (`bf16`, or `auto` for bf16
  // where the CPU has bf16 instructions): twice as fast on such a CPU, but two full bf16 fine-tunes
  // of the shipped model came out worse where float32 ones of the same recipe helped (model card).
  opt.precision = resolve_precision(opt.precision.empty() ? "fp32" : opt.precision, device);
  const bool bf16 = opt.precision == "bf16";
  if (opt.stop_at > 0 && opt.stop_at <= start_step)
    throw UsageError("--stop-at " + std::to_string(opt.stop_at) + ": the checkpoint is already at step " +
                     std::to_string(start_step));

  auto log = [&](const std::string& s) {
    if (!opt.quiet) std::cerr << s << "\n";
  };
  if (!note.empty()) log(note);
  DatasetOptions dopt;
  dopt.max_short_side = std::max(256, opt.crop);
  dopt.min_short_side = opt.crop;
  dopt.max_images = opt.max_images;
  log("tinge train: loading " + opt.data);
  Dataset data = load_dataset(opt.data, dopt, [&](const std::string& w) { log(w); });
  for (auto& img : data.images)
    if (img.width < opt.crop || img.height < opt.crop) throw Error("packed image smaller than the crop size");
  const std::string identity = dataset_identity(data);
  if (!resumed_identity.empty() && resumed_identity != identity)
    throw UsageError("--resume: " + ckpt + " was trained on other photos than the " + std::to_string(data.size()) +
                     " of " + opt.data + " (resume with the same --data and --max-images)");
  AbGrid grid;
  std::vector<float> prior, weights;
  if (opt.resume) {
    try {
      prior = resumed.meta.at("ab_prior").get<std::vector<float>>();
    } catch (const nlohmann::json::exception&) {
      prior.clear();
    }
    if (int(prior.size()) != grid.size())
      throw ModelError(ckpt + ": ab_prior has " + std::to_string(prior.size()) + " values, the bin grid " +
                       std::to_string(grid.size()));
  } else {
    prior = empirical_ab_prior(data, grid);
  }
  weights = rebalancing_weights(prior, 0.5);
  std::vector<float> centers_v;
  for (int q = 0; q < grid.size(); ++q) {
    auto c = grid.center(q);
    centers_v.push_back(c[0]);
    centers_v.push_back(c[1]);
  }
  auto centers = torch::from_blob(centers_v.data(), {grid.size(), 2}).clone().to(device);
  auto class_w = torch::from_blob(weights.data(), {grid.size()}).clone().to(device);

  NetConfig cfg;
  cfg.widths = opt.widths;
  cfg.bins = grid.size();
  cfg.levin_input = opt.levin_input;
  ColorNet net{nullptr};
  nlohmann::json meta;
  if (opt.resume) {
    net = as_unet(resumed, "the checkpoint");
    cfg = net->cfg;
  } else if (!opt.init.empty()) {
    auto lm = load_model_file(opt.init, device);
    net = as_unet(lm, "--init model");
    if (net->cfg.bins != cfg.bins) throw ModelError("--init model has a different ab bin grid");
    if (opt.levin_input && !net->cfg.levin_input) net = with_levin_input(net);
    cfg = net->cfg;
    opt.widths = cfg.widths;
    meta["init_from"] = lm.meta.value("training", nlohmann::json::object());
  } else {
    net = ColorNet(cfg);
    net->to(device);
  }
  net->train();
  Adam adam;
  adam.init(net);
  if (opt.resume) adam.load(resumed.extra, start_step);

  meta["arch"] = cfg.arch;
  meta["widths"] = cfg.widths;
  if (cfg.levin_input) meta["levin_input"] = true;
  meta["ab_bins"] = grid.cells();
  meta["ab_grid"] = {{"step", AbGrid::kStep}, {"min", AbGrid::kMin}, {"side", AbGrid::kSide}};
  meta["normalisation"] = {{"L_center", 50.0}, {"L_scale", 100.0}, {"ab_scale", 110.0}};
  meta["ab_prior"] = prior;
  meta["rebalance_lambda"] = 0.5;
  // ce decodes by the annealed mean; hybrid blends regression with it (fewer hints, more colour).
  meta["decode"] = opt.loss == "ce" ? "annealed" : (opt.loss == "hybrid" ? "blend" : "regression");
  meta["blend"] = 0.4;
  meta["temperature"] = 0.38;
  meta["stride"] = 16;
  meta["working_short_side"] = 256;
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  nlohmann::json training = {{"data", opt.data},       {"images", data.size()},
                             {"sources", source_counts(data)},
                             {"loss", opt.loss},       {"ce_weight", opt.ce_weight},
                             {"batch", opt.batch},     {"crop", opt.crop},
                             {"lr", opt.lr},           {"seed", opt.seed},
                             {"degrade", opt.degrade}, {"precision", opt.precision},
                             {"steps", opt.steps},     {"device", device.is_cuda() ? "cuda" : "cpu"},
                             {"tinge_version", TINGE_VERSION}, {"libtorch", TORCH_VERSION}};

  std::vector<TrainLogRow> rows;
  if (opt.resume) rows = parse_csv(read_text(opt.log_csv));
  while (!rows.empty() && rows.back().step > start_step) rows.pop_back();

  // The log's partly filled window (steps since the last row): kept in checkpoints so a resumed run
  // writes the rows an uninterrupted one would.
  int64_t window_steps = 0;
  torch::Tensor acc_total = torch::zeros({}, torch::TensorOptions().device(device));
  torch::Tensor acc_reg = acc_total.clone(), acc_ce = acc_total.clone();
  if (window_steps0 > 0) {
    window_steps = window_steps0;
    acc_total.fill_(window_total);
    acc_reg.fill_(window_reg);
    acc_ce.fill_(window_ce);
  }
  // One clock for the log, the checkpoint and --minutes: the run's wall time, saves included,
  // across resumes.
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  auto run_seconds = [&] { return time_before + std::chrono::duration<double>(clock::now() - t0).count(); };
  auto window_start = t0 - std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(window_s));
  auto log_window = [&] {
    return nlohmann::json{{"steps", window_steps}, {"total", acc_total.item<double>()},
                          {"regression", acc_reg.item<double>()}, {"classification", acc_ce.item<double>()},
                          {"seconds", std::chrono::duration<double>(clock::now() - window_start).count()}};
  };

  auto save_ckpt = [&](int64_t step, const std::string& path, bool with_optimizer) {
    nlohmann::json m = meta;
    auto tr = training;
    tr["steps_done"] = step;
    tr["elapsed_s"] = run_seconds();
    tr["finished"] = now_iso();
    m["training"] = tr;
    m["train_state"] = {{"step", step},   {"steps", opt.steps}, {"loss", opt.loss},
                        {"batch", opt.batch}, {"crop", opt.crop}, {"lr", opt.lr},
                        {"seed", opt.seed}, {"ce_weight", opt.ce_weight}, {"degrade", opt.degrade},
                        {"precision", opt.precision}, {"minutes", opt.minutes}, {"max_images", opt.max_images}, {"data_identity", identity},
                        {"log_window", log_window()}};
    save_model_file(path, net, m, with_optimizer ? adam.state() : std::map<std::string, torch::Tensor>{});
    std::string csv = csv_header();
    for (const auto& r : rows) csv += csv_row(r);
    write_file_atomic(opt.log_csv, csv);
    write_file_atomic(opt.plot_svg, loss_curve_svg(rows, "tinge train: " + opt.loss + " loss"));
  };

  SampleOptions sopt;
  sopt.crop = opt.crop;
  sopt.p_degrade = opt.degrade;
  int workers = opt.workers;
  if (workers <= 0) {
    const int hc = int(std::max(2u, std::thread::hardware_concurrency()));
    workers = device.is_cuda() ? std::min(14, hc - 2) : 1;
  }
  // Batches queued ahead: up to 8, fewer when they are large (about 1 GB in all, at least 2).
  const double batch_bytes = double(opt.batch) * double(opt.crop) * double(opt.crop) * (cfg.levin_input ? 8 : 6) * sizeof(float);
  const int depth = int(std::clamp(double(1 << 30) / batch_bytes, 2.0, 8.0));
  BatchQueue queue(data, sopt, opt.batch, opt.seed, start_step, workers, depth, cfg.levin_input);
  g_interrupted = false;
  struct SigintScope {  // Ctrl-C stops the loop while it runs; the old handler comes back however it ends
    void (*old)(int) = std::signal(SIGINT, on_sigint);
    ~SigintScope() { std::signal(SIGINT, old); }
  } sigint_scope;
  log("tinge train: " + std::to_string(data.size()) + " photos, " + std::to_string(grid.size()) +
      " ab bins, loss " + opt.loss + ", " + std::to_string(opt.steps) + " steps of " + std::to_string(opt.batch) +
      " x " + std::to_string(opt.crop) + "^2 on " + (device.is_cuda() ? "cuda" : "cpu") + " (" + opt.precision + ")" +
      ", params " + std::to_string([&] { int64_t n = 0; for (auto& p : net->parameters()) n += p.numel(); return n; }()));

  auto last_print = clock::now();
  int64_t step = start_step;
  TrainResult res;
  const bool tty = isatty(2);
  const int log_every = 10;
  while (step < opt.steps) {
    if (g_interrupted) {
      res.interrupted = true;
      break;
    }
    double frac = double(step) / double(opt.steps);
    if (opt.minutes > 0) frac = std::max(frac, run_seconds() / (opt.minutes * 60));  // the whole run's time
    if (frac >= 1.0) break;
    if (opt.stop_at > 0 && step >= opt.stop_at) break;
    Batch b = queue.next();
    const int64_t B = b.size, S = b.side;
    auto L = torch::from_blob(b.L.data(), {B, 1, S, S}).to(device);
    auto ab = torch::from_blob(b.ab.data(), {B, 2, S, S}).to(device);
    auto hab = torch::from_blob(b.hint_ab.data(), {B, 2, S, S}).to(device);
    auto mask = torch::from_blob(b.mask.data(), {B, 1, S, S}).to(device);
    torch::Tensor lev;
    if (!b.levin_ab.empty()) lev = torch::from_blob(b.levin_ab.data(), {B, 2, S, S}).to(device);
    NetOutput out;
    {
      Bf16Autocast autocast(device, bf16);
      auto x = make_input(L, hab, mask, cfg.mask_offset, lev);
      if (device.is_cpu()) x = x.contiguous(torch::MemoryFormat::ChannelsLast);  // oneDNN's layout
      out = net->forward(x);
    }
    out.ab = out.ab.to(torch::kFloat);  // losses in float32
    out.logits = out.logits.to(torch::kFloat);
    auto terms = compute_loss(opt.loss, opt.ce_weight, out.ab, out.logits, ab, centers, class_w);
    terms.total.backward();
    torch::nn::utils::clip_grad_norm_(net->parameters(), 5.0);
    const double lr = lr_at(opt, step, frac);
    adam.step(lr);
    ++step;
    ++window_steps;
    acc_total += terms.total.detach();
    acc_reg += terms.regression.detach();
    acc_ce += terms.classification.detach();
    if (step % log_every == 0 || step == opt.steps) {
      const auto now = clock::now();
      const double win = std::chrono::duration<double>(now - window_start).count();
      TrainLogRow r;
      r.step = step;
      r.loss = acc_total.item<double>() / double(window_steps);
      r.regression = acc_reg.item<double>() / double(window_steps);
      r.classification = acc_ce.item<double>() / double(window_steps);
      r.lr = lr;
      r.images_per_s = win > 0 ? double(window_steps * B) / win : 0;
      r.elapsed_s = run_seconds();
      if (!std::isfinite(r.loss)) throw Error("training diverged (loss is " + std::to_string(r.loss) + ") at step " + std::to_string(step));
      rows.push_back(r);
      res.final_loss = r.loss;
      res.images_per_second = r.images_per_s;
      acc_total.zero_();
      acc_reg.zero_();
      acc_ce.zero_();
      window_steps = 0;
      window_start = now;
      const double since = std::chrono::duration<double>(now - last_print).count();
      if (!opt.quiet && (since > (tty ? 0.5 : 15.0) || step == opt.steps)) {
        double eta = double(opt.steps - step) / std::max(1e-9, r.images_per_s / double(B));
        if (opt.minutes > 0) eta = std::min(eta, opt.minutes * 60 - run_seconds());
        std::cerr << (tty ? "\r" : "") << progress_line(r, opt.steps, eta) << (tty ? "   " : "\n") << std::flush;
        last_print = now;
      }
    }
    if (opt.checkpoint_every > 0 && step % opt.checkpoint_every == 0 && step < opt.steps) save_ckpt(step, ckpt, true);
  }
  if (!opt.quiet && tty) std::cerr << "\n";
  res.steps_done = step;
  net->eval();
  save_ckpt(step, ckpt, true);
  save_ckpt(step, opt.out, false);
  log("tinge train: " + std::string(res.interrupted ? "interrupted; " : "") + "saved " + opt.out + " (step " +
      std::to_string(step) + "), checkpoint " + ckpt + ", log " + opt.log_csv + ", curve " + opt.plot_svg);
  return res;
}

}  // namespace tinge
