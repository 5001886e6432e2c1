// Domain error types of the tinge core. Every failure the user can cause is one of these,
// with a message that fits on one line; front ends catch them once and print what().
#pragma once
#include <stdexcept>
#include <string>

namespace tinge {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct ImageError : Error {  // unreadable, malformed, too large, or unwritable image
  using Error::Error;
};
struct SessionError : Error {  // malformed or inconsistent hint session file
  using Error::Error;
};
struct ModelError : Error {  // missing, truncated or mismatched model file
  using Error::Error;
};
struct UsageError : Error {  // bad command-line arguments
  using Error::Error;
};

// Throws tinge::Error with the source location when `cond` is false (never aborts).
#define TINGE_CHECK(cond, msg)                                                                         \
  do {                                                                                                 \
    if (!(cond))                                                                                       \
      throw ::tinge::Error(std::string(msg) + " [" + __FILE__ + ":" + std::to_string(__LINE__) + "]"); \
  } while (0)

}  // namespace tinge
