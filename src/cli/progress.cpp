// Progress display on stderr (see progress.hpp).
#include "cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace tinge {

ProgressBar::ProgressBar(std::string label, int total)
    : label_(std::move(label)), total_(total < 0 ? 0 : total), tty_(isatty(fileno(stderr)) != 0) {
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

ProgressBar::~ProgressBar() {
  finish();
}

std::string ProgressBar::format_seconds(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  const long t = std::lround(s);
  char buf[32];
  if (t < 60)
    std::snprintf(buf, sizeof buf, "%lds", t);
  else if (t < 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  return buf;
}

void ProgressBar::update(int done) {
  if (finished_) return;
  done_ = done < 0 ? 0 : (done > total_ ? total_ : done);
  const auto now = std::chrono::steady_clock::now();
  if (tty_) {
    if (done_ == total_ || now - last_draw_ > std::chrono::milliseconds(100) || !drawn_) {
      last_draw_ = now;
      draw(false);
    }
    return;
  }
  // Off a terminal: a line per 10% done, and at least one a minute during long, slow runs.
  const int decile = total_ > 0 ? done_ * 10 / total_ : 10;
  if (done_ > 0 && (decile != last_decile_ || now - last_draw_ > std::chrono::seconds(60))) {
    last_decile_ = decile;
    last_draw_ = now;
    draw(false);
  }
}

void ProgressBar::note(const std::string& line) {
  if (tty_ && drawn_) std::fputs("\r\033[K", stderr);
  std::fprintf(stderr, "%s\n", line.c_str());
  if (tty_ && drawn_) draw(false);
}

void ProgressBar::finish() {
  if (finished_) return;
  finished_ = true;
  if (tty_ && drawn_) draw(true);  // off a terminal the last decile line is already printed
}

void ProgressBar::draw(bool final_line) {
  drawn_ = true;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double frac = total_ > 0 ? double(done_) / total_ : 1.0;
  const double eta = done_ > 0 ? elapsed / done_ * (total_ - done_) : NAN;
  char counts[128];
  std::snprintf(counts, sizeof counts, "%d/%d  %s elapsed, ETA %s", done_, total_,
                format_seconds(elapsed).c_str(), done_ == total_ ? "0s" : format_seconds(eta).c_str());
  if (tty_) {
    constexpr int kWidth = 30;
    const int fill = int(frac * kWidth + 1e-9);
    std::string bar = "[" + std::string(size_t(fill), '#') + std::string(size_t(kWidth - fill), '.') + "]";
    std::fprintf(stderr, "\r\033[K%s %s %3d%%  %s", label_.c_str(), bar.c_str(), int(frac * 100 + 1e-9),
                 counts);
    if (final_line) std::fputc('\n', stderr);
  } else {
    std::fprintf(stderr, "%s %3d%%  %s\n", label_.c_str(), int(frac * 100 + 1e-9), counts);
  }
  std::fflush(stderr);
}

}  // namespace tinge
