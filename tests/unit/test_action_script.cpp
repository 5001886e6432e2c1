// Unit tests of the editor action-script parser: typed actions, colours, and error messages that
// name the action at fault.
#include <gtest/gtest.h>

#include <cmath>

#include "core/action_script.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_action_script(text, "a.json");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(ActionScript, ParsesTheFullVocabulary) {
  auto acts = parse_action_script(R"([
    {"action": "add_point", "x": 10.5, "y": 20, "ab": [30, -40], "size": 7},
    {"action": "move_point", "point": 0, "x": 11, "y": 21},
    {"action": "undo"}, {"action": "redo"},
    {"action": "select_suggestion", "point": 0, "index": 2},
    {"action": "delete_point", "point": 0},
    {"action": "set_view", "mode": "split", "split": 0.25},
    {"action": "wait_idle"},
    {"action": "save_result", "path": "out.png", "overwrite": true},
    {"action": "save_session", "path": "s.json"},
    {"action": "screenshot", "path": "shot.png"},
    {"action": "recover_autosave", "accept": false},
    {"action": "screenshot", "path": "r.png", "of": "result"},
    {"action": "set_levin", "on": true},
    {"action": "next_photo"}, {"action": "next_photo", "step": -2}])",
                                  "a.json");
  ASSERT_EQ(acts.size(), 16u);
  EXPECT_EQ(acts[0].kind, ActionKind::AddPoint);
  EXPECT_DOUBLE_EQ(acts[0].x, 10.5);
  EXPECT_FLOAT_EQ(acts[0].a, 30);
  EXPECT_FLOAT_EQ(acts[0].b, -40);
  EXPECT_EQ(acts[0].size, 7);
  EXPECT_EQ(acts[1].kind, ActionKind::MovePoint);
  EXPECT_EQ(acts[1].point, 0);
  EXPECT_EQ(acts[2].kind, ActionKind::Undo);
  EXPECT_EQ(acts[3].kind, ActionKind::Redo);
  EXPECT_EQ(acts[4].choice, 2);
  EXPECT_EQ(acts[5].kind, ActionKind::DeletePoint);
  EXPECT_EQ(acts[6].mode, "split");
  EXPECT_DOUBLE_EQ(acts[6].value, 0.25);
  EXPECT_EQ(acts[7].kind, ActionKind::WaitIdle);
  EXPECT_TRUE(acts[8].overwrite);
  EXPECT_EQ(acts[10].path, "shot.png");
  EXPECT_EQ(acts[10].index, 10);
  EXPECT_EQ(acts[11].kind, ActionKind::RecoverAutosave);
  EXPECT_FALSE(acts[11].accept);
  EXPECT_FALSE(acts[10].of_result);
  EXPECT_TRUE(acts[12].of_result);
  EXPECT_EQ(acts[13].kind, ActionKind::SetLevin);
  EXPECT_TRUE(acts[13].on);
  EXPECT_EQ(acts[14].kind, ActionKind::NextPhoto);
  EXPECT_EQ(acts[14].step, 1);
  EXPECT_EQ(acts[15].step, -2);
}

TEST(ActionScript, AcceptsAnObjectWithActionsAndDefaultsTheSize) {
  auto acts = parse_action_script(R"({"actions": [{"action": "add_point", "x": 1, "y": 2, "ab": [0, 0]}]})",
                                  "a.json");
  ASSERT_EQ(acts.size(), 1u);
  EXPECT_EQ(acts[0].size, 5);
}

TEST(ActionScript, RgbColoursBecomeTheirChroma) {
  auto acts = parse_action_script(R"([
    {"action": "add_point", "x": 1, "y": 2, "rgb": "#ff0000"},
    {"action": "add_point", "x": 1, "y": 2, "rgb": [0, 0, 255]},
    {"action": "set_color", "point": 0, "rgb": "808080"}])",
                                  "a.json");
  // sRGB red is about (53.2, 80.1, 67.2) and blue about (32.3, 79.2, -107.9) in CIELAB.
  EXPECT_NEAR(acts[0].a, 80.1, 0.5);
  EXPECT_NEAR(acts[0].b, 67.2, 0.5);
  EXPECT_NEAR(acts[1].a, 79.2, 0.5);
  EXPECT_NEAR(acts[1].b, -107.9, 0.5);
  EXPECT_NEAR(acts[2].a, 0, 0.05);
  EXPECT_NEAR(acts[2].b, 0, 0.05);
}

TEST(ActionScript, RgbValuesOutOfRangeAreRefusedNotWrapped) {
  for (const char* v :
       {"[4294967296, 0, 0]", "[256, 0, 0]", "[-1, 0, 0]", "[18446744073709551615, 0, 0]", "[1.5, 0, 0]"}) {
    const std::string text = std::string(R"([{"action": "add_point", "x": 1, "y": 1, "rgb": )") + v + "}]";
    EXPECT_NE(error_of(text).find("0..255"), std::string::npos) << v;
  }
  EXPECT_EQ(error_of(R"([{"action": "add_point", "x": 1, "y": 1, "rgb": [255, 0, 0]}])"), "");
}

TEST(ActionScript, ErrorsNameTheActionIndexAndName) {
  std::string e = error_of(R"([{"action": "undo"}, {"action": "move_point", "point": 0, "y": 3}])");
  EXPECT_NE(e.find("a.json: action 1 (move_point)"), std::string::npos) << e;
  EXPECT_NE(e.find("'x'"), std::string::npos) << e;
}

