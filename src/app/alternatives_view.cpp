// Proposing alternatives: each keeps the user's hints and adds a few anchor hints away from them,
// coloured from the network's suggestions there (different modes of its distribution in each
// proposal). With the network the anchors are where it is least sure of the colour
// (colour_spread), so the proposals differ where a choice matters; without one, at places of
// distinct lightness, coloured from typical colours. Adopting a proposal adds its anchors to the
// current hints (one undo step): the thumbnail's hints when nothing changed since it was proposed;
// hints added since are kept, and another alternative's anchors adopted before are replaced.
#include "app/alternatives_view.hpp"

#include <algorithm>
#include <cmath>

#include "app/hint_colours.hpp"
#include "app/inference_worker.hpp"
#include "app/render_requests.hpp"
#include "core/color.hpp"
#include "core/document.hpp"
#include "core/error.hpp"
#include "core/resample.hpp"
#include "core/uncertain_points.hpp"

namespace tinge {
namespace {

constexpr int kAlternatives = 6;
constexpr int kAnchors = 3;

struct Anchor {
  double x, y;
  float L;
};

// Cells of a 4x4 grid whose centre is far from every hint, spread over the lightness range.
std::vector<Anchor> pick_anchors(const ImageData& img, const std::vector<HintPoint>& hints) {
  const int W = img.L.width, H = img.L.height;
  const double min_dist = 0.15 * std::min(W, H);
  std::vector<Anchor> cand;
  for (int gy = 0; gy < 4; ++gy)
    for (int gx = 0; gx < 4; ++gx) {
      const double x = (gx + 0.5) * W / 4, y = (gy + 0.5) * H / 4;
      bool free = true;
      for (const HintPoint& h : hints) free = free && std::hypot(h.x - x, h.y - y) >= min_dist;
      if (!free) continue;
      const Plane& Lw = img.L_work;
      const int cx = std::clamp(int(x * Lw.width / W), 0, Lw.width - 1);
      const int cy = std::clamp(int(y * Lw.height / H), 0, Lw.height - 1);
      cand.push_back({x, y, Lw.at(cx, cy)});
    }
  std::sort(cand.begin(), cand.end(), [](const Anchor& a, const Anchor& b) { return a.L < b.L; });
  std::vector<Anchor> out;
  if (cand.empty()) return out;
  for (int k = 0; k < kAnchors && k < int(cand.size()); ++k) {
    size_t i = cand.size() == 1 ? 0 : size_t(k) * (cand.size() - 1) / size_t(kAnchors - 1);
    out.push_back(cand[i]);
  }
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Anchor& a, const Anchor& b) { return a.x == b.x && a.y == b.y; }),
            out.end());
  return out;
}

// The network's least certain places (colour_spread), at least 0.15 of the short side from each
// other and from the hints; empty where nothing qualifies.
std::vector<Anchor> uncertain_anchors(const ImageData& img, const HintSet& hints, ColourDistribution& model) {
  const int W = img.L.width, H = img.L.height;
  const Plane& Lw = img.L_work;
  const Plane spread = model.colour_spread(Lw, rasterize_hint_set(hints, W, H, Lw.width, Lw.height, &Lw));
  // Each spread cell covers 4 x 4 working pixels (the last ones partly past the edge).
  Plane Lc(spread.width, spread.height);
  for (int cy = 0; cy < spread.height; ++cy)
    for (int cx = 0; cx < spread.width; ++cx) {
      double sum = 0;
      int n = 0;
      for (int y = 4 * cy; y < std::min(4 * cy + 4, Lw.height); ++y)
        for (int x = 4 * cx; x < std::min(4 * cx + 4, Lw.width); ++x, ++n) sum += Lw.at(x, y);
      Lc.at(cx, cy) = n ? float(sum / n) : 0.f;
    }
  const double cell_w = 4.0 * W / Lw.width, cell_h = 4.0 * H / Lw.height;
  std::vector<Anchor> out;
  for (const UncertainPoint& p :
       pick_uncertain_points(spread, Lc, cell_w, cell_h, hints.points, kAnchors, 0.15 * std::min(W, H))) {
    const int cx = std::min(int(p.x / cell_w), Lc.width - 1), cy = std::min(int(p.y / cell_h), Lc.height - 1);
    out.push_back({std::min(p.x, double(W)), std::min(p.y, double(H)), Lc.at(cx, cy)});
  }
  return out;
}

// Candidate colours for each anchor: the network's suggestions there, or typical colours.
std::vector<std::vector<Ab>> anchor_colours(const ImageData& img, const HintSet& user,
                                            const std::vector<Anchor>& anchors, Method& m) {
  const int W = img.L.width, H = img.L.height;
  const int w = img.L_work.width, h = img.L_work.height;
  std::vector<std::vector<Ab>> options;
  for (const Anchor& a : anchors) {
    std::vector<Ab> opt;
    if (auto* model = m.distribution()) {
      HintPlanes hp = rasterize_hint_set(user, W, H, w, h, &img.L_work);
      for (const Suggestion& s :
           model->suggest(img.L_work, hp, float(a.x * w / W), float(a.y * h / H), kAlternatives))
        opt.push_back({s.a, s.b});
    }
    if (opt.empty()) opt = natural_palette(a.L);
    options.push_back(opt);
  }
  return options;
}

}  // namespace

// What the worker hands back: per proposal, its anchors, a thumbnail and its whole prediction
// (for the full-canvas preview).
struct AlternativeProposals {
  std::vector<std::vector<HintPoint>> added;
  std::vector<Rgb8Image> thumbs;
  std::vector<Plane> as, bs;
};

