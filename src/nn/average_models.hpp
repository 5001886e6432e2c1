// Weight averaging of two model files of the same architecture ("model soup"): every tensor of
// the result is (1 - t) * A + t * B. Averaging a fine-tuned model with the model it started from
// often scores better than either (Wortsman et al. 2022): most steps of the bundled model's lineage
// are such averages (docs/training.md). No torch: it works on the safetensors bytes.
#pragma once
#include <string>

#include "nn/safetensors.hpp"

namespace tinge {

// The averaged model file's bytes. Both files must have the same architecture metadata and the
// same tensors (names, F32, shapes); ModelError names what differs. One exception: a model without
// the Levin input and one with it (net.hpp) average as if the first had zero weights for it (its
// stem's extra input channels and the gate), giving a model with it. The metadata is B's, minus
// its eval figures and resume state, plus "weight_average": {"weights": [1 - t, t], "models":
// [A's and B's training records and file names]}. t is in [0, 1].
std::string average_model_files(const SafetensorsFile& a, const std::string& a_name, const SafetensorsFile& b,
                                const std::string& b_name, double t);

}  // namespace tinge
