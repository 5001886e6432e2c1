// A preloaded library for tests/cli/test_kill_mid_save.sh (LD_PRELOAD): the first write() into each
// of tinge's save temporaries (".NAME.tinge-tmp-PID-N") writes only half the bytes, then pauses for
// $TINGE_SLOW_WRITE_MS (default 200) before returning that short count. write_file_atomic must then
// write the rest itself, and a SIGKILL has a wide window to land inside the write. Every other
// write() passes straight through. This keeps the test's timing aid out of tinge's own code.
#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace {

using WriteFn = ssize_t (*)(int, const void*, size_t);

WriteFn real_write() {
  static WriteFn fn = reinterpret_cast<WriteFn>(dlsym(RTLD_NEXT, "write"));
  return fn;
}

// The path fd refers to, or "" when it cannot be read.
std::string fd_path(int fd) {
  char link[64];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  char buf[PATH_MAX];
  const ssize_t n = readlink(link, buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, size_t(n)) : std::string();
}

}  // namespace

extern "C" ssize_t write(int fd, const void* data, size_t count) {
  static thread_local bool inside = false;  // snprintf or the sleep might write themselves
  WriteFn next = real_write();
  if (inside || count < 2 || fd <= 2) return next(fd, data, count);
  inside = true;
  static std::string last_paused;
  const std::string path = fd_path(fd);
  const bool pause = path.find(".tinge-tmp-") != std::string::npos && path != last_paused;
  if (!pause) {
    inside = false;
    return next(fd, data, count);
  }
  last_paused = path;
  const ssize_t done = next(fd, data, count / 2);
  const char* ms = std::getenv("TINGE_SLOW_WRITE_MS");
  std::this_thread::sleep_for(std::chrono::milliseconds(ms && *ms ? std::atoi(ms) : 200));
  inside = false;
  return done;
}
