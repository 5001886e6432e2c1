#!/usr/bin/env bash
# Installs the Debian 12 packages tinge needs to build, test and run the editor; only what is
# missing, so a second run is quick and needs no network. Uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libeigen3-dev nlohmann-json3-dev libstb-dev libgtest-dev   # core + tests
  libjpeg-dev                                                # JPEG decoding (libjpeg-turbo)
  libtiff-dev                                                # TIFF decoding and writing (archival scans)
  zlib1g-dev                                                 # 16-bit and alpha PNG writing
  libtorch-dev libopenblas0-openmp                           # the network (TINGE_WITH_TORCH)
  libgloo-dev                                                # data-parallel training (c10d's Gloo)
  libimgui-dev libglfw3-dev libgl-dev                        # the editor (TINGE_BUILD_APP)
  xvfb xauth xdotool x11-apps                                # headless GUI tests (real X input, xwd)
  dpkg-dev file man-db                                       # the .deb (dpkg-shlibdeps) and its tests
  clang libclang-rt-14-dev clang-format                      # fuzzing (scripts/sanitize.sh), the format check
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-deps: missing ${missing[*]}, and there is no apt-get here: install them by hand" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
