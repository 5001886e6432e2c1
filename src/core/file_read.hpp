// Reading a whole input file (a session, an action script, a report, a model) safely: only a
// regular file is read (a FIFO or a device would block or never end), and only up to a size limit.
#pragma once
#include <cstdint>
#include <string>

#include "error.hpp"

namespace tinge {

// Thrown by read_regular_file; what() is the reason alone ("no such file", "is a directory",
// "not a regular file (a FIFO, device or socket)", "larger than the 16 MB limit", or the system's
// error), for the caller to put after its own description of the file.
struct FileReadError : Error {
  using Error::Error;
};

// The bytes of the regular file at `path` (symbolic links followed), at most `max_bytes` of them.
// Never blocks on a FIFO: it is opened non-blocking and refused.
std::string read_regular_file(const std::string& path, uint64_t max_bytes);

}  // namespace tinge
