// zstdio CLI — -b#: placeholder until the benchmark mode lands (branch cli-train-bench).
#include "benchmark.hpp"

namespace zstdio_cli {

int run_benchmark(const options&, const console& con)
{
    con.line(1, "benchmark mode is not built in this version");
    return 1;
}

} // namespace zstdio_cli
