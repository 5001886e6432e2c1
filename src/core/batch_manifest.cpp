// The manifest of a folder run (see batch_manifest.hpp).
#include "core/batch_manifest.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/atomic_write.hpp"
#include "core/error.hpp"

namespace tinge {

std::string manifest_line(const ManifestEntry& e) {
  nlohmann::ordered_json j;
  j["path"] = e.path;
  j["status"] = e.status;
  if (e.status == "ok") j["seconds"] = std::round(e.seconds * 1000) / 1000;
  if (!e.output.empty() && e.status != "error") j["output"] = e.output;
  if (e.status == "error") j["error"] = e.error;
  // Invalid UTF-8 in a file name is written as U+FFFD, never an exception mid-run.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

BatchManifest::BatchManifest(const std::string& path) : path_(path) {
  if (path.empty()) return;
  check_output_file("--manifest", path);
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  if (fd_ < 0) throw UsageError("--manifest '" + path + "': " + std::strerror(errno));
}

BatchManifest::~BatchManifest() {
  if (fd_ >= 0) ::close(fd_);
}

void BatchManifest::record(const ManifestEntry& e) {
  if (fd_ < 0) return;
  const std::string line = manifest_line(e);
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t w = ::write(fd_, line.data() + done, line.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) throw Error("cannot write the manifest " + path_ + ": " + std::strerror(w < 0 ? errno : EIO));
    done += size_t(w);
  }
}

}  // namespace tinge
