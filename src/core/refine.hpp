// Hint refinement around any method: the method's prediction is the prior, and the differences
// between the hints and that prediction at the hinted pixels are propagated with Levin's L-guided
// optimisation and added back. Hinted pixels then take their hint exactly, corrections follow
// lightness edges, and with no hints the method's prediction is returned unchanged.
#pragma once
#include <memory>

#include "method.hpp"

namespace tinge {

std::unique_ptr<Method> make_refined_method(std::unique_ptr<Method> base);

}  // namespace tinge
