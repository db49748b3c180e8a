#!/bin/sh
# Prepares the realistic benchmark input of test/bench/filters: the first
# 200 MB of the Linux kernel source tar (Debian package linux-source-6.1),
# the analogue of the Firefox source tar in python-zstandard's published table.
#
#   test/bench/linux-tar.sh [OUTPUT]     (default /tmp/zstdio-bench/linux-200M.tar)
#
# Installs linux-source-6.1 with apt-get when it is missing (as root, or via
# sudo; otherwise prints the install line and stops).  Idempotent: an OUTPUT
# that already has the right size is left alone.
set -eu

out=${1:-/tmp/zstdio-bench/linux-200M.tar}
size=$((200 * 1000 * 1000)) # 200 MB, as in "the first 200 MB"
package=linux-source-6.1
tarball=/usr/src/linux-source-6.1.tar.xz

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

if [ "$(file_size "$out")" -eq "$size" ]; then
    echo "linux-tar: $out is ready ($size bytes)"
    exit 0
fi

if [ ! -f "$tarball" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt_get="apt-get"
    elif command -v sudo >/dev/null 2>&1; then
        apt_get="sudo apt-get"
    else
        echo "linux-tar: $tarball is missing; install it with: apt-get install -y $package" >&2
        exit 1
    fi
    echo "linux-tar: installing $package"
    $apt_get install -y --no-install-recommends "$package" ||
        { $apt_get update && $apt_get install -y --no-install-recommends "$package"; }
fi
if [ ! -f "$tarball" ]; then
    echo "linux-tar: $package is installed but $tarball is not there" >&2
    exit 1
fi

mkdir -p "$(dirname "$out")"
tmp="$out.part.$$"
trap 'rm -f "$tmp"' EXIT INT TERM
# xz stops with SIGPIPE once head has its bytes: that is expected, so the
# pipeline's status is not checked; the size below is.
xz -dc "$tarball" | head -c "$size" >"$tmp" || true
if [ "$(file_size "$tmp")" -ne "$size" ]; then
    echo "linux-tar: $tarball gave only $(file_size "$tmp") bytes, expected $size" >&2
    exit 1
fi
mv "$tmp" "$out"
trap - EXIT INT TERM
echo "linux-tar: wrote $out ($size bytes)"
