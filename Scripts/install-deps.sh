#!/usr/bin/env bash
# Installs the system packages KalmanOpt needs, only those that are missing.
#   liblapacke-dev libopenblas-dev  BLAS/LAPACK (the CLAPACK module)
#   zlib1g-dev                      gzip for the MNIST IDX files
#   librsvg2-bin                    rsvg-convert, for PNG plots
# Runs `apt-get update` once, and only when something has to be installed.
set -euo pipefail
packages=(liblapacke-dev libopenblas-dev zlib1g-dev librsvg2-bin)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: missing ${missing[*]} and no apt-get on this machine; install them with your package manager." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
