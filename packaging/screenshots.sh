#!/usr/bin/env bash
# Regenerates every screenshot of docs/user-guide.md from offscreen renders of the real app, with one command:
#
#   bash packaging/screenshots.sh          builds build/app/skein, then writes docs/screenshots/*.png
#
# The pictures come from `skein --screenshot`, which saves the window once imports, the opened trace and its
# details have loaded. Their data is generated (`skein demo`, fixed seeds) into a temporary cache, and the
# settings live in a temporary folder, so the user's cache and window layout neither leak in nor change.
# Environment: SKEIN_BUILD_DIR (default build), SKEIN_JOBS (default: CPU count).
set -Eeuo pipefail
trap 'echo "screenshots.sh: failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/${SKEIN_BUILD_DIR:-build}
out=$root/docs/screenshots
jobs=${SKEIN_JOBS:-$(nproc 2>/dev/null || echo 2)}

if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" -j "$jobs" --target skein
skein=$build/app/skein

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false'
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
export LANGUAGE=en LC_ALL=C.UTF-8 TZ=UTC
cache=$work/cache.sqlite

# A cache of sample traces: a few hundred spans per trace over several services, with errors and events,
# plus one larger trace for the timeline and one read from a Zipkin file.
"$skein" demo --format otlp-json --spans 6000 --seed 11 -o "$work/shop.json" >/dev/null
"$skein" demo --format jaeger --spans 900 --traces 1 --seed 42 -o "$work/checkout.json" >/dev/null
"$skein" demo --format zipkin --spans 1200 --seed 5 -o "$work/zipkin.json" >/dev/null
"$skein" import --db "$cache" "$work/shop.json" "$work/zipkin.json" >/dev/null
"$skein" import --db "$cache" "$work/checkout.json" >/dev/null
# The one trace of checkout.json opens in the trace pictures.
trace=$(grep -o '"traceID": *"[0-9a-fA-F]*"' "$work/checkout.json" | sed -n '1s/.*"\([0-9a-fA-F]*\)"$/\1/p')
if [[ -z $trace ]]; then
  echo "screenshots.sh: no trace id in $work/checkout.json" >&2
  exit 1
fi

mkdir -p "$out"
shot() { # shot NAME [skein arguments...]
  local name=$1
  shift
  rm -rf "$XDG_CONFIG_HOME" # every picture starts from the default layout
  # Offscreen Qt warns about window hints it cannot apply; show its output only when something failed.
  if ! "$skein" --db "$cache" --screenshot "$out/$name.png" "$@" 2>"$work/$name.log"; then
    cat "$work/$name.log" >&2
    exit 1
  fi
  echo "wrote docs/screenshots/$name.png"
}
shot search --page search
shot trace --trace "$trace"
shot dependencies --page dependencies
LANGUAGE=de shot trace-de --trace "$trace"
