// OpenGL object helpers (see gl_util.hpp).
#include "app/gl_util.hpp"

#include <utility>

#include "core/error.hpp"

namespace tinge {

std::string shader_source(const std::string& name) {
  const char* s = tinge_shader(name.c_str());
  if (!s) throw Error("shader '" + name + "' is not embedded (expected shaders/" + name + ")");
  return s;
}

namespace {

GLuint compile(GLenum type, const std::vector<std::string>& files) {
  std::string src = "#version 330 core\n";
  for (const auto& f : files) src += shader_source(f) + "\n";
  GLuint s = glCreateShader(type);
  const char* p = src.c_str();
  glShaderSource(s, 1, &p, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetShaderInfoLog(s, sizeof(log) - 1, nullptr, log);
    glDeleteShader(s);
    std::string msg = log;
    for (char& c : msg)
      if (c == '\n') c = ' ';
    throw Error("shader " + files.back() + " does not compile: " + msg);
  }
  return s;
}

}  // namespace

Program::Program(const std::vector<std::string>& vs, const std::vector<std::string>& fs) {
  GLuint v = compile(GL_VERTEX_SHADER, vs);
  GLuint f = compile(GL_FRAGMENT_SHADER, fs);
  id_ = glCreateProgram();
  glAttachShader(id_, v);
  glAttachShader(id_, f);
  glLinkProgram(id_);
  glDeleteShader(v);
  glDeleteShader(f);
  GLint ok = 0;
  glGetProgramiv(id_, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetProgramInfoLog(id_, sizeof(log) - 1, nullptr, log);
    glDeleteProgram(id_);
    id_ = 0;
    throw Error("shader program " + fs.back() + " does not link: " + log);
  }
}

Program::~Program() {
  if (id_) glDeleteProgram(id_);
}
Program::Program(Program&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
Program& Program::operator=(Program&& o) noexcept {
  if (this != &o) {
    if (id_) glDeleteProgram(id_);
    id_ = std::exchange(o.id_, 0);
  }
  return *this;
}

Texture::~Texture() {
  if (id_) glDeleteTextures(1, &id_);
}
Texture::Texture(Texture&& o) noexcept
    : id_(std::exchange(o.id_, 0)), w_(std::exchange(o.w_, 0)), h_(std::exchange(o.h_, 0)) {}
Texture& Texture::operator=(Texture&& o) noexcept {
  if (this != &o) {
    if (id_) glDeleteTextures(1, &id_);
    id_ = std::exchange(o.id_, 0);
    w_ = std::exchange(o.w_, 0);
    h_ = std::exchange(o.h_, 0);
  }
  return *this;
}

void Texture::create(int w, int h) {
  const int limit = max_texture_size();
  if (w <= 0 || h <= 0 || w > limit || h > limit)
    throw ImageError("image of " + std::to_string(w) + "x" + std::to_string(h) +
                     " pixels exceeds the GPU texture limit of " + std::to_string(limit));
  if (!id_) glGenTextures(1, &id_);
  w_ = w;
  h_ = h;
  glBindTexture(GL_TEXTURE_2D, id_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
}

void Texture::upload_rgb8(const Rgb8Image& img, bool mipmaps) {
  create(img.width, img.height);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, img.width, img.height, 0, GL_RGB, GL_UNSIGNED_BYTE,
               img.data.data());
  if (mipmaps) generate_mipmaps();
}

void Texture::upload_plane(const Plane& p) {
  create(p.width, p.height);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, p.width, p.height, 0, GL_RED, GL_FLOAT, p.v.data());
}

void Texture::upload_ab(const Plane& a, const Plane& b) {
  TINGE_CHECK(a.width == b.width && a.height == b.height, "a and b planes differ in size");
  std::vector<float> ab(a.size() * 2);
  for (size_t i = 0; i < a.size(); ++i) {
    ab[2 * i] = a.v[i];
    ab[2 * i + 1] = b.v[i];
  }
  create(a.width, a.height);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RG32F, a.width, a.height, 0, GL_RG, GL_FLOAT, ab.data());
}

void Texture::wrap_horizontally() {
  glBindTexture(GL_TEXTURE_2D, id_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_REPEAT);
}

void Texture::allocate_rgba8(int w, int h, bool mipmaps) {
  create(w, h);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  if (mipmaps) generate_mipmaps();
}

void Texture::update_rgb8(const Rgb8Image& img) {
  TINGE_CHECK(img.width == w_ && img.height == h_, "update_rgb8: the image is not the texture's size");
  glBindTexture(GL_TEXTURE_2D, id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w_, h_, GL_RGB, GL_UNSIGNED_BYTE, img.data.data());
}

void Texture::generate_mipmaps() {
  glBindTexture(GL_TEXTURE_2D, id_);
  glGenerateMipmap(GL_TEXTURE_2D);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
}

void Texture::use_mipmaps(bool on) {
  glBindTexture(GL_TEXTURE_2D, id_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, on ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
}

RenderTarget::~RenderTarget() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
}

void RenderTarget::resize(int w, int h, bool mipmaps) {
  if (fbo_ && w == tex_.width() && h == tex_.height() && mipmaps == mipmaps_) return;
  mipmaps_ = mipmaps;
  tex_.allocate_rgba8(w, h, mipmaps);
  if (!fbo_) glGenFramebuffers(1, &fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex_.id(), 0);
  GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    throw Error("cannot render to a " + std::to_string(w) + "x" + std::to_string(h) +
                " texture (framebuffer status " + std::to_string(status) + ")");
}

void RenderTarget::bind() {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, tex_.width(), tex_.height());
}

void RenderTarget::unbind() {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

int max_texture_size() {
  GLint v = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &v);
  return v > 0 ? v : 4096;
}

Rgb8Image read_texture(const Texture& t) {
  Rgb8Image img(t.width(), t.height());
  glBindTexture(GL_TEXTURE_2D, t.id());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glGetTexImage(GL_TEXTURE_2D, 0, GL_RGB, GL_UNSIGNED_BYTE, img.data.data());
  return img;
}

Rgb8Image read_framebuffer(int w, int h) {
  Rgb8Image img(w, h);
  std::vector<uint8_t> rows(size_t(w) * size_t(h) * 3);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, rows.data());
  const size_t stride = size_t(w) * 3;
  for (int y = 0; y < h; ++y)
    std::copy(rows.begin() + std::ptrdiff_t(size_t(h - 1 - y) * stride),
              rows.begin() + std::ptrdiff_t(size_t(h - y) * stride),
              img.data.begin() + std::ptrdiff_t(size_t(y) * stride));
  return img;
}

}  // namespace tinge
