// Unit tests of the editor document: hint edits, selection, undo/redo, coalesced drags, modified flag.
#include <gtest/gtest.h>

#include "core/document.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

HintPoint pt(double x, double y, float a = 10, float b = -20, int size = 5) {
  HintPoint p;
  p.x = x;
  p.y = y;
  p.a = a;
  p.b = b;
  p.size = size;
  return p;
}

TEST(Document, AddSelectsAndUndoRedoRestores) {
  Document d;
  EXPECT_FALSE(d.can_undo());
  EXPECT_EQ(d.add_point(pt(1, 2)), 0);
  EXPECT_EQ(d.add_point(pt(3, 4)), 1);
  EXPECT_EQ(d.selected(), 1);
  ASSERT_EQ(d.size(), 2);
  EXPECT_TRUE(d.undo());
  ASSERT_EQ(d.size(), 1);
  EXPECT_EQ(d.point(0).x, 1);
  EXPECT_LT(d.selected(), 1);  // selection never points past the end
  EXPECT_TRUE(d.redo());
  ASSERT_EQ(d.size(), 2);
  EXPECT_EQ(d.point(1).y, 4);
  EXPECT_FALSE(d.redo());
}

TEST(Document, EveryKindOfChangeIsOneUndoStep) {
  Document d;
  d.add_point(pt(1, 1));
  d.move_point(0, 7, 8);
  d.set_color(0, 50, 60);
  d.set_size(0, 9);
  EXPECT_EQ(d.point(0).size, 9);
  d.undo();
  EXPECT_EQ(d.point(0).size, 5);
  EXPECT_EQ(d.point(0).a, 50);
  d.undo();
  EXPECT_EQ(d.point(0).a, 10);
  EXPECT_EQ(d.point(0).x, 7);
  d.undo();
  EXPECT_EQ(d.point(0).x, 1);
  d.undo();
  EXPECT_EQ(d.size(), 0);
  EXPECT_FALSE(d.undo());
}

TEST(Document, NewChangeClearsRedo) {
  Document d;
  d.add_point(pt(1, 1));
  d.undo();
  EXPECT_TRUE(d.can_redo());
  d.add_point(pt(2, 2));
  EXPECT_FALSE(d.can_redo());
}

TEST(Document, DragIsCoalescedIntoOneStepButRevisionFollowsEveryMove) {
  Document d;
  d.add_point(pt(0, 0));
  uint64_t r0 = d.revision();
  d.begin_edit();
  for (int i = 1; i <= 10; ++i) d.move_point(0, i, i);
  d.end_edit();
  EXPECT_EQ(d.revision(), r0 + 10);
  EXPECT_EQ(d.point(0).x, 10);
  d.undo();
  EXPECT_EQ(d.point(0).x, 0);  // one step back goes to before the drag
  EXPECT_EQ(d.size(), 1);
}

TEST(Document, EditWithoutChangeRecordsNothing) {
  Document d;
  d.add_point(pt(0, 0));
  d.undo();
  d.redo();
  d.begin_edit();
  d.move_point(0, 5, 5);
  d.move_point(0, 0, 0);  // back where it started
  d.end_edit();
  EXPECT_TRUE(d.can_redo() == false);
  d.undo();
  EXPECT_EQ(d.size(), 0);  // the no-op drag did not add a step
}

TEST(Document, RemoveKeepsSelectionOnTheSamePoint) {
  Document d;
  d.add_point(pt(0, 0));
  d.add_point(pt(1, 1));
  d.add_point(pt(2, 2));
  d.select(2);
  d.remove_point(0);
  EXPECT_EQ(d.selected(), 1);
  EXPECT_EQ(d.point(1).x, 2);
  d.remove_point(1);
  EXPECT_EQ(d.selected(), -1);
}

TEST(Document, ModifiedTracksTheSavedState) {
  Document d;
  EXPECT_FALSE(d.modified());
  d.add_point(pt(0, 0));
  EXPECT_TRUE(d.modified());
  d.mark_saved();
  EXPECT_FALSE(d.modified());
  d.move_point(0, 3, 3);
  EXPECT_TRUE(d.modified());
  d.undo();
  EXPECT_FALSE(d.modified());  // back at the saved state
}

TEST(Document, ResetClearsHistoryAndReplaceAllIsUndoable) {
  Document d;
  d.add_point(pt(0, 0));
  d.reset({pt(5, 5), pt(6, 6)});
  EXPECT_FALSE(d.can_undo());
  EXPECT_FALSE(d.modified());
  d.replace_all({pt(9, 9)});
  EXPECT_EQ(d.size(), 1);
  d.undo();
  EXPECT_EQ(d.size(), 2);
}

TEST(Document, BadIndicesThrowNamingTheHint) {
  Document d;
  d.add_point(pt(0, 0));
  try {
    d.move_point(3, 1, 1);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("hint 3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(d.remove_point(-1), Error);
  EXPECT_THROW(d.select(1), Error);
  EXPECT_THROW(d.set_size(0, 0), Error);
}

TEST(Document, HistoryIsBounded) {
  Document d(3);
  for (int i = 0; i < 10; ++i) d.add_point(pt(i, i));
  int undos = 0;
  while (d.undo()) ++undos;
  EXPECT_EQ(undos, 3);
  EXPECT_EQ(d.size(), 7);
}

TEST(Document, SamePointsComparesGeometryAndColour) {
  std::vector<HintPoint> x = {pt(1, 2)}, y = {pt(1, 2)};
  EXPECT_TRUE(same_points(x, y));
  y[0].b += 1;
  EXPECT_FALSE(same_points(x, y));
  y = {pt(1, 2), pt(1, 2)};
  EXPECT_FALSE(same_points(x, y));
}

}  // namespace
}  // namespace tinge
