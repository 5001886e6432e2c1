// `gui_check bench REPORT.json EDITS DRAFTS`: the report of `tinge edit --bench` is well formed and its
// numbers are plausible (not fast: timings are measured, never tested). Every summary has
// 0 < p50 <= p95 <= max < 10 min and as many samples as it says; the drag recorded frames whose
// CPU time fits their wall time, and showed previews; the edits phase timed EDITS edits, each with
// a preview and a full-resolution result; previews were composed at half the full results' width
// (DRAFTS = "drafts") or at the same width ("full"). Included by gui_check.cpp (one executable for the
// tests).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace bench_check {

inline int check(const std::string& path, int edits, bool drafts) {
  std::ifstream f(path);
  if (!f) {
    std::printf("FAIL: cannot read %s\n", path.c_str());
    return 1;
  }
  const nlohmann::json j = nlohmann::json::parse(f);
  int fails = 0;
  auto fail = [&](const std::string& what) {
    ++fails;
    std::printf("FAIL: %s\n", what.c_str());
  };
  auto summary = [&](const char* section, const char* name, int min_n) -> const nlohmann::json& {
    const nlohmann::json& s = j.at(section).at(name);
    const double p50 = s.at("p50"), p95 = s.at("p95"), max = s.at("max"), mean = s.at("mean");
    const int n = s.at("n");
    std::printf("%s.%s: p50 %.2f p95 %.2f max %.2f mean %.2f n %d\n", section, name, p50, p95, max, mean, n);
    const std::string where = std::string(section) + "." + name;
    if (n < min_n) fail(where + ": " + std::to_string(n) + " samples, expected " + std::to_string(min_n));
    if (!(p50 > 0 && p50 <= p95 && p95 <= max && max < 600000 && mean > 0 && mean <= max))
      fail(where + ": implausible or disordered percentiles");
    return s;
  };
  for (const char* key : {"image", "method", "gl_renderer"})
    if (!j.at(key).is_string() || j.at(key).get<std::string>().empty()) fail(std::string(key) + " missing");
  if (j.at("image_size").size() != 2 || j.at("image_size")[0].get<int>() <= 0) fail("image_size");

  if (!(j.at("start_to_first_result_ms").get<double>() > 0)) fail("start_to_first_result_ms missing");
  const nlohmann::json& d = j.at("drag");
  const int frames = d.at("frames");
  const auto& frame = summary("drag", "frame_ms", 5);
  const auto& cpu = summary("drag", "cpu_ms", 5);
  summary("drag", "work_ms", 5);
  summary("drag", "interval_ms", 5);
  summary("drag", "move_to_preview_ms", 1);
  if (frame.at("n").get<int>() != frames) fail("drag.frames differs from the frame samples");
  if (cpu.at("max").get<double>() > frame.at("max").get<double>() + 5.0)
    fail("drag: a frame used more CPU time than wall time");
  if (d.at("frames_over_20ms").get<int>() < 0 || d.at("frames_over_20ms").get<int>() > frames)
    fail("drag.frames_over_20ms out of range");
  if (d.at("previews_shown").get<int>() < 1 ||
      d.at("previews_shown").get<int>() > d.at("previews_requested").get<int>())
    fail("drag: previews shown must be between 1 and the number requested");
  if (d.at("seconds").get<double>() <= 0) fail("drag.seconds");
  // Live previews of large compositions are drafts at half the scale of full-resolution results;
  // small ones are composed at full scale.
  const int pw = d.at("preview_composed_width"), fw = j.at("edits").at("full_composed_width");
  std::printf("composed widths: previews %d, full results %d\n", pw, fw);
  if (pw <= 0 || fw <= 0) fail("composed widths missing");
  if (drafts && std::abs(2 * pw - fw) > 1)
    fail("previews are not composed at half the width of full results");
  if (!drafts && pw != fw) fail("previews of a small photo are not composed at full width");

  const nlohmann::json& e = j.at("edits");
  if (e.at("count").get<int>() != edits)
    fail("edits.count is " + e.at("count").dump() + ", expected " + std::to_string(edits));
  if (summary("edits", "edit_to_preview_ms", edits).at("n").get<int>() != edits) fail("one preview per edit");
  if (summary("edits", "release_to_full_ms", edits).at("n").get<int>() != edits) fail("one result per edit");
  summary("edits", "preview_compute_ms", edits);
  summary("edits", "full_compute_ms", edits);
  // Each edit's full-resolution result is composed after the worker finished, at least a frame,
  // unless the worker composed it on the CPU (what the editor does on software OpenGL).
  const std::string on = e.at("full_composed_on");
  std::printf("full results composed on the %s\n", on.c_str());
  if (on == "gpu")
    summary("edits", "frame_ms_composing_idle", edits);
  else if (on != "cpu" || e.at("frame_ms_composing_idle").at("n").get<int>() != 0)
    fail("edits: results composed on the CPU, yet frames composed them");
  return fails ? 1 : 0;
}

}  // namespace bench_check
