// Output file names for a folder run (`tinge colorize DIR`): one distinct name per input, even on
// a case-insensitive file system, so that no result overwrites another.
#pragma once
#include <string>
#include <vector>

namespace tinge {

// For input paths (in the order they are processed), the output file names: "<stem>_color.png";
// when several inputs share a stem (ignoring case), "<stem>_<ext>_color.png"; and when a name is
// still taken (ignoring case: a.png and a.PNG, or a.bmp beside a_bmp.png), "-2", "-3", ... is
// added before "_color.png".
std::vector<std::string> batch_output_names(const std::vector<std::string>& inputs);

// The result's file name for one photo, as `tinge colorize` and the editor propose it:
// "<stem>_color.png".
std::string result_file_name(const std::string& input);

}  // namespace tinge
