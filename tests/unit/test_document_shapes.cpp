// Unit tests of the editor document's strokes and regions: a painted stroke is one undo step,
// shapes are selected, recoloured, moved and removed like points, and one hint is selected at most.
#include <gtest/gtest.h>

#include "core/document.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

HintStroke dot(double x, double y, float a = 20, float b = 10) {
  HintStroke s;
  s.points = {{x, y}};
  s.width = 4;
  s.a = a;
  s.b = b;
  return s;
}

HintRegion triangle(float a = 0, float b = 0) {
  HintRegion r;
  r.polygon = {{0, 0}, {10, 0}, {5, 8}};
  r.a = a;
  r.b = b;
  return r;
}

TEST(DocumentShapes, PaintingAStrokeIsOneUndoStepAndRevisionFollowsEveryVertex) {
  Document d;
  d.begin_edit();  // press
  const int s = d.add_stroke(dot(1, 1));
  const uint64_t r0 = d.revision();
  for (int k = 2; k <= 10; ++k) d.extend_stroke(s, {double(k), 1.0});  // drag
  EXPECT_EQ(d.revision(), r0 + 9);
  d.end_edit();  // release
  ASSERT_EQ(d.strokes().size(), 1u);
  EXPECT_EQ(d.stroke(0).points.size(), 10u);
  EXPECT_EQ(d.selected_shape(), (ShapeRef{ShapeKind::kStroke, 0}));
  EXPECT_TRUE(d.undo());
  EXPECT_TRUE(d.strokes().empty());
  EXPECT_FALSE(d.selected_shape().valid());
  EXPECT_FALSE(d.can_undo());
  EXPECT_TRUE(d.redo());
  EXPECT_EQ(d.stroke(0).points.size(), 10u);
}

TEST(DocumentShapes, RecolourMoveRemoveEachOneStep) {
  Document d;
  d.add_region(triangle());
  d.add_stroke(dot(5, 5));
  const ShapeRef region{ShapeKind::kRegion, 0}, stroke{ShapeKind::kStroke, 0};
  d.set_shape_color(region, 30, -40);
  d.move_shape(stroke, 2, 3);
  d.set_stroke_width(0, 9);
  EXPECT_EQ(d.region(0).a, 30);
  EXPECT_EQ(d.stroke(0).points[0].x, 7);
  EXPECT_EQ(d.stroke(0).points[0].y, 8);
  EXPECT_EQ(d.stroke(0).width, 9);
  d.remove_shape(region);
  EXPECT_TRUE(d.regions().empty());
  d.undo();  // the removal
  EXPECT_EQ(d.regions().size(), 1u);
  d.undo();  // the width
  EXPECT_EQ(d.stroke(0).width, 4);
  d.undo();  // the move
  EXPECT_EQ(d.stroke(0).points[0].x, 5);
  d.undo();  // the colour
  EXPECT_EQ(d.region(0).a, 0);
  EXPECT_EQ(d.hint_count(), 2);
}

TEST(DocumentShapes, OneHintSelectedAtMost) {
  Document d;
  HintPoint p;
  p.x = p.y = 3;
  d.add_point(p);
  EXPECT_EQ(d.selected(), 0);
  d.add_stroke(dot(1, 1));
  EXPECT_EQ(d.selected(), -1);
  EXPECT_TRUE(d.selected_shape().valid());
  d.select(0);
  EXPECT_FALSE(d.selected_shape().valid());
  d.select_shape({ShapeKind::kStroke, 0});
  EXPECT_EQ(d.selected(), -1);
  float a = 0, b = 0;
  ASSERT_TRUE(d.selected_ab(a, b));
  EXPECT_EQ(a, 20);
  d.set_selected_color(-5, 6);
  EXPECT_EQ(d.stroke(0).b, 6);
  d.remove_selected();
  EXPECT_TRUE(d.strokes().empty());
  EXPECT_FALSE(d.selected_ab(a, b));
  EXPECT_EQ(d.size(), 1);  // the point stays
}

TEST(DocumentShapes, RemovingAnEarlierShapeKeepsTheSelectionOnTheSameOne) {
  Document d;
  d.add_stroke(dot(1, 1));
  d.add_stroke(dot(2, 2));
  d.add_region(triangle());
  d.select_shape({ShapeKind::kStroke, 1});
  d.remove_shape({ShapeKind::kStroke, 0});
  EXPECT_EQ(d.selected_shape(), (ShapeRef{ShapeKind::kStroke, 0}));
  EXPECT_EQ(d.stroke(0).points[0].x, 2);
  d.remove_shape({ShapeKind::kRegion, 0});  // another kind: the selection stays
  EXPECT_EQ(d.selected_shape(), (ShapeRef{ShapeKind::kStroke, 0}));
}

TEST(DocumentShapes, ModifiedAndReplaceAllKeepShapes) {
  Document d;
  d.reset(HintSet());
  d.add_region(triangle());
  EXPECT_TRUE(d.modified());
  d.mark_saved();
  EXPECT_FALSE(d.modified());
  d.replace_all({});  // the points only (an alternative): the region stays
  EXPECT_EQ(d.regions().size(), 1u);
  d.move_shape({ShapeKind::kRegion, 0}, 1, 0);
  EXPECT_TRUE(d.modified());
  HintSet h;
  h.strokes.push_back(dot(4, 4));
  d.replace_hints(h);
  EXPECT_TRUE(d.regions().empty());
  EXPECT_EQ(d.strokes().size(), 1u);
  d.undo();
  EXPECT_EQ(d.regions().size(), 1u);
}

TEST(DocumentShapes, BadShapesAndIndicesThrow) {
  Document d;
  EXPECT_THROW(d.add_stroke(HintStroke()), Error);
  HintRegion two;
  two.polygon = {{0, 0}, {1, 1}};
  EXPECT_THROW(d.add_region(two), Error);
  EXPECT_THROW(d.extend_stroke(0, {1, 1}), Error);
  EXPECT_THROW(d.select_shape({ShapeKind::kRegion, 0}), Error);
  d.add_stroke(dot(1, 1));
  EXPECT_THROW(d.set_stroke_width(0, 0), Error);
  EXPECT_THROW(d.set_stroke_width(0, 1000), Error);
  try {
    d.remove_shape({ShapeKind::kStroke, 3});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "remove_shape: stroke 3 does not exist (1 stroke)");
  }
}

}  // namespace
}  // namespace tinge
