// The subcommand registry (see command.hpp). The table is a function-local static so that it exists
// before the first registrar in any translation unit runs.
#include "cli/command.hpp"

#include <algorithm>

namespace tinge {
namespace {

std::vector<Command>& table() {
  static std::vector<Command> t;
  return t;
}

}  // namespace

void register_command(Command cmd) {
  if (find_command(cmd.name)) return;
  table().push_back(std::move(cmd));
}

std::vector<Command> commands() {
  std::vector<Command> out = table();
  std::sort(out.begin(), out.end(), [](const Command& x, const Command& y) { return x.name < y.name; });
  return out;
}

const Command* find_command(const std::string& name) {
  for (const Command& c : table())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace tinge
