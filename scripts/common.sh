# shellcheck shell=bash
# zstdio — helpers shared by build.sh and scripts/*.sh.  Source it; do not run it.
#
# Provides:
#   ZSTDIO_ROOT, ZSTDIO_JOBS, B2 (array: b2 toolset=gcc -jN)
#   say / die                      progress and fatal messages
#   ensure_deps                    check the toolchain, install with apt-get or stop
#   result_pass NAME / result_fail NAME [WHY] / result_skip NAME [WHY]
#   tests_summary                  prints "tests: N passed, M failed"; status 1 if any failed
#   run_b2_tests [b2 args...]      builds and runs every Boost.Test program of test/
#                                  for the given b2 properties, counting test cases
#   b2_exe_path TARGET [b2 args]   path of the executable b2 builds for TARGET
#
# A script under scripts/ (scripts/asan.sh, scripts/fuzz.sh, ...) is run by
# `./build.sh NAME [args]` after the dependency check, from the repository
# root, with ZSTDIO_ROOT and ZSTDIO_JOBS exported.  It can source this file to
# reuse the helpers, e.g. a sanitizer script:
#   source "$ZSTDIO_ROOT/scripts/common.sh"
#   run_b2_tests variant=debug cxxflags=-fsanitize=address linkflags=-fsanitize=address
#   tests_summary

