// Messages that count something say "1 hint" and "2 hints", never "1 hints" (the CLI's own lines
// are checked in tests/cli/test_overwrite.sh).
#include <gtest/gtest.h>

#include <string>

#include "core/document.hpp"
#include "core/error.hpp"

namespace tinge {
namespace {

std::string out_of_range_message(int hints) {
  Document d;
  for (int i = 0; i < hints; ++i) {
    HintPoint p;
    p.x = p.y = 1 + i;
    d.add_point(p);
  }
  try {
    d.point(hints + 3);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(MessageCounts, DocumentNamesOneHintInTheSingular) {
  EXPECT_NE(out_of_range_message(1).find("(1 hint)"), std::string::npos) << out_of_range_message(1);
  EXPECT_NE(out_of_range_message(2).find("(2 hints)"), std::string::npos) << out_of_range_message(2);
  EXPECT_NE(out_of_range_message(0).find("(0 hints)"), std::string::npos) << out_of_range_message(0);
}

}  // namespace
}  // namespace tinge
