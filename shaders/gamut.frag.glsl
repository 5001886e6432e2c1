// The ab colour picker: the a (right) / b (up) plane over a square of half-side u_half around
// u_centre at one lightness (the editor zooms to the in-gamut region at that L). Colours outside
// the sRGB gamut at that L are marked with dark diagonal hatching over their clamped colour.
uniform float u_L;
uniform vec2 u_centre;
uniform float u_half;
uniform vec2 u_size;
out vec4 frag_color;

void main() {
  vec2 uv = gl_FragCoord.xy / u_size;  // row 0 is the top of the displayed picker
  vec3 lab = vec3(u_L, u_centre.x + u_half * (2.0 * uv.x - 1.0), u_centre.y + u_half * (1.0 - 2.0 * uv.y));
  if (lab_in_gamut(lab)) {
    frag_color = vec4(clamp(linear_to_srgb(lab_to_linear(lab)), 0.0, 1.0), 1.0);
  } else {
    vec3 c = lab_to_srgb_clamped(lab);
    float stripe = step(0.5, fract((gl_FragCoord.x + gl_FragCoord.y) / 8.0));
    frag_color = vec4(mix(c * 0.45, vec3(0.18), 0.5 * stripe), 1.0);
  }
}
