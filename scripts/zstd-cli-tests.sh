#!/usr/bin/env bash
# zstdio — runs the zstd project's own command-line test suite (facebook/zstd
# tests/cli-tests, tag v1.5.4) against stage/bin/zstdio, to see how close
# the tool is to being a drop-in for `zstd`.
#
#   ./build.sh zstd-cli-tests [options] [ZSTD_SOURCE] [TEST...]
#   scripts/zstd-cli-tests.sh  (same arguments)
#
# ZSTD_SOURCE (or the environment variable of that name): where the tests
# come from; nothing is downloaded.  (Relative paths: from the directory the
# script starts in, the repository root under ./build.sh.)  Either
#   - a bare git repository of facebook/zstd (a mirror): tests/cli-tests,
#     tests/golden-* and programs/zstd{grep,less} are taken from tag v1.5.4
#     (--ref) with `git archive`, or
#   - a directory holding those paths (a checkout, at whatever version it
#     is, or an extracted tarball), copied as it is.
# Either way they land in a temporary directory, as run.py writes its
# scratch files and symbolic links next to itself.
#
# TEST...: test names relative to tests/cli-tests (basic/help.sh,
# compression/levels.sh, ...); default: all of them except file-stat/*,
# which compare a trace of zstd's internal stat()/chmod() helper calls
# (hidden option --trace-file-stat): implementation, not interface.  cltools/*
# are skipped when the source has no programs/zstdgrep and zstdless (both
# shell scripts that call `zstdcat` / `zstd` -- our tool -- from the PATH).
#
# Options:
#   --zstd-bin PATH    test PATH instead of stage/bin/zstdio (b2 stage is then
#                      not run), e.g. /usr/bin/zstd to check the suite itself
#   --datagen PATH     test-data generator (default: ours, test/tools//datagen)
#   --ref REF          tag or commit of a git ZSTD_SOURCE (default v1.5.4)
#   --with-file-stat   also run file-stat/* (zstd 1.5.4 itself passes them)
#   --timeout SEC      per-test limit (default 120; run.py's own is 60)
#   --verbose          passed to run.py
#   --preserve         keep the temporary directory: scratch/TEST holds each
#                      test's files, stdout, stderr and exit status
#
# Builds with b2 first (`b2 -q stage`, and `test/tools//datagen`), runs
# run.py --zstd <tool> --datagen <datagen> [tests], then prints one line per
# test (PASS, or FAIL with the first difference) and the counts; the whole
# run.py output is in bin/zstd-cli-tests.log.  Exit status 0 when every test
# run passed.  Needs python3.  run.py calls the tool through symbolic links
# named zstd, zstdcat, unzstd, zcat, gzip, xz, lz4, ... (argv[0]).
#
# The data: zstd's tests call a `datagen` program; we never build the zstd
# project's code, so ours (test/tools/datagen.cpp) takes its place.  It takes
# the same options (-g size, -s seed, -P compressibility) and writes the same
# amount of similar LZ-style data, not the same bytes; the expected outputs
# depend only on sizes, and the real zstd 1.5.4 passes the suite with it.
set -euo pipefail

start_dir=$PWD
ZSTDIO_ROOT=${ZSTDIO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# shellcheck source=scripts/common.sh
source "$ZSTDIO_ROOT/scripts/common.sh"
cd "$ZSTDIO_ROOT"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}
fail() { printf 'zstd-cli-tests: %s\n' "$*" >&2; exit 2; }

zstd_bin=""
datagen=""
ref=v1.5.4
with_file_stat=0
keep_work=0
timeout=120
runpy_flags=()
source_dir=${ZSTD_SOURCE:-}
tests=()
while (( $# )); do
    case $1 in
        -h|--help) usage; exit 0 ;;
        --zstd-bin) zstd_bin=${2:?--zstd-bin needs a path}; shift ;;
        --zstd-bin=*) zstd_bin=${1#*=} ;;
        --datagen) datagen=${2:?--datagen needs a path}; shift ;;
        --datagen=*) datagen=${1#*=} ;;
        --ref) ref=${2:?--ref needs a tag or commit}; shift ;;
        --ref=*) ref=${1#*=} ;;
        --with-file-stat) with_file_stat=1 ;;
        --timeout) timeout=${2:?--timeout needs seconds}; shift ;;
        --timeout=*) timeout=${1#*=} ;;
        --verbose) runpy_flags+=("$1") ;;
        --preserve) keep_work=1 ;;
        --) shift; tests+=("$@"); break ;;
        -*) usage >&2; fail "unknown option '$1'" ;;
        *)
            # A directory is the source (tests are files).
            if [[ -d $1 ]]; then source_dir=$1; else tests+=("$1"); fi
            ;;
    esac
    shift
done

