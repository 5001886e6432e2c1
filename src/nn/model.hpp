// The public face of the network: load a model file and use it as a colourisation Method, or ask it
// for suggested colours at a point. Torch stays behind this header (no torch types here). The
// settings come from the caller (the CLI reads flags and environment); the library reads neither.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/method.hpp"

namespace tinge {

struct ModelOptions {
  std::string device = "cpu";  // cpu | cuda | auto
  int threads = 0;             // intra-op threads; 0 = half the hardware threads, 1 to 4
  std::string decode = "";     // "" = as the model file says; "blend" | "regression" | "annealed"
  std::string precision = "";  // "" = auto (bf16 on CPUs with bf16 instructions) | fp32 | bf16
};

// A network: a Method that is also its own ColourDistribution (suggestions and colour_spread undo
// the training's class rebalancing, so they rank colours by how likely they are).
class ModelMethod : public Method, public ColourDistribution {
 public:
  virtual const std::string& metadata_json() const = 0;
  ColourDistribution* distribution() override { return this; }
};

// Throws ModelError naming the tensor or field at fault for a missing, truncated or mismatched file.
std::unique_ptr<ModelMethod> load_model(const std::string& path, const ModelOptions& opt = {});
// Loads a model file's bytes on the CPU and discards them: throws ModelError as load_model does.
void check_model_bytes(const std::string& bytes, const std::string& name);

}  // namespace tinge
