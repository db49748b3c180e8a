#!/usr/bin/env bash
# ./build.sh bench [NAME [ARGS...]]
#   Builds the benchmark programs of test/bench/ (release, libzstdio.a) and,
#   given NAME, runs test/bench/NAME.cpp's program with ARGS under nice -n 10.
#   Without NAME it lists them.  Figures belong in doc/performance.md.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ZSTDIO_ROOT"

shopt -s nullglob
benches=(test/bench/*.cpp)
(( ${#benches[@]} )) || die "no benchmark programs in test/bench/"

targets=()
# test/Jamfile names the program of test/bench/NAME.cpp bench_NAME.
for b in "${benches[@]}"; do targets+=("test//bench_$(basename "$b" .cpp)"); done
say "b2: ${targets[*]}"
"${B2[@]}" -q link=static variant=release "${targets[@]}"

if (( $# == 0 )); then
    say "built (run one with ./build.sh bench NAME [ARGS...]):"
    for t in "${targets[@]}"; do printf '  %s  %s\n' "${t#test//bench_}" "$(b2_exe_path "$t" link=static variant=release)"; done
    exit 0
fi
name=${1#bench_} # NAME or bench_NAME
shift
exe=$(b2_exe_path "test//bench_$name" link=static variant=release)
[[ -x $exe ]] || die "no benchmark named '$name' (test/bench/$name.cpp)"
say "nice -n 10 $exe $*"
exec nice -n 10 "$exe" "$@"
