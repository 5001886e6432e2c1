// Crash-safe file replacement: the new bytes go to a temporary file beside the target, are fsynced,
// and replace the target with one rename(2), after which the folder is fsynced. A reader (or a
// power cut, or SIGKILL) sees either the old complete file or the new complete one, never a mix.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace tinge {

// Writes `bytes` to `path` atomically. The temporary is ".NAME.tinge-tmp-PID-N" in the target's
// folder (hidden, and never mistaken for an image by its extension); it is removed on every error,
// and only a process killed between creating and renaming it can leave one behind: such leftovers
// (their process no longer runs) are removed the first time a process saves into that folder.
// Throws tinge::ImageError naming `path` when it cannot write.
void write_file_atomic(const std::string& path, const std::string& bytes);

// The temporary-file name write_file_atomic uses for `path` (exposed so tests and clean-up tools
// recognise leftovers): ".NAME.tinge-tmp-" + suffix, in the folder of `path`.
std::string atomic_temp_name(const std::string& path, const std::string& suffix);

// For an option naming a file to write after a long run (a model, a report, a plot): fails at once,
// with a UsageError naming `option`, when `path` is empty, names a folder, or lies in a folder that
// does not exist, rather than after the run.
void check_output_file(const std::string& option, const std::string& path);

// Whether two paths name the same file (the same inode when both exist, else the same canonical
// path), so "a.png", "./a.png" and a link to it are one file.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// Fails with a UsageError naming `option` when `path` is the same file as one of `inputs` (empty
// entries are skipped): a command's output must not replace what it reads.
void check_not_an_input(const std::string& option, const std::string& path,
                        const std::vector<std::string>& inputs);

}  // namespace tinge
