// The status bar's layout (src/app/status_layout.hpp) with text 7 units per byte: a long message
// is elided in the middle, figures are dropped least important first, nothing overlaps.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/status_layout.hpp"

namespace tinge {
namespace {

float w7(const std::string& s) {
  return 7.f * float(s.size());
}

TEST(StatusLayout, ShortTextIsKept) {
  EXPECT_EQ(elide_middle("opened a.jpg", 200, w7), "opened a.jpg");
}

TEST(StatusLayout, ALongPathKeepsItsStartAndItsFileName) {
  const std::string msg = "opened /home/someone/photos/archive/1936/dust-bowl-home.jpg";
  const std::string e = elide_middle(msg, 7.f * 30, w7);
  EXPECT_LE(e.size(), 30u);
  EXPECT_EQ(e.substr(0, 8), "opened /");
  EXPECT_NE(e.find("..."), std::string::npos);
  EXPECT_EQ(e.substr(e.size() - 8), "home.jpg");
}

TEST(StatusLayout, EliderDoesNotCutAUtf8Character) {
  const std::string msg = "opened /photos/\xc3\xa9t\xc3\xa9/\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9.jpg";
  for (float w = 21; w < 7.f * float(msg.size()); w += 7) {
    const std::string e = elide_middle(msg, w, w7);
    for (size_t i = 0; i < e.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(e[i]);
      if (c >= 0xC0) {  // a lead byte must be followed by its continuation byte
        ASSERT_LT(i + 1, e.size()) << e;
        EXPECT_EQ(static_cast<unsigned char>(e[i + 1]) & 0xC0, 0x80) << e;
      }
    }
  }
}

TEST(StatusLayout, FiguresAreDroppedLeastImportantFirst) {
  const std::vector<StatusFigure> f = {{"model", 2}, {"1024x768", 4}, {"preview 40 ms", 5}, {"3 hints", 1}};
  EXPECT_EQ(fit_figures(f, " | ", 1000, w7), "model | 1024x768 | preview 40 ms | 3 hints");
  EXPECT_EQ(fit_figures(f, " | ", 7.f * 26, w7), "model | 1024x768 | 3 hints");
  EXPECT_EQ(fit_figures(f, " | ", 7.f * 15, w7), "model | 3 hints");
  EXPECT_EQ(fit_figures(f, " | ", 7.f * 7, w7), "3 hints");
  EXPECT_EQ(fit_figures(f, " | ", 7.f * 3, w7), "");
}

TEST(StatusLayout, MessageAndFiguresNeverOverlap) {
  const std::string msg = "opened /home/someone/photos/archive/1936/a-very-long-file-name-indeed.jpg";
  const std::vector<StatusFigure> f = {{"model", 2},       {"1024x768", 4}, {"preview 40 ms", 5},
                                       {"full 131 ms", 5}, {"3 hints", 1},  {"100%", 3},
                                       {"unsaved", 0}};
  for (float width = 50; width < 1400; width += 37) {
    const StatusLine line = layout_status(msg, f, width, 7.f * 20, 14, w7);
    const float used = w7(line.left) + (line.right.empty() ? 0.f : 14.f + w7(line.right));
    EXPECT_LE(used, width + 0.01f) << width;
    if (width > 7.f * 40) EXPECT_GE(line.left.size(), 20u) << width;  // the message keeps some room
  }
  const StatusLine wide = layout_status(msg, f, 7.f * 200, 7.f * 20, 14, w7);
  EXPECT_EQ(wide.left, msg);
  EXPECT_NE(wide.right.find("unsaved"), std::string::npos);
}

}  // namespace
}  // namespace tinge
