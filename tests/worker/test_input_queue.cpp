// The editor's input queue (src/app/input_queue.hpp): a key tapped faster than a frame reaches
// ImGui as a press in one frame and a release in the next, chords keep their order, characters
// keep their place among keys.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/input_queue.hpp"

namespace tinge {
namespace {

constexpr int P = InputQueue::kPress, R = InputQueue::kRelease, Rep = InputQueue::kRepeat;

// Drains one frame and describes it, e.g. "93+ 93-" (key 93 pressed, released), "'a" for a char.
std::string frame(InputQueue& q) {
  std::string out;
  q.drain_frame([&](const InputEvent& e) {
    if (!out.empty()) out += ' ';
    if (e.is_char)
      out += "'" + std::string(1, char(e.codepoint));
    else
      out += std::to_string(e.key) + (e.action == P ? "+" : e.action == R ? "-" : "r");
  });
  return out;
}

TEST(InputQueue, ATapWithinOneFrameIsSplitOverTwo) {
  InputQueue q;
  q.push_key(93, 0, P, 0);
  q.push_key(93, 0, R, 0);
  EXPECT_EQ(frame(q), "93+");
  EXPECT_EQ(frame(q), "93-");
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(frame(q), "");
}

TEST(InputQueue, ThreeQuickTapsAreThreePresses) {
  InputQueue q;
  for (int i = 0; i < 3; ++i) {
    q.push_key(93, 0, P, 0);
    q.push_key(93, 0, R, 0);
  }
  std::vector<std::string> frames;
  while (!q.empty()) frames.push_back(frame(q));
  EXPECT_EQ(frames, (std::vector<std::string>{"93+", "93-", "93+", "93-", "93+", "93-"}));
}

TEST(InputQueue, AChordIsSeenWholeBeforeItsReleases) {
  InputQueue q;  // xdotool key ctrl+o: ctrl down, o down, o up, ctrl up, all at once
  q.push_key(341, 0, P, 0);
  q.push_key(79, 0, P, 2);
  q.push_key(79, 0, R, 2);
  q.push_key(341, 0, R, 0);
  EXPECT_EQ(frame(q), "341+ 79+");
  EXPECT_EQ(frame(q), "79- 341-");  // releases go together once nothing was pressed in the frame
}

TEST(InputQueue, AModifierReleasedBeforeItsKeyIsStillHeldWhenTheKeyIsSeen) {
  InputQueue q;  // xdotool key ctrl+s: ctrl down, s down, ctrl up, s up
  q.push_key(341, 0, P, 0);
  q.push_key(83, 0, P, 2);
  q.push_key(341, 0, R, 0);
  q.push_key(83, 0, R, 0);
  EXPECT_EQ(frame(q), "341+ 83+");
  EXPECT_EQ(frame(q), "341- 83-");
}

TEST(InputQueue, DifferentKeysAndRepeatsGoTogether) {
  InputQueue q;
  q.push_key(65, 0, P, 0);
  q.push_key(65, 0, Rep, 0);
  q.push_key(66, 0, P, 0);
  q.push_key(65, 0, Rep, 0);
  EXPECT_EQ(frame(q), "65+ 65r 66+ 65r");
}

TEST(InputQueue, CharactersKeepTheirPlaceBehindAHeldBackKey) {
  InputQueue q;  // typing "ab" then Enter twice quickly: nothing overtakes the second Enter
  q.push_key(257, 0, P, 0);
  q.push_char('a');
  q.push_key(257, 0, R, 0);
  q.push_char('b');
  EXPECT_EQ(frame(q), "257+ 'a");
  EXPECT_EQ(frame(q), "257- 'b");
}

}  // namespace
}  // namespace tinge
