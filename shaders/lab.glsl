// CIE L*a*b* (D65) -> non-linear sRGB, and bringing a colour into the sRGB gamut by scaling its
// chroma towards grey at constant L and hue (the same rule as the core's clamp_to_gamut).
// Prepended to the fragment shaders that need it.

float lab_finv(float t) {
  const float d = 6.0 / 29.0;
  return t > d ? t * t * t : 3.0 * d * d * (t - 4.0 / 29.0);
}

vec3 lab_to_linear(vec3 lab) {
  float fy = (lab.x + 16.0) / 116.0;
  float fx = fy + lab.y / 500.0;
  float fz = fy - lab.z / 200.0;
  vec3 xyz = vec3(0.95047 * lab_finv(fx), lab_finv(fy), 1.08883 * lab_finv(fz));
  return mat3(3.2404542, -0.9692660, 0.0556434,
              -1.5371385, 1.8760108, -0.2040259,
              -0.4985314, 0.0415560, 1.0572252) * xyz;
}

vec3 linear_to_srgb(vec3 c) {
  vec3 lo = 12.92 * c;
  vec3 hi = 1.055 * pow(max(c, vec3(0.0)), vec3(1.0 / 2.4)) - 0.055;
  return mix(hi, lo, vec3(lessThanEqual(c, vec3(0.0031308))));
}

// Tested on linear RGB (sRGB's transfer curve is monotonic, so the gamut is the same cube) so the
// bisection below costs no pow(): it runs per pixel whenever a colour is out of gamut.
bool lab_in_gamut(vec3 lab) {
  vec3 c = lab_to_linear(lab);
  return all(greaterThanEqual(c, vec3(-1e-5))) && all(lessThanEqual(c, vec3(1.0 + 2e-4)));
}

// Largest chroma scale in [0, 1] that keeps (L, s*a, s*b) in gamut (binary search).
vec3 lab_clamp_to_gamut(vec3 lab) {
  if (lab_in_gamut(lab)) return lab;
  float lo = 0.0, hi = 1.0;
  for (int i = 0; i < 14; ++i) {
    float mid = 0.5 * (lo + hi);
    if (lab_in_gamut(vec3(lab.x, lab.yz * mid))) lo = mid; else hi = mid;
  }
  return vec3(lab.x, lab.yz * lo);
}

vec3 lab_to_srgb_clamped(vec3 lab) {
  return clamp(linear_to_srgb(lab_to_linear(lab_clamp_to_gamut(lab))), 0.0, 1.0);
}

// The same clamp with the gamut boundary tabulated (core/gamut_table.hpp, an R32F texture: x =
// hue / 2 pi with GL_REPEAT, y = L / 100 over texel centres): one lookup for an out-of-gamut
// colour instead of the bisection's 14 conversions, for the per-frame composition of the result.
// Agrees with the bisection to within a level of 8-bit sRGB for 99% of colours.
vec3 lab_to_srgb_table_clamped(vec3 lab, sampler2D table) {
  vec3 lin = lab_to_linear(lab);
  float c = length(lab.yz);
  if (c > 1e-6 && (any(lessThan(lin, vec3(-1e-4))) || any(greaterThan(lin, vec3(1.0 + 1e-4))))) {
    vec2 n = vec2(textureSize(table, 0));
    vec2 uv = vec2(atan(lab.z, lab.y) / 6.2831853 + 0.5 / n.x,
                   (clamp(lab.x, 0.0, 100.0) / 100.0 * (n.y - 1.0) + 0.5) / n.y);
    lab.yz *= min(1.0, texture(table, uv).r / c);
    lin = lab_to_linear(lab);
  }
  return clamp(linear_to_srgb(lin), 0.0, 1.0);
}
