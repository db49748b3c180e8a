// zstdio CLI — running compression, decompression or -t over the inputs:
// output names, zstd's checks, result lines, --rm.
#ifndef ZSTDIO_CLI_FILES_HPP
#define ZSTDIO_CLI_FILES_HPP

#include "console.hpp"
#include "options.hpp"

namespace zstdio_cli {

/// Compresses, decompresses or tests every input (-z, -d, -t) as zstd 1.5
/// does, with zstdio's data-safety rules on top (doc/cli.md).  Each failure
/// is reported and the next file is tried.  Settles what zstd settles just
/// before working (level cap, console checks, display level for stdout),
/// hence the non-const arguments.
/// @return the exit status: 0 when every file succeeded, else 1.
int process_files(options& o, console& con);

} // namespace zstdio_cli

#endif