namespace {

// Runs on the worker: kAlternatives proposals, each the user's hints (strokes and regions too) plus
// kAnchors anchors.
AlternativeProposals propose(const ImageData& img, const HintSet& user, Method& m, bool levin) {
  const int W = img.L.width, H = img.L.height;
  const int w = img.L_work.width, h = img.L_work.height;
  std::vector<Anchor> anchors;
  // With the network: where it is least sure of the colour, away from the hints.
  if (auto* model = m.distribution()) anchors = uncertain_anchors(img, user, *model);
  if (anchors.empty()) anchors = pick_anchors(img, user.points);
  const int size = std::max(5, std::min(W, H) / 50);
  const std::vector<std::vector<Ab>> options = anchor_colours(img, user, anchors, m);
  int tw = 320, th = std::max(1, int(std::lround(320.0 * H / W)));
  if (th > 240) {
    th = 240;
    tw = std::max(1, int(std::lround(240.0 * W / H)));
  }
  const Plane L_thumb = resize_area(img.L, tw, th);
  AlternativeProposals out;
  for (int i = 0; i < kAlternatives; ++i) {
    HintSet hints = user;
    std::vector<HintPoint> mine;
    for (size_t j = 0; j < anchors.size(); ++j) {
      const auto& opt = options[j];
      const Ab ab = opt[(size_t(i) + 3 * j) % opt.size()];
      HintPoint p;
      p.x = anchors[j].x;
      p.y = anchors[j].y;
      p.a = ab[0];
      p.b = ab[1];
      p.size = size;
      hints.points.push_back(p);
      mine.push_back(p);
    }
    AbPrediction pr =
        job_method(m, levin).predict(img.L_work, rasterize_hint_set(hints, W, H, w, h, &img.L_work));
    out.thumbs.push_back(lab_planes_to_srgb8(L_thumb, resize_area(pr.a, tw, th), resize_area(pr.b, tw, th)));
    out.as.push_back(std::move(pr.a));
    out.bs.push_back(std::move(pr.b));
    out.added.push_back(std::move(mine));
  }
  return out;
}

}  // namespace

bool AlternativesView::ready() const {
  return !pending_ && !list_.empty() && rev_ == ctx_.doc().revision();
}

void AlternativesView::request() {
  const ImageData* image = ctx_.image();
  if (!image) return;
  const Document& doc = ctx_.doc();
  pending_ = true;
  rev_ = doc.revision();
  auto img = ctx_.image_for_job();
  const HintSet user = doc.hints();
  const uint64_t rev = doc.revision(), gen = image->generation;
  const bool levin = ctx_.levin();
  ctx_.worker().post(
      "alternatives", "exploring alternatives",
      [this, img, user, rev, gen, levin](Method& m) -> InferenceWorker::Done {
        auto p = std::make_shared<AlternativeProposals>(propose(*img, user, m, levin));
        return [this, p, rev, gen] {
          const ImageData* now = ctx_.image();
          if (!now || gen != now->generation || rev != rev_) return;
          take(*p);
        };
      },
      /*yields=*/true);
}

void AlternativesView::take(AlternativeProposals& p) {
  end_preview();
  list_.clear();
  for (size_t i = 0; i < p.added.size(); ++i) {
    Alternative alt;
    alt.anchors = p.added[i];
    alt.thumb.upload_rgb8(p.thumbs[i], false);
    alt.a = p.as[i];
    alt.b = p.bs[i];
    list_.push_back(std::move(alt));
  }
  pending_ = false;
  shown_ = true;
}

void AlternativesView::adopt(int index) {
  if (index < 0 || index >= int(list_.size()))
    throw Error("alternative " + std::to_string(index) + " does not exist (" + std::to_string(list_.size()) +
                " proposed)");
  // The current hints without any alternative's anchors (one adopted before, say), then this one's:
  // the hints it was proposed from when nothing changed since, and never losing newer ones.
  const Alternative& alt = list_[size_t(index)];
  // An anchor the user has since moved, resized or recoloured is theirs now, and kept.
  auto is_anchor = [&](const HintPoint& p) {
    for (const Alternative& other : list_)
      for (const HintPoint& q : other.anchors)
        if (p.x == q.x && p.y == q.y && p.size == q.size && p.a == q.a && p.b == q.b) return true;
    return false;
  };
  Document& doc = ctx_.doc();
  std::vector<HintPoint> hints;
  int selected = -1;  // the selected hint's index among those kept
  for (int i = 0; i < int(doc.points().size()); ++i) {
    const HintPoint& p = doc.points()[size_t(i)];
    if (is_anchor(p)) continue;
    if (i == doc.selected()) selected = int(hints.size());
    hints.push_back(p);
  }
  hints.insert(hints.end(), alt.anchors.begin(), alt.anchors.end());
  end_preview();
  doc.replace_all(hints);
  doc.select(selected);
  const size_t n = alt.anchors.size();
  ctx_.set_status("adopted alternative " + std::to_string(index + 1) + " (" + std::to_string(n) +
                  (n == 1 ? " anchor colour" : " anchor colours") + " with your hints)");
}

void AlternativesView::reset() {
  previewed_ = -1;  // the compositor is reset with the photo
  list_.clear();
  shown_ = false;
  rev_ = ~0ull;
  pending_ = false;  // a proposal for the previous photo is dropped when it arrives
}

}  // namespace tinge
