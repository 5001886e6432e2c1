// The environment variables tinge reads (see environment.hpp).
#include "cli/environment.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/error.hpp"

namespace tinge {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// A whole number in [lo, hi] from `name`, `unset` when it is not set.
long whole_number(const char* name, long lo, long hi, long unset, const char* what) {
  const std::string v = env(name);
  if (v.empty()) return unset;
  errno = 0;
  char* end = nullptr;
  const long n = std::strtol(v.c_str(), &end, 10);
  if (*end != '\0' || errno == ERANGE || n < lo || n > hi)
    throw UsageError(std::string(name) + "='" + v + "' is not " + what);
  return n;
}

// `name`'s value when it is one of `choices` (a "|"-separated list), "" when unset.
std::string one_of(const char* name, const std::string& choices) {
  const std::string v = env(name);
  if (v.empty()) return v;
  const std::string padded = "|" + choices + "|";
  if (v.find('|') != std::string::npos || padded.find("|" + v + "|") == std::string::npos)
    throw UsageError(std::string(name) + "='" + v + "' is not one of " + choices);
  return v;
}

std::string home() {
  const std::string h = env("HOME");
  return h.empty() ? std::filesystem::temp_directory_path().string() : h;
}

}  // namespace

std::string env_model() {
  return env("TINGE_MODEL");
}

int env_threads() {
  return int(whole_number("TINGE_THREADS", 0, 1024, 0, "a number of threads from 0 (automatic) to 1024"));
}

std::string env_precision() {
  return one_of("TINGE_PRECISION", "auto|fp32|bf16");
}

std::string env_decode() {
  return one_of("TINGE_DECODE", "blend|regression|annealed");
}

int64_t env_max_pixels() {
  const std::string v = env("TINGE_MAX_MEGAPIXELS");
  if (v.empty()) return 0;
  char* end = nullptr;
  const double mp = std::strtod(v.c_str(), &end);
  if (end == v.c_str() || *end != '\0' || !std::isfinite(mp) || mp <= 0 || mp > 1e6)
    throw Error("TINGE_MAX_MEGAPIXELS='" + v + "' is not a number of megapixels (0 < N <= 1000000)");
  return std::max<int64_t>(1, int64_t(mp * 1e6));
}

int env_worker_nice() {
  return int(whole_number("TINGE_WORKER_NICE", 0, 19, 19, "a whole number from 0 to 19"));
}

std::string env_compose() {
  return one_of("TINGE_COMPOSE", "auto|gpu|cpu");
}

DistEnv env_distributed() {
  DistEnv d;
  d.world_size = int(whole_number("WORLD_SIZE", 1, 65536, -1, "a number of processes from 1 to 65536"));
  d.rank = int(whole_number("RANK", 0, 65535, -1, "a rank from 0 to 65535"));
  d.local_rank = int(whole_number("LOCAL_RANK", 0, 65535, -1, "a rank from 0 to 65535"));
  d.master_port = int(whole_number("MASTER_PORT", 1, 65535, -1, "a port from 1 to 65535"));
  d.restart_count = int(whole_number("TORCHELASTIC_RESTART_COUNT", 0, 1000000, 0, "a count"));
  d.master_addr = env("MASTER_ADDR");
  d.iface = env("GLOO_SOCKET_IFNAME");
  const std::string agent = env("TORCHELASTIC_USE_AGENT_STORE");
  d.agent_store = agent == "True" || agent == "true" || agent == "1";
  return d;
}

std::string config_home() {
  const std::string x = env("XDG_CONFIG_HOME");
  return x.empty() ? home() + "/.config" : x;
}

std::string state_home() {
  const std::string x = env("XDG_STATE_HOME");
  return x.empty() ? home() + "/.local/state" : x;
}

}  // namespace tinge
