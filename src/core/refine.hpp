// A method combined with Levin's propagation of the same hints: the average of the method's
// prediction and Levin's L-guided optimisation, weighted by the number of hints (w(0) = 0, so with
// no hints the method's prediction is returned unchanged). The two make different errors — the
// network blurs small regions between hints, Levin spreads colours too far where lightness edges
// are weak — and their average scores higher than either at every hint count on photos neither
// saw (README, Evaluation). Levin is solved on a coarse grid (short side 64) and upsampled guided
// by L: about 15 ms over the method alone, so previews use it too. With one or two hints the
// average tints the whole photo towards them: more faithful on average, less vivid.
#pragma once
#include <memory>

#include "method.hpp"

namespace tinge {

// Levin's share of the average for n hints (patches): 0 for n = 0.
float levin_share(int n_hints);

std::unique_ptr<Method> make_refined_method(std::unique_ptr<Method> base);

// The method a combination made by make_refined_method is built on (the network, for model+levin:
// what suggests colours), else `m` itself.
Method& base_method(Method& m);

}  // namespace tinge
