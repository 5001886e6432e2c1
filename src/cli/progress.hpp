// A progress display for long CLI work, on stderr: bar, count, elapsed time and ETA. On a terminal
// the line is redrawn in place (at most ~10 times a second); otherwise (logs, CI) one plain line is
// printed about every 10% (and at least once a minute) so logs stay short.
#pragma once
#include <chrono>
#include <string>

namespace tinge {

class ProgressBar {
 public:
  ProgressBar(std::string label, int total);
  ~ProgressBar();
  // Reports that `done` of `total` items are finished.
  void update(int done);
  // Prints a message on its own line without garbling the bar (e.g. a failed file).
  void note(const std::string& line);
  // Ends the display with a final line (idempotent; the destructor calls it).
  void finish();

  // "1:05", "12s", "1:02:03"; exposed for tests.
  static std::string format_seconds(double s);

 private:
  void draw(bool final_line);

  std::string label_;
  int total_ = 0;
  int done_ = 0;
  int last_decile_ = -1;
  bool tty_ = false;
  bool finished_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace tinge
