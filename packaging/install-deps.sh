#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing Skein need.
# Idempotent: asks apt only for the packages that are missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libqt6sql6-sqlite
  qt6-charts-dev qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  protobuf-compiler libprotobuf-dev libsqlite3-dev sqlite3 rapidjson-dev
  libgraphviz-dev zlib1g-dev libzstd-dev
  xvfb xauth fonts-dejavu-core fontconfig time
  # packaging and desktop integration: cpack's dependency computation, the freedesktop validators, the MIME database
  # and GLib's view of it, the man page check (packaging/check-package.sh, tests/app/tst_packaging)
  dpkg-dev desktop-file-utils appstream shared-mime-info libglib2.0-bin groff-base
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages are present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: not root and no sudo; as root run: apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi
apt_options=(-o Acquire::Retries=3 -o DPkg::Lock::Timeout=300)
"${sudo[@]}" apt-get "${apt_options[@]}" update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y -qq --no-install-recommends \
  "${missing[@]}" </dev/null
echo "install-deps: done"
