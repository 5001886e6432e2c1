// `tinge colorize`: colourise one photo (optionally with a hint session) or every photo in a folder.
// The input's colour, if any, is discarded: only its lightness is used, at the file's own precision;
// the result keeps the input's depth (8 or 16 bits) and alpha where the output format can hold them.
// Existing result files are written over only with --force.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "cli/args.hpp"
#include "cli/batch_options.hpp"
#include "cli/command.hpp"
#include "cli/methods.hpp"
#include "cli/progress.hpp"
#include "cli/reference_options.hpp"
#include "core/atomic_write.hpp"
#include "core/batch_manifest.hpp"
#include "core/batch_names.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/evaluate.hpp"
#include "core/image_formats.hpp"
#include "core/photo_load.hpp"
#include "core/pipeline.hpp"
#include "core/refine.hpp"
#include "core/result_save.hpp"
#include "core/session.hpp"
#include "core/session_name.hpp"
#include "core/session_reference.hpp"

namespace fs = std::filesystem;

namespace tinge {
namespace {

struct ColorizeJob {
  std::unique_ptr<Method> method;  // the network is wrapped as model+levin; `levin` picks which runs
  bool levin = false;
  PipelineOptions pipeline;
  int quality = 95;
  int depth = 0;                                 // --depth: 8 or 16; 0: as the input
  bool force = false;                            // write over existing results (and over the input)
  std::function<void(const std::string&)> note;  // prints one "tinge: note: ..." line
  // Given on the command line: a session's editor settings (saturation, "+ Levin") do not override them.
  bool method_given = false, saturation_given = false;
  std::optional<ColourReference> reference;  // --reference or --palette, for every photo
  float reference_strength = -1;             // --reference-strength, also for a session's reference
};

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// Whether `out` exists (a dangling link too: the save would replace it).
bool output_exists(const fs::path& out) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(out, ec));
}

std::string exists_message(const fs::path& out) {
  return "'" + out.string() + "' exists (pass --force to write over it)";
}

// Fails early (before any work) for outputs that could never be written, or must not be.
void check_output(const fs::path& in, const fs::path& out, const ColorizeJob& job) {
  const std::string ext = lower_ext(out);
  const auto& exts = result_image_extensions();
  if (std::find(exts.begin(), exts.end(), ext) == exts.end())
    throw UsageError("output '" + out.string() +
                     "': unsupported extension (use .png, .jpg, .jpeg, .tif or .tiff)");
  if (job.depth == 16 && !format_keeps_16_bits(result_format(out.string())))
    throw UsageError("--depth 16: JPEG holds 8 bits per sample (write .png or .tif, or pass --depth 8)");
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw ImageError("cannot write '" + out.string() + "': folder '" + dir.string() + "' does not exist");
  if (!job.force && same_file(in, out))
    throw UsageError("refusing to overwrite the input photo '" + in.string() +
                     "' (choose another -o, or pass --force)");
  if (!job.force && output_exists(out)) throw Error(exists_message(out));
}

// "8-bit", "16-bit with alpha", ...
std::string depth_text(int bits, bool alpha) {
  return std::to_string(bits) + "-bit" + (alpha ? " with alpha" : "");
}

// The editor saves a photo's hint session as <photo>.tinge.json by default; colorize uses that
// file when no --hints is given (unless --no-sessions). "" when there is none, or when it names
// another photo (then *note says so). A broken one is returned: loading it reports the error.
std::string sidecar_session(const fs::path& photo, std::string* note) {
  const fs::path path = default_session_path(photo.string());
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return "";
  try {
    const Session s = load_session(path.string());
    const std::string named = s.image.empty() ? std::string() : resolve_session_image(s, path.string());
    if (!named.empty() && !same_file(named, photo)) {
      *note = "tinge: note: not using '" + path.string() + "': it was made for '" + named + "'";
      return "";
    }
  } catch (const Error&) {
  }
  return path.string();
}

// A session's colour reference, loaded; none (with a note) when its photo is missing or unreadable:
// the hints are still used. --reference-strength, when given, replaces the session's strength.
std::optional<ColourReference> session_reference_of(const ColorizeJob& job, const Session& s,
                                                    const std::string& session_path) {
  std::optional<SessionReference> sr = session_reference(s);
  if (!sr) return std::nullopt;
  if (job.reference_strength >= 0.f) sr->strength = job.reference_strength;
  try {
    return load_reference(*sr, session_path);
  } catch (const ImageError& e) {
    if (job.note)
      job.note("tinge: note: session '" + session_path + "': " + e.what() + " (colourising without it)");
    return std::nullopt;
  }
}

