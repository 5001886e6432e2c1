// Small hand-rolled command-line parsing for the subcommands: `--opt value`, `--opt=value`,
// short aliases (`-o value`), flags, positional arguments, `--` to end options, and `--help`.
// Every mistake throws tinge::UsageError with a one-line message naming the option.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace tinge {

class ArgParser {
 public:
  // `command` is e.g. "tinge colorize"; `usage` the synopsis after it; `about` one or two lines.
  ArgParser(std::string command, std::string usage, std::string about);

  // An option taking a value. `name` is the long form ("--model"), `alias` an optional short form
  // ("-o"); repeatable options keep every value (get_all), others keep the last.
  ArgParser& option(const std::string& name, const std::string& alias, const std::string& metavar,
                    const std::string& help, bool repeatable = false);
  // A flag (no value).
  ArgParser& flag(const std::string& name, const std::string& alias, const std::string& help);
  // Declares how many positional arguments are accepted, and how they read in --help.
  ArgParser& positionals(int min, int max, const std::string& help);

  // Parses the arguments after the command name. Returns false when -h/--help was given (the help
  // text was printed to stdout and the command should return 0).
  bool parse(const std::vector<std::string>& args);

  bool has(const std::string& name) const;
  std::string get(const std::string& name, const std::string& fallback = "") const;
  std::vector<std::string> get_all(const std::string& name) const;
  int get_int(const std::string& name, int fallback, int lo, int hi) const;
  double get_double(const std::string& name, double fallback, double lo, double hi) const;
  const std::vector<std::string>& positional() const { return positional_; }

  std::string help() const;

 private:
  struct Spec {
    std::string name, alias, metavar, help;
    bool takes_value = false;
    bool repeatable = false;
  };
  const Spec* find(const std::string& name) const;

  std::string command_, usage_, about_, positional_help_;
  int min_pos_ = 0, max_pos_ = 0;
  std::vector<Spec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// Strict number parsing for option values; `what` names the option in the error message.
int parse_int(const std::string& text, const std::string& what);
double parse_double(const std::string& text, const std::string& what);
// "0,1,2,5" -> {0, 1, 2, 5}; every entry must be an integer in [lo, hi].
std::vector<int> parse_int_list(const std::string& text, const std::string& what, int lo, int hi);

}  // namespace tinge
