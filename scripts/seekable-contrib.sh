#!/usr/bin/env bash
# zstdio — interoperability of seekable zstd with zstd's contrib seekable
# library (contrib/seekable_format in the zstd repository), both ways.
#
#   scripts/seekable-contrib.sh [ZSTD_REPO] [--make-data]
#   (./build.sh seekable-contrib [ZSTD_REPO] [--make-data])
#
# ZSTD_REPO is a zstd checkout: a git repository (bare or not; HEAD is read
# with `git show`) or a plain source tree; default /work/.mirror/facebook+zstd/repo.
# Its contrib/seekable_format library and examples (seekable_compression,
# seekable_decompression, seekable_decompression_mem, parallel_compression,
# parallel_processing) and a small driver of ours (its compressor without
# checksums) are built in a temporary folder against the system libzstd
# (-lzstd, its <zstd.h>; xxhash.c, pool.c and threading.c come from the
# checkout's lib/common, which libzstd.so does not export).  Nothing from the
# checkout is kept.  Then:
#
#   contrib -> zstdio   files made by the contrib compressors are read by
#                       zstdio (test/tools//seekable_tool: whole, random
#                       ranges, verify) and compared with the input and with
#                       the contrib decompressor's ranges;
#   zstdio -> contrib   files made by zstdio's seek_table writer (table with
#                       frame checksums, without checksums, with checksums the
#                       frames lack), by seekable_compressor (threads 0 and 2,
#                       with and without checksums, the empty file) and by
#                       seek_table::index() on zstd CLI output are read by
#                       seekable_decompression, seekable_decompression_mem and
#                       parallel_processing.
#
# --make-data also rewrites test/data/seekable/*.zst, the contrib-made files
# test/seekable.cpp reads (see test/data/seekable/README.md).
# Prints one line per check and "seekable-contrib: N passed, M failed";
# exits 1 if any failed.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ZSTDIO_ROOT"

repo=/work/.mirror/facebook+zstd/repo
make_data=0
for arg in "$@"; do
    case $arg in
        --make-data) make_data=1 ;;
        -h|--help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) repo=$arg ;;
    esac
done
[[ -d $repo ]] || die "no zstd checkout at $repo"
command -v "${CC:-cc}" >/dev/null || die "no C compiler (${CC:-cc})"
[[ -f /usr/include/zstd.h ]] || die "no <zstd.h>: install libzstd-dev"

