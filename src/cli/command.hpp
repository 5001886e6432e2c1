// The subcommand registry of the `tinge` executable. Each cmd_*.cpp registers itself with
// TINGE_REGISTER_COMMAND, so adding a subcommand never touches main.cpp. The CLI sources are
// compiled straight into the executable, so static registration is safe (no linker dropping).
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace tinge {

struct Command {
  std::string name, summary;
  // Receives the arguments after the command name; returns the process exit code.
  std::function<int(std::vector<std::string>)> run;
};

// Registers a command; a second command with the same name replaces nothing and is ignored.
void register_command(Command cmd);
// All registered commands, sorted by name.
std::vector<Command> commands();
// The command called `name`, or nullptr.
const Command* find_command(const std::string& name);

struct CommandRegistrar {
  CommandRegistrar(const char* name, const char* summary, std::function<int(std::vector<std::string>)> run) {
    register_command(Command{name, summary, std::move(run)});
  }
};

}  // namespace tinge

#define TINGE_CLI_CONCAT_INNER(a, b) a##b
#define TINGE_CLI_CONCAT(a, b) TINGE_CLI_CONCAT_INNER(a, b)
// TINGE_REGISTER_COMMAND("colorize", "Colourise a photo or a folder", run_colorize);
#define TINGE_REGISTER_COMMAND(name, summary, fn) \
  static ::tinge::CommandRegistrar TINGE_CLI_CONCAT(tinge_command_registrar_, __LINE__)(name, summary, fn)
