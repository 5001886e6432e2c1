// Hand-rolled argument parsing for the subcommands (see args.hpp).
#include "cli/args.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/error.hpp"

namespace tinge {

ArgParser::ArgParser(std::string command, std::string usage, std::string about)
    : command_(std::move(command)), usage_(std::move(usage)), about_(std::move(about)) {}

ArgParser& ArgParser::option(const std::string& name, const std::string& alias, const std::string& metavar,
                             const std::string& help, bool repeatable) {
  specs_.push_back(Spec{name, alias, metavar, help, true, repeatable});
  return *this;
}

ArgParser& ArgParser::flag(const std::string& name, const std::string& alias, const std::string& help) {
  specs_.push_back(Spec{name, alias, "", help, false, false});
  return *this;
}

ArgParser& ArgParser::positionals(int min, int max, const std::string& help) {
  min_pos_ = min;
  max_pos_ = max;
  positional_help_ = help;
  return *this;
}

const ArgParser::Spec* ArgParser::find(const std::string& name) const {
  for (const Spec& s : specs_)
    if (s.name == name || (!s.alias.empty() && s.alias == name)) return &s;
  return nullptr;
}

bool ArgParser::parse(const std::vector<std::string>& args) {
  values_.clear();
  positional_.clear();
  const std::string see = " (see '" + command_ + " --help')";
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      std::fputs(help().c_str(), stdout);
      return false;
    }
    std::string name = arg, value;
    bool inline_value = false;
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    const Spec* spec = find(name);
    if (!spec) throw UsageError("unknown option '" + name + "' for '" + command_ + "'" + see);
    if (!spec->takes_value) {
      if (inline_value) throw UsageError("option " + spec->name + " takes no value" + see);
      values_[spec->name].push_back("1");
      continue;
    }
    if (!inline_value) {
      // The next argument is the value, unless there is none or it is another long option.
      if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0)
        throw UsageError("option " + spec->name + " needs a value (" + spec->metavar + ")" + see);
      value = args[++i];
    }
    auto& slot = values_[spec->name];
    if (!spec->repeatable) slot.clear();
    slot.push_back(value);
  }
  const int n = int(positional_.size());
  if (n < min_pos_)
    throw UsageError("'" + command_ + "' needs " +
                     (positional_help_.empty() ? "an argument" : positional_help_) + see);
  if (n > max_pos_)
    throw UsageError("unexpected argument '" + positional_[size_t(max_pos_)] + "' for '" + command_ + "'" +
                     see);
  return true;
}

bool ArgParser::has(const std::string& name) const {
  return values_.count(name) != 0;
}

std::string ArgParser::get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> ArgParser::get_all(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

int ArgParser::get_int(const std::string& name, int fallback, int lo, int hi) const {
  if (!has(name)) return fallback;
  const int v = parse_int(get(name), name);
  if (v < lo || v > hi)
    throw UsageError(name + " must be in " + std::to_string(lo) + ".." + std::to_string(hi) + ", got " +
                     std::to_string(v));
  return v;
}

double ArgParser::get_double(const std::string& name, double fallback, double lo, double hi) const {
  if (!has(name)) return fallback;
  const double v = parse_double(get(name), name);
  if (v < lo || v > hi) {
    std::ostringstream s;
    s << name << " must be in " << lo << ".." << hi << ", got " << v;
    throw UsageError(s.str());
  }
  return v;
}

std::string ArgParser::help() const {
  std::ostringstream s;
  s << "usage: " << command_ << " " << usage_ << "\n\n" << about_ << "\n";
  if (!specs_.empty()) s << "\noptions:\n";
  for (const Spec& spec : specs_) {
    std::string left = "  " + (spec.alias.empty() ? "" : spec.alias + ", ") + spec.name;
    if (spec.takes_value) left += " " + spec.metavar;
    if (left.size() < 28)
      left.resize(28, ' ');
    else
      left += "\n" + std::string(28, ' ');
    s << left << spec.help << "\n";
  }
  s << std::string("  -h, --help").append(16, ' ') << "show this help\n";
  return s.str();
}

int parse_int(const std::string& text, const std::string& what) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || v < -2147483647LL || v > 2147483647LL)
    throw UsageError(what + ": expected an integer, got '" + text + "'");
  return int(v);
}

double parse_double(const std::string& text, const std::string& what) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v))
    throw UsageError(what + ": expected a number, got '" + text + "'");
  return v;
}

std::vector<int> parse_int_list(const std::string& text, const std::string& what, int lo, int hi) {
  std::vector<int> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    const int v = parse_int(item, what);
    if (v < lo || v > hi)
      throw UsageError(what + ": " + std::to_string(v) + " is outside " + std::to_string(lo) + ".." +
                       std::to_string(hi));
    out.push_back(v);
  }
  if (out.empty() || (!text.empty() && text.back() == ','))
    throw UsageError(what + ": expected a comma-separated list of integers, got '" + text + "'");
  return out;
}

}  // namespace tinge
