// Composes the displayed result in real time: full-resolution lightness plus the predicted ab
// (any resolution: bilinear upsampling by the texture unit), scaled by the global saturation in
// Lab, brought into gamut (chroma scaled to the tabulated boundary) and converted to sRGB. Row 0 of the target is the image's top row.
uniform sampler2D u_L;     // R32F, full resolution, L in [0, 100]
uniform sampler2D u_ab;    // RG32F, a and b in CIELAB units
uniform sampler2D u_gamut; // R32F, the gamut boundary's chroma by hue and L (lab.glsl)
uniform vec2 u_size;       // target size in pixels
uniform float u_saturation;
out vec4 frag_color;

void main() {
  vec2 uv = gl_FragCoord.xy / u_size;
  float L = texture(u_L, uv).r;
  vec2 ab = texture(u_ab, uv).rg * u_saturation;
  frag_color = vec4(lab_to_srgb_table_clamped(vec3(L, ab), u_gamut), 1.0);
}
