#!/bin/sh
# Produces the published table of issue #6 (doc/performance.md, "The
# published table"): prepares the first 200 MB of the Linux source tar, then
# runs bench_table once on it, with the machine's state before and after.
#
#   test/bench/table.sh [BENCH_TABLE] [extra bench_table options]
#
# BENCH_TABLE defaults to the b2 link=shared release build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bench=${1:-$here/../../bin/test/gcc-12/release/cxxstd-17-iso/threading-multi/bench_table}
[ $# -gt 0 ] && shift
data=/tmp/zstdio-bench/linux-200M.tar
"$here/linux-tar.sh" "$data"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "zstd CLI: $(zstd --version)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
nice -n 10 "$bench" "$data" --levels 1,2,3,11x1,19@20000000x1 --reps 3 "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); wall time $(( $(date +%s) - start )) s"
