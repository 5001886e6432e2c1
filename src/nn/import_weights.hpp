// Turns released PyTorch weights into tinge model files. Torch-free interface.
#pragma once
#include <string>
#include <vector>

namespace tinge {

struct ImportReport {
  std::string format;                // checkpoint container: "zip" or "legacy"
  int tensors = 0;                   // tensors written
  double parameters = 0;             // parameter count
  std::vector<std::string> ignored;  // checkpoint tensors the architecture does not use
};

// Reads a `torch.save` state dict of Zhang et al.'s SIGGRAPH17 generator (richzhang/colorization,
// colorizers/siggraph17.py; a "module." prefix from DataParallel is accepted) and writes a tinge
// model file (arch "siggraph17") atomically. Throws ModelError naming the tensor or shape at fault.
ImportReport import_siggraph17_weights(const std::string& checkpoint, const std::string& out);

}  // namespace tinge
