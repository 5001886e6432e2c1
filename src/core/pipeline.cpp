// The full-resolution pipeline: downscale L, rasterise hints, run the method at working
// resolution, upsample ab guided by full-resolution L, enforce hints (hint_enforce.hpp), apply
// saturation.
#include "pipeline.hpp"

#include <cmath>
#include <string>

#include "error.hpp"
#include "hint_enforce.hpp"
#include "hints.hpp"
#include "resample.hpp"

namespace tinge {

WorkingInput to_working_resolution(const Plane& L_full, const HintSet& hints, int short_side) {
  const int W = L_full.width, H = L_full.height;
  int w = W, h = H;
  working_size(W, H, short_side, w, h);
  WorkingInput in;
  in.L = (w == W && h == H) ? L_full : resize_area(L_full, w, h);
  in.hints = rasterize_hint_set(hints, W, H, w, h, &in.L);
  return in;
}

LabImage colorize(const Plane& L_full, const HintSet& hints, Method& method, const PipelineOptions& opt) {
  const int W = L_full.width, H = L_full.height;
  if (W <= 0 || H <= 0 || L_full.size() != size_t(W) * size_t(H))
    throw Error("colorize: L plane is empty or malformed");
  if (!std::isfinite(opt.saturation) || opt.saturation < 0.f)
    throw Error("colorize: saturation " + std::to_string(opt.saturation) +
                " must be a finite non-negative number");

  const bool preview = opt.preview_short_side > 0;
  const WorkingInput work =
      to_working_resolution(L_full, hints, preview ? opt.preview_short_side : method.working_short_side());
  const int w = work.L.width, h = work.L.height;
  const Plane& L_work = work.L;

  AbPrediction pred = preview ? method.predict_draft(L_work, work.hints) : method.predict(L_work, work.hints);
  auto has_work_size = [&](const Plane& p) {
    return p.width == w && p.height == h && p.size() == size_t(w) * size_t(h);
  };
  if (!has_work_size(pred.a) || !has_work_size(pred.b))
    throw Error("colorize: method '" + method.name() + "' returned " + std::to_string(pred.a.width) + "x" +
                std::to_string(pred.a.height) + " ab planes, expected the working size " + std::to_string(w) +
                "x" + std::to_string(h));

  LabImage out;
  out.L = L_full;
  guided_upsample_ab(L_work, pred.a, pred.b, L_full, out.a, out.b);

  if (opt.enforce_hints)
    enforce_hints(hints, out.a, out.b, region_feather(std::min(W, H), std::min(w, h)), &L_full);
  if (opt.saturation != 1.f) {
    for (float& v : out.a.v) v *= opt.saturation;
    for (float& v : out.b.v) v *= opt.saturation;
  }
  return out;
}

}  // namespace tinge
