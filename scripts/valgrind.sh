#!/usr/bin/env bash
# zstdio — every unit test run under valgrind memcheck: no invalid access, no
# use of uninitialised values, and zero definite or indirect leaks, the
# exception paths of test/reliability.cpp and test/bombs.cpp included.
#
#   ./build.sh valgrind      (or scripts/valgrind.sh)
#
# Debug build, shared libraries; b2 starts each test program through valgrind
# (testing.launcher), so a memcheck error or leak makes it exit 99 and fail.
set -euo pipefail
source "$(dirname "$0")/reliability.bash"
cd "$ZSTDIO_ROOT"
ensure_deps
need_packages valgrind:valgrind

launcher="valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect"
launcher+=" --errors-for-leak-kinds=definite,indirect --num-callers=30 -q"
# Valgrind is 20-50x slower: give each program more time.
export ZSTDIO_TEST_TIMEOUT=${ZSTDIO_TEST_TIMEOUT:-3600}
run_b2_tests link=shared variant=debug "testing.launcher=$launcher"
tests_summary
