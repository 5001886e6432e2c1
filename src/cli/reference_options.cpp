// The colour-reference options (see reference_options.hpp).
#include "cli/reference_options.hpp"

#include "cli/args.hpp"
#include "core/error.hpp"

namespace tinge {

void add_reference_options(ArgParser& p) {
  p.option("--reference", "", "PHOTO",
           "colour like this photo: its colours steer the result where hints don't")
      .option("--palette", "", "LIST", "colour with these 3-8 colours instead: \"#3b5e8c,#c9a66b,...\"")
      .option("--reference-strength", "", "S",
              "how strongly the reference or palette steers, 0 (off) to 2 (default 1)");
}

float reference_strength_option(const ArgParser& p) {
  if (!p.has("--reference-strength")) return -1.f;
  return float(p.get_double("--reference-strength", 1.0, 0.0, double(kMaxReferenceStrength)));
}

std::optional<SessionReference> reference_options(const ArgParser& p) {
  const bool photo = p.has("--reference"), palette = p.has("--palette");
  if (photo && palette) throw UsageError("--reference and --palette: give one of them");
  if (!photo && !palette) return std::nullopt;
  SessionReference r;
  if (photo) {
    r.image = p.get("--reference");
    if (r.image.empty()) throw UsageError("--reference needs a photo");
  } else {
    r.palette = parse_palette(p.get("--palette"));
  }
  const float s = reference_strength_option(p);
  if (s >= 0.f) r.strength = s;
  return r;
}

ScopedReference::ScopedReference(Method& method, const ColourReference& ref) : dist_(method.distribution()) {
  if (!dist_)
    throw UsageError(
        "a colour reference steers the network's colours: use --method model or model+levin, not " +
        method.name());
  dist_->set_reference(&ref);
}

ScopedReference::~ScopedReference() {
  dist_->set_reference(nullptr);
}

}  // namespace tinge
