// Splitting a folder run (`--shard K/N`) and its manifest: shards are disjoint, cover the folder and
// are balanced; adding photos moves none of the others; the hash is pinned (a change would move
// every photo of a job already running on other machines); bad specs are one-line usage errors;
// manifest lines are valid JSON, one per record, appended.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/batch_manifest.hpp"
#include "core/batch_shard.hpp"
#include "core/error.hpp"

namespace fs = std::filesystem;
using tinge::ShardSpec;

namespace {

std::vector<std::string> photo_paths(const std::string& dir, int first, int count) {
  std::vector<std::string> out;
  for (int i = first; i < first + count; ++i)
    out.push_back(dir + "/IMG_" + std::to_string(10000 + i) + ".jpg");
  return out;
}

std::string shard_error(const std::string& spec) {
  try {
    tinge::parse_shard(spec);
  } catch (const tinge::UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(BatchShard, ParsesKOfN) {
  const ShardSpec a = tinge::parse_shard("1/1"), b = tinge::parse_shard("3/8"), c = tinge::parse_shard("8/8");
  EXPECT_EQ(a.index, 1);
  EXPECT_EQ(a.count, 1);
  EXPECT_EQ(b.index, 3);
  EXPECT_EQ(b.count, 8);
  EXPECT_EQ(c.index, 8);
}

TEST(BatchShard, BadSpecsAreOneLineUsageErrors) {
  for (const std::string spec : {"0/2", "3/2", "1/0", "x", "", "1/", "/2", "1/2/3", " 1/2", "-1/2", "1/-2",
                                 "1.5/2", "1/99999999", "a/b", "2"}) {
    const std::string msg = shard_error(spec);
    EXPECT_FALSE(msg.empty()) << "'" << spec << "' was accepted";
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    EXPECT_NE(msg.find("--shard"), std::string::npos) << msg;
  }
  EXPECT_NE(shard_error("0/2").find("count from 1"), std::string::npos) << shard_error("0/2");
  EXPECT_NE(shard_error("1/0").find("N must be"), std::string::npos) << shard_error("1/0");
}

TEST(BatchShard, ShardsAreDisjointCoveringAndBalanced) {
  const std::vector<std::string> files = photo_paths("photos", 0, 2000);
  for (int n : {1, 2, 3, 7, 16}) {
    std::vector<int> owner(files.size(), 0);
    for (int k = 1; k <= n; ++k) {
      const std::vector<size_t> mine = tinge::select_shard(files, "photos", {k, n});
      for (size_t i : mine) ++owner[i];
      const double expected = double(files.size()) / n;
      EXPECT_NEAR(double(mine.size()), expected, 0.25 * expected + 5) << "shard " << k << "/" << n;
    }
    for (size_t i = 0; i < files.size(); ++i) EXPECT_EQ(owner[i], 1) << files[i] << " with N = " << n;
  }
}

TEST(BatchShard, AddingPhotosMovesNoOtherPhoto) {
  const std::vector<std::string> before = photo_paths("photos", 0, 500);
  std::vector<std::string> after = photo_paths("photos", 0, 500);
  const std::vector<std::string> added = photo_paths("photos", 500, 50);
  after.insert(after.begin() + 100, added.begin(), added.end());  // new names sort in anywhere
  for (int k = 1; k <= 4; ++k) {
    std::set<std::string> was, now;
    for (size_t i : tinge::select_shard(before, "photos", {k, 4})) was.insert(before[i]);
    for (size_t i : tinge::select_shard(after, "photos", {k, 4})) now.insert(after[i]);
    for (const std::string& f : was) EXPECT_TRUE(now.count(f)) << f << " left shard " << k;
    for (const std::string& f : now)
      if (!was.count(f)) EXPECT_NE(std::find(added.begin(), added.end(), f), added.end()) << f << " moved in";
  }
}

TEST(BatchShard, KeyIsThePathRelativeToTheFolder) {
  EXPECT_EQ(tinge::relative_key("photos/a.png", "photos"), "a.png");
  EXPECT_EQ(tinge::relative_key("photos/a.png", "photos/"), "a.png");
  EXPECT_EQ(tinge::relative_key("./photos/a.png", "photos"), "a.png");
  EXPECT_EQ(tinge::relative_key("a.png", "."), "a.png");
  EXPECT_EQ(tinge::relative_key("/data/scans/x/b.tif", "/data/scans"), "x/b.tif");
  // The same photo listed from another working folder lands in the same shard.
  EXPECT_EQ(tinge::select_shard({"/mnt/a/photos/q.jpg"}, "/mnt/a/photos", {2, 3}),
            tinge::select_shard({"photos/q.jpg"}, "photos", {2, 3}));
}

// Pinned (values from an independent implementation): FNV-1a 64 of the relative path, splitmix64,
// modulo N, plus one. Machines of one job
// must agree, and a new version must not move photos of a job that is half done.
TEST(BatchShard, HashIsPinned) {
  EXPECT_EQ(tinge::shard_of("a.png", 1), 1);
  EXPECT_EQ(tinge::shard_of("a.png", 97), 69);
  EXPECT_EQ(tinge::shard_of("IMG_0001.jpg", 97), 84);
  EXPECT_EQ(tinge::shard_of("scans/1923/portrait.tif", 97), 37);
}

TEST(BatchManifest, LinesAreJsonAndAppended) {
  const fs::path dir = fs::temp_directory_path() / ("tinge_test_manifest_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "m.jsonl").string();
  {
    tinge::BatchManifest m(path);
    m.record({"a.png", "ok", 1.23456, "out/a_color.png", ""});
    m.record({"b \"quoted\".png", "error", 0, "", "b.png: not a PNG file\nsecond line"});
  }
  {
    tinge::BatchManifest m(path);  // a rerun appends
    m.record({"a.png", "skipped", 0, "out/a_color.png", ""});
  }
  tinge::BatchManifest none;  // no file: records nothing, never fails
  none.record({"c.png", "ok", 1, "", ""});

  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["path"], "a.png");
  EXPECT_EQ(lines[0]["status"], "ok");
  EXPECT_NEAR(lines[0]["seconds"].get<double>(), 1.235, 1e-9);
  EXPECT_EQ(lines[0]["output"], "out/a_color.png");
  EXPECT_EQ(lines[1]["path"], "b \"quoted\".png");
  EXPECT_EQ(lines[1]["status"], "error");
  EXPECT_EQ(lines[1]["error"], "b.png: not a PNG file\nsecond line");
  EXPECT_FALSE(lines[1].contains("seconds"));
  EXPECT_EQ(lines[2]["status"], "skipped");
  EXPECT_FALSE(lines[2].contains("seconds"));

  EXPECT_THROW(tinge::BatchManifest((dir / "no" / "m.jsonl").string()), tinge::UsageError);
  EXPECT_THROW(tinge::BatchManifest(dir.string()), tinge::UsageError);
  fs::remove_all(dir);
}
