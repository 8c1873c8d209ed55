#!/usr/bin/env bash
# One entry point for newcomers and CI: installs what is missing, configures, builds, and then runs,
# tests or benchmarks Skein. Safe to run again and again; every step is incremental.
#
#   bash packaging/dev.sh run [skein args]   build and start build/app/skein
#   bash packaging/dev.sh test               build everything, run ctest   (SKEIN_SANITIZE=1: as test-asan)
#   bash packaging/dev.sh test-asan          the same with ASan+UBSan, in build-asan/
#   bash packaging/dev.sh bench [args]       build and run build/tests/benchmarks/skein_bench: import and
#                                            open at 10k/100k/1M spans, one table ([--sizes N,N] [--runs R]
#                                            [--formats F,F] [--only-import|--only-open] [--db CACHE])
#   bash packaging/dev.sh bench-open [args]  the same with --only-open (open a trace, repaint times)
#   bash packaging/dev.sh build              install, configure and build only
#
# Environment: SKEIN_JOBS (parallel build/test jobs, default: CPU count, at most 2 in CI),
# SKEIN_SKIP_DEPS=1 (do not touch apt), SKEIN_TEST_TIMEOUT (seconds per test, default 900).
set -Eeuo pipefail

trap 'echo "dev.sh: failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

say() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'dev.sh: %s\n' "$*" >&2
  exit 1
}

jobs=${SKEIN_JOBS:-$(nproc 2>/dev/null || echo 2)}
if [[ -n "${CI:-}" && -z "${SKEIN_JOBS:-}" && $jobs -gt 2 ]]; then jobs=2; fi

install_deps() {
  if [[ "${SKEIN_SKIP_DEPS:-0}" == 1 ]]; then
    say "skipping package check (SKEIN_SKIP_DEPS=1)"
    return
  fi
  say "checking build dependencies"
  bash "$root/packaging/install-deps.sh" </dev/null
}

# configure <build dir> [cmake -D options...]
configure() {
  local dir=$1
  shift
  local generator=(-G Ninja)
  # An existing build tree keeps its generator; asking for another one would make CMake refuse.
  if [[ -f "$dir/CMakeCache.txt" ]]; then generator=(); fi
  say "configuring $dir"
  cmake -S "$root" -B "$root/$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
}

# build <build dir> [target]
build() {
  local dir=$1
  shift
  say "building $dir${1:+ (target $1)} with $jobs jobs"
  local start=$SECONDS
  cmake --build "$root/$dir" -j "$jobs" ${1:+--target "$1"}
  echo "build took $((SECONDS - start)) s"
}

print_environment() {
  say "environment"
  echo "repo: $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit'))"
  echo "os: $(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}"), $(uname -m), $(nproc 2>/dev/null || echo '?') CPUs"
  echo "cmake: $(cmake --version | head -n1), ninja: $(ninja --version 2>/dev/null || echo missing)"
  echo "compiler: $(c++ --version | head -n1)"
  echo "qt: $(dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null || echo unknown)"
  echo "CI=${CI:-} jobs=$jobs"
}

# run_tests <build dir>
run_tests() {
  local dir=$1
  say "running the tests in $dir"
  local start=$SECONDS status=0
  # Tests never need a display: they pick the offscreen platform themselves; this covers any that forget.
  (cd "$root/$dir" && QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} ctest --output-on-failure --no-tests=error \
    -j "$jobs" --timeout "${SKEIN_TEST_TIMEOUT:-900}") || status=$?
  echo "ctest took $((SECONDS - start)) s"
  if [[ $status -ne 0 ]]; then
    fail "tests failed in $dir (exit $status); rerun one with: cd $dir && ctest -R <name> --output-on-failure"
  fi
  say "all tests passed in $dir"
}

test_plain() {
  install_deps
  print_environment
  configure build
  build build
  run_tests build
}

test_asan() {
  install_deps
  print_environment
  configure build-asan -DSKEIN_SANITIZE=ON
  build build-asan
  # Leak checking is off: Qt and fontconfig keep process-lifetime allocations that would drown real reports.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:strict_string_checks=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  run_tests build-asan
}

command=${1:-help}
[[ $# -gt 0 ]] && shift

case "$command" in
  run)
    install_deps
    configure build
    build build skein
    say "starting build/app/skein $*"
    exec "$root/build/app/skein" "$@"
    ;;
  build)
    install_deps
    print_environment
    configure build
    build build
    ;;
  test)
    if [[ "${SKEIN_SANITIZE:-0}" == 1 ]]; then test_asan; else test_plain; fi
    ;;
  test-asan)
    test_asan
    ;;
  bench | bench-open)
    install_deps
    configure build
    build build skein_bench
    bench="$root/build/tests/benchmarks/skein_bench"
    [[ -x "$bench" ]] || fail "$bench was not built (is SKEIN_BUILD_TESTS on?)"
    if [[ "$command" == bench-open ]]; then set -- --only-open "$@"; fi
    say "running $bench $*"
    exec "$bench" "$@"
    ;;
  help | -h | --help)
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    ;;
  *)
    fail "unknown command '$command' (try: run, test, test-asan, bench, bench-open, build, help)"
    ;;
esac
