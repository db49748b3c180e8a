// zstdio CLI — -b#: benchmark mode, as `zstd -b` 1.5.4 runs it.
#ifndef ZSTDIO_CLI_BENCHMARK_HPP
#define ZSTDIO_CLI_BENCHMARK_HPP

#include "console.hpp"
#include "options.hpp"

namespace zstdio_cli {

/// Measures compression and decompression speed and ratio in memory, level by
/// level from -b# to -e#, and prints one result per level (per file with -S)
/// on standard output, shaped as zstd prints it:
///
///     " 3#name              :   1234567 ->    345678 (x3.571),  456.7 MB/s, 1234.5 MB/s"
///
/// The inputs are loaded whole and cut into independent frames of -B# bytes
/// (default: one frame per file); with no input, a synthetic sample of 10 MB
/// whose compressibility is -P# is used.  Each direction runs for -i#
/// seconds (0: once, the shortest run).  Every decoded frame is compared with
/// its original.  With -d the inputs are zstd frames and only decoding is
/// timed.  Settings: -T#, --long, --zstd=..., -D DICT.
/// @return the exit status: 0, or 1 after zstd's "Error N : ..." message.
int run_benchmark(const options& o, const console& con);

} // namespace zstdio_cli

#endif
