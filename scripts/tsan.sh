#!/usr/bin/env bash
# zstdio — every unit test built and run with ThreadSanitizer.  The threaded
# parts: libzstd worker threads behind the filters and one-shot calls
# (threads > 0), one zstd_dict shared by many threads (its digested-dictionary
# cache), and the executor and batch APIs where present.
#
#   ./build.sh tsan          (or scripts/tsan.sh)
#
# Debug build with -O1, shared libraries; any race report fails the program.
# libzstd itself is not instrumented: its internal races would go unseen, but
# its pthread synchronisation is, so no false reports come from it.
set -euo pipefail
source "$(dirname "$0")/reliability.bash"
cd "$ZSTDIO_ROOT"
ensure_deps
need_packages '/usr/lib/x86_64-linux-gnu/libtsan.so.*:libtsan2'

export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
run_b2_tests link=shared variant=debug thread-sanitizer=on cxxflags=-O1
tests_summary
