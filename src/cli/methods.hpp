// Picks a colourisation method by name for the CLI commands: "gray", "levin", and "model" (the
// network, only in builds with LibTorch).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/method.hpp"

namespace tinge {

struct MethodArgs {
  std::string model_path;      // "" = $TINGE_MODEL or the bundled model (default_model_path())
  std::string device = "cpu";  // cpu | cuda | auto (network only)
  int threads = 0;             // 0 = library default
  std::string decode;          // network decoding; "" = as the model file says
  std::string precision;       // network arithmetic; "" = $TINGE_PRECISION or auto
};

// Throws UsageError for an unknown name, Error when the build lacks network support, ModelError
// for a bad model file.
std::unique_ptr<Method> make_method(const std::string& name, const MethodArgs& args);

// The names make_method accepts in this build.
std::vector<std::string> method_names();

// "model" when this build has the network and a bundled model exists, else "levin"; in the latter
// case prints a one-line note to stderr saying why.
std::string default_method_name();

class ArgParser;

// Declares the options that choose and configure a method: --method, --model, --device, --threads,
// --decode.
void add_method_options(ArgParser& p);
// The method those options ask for (an explicit --model implies "model"; otherwise the default
// method), with the CPU threads capped as asked. `name`, when given, receives the method's name.
std::unique_ptr<Method> method_from_options(const ArgParser& p, std::string* name = nullptr);

// Caps the CPU threads used by the OpenMP parts of the core (levin, colour conversion); n <= 0
// leaves the default. No effect in builds without OpenMP.
void set_cpu_threads(int n);

}  // namespace tinge
