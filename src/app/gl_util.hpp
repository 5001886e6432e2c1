// Small RAII helpers over OpenGL objects: shader programs built from the embedded shaders/*.glsl,
// 2D textures (8-bit RGB, float planes), framebuffers, and reading back the window for screenshots.
#pragma once
#include <string>
#include <vector>

#include "app/gl.hpp"
#include "core/image.hpp"

// Generated from shaders/*.glsl at build time (cmake/EmbedShaders.cmake); nullptr when unknown.
const char* tinge_shader(const char* name);

namespace tinge {

// Returns the embedded shader source or throws tinge::Error naming it.
std::string shader_source(const std::string& name);

class Program {
 public:
  Program() = default;
  // Links a vertex and a fragment shader; each source is "#version 330 core" + the named files.
  Program(const std::vector<std::string>& vertex_files, const std::vector<std::string>& fragment_files);
  ~Program();
  Program(Program&& o) noexcept;
  Program& operator=(Program&& o) noexcept;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  GLuint id() const { return id_; }
  GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }

 private:
  GLuint id_ = 0;
};

class Texture {
 public:
  Texture() = default;
  ~Texture();
  Texture(Texture&& o) noexcept;
  Texture& operator=(Texture&& o) noexcept;
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;

  void upload_rgb8(const Rgb8Image& img, bool mipmaps);
  void upload_plane(const Plane& p);                // R32F, linear filtering
  void upload_ab(const Plane& a, const Plane& b);   // RG32F, linear filtering
  void allocate_rgba8(int w, int h, bool mipmaps);  // render target storage
  void update_rgb8(const Rgb8Image& img);           // level 0's pixels; img has the texture's size
  void generate_mipmaps();                          // and samples them (trilinear)
  void use_mipmaps(bool on);  // the minification filter: trilinear (mipmaps must exist) or bilinear
  void wrap_horizontally();   // GL_REPEAT along x (default: clamp to edge)
  GLuint id() const { return id_; }
  int width() const { return w_; }
  int height() const { return h_; }
  bool valid() const { return id_ != 0; }
  void* imgui_id() const { return reinterpret_cast<void*>(static_cast<intptr_t>(id_)); }

 private:
  void create(int w, int h);
  GLuint id_ = 0;
  int w_ = 0, h_ = 0;
};

// A framebuffer drawing into one RGBA8 texture.
class RenderTarget {
 public:
  RenderTarget() = default;
  ~RenderTarget();
  RenderTarget(const RenderTarget&) = delete;
  RenderTarget& operator=(const RenderTarget&) = delete;
  void resize(int w, int h, bool mipmaps);  // (re)allocates when the size changes
  void bind();                              // binds the framebuffer and sets the viewport
  static void unbind();
  Texture& texture() { return tex_; }
  int width() const { return tex_.width(); }
  int height() const { return tex_.height(); }

 private:
  GLuint fbo_ = 0;
  Texture tex_;
  bool mipmaps_ = false;
};

int max_texture_size();
// Reads an RGBA8 texture's level 0 into an RGB image (texture row 0 first).
Rgb8Image read_texture(const Texture& t);
// Reads the current default framebuffer (w x h pixels) into a top-down RGB image.
Rgb8Image read_framebuffer(int w, int h);

}  // namespace tinge
