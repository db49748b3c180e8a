#!/usr/bin/env bash
# zstdio — build the libFuzzer targets in test/fuzz/ with ASan+UBSan and run
# each for a bounded time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      (./build.sh fuzz [SECONDS])
#
# SECONDS per target (default 60).  TARGET defaults to every test/fuzz/*.cpp
# that defines LLVMFuzzerTestOneInput.  The library sources are compiled with
# the same sanitizers (clang 14).  Corpora live in bin/fuzz/corpus/TARGET
# (seeded by test/fuzz/make_seeds.cpp, kept between runs, never committed);
# crashes are written to bin/fuzz/artifacts/.  Exits non-zero if a target
# crashed, leaked or timed out.  Summary: bin/fuzz/summary.txt.
# FUZZ_OUT=DIR puts everything in DIR instead of bin/fuzz.
# FUZZ_JOBS=N builds with N parallel compiles (default 2); FUZZ_NICE=N runs
# the fuzzers with `nice -n N` (default 10).
set -euo pipefail
source "$(dirname "$0")/reliability.bash"
cd "$ZSTDIO_ROOT"

seconds=${1:-60}
shift || true
[[ $seconds =~ ^[0-9]+$ ]] && ((seconds >= 1)) || die "SECONDS must be a whole number >= 1 (libFuzzer takes 0 as: forever)"
ensure_deps
need_packages clang++-14:clang-14 "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev"
CXX=${CXX:-clang++-14}

out=${FUZZ_OUT:-bin/fuzz}
mkdir -p "$out/obj/lib" "$out/corpus" "$out/artifacts"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
flags="-std=c++17 -g -O1 -Iinclude -Isrc -DZSTDIO_SOURCE -Wall -Wextra -Werror -Wno-deprecated-declarations"
libs="-lzstd -lz -lbz2 -llzma -lboost_iostreams -lboost_thread -lboost_system -lpthread"

# Compile one source to an object if it is older than the source or any header.
compile() { # SRC OBJ EXTRA_FLAGS
    local src=$1 obj=$2
    if [[ ! -e $obj ]] || [[ $src -nt $obj ]] ||
        [[ -n $(find include src test/fuzz test/support -name '*.hpp' -newer "$obj" -print -quit) ]]; then
        echo "compile $src"
        $CXX $flags $san $3 -c "$src" -o "$obj"
    fi
}

pids=()
jobs_max=${FUZZ_JOBS:-2}
# The library is every .cpp under src/ (one folder per layer): objects are
# named after the path (api/frame.cpp -> api_frame.o), and only those of the
# current sources are linked, so one left by a moved or deleted source is not.
lib_objs=()
for src in $(find src -name '*.cpp' | sort) test/support/*.cpp; do
    if [[ $src == test/* ]]; then
        obj=$out/obj/$(basename "${src%.cpp}").o
    else
        rel=${src#src/}
        obj=$out/obj/lib/${rel//\//_}
        obj=${obj%.cpp}.o
        lib_objs+=("$obj")
    fi
    compile "$src" "$obj" "-fsanitize=fuzzer-no-link" &
    pids+=($!)
    while (($(jobs -rp | wc -l) >= jobs_max)); do sleep 0.2; done
done
for p in "${pids[@]}"; do wait "$p"; done

targets=("$@")
if ((${#targets[@]} == 0)); then
    for src in test/fuzz/*.cpp; do
        grep -q LLVMFuzzerTestOneInput "$src" || continue
        # "// needs: include/zstdio/x.hpp": a target for a part not merged yet.
        needs=$(sed -n 's|^// needs: ||p' "$src" | head -1)
        if [[ -n $needs && ! -e $needs ]]; then
            echo "skip $(basename "${src%.cpp}") (no $needs yet)"
            continue
        fi
        targets+=("$(basename "${src%.cpp}")")
    done
fi

for t in "${targets[@]}"; do
    compile "test/fuzz/$t.cpp" "$out/obj/fuzz_$t.o" "-fsanitize=fuzzer-no-link"
    echo "link $t"
    $CXX $san -fsanitize=fuzzer "$out/obj/fuzz_$t.o" "${lib_objs[@]}" $libs -o "$out/$t"
done

compile test/fuzz/make_seeds.cpp "$out/obj/make_seeds.o" ""
$CXX $san "$out/obj/make_seeds.o" "${lib_objs[@]}" "$out/obj/support.o" $libs -o "$out/make_seeds"
seeds=$out/seeds
rm -rf "$seeds"
"$out/make_seeds" "$seeds" "$ZSTDIO_ROOT/../shared/testdata/zstd-golden" ||
    "$out/make_seeds" "$seeds" /work/shared/testdata/zstd-golden

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0:max_allocation_size_mb=3072}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
summary=$out/summary.txt
: >"$summary"
status=0
for t in "${targets[@]}"; do
    mkdir -p "$out/corpus/$t"
    log=$out/$t.log
    echo "fuzz $t for ${seconds}s (log: $log)"
    max_len=16384
    [[ $t == round_trip ]] && max_len=8192
    set +e
    started=$SECONDS
    nice -n "${FUZZ_NICE:-10}" "$out/$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 \
        -max_len=$max_len -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" \
        "$out/corpus/$t" "$seeds/$t" >"$log" 2>&1
    rc=$?
    ran=$((SECONDS - started))
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
    units=$(ls "$out/corpus/$t" | wc -l)
    if ((rc == 0)); then verdict=ok; else verdict="FAILED (exit $rc, see $log)"; status=1; fi
    printf '%-20s ran %4ss of %ss  executions %-10s coverage %-6s corpus %-6s %s\n' \
        "$t" "$ran" "$seconds" "$execs" "$cov" "$units" "$verdict" | tee -a "$summary"
done
exit $status
