#!/usr/bin/env bash
# zstdio — the command-line tool at work on a sample (run by `./build.sh demo`
# after the library demo): compress, list, test, decompress, and check the
# result against the real zstd CLI.  Uses stage/bin/zstdio (./build.sh stages it).
set -euo pipefail
ZSTDIO_ROOT=${ZSTDIO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cli="$ZSTDIO_ROOT/stage/bin/zstdio"
if [[ ! -x $cli ]]; then
    echo "demo-cli: $cli not found (run ./build.sh first)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/zstdio-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The sample: this project's own sources, a few times over.
for _ in 1 2 3 4; do cat "$ZSTDIO_ROOT"/src/*/*.cpp "$ZSTDIO_ROOT"/include/zstdio/*.hpp; done >"$work/sample.txt"
cd "$work"
exec 2>&1 # messages in order with the commands

show() {
    printf '\n$ %s\n' "$*"
    "$@"
}
show "$cli" -19 sample.txt
show "$cli" -l sample.txt.zst
show "$cli" -lv sample.txt.zst
show "$cli" -t sample.txt.zst
show zstd -q -t sample.txt.zst
mv sample.txt original.txt
show "$cli" -d sample.txt.zst
show cmp sample.txt original.txt
printf '\n$ zstdio sample.txt   (again: the output exists)\n'
"$cli" sample.txt || echo "(exit status $?)"
echo
echo "demo-cli: compressed, listed, tested and restored; zstd agrees"