work=$(mktemp -d "${TMPDIR:-/tmp}/zstdio-seekable-contrib.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- the contrib sources, from git or from the tree ----------------------------
src=$work/src
if git -C "$repo" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    say "sources: $repo at $(git -C "$repo" rev-parse --short HEAD)"
    files=$(git -C "$repo" ls-tree -r --name-only HEAD contrib/seekable_format lib/common)
    for f in $files; do
        mkdir -p "$src/$(dirname "$f")"
        git -C "$repo" show "HEAD:$f" >"$src/$f"
    done
else
    say "sources: $repo (a source tree)"
    mkdir -p "$src/contrib" "$src/lib"
    cp -R "$repo/contrib/seekable_format" "$src/contrib/"
    cp -R "$repo/lib/common" "$src/lib/"
fi
S=$src/contrib/seekable_format
C=$src/lib/common
for f in "$S/zstdseek_compress.c" "$S/zstdseek_decompress.c" "$S/examples/seekable_compression.c" "$C/xxhash.c"; do
    [[ -f $f ]] || die "missing ${f#"$src"/} in $repo"
done

# --- build ---------------------------------------------------------------------
bin=$work/bin
mkdir -p "$bin"
log=$work/build.log
# No -I for the checkout's lib/: "zstd.h" and "zstd_errors.h" are the system
# ones, matching the libzstd linked.
cflags=(-O2 -DXXH_NAMESPACE=ZSTD_ "-I$S" "-I$C")
library=("$S/zstdseek_compress.c" "$S/zstdseek_decompress.c" "$C/xxhash.c")
threads=("$C/pool.c" "$C/threading.c" "$C/debug.c" -pthread)

# Ours: the contrib compressor with a checksum flag of choice (its example
# always asks for checksums).  Usage: contrib_compress IN OUT FRAME_SIZE CHECKSUMS
cat >"$work/contrib_compress.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <zstd.h>
#include "zstd_seekable.h"

static void check(size_t r, const char* what)
{
    if (ZSTD_isError(r)) { fprintf(stderr, "%s: %s\n", what, ZSTD_getErrorName(r)); exit(1); }
}

int main(int argc, char** argv)
{
    if (argc != 5) { fprintf(stderr, "usage: contrib_compress IN OUT FRAME_SIZE CHECKSUMS\n"); return 2; }
    FILE* in = fopen(argv[1], "rb");
    FILE* out = fopen(argv[2], "wb");
    if (!in || !out) { perror("fopen"); return 1; }
    ZSTD_seekable_CStream* z = ZSTD_seekable_createCStream();
    check(ZSTD_seekable_initCStream(z, 3, atoi(argv[4]), (unsigned)atoi(argv[3])), "init");
    static char ibuf[1 << 16], obuf[1 << 17];
    size_t n;
    while ((n = fread(ibuf, 1, sizeof ibuf, in)) > 0) {
        ZSTD_inBuffer i = {ibuf, n, 0};
        while (i.pos < i.size) {
            ZSTD_outBuffer o = {obuf, sizeof obuf, 0};
            check(ZSTD_seekable_compressStream(z, &o, &i), "compress");
            fwrite(obuf, 1, o.pos, out);
        }
    }
    for (;;) {
        ZSTD_outBuffer o = {obuf, sizeof obuf, 0};
        size_t left = ZSTD_seekable_endStream(z, &o);
        check(left, "end");
        fwrite(obuf, 1, o.pos, out);
        if (left == 0) break;
    }
    ZSTD_seekable_freeCStream(z);
    return fclose(out) != 0 || fclose(in) != 0;
}
EOF

say "build the contrib library, its examples and contrib_compress (log: $log)"
cc=${CC:-cc}
build() { # NAME SOURCE EXTRA...
    local name=$1 source=$2
    shift 2
    "$cc" "${cflags[@]}" "$source" "${library[@]}" "$@" -lzstd -o "$bin/$name" >>"$log" 2>&1 ||
        { tail -n 30 "$log" >&2; die "building $name failed"; }
}
for ex in seekable_compression seekable_decompression seekable_decompression_mem; do
    build "$ex" "$S/examples/$ex.c"
done
for ex in parallel_compression parallel_processing; do
    build "$ex" "$S/examples/$ex.c" "${threads[@]}"
done
build contrib_compress "$work/contrib_compress.c"

say "b2: test/tools//seekable_tool"
"${B2[@]}" -q link=static test/tools//seekable_tool >>"$log" 2>&1 ||
    { tail -n 30 "$log" >&2; die "b2 test/tools//seekable_tool failed"; }
tool=$(b2_exe_path test/tools//seekable_tool link=static)
[[ -x $tool ]] || die "seekable_tool not found after the build ('$tool')"
tool=$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")
command -v zstd >/dev/null || die "no zstd CLI (apt-get install zstd)"

# --- checks --------------------------------------------------------------------
passed=0 failed=0
check() { # NAME COMMAND...: passes when COMMAND succeeds
    local name=$1
    shift
    if "$@" >"$work/check.log" 2>&1; then
        passed=$((passed + 1))
        printf '  ok    %s\n' "$name"
    else
        failed=$((failed + 1))
        printf '  FAIL  %s\n' "$name"
        sed 's/^/        | /' "$work/check.log" | tail -n 8
    fi
}

# slice FILE START END: bytes [START, END) of FILE
slice() { dd if="$1" iflag=skip_bytes,count_bytes skip="$2" count=$(($3 - $2)) bs=64K status=none; }

# Ranges of a file of SIZE bytes worth reading: edges, frame-sized steps, a few odd ones.
ranges() { # SIZE FRAME
    local size=$1 frame=$2
    ((size > 0)) || return 0
    local points=(0 1 $((frame - 1)) "$frame" $((frame + 1)) $((size / 3)) $((size / 2 + 7)) $((size - 1)))
    local start len
    for start in "${points[@]}"; do
        ((start >= 0 && start < size)) || continue
        for len in 1 $((frame / 2 + 3)) $((frame * 3 + 1)); do
            echo "$start $((start + len > size ? size : start + len))"
        done
    done
}

# zstdio reads FILE (whose content is PLAIN): whole, verify, ranges, and the
# contrib decompressor agrees on the ranges.
zstdio_reads() { # FILE PLAIN FRAME
    local file=$1 plain=$2 frame=$3 start end
    "$tool" cat "$file" | cmp - "$plain" || return 1
    "$tool" info "$file" | grep -q '^seek table: yes' || { echo "zstdio found no seek table"; return 1; }
    "$tool" info "$file" | grep -q '^verified: yes' || return 1
    while read -r start end; do
        "$tool" read "$file" "$start" "$end" >"$work/z.out" || return 1
        slice "$plain" "$start" "$end" | cmp - "$work/z.out" || { echo "zstdio range $start-$end"; return 1; }
        "$bin/seekable_decompression" "$file" "$start" "$end" >"$work/c.out" || return 1
        cmp "$work/c.out" "$work/z.out" || { echo "contrib range $start-$end"; return 1; }
    done < <(ranges "$(stat -c %s "$plain")" "$frame")
}

# The contrib readers read FILE (whose content is PLAIN) at the ranges.
contrib_reads() { # FILE PLAIN FRAME
    local file=$1 plain=$2 frame=$3 start end size sum
    size=$(stat -c %s "$plain")
    "$bin/seekable_decompression" "$file" 0 "$size" | cmp - "$plain" || { echo "whole file"; return 1; }
    while read -r start end; do
        slice "$plain" "$start" "$end" >"$work/p.out"
        "$bin/seekable_decompression" "$file" "$start" "$end" | cmp - "$work/p.out" ||
            { echo "seekable_decompression $start-$end"; return 1; }
        "$bin/seekable_decompression_mem" "$file" "$start" "$end" | cmp - "$work/p.out" ||
            { echo "seekable_decompression_mem $start-$end"; return 1; }
    done < <(ranges "$size" "$frame")
    sum=$(od -An -v -tu1 "$plain" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { printf "%d", s }')
    "$bin/parallel_processing" "$file" 3 | grep -qx "Sum: $sum" || { echo "parallel_processing: not Sum: $sum"; return 1; }
    zstd -q -d -c "$file" | cmp - "$plain"
}

data=$work/data
mkdir -p "$data"
gen() { "$tool" gen "$1" "$2" "$3" >"$data/$4"; }
gen lines 60000 0 lines-60000
gen letters 20000 7 letters-20000
gen lines 30000 0 lines-30000
gen letters 10000 9 letters-10000
gen lines 1500000 0 lines-1500000
gen letters 700000 3 letters-700000
: >"$data/empty"

say "contrib -> zstdio"
# contrib_make NAME INPUT FRAME HOW...: the contrib file NAME.zst of INPUT
contrib_make() {
    local name=$1 input=$2 frame=$3 how=$4
    case $how in
        example) (cd "$data" && "$bin/seekable_compression" "$input" "$frame" >/dev/null && made_as "$input.zst" "$name.zst") ;;
        level19) (cd "$data" && "$bin/seekable_compression" "$input" "$frame" 19 >/dev/null && made_as "$input.zst" "$name.zst") ;;
        parallel) (cd "$data" && "$bin/parallel_compression" "$input" "$frame" 2 >/dev/null && made_as "$input.zst" "$name.zst") ;;
        nochecksum) "$bin/contrib_compress" "$data/$input" "$data/$name.zst" "$frame" 0 ;;
    esac
}
# The examples write INPUT.zst: renamed NAME.zst.
made_as() { [[ $1 == "$2" ]] || mv "$1" "$2"; }
contrib_case() { # NAME INPUT FRAME HOW
    check "contrib $4 ${2} (frames of $3): made" contrib_make "$1" "$2" "$3" "$4"
    check "contrib $4 ${2} (frames of $3): zstdio reads it" zstdio_reads "$data/$1.zst" "$data/$2" "$3"
}
# The committed ones first (test/data/seekable/).
contrib_case lines-4096 lines-60000 4096 example
contrib_case letters-1000 letters-20000 1000 example
contrib_case lines-parallel-2000 lines-30000 2000 parallel
contrib_case letters-nochecksum-3000 letters-10000 3000 nochecksum
contrib_case empty empty 1000 example
# Larger ones, checked here only.
contrib_case lines-big lines-1500000 65536 example
contrib_case lines-one-frame lines-60000 0 example
contrib_case letters-19 letters-700000 100000 level19
contrib_case letters-parallel letters-700000 30000 parallel
contrib_case lines-nochecksum lines-1500000 200000 nochecksum

