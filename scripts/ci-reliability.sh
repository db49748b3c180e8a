#!/usr/bin/env bash
# zstdio — the reliability part of CI, called from .ci/run after the normal
# build and tests:
#   1. the API reference builds with Doxygen without a single warning
#      (./build.sh docs: an undocumented public entity fails it); seconds,
#      and a failure does not stop the checks below
#   2. the tests of the context cache, the executor and seekable zstd under
#      ThreadSanitizer
#      (a failure is counted, and fails the run at the end)
#   3. every unit test built and run with ASan + UBSan + LSan (scripts/asan.sh)
#   4. a fuzz smoke run: every target in test/fuzz/ for FUZZ_SECONDS (default
#      60) each, seeded by test/fuzz/make_seeds.cpp (scripts/fuzz.sh)
# About 15 minutes on 2 cores with the 7 targets.  Longer runs and the other
# checks are one command away: ./build.sh fuzz 600, ./build.sh tsan,
# ./build.sh valgrind.
set -euo pipefail
here=$(dirname "$0")
# result_pass / result_fail / tests_summary: the docs check is counted in the
# closing "tests: N passed, M failed" of .ci/run.
# shellcheck source=scripts/reliability.bash
source "$here/reliability.bash"
start=$SECONDS
echo "== reliability: API reference (./build.sh docs: Doxygen, no warnings)"
failed_checks=0
if "$here/../build.sh" docs </dev/null; then
    result_pass "docs: Doxygen reference of the public headers, no warnings"
else
    result_fail "docs: Doxygen reference" "see bin/doc/warnings.log"
    failed_checks=1
fi
tests_summary || true
echo "== reliability: ThreadSanitizer on the threaded parts (context cache, executor, seekable, parallel decoding)"
# The whole suite under TSan is ./build.sh tsan; CI runs the tests of what
# every thread shares (the context cache, the executor's pool) and of the
# seekable reader (read_at from many threads) and writer (frames in parallel),
# and of parallel decoding (frames on workers, delivered in order).
mkdir -p "$ZSTDIO_ROOT/bin"
need_packages '/usr/lib/x86_64-linux-gnu/libtsan.so.*:libtsan2'
if (cd "$ZSTDIO_ROOT" && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 "${B2[@]}" -q link=shared \
    variant=debug thread-sanitizer=on cxxflags=-O1 test//context_cache test//executor test//seekable test//seekable_compressor \
    test//parallel_decoding test//pool >bin/tsan-ci.log 2>&1); then
    result_pass "tsan: context_cache, executor, seekable, seekable_compressor, parallel_decoding and pool tests"
else
    tail -n 40 "$ZSTDIO_ROOT/bin/tsan-ci.log" | sed 's/^/      | /'
    result_fail "tsan: context_cache, executor, seekable, seekable_compressor, parallel_decoding and pool tests" "see bin/tsan-ci.log"
    failed_checks=1
fi
tests_summary || true
echo "== reliability: ASan+UBSan unit tests"
"$here/asan.sh" </dev/null
echo "== reliability: fuzz smoke run (${FUZZ_SECONDS:-60}s per target)"
FUZZ_NICE=${FUZZ_NICE:-0} "$here/fuzz.sh" "${FUZZ_SECONDS:-60}"
if ((failed_checks != 0)); then
    echo "== reliability: FAILED (the API reference or ThreadSanitizer) in $((SECONDS - start))s"
    exit 1
fi
echo "== reliability: passed in $((SECONDS - start))s"
