// Opening photos and hint sessions, saving results and sessions, and the autosave that makes a
// crash lose at most a few seconds of work (with recovery offered when the photo is reopened).
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "app/editor_app.hpp"
#include "app/persistence.hpp"
#include "core/batch_names.hpp"
#include "core/color.hpp"
#include "core/error.hpp"
#include "core/evaluate.hpp"
#include "core/image_io.hpp"
#include "core/photo_load.hpp"
#include "core/pipeline.hpp"
#include "core/resample.hpp"
#include "core/result_save.hpp"
#include "core/session.hpp"
#include "core/session_name.hpp"
#include "core/session_reference.hpp"

namespace fs = std::filesystem;

namespace tinge {
namespace {

std::string lower_ext(const std::string& path) {
  std::string e = fs::path(path).extension().string();
  for (char& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

std::string canonical(const std::string& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p), ec);
  return ec ? p : c.string();
}

}  // namespace

void EditorApp::open_path(const std::string& path) {
  std::error_code dir_ec;
  if (fs::is_directory(path, dir_ec)) {  // a folder: its first photo
    const std::vector<std::string> photos = list_images(path);
    if (photos.empty()) throw ImageError("no photos in folder '" + path + "'");
    open_path(photos.front());
    return;
  }
  if (lower_ext(path) == ".json") {
    load_session_file(path);
    return;
  }
  if (!open_session_beside(path)) open_image(path, {});
}

// A session saved beside the photo under the default name (<photo>.tinge.json) brings its hints
// back, so reopening a photo continues where the user left off.
bool EditorApp::open_session_beside(const std::string& path) {
  const std::string beside = default_session_path(path);
  std::error_code ec;
  if (!fs::is_regular_file(beside, ec)) return false;
  std::string problem;
  try {
    const Session s = load_session(beside);
    if (canonical(resolve_session_image(s, beside)) == canonical(path)) {
      load_session_file(beside);
      // Said on stdout too: a scripted run adds its hints to these.
      const size_t n = size_t(session_hints(s).count());
      set_status("loaded " + std::to_string(n) + (n == 1 ? " hint" : " hints") + " from " + beside +
                 ", the session saved beside the photo");
      std::printf("edit: %s\n", status_.c_str());
      std::fflush(stdout);
      return true;
    }
    problem = "it was made for " + s.image;
  } catch (const Error& e) {
    problem = e.what();
  }
  open_image(path, {});
  set_status("not using " + beside + ": " + problem);
  return true;
}

void EditorApp::open_image(const std::string& path, const HintSet& hints) {
  if (image_ && doc_.modified()) autosave_tick(true);  // the current work stays recoverable
  auto img = std::make_shared<ImageData>();
  img->path = canonical(path);
  img->original = load_image(path);
  // JPEG has 8 bits and no alpha: its lightness is that of the pixels shown. Other formats may hold
  // 16 bits or transparency, which the result keeps.
  if (lower_ext(path) == ".jpg" || lower_ext(path) == ".jpeg") {
    img->L = srgb8_to_lightness(img->original);
  } else {
    Photo photo = load_photo(path);
    img->L = std::move(photo.L);
    img->alpha = std::move(photo.alpha);
    img->bits = photo.bits;
  }
  validate_hints(hints, img->L.width, img->L.height);
  int short_side = worker_->working_short_side() > 0 ? worker_->working_short_side() : 256;
  int ww = 0, wh = 0;
  working_size(img->L.width, img->L.height, short_side, ww, wh);
  img->L_work = resize_area(img->L, ww, wh);
  // Previews while a hint is dragged: short side 128, a quarter of the network's pixels (the
  // released result is at the working resolution).
  working_size(img->L.width, img->L.height, std::min(short_side, kPreviewShortSide), ww, wh);
  img->L_preview = resize_area(img->L, ww, wh);
  img->generation = image_ ? image_->generation + 1 : 1;
  compositor_->set_image(img->original, img->L);
  image_ = img;

  doc_.reset(hints);  // also ends any edit in progress on the previous photo
  // A gesture begun on the previous photo (a drag, the gamut picker, a text field) ends with it:
  // it must not go on moving a point of this one. Results and proposals for it are dropped.
  canvas_.reset();
  colour_.reset();
  render_.reset();
  alternatives_.reset();
  where_.reset();
  session_path_.clear();
  session_extra_ = nlohmann::json::object();
  autosaved_rev_ = doc_.revision();
  remember_recent_file(img->path);
  recent_files_ = load_recent_files();
  set_status("opened " + img->path);
  offer_autosave(*img, hints);
}

// Hints autosaved for this photo and never saved are offered for recovery.
void EditorApp::offer_autosave(const ImageData& img, const HintSet& hints) {
  HintSet saved;
  std::string when;
  recovery_.offered = false;
  if (!opt_.autosave || !read_autosave(img.path, saved, when) || saved.empty() || same_hints(saved, hints))
    return;
  try {
    validate_hints(saved, img.L.width, img.L.height);
    recovery_.hints = saved;
    recovery_.time = when;
    recovery_.offered = true;
  } catch (const Error&) {
    remove_autosave(img.path);  // stale: it does not fit this image any more
  }
}

bool EditorApp::open_sibling(int step) {
  if (!image_) return false;
  const std::vector<std::string> photos = list_images(fs::path(image_->path).parent_path().string());
  const auto it = std::find_if(photos.begin(), photos.end(),
                               [this](const std::string& p) { return canonical(p) == image_->path; });
  const long here = it == photos.end() ? -1 : long(it - photos.begin());
  const long there = here + step;
  if (here < 0 || there < 0 || there >= long(photos.size())) {
    set_status(step > 0 ? "no next photo in this folder" : "no previous photo in this folder");
    return false;
  }
  open_path(photos[size_t(there)]);
  return true;
}

void EditorApp::load_session_file(const std::string& path, bool onto_open_photo) {
  Session s = load_session(path);
  std::string img = resolve_session_image(s, path);
  if (onto_open_photo && image_ && canonical(img) != image_->path) {
    // `tinge edit photo.jpg --session other.json`: the photo named on the command line stays (as
    // with `tinge colorize --hints`), and the hints must fit it.
    std::error_code ec;
    if (!s.image.empty() && fs::exists(img, ec))
      std::fprintf(stderr, "tinge: note: session '%s' was made for '%s', not '%s'\n", path.c_str(),
                   img.c_str(), image_->path.c_str());
    img = image_->path;
  }
  if (!image_ || canonical(img) != image_->path) {
    open_image(img, session_hints(s));
  } else {
    validate_hints(session_hints(s), image_->L.width, image_->L.height);
    doc_.replace_hints(session_hints(s));  // undoable
    doc_.mark_saved();
  }
  session_path_ = canonical(path);
  session_extra_ = s.extra;
  if (s.extra.contains("editor") && s.extra["editor"].is_object()) {
    const auto& e = s.extra["editor"];
    if (e.contains("saturation") && e["saturation"].is_number())
      render_.set_saturation(std::clamp(e["saturation"].get<float>(), 0.f, 3.f));
    if (e.contains("levin") && e["levin"].is_boolean()) render_.set_levin(e["levin"].get<bool>());
  }
  remember_recent_file(session_path_);
  recent_files_ = load_recent_files();
  const int n = session_hints(s).count();
  set_status("loaded " + std::to_string(n) + (n == 1 ? " hint" : " hints") + " from " + path);
  // Its colour reference: a missing photo is reported when the worker tries it; the hints stay.
  if (render_.has_network())
    guarded([this, &s, &path] { reference_.from_session(session_reference(s), path); });
}

void EditorApp::save_session_file(const std::string& path) {
  if (!image_) throw Error("save session: no photo is open");
  if (is_original(path)) throw Error(path + " is the original photo: refusing to write a session over it");
  Session s;
  s.image = path_for_session(image_->path, path);
  set_session_hints(s, doc_.hints());
  s.extra = session_extra_;
  s.extra["editor"] = {{"saturation", render_.saturation()}};
  if (render_.has_network())
    s.extra["editor"]["levin"] = render_.levin();  // "+ Levin": tinge colorize honours it too
  // The colour reference; one the loaded session named but that could not be read is kept as it was.
  if (const auto r = reference_.for_session(path))
    set_session_reference(s, &*r);
  else if (!reference_.not_loaded())
    set_session_reference(s, nullptr);
  save_session(s, path);
  doc_.mark_saved();
  session_path_ = canonical(path);
  if (opt_.autosave) remove_autosave(image_->path);
  autosaved_rev_ = doc_.revision();
  remember_recent_file(session_path_);
  set_status("session saved to " + path);
}

bool EditorApp::is_original(const std::string& path) const {
  if (!image_) return false;
  std::error_code ec;
  if (fs::exists(path, ec) && fs::equivalent(path, image_->path, ec)) return true;
  return canonical(path) == image_->path;
}

std::string EditorApp::suggested_result_path() const {
  if (!image_) return "";
  fs::path p(image_->path);
  return (p.parent_path() / result_file_name(image_->path)).string();
}

void EditorApp::save_result_file(const std::string& path, bool overwrite_original) {
  if (!image_) throw Error("save result: no photo is open");
  result_format(path);  // a usable extension (.png, .jpg, .tif, ...), or an error naming it
  if (is_original(path) && !overwrite_original) {
    if (scripted())
      throw Error(path + " is the original photo: refusing to write over it (set \"overwrite\": true)");
    confirm_overwrite_ = path;  // the prompt in draw_modals() calls back with overwrite = true
    return;
  }
  ++saves_pending_;
  auto img = image_;
  const HintSet hints = doc_.hints();
  PipelineOptions po;
  po.saturation = render_.saturation();
  const bool levin = render_.levin();
  worker_->post("", "saving the result",
                [this, img, hints, po, path, levin](Method& m) -> InferenceWorker::Done {
                  try {
                    LabImage lab = colorize(img->L, hints, job_method(m, levin), po);
                    const Plane* alpha = img->alpha.empty() ? nullptr : &img->alpha;
                    save_colorized(path, img->L, lab.a, lab.b, alpha, img->bits);
                  } catch (const std::exception& e) {
                    std::string msg = e.what();
                    return [this, msg] {
                      --saves_pending_;
                      report_error("save result: " + msg);
                    };
                  }
                  // What the format could not keep (JPEG: 16 bits, alpha) is said with the confirmation.
                  const std::string loss = result_save_loss(path, img->bits, !img->alpha.empty());
                  return [this, path, loss] {
                    --saves_pending_;
                    set_status("result saved to " + path + (loss.empty() ? "" : " (" + loss + ")"));
                  };
                });
}

void EditorApp::answer_recovery(bool accept) {
  if (accept)
    doc_.replace_hints(recovery_.hints);  // undoable, and unsaved until the session is saved
  else if (image_)
    remove_autosave(image_->path);
  recovery_.offered = false;
}

void EditorApp::autosave_tick(bool force) {
  if (!opt_.autosave || !image_ || doc_.revision() == autosaved_rev_) return;
  const double now = glfwGetTime();
  if (!force && now - last_autosave_ < 2.0) return;
  last_autosave_ = now;
  autosaved_rev_ = doc_.revision();
  try {
    if (doc_.modified())
      write_autosave(image_->path, doc_.hints());
    else
      remove_autosave(image_->path);
  } catch (const Error& e) {
    report_error(e.what());
  }
}

}  // namespace tinge