say "zstdio -> contrib"
zstdio_write_read() { # INPUT OUT FRAME MODE
    "$tool" write "$data/$1" "$2" "$3" "$4" && contrib_reads "$2" "$data/$1" "$3"
}
zstdio_case() { # INPUT FRAME MODE
    check "zstdio write $1 (frames of $2, checksums: $3): contrib reads it" \
        zstdio_write_read "$1" "$data/zstdio-$1-$2-$3.zst" "$2" "$3"
}
for mode in checksum none table; do
    zstdio_case lines-60000 4096 "$mode"
    zstdio_case letters-700000 65536 "$mode"
done
zstdio_case empty 100 checksum
# seekable_compressor, in a filtering_ostream: the same bytes at threads 0 and 2.
compressor_write_read() { # INPUT OUT FRAME THREADS [nochecksum]
    "$tool" compress "$data/$1" "$2" "$3" "$4" ${5:-} && contrib_reads "$2" "$data/$1" "$3"
}
compressor_case() { # INPUT FRAME THREADS [nochecksum]
    check "seekable_compressor $1 (frames of $2, threads $3${4:+, $4}): contrib reads it" \
        compressor_write_read "$1" "$data/compressor-$1-$2-$3${4:+-$4}.zst" "$2" "$3" ${4:-}
}
for threads in 0 2; do
    compressor_case lines-60000 4096 "$threads"
    compressor_case letters-700000 65536 "$threads"
    compressor_case lines-1500000 100000 "$threads"
    compressor_case lines-1500000 100000 "$threads" nochecksum
    compressor_case empty 1000 "$threads"
