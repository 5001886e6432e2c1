// The record of a folder run (`tinge colorize DIR --manifest OUT.jsonl`): one JSON line per photo,
// written as the photo ends, so an interrupted run's record is complete up to the photo it was on.
// A rerun appends to the same file. Each line is one write(2) to a file opened with O_APPEND, so
// several processes on one machine can share a manifest without mixing lines (on a network file
// system, give each shard its own file).
//
//   {"path":"a.png","status":"ok","seconds":0.84,"output":"out/a_color.png"}
//   {"path":"b.png","status":"skipped","output":"out/b_color.png"}      (result exists, --skip-existing)
//   {"path":"c.png","status":"error","error":"cannot decode DIR/c.png: not a PNG, JPEG, ... image"}
#pragma once
#include <string>

namespace tinge {

struct ManifestEntry {
  std::string path;    // the photo, relative to the folder (the shard key)
  std::string status;  // "ok" | "skipped" | "error"
  double seconds = 0;  // "ok": the photo's time
  std::string output;  // the result file ("ok", "skipped")
  std::string error;   // "error": the message
};

// The entry as one line of JSON, ending in '\n'.
std::string manifest_line(const ManifestEntry& e);

class BatchManifest {
 public:
  // Opens `path` for appending, creating it ("": records nothing). Throws UsageError when it cannot.
  explicit BatchManifest(const std::string& path = "");
  ~BatchManifest();
  BatchManifest(const BatchManifest&) = delete;
  BatchManifest& operator=(const BatchManifest&) = delete;

  // Appends the entry's line (nothing when no file is open). Throws Error when the write fails.
  void record(const ManifestEntry& e);

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace tinge
