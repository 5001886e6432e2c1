// The colour-reference options of colorize and suggest: --reference PHOTO or --palette LIST, and
// --reference-strength S (core/colour_reference.hpp, core/session_reference.hpp).
#pragma once
#include <optional>

#include "core/colour_reference.hpp"
#include "core/method.hpp"
#include "core/session_reference.hpp"

namespace tinge {

class ArgParser;

void add_reference_options(ArgParser& p);

// What the options ask for: a photo or a palette with its strength (none when neither is given).
// UsageError for both at once, or a bad palette or strength.
std::optional<SessionReference> reference_options(const ArgParser& p);

// --reference-strength when given, for a session's reference to take; negative when not given.
float reference_strength_option(const ArgParser& p);

// Steers `method` by a reference while alive, and turns that off again when it ends. UsageError
// when the method has no distribution to steer (levin, gray).
class ScopedReference {
 public:
  ScopedReference(Method& method, const ColourReference& ref);
  ~ScopedReference();
  ScopedReference(const ScopedReference&) = delete;
  ScopedReference& operator=(const ScopedReference&) = delete;

 private:
  ColourDistribution* dist_;
};

}  // namespace tinge
