// Fitting the status bar's text into the window's width (GL- and ImGui-free, so it is unit tested):
// the message on the left is elided in the middle (a long path keeps its start and its file name),
// and the figures on the right are dropped, least important first, until what is left fits.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace tinge {

using TextWidth = std::function<float(const std::string&)>;

// `text` when it fits in max_width, else its start and end around "...", as long as fits (at least
// the "..." itself when nothing else does). Cuts only between UTF-8 characters.
std::string elide_middle(const std::string& text, float max_width, const TextWidth& width);

struct StatusFigure {
  std::string text;
  int priority = 0;  // lower is more important: dropped last
};

// The figures that fit in max_width, in their given order, joined by `separator`; the least
// important are dropped first (the later one of equal importance first).
std::string fit_figures(const std::vector<StatusFigure>& figures, const std::string& separator,
                        float max_width, const TextWidth& width);

struct StatusLine {
  std::string left, right;
};

// The whole bar: the figures may take what the message leaves, but never more than the width
// minus `min_left` (or minus the whole message when it is shorter); the message is elided to the
// rest, `gap` apart.
StatusLine layout_status(const std::string& message, const std::vector<StatusFigure>& figures, float width,
                         float min_left, float gap, const TextWidth& text_width);

}  // namespace tinge
