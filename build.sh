#!/usr/bin/env bash
# zstdio — build driver.  b2 does the building; this script checks the
# toolchain (installing what is missing with apt-get when it may), then:
#
#   ./build.sh            library (static + shared) and examples; stage/lib/libzstdio.{a,so}
#   ./build.sh demo       builds and runs the demo (zstd levels 1/3/19 vs gzip)
#   ./build.sh test       every Boost.Test program (b2), the CMake package, the
#                         pkg-config file; ends with "tests: N passed, M failed"
#   ./build.sh deps       only the dependency check / installation
#   ./build.sh NAME ...   runs scripts/NAME.sh with the remaining arguments
#                         (bench, fuzz, asan, tsan, valgrind, ... when present)
#
# Environment: ZSTDIO_JOBS (parallel jobs, default 2), ZSTDIO_TEST_TIMEOUT
# (seconds per test program, default 1200), ZSTDIO_SKIP_DEPS=1 (no check),
# ZSTDIO_CMAKE_GENERATOR (default Ninja when installed, else Unix Makefiles).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ZSTDIO_ROOT=$PWD
# shellcheck source=scripts/common.sh
source "$ZSTDIO_ROOT/scripts/common.sh"

usage() {
    sed -n '2,15p' "$ZSTDIO_ROOT/build.sh" | sed 's/^# \{0,1\}//'
    local extra=() f
    for f in scripts/*.sh; do
        f=${f#scripts/}
        [[ $f == common.sh || ! -f scripts/$f ]] || extra+=("${f%.sh}")
    done
    (( ${#extra[@]} == 0 )) || printf '\nscripts available: %s\n' "${extra[*]}"
}

# Library (static and shared), staged into stage/lib, and the examples.
cmd_build() {
    say "b2: library (static + shared), examples, tools, stage/"
    "${B2[@]}" -q stage example
    say "staged: $(cd stage && find . -type f | sort | tr '\n' ' ')"
}

cmd_demo() {
    say "b2: example//demo"
    "${B2[@]}" -q link=static example//demo
    local exe
    exe=$(b2_exe_path example//demo link=static)
    [[ -x $exe ]] || die "demo not found after the build (expected at '$exe')"
    say "$exe $*"
    "$exe" "$@"
    # Hook for the command-line tool: scripts/demo-cli.sh shows it off when
    # it exists (it is handed the staged binary's path, if built).
    if [[ -f scripts/demo-cli.sh ]]; then
        say "command-line tool"
        bash scripts/demo-cli.sh
    fi
}

# CMake side: configure, build and install into a temporary prefix, then
# build consumers against it (find_package, add_subdirectory, pkg-config).
cmake_checks() {
    local bdir="$ZSTDIO_ROOT/build-cmake"
    local logs="$bdir/logs"
    mkdir -p "$logs"
    local prefix
    prefix=$(mktemp -d "${TMPDIR:-/tmp}/zstdio-prefix.XXXXXX")
    # shellcheck disable=SC2064
    trap "rm -rf '$prefix'" EXIT
    local generator=${ZSTDIO_CMAKE_GENERATOR:-}
    if [[ -z $generator ]]; then
        generator="Unix Makefiles"
        command -v ninja >/dev/null && generator=Ninja
    fi
    local gen=(-G "$generator")
    # A generator change needs a fresh cache.
    local d
    for d in "$bdir/lib" "$bdir/add_subdirectory"; do
        if [[ -f $d/CMakeCache.txt ]] && ! grep -qx "CMAKE_GENERATOR:INTERNAL=$generator" "$d/CMakeCache.txt"; then
            rm -rf "$d"
        fi
    done

    say "cmake: configure, build, install into $prefix"
    if cmake -S . -B "$bdir/lib" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
            -DCMAKE_INSTALL_PREFIX="$prefix" -DZSTDIO_WARNINGS_AS_ERRORS=ON >"$logs/lib.log" 2>&1 &&
        cmake --build "$bdir/lib" -j "$ZSTDIO_JOBS" >>"$logs/lib.log" 2>&1 &&
        cmake --install "$bdir/lib" >>"$logs/lib.log" 2>&1; then
        result_pass "cmake: configure + build + install (static and shared)"
    else
        tail -n 40 "$logs/lib.log" | sed 's/^/      | /'
        result_fail "cmake: configure + build + install" "see build-cmake/logs/lib.log"
        return
    fi

    local missing=() f
    for f in include/zstdio.hpp include/zstdio/config.hpp lib/libzstdio.a lib/libzstdio.so \
             lib/cmake/zstdio/zstdioConfig.cmake lib/cmake/zstdio/zstdioConfigVersion.cmake \
             lib/pkgconfig/zstdio.pc bin/zstdio bin/zstdcat bin/unzstd bin/zstdmt; do
        [[ -e $prefix/$f ]] || missing+=("$f")
    done
    if (( ${#missing[@]} == 0 )); then
        result_pass "cmake: installed headers, libzstdio.{a,so}, CMake package, zstdio.pc, bin/zstdio and its names"
    else
        result_fail "cmake: installed files" "missing ${missing[*]}"
    fi

    # find_package(zstdio CONFIG REQUIRED) against the prefix: shared
    # (default) and static (ZSTDIO_USE_STATIC_LIBS).
    local kind dir log
    for kind in shared static; do
        dir="$bdir/find_package-$kind"
        log="$logs/find_package-$kind.log"
        rm -rf "$dir"
        local static=OFF
        [[ $kind == static ]] && static=ON
        if cmake -S test/cmake_consumer/find_package -B "$dir" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
                -DCMAKE_PREFIX_PATH="$prefix" -DZSTDIO_USE_STATIC_LIBS=$static >"$log" 2>&1 &&
            cmake --build "$dir" -j "$ZSTDIO_JOBS" >>"$log" 2>&1 &&
            _consumer_runs "$dir/consumer" "$kind" >>"$log" 2>&1; then
            result_pass "cmake: find_package(zstdio CONFIG) consumer, $kind library"
        else
            tail -n 30 "$log" | sed 's/^/      | /'
            result_fail "cmake: find_package(zstdio CONFIG) consumer, $kind library" "see ${log#"$ZSTDIO_ROOT"/}"
        fi
    done

    dir="$bdir/add_subdirectory"
    log="$logs/add_subdirectory.log"
    if cmake -S test/cmake_consumer/add_subdirectory -B "$dir" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
            -DZSTDIO_WARNINGS_AS_ERRORS=ON >"$log" 2>&1 &&
        cmake --build "$dir" -j "$ZSTDIO_JOBS" >>"$log" 2>&1 &&
        _consumer_runs "$dir/consumer" shared >>"$log" 2>&1; then
        result_pass "cmake: add_subdirectory consumer"
    else
        tail -n 30 "$log" | sed 's/^/      | /'
        result_fail "cmake: add_subdirectory consumer" "see ${log#"$ZSTDIO_ROOT"/}"
    fi

    dir="$bdir/pkg-config"
    log="$logs/pkg-config.log"
    rm -rf "$dir"
    mkdir -p "$dir"
    local flags=()
    # shellcheck disable=SC2207 # pkg-config output is meant to be word-split
    if flags=($(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs zstdio 2>"$log")) &&
        (( ${#flags[@]} )) &&
        printf 'pkg-config --cflags --libs zstdio: %s\n' "${flags[*]}" >>"$log" &&
        g++ -std=c++17 -Wall -Wextra -Werror test/cmake_consumer/main.cpp -o "$dir/consumer" "${flags[@]}" \
            -Wl,-rpath,"$prefix/lib" >>"$log" 2>&1 &&
        _consumer_runs "$dir/consumer" shared >>"$log" 2>&1; then
        result_pass "pkg-config: zstdio.pc flags compile, link and run a consumer"
    else
        tail -n 30 "$log" | sed 's/^/      | /'
        result_fail "pkg-config: zstdio.pc consumer" "see ${log#"$ZSTDIO_ROOT"/}"
    fi
}

# _consumer_runs EXE KIND: runs a consumer and checks which libzstdio it got.
_consumer_runs() {
    local exe=$1 kind=$2
    "$exe" || return 1
    local libs
    libs=$(ldd "$exe") || return 1
    if [[ $kind == shared ]]; then
        [[ $libs == *libzstdio.so* ]] || { echo "expected $exe to load libzstdio.so"; return 1; }
    else
        [[ $libs != *libzstdio.so* ]] || { echo "expected $exe to link libzstdio.a"; return 1; }
    fi
}

cmd_test() {
    local t0=$SECONDS
    say "b2: library (static + shared), examples, tools, stage/"
    mkdir -p bin
    if "${B2[@]}" -q stage example >bin/b2-build.log 2>&1; then
        result_pass "b2: library static + shared, examples, stage"
    else
        tail -n 40 bin/b2-build.log | sed 's/^/      | /'
        result_fail "b2: library static + shared, examples, stage" "see bin/b2-build.log"
    fi

    run_b2_tests link=shared

    # The demo doubles as a check of the examples: it verifies its round trips.
    local exe
    exe=$(b2_exe_path example//demo link=static)
    if [[ -x $exe ]] && "$exe" --size 1 >"$ZSTDIO_ROOT/bin/demo.log" 2>&1; then
        result_pass "example: demo round trips (1 MB sample)"
    else
        sed 's/^/      | /' "$ZSTDIO_ROOT/bin/demo.log" 2>/dev/null | tail -n 20 || true
        result_fail "example: demo" "see bin/demo.log"
    fi

    cmake_checks
    say "took $((SECONDS - t0)) s"
    tests_summary
}

main() {
    local cmd=${1:-build}
    [[ $# -eq 0 ]] || shift
    case $cmd in
        -h|--help|help) usage; return 0 ;;
        build|demo|test|deps) ;;
        *)
            if [[ $cmd == common || ! -f scripts/$cmd.sh ]]; then
                usage >&2
                die "unknown command '$cmd'"
            fi
            ;;
    esac
    ensure_deps
    case $cmd in
        build) cmd_build "$@" ;;
        demo) cmd_build && cmd_demo "$@" ;;
        test) cmd_test "$@" ;;
        deps) say "all dependencies are installed" ;;
        *) exec bash "scripts/$cmd.sh" "$@" ;;
    esac
}

main "$@"
