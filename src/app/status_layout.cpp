#include "app/status_layout.hpp"

#include <algorithm>

namespace tinge {
namespace {

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::string elide_middle(const std::string& text, float max_width, const TextWidth& width) {
  if (width(text) <= max_width) return text;
  const std::string dots = "...";
  // Keep `n` bytes in all, the head one byte longer than the tail; shrink until it fits.
  for (size_t n = text.size(); n > 0; --n) {
    size_t head = (n + 1) / 2, tail = n - head;
    while (head > 0 && head < text.size() && continuation(text[head])) --head;
    size_t from = text.size() - tail;
    while (from < text.size() && continuation(text[from])) ++from;
    const std::string s = text.substr(0, head) + dots + text.substr(from);
    if (width(s) <= max_width) return s;
  }
  return dots;
}

std::string fit_figures(const std::vector<StatusFigure>& figures, const std::string& separator,
                        float max_width, const TextWidth& width) {
  std::vector<bool> keep(figures.size(), true);
  auto joined = [&] {
    std::string s;
    for (size_t i = 0; i < figures.size(); ++i)
      if (keep[i]) s += (s.empty() ? "" : separator) + figures[i].text;
    return s;
  };
  for (;;) {
    const std::string s = joined();
    if (s.empty() || width(s) <= max_width) return s;
    size_t drop = figures.size();  // the least important kept; the later of equals
    for (size_t i = 0; i < figures.size(); ++i)
      if (keep[i] && (drop == figures.size() || figures[i].priority >= figures[drop].priority)) drop = i;
    keep[drop] = false;
  }
}

StatusLine layout_status(const std::string& message, const std::vector<StatusFigure>& figures, float width,
                         float min_left, float gap, const TextWidth& text_width) {
  StatusLine line;
  const float left_wants = std::min(text_width(message), min_left);
  line.right = fit_figures(figures, " | ", std::max(0.f, width - left_wants - gap), text_width);
  const float right_w = line.right.empty() ? 0.f : text_width(line.right) + gap;
  line.left = elide_middle(message, std::max(0.f, width - right_w), text_width);
  return line;
}

}  // namespace tinge
