// zstdio CLI — -b#: benchmark mode.
#ifndef ZSTDIO_CLI_BENCHMARK_HPP
#define ZSTDIO_CLI_BENCHMARK_HPP

#include "console.hpp"
#include "options.hpp"

namespace zstdio_cli {

/// Runs zstd's benchmark mode (-b#, -e#, -i#, -B#, -S).  @return the exit status.
int run_benchmark(const options& o, const console& con);

} // namespace zstdio_cli

#endif
