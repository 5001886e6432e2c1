// What `tinge train` and its data loading do with odd inputs and interrupted runs: a clear error
// before any work instead of a crash, a hang or hours lost, and resumes that continue the same run.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <string>

#include "core/error.hpp"
#include "core/image_io.hpp"
#include "nn/batch_queue.hpp"
#include "nn/model_file.hpp"
#include "nn/train.hpp"
#include "nn/train_state.hpp"
#include "nn_test_util.hpp"

namespace tinge {
namespace {

TrainOptions tiny(const std::string& data, const std::string& out, int64_t steps) {
  TrainOptions o = test::tiny_training(data, out, steps);
  o.batch = 2;
  o.workers = 1;
  return o;
}

std::string pack_of(int n, int w, int h, uint64_t seed, const std::string& name) {
  return test::packed_dataset(name, n, w, h, seed);
}

std::string error_of(const TrainOptions& o) {
  try {
    run_training(o);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

nlohmann::json train_state(const std::string& path) {
  return load_model_file(path, torch::kCPU).meta.at("train_state");
}

std::vector<std::string> csv_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(TrainGuards, EmptyPackIsRefusedNotACrash) {
  const std::string p = test::temp_path("empty.pack");
  std::ofstream(p, std::ios::binary) << std::string("TINGEPK1\0\0\0\0", 12);
  const std::string err = error_of(tiny(p, test::temp_path("e.safetensors"), 2));
  EXPECT_NE(err.find("holds no photos"), std::string::npos) << err;
  // A batch from no photos is an error too (it indexed out of bounds).
  EXPECT_THROW(make_batch(Dataset{}, SampleOptions{}, 2, 1, 0), Error);
}

TEST(TrainGuards, WorkerFailureReachesTheTrainingThread) {
  Dataset none;
  BatchQueue q(none, SampleOptions{}, 2, 1, 0, 2);
  EXPECT_THROW(q.next(), Error);  // it called std::terminate
}

TEST(TrainGuards, FifoAsDataIsRefusedWithoutBlocking) {
  const std::string f = test::temp_path("data.fifo");
  ::unlink(f.c_str());
  ASSERT_EQ(::mkfifo(f.c_str(), 0600), 0);
  auto run =
      std::async(std::launch::async, [&] { return error_of(tiny(f, test::temp_path("f.safetensors"), 2)); });
  ASSERT_EQ(run.wait_for(std::chrono::seconds(20)), std::future_status::ready) << "blocked on the FIFO";
  const std::string err = run.get();
  EXPECT_NE(err.find("not a regular file"), std::string::npos) << err;
  ::unlink(f.c_str());
  // A plain file that is not a pack names both things it could have been.
  const std::string txt = test::temp_path("notes.txt");
  std::ofstream(txt) << "hello";
  EXPECT_NE(error_of(tiny(txt, test::temp_path("t.safetensors"), 2))
                .find("neither a folder of photos nor a packed dataset"),
            std::string::npos);
}

TEST(TrainGuards, UnwritableOutputIsFoundBeforeTraining) {
  const std::string data = pack_of(3, 40, 40, 1, "o.pack");
  const auto t0 = std::chrono::steady_clock::now();
  const std::string err = error_of(tiny(data, test::temp_path("no/such/dir/m.safetensors"), 100000));
  EXPECT_NE(err.find("does not exist"), std::string::npos) << err;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10)) << "it trained first";
  const std::string dir_err = error_of(tiny(data, test::temp_path(""), 2));
  EXPECT_NE(dir_err.find("is a folder"), std::string::npos) << dir_err;
}

TEST(TrainGuards, ANewRunDoesNotReplaceAnEarlierOneUnlessForced) {
  const std::string data = pack_of(3, 40, 40, 2, "f.pack");
  auto o = tiny(data, test::temp_path("kept.safetensors"), 2);
  run_training(o);
  // Refused before any work, with what a front end needs to name its own flags.
  try {
    run_training(o);
    ADD_FAILURE() << "a second run replaced the first";
  } catch (const TrainRequestError& e) {
    EXPECT_EQ(e.reason, TrainRequestError::Reason::kOutputExists);
    EXPECT_EQ(e.subject, o.out + ".ckpt");
    EXPECT_EQ(std::string(e.what()).find("--"), std::string::npos)
        << "the library names a flag: " << e.what();
  }
  o.force = true;
  o.seed = 9;
  EXPECT_EQ(error_of(o), "");
  EXPECT_EQ(train_state(o.out).at("seed").get<int>(), 9);
}

TEST(TrainGuards, ResumeRefusesOtherPhotos) {
  auto o = tiny(pack_of(3, 40, 40, 3, "a.pack"), test::temp_path("other.safetensors"), 6);
  o.stop_at = 2;
  run_training(o);
  o.stop_at = 0;
  o.resume = true;
  o.data = pack_of(3, 40, 40, 4, "b.pack");  // the same names and sizes, other pixels
  const std::string err = error_of(o);
  EXPECT_NE(err.find("was trained on other photos"), std::string::npos) << err;
  o.data = pack_of(3, 40, 40, 3, "a.pack");  // the same photos again
  o.stop_at = 1;                             // but a step the checkpoint is past
  try {
    run_training(o);
    ADD_FAILURE() << "stopping before the checkpoint's step was accepted";
  } catch (const TrainRequestError& e) {
    EXPECT_EQ(e.reason, TrainRequestError::Reason::kStopAtPassed);
    EXPECT_EQ(e.subject, "2");
  }
}

TEST(TrainGuards, ResumeTakesAnExplicitStepCountEvenTheOldDefault) {
  auto o = tiny(pack_of(3, 40, 40, 5, "s.pack"), test::temp_path("steps.safetensors"), 8);
  o.stop_at = 2;
  run_training(o);
  o.resume = true;
  o.steps = 2000;  // was taken for "not given" and replaced by the checkpoint's 8
  o.stop_at = 3;
  run_training(o);
  EXPECT_EQ(train_state(o.out).at("steps").get<int64_t>(), 2000);
  o.steps = 0;  // not given: the run's own length
  o.stop_at = 4;
  run_training(o);
  EXPECT_EQ(train_state(o.out).at("steps").get<int64_t>(), 2000);
}

TEST(TrainGuards, ResumeAfterATimeLimitDoesNotRestartTheSchedule) {
  auto o = tiny(pack_of(3, 40, 40, 6, "m.pack"), test::temp_path("minutes.safetensors"), 1000000);
  o.minutes = 0.004;  // a quarter of a second: stops by time, the schedule at its end
  const auto first = run_training(o);
  ASSERT_LT(first.steps_done, 1000000);
  EXPECT_NEAR(train_state(o.out).at("minutes").get<double>(), 0.004, 1e-12);
  o.resume = true;
  o.minutes = -1;  // not given: the checkpoint's budget, already spent: nothing more to do
  const auto again = run_training(o);
  EXPECT_EQ(again.steps_done, first.steps_done) << "the resumed run restarted its time budget";
  o.minutes = 0;  // no limit any more
  o.stop_at = first.steps_done + 3;
  EXPECT_EQ(run_training(o).steps_done, first.steps_done + 3);
  EXPECT_EQ(train_state(o.out).at("minutes").get<double>(), 0.0);
}

TEST(TrainGuards, ResumeMidWindowWritesTheSameLogAsAnUninterruptedRun) {
  const std::string data = pack_of(4, 40, 40, 7, "w.pack");
  auto full = tiny(data, test::temp_path("wfull.safetensors"), 13);
  run_training(full);
  auto part = tiny(data, test::temp_path("wpart.safetensors"), 13);
  part.stop_at = 7;  // between log rows (every 10 steps)
  run_training(part);
  part.stop_at = 0;
  part.resume = true;
  run_training(part);
  auto a = csv_lines(full.out + ".log.csv"), b = csv_lines(part.out + ".log.csv");
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GE(a.size(), 3u);  // header, step 10, step 13
  for (size_t i = 1; i < a.size(); ++i) {
    // step, loss, regression, classification, lr: equal; images/s and elapsed differ.
    auto head = [](const std::string& l) {
      size_t p = 0;
      for (int k = 0; k < 5; ++k) p = l.find(',', p) + 1;
      return l.substr(0, p);
    };
    EXPECT_EQ(head(a[i]), head(b[i])) << "row " << i;
  }
}

// The trainer reports through its callbacks (never on stderr): what it loads and saves, a progress
// row every 10 steps with the schedule's length, and it stops, with a checkpoint, when asked to.
TEST(TrainGuards, ReportsThroughCallbacksAndStopsWhenAsked) {
  auto o = tiny(pack_of(3, 40, 40, 8, "cb.pack"), test::temp_path("callbacks.safetensors"), 25);
  std::vector<std::string> messages;
  std::vector<TrainProgress> rows;
  TrainCallbacks cb;
  cb.message = [&](const std::string& m) { messages.push_back(m); };
  cb.progress = [&](const TrainProgress& p) { rows.push_back(p); };
  int polls = 0;
  cb.should_stop = [&] { return ++polls > 12; };  // asked to stop before step 13
  testing::internal::CaptureStderr();
  const TrainResult r = run_training(o, cb);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_TRUE(r.interrupted);
  EXPECT_EQ(r.steps_done, 12);
  ASSERT_EQ(rows.size(), 1u);  // step 10
  EXPECT_EQ(rows[0].row.step, 10);
  EXPECT_EQ(rows[0].steps, 25);
  EXPECT_GE(rows[0].eta_s, 0.0);
  ASSERT_FALSE(messages.empty());
  EXPECT_NE(messages.front().find("loading"), std::string::npos) << messages.front();
  EXPECT_NE(messages.back().find("interrupted; saved"), std::string::npos) << messages.back();
  EXPECT_EQ(train_state(o.out + ".ckpt").at("step").get<int64_t>(), 12);
}

// The state a checkpoint keeps reads back as it was written, and a model file without one, or with
// one out of range, is refused by name.
TEST(TrainGuards, TrainStateSavesAndLoadsItself) {
  TrainState s;
  s.loss = "ce";
  s.batch = 7;
  s.crop = 48;
  s.lr = 2e-4;
  s.seed = 99;
  s.precision = "bf16";
  s.steps = 300;
  s.minutes = 1.5;
  s.max_images = 12;
  s.data_identity = "abc";
  s.step = 120;
  s.elapsed_s = 33.25;
  s.window = {3, 1.5, 1.0, 0.5, 2.0};
  nlohmann::json meta = {{"training", {{"data", "photos"}}}};
  s.save_to(meta);
  EXPECT_EQ(meta.at("training").at("data"), "photos");  // the provenance is kept
  EXPECT_EQ(meta.at("training").at("steps_done"), 120);
  const TrainState t = TrainState::load_from(meta, "m.ckpt");
  EXPECT_EQ(t.loss, "ce");
  EXPECT_EQ(t.batch, 7);
  EXPECT_EQ(t.crop, 48);
  EXPECT_EQ(t.lr, 2e-4);
  EXPECT_EQ(t.seed, 99u);
  EXPECT_EQ(t.precision, "bf16");
  EXPECT_EQ(t.steps, 300);
  EXPECT_EQ(t.minutes, 1.5);
  EXPECT_EQ(t.max_images, 12);
  EXPECT_EQ(t.data_identity, "abc");
  EXPECT_EQ(t.step, 120);
  EXPECT_EQ(t.elapsed_s, 33.25);
  EXPECT_EQ(t.window.steps, 3);
  EXPECT_EQ(t.window.classification, 0.5);
  EXPECT_EQ(t.window.seconds, 2.0);
  auto message = [](const nlohmann::json& m) {
    try {
      TrainState::load_from(m, "m.ckpt");
    } catch (const ModelError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(message(nlohmann::json::object()).find("m.ckpt is not a training checkpoint"), std::string::npos);
  nlohmann::json bad = meta;
  bad["train_state"]["crop"] = 50;  // not a multiple of 16
  EXPECT_NE(message(bad).find("out of range"), std::string::npos);
  bad = meta;
  bad["train_state"].erase("lr");
  EXPECT_NE(message(bad).find("unreadable training state"), std::string::npos);
}

TEST(TrainGuards, StripPhotosAreCroppedBeforeUpscaling) {
  const auto dir = std::filesystem::path(test::temp_path("strips"));
  std::filesystem::create_directories(dir);
  Dataset one = test::synthetic_dataset(2, 300, 6, 8);
  save_image(one.images[0], (dir / "strip.png").string());
  save_image(one.images[1], (dir / "strip2.png").string());
  DatasetOptions opt;
  opt.min_short_side = 32;
  opt.max_short_side = 256;
  Dataset d = load_dataset_folder(dir.string(), opt);
  ASSERT_EQ(d.size(), 2u);
  for (const auto& img : d.images) {
    EXPECT_EQ(img.height, 32);
    EXPECT_EQ(img.width, 128);  // the centre 24 x 6 of 300 x 6, upscaled: not 1600 x 32
  }
}

}  // namespace
}  // namespace tinge
