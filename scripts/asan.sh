#!/usr/bin/env bash
# zstdio — build the library and the unit tests with AddressSanitizer +
# UndefinedBehaviorSanitizer (and LeakSanitizer, part of ASan) and run them.
#
#   scripts/asan.sh [TEST...]        (./build.sh asan)
#
# TEST names a test/<TEST>.cpp; default: every test.  Any sanitizer report
# fails the run (halt_on_error, -fno-sanitize-recover).  Output lands in
# bin/ under address-sanitizer-on/ directories, apart from normal builds.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ZSTDIO_ROOT"
need_build_tools
# gcc's sanitizer runtimes
need_packages /usr/lib/gcc/x86_64-linux-gnu/12/libasan.so:libgcc-12-dev

targets=()
for t in "$@"; do targets+=("test//$t"); done
((${#targets[@]} == 0)) && targets=(test)

# Forget earlier results so every test runs again.
find bin -path '*address-sanitizer-on*' \( -name '*.run' -o -name '*.test' -o -name '*.output' \) \
    -delete 2>/dev/null || true

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
b2 toolset=gcc -j"${JOBS:-2}" -q link=shared variant=debug \
    address-sanitizer=on undefined-sanitizer=on \
    cxxflags="-fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1" \
    "${targets[@]}"
echo "asan: ASan+UBSan+LSan run of ${targets[*]}: passed"
