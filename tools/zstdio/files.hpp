// zstdio CLI — running an operation over the input files: output names,
// console checks, summaries, --rm.
#ifndef ZSTDIO_CLI_FILES_HPP
#define ZSTDIO_CLI_FILES_HPP

#include "console.hpp"
#include "options.hpp"

#include <string>

namespace zstdio_cli {

/// Compresses, decompresses or tests every input (-z, -d, -t).  Each failure
/// is reported as "zstdio: FILE: reason" and the next file is tried.
/// @return the exit status: 0 when every file succeeded, else 1.
int process_files(const options& o, const console& out);

/// The output name zstd would choose: FILE.zst when compressing; FILE
/// without .zst (or .tzst -> .tar) when decompressing.
/// @throw std::runtime_error when a decompressed name cannot be derived.
std::string derived_output_name(const std::string& input, operation op);

} // namespace zstdio_cli

#endif
