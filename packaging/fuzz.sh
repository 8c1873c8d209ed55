#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz/ and runs each for a while, seeded from
# the shared corpus and from tests/fuzz/regressions. A crash leaves its input in tests/fuzz/findings/;
# once fixed, move it to tests/fuzz/regressions/<target>/ so that ctest replays it forever.
#
#   bash packaging/fuzz.sh [SECONDS per target, default 60] [target ...]
#   targets: jaeger_json otlp_json zipkin_json otlp_proto any_input
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(jaeger_json otlp_json zipkin_json otlp_proto any_input)

bash packaging/install-deps.sh </dev/null
missing=()
for package in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ ! -f build-fuzz/CMakeCache.txt ]]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSKEIN_FUZZ=ON -DSKEIN_BUILD_TESTS=OFF -DSKEIN_WERROR=OFF
fi
cmake --build build-fuzz -j "${SKEIN_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

corpus="$root/../shared/corpus"
mkdir -p tests/fuzz/findings
status=0
for target in "${targets[@]}"; do
  work=$(mktemp -d)
  case $target in
    otlp_proto) patterns=("*.pb" "*.protobuf-bin") ;;
    *) patterns=("*.json" "*.jsonl") ;;
  esac
  if [[ -d "$corpus" ]]; then
    for pattern in "${patterns[@]}"; do
      find "$corpus" -name "$pattern" -size -1024k -exec cp {} "$work/" \; 2>/dev/null || true
    done
  else
    echo "fuzz.sh: $corpus is absent; seeding from regressions only"
  fi
  if [[ -d "tests/fuzz/regressions/$target" ]]; then cp tests/fuzz/regressions/"$target"/* "$work/" 2>/dev/null || true; fi
  echo "==> fuzz_$target for ${seconds}s ($(ls "$work" | wc -l) seeds)"
  if ! "build-fuzz/tests/fuzz/fuzz_$target" "$work" -max_total_time="$seconds" -rss_limit_mb=2048 \
      -max_len=262144 -timeout=20 -print_final_stats=1 -artifact_prefix="tests/fuzz/findings/$target-" \
      2>"build-fuzz/fuzz_$target.log"; then
    echo "fuzz.sh: fuzz_$target found a problem; see build-fuzz/fuzz_$target.log and tests/fuzz/findings/"
    tail -n 40 "build-fuzz/fuzz_$target.log"
    status=1
  else
    grep -E "stat::number_of_executed_runs|stat::peak_rss_mb" "build-fuzz/fuzz_$target.log" || true
  fi
  rm -rf "$work"
done
exit $status
