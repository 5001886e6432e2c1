// The simulated user of `tinge eval --placement`: instead of hints sampled at random, hints placed
// one at a time, each where a strategy says, carrying the original photo's colour there (the user
// knows the colour; the question is where to click).
//   recommended  where the hint recommender (recommend.hpp) proposes, from the current result
//   oracle       where the current result's ab error, averaged over a 51 x 51 window, is largest,
//                away from the hints already placed (as far as recommendations keep apart): it uses
//                the ground truth, so it is a reference for analysis only
// Deterministic: the same photo and method give the same hints.
#pragma once
#include <string>
#include <vector>

#include "hints.hpp"
#include "image.hpp"
#include "method.hpp"
#include "recommend.hpp"

namespace tinge {

enum class Placement { kUniform, kRecommended, kOracle };

// "uniform" | "recommended" | "oracle"; UsageError naming the choices otherwise.
Placement parse_placement(const std::string& name);
const char* placement_name(Placement p);

// The next hint a simulated user adds to `hints` on `original` (a patch x patch square's mean ab,
// centred as sample_hints centres its points). `current` is the method's full-resolution result for
// `hints` (the oracle compares it with the original; the recommender ignores it). Falls back to the
// uniform protocol's point for `fallback_seed` when the strategy has nothing to propose.
HintPoint next_simulated_hint(Placement placement, Method& method, const LabImage& original,
                              const std::vector<HintPoint>& hints, const LabImage& current, int patch,
                              uint64_t fallback_seed, const RecommendOptions& recommend = {});

}  // namespace tinge
