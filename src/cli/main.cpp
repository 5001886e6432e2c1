// Entry point of the `tinge` executable: dispatches to the registered subcommands and is the one
// place that turns exceptions into a single "tinge: error: ..." line and an exit code
// (2 for usage errors, 1 for everything else). Never lets an exception escape.
#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/environment.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"

namespace {

void print_help(std::FILE* out) {
  std::fprintf(out,
               "usage: tinge COMMAND [ARGS...]\n\n"
               "Colourises black-and-white photographs from a few colour hints.\n\ncommands:\n");
  for (const tinge::Command& c : tinge::commands())
    std::fprintf(out, "  %-15s %s\n", c.name.c_str(), c.summary.c_str());
  std::fprintf(out,
               "\noptions:\n  -h, --help     show this help ('tinge COMMAND --help' for a command)\n"
               "  --version      print the version\n");
}

// Keeps an error message on one line whatever the thrower put in it.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s.empty() ? "unknown error" : s;
}

int fail(const std::string& what, int code) {
  std::fprintf(stderr, "tinge: error: %s\n", one_line(what).c_str());
  return code;
}

int run(int argc, char** argv) {
  if (argc < 2) {
    print_help(stderr);
    return 2;
  }
  const std::string first = argv[1];
  std::vector<std::string> rest(argv + 2, argv + argc);
  if (first == "-h" || first == "--help") {
    print_help(stdout);
    return 0;
  }
  if (first == "--version") {
    std::printf("tinge %s\n", TINGE_VERSION);
    return 0;
  }
  if (first == "help") {
    if (rest.empty()) {
      print_help(stdout);
      return 0;
    }
    const tinge::Command* cmd = tinge::find_command(rest[0]);
    if (!cmd) throw tinge::UsageError("unknown command '" + rest[0] + "' (see 'tinge --help')");
    return cmd->run({"--help"});
  }
  if (!first.empty() && first[0] == '-')
    throw tinge::UsageError("unknown option '" + first + "' (see 'tinge --help')");
  const tinge::Command* cmd = tinge::find_command(first);
  if (!cmd) throw tinge::UsageError("unknown command '" + first + "' (see 'tinge --help')");
  // `tinge COMMAND --version` answers like `tinge --version`, whatever the command's own parser.
  for (const std::string& a : rest) {
    if (a == "--") break;
    if (a == "--version") {
      std::printf("tinge %s\n", TINGE_VERSION);
      return 0;
    }
  }
  if (const int64_t pixels = tinge::env_max_pixels()) tinge::set_default_max_pixels(pixels);
  return cmd->run(rest);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const tinge::UsageError& e) {
    return fail(e.what(), 2);
  } catch (const std::bad_alloc&) {
    return fail("out of memory", 1);
  } catch (const std::exception& e) {
    return fail(e.what(), 1);
  } catch (...) {
    return fail("unexpected failure", 1);
  }
}
