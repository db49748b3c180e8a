// zstdio CLI — -l: the frames of compressed files, like `zstd -l` / `-lv`.
#ifndef ZSTDIO_CLI_LISTING_HPP
#define ZSTDIO_CLI_LISTING_HPP

#include "console.hpp"
#include "options.hpp"

namespace zstdio_cli {

/// Prints one line per file (or a block per file with -v): frames, skippable
/// frames, compressed and decompressed sizes, ratio, checksum, dictionary id,
/// window size.  @return the exit status.
int list_files(const options& o, const console& con);

} // namespace zstdio_cli

#endif
