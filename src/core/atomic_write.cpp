// write_file_atomic (see atomic_write.hpp): temporary file, write, fsync, rename, fsync the folder.
#include "atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

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

// Test hook: $TINGE_TEST_SAVE_PAUSE_MS pauses every save halfway through writing its temporary,
// so tests/cli/test_kill_mid_save.sh can land SIGKILLs inside the write. Unset: no pause.
void test_pause_mid_write() {
  const char* ms = std::getenv("TINGE_TEST_SAVE_PAUSE_MS");
  if (ms && *ms) std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(ms)));
}

}  // namespace

std::string atomic_temp_name(const std::string& path, const std::string& suffix) {
  const size_t slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + base + ".tinge-tmp-" + suffix;
}

void write_file_atomic(const std::string& path, const std::string& bytes) {
  static std::atomic<unsigned> counter{0};
  const std::string tmp =
      atomic_temp_name(path, std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)));
  auto fail = [&](int err, bool created) {
    if (created) ::unlink(tmp.c_str());
    throw ImageError("cannot write " + path + ": " + std::strerror(err));
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) fail(errno, false);
  const size_t half = bytes.size() / 2;
  int err = write_all(fd, bytes.data(), half);
  if (err == 0) test_pause_mid_write();
  if (err == 0) err = write_all(fd, bytes.data() + half, bytes.size() - half);
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
}

}  // namespace tinge
