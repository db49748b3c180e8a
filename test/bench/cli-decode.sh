#!/bin/sh
# Decompression speed of the command-line tool with and without threads:
# `zstd -d`, `zstdio -d` and `zstdio -d -T2` on three files made from the
# first 200 MB of a kernel source tar (doc/performance.md "Parallel
# decoding").
#
#   test/bench/cli-decode.sh [ZSTDIO] [RUNS]
#
# ZSTDIO defaults to stage/bin/zstdio, RUNS to 7.  The files are made once in
# /tmp/zstdio-bench (test/bench/linux-tar.sh first):
# - seek.zst: `zstdio --seekable=1MiB -3` (1 MiB frames and a seek table);
# - concat.zst: the tar cut into 1 MiB pieces, each `zstd -3`, concatenated;
# - single.zst: `zstd -3` (one frame).
# Each command writes to /dev/null; the time is the best of RUNS, wall clock.
# Each file's output is checked against the tar once, before the timing.
# Prints a Markdown table.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
zstdio=${1:-$here/../../stage/bin/zstdio}
runs=${2:-7}

dir=/tmp/zstdio-bench
tar=$dir/linux-200M.tar
"$here/linux-tar.sh" "$tar" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

[ -f "$dir/seek.zst" ] || "$zstdio" -q -3 --seekable=1MiB -c "$tar" >"$dir/seek.zst"
[ -f "$dir/single.zst" ] || zstd -q -3 -c "$tar" >"$dir/single.zst"
if [ ! -f "$dir/concat.zst" ]; then
    split -b 1048576 -a 4 "$tar" "$work/piece."
    for piece in "$work"/piece.*; do
        zstd -q -3 -c "$piece"
    done >"$dir/concat.zst"
    rm -f "$work"/piece.*
fi

best() { # best COMMAND...: the shortest wall-clock time of RUNS runs, in seconds
    b=
    i=0
    while [ "$i" -lt "$runs" ]; do
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        b=$(echo "$start $end ${b:-}" | awk '{ t = $2 - $1; if ($3 != "" && $3 < t) t = $3; printf "%.3f", t }')
        i=$((i + 1))
    done
    echo "$b"
}

echo "zstd $(zstd -V | sed 's/.* v\([0-9.]*\),.*/\1/'); best of $runs, wall clock, output to /dev/null"
echo
echo "| file | \`zstd -d\` | \`zstdio -d\` | \`zstdio -d -T2\` | -T2 vs zstd | -T2 vs zstdio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for name in seek concat single; do
    file=$dir/$name.zst
    "$zstdio" -d -q -T2 -c "$file" | cmp -s - "$tar" || { echo "$file: zstdio -d -T2 differs from the tar" >&2; exit 1; }
    zstd_s=$(best zstd -d -q -c "$file")
    zstdio_s=$(best "$zstdio" -d -q -c "$file")
    threads_s=$(best "$zstdio" -d -q -T2 -c "$file")
    echo "$name $zstd_s $zstdio_s $threads_s" |
        awk '{ printf "| %s.zst | %.3f s | %.3f s | %.3f s | %.2fx | %.2fx |\n", $1, $2, $3, $4, $2 / $4, $3 / $4 }'
done
