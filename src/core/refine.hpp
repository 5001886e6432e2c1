// A method combined with Levin's propagation of the same hints: the average of the method's
// prediction and Levin's L-guided optimisation, weighted by the number of hints (w(0) = 0, so with
// no hints the method's prediction is returned unchanged). The two make different errors — the
// network blurs small regions between hints, Levin spreads colours too far where lightness edges
// are weak — and their average beats either at every hint count on photos neither saw
// (README, Evaluation). Costs one sparse solve at working resolution, so it suits final renders,
// not live previews.
#pragma once
#include <memory>

#include "method.hpp"

namespace tinge {

// Levin's share of the average for n hints (patches): 0 for n = 0.
float levin_share(int n_hints);

std::unique_ptr<Method> make_refined_method(std::unique_ptr<Method> base);

// The method to use for live previews: for a method made by make_refined_method its base (no sparse
// solve while a hint is dragged), else `m` itself.
Method& preview_method(Method& m);

}  // namespace tinge
