// A training run's resumable state (see train_state.hpp).
#include "nn/train_state.hpp"

#include "core/error.hpp"
#include "nn/train.hpp"

namespace tinge {

namespace {

// The fixed part of a recipe, which TrainState and TrainOptions name alike.
template <class From, class To>
void copy_recipe(const From& from, To& to) {
  to.loss = from.loss;
  to.batch = from.batch;
  to.crop = from.crop;
  to.lr = from.lr;
  to.ce_weight = from.ce_weight;
  to.degrade = from.degrade;
  to.shapes = from.shapes;
  to.seed = from.seed;
  to.data_shards = from.data_shards;
}

}  // namespace

void TrainState::apply_recipe(TrainOptions& opt) const {
  copy_recipe(*this, opt);
}

TrainState TrainState::of(const TrainOptions& opt) {
  TrainState s;
  copy_recipe(opt, s);
  s.precision = opt.precision;
  s.steps = opt.steps;
  s.minutes = opt.minutes;
  s.max_images = opt.max_images;
  return s;
}

void TrainState::save_to(nlohmann::json& meta) const {
  meta["train_state"] = {{"step", step},
                         {"steps", steps},
                         {"loss", loss},
                         {"batch", batch},
                         {"crop", crop},
                         {"lr", lr},
                         {"seed", seed},
                         {"ce_weight", ce_weight},
                         {"degrade", degrade},
                         {"shapes", shapes},
                         {"precision", precision},
                         {"minutes", minutes},
                         {"max_images", max_images},
                         {"data_shards", data_shards},
                         {"data_identity", data_identity},
                         {"log_window",
                          {{"steps", window.steps},
                           {"total", window.total},
                           {"regression", window.regression},
                           {"classification", window.classification},
                           {"seconds", window.seconds}}}};
  nlohmann::json& training = meta["training"];
  if (!training.is_object()) training = nlohmann::json::object();
  training["steps_done"] = step;
  training["elapsed_s"] = elapsed_s;
}

TrainState TrainState::load_from(const nlohmann::json& meta, const std::string& name) {
  if (!meta.is_object() || !meta.contains("train_state"))
    throw ModelError(name + " is not a training checkpoint");
  TrainState s;
  try {
    const auto& ts = meta.at("train_state");
    s.step = ts.at("step").get<int64_t>();
    s.steps = ts.at("steps").get<int64_t>();
    s.loss = ts.at("loss").get<std::string>();
    s.batch = ts.at("batch").get<int>();
    s.crop = ts.at("crop").get<int>();
    s.lr = ts.at("lr").get<double>();
    s.seed = ts.at("seed").get<uint64_t>();
    s.ce_weight = ts.at("ce_weight").get<double>();
    s.degrade = ts.value("degrade", 0.0);
    s.shapes = ts.value("shapes", 0.0);
    s.precision = ts.value("precision", std::string("fp32"));
    s.minutes = ts.value("minutes", 0.0);
    s.max_images = ts.value("max_images", 0);
    s.data_shards = ts.value("data_shards", 1);
    s.data_identity = ts.value("data_identity", std::string());
    const auto window = ts.value("log_window", nlohmann::json::object());
    if (!window.is_object()) throw ModelError(name + ": log_window is not an object");
    s.window.steps = window.value("steps", int64_t(0));
    s.window.total = window.value("total", 0.0);
    s.window.regression = window.value("regression", 0.0);
    s.window.classification = window.value("classification", 0.0);
    s.window.seconds = window.value("seconds", 0.0);
    s.elapsed_s = meta.value("training", nlohmann::json::object()).value("elapsed_s", 0.0);
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(name + ": unreadable training state (" + std::string(e.what()) + ")");
  }
  if (s.step < 0 || s.batch < 1 || s.crop < 32 || s.crop % 16 != 0 || !is_known_loss(s.loss) ||
      (s.precision != "fp32" && s.precision != "bf16") || s.window.steps < 0 || s.data_shards < 1 ||
      s.batch % s.data_shards != 0)
    throw ModelError(name + ": training state out of range");
  return s;
}

}  // namespace tinge
