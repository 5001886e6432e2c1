// Where the `tinge` executable finds what ships with it: the bundled network model and the sample
// photos. The one place that knows the install layout and the build folder's marker file.
//
// Installed: <exe dir>/<TINGE_DATA_FROM_BIN>/ (../share/tinge by default) holding models/ and
// samples/, found relative to the executable, so an install prefix can be moved anywhere.
// Build folder: CMake writes tinge-build-resources.txt beside the built executable naming the source
// tree's models/ and assets/samples/; it is never installed, so an installed tinge cannot reach the
// source tree. When the marker is present only it is used, otherwise only the install layout.
#pragma once
#include <string>

namespace tinge {

// The bundled model file, or "" when none is found.
std::string bundled_model_path();
// The model used when no --model is given: $TINGE_MODEL when set, else bundled_model_path().
std::string default_model_path();
// The sample photo `tinge edit` opens with no argument, or "" when none is found.
std::string bundled_sample();

}  // namespace tinge