done
same_bytes() { cmp "$data/compressor-lines-1500000-100000-0.zst" "$data/compressor-lines-1500000-100000-2.zst"; }
check "seekable_compressor: the same bytes at threads 0 and 2" same_bytes
# seek_table::index() on zstd CLI output: several runs concatenated, one
# without a content size (from a pipe).
index_case() {
    zstd -q -c -3 <"$data/lines-60000" >"$data/cli.zst"
    zstd -q -c -19 "$data/letters-20000" >>"$data/cli.zst"
    zstd -q -c -1 <"$data/lines-30000" >>"$data/cli.zst"
    cat "$data/lines-60000" "$data/letters-20000" "$data/lines-30000" >"$data/cli.plain"
    "$tool" index "$data/cli.zst" "$data/cli-indexed.zst" && contrib_reads "$data/cli-indexed.zst" "$data/cli.plain" 20000
}
check "zstdio index of zstd CLI output: contrib reads it" index_case

if ((make_data)); then
    say "test/data/seekable/: the contrib-made files test/seekable.cpp reads"
    mkdir -p test/data/seekable
    for f in lines-4096 letters-1000 lines-parallel-2000 letters-nochecksum-3000 empty; do
        cp "$data/$f.zst" "test/data/seekable/$f.zst"
        printf '  %-32s %6d bytes\n' "$f.zst" "$(stat -c %s "test/data/seekable/$f.zst")"
    done
fi

printf 'seekable-contrib: %d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