ZSTDIO_ROOT=${ZSTDIO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
ZSTDIO_JOBS=${ZSTDIO_JOBS:-2}
# A test program running longer than this (seconds) is killed and fails.
ZSTDIO_TEST_TIMEOUT=${ZSTDIO_TEST_TIMEOUT:-1200}
export ZSTDIO_ROOT ZSTDIO_JOBS ZSTDIO_TEST_TIMEOUT
B2=(b2 toolset=gcc "-j$ZSTDIO_JOBS")

say() { printf '==> %s\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# Dependencies
# ---------------------------------------------------------------------------

# Boost components the library, its tests and its benchmarks link:
# [component]="header:library".  The Debian package of a component is
# libboost-<component, _ as ->[version]-dev (program_options:
# libboost-program-options1.81-dev).
declare -A ZSTDIO_BOOST_PARTS=(
    [iostreams]="boost/iostreams/filter/gzip.hpp:boost_iostreams"
    [thread]="boost/thread/thread.hpp:boost_thread"
    [test]="boost/test/unit_test.hpp:boost_unit_test_framework"
    [program_options]="boost/program_options.hpp:boost_program_options"
)

# The components of ZSTDIO_BOOST_PARTS, sorted (a stable order for messages).
_boost_parts() { printf '%s\n' "${!ZSTDIO_BOOST_PARTS[@]}" | sort; }

_probe_dir=""
_probe() { # _probe NAME SOURCE [link flags...]: compiles and links SOURCE
    local name=$1 src=$2
    shift 2
    [[ -n $_probe_dir ]] || _probe_dir=$(mktemp -d)
    printf '%s\n' "$src" >"$_probe_dir/$name.cpp"
    g++ -std=c++17 "$_probe_dir/$name.cpp" -o "$_probe_dir/$name" \
        -Wl,--no-as-needed "$@" >"$_probe_dir/$name.log" 2>&1
}

# Prints the installed Boost version as "1.81", or nothing.
boost_version() {
    command -v g++ >/dev/null || return 0
    printf '#include <boost/version.hpp>\nBOOST_LIB_VERSION\n' |
        g++ -x c++ -E -P - 2>/dev/null | tail -n 1 | tr -d '"' | tr _ . |
        grep -E '^[0-9]+\.[0-9]+$' || true
}

# Fills the arrays MISSING_WHAT (words for a human) and MISSING_PKG (Debian
# package names) with what is not installed.
_find_missing() {
    MISSING_WHAT=()
    MISSING_PKG=()
    # Fast path, one compile: every header and library at once.
    local c header lib all_headers="" all_libs=()
    for c in $(_boost_parts); do
        all_headers+="#include <${ZSTDIO_BOOST_PARTS[$c]%%:*}>"$'\n'
        all_libs+=("-l${ZSTDIO_BOOST_PARTS[$c]##*:}")
    done
    if command -v g++ make cmake pkg-config zstd b2 gzip xz bzip2 >/dev/null &&
        _probe all $'#include <boost/version.hpp>\n#if BOOST_VERSION < 107400\n#error Boost >= 1.74 needed\n#endif\n'"$all_headers"$'#include <zlib.h>\n#include <bzlib.h>\n#include <lzma.h>\n#include <zstd.h>\n#if ZSTD_VERSION_NUMBER < 10500\n#error libzstd >= 1.5.0 needed\n#endif\nint main() { return ZSTD_versionNumber() >= 10500 ? 0 : 1; }' \
            "${all_libs[@]}" -lzstd -lz -lbz2 -llzma &&
        "$_probe_dir/all"; then
        return 0
    fi
    local v
    v=$(boost_version)
    local have_boost=1
    if [[ -z $v ]] || (( $(cut -d. -f2 <<<"$v") < 74 && $(cut -d. -f1 <<<"$v") == 1 )); then
        have_boost=0
        if [[ -n $v ]]; then MISSING_WHAT+=("Boost >= 1.74 (found $v)"); fi
    fi
    # With a Boost already installed, complete that version; else prefer 1.81
    # (Debian 12), falling back to the distribution's default version.
    local bv=""
    if (( have_boost )); then bv=$v; else bv=$(_pick_boost_version); fi

    _need_cmd() { # command package
        command -v "$1" >/dev/null || { MISSING_WHAT+=("$1"); MISSING_PKG+=("$2"); }
    }
    _need_cmd g++ g++
    _need_cmd make make
    _need_cmd cmake cmake
    _need_cmd pkg-config pkg-config
    _need_cmd zstd zstd
    # The tests' interoperability checks (auto_decompressor, the CLI).
    _need_cmd gzip gzip
    _need_cmd xz xz-utils
    _need_cmd bzip2 bzip2
    command -v b2 >/dev/null || { MISSING_WHAT+=("b2 (Boost.Build)"); MISSING_PKG+=("$(_boost_pkg tools "$bv")"); }

    if ! command -v g++ >/dev/null; then
        # Cannot probe headers without a compiler: assume everything is missing.
        MISSING_PKG+=(libzstd-dev zlib1g-dev libbz2-dev liblzma-dev)
        for c in $(_boost_parts); do MISSING_PKG+=("$(_boost_pkg "$c" "$bv")"); done
        return
    fi
    if ! _probe zstd $'#include <zstd.h>\n#if ZSTD_VERSION_NUMBER < 10500\n#error libzstd >= 1.5.0 needed\n#endif\nint main() { return ZSTD_versionNumber() >= 10500 ? 0 : 1; }' -lzstd ||
        ! "$_probe_dir/zstd"; then
        MISSING_WHAT+=("libzstd >= 1.5.0 (headers and library)")
        MISSING_PKG+=(libzstd-dev)
    fi
    # What auto_decompressor decodes gzip, bzip2, xz and .lzma with.
    local dev
    for dev in zlib.h:z:zlib1g-dev bzlib.h:bz2:libbz2-dev lzma.h:lzma:liblzma-dev; do
        IFS=: read -r header lib c <<<"$dev"
        if ! _probe "lib$lib" "#include <$header>
int main() {}" "-l$lib"; then
            MISSING_WHAT+=("$c (<$header>, lib$lib)")
            MISSING_PKG+=("$c")
        fi
    done
    for c in $(_boost_parts); do
        header=${ZSTDIO_BOOST_PARTS[$c]%%:*}
        lib=${ZSTDIO_BOOST_PARTS[$c]##*:}
        if (( ! have_boost )) || ! _probe "boost_$c" "#include <$header>
int main() {}" "-l$lib"; then
            MISSING_WHAT+=("Boost.$c (<$header>, lib$lib)")
            MISSING_PKG+=("$(_boost_pkg "$c" "$bv")")
        fi
    done
}

_apt_knows() { apt-cache show "$1" >/dev/null 2>&1; }

_pick_boost_version() {
    if command -v apt-cache >/dev/null && _apt_knows libboost-iostreams1.81-dev; then
        echo 1.81
    fi
}

# _boost_pkg COMPONENT VERSION: Debian package name, versioned when apt knows it.
_boost_pkg() {
    local c=$1 v=$2 name
    if [[ $c == tools ]]; then
        name="libboost${v}-tools-dev"
        [[ -n $v ]] && command -v apt-cache >/dev/null && _apt_knows "$name" && { echo "$name"; return; }
        echo libboost-tools-dev
        return
    fi
    c=${c//_/-} # Debian's package names: program_options -> program-options
    name="libboost-$c${v}-dev"
    [[ -n $v ]] && command -v apt-cache >/dev/null && _apt_knows "$name" && { echo "$name"; return; }
    echo "libboost-$c-dev"
}

# Checks that everything the build needs is installed; installs what is
# missing with apt-get when root (or through sudo), otherwise prints the
# exact command and exits 1.  ZSTDIO_SKIP_DEPS=1 skips the check.
ensure_deps() {
    [[ ${ZSTDIO_SKIP_DEPS:-0} == 1 ]] && return 0
    _find_missing
    if (( ${#MISSING_WHAT[@]} == 0 && ${#MISSING_PKG[@]} == 0 )); then
        _cleanup_probes
        return 0
    fi
    say "missing: ${MISSING_WHAT[*]}"
    if ! command -v apt-get >/dev/null; then
        _cleanup_probes
        die "no apt-get here: install the above (a C++17 g++, Boost >= 1.74 with Iostreams, Thread, Test, Program_options and b2, libzstd >= 1.5.0 with headers, zstd, cmake, pkg-config, make) and run again"
    fi
    local sudo=()
    if (( EUID != 0 )); then
        if command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
            sudo=(sudo)
        else
            _cleanup_probes
            printf 'build.sh: run this as root, then run build.sh again:\n  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends %s\n' \
                "$(_dedup "${MISSING_PKG[@]}")" >&2
            exit 1
        fi
    fi
    say "installing with apt-get"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    # Package names depend on what the (now fresh) lists know: choose again.
    _find_missing
    # shellcheck disable=SC2046
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        $(_dedup "${MISSING_PKG[@]}") </dev/null
    hash -r
    _find_missing
    _cleanup_probes
    if (( ${#MISSING_WHAT[@]} != 0 )); then
        die "still missing after apt-get install: ${MISSING_WHAT[*]}"
    fi
}

_dedup() { printf '%s\n' "$@" | awk 'NF && !seen[$0]++' | tr '\n' ' ' | sed 's/ $//'; }
_cleanup_probes() { [[ -n $_probe_dir ]] && rm -rf "$_probe_dir"; _probe_dir=""; }

# ---------------------------------------------------------------------------
# Test results
# ---------------------------------------------------------------------------

TESTS_PASSED=0
TESTS_FAILED=0
TESTS_SKIPPED=0
TESTS_FAILED_NAMES=()

result_pass() { TESTS_PASSED=$((TESTS_PASSED + ${2:-1})); printf '  pass  %s\n' "$1"; }
result_fail() {
    TESTS_FAILED=$((TESTS_FAILED + ${3:-1}))
    TESTS_FAILED_NAMES+=("$1")
    printf '  FAIL  %s%s\n' "$1" "${2:+: $2}"
}
result_skip() { TESTS_SKIPPED=$((TESTS_SKIPPED + ${3:-1})); printf '  skip  %s%s\n' "$1" "${2:+: $2}"; }

# The closing line; returns 1 when anything failed.
tests_summary() {
    if (( ${#TESTS_FAILED_NAMES[@]} )); then
        printf 'failed: %s\n' "${TESTS_FAILED_NAMES[*]}"
    fi
    (( TESTS_SKIPPED == 0 )) || printf '(%d test cases skipped)\n' "$TESTS_SKIPPED"
    printf 'tests: %d passed, %d failed\n' "$TESTS_PASSED" "$TESTS_FAILED"
    (( TESTS_FAILED == 0 ))
}

# _report_counts FILE: prints "passed failed skipped" from the Boost.Test
# report in FILE ("Test module ... has passed|failed with:" block, any report
# level), or nothing when there is no report (the program crashed or hung).
_report_counts() {
    awk '
        /^Test module ".*" has (passed|failed|aborted)/ { inrep = 1; found = 1; next }
        inrep && /^[[:space:]]*$/ { inrep = 0 }
        # An aborted case (crash, timeout, fatal error) is also counted in
        # "failed"; use "aborted" only if a report ever lacks "failed".
        inrep && /test cases? out of [0-9]+ / {
            if ($NF == "passed") p += $1
            else if ($NF == "failed") f += $1
            else if ($NF == "aborted") a += $1
            else if ($NF == "skipped") s += $1
        }
        END { if (found) print p + 0, (f > a ? f : a) + 0, s + 0 }
    ' "$1"
}

# Number of enabled test cases a Boost.Test program holds (for a program that
# died before reporting); 1 when it cannot even list them.
_case_count() {
    local exe=$1 n
    n=$(timeout 60 "$exe" --list_content 2>&1 </dev/null | grep -c '\*$' || true)
    (( n > 0 )) && echo "$n" || echo 1
}

# run_b2_tests [b2 args...]: builds and runs every Boost.Test program under
# test/ for the given properties (default: link=shared), without stopping at
# the first failure, then counts test cases from each program's report.  A
# program that does not compile, crashes, hangs (ZSTDIO_TEST_TIMEOUT) or exits
# non-zero counts as failed.  The header checks of test/Jamfile (header-*: each
# header compiled on its own) are recompiled too and count one per header.
# The log of b2 goes to bin/b2-test.log.
run_b2_tests() {
    local args=("$@")
    (( ${#args[@]} )) || args=(link=shared)
    mkdir -p "$ZSTDIO_ROOT/bin"
    local log="$ZSTDIO_ROOT/bin/b2-test.log"
    # Which test programs exist for these properties, and where their
    # outputs go: ask b2 for the plan without running it.
    local plan runs headers
    plan=$("${B2[@]}" "${args[@]}" test -n -a 2>/dev/null) || true
    runs=$(awk '$1 == "testing.capture-output" { print $2 }' <<<"$plan" | sort -u)
    # The header checks (test/Jamfile, header-*): one compile per header.
    headers=$(awk '$1 == "**passed**" && $2 ~ /\/header-[^\/]*\.test$/ { print $2 }' <<<"$plan" | sort -u)
    if [[ -z $runs ]]; then
        result_fail "b2 test" "b2 found no test programs (see: ${B2[*]} ${args[*]} test -n)"
        return
    fi
    # Forget earlier results so that every program runs now and a stale
    # output cannot stand in for one that no longer builds.
    local r base
    while read -r r; do
        base=${r%.run}
        rm -f "$r" "$base.output" "$base.test"
    done <<<"$runs"
    while read -r r; do
        [[ -z $r ]] || rm -f "$r" "${r%.test}.o"
    done <<<"$headers"

    say "b2 ${args[*]} test ($(wc -l <<<"$runs") programs; log: bin/b2-test.log)"
    local status=0
    "${B2[@]}" "${args[@]}" "-l$ZSTDIO_TEST_TIMEOUT" test >"$log" 2>&1 || status=$?
    grep -E '^(\*\*passed\*\*|\.\.\.failed|\.\.\.skipped|error:)' "$log" | sed 's/^/    /' | tail -n 200 || true

    local name out counts p f s st exe
    while read -r r; do
        base=${r%.run}
        out="$base.output"
        name="test/$(basename "$base")"
        exe=$base
        if [[ ! -f $out ]]; then
            if [[ -x $exe ]]; then
                result_fail "$name" "did not run to completion" "$(_case_count "$exe")"
            else
                result_fail "$name" "did not build (see bin/b2-test.log)"
            fi
            continue
        fi
        st=$(sed -n 's/^EXIT STATUS: \([0-9-]*\)$/\1/p' "$out" | tail -n 1)
        counts=$(_report_counts "$out")
        if [[ -z $counts ]]; then
            result_fail "$name" "no Boost.Test report (exit status ${st:-none}; crashed or killed)" "$(_case_count "$exe")"
            sed 's/^/      | /' "$out" | tail -n 30
            continue
        fi
        read -r p f s <<<"$counts"
        (( s == 0 )) || result_skip "$name" "$s test cases skipped" "$s"
        (( p == 0 )) || result_pass "$name ($p test cases)" "$p"
        if (( f > 0 )); then
            result_fail "$name" "$f test cases failed" "$f"
            sed 's/^/      | /' "$out" | grep -E 'error|fatal|exception|failed' | head -n 40 || true
        elif [[ $st != 0 ]]; then
            result_fail "$name" "exit status ${st:-none} although every test case passed"
        elif (( p == 0 )); then
            result_fail "$name" "no test case ran"
        fi
    done <<<"$runs"
    if [[ -n $headers ]]; then
        local alone=0 not_alone=()
        while read -r r; do
            if [[ -f $r ]]; then
                alone=$((alone + 1))
            else
                base=$(basename "$r" .test)
                not_alone+=("$(sed 's|^header-||; s|-|/|g' <<<"$base").hpp")
            fi
        done <<<"$headers"
        (( alone == 0 )) || result_pass "test/standalone-headers ($alone headers compile on their own)" "$alone"
        (( ${#not_alone[@]} == 0 )) ||
            result_fail "test/standalone-headers" "not on their own: ${not_alone[*]} (see bin/b2-test.log)" "${#not_alone[@]}"
    fi
    if (( status != 0 )) && (( TESTS_FAILED == 0 )); then
        result_fail "b2 test" "b2 exited with status $status (see bin/b2-test.log)"
    fi
}

# b2_exe_path TARGET [b2 args...]: where b2 puts the executable of TARGET
# (e.g. example//demo) for these properties.
b2_exe_path() {
    local target=$1
    shift
    "${B2[@]}" "$@" "$target" -n -a 2>/dev/null |
        awk -v t="${target##*/}" '$1 == "gcc.link" { n = split($2, a, "/"); if (a[n] == t) print $2 }' |
        tail -n 1 || true
}
