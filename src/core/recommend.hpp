// Where to click next: the positions where one more hint would change the result most. A position
// scores the uncertainty of the colour over the region a hint there would colour: the method's
// spread of predicted colours (ab units; for methods without a distribution, how far each place is
// from the hints that already colour it), summed with weights that fall with distance and with
// lightness difference (an edge-aware neighbourhood, like a bilateral filter), less what existing
// hints already cover. Near-black and near-white places, where colour barely shows, neither count
// nor get recommended. Greedy: after each pick its region counts as covered. Deterministic.
#pragma once
#include <vector>

#include "hints.hpp"
#include "image.hpp"
#include "method.hpp"

namespace tinge {

struct RecommendOptions {
  int k = 3;                   // positions to propose
  double reach = 0.1;          // spatial sigma of a hint's region, as a share of the short side
  double lightness_sigma = 6;  // L difference over which a hint's region fades (CIE L units)
  double min_spacing =
      0.08;                // share of the short side kept between a proposal and any hint or other proposal
  double propagation = 4;  // without a distribution: short sides a hint's colour travels per e-fold
  float min_L = 8.f, max_L = 95.f;  // colour barely shows outside these lightnesses
  int colours = 3;                  // suggested colours per position
};

struct RecommendedHint {
  double x = 0, y = 0;              // original-image pixels
  float score = 0;                  // the uncertainty it would resolve: ab units, averaged over the image
  std::vector<Suggestion> colours;  // most likely first, in gamut at the point's lightness
};

// The core of the recommender on a grid of cells: `uncertainty` and `lightness` are cell values
// (same size); a cell covers cell_w x cell_h original pixels from the origin. Returns up to opt.k
// positions (cell centres, in original pixels), best first, without colours.
std::vector<RecommendedHint> pick_recommendations(const Plane& uncertainty, const Plane& lightness,
                                                  double cell_w, double cell_h,
                                                  const std::vector<HintPoint>& hints,
                                                  const RecommendOptions& opt);

// The uncertainty of a method without a distribution: 20 ab units where no hint reaches, less where
// one does. A hint reaches along paths of similar lightness: `propagation` short sides of travel,
// or crossing lightness_sigma of lightness, each cut its reach by a factor e (geodesic distance).
Plane hint_coverage_uncertainty(const Plane& lightness, double cell_w, double cell_h,
                                const std::vector<HintPoint>& hints, const RecommendOptions& opt);

// The uncertainty the recommender weighed, for display: cell values (ab units, zero where colour
// barely shows) on a grid whose cells cover cell_w x cell_h original pixels from the origin.
struct RecommendMap {
  Plane uncertainty;
  double cell_w = 0, cell_h = 0;
};

// The whole recommender for a method: L at the method's working resolution, hints (points, strokes,
// regions) in original pixels of an orig_w x orig_h photo. With a distribution: its spread about the decoded
// colour and its suggested colours; without: hint_coverage_uncertainty and the colour the method predicts
// there. `current`: the method's prediction for these hints at this resolution when the caller has it (a
// preview just computed), else it is predicted here. `map`, when given, receives the uncertainty.
std::vector<RecommendedHint> recommend_hints(Method& method, const Plane& L_work, int orig_w, int orig_h,
                                             const HintSet& hints, const RecommendOptions& opt = {},
                                             const AbPrediction* current = nullptr,
                                             RecommendMap* map = nullptr);

}  // namespace tinge
