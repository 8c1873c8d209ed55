#!/usr/bin/env bash
# Builds the Debian package and checks it the way a desktop and a user would meet it:
#   - `cpack -G DEB` builds it; `dpkg-deb -c` lists the binary, desktop file, AppStream metainfo, MIME package, icons
#     (SVG and every PNG size), man page and copyright; `dpkg-deb -I` shows the Depends that dpkg-shlibdeps computed
#   - the packaged desktop file passes desktop-file-validate, the metainfo `appstreamcli validate --no-net`, the man
#     page groff's warnings
#   - a MIME database built from the packaged XML recognises the shared corpus files by content (GLib's `gio info`),
#     printed as a table
#   - the packaged binary prints its version and git revision
#   - with --install: `apt-get install ./skein_*.deb` on this machine (pulling the runtime packages it lacks), then
#     /usr/bin/skein --version, the system MIME database and `dpkg -r skein`; with --clean-root DIR: the same inside a
#     minimal Debian 12 root made by mmdebstrap (only the runtime packages that apt pulls in), as a clean machine
#
#   bash packaging/check-package.sh [--build-dir DIR] [--install] [--clean-root DIR]
#
# Environment: SKEIN_BUILD_DIR (default: build, the tree packaging/dev.sh uses), SKEIN_CORPUS_DIR (default:
# ../shared/corpus), SKEIN_SKIP_DEPS=1 (do not install the checking tools).
set -Eeuo pipefail
trap 'echo "check-package.sh: failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SKEIN_BUILD_DIR:-build}
corpus=${SKEIN_CORPUS_DIR:-$root/../shared/corpus}
install=0
clean_root=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir) build=$2; shift 2 ;;
    --install) install=1; shift ;;
    --clean-root) clean_root=$2; shift 2 ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-package.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$build" = /* ]] || build="$root/$build"

say() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'check-package.sh: FAILED: %s\n' "$*" >&2
  exit 1
}
failures=0
check() { # check DESCRIPTION COMMAND...: runs the command, counts a failure instead of stopping
  local description=$1
  shift
  if "$@"; then
    echo "ok: $description"
  else
    echo "NOT OK: $description" >&2
    failures=$((failures + 1))
  fi
}

if [[ "${SKEIN_SKIP_DEPS:-0}" != 1 ]]; then
  bash "$root/packaging/install-deps.sh" </dev/null
fi

say "building in $build"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" --target skein_package_files

say "cpack -G DEB"
rm -f "$build"/skein_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/skein_*.deb)
echo "package: $deb ($(du -h "$deb" | cut -f1))"

work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  if [[ -n "$clean_root" ]]; then
    for fs in dev/pts dev sys proc; do ! mountpoint -q "$clean_root/$fs" || umount "$clean_root/$fs"; done
  fi
}
trap cleanup EXIT

