// Network forward timing for `tinge bench` (torch-free interface): the same input through an
// untrained network of a given architecture (speed does not depend on the weights), so the
// SIGGRAPH17 generator can be compared with tinge's own network without its weights.
#pragma once
#include <string>
#include <vector>

namespace tinge {

// Milliseconds of each of `reps` forward passes (after one warm-up) at w x h on the CPU, in inference
// mode with channels-last tensors as tinge's inference runs them (tinge-unet-v1: the folded, packed
// forward of fast_forward.hpp). arch: "tinge-unet-v1" (default
// widths and ab bins) or "siggraph17". `gmac` receives the multiply-accumulate count in billions.
// With `bf16`, the module's forward under bf16 autocast, as inference runs it on CPUs with bf16
// instructions (mixed_precision.hpp).
std::vector<double> time_network_forward(const std::string& arch, int w, int h, int reps,
                                         double* gmac = nullptr, bool bf16 = false);
// Whether `auto` precision picks bf16 on the CPU tinge runs on.
bool bf16_is_default_on_cpu();

}  // namespace tinge