struct FileResult {
  size_t hints = 0;
  std::string reference;  // what steered the colours: a photo's path, "palette", or ""
  std::string method;     // the method that ran
  int bits = 8;           // of the saved file
  bool alpha = false;     // the saved file has an alpha channel
};

// Colourises one file.
FileResult colorize_file(ColorizeJob& job, const fs::path& in, const fs::path& out,
                         const std::string& hints_path) {
  check_output(in, out, job);
  const ResultFormat format = result_format(out.string());
  PhotoOptions load;
  load.keep_alpha = format_keeps_alpha(format);  // else composited on white, as before the format kept it
  const Photo photo = load_photo(in.string(), load);
  FileResult r;
  r.bits = job.depth ? job.depth : format_keeps_16_bits(format) ? photo.bits : 8;
  r.alpha = !photo.alpha.empty();
  const std::string loss =
      result_save_loss(out.string(), job.depth ? job.depth : photo.bits, photo.had_alpha);
  if (!loss.empty() && job.note) job.note("tinge: note: " + out.string() + ": " + loss);
  HintSet hints;
  PipelineOptions po = job.pipeline;
  bool levin = job.levin;
  std::optional<ColourReference> session_ref;
  if (!hints_path.empty()) {
    const Session s = load_session(hints_path);
    validate_hints(session_hints(s), photo.width(), photo.height());
    if (!job.reference) session_ref = session_reference_of(job, s, hints_path);
    if (!s.image.empty()) {
      const std::string named = resolve_session_image(s, hints_path);
      std::error_code ec;
      if (fs::exists(named, ec) && !same_file(named, in) && job.note)
        job.note("tinge: note: session '" + hints_path + "' was made for '" + named + "', not '" +
                 in.string() + "'");
    }
    hints = session_hints(s);
    // The editor's settings saved with the hints, so that the result is the one the editor saved.
    const auto e = s.extra.find("editor");
    if (e != s.extra.end() && e->is_object()) {
      const auto sat = e->find("saturation"), lv = e->find("levin");
      if (!job.saturation_given && sat != e->end() && sat->is_number())
        po.saturation = std::clamp(sat->get<float>(), 0.f, 4.f);
      if (!job.method_given && lv != e->end() && lv->is_boolean()) levin = lv->get<bool>();
    }
  }
  Method& method = levin ? *job.method : base_method(*job.method);
  r.method = method.name();
  r.hints = size_t(hints.count());
  const ColourReference* ref = job.reference ? &*job.reference : session_ref ? &*session_ref : nullptr;
  std::optional<ScopedReference> steer;
  if (ref && method.distribution()) {
    steer.emplace(method, *ref);
    r.reference = ref->source;
  }
  const LabImage lab = colorize(photo.L, hints, method, po);
  save_colorized(out.string(), lab.L, lab.a, lab.b, r.alpha ? &photo.alpha : nullptr, r.bits, job.quality);
  return r;
}

// <stem>_color.png beside the input, or inside -o when -o names an existing folder.
fs::path file_output(const fs::path& in, const ArgParser& args) {
  const std::string name = in.stem().string() + "_color.png";
  if (!args.has("--output")) return in.parent_path() / name;
  const fs::path out = args.get("--output");
  std::error_code ec;
  return fs::is_directory(out, ec) ? out / name : out;
}

// What a folder run did.
struct FolderTally {
  size_t listed = 0, todo = 0;  // photos in the folder; in this run's shard
  int failed = 0, skipped = 0, done_before = 0, with_session = 0;
  double seconds = 0;
};

// Prints a folder run's summary; throws when photos failed, or were skipped as their results exist.
int folder_summary(const FolderTally& t, const fs::path& out_dir, const std::string& method,
                   const ShardSpec& shard) {
  const int failed = t.failed, skipped = t.skipped;
  const int ok = int(t.todo) - failed - skipped - t.done_before;
  const std::string skip_text =
      (skipped ? ", " + std::to_string(skipped) + " skipped as their results exist (--force writes over them)"
               : "") +
      (t.done_before ? ", " + std::to_string(t.done_before) + " done before (--skip-existing)" : "");
  if (shard.count > 1)
    std::printf("shard %d/%d: %zu of the folder's %zu photos\n", shard.index, shard.count, t.todo, t.listed);
  std::printf("colorized %d of %zu photos into %s (%s, %d with a hint session%s, %.1f s)\n", ok, t.todo,
              out_dir.string().c_str(), method.c_str(), t.with_session, skip_text.c_str(), t.seconds);
  const std::string of = " of " + std::to_string(t.todo) + " photos ";
  if (failed)
    throw Error(std::to_string(failed) + of + "failed" +
                (skipped ? " and " + std::to_string(skipped) + (skipped == 1 ? " was" : " were") +
                               " skipped as their results exist"
                         : "") +
                " (see the messages above)");
  if (skipped)
    throw Error(std::to_string(skipped) + of + "skipped: their results exist in '" + out_dir.string() +
                "' (pass --force to write over them)");
  return 0;
}