TEST(ActionScript, RefusesUnknownActionsAndFields) {
  std::string e = error_of(R"([{"action": "mvoe_point"}])");
  EXPECT_NE(e.find("action 0"), std::string::npos) << e;
  EXPECT_NE(e.find("mvoe_point"), std::string::npos) << e;
  e = error_of(R"([{"action": "add_point", "x": 1, "y": 1, "ab": [0, 0], "sz": 3}])");
  EXPECT_NE(e.find("unknown field 'sz'"), std::string::npos) << e;
}

TEST(ActionScript, RefusesBadValues) {
  EXPECT_NE(error_of(R"([{"action": "add_point", "x": 1, "y": 1}])").find("colour"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "add_point", "x": 1, "y": 1, "ab": [0, 500]}])").find("'ab'"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "add_point", "x": 1, "y": 1, "rgb": "#12345"}])").find("'rgb'"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "set_size", "point": 0, "size": 0}])").find("'size'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "move_point", "point": -1, "x": 0, "y": 0}])").find("'point'"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "move_point", "point": 0, "x": "3", "y": 0}])").find("number"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "set_view", "mode": "zoomed"}])").find("'mode'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "set_levin"}])").find("'on'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "set_levin", "on": 1}])").find("'on'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "next_photo", "step": 0}])").find("'step'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "next_photo", "step": 1.5}])").find("'step'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "save_result", "path": ""}])").find("'path'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"x": 1}])").find("\"action\""), std::string::npos);
  EXPECT_NE(error_of(R"({"steps": []})").find("array of actions"), std::string::npos);
  EXPECT_NE(error_of("[{"), "");
}

TEST(ActionScript, MouseActionsAndWait) {
  auto acts = parse_action_script(R"([
    {"action": "mouse_down", "x": 5, "y": 6},
    {"action": "mouse_move", "x": 7, "y": 8},
    {"action": "mouse_up", "x": 7, "y": 8, "button": "right"},
    {"action": "mouse_down", "x": 1, "y": 1, "button": "middle"},
    {"action": "wait", "seconds": 2.5}])",
                                  "a.json");
  ASSERT_EQ(acts.size(), 5u);
  EXPECT_EQ(acts[0].kind, ActionKind::MouseDown);
  EXPECT_EQ(acts[0].button, 0);
  EXPECT_DOUBLE_EQ(acts[0].x, 5);
  EXPECT_EQ(acts[1].kind, ActionKind::MouseMove);
  EXPECT_DOUBLE_EQ(acts[1].y, 8);
  EXPECT_EQ(acts[2].kind, ActionKind::MouseUp);
  EXPECT_EQ(acts[2].button, 1);
  EXPECT_EQ(acts[3].button, 2);
  EXPECT_EQ(acts[4].kind, ActionKind::Wait);
  EXPECT_DOUBLE_EQ(acts[4].seconds, 2.5);
  EXPECT_NE(error_of(R"([{"action": "mouse_down", "x": 1, "y": 1, "button": "thumb"}])").find("'button'"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "mouse_move", "x": 1, "y": 1, "button": "left"}])")
                .find("unknown field 'button'"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "mouse_up", "x": 1}])").find("missing field 'y'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "wait"}])").find("missing field 'seconds'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "wait", "seconds": -1}])").find("'seconds'"), std::string::npos);
  EXPECT_EQ(action_names().size(), size_t(ActionKind::Layout) + 1);
  EXPECT_EQ(action_names()[size_t(ActionKind::Wait)], "wait");
}

TEST(ActionScript, KeyActionsTakeKeysAndChords) {
  auto acts = parse_action_script(R"([
    {"action": "key_tap", "key": "]"},
    {"action": "key_tap", "key": "Ctrl+Shift+Z"},
    {"action": "key_down", "key": "space"},
    {"action": "key_up", "key": "space"},
    {"action": "key_tap", "key": "page_down"}])",
                                  "k.json");
  ASSERT_EQ(acts.size(), 5u);
  EXPECT_EQ(acts[0].kind, ActionKind::KeyTap);
  EXPECT_EQ(acts[0].keys, std::vector<std::string>{"]"});
  EXPECT_EQ(acts[1].keys, (std::vector<std::string>{"ctrl", "shift", "z"}));
  EXPECT_EQ(acts[2].kind, ActionKind::KeyDown);
  EXPECT_EQ(acts[3].kind, ActionKind::KeyUp);
  EXPECT_EQ(acts[4].keys, std::vector<std::string>{"page_down"});
  EXPECT_NE(error_of(R"([{"action": "key_tap", "key": "ctrl+banana"}])").find("'banana' is not a key name"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "key_tap", "key": "ctrl+ctrl"}])").find("appears twice"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "key_tap", "key": "ctrl+"}])").find("is not a key name"),
            std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "key_tap", "key": ""}])").find("non-empty string"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "key_down"}])").find("missing field 'key'"), std::string::npos);
  EXPECT_NE(error_of(R"([{"action": "undo", "key": "z"}])").find("unknown field 'key'"), std::string::npos);
}

TEST(ActionScript, RgbColoursAreMarkedAsTyped) {
  auto acts = parse_action_script(R"([
    {"action": "add_point", "x": 1, "y": 2, "rgb": "#3366cc"},
    {"action": "add_point", "x": 1, "y": 2, "ab": [10, 20]}])",
                                  "c.json");
  EXPECT_TRUE(acts[0].rgb_colour);
  EXPECT_FALSE(acts[1].rgb_colour);
}

TEST(ActionScript, MissingFileIsAUsageError) {
  EXPECT_THROW(load_action_script("/nonexistent/dir/actions.json"), UsageError);
}

}  // namespace
}  // namespace tinge
