// The "Where to click" overlay: the recommender's uncertainty (ab units, one value per cell) as a
// translucent heat map, drawn over the result. Rendered at the cells' resolution into an RGBA
// texture that the canvas stretches over the photo (bilinear): clear where any colouring agrees, a
// magenta tint (a colour photos rarely hold) where a hint would change the most, stronger the more.
uniform sampler2D u_map;
uniform vec2 u_size;
uniform float u_low;   // clear up to this uncertainty (the editor: the map's median)
uniform float u_full;  // full strength from this one (the editor: the map's 95th percentile)
out vec4 frag_color;

void main() {
  vec2 uv = gl_FragCoord.xy / u_size;
  float v = texture(u_map, uv).r;  // row 0 of the map: the photo's top
  float t = clamp((v - u_low) / max(u_full - u_low, 1e-3), 0.0, 1.0);
  frag_color = vec4(1.0, 0.15, 0.75, 0.6 * smoothstep(0.0, 1.0, t));
}
