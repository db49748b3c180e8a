#!/usr/bin/env bash
# zstdio — the reliability part of CI, called from .ci/run after the normal
# build and tests:
#   1. the API reference builds with Doxygen without a single warning
#      (./build.sh docs: an undocumented public entity fails it); seconds,
#      and a failure does not stop the checks below
#   2. every unit test built and run with ASan + UBSan + LSan (scripts/asan.sh)
#   3. a fuzz smoke run: every target in test/fuzz/ for FUZZ_SECONDS (default
#      60) each, seeded by test/fuzz/make_seeds.cpp (scripts/fuzz.sh)
# About 15 minutes on 2 cores with the 7 targets.  Longer runs and the other
# checks are one command away: ./build.sh fuzz 600, ./build.sh tsan,
# ./build.sh valgrind.
set -euo pipefail
here=$(dirname "$0")
# result_pass / result_fail / tests_summary: the docs check is counted in the
# closing "tests: N passed, M failed" of .ci/run.
# shellcheck source=scripts/common.sh
source "$here/common.sh"
start=$SECONDS
echo "== reliability: API reference (./build.sh docs: Doxygen, no warnings)"
docs_status=0
if "$here/../build.sh" docs </dev/null; then
    result_pass "docs: Doxygen reference of the public headers, no warnings"
else
    result_fail "docs: Doxygen reference" "see bin/doc/warnings.log"
    docs_status=1
fi
tests_summary || true
echo "== reliability: ASan+UBSan unit tests"
"$here/asan.sh" </dev/null
echo "== reliability: fuzz smoke run (${FUZZ_SECONDS:-60}s per target)"
FUZZ_NICE=${FUZZ_NICE:-0} "$here/fuzz.sh" "${FUZZ_SECONDS:-60}"
if ((docs_status != 0)); then
    echo "== reliability: FAILED (the API reference) in $((SECONDS - start))s"
    exit 1
fi
echo "== reliability: passed in $((SECONDS - start))s"
