// For the session tests: runs parse_session and returns the SessionError message ("" if it parsed).
#pragma once
#include <string>

#include "core/error.hpp"
#include "core/session.hpp"

inline std::string parse_error(const std::string& text, const tinge::SessionLimits& lim = {}) {
  try {
    tinge::parse_session(text, lim);
  } catch (const tinge::SessionError& e) {
    return e.what();
  }
  return "";
}
