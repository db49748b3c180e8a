#!/usr/bin/env bash
# zstdio — the reliability part of CI, called from .ci/run after the normal
# build and tests:
#   1. every unit test built and run with ASan + UBSan + LSan (scripts/asan.sh)
#   2. a fuzz smoke run: every target in test/fuzz/ for FUZZ_SECONDS (default
#      60) each, seeded by test/fuzz/make_seeds.cpp (scripts/fuzz.sh)
# About 15 minutes on 2 cores with the 7 targets.  Longer runs and the other
# checks are one command away: ./build.sh fuzz 600, ./build.sh tsan,
# ./build.sh valgrind.
set -euo pipefail
here=$(dirname "$0")
start=$SECONDS
echo "== reliability: ASan+UBSan unit tests"
"$here/asan.sh" </dev/null
echo "== reliability: fuzz smoke run (${FUZZ_SECONDS:-60}s per target)"
FUZZ_NICE=${FUZZ_NICE:-0} "$here/fuzz.sh" "${FUZZ_SECONDS:-60}"
echo "== reliability: passed in $((SECONDS - start))s"
