// Network forward timing (see bench_forward.hpp).
#include "nn/bench_forward.hpp"

#include <chrono>

#include "core/ab_grid.hpp"
#include "nn/fast_forward.hpp"
#include "nn/mixed_precision.hpp"
#include "nn/net.hpp"

namespace tinge {

bool bf16_is_default_on_cpu() {
  return cpu_has_fast_bf16();
}

std::vector<double> time_network_forward(const std::string& arch, int w, int h, int reps, double* gmac,
                                         bool bf16) {
  NetConfig cfg;
  cfg.arch = arch;
  cfg.bins = arch == "siggraph17" ? 529 : AbGrid().size();
  if (arch == "siggraph17") cfg.mask_offset = 0.5;
  auto net = make_net(cfg);
  net->eval();
  // The path inference takes: channels-last, and the folded, packed forward for tinge-unet-v1.
  std::unique_ptr<FastUnet> fast = prepare_cpu_inference(net, bf16);
  torch::InferenceMode guard;
  const int64_t H = (h + 15) / 16 * 16, W = (w + 15) / 16 * 16;
  auto x =
      make_input(torch::rand({1, 1, H, W}) * 100, torch::zeros({1, 2, H, W}), torch::zeros({1, 1, H, W}), cfg)
          .contiguous(torch::MemoryFormat::ChannelsLast);
  if (gmac) *gmac = count_macs(cfg, H, W) / 1e9;
  auto forward = [&] {
    Bf16Autocast autocast(torch::Device(torch::kCPU), bf16);
    return fast ? fast->forward(x) : net->forward(x);
  };
  forward();  // warm-up
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto out = forward();
    (void)out.ab.sum().item<float>();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return ms;
}

}  // namespace tinge
