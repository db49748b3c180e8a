# shellcheck shell=bash
# zstdio — helpers of scripts/{fuzz,asan,tsan,valgrind,ci-reliability,docs}.sh, on
# top of scripts/common.sh (sourced).  Not a build.sh command (no .sh suffix).

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# need_packages WHAT:PACKAGE ...  installs the Debian packages whose program
# (or file, when WHAT starts with /) is missing, with apt-get as build.sh does
# (root, or sudo without a password); otherwise says what to install.
need_packages() {
    local missing=() pair what pkg
    for pair in "$@"; do
        what=${pair%%:*} pkg=${pair#*:}
        if [[ $what == /* ]]; then
            compgen -G "$what" >/dev/null || missing+=("$pkg")
        else
            command -v "$what" >/dev/null 2>&1 || missing+=("$pkg")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    local sudo=()
    if ((EUID != 0)); then
        sudo -n true 2>/dev/null || die "install these first: apt-get install -y ${missing[*]}"
        sudo=(sudo)
    fi
    say "installing with apt-get: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}" </dev/null
    hash -r
}
