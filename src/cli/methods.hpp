// Picks a colourisation method by name for the CLI commands: "gray", "levin", and "model" (the
// network, only in builds with LibTorch), each optionally "+levin". The method options are declared
// and read here for every command that runs a method, with one precedence: flag > environment
// variable > model file > default (cli/environment.hpp).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/method.hpp"

namespace tinge {

struct MethodArgs {
  std::string model_path;      // "" = $TINGE_MODEL or the bundled model (default_model_path())
  std::string device = "cpu";  // cpu | cuda | auto (network only)
  int threads = 0;             // 0 = the library's default (half the cores, 1 to 4)
  std::string decode;          // network decoding; "" = as the model file says
  std::string precision;       // network arithmetic; "" = auto
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

enum class MethodCount { kOne, kSeveral };

// Declares the options that choose and configure a method: --method (repeatable with kSeveral),
// --model, --device, --threads, --decode, --precision.
void add_method_options(ArgParser& p, MethodCount count = MethodCount::kOne);
// What those options and the environment ask for: each flag, else its variable (TINGE_THREADS,
// TINGE_DECODE, TINGE_PRECISION), else empty (the model file's, then the library's default). Also
// caps the CPU threads of the core's OpenMP parts at the threads asked for.
MethodArgs method_args(const ArgParser& p);
// The method those options ask for (an explicit --model implies "model"; otherwise the default
// method). `name`, when given, receives the method's name.
std::unique_ptr<Method> method_from_options(const ArgParser& p, std::string* name = nullptr);

// Caps the CPU threads used by the OpenMP parts of the core (levin, colour conversion); n <= 0
// leaves the default. No effect in builds without OpenMP.
void set_cpu_threads(int n);

}  // namespace tinge
