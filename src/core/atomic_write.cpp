// write_file_atomic (see atomic_write.hpp): temporary file, write, fsync, rename, fsync the folder.
#include "atomic_write.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>

#include "error.hpp"

namespace tinge {
namespace {

std::string folder_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Writes all of [data, data + n) to fd; returns 0 or an errno value.
int write_all(int fd, const char* data, size_t n) {
  size_t done = 0;
  while (done < n) {
    const ssize_t w = ::write(fd, data + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return w < 0 ? errno : EIO;
    done += size_t(w);
  }
  return 0;
}

// The writer's process id when `name` is one of our temporaries (".X.tinge-tmp-PID-N"), else 0.
long temp_owner(const std::string& name) {
  static const std::string tag = ".tinge-tmp-";
  const size_t at = name.rfind(tag);
  if (name.size() < 2 || name[0] != '.' || at == std::string::npos || at == 0) return 0;
  const std::string rest = name.substr(at + tag.size());
  const size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string::npos || dash + 1 == rest.size()) return 0;
  for (size_t i = 0; i < rest.size(); ++i)
    if (i != dash && (rest[i] < '0' || rest[i] > '9')) return 0;
  return dash > 9 ? 0 : std::stol(rest.substr(0, dash));
}

// Temporaries left by writers that were killed before their rename: removed the first time this
// process saves into a folder. A temporary whose process still runs (another tinge saving right
// now) is left alone. Best effort: never fails a save.
void remove_stale_temporaries(const std::string& dir) {
  static std::mutex mu;
  static std::set<std::string> visited;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!visited.insert(dir).second) return;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const long pid = temp_owner(it->path().filename().string());
    if (pid <= 0 || pid == long(::getpid())) continue;
    if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to judge)
    std::error_code rm;
    fs::remove(it->path(), rm);
  }
}

}  // namespace

std::string atomic_temp_name(const std::string& path, const std::string& suffix) {
  const size_t slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  // A file name has at most 255 bytes: a long one is shortened here (the target keeps its name).
  const size_t room = 255 - std::min<size_t>(255, 1 + 11 + suffix.size());
  if (base.size() > room) base.resize(room);
  return dir + "." + base + ".tinge-tmp-" + suffix;
}

void write_file_atomic(const std::string& path, const std::string& bytes) {
  static std::atomic<unsigned> counter{0};
  std::string tmp;
  auto fail = [&](int err, bool created) {
    if (created) ::unlink(tmp.c_str());
    throw ImageError("cannot write " + path + ": " + std::strerror(err));
  };
  // A temporary of that name may be left by an earlier process that had the same id and was
  // killed (ids are reused, and in a container tinge may get the same one every time): next name.
  int fd = -1;
  for (int tries = 0; fd < 0 && tries < 1000; ++tries) {
    tmp = atomic_temp_name(path, std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)));
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) fail(errno, false);
  int err = write_all(fd, bytes.data(), bytes.size());
  if (err != 0) {
    ::close(fd);
    fail(err, true);
  }
  if (::fsync(fd) != 0) {  // the data is on disk before the name points at it
    err = errno;
    ::close(fd);
    fail(err, true);
  }
  if (::close(fd) != 0) fail(errno, true);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail(errno, true);
  // Make the rename itself durable. Best effort: the file is already complete under its name, and
  // some file systems refuse fsync on a folder.
  const int dfd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  remove_stale_temporaries(folder_of(path));
}

void check_output_file(const std::string& option, const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) throw UsageError(option + ": empty file name");
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw UsageError(option + " '" + path + "': is a folder, not a file name");
  const fs::path dir = fs::absolute(path, ec).parent_path();
  if (!fs::is_directory(dir, ec))
    throw UsageError(option + " '" + path + "': folder " + dir.string() + " does not exist");
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::equivalent(a, b, ec)) return true;
  const fs::path ca = fs::weakly_canonical(a, ec);
  if (ec) return false;
  const fs::path cb = fs::weakly_canonical(b, ec);
  return !ec && ca == cb;
}

void check_not_an_input(const std::string& option, const std::string& path,
                        const std::vector<std::string>& inputs) {
  for (const std::string& in : inputs)
    if (!in.empty() && same_file(path, in))
      throw UsageError(option + " '" + path + "' is one of this command's inputs ('" + in +
                       "'): choose another file");
}

}  // namespace tinge