int run_folder(ColorizeJob& job, const fs::path& dir, const ArgParser& args, const BatchOptions& batch) {
  if (args.has("--hints"))
    throw UsageError("--hints takes the session of one photo; it cannot be used with a folder");
  std::error_code ec;
  fs::path out_dir;
  if (args.has("--output")) {
    out_dir = args.get("--output");
  } else {  // DIR_color beside DIR; for "." or "photos/..", beside the folder they name
    auto named = [](fs::path p) {
      p = p.lexically_normal();
      if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
      return p;
    };
    fs::path p = named(dir);
    if (p.filename() == "." || p.filename() == "..") p = named(fs::absolute(dir, ec));
    if (p.filename().empty() || p.filename() == "." || p.filename() == "..")
      throw UsageError("'" + dir.string() +
                       "' has no name to derive an output folder from: give one with -o");
    out_dir = p.parent_path() / (p.filename().string() + "_color");
  }
  if (!job.force && same_file(out_dir, dir))
    throw UsageError("the output folder is the input folder '" + dir.string() +
                     "' (choose another -o, or pass --force)");
  if (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec))
    throw UsageError("output '" + out_dir.string() + "' is a file; a folder input needs an output folder");
  const std::vector<std::string> files = list_images(dir.string());
  if (files.empty()) {
    std::string exts;
    for (const std::string& e : readable_image_extensions()) exts += (exts.empty() ? "" : ", ") + e.substr(1);
    throw ImageError("no images (" + exts + ") in folder '" + dir.string() + "'");
  }
  fs::create_directories(out_dir, ec);  // only once there is something to write into it
  if (ec) throw ImageError("cannot create output folder '" + out_dir.string() + "': " + ec.message());
  // One distinct output name per input (a.png and a.jpg: a_png_color.png, a_jpg_color.png).
  const std::vector<std::string> names = batch_output_names(files);
  const std::vector<size_t> todo = select_shard(files, dir.string(), batch.shard);  // all, unless --shard
  BatchManifest manifest(batch.manifest);

  const bool sessions = !args.has("--no-sessions");
  const auto t0 = std::chrono::steady_clock::now();
  FolderTally t{files.size(), todo.size()};
  ProgressBar bar("colorize", int(todo.size()));
  job.note = [&bar](const std::string& line) { bar.note(line); };
  for (size_t k = 0; k < todo.size(); ++k) {
    const size_t i = todo[k];
    const fs::path in = files[i];
    const fs::path out = out_dir / names[i];
    ManifestEntry entry{relative_key(files[i], dir.string()), "ok", 0, out.string(), ""};
    const auto t1 = std::chrono::steady_clock::now();
    if (!job.force && batch.skip_existing && fs::is_regular_file(out, ec)) {  // saved whole (atomic_write)
      ++t.done_before;
      entry.status = "skipped";
      manifest.record(entry);
      bar.update(int(k + 1));
      continue;
    }
    if (!job.force && output_exists(out)) {  // an earlier run's result: kept, and said so
      ++t.skipped;
      bar.note("tinge: error: skipped " + in.string() + ": " + exists_message(out));
      manifest.record({entry.path, "error", 0, "", exists_message(out)});
      bar.update(int(k + 1));
      continue;
    }
    std::string note;
    const std::string session = sessions ? sidecar_session(in, &note) : std::string();
    if (!note.empty()) bar.note(note);
    t.with_session += !session.empty();
    try {
      colorize_file(job, in, out, session);
      entry.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    } catch (const std::exception& e) {
      ++t.failed;
      bar.note("tinge: error: " + std::string(e.what()));
      entry = {entry.path, "error", 0, "", e.what()};
    }
    manifest.record(entry);
    bar.update(int(k + 1));
  }
  bar.finish();
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return folder_summary(t, out_dir, (job.levin ? *job.method : base_method(*job.method)).name(), batch.shard);
}

