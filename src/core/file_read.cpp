// read_regular_file (see file_read.hpp).
#include "file_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tinge {

namespace {

std::string size_text(uint64_t bytes) {
  if (bytes >= (uint64_t(1) << 30) && bytes % (uint64_t(1) << 30) == 0)
    return std::to_string(bytes >> 30) + " GB";
  if (bytes >= (uint64_t(1) << 20)) return std::to_string(bytes >> 20) + " MB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

std::string read_regular_file(const std::string& path, uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw FileReadError(errno == ENOENT ? "no such file" : std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw FileReadError(std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw FileReadError("is a directory");
  if (!S_ISREG(st.st_mode)) throw FileReadError("not a regular file (a FIFO, device or socket)");
  if (uint64_t(st.st_size) > max_bytes)
    throw FileReadError("larger than the " + size_text(max_bytes) + " limit");
  std::string bytes(size_t(st.st_size), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t r = ::read(fd, &bytes[got], bytes.size() - got);
    if (r < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (r < 0) throw FileReadError(std::strerror(errno));
    if (r == 0) break;  // the file shrank while being read
    got += size_t(r);
  }
  bytes.resize(got);
  return bytes;
}

}  // namespace tinge