[[ -z $source_dir || $source_dir == /* ]] || source_dir="$start_dir/$source_dir"
[[ -z $zstd_bin || $zstd_bin == /* ]] || zstd_bin="$start_dir/$zstd_bin"
[[ -z $datagen || $datagen == /* ]] || datagen="$start_dir/$datagen"
[[ -n $source_dir ]] || fail "no zstd source: give a facebook/zstd checkout or mirror (argument or ZSTD_SOURCE; --help)"
[[ -d $source_dir ]] || fail "'$source_dir' is not a directory"
command -v python3 >/dev/null || fail "python3 is needed (run.py is a Python script)"

# ---------------------------------------------------------------------------
# The tests, in a temporary copy laid out like the zstd repository.
# ---------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/zstd-cli-tests.XXXXXX")
cleanup() {
    if (( keep_work )); then
        say "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
repo="$work/zstd"
mkdir -p "$repo"

wanted=(tests/cli-tests tests/golden-compression tests/golden-decompression tests/golden-dictionaries
        programs/zstdgrep programs/zstdless)
if [[ -e $source_dir/tests/cli-tests/run.py ]]; then
    say "tests from the directory $source_dir"
    for p in "${wanted[@]}"; do
        [[ -e $source_dir/$p ]] || continue
        mkdir -p "$repo/$(dirname "$p")"
        cp -R "$source_dir/$p" "$repo/$p"
    done
    # Left over from a run in place.
    rm -rf "$repo/tests/cli-tests/scratch" "$repo/tests/cli-tests/bin/symlinks"
else
    git -C "$source_dir" rev-parse --verify -q "$ref^{commit}" >/dev/null ||
        fail "$source_dir has no $ref (a facebook/zstd repository is needed)"
    say "tests from $source_dir at $ref (git archive)"
    present=()
    for p in "${wanted[@]}"; do
        git -C "$source_dir" cat-file -e "$ref:$p" 2>/dev/null && present+=("$p")
    done
    git -C "$source_dir" archive "$ref" "${present[@]}" | tar -x -C "$repo"
fi
cli_tests="$repo/tests/cli-tests"
[[ -f $cli_tests/run.py ]] || fail "no tests/cli-tests/run.py in $source_dir"

# ---------------------------------------------------------------------------
# The programs under test.
# ---------------------------------------------------------------------------
mkdir -p bin
build_log="$ZSTDIO_ROOT/bin/zstd-cli-tests-build.log"
if [[ -z $zstd_bin ]]; then
    say "b2: stage (stage/bin/zstdio)"
    "${B2[@]}" -q stage >"$build_log" 2>&1 || { tail -n 30 "$build_log" >&2; fail "b2 stage failed (see $build_log)"; }
    zstd_bin="$ZSTDIO_ROOT/stage/bin/zstdio"
fi
[[ -x $zstd_bin ]] || fail "'$zstd_bin' is not an executable"
zstd_bin=$(cd "$(dirname "$zstd_bin")" && pwd)/$(basename "$zstd_bin")
if [[ -z $datagen ]]; then
    say "b2: test/tools//datagen"
    "${B2[@]}" -q link=static test/tools//datagen >>"$build_log" 2>&1 ||
        { tail -n 30 "$build_log" >&2; fail "b2 test/tools//datagen failed (see $build_log)"; }
    datagen=$(b2_exe_path test/tools//datagen link=static)
fi
[[ -n $datagen && -x $datagen ]] || fail "datagen not found ('$datagen')"
datagen=$(cd "$(dirname "$datagen")" && pwd)/$(basename "$datagen")

runpy_args=(--zstd "$zstd_bin" --datagen "$datagen" --timeout "$timeout")
have_cltools=1
for t in zstdgrep zstdless; do
    if [[ -f $repo/programs/$t ]]; then
        chmod +x "$repo/programs/$t"
        runpy_args+=("--$t" "$repo/programs/$t")
    else
        have_cltools=0
    fi
done
command -v less >/dev/null || have_cltools=0

# ---------------------------------------------------------------------------
# Which tests: run.py's own discovery rules, less what cannot run here.
# ---------------------------------------------------------------------------
skipped=()
if (( ${#tests[@]} == 0 )); then
    while IFS= read -r t; do
        case $t in
            file-stat/*) (( with_file_stat )) || { skipped+=("$t (traces zstd internals; --with-file-stat runs it)"); continue; } ;;
            cltools/*) (( have_cltools )) || { skipped+=("$t (no programs/zstdgrep, zstdless or less)"); continue; } ;;
        esac
        tests+=("$t")
    done < <(cd "$cli_tests" && find . \( -name bin -o -name common -o -name scratch \) -prune -o -type f -print |
             sed 's|^\./||' | grep '/' |
             grep -Ev '(^|/)(setup|setup_once|teardown|teardown_once|README\.md|run\.py|\.gitignore)$' |
             grep -Ev '\.(exact|glob|ignore|exit)$' | LC_ALL=C sort)
fi

# The log is written in $work, and copied to bin/ at the end, so that runs
# at the same time (against different binaries) do not mix their logs.
log="$work/run.log"
final_log="$ZSTDIO_ROOT/bin/zstd-cli-tests.log"
say "run.py --zstd $zstd_bin --datagen $datagen, ${#tests[@]} tests (log: ${final_log#"$ZSTDIO_ROOT"/})"
# One run.py per test: run.py stops at the first setup script that fails
# (a suite's setup_once, a test's setup), which would hide every later test.
# --preserve makes run.py keep each test's directory with its stdout, stderr
# and exit status; it goes to $work/scratch/TEST before the next run.py
# (whose setup_once would delete it), for the summary and for --preserve.
: >"$log"
for t in "${tests[@]}"; do
    printf '=== %s\n' "$t" >>"$log"
    python3 "$cli_tests/run.py" "${runpy_args[@]}" --preserve "${runpy_flags[@]+"${runpy_flags[@]}"}" "$t" >>"$log" 2>&1 ||
        printf '=== status %d\n' "$?" >>"$log"
    if [[ -d $cli_tests/scratch/$t ]]; then
        mkdir -p "$work/scratch/$(dirname "$t")"
        mv "$cli_tests/scratch/$t" "$work/scratch/$t"
    fi
    rm -rf "$cli_tests/scratch"
done

# One line per test: PASS, or FAIL and the first thing that differed.
status=0
python3 - "$log" "$work/scratch" <<'PY' || status=$?
import os, re, sys

def first_diff(lines):
    """'expected X, got Y' from run.py's diff (plain diff or its glob diff)."""
    exp = next((l[2:] for l in lines if l.startswith("< ") and l != "< ..."), None)
    got = next((l[2:] for l in lines if l.startswith("> ") and l != "> diff expected actual"), None)
    if exp is None and got is None:
        return "differs"
    if exp is None:
        return "unexpected %r" % got[:90]
    if got is None:
        return "missing %r" % exp[:90]
    return "expected %r, got %r" % (exp[:60], got[:60])

def reason_of(lines):
    why = []
    for i, line in enumerate(lines):
        c = re.match(r"FAIL: \S+\.check_(\w+)$", line)
        if not c:
            continue
        msg = lines[i + 1] if i + 1 < len(lines) else ""
        if c.group(1) == "exit":
            why.append(msg.replace("Exit code mismatch! Expected ", "exit status expected ")
                          .replace(" but got ", ", got "))
        else:
            body = []
            for l in lines[i + 2:]:
                if re.match(r"(PASS|FAIL): ", l) or l.startswith("-" * 40):
                    break
                body.append(l)
            why.append("%s: %s" % (c.group(1), first_diff(body)))
    return "; ".join(why)

def crash_of(lines):
    """run.py died before the test ran: a setup script failed, or a timeout."""
    text = "\n".join(lines)
    m = re.search(r"/tests/cli-tests/(\S+) failed with exit code (\d+)!\nstderr:\nb'(.*?)'\n", text)
    if m:
        err = m.group(3).replace("\\n", " | ").strip(" |")
        return "%s failed (status %s): %s" % (m.group(1), m.group(2), err[:120])
    if "TimeoutExpired" in text:
        return "timed out"
    tail = [l for l in lines if l.strip()]
    return "run.py failed: %s" % (tail[-1][:120] if tail else "no output")

results = []
with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    chunks = re.split(r"^=== (?!status )(.+)\n", f.read(), flags=re.M)
for name, body in zip(chunks[1::2], chunks[2::2]):
    lines = body.split("\n")
    head = next((l for l in lines if re.match(r"(PASS|FAIL): %s$" % re.escape(name), l)), None)
    if head is None:
        results.append((name, "FAIL", crash_of(lines)))
    elif head.startswith("PASS"):
        results.append((name, "PASS", ""))
    else:
        reason = reason_of(lines)
        if reason.startswith("exit status") and "stderr:" not in reason:
            # stderr not compared (or it matched): its first message is
            # usually why a `set -e` script stopped.
            try:
                with open(os.path.join(sys.argv[2], name, "stderr"), encoding="utf-8", errors="replace") as f:
                    err = [l for l in f.read().split("\n") if l.strip()]
                msg = [l for l in err if re.search(r"zstd|error|warning|fail|cannot|can't|no such", l, re.I)]
                if msg or err:
                    reason += "; stderr says %r" % (msg or err)[0][:100]
            except OSError:
                pass
        results.append((name, "FAIL", reason))
for name, state, reason in results:
    print(("%s %-40s %s" % (state, name, reason)).rstrip())
failed = sum(1 for _, state, _ in results if state == "FAIL")
print("zstd-cli-tests: %d passed, %d failed" % (len(results) - failed, failed))
sys.exit(1 if failed or not results else 0)
PY
cp "$log" "$final_log.$$" && mv -f "$final_log.$$" "$final_log"
for s in "${skipped[@]+"${skipped[@]}"}"; do
    printf 'skipped %s\n' "$s"
done
exit "$status"