// The settings of every photo's run, from the flags (the method is added by run_colorize).
ColorizeJob job_options(const ArgParser& args) {
  ColorizeJob job;
  job.quality = args.get_int("--quality", 95, 1, 100);
  job.force = args.has("--force");
  if (args.has("--depth")) {
    const std::string d = args.get("--depth");
    if (d != "8" && d != "16") throw UsageError("--depth must be 8 or 16, got '" + d + "'");
    job.depth = d == "16" ? 16 : 8;
  }
  job.note = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  job.pipeline.saturation = float(args.get_double("--saturation", 1.0, 0.0, 4.0));
  job.saturation_given = args.has("--saturation");
  job.method_given = args.has("--method");
  job.reference_strength = reference_strength_option(args);
  if (const auto r = reference_options(args)) job.reference = load_reference(*r, "");
  return job;
}

int run_colorize(std::vector<std::string> argv) {
  ArgParser args("tinge colorize", "IN [-o OUT] [--hints SESSION.json] [options]",
                 "Colourises a black-and-white photo (a colour photo is treated as black-and-white).\n"
                 "IN may be a folder: every photo in it is colourised into the output folder\n"
                 "(default: <IN>_color/), continuing past photos that fail.\n"
                 "A photo's hint session saved beside it as <photo>.tinge.json (the editor's default\n"
                 "name) is used when --hints is not given.\n"
                 "A 16-bit input gives a 16-bit PNG/TIFF result, and an input's alpha channel is kept\n"
                 "(JPEG keeps neither: a note says what is lost). Results that exist already are not\n"
                 "written over without --force (in a folder, those photos are skipped).");
  args.option("--output", "-o", "OUT",
              "result file (.png/.jpg/.tif; default <stem>_color.png beside IN) or folder")
      .option("--hints", "", "SESSION.json", "hint session (points, strokes, regions) for this photo")
      .flag("--no-sessions", "", "ignore <photo>.tinge.json hint sessions beside the photos");
  add_method_options(args);
  add_reference_options(args);
  args.option("--saturation", "", "S", "chroma scale of the result, 0..4 (default 1)")
      .option("--quality", "", "Q", "JPEG quality 1..100 (default 95)")
      .option("--depth", "", "8|16", "bits per sample of PNG/TIFF results (default: as the input)")
      .flag("--force", "", "write over existing result files (and over the input photo)");
  add_batch_options(args);
  args.positionals(1, 1, "an input photo or folder (IN)");
  if (!args.parse(argv)) return 0;

  ColorizeJob job = job_options(args);
  const fs::path in = args.positional()[0];
  std::error_code ec;
  if (!fs::exists(in, ec)) throw ImageError("input '" + in.string() + "': no such file or folder");
  const bool folder = fs::is_directory(in, ec);
  const BatchOptions batch = batch_options(args, folder);
  if (!folder) check_output(in, file_output(in, args), job);

  std::string method;
  job.method = method_from_options(args, &method);
  job.levin = &base_method(*job.method) != job.method.get();  // asked for model+levin
  if (job.reference && !job.method->distribution())
    throw UsageError(
        "--reference and --palette steer the network's colours: use --method model or "
        "model+levin, not " +
        method);
  if (method == "model")
    job.method = make_refined_method(std::move(job.method));  // levin off until a session turns it on
  if (folder) return run_folder(job, in, args, batch);

  const fs::path out = file_output(in, args);
  const auto t0 = std::chrono::steady_clock::now();
  std::string hints = args.get("--hints");
  if (hints.empty() && !args.has("--no-sessions")) {
    std::string note;
    hints = sidecar_session(in, &note);
    if (!note.empty()) std::fprintf(stderr, "%s\n", note.c_str());
    if (!hints.empty())
      std::fprintf(stderr, "tinge: note: using the hint session '%s' (--no-sessions ignores it)\n",
                   hints.c_str());
  }
  const FileResult r = colorize_file(job, in, out, hints);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (r.hints == 0 &&
      r.method.rfind("model", 0) != 0)  // the network colours with no hints; others leave gray
    std::fprintf(stderr, "tinge: note: no hints given, so '%s' leaves the photo gray (see --hints)\n",
                 method.c_str());
  const std::string like = r.reference.empty()        ? ""
                           : r.reference == "palette" ? ", coloured with the palette"
                                                      : ", coloured like " + r.reference;
  std::printf("wrote %s (%s, %zu hint%s%s, %s, %.2f s)\n", out.string().c_str(), r.method.c_str(), r.hints,
              r.hints == 1 ? "" : "s", like.c_str(), depth_text(r.bits, r.alpha).c_str(), secs);
  return 0;
}

}  // namespace

TINGE_REGISTER_COMMAND("colorize", "colourise a photo (or a folder of photos), optionally from hints",
                       run_colorize);

}  // namespace tinge
