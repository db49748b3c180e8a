#!/bin/sh
# Patch sizes and times of `zstdio --patch-from` against `zstd --patch-from`
# on two versions of the first 200 MB of a kernel source tar (doc/performance.md).
#
#   test/bench/patch.sh [ZSTDIO] [SETTINGS...]
#
# ZSTDIO defaults to stage/bin/zstdio; SETTINGS to "-3" "-19" "-3 --long"
# "-19 --long" "-3 --single-thread" "-19 --single-thread".  The pair is made
# once in /tmp/zstdio-bench (test/bench/linux-tar.sh, then
# test/bench/patch-pair.py with its default seed).  Each patch is applied by
# the other tool and compared with the new version.  Prints a Markdown table:
# patch bytes and seconds (wall clock, compression only) for each tool.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
zstdio=${1:-$here/../../stage/bin/zstdio}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- "-3" "-19" "-3 --long" "-19 --long" "-3 --single-thread" "-19 --single-thread"

dir=/tmp/zstdio-bench
"$here/linux-tar.sh" "$dir/linux-200M.tar" >&2
old=$dir/linux-old.tar
new=$dir/linux-new.tar
[ -f "$old" ] && [ -f "$new" ] || python3 "$here/patch-pair.py" "$dir/linux-200M.tar" "$old" "$new"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

seconds() { # seconds COMMAND...: runs it, prints "wall / CPU" seconds (user + system)
    start=$(date +%s.%N)
    ( "$@"; times >"$work/times" ) # the subshell's second line: its children's user and system time
    end=$(date +%s.%N)
    cpu=$(sed -n 2p "$work/times" | tr 'ms' '  ' | awk '{ print $1 * 60 + $2 + $3 * 60 + $4 }')
    echo "$start $end $cpu" | awk '{ printf "%.1f / %.1f", $2 - $1, $3 }'
}

echo "reference $(stat -c %s "$old") bytes, target $(stat -c %s "$new") bytes; zstd $(zstd -V | sed 's/.* v\([0-9.]*\),.*/\1/')"
echo
echo "| settings | zstd patch (bytes) | zstd wall / CPU (s) | zstdio patch (bytes) | zstdio wall / CPU (s) | size zstdio / zstd |"
echo "|---|---:|---:|---:|---:|---:|"
for settings in "$@"; do
    # shellcheck disable=SC2086 # settings are several flags
    t_zstd=$(seconds zstd -q -f $settings --patch-from="$old" "$new" -o "$work/zstd.zst" 2>/dev/null)
    # shellcheck disable=SC2086
    t_ours=$(seconds "$zstdio" -q -f $settings --patch-from="$old" "$new" -o "$work/zstdio.zst" 2>/dev/null)
    "$zstdio" -q -d -c --patch-from="$old" "$work/zstd.zst" | cmp -s - "$new" || { echo "zstdio cannot apply zstd's patch ($settings)" >&2; exit 1; }
    zstd -q -d -c --patch-from="$old" "$work/zstdio.zst" | cmp -s - "$new" || { echo "zstd cannot apply zstdio's patch ($settings)" >&2; exit 1; }
    s_zstd=$(stat -c %s "$work/zstd.zst")
    s_ours=$(stat -c %s "$work/zstdio.zst")
    echo "| \`$settings\` | $s_zstd | $t_zstd | $s_ours | $t_ours | $(echo "$s_ours $s_zstd" | awk '{ printf "%.3f", $1 / $2 }') |"
done