say "dpkg-deb -I (control)"
dpkg-deb -I "$deb"
depends=$(dpkg-deb -f "$deb" Depends)
version=$(dpkg-deb -f "$deb" Version)
project_version=$(sed -n 's/^project(skein VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
check "version $version starts with the CMake version $project_version" test "${version%%+*}" = "$project_version"
for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 libqt6charts6 libsqlite3-0 libzstd1 libgvc6 libc6 qt6-qpa-plugins; do
  check "Depends names $package" grep -q "\b$package\b" <<<"$depends"
done

say "dpkg-deb -c (contents)"
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' | sort >"$work/contents"
cat "$work/contents"
app_id=$(sed -n 's/^set(SKEIN_APP_ID \(.*\))$/\1/p' "$root/packaging/packaging.cmake")
expected=(
  /usr/bin/skein
  "/usr/share/applications/$app_id.desktop"
  "/usr/share/metainfo/$app_id.metainfo.xml"
  "/usr/share/mime/packages/$app_id.xml"
  "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  /usr/share/man/man1/skein.1.gz
  /usr/share/doc/skein/copyright
)
for size in 16 22 24 32 48 64 128 256; do
  expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
  check "package holds $path" grep -qx "$path" "$work/contents"
done

dpkg-deb -x "$deb" "$work/root"
say "desktop file, AppStream metainfo, man page"
check "desktop-file-validate" desktop-file-validate "$work/root/usr/share/applications/$app_id.desktop"
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$work/root/usr/share/metainfo/$app_id.metainfo.xml"
man_warnings=$(zcat "$work/root/usr/share/man/man1/skein.1.gz" | groff -man -ww -z -Tutf8 2>&1)
check "man page renders without groff warnings" test -z "$man_warnings"
zcat "$work/root/usr/share/man/man1/skein.1.gz" >"$work/skein.1"
for section in NAME SYNOPSIS DESCRIPTION SUBCOMMANDS FILES ENVIRONMENT '"EXIT STATUS"'; do
  check "man page has the section $section" grep -qx ".SH $section" "$work/skein.1"
done

say "the packaged binary"
packaged_version=$(QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/skein" --version)
echo "$packaged_version"
revision=$(git -C "$root" rev-parse --short=10 HEAD 2>/dev/null || true)
check "--version names $project_version" grep -q "^skein $project_version" <<<"$packaged_version"
if [[ -n "$revision" ]]; then
  check "--version names the revision $revision" grep -q "git $revision" <<<"$packaged_version"
fi

say "MIME types of the corpus files (GLib, with only freedesktop.org's types and ours)"
mkdir -p "$work/mime/mime/packages"
cp /usr/share/mime/packages/freedesktop.org.xml "$work/root/usr/share/mime/packages/$app_id.xml" "$work/mime/mime/packages/"
update-mime-database "$work/mime/mime"
if [[ -d "$corpus" ]] && command -v gio >/dev/null; then
  (cd "$corpus" && find . -type f ! -name '*.md' ! -name '*.tsv' ! -name SHA256SUMS | sed 's|^\./||' | sort) |
    while read -r file; do
      type=$(XDG_DATA_HOME="$work/mime" XDG_DATA_DIRS="$work/mime" gio info -a standard::content-type "$corpus/$file" |
        sed -n 's/.*standard::content-type: //p')
      printf '%-36s %s\n' "$type" "$file"
    done | tee "$work/types"
  echo
  awk '{print $1}' "$work/types" | sort | uniq -c
  recognised=$(grep -c '^application/x-.*-trace+' "$work/types" || true)
  echo "$recognised of $(wc -l <"$work/types") corpus files recognised as traces"
  while read -r expected_type file; do
    check "$file is $expected_type" grep -qx "$(printf '%-36s %s' "$expected_type" "$file")" "$work/types"
  done <<'EOF'
application/x-otlp-trace+json otlp-json/otel-proto/trace.json
application/x-otlp-trace+json otlp-json/jaeger-ui/otlp2jaeger-multi-in.jsonl
application/x-otlp-trace+protobuf otlp-proto/otlp2parquet-traces.pb
application/x-jaeger-trace+json jaeger-json/jaeger/ui_01.json
application/x-zipkin-trace+json zipkin/zipkin-lens/netflix.json
application/json jaeger-api/v1/dependencies-data-small.json
EOF
else
  echo "skipped: no corpus at $corpus or no gio (libglib2.0-bin)"
fi

if command -v lintian >/dev/null; then
  say "lintian (informational)"
  lintian --no-tag-display-limit "$deb" || true
fi

# Installs the package with apt (which fetches the dependencies it lacks) and checks it from the installed paths.
# $1: a root folder to chroot into, or empty for this machine.
install_and_check() {
  local chroot=$1
  local run=()
  [[ -n "$chroot" ]] && run=(chroot "$chroot")
  local target=/tmp/$(basename "$deb")
  cp "$deb" "${chroot}$target"
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$target" </dev/null
  check "installed: skein --version from /usr/bin" "${run[@]}" /usr/bin/skein --version
  check "installed: desktop file validates (where desktop-file-utils is installed)" "${run[@]}" sh -c \
    "! command -v desktop-file-validate >/dev/null || desktop-file-validate /usr/share/applications/$app_id.desktop"
  check "installed: icon theme has the app icon" test -f "${chroot}/usr/share/icons/hicolor/48x48/apps/$app_id.png"
  check "installed: the window opens offscreen and saves a screenshot" "${run[@]}" env HOME=/tmp/skein-check-home \
    QT_QPA_PLATFORM=offscreen timeout 120 /usr/bin/skein --db /tmp/skein-check.sqlite --screenshot /tmp/skein-check.png
  check "installed: skein demo + import work" "${run[@]}" sh -c \
    'skein demo --format otlp-proto --spans 500 -o /tmp/skein-check.pb && skein import --db /tmp/skein-check.sqlite /tmp/skein-check.pb'
  # Kept for a look: the installed window as it renders with only the packaged dependencies.
  cp "${chroot}/tmp/skein-check.png" "$build/packaging/installed-window${chroot:+-clean-root}.png" 2>/dev/null || true
  if [[ -z "$chroot" ]] && command -v gio >/dev/null && [[ -d "$corpus" ]]; then
    check "installed: system MIME database knows OTLP JSON" bash -c \
      "gio info -a standard::content-type '$corpus/otlp-json/otel-proto/trace.json' | grep -q 'application/x-otlp-trace+json'"
  fi
  if [[ -n "$chroot" ]]; then # leave the root as clean as it was, for the next run
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq --autoremove skein </dev/null
  else # never autoremove on the developer's own machine
    env DEBIAN_FRONTEND=noninteractive dpkg -r skein
  fi
  rm -f "${chroot}$target" "${chroot}/tmp/skein-check".*
}

if [[ $install == 1 ]]; then
  say "installing on this machine"
  if dpkg-query -W -f='${Status}' skein 2>/dev/null | grep -q "install ok installed"; then
    fail "a skein package is installed already; remove it first (dpkg -r skein)"
  fi
  [[ $(id -u) == 0 ]] || fail "--install needs root"
  install_and_check ""
fi

if [[ -n "$clean_root" ]]; then
  say "installing into a minimal Debian 12 root at $clean_root"
  [[ $(id -u) == 0 ]] || fail "--clean-root needs root"
  if [[ ! -x "$clean_root/usr/bin/apt-get" ]]; then
    command -v mmdebstrap >/dev/null || fail "--clean-root needs mmdebstrap (apt-get install mmdebstrap)"
    mmdebstrap --variant=apt --mode=root bookworm "$clean_root"
  fi
  for fs in proc sys dev dev/pts; do mountpoint -q "$clean_root/$fs" || mount --bind "/$fs" "$clean_root/$fs"; done
  cp /etc/resolv.conf "$clean_root/etc/resolv.conf" 2>/dev/null || true
  chroot "$clean_root" apt-get update -qq
  echo "packages in the root before: $(chroot "$clean_root" dpkg-query -W | wc -l)"
  install_and_check "$clean_root"
fi

say "done"
if [[ $failures -gt 0 ]]; then
  fail "$failures check(s) did not pass"
fi
echo "all package checks passed"
