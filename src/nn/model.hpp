// The public face of the network: load a model file and use it as a colourisation Method, or ask it
// for suggested colours at a point. Torch stays behind this header (no torch types here).
#pragma once
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/method.hpp"

namespace tinge {

struct ModelOptions {
  std::string device = "cpu";  // cpu | cuda | auto
  int threads = 0;             // intra-op threads; 0 = default (TINGE_THREADS env or 1)
  std::string decode = "";     // "" = as the model file says; "regression" | "annealed"
  std::string precision = "";  // "" = $TINGE_PRECISION or auto (bf16 on CPUs with bf16 instructions) | fp32 | bf16
};

struct Suggestion {
  float a = 0, b = 0;      // in gamut at the point's L
  float probability = 0;   // mass of the mode's neighbourhood
};

class ModelMethod : public Method {
 public:
  virtual const std::string& metadata_json() const = 0;
  // The k most likely distinct in-gamut colours at working-resolution pixel (x, y), from the
  // predicted distribution (mode seeking, each brought into gamut at L).
  virtual std::vector<Suggestion> suggest(const Plane& L, const HintPlanes& hints, float x, float y,
                                          int k) = 0;
  // How unsure the network is of the colour at each cell of its distribution's grid (a quarter of
  // the working image, rounded up): the spread of the predicted ab distribution (standard deviation
  // in ab units) after undoing the training's rebalancing, as suggestions do. Where it is large the
  // suggestions differ; where it is small any colouring agrees.
  virtual Plane colour_spread(const Plane& L, const HintPlanes& hints) = 0;
};

// Throws ModelError naming the tensor or field at fault for a missing, truncated or mismatched file.
std::unique_ptr<ModelMethod> load_model(const std::string& path, const ModelOptions& opt = {});
// Loads a model file's bytes on the CPU and discards them: throws ModelError as load_model does.
void check_model_bytes(const std::string& bytes, const std::string& name);

}  // namespace tinge
