#!/usr/bin/env bash
# zstdio — build the library and the unit tests with ThreadSanitizer and run
# them: libzstd worker threads behind the filters (threads > 0), zstd_dict
# shared between threads, and (when present) the executor and batch APIs.
#
#   scripts/tsan.sh [TEST...]        (./build.sh tsan)
#
# TEST names a test/<TEST>.cpp; default: every test that exists among
# reliability, filter, dictionary, compressor, streaming, executor, batch.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ZSTDIO_ROOT"
need_build_tools
need_packages /usr/lib/gcc/x86_64-linux-gnu/12/libtsan.so:libgcc-12-dev

targets=()
for t in "$@"; do targets+=("test//$t"); done
if ((${#targets[@]} == 0)); then
    for t in reliability filter dictionary compressor streaming executor batch; do
        [[ -e test/$t.cpp ]] && targets+=("test//$t")
    done
fi

find bin -path '*thread-sanitizer-on*' \( -name '*.run' -o -name '*.test' -o -name '*.output' \) \
    -delete 2>/dev/null || true

export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
b2 toolset=gcc -j"${JOBS:-2}" -q link=shared variant=debug thread-sanitizer=on \
    cxxflags="-O1" "${targets[@]}"
echo "tsan: ThreadSanitizer run of ${targets[*]}: passed"
