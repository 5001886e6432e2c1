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
  auto run = std::async(std::launch::async, [&] { return error_of(tiny(f, test::temp_path("f.safetensors"), 2)); });
  ASSERT_EQ(run.wait_for(std::chrono::seconds(20)), std::future_status::ready) << "blocked on the FIFO";
  const std::string err = run.get();
  EXPECT_NE(err.find("not a regular file"), std::string::npos) << err;
  ::unlink(f.c_str());
  // A plain file that is not a pack names both things it could have been.
  const std::string txt = test::temp_path("notes.txt");
  std::ofstream(txt) << "hello";
  EXPECT_NE(error_of(tiny(txt, test::temp_path("t.safetensors"), 2)).find("neither a folder of photos nor a packed dataset"),
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
  const std::string err = error_of(o);
  EXPECT_NE(err.find("--resume continues that run, --force starts a new one"), std::string::npos) << err;
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
