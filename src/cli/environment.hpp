// The environment variables tinge reads, each read here and nowhere else in the tree (a test checks
// that src/core, src/nn and src/app never call getenv) and checked, with an error naming the
// variable. The commands combine them with their flags in one order everywhere:
//   flag > environment variable > model file > built-in default
// (README, Configuration, lists them; torchrun's, for `tinge train`, docs/training.md). An empty value
// counts as unset.
#pragma once
#include <cstdint>
#include <string>

namespace tinge {

int env_threads();            // TINGE_THREADS: CPU threads, 0..1024 (0: automatic); 0 when unset
std::string env_precision();  // TINGE_PRECISION: auto | fp32 | bf16; "" when unset
std::string env_decode();     // TINGE_DECODE: blend | regression | annealed; "" when unset
int64_t env_max_pixels();     // TINGE_MAX_MEGAPIXELS (0 < N <= 1e6) in pixels; 0 when unset
int env_worker_nice();        // TINGE_WORKER_NICE: 0..19; 19 when unset
std::string env_compose();    // TINGE_COMPOSE: auto | gpu | cpu; "" when unset
std::string env_model();      // TINGE_MODEL: a model file; "" when unset
std::string config_home();    // $XDG_CONFIG_HOME, else $HOME/.config

// torchrun's contract for a data-parallel `tinge train`: WORLD_SIZE (1..65536), RANK and LOCAL_RANK
// (0..65535), MASTER_ADDR, MASTER_PORT (1..65535); TORCHELASTIC_USE_AGENT_STORE=True (torchrun's agent
// hosts the rendezvous store) with TORCHELASTIC_RESTART_COUNT; GLOO_SOCKET_IFNAME (the network
// interface Gloo uses). Unset numbers are -1, unset text "".
struct DistEnv {
  int world_size = -1, rank = -1, local_rank = -1, master_port = -1, restart_count = 0;
  std::string master_addr, iface;
  bool agent_store = false;
};
DistEnv env_distributed();
std::string state_home();  // $XDG_STATE_HOME, else $HOME/.local/state

}  // namespace tinge
