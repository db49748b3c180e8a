#!/usr/bin/env bash
# zstdio — run the unit tests under valgrind memcheck: no invalid access, no
# use of uninitialised memory, and zero definite or indirect leaks (the
# exception paths of test/reliability.cpp and test/bombs.cpp included).
#
#   scripts/valgrind.sh [TEST...]    (./build.sh valgrind)
#
# TEST names a test/<TEST>.cpp; default: every test.  Debug build, shared
# libraries; b2 runs each test through valgrind (testing.launcher).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ZSTDIO_ROOT"
need_build_tools
need_packages valgrind:valgrind

targets=()
for t in "$@"; do targets+=("test//$t"); done
((${#targets[@]} == 0)) && targets=(test)

# The debug build is shared with plain debug runs: forget their results.
find bin -path '*/debug/*' -not -path '*sanitizer-on*' \
    \( -name '*.run' -o -name '*.test' -o -name '*.output' \) -delete 2>/dev/null || true

launcher="valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect"
launcher+=" --errors-for-leak-kinds=definite,indirect --track-fds=no --num-callers=30 -q"
b2 toolset=gcc -j"${JOBS:-2}" -q link=shared variant=debug \
    testing.launcher="$launcher" "${targets[@]}"
echo "valgrind: memcheck run of ${targets[*]}: passed (no errors, no leaks)"
