// Entry point of the interactive editor (`tinge edit`), the only thing the CLI sees of src/app.
#pragma once
#include <memory>
#include <string>

#include "core/method.hpp"

namespace tinge {

struct EditorOptions {
  std::string input;               // an image or a session .json; empty = the bundled sample
  std::string session;             // hints to load for the image (--session)
  std::string script;              // replay these actions headlessly and exit (--script)
  std::unique_ptr<Method> method;  // the colourisation method (the CLI picks it); null = levin
  std::string sample;              // the bundled sample image, used when `input` is empty
  std::string bench_out;           // benchmark frame times and edit latencies into this JSON, then exit
  double bench_seconds = 10;       // --bench: how long to drag a hint
  int bench_edits = 30;            // --bench: how many single edits to time
  int width = 1280, height = 800;
  // Frames drawn per second at most while something moves (0: the display's refresh rate, at least
  // 60). Without vsync (e.g. a software renderer) the loop would otherwise draw as fast as it can
  // and take the processor from inference.
  double max_fps = 0;
  bool autosave = true;            // autosave hints and offer recovery (interactive runs)
  bool autosave_scripted = false;  // the same for --script runs (off unless asked for)
  std::string autosave_dir;        // where autosaves go ("" = a folder under the temporary folder)
  std::string config_dir;          // where the recent-files list goes (the same)
  // Nice value (0..19) of the inference thread. Smooth frames while the network runs matter more
  // than a few milliseconds of its latency: on 2 cores with software OpenGL, dragging had 42-46 %
  // of frames over 20 ms at nice 5 and 25-28 % at 19, for previews 5-10 ms later (README, Speed).
  // Only contended cores feel it.
  int worker_nice = 19;
  // Where results are composed for display: "auto" (the CPU where OpenGL is software), "gpu" or "cpu".
  std::string compose = "auto";
};

// Runs the editor until the window closes (or the script ends). Returns the exit code; errors
// that stop it (unreadable image, bad script action) are thrown as tinge::Error subclasses.
int run_editor(EditorOptions opt);

}  // namespace tinge
