# zstdio — helpers shared by scripts/{fuzz,asan,tsan,valgrind}.sh (sourced).

ZSTDIO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# need_packages PROGRAM:PACKAGE ...   installs the Debian packages whose
# program (or file, when it starts with /) is missing, like build.sh does.
need_packages() {
    local missing=()
    for pair in "$@"; do
        local what=${pair%%:*} pkg=${pair#*:}
        if [[ $what == /* ]]; then
            [[ -e $what ]] || missing+=("$pkg")
        else
            command -v "$what" >/dev/null 2>&1 || missing+=("$pkg")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    echo "installing: ${missing[*]}"
    local sudo=
    [[ $(id -u) -ne 0 ]] && sudo=sudo
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# The b2 requirements every build of the suite needs (system zstd, Boost).
need_build_tools() {
    need_packages b2:libboost-tools-dev /usr/include/zstd.h:libzstd-dev \
        /usr/include/boost/iostreams/filtering_stream.hpp:libboost-iostreams-dev \
        /usr/include/boost/test/unit_test.hpp:libboost-test-dev \
        /usr/include/boost/thread.hpp:libboost-thread-dev zstd:zstd
}
