#!/usr/bin/env bash
# zstdio — every unit test built and run with AddressSanitizer +
# UndefinedBehaviorSanitizer (LeakSanitizer included in ASan).
#
#   ./build.sh asan          (or scripts/asan.sh)
#
# Any sanitizer report fails the test program (halt_on_error,
# -fno-sanitize-recover).  Debug build with -O1, shared libraries; output in
# bin/ under address-sanitizer-on/, apart from the normal builds.
set -euo pipefail
source "$(dirname "$0")/reliability.bash"
cd "$ZSTDIO_ROOT"
ensure_deps
need_packages '/usr/lib/x86_64-linux-gnu/libasan.so.*:libasan8' \
    '/usr/lib/x86_64-linux-gnu/libubsan.so.*:libubsan1'

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
run_b2_tests link=shared variant=debug address-sanitizer=on undefined-sanitizer=on \
    cxxflags="-fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1"
tests_summary
