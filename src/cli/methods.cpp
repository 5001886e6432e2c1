// Method selection for the CLI (see methods.hpp). Only this file knows whether the build has the
// network; the rest of the CLI asks for a method by name.
#include "cli/methods.hpp"

#include <cstdio>

#include "cli/args.hpp"
#include "cli/environment.hpp"
#include "cli/resources.hpp"
#include "core/error.hpp"
#include "core/refine.hpp"
#if TINGE_WITH_TORCH
#include "nn/model.hpp"
#endif

// The core links OpenMP privately; a weak reference lets the CLI set the thread count when the
// runtime is present without making the CLI itself depend on it.
extern "C" void omp_set_num_threads(int) __attribute__((weak));

namespace tinge {

std::vector<std::string> method_names() {
#if TINGE_WITH_TORCH
  return {"gray", "levin", "model", "model+levin"};
#else
  return {"gray", "levin"};
#endif
}

std::unique_ptr<Method> make_method(const std::string& name, const MethodArgs& args) {
  const std::string suffix = "+levin";
  if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    return make_refined_method(make_method(name.substr(0, name.size() - suffix.size()), args));
  if (name == "gray") return make_gray_method();
  if (name == "levin") return make_levin_method();
  if (name == "model") {
#if TINGE_WITH_TORCH
    ModelOptions opt;
    opt.device = args.device;
    opt.threads = args.threads;
    opt.decode = args.decode;
    opt.precision = args.precision;
    std::string path = args.model_path.empty() ? default_model_path() : args.model_path;
    if (path.empty())
      throw ModelError(
          "no model file given and no bundled model found (use --model FILE or set TINGE_MODEL)");
    return load_model(path, opt);
#else
    (void)args;
    throw Error("method 'model': this build has no network support (rebuild with TINGE_WITH_TORCH=ON)");
#endif
  }
  std::string known;
  for (const std::string& n : method_names()) known += (known.empty() ? "" : ", ") + n;
  throw UsageError("unknown method '" + name + "' (known: " + known + ")");
}

std::string default_method_name() {
#if TINGE_WITH_TORCH
  if (!default_model_path().empty()) return "model";
  std::fprintf(stderr, "tinge: note: no bundled network model found; using --method levin\n");
#else
  std::fprintf(stderr, "tinge: note: this build has no network support; using --method levin\n");
#endif
  return "levin";
}

void set_cpu_threads(int n) {
  if (n > 0 && omp_set_num_threads) omp_set_num_threads(n);
}

void add_method_options(ArgParser& p, MethodCount count) {
  if (count == MethodCount::kSeveral)
    p.option("--method", "", "M", "method(s) to measure: gray | levin | model | model+levin (repeatable)",
             true);
  else
    p.option("--method", "", "M",
             "gray | levin | model | model+levin (default: model when available, else levin)");
  p.option("--model", "", "FILE", "network model file (implies --method model)")
      .option("--device", "", "D", "cpu | cuda | auto, for the network (default cpu)")
      .option("--threads", "", "N",
              "CPU threads for the network (default: half the cores, 1 to 4; $TINGE_THREADS)")
      .option("--decode", "", "D",
              "network decoding: blend | regression | annealed (default: the model's; $TINGE_DECODE)")
      .option("--precision", "", "P",
              "network arithmetic: auto | fp32 | bf16 (default auto: bf16 on CPUs with bf16 instructions; "
              "$TINGE_PRECISION)");
}

MethodArgs method_args(const ArgParser& p) {
  MethodArgs margs;
  margs.model_path = p.get("--model");
  margs.device = p.get("--device", "cpu");
  margs.threads = p.has("--threads") ? p.get_int("--threads", 0, 0, 4096) : env_threads();
  margs.decode = p.has("--decode") ? p.get("--decode") : env_decode();
  margs.precision = p.has("--precision") ? p.get("--precision") : env_precision();
  set_cpu_threads(margs.threads);
  return margs;
}

std::unique_ptr<Method> method_from_options(const ArgParser& p, std::string* name) {
  const MethodArgs margs = method_args(p);
  const std::string method = p.has("--method")  ? p.get("--method")
                             : p.has("--model") ? std::string("model")
                                                : default_method_name();
  if (name) *name = method;
  return make_method(method, margs);
}

}  // namespace tinge
