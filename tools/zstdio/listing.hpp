// zstdio CLI — -l: the frames of compressed files, like `zstd -l` / `-lv`.
#ifndef ZSTDIO_CLI_LISTING_HPP
#define ZSTDIO_CLI_LISTING_HPP

#include "console.hpp"
#include "options.hpp"

namespace zstdio_cli {

/// Lists the frames of `o.inputs` as `zstd -l` 1.5.4 does, byte for byte: a
/// table on stdout with a totals line for several files, a block per file
/// with -v (window size, dictionary id, the checksum of a one-frame file),
/// exact byte counts from -vv.  Files that are not zstd, cut short or damaged
/// get zstd's messages; standard input is refused (zstd seeks in the files).
/// Beyond zstd, a file with a valid seek table gets one more line (the
/// number of frames it lists; with -v, their size and whether it has
/// checksums); a seek table that contradicts the frames is a warning on
/// stderr, the file being listed as zstd lists it (doc/cli.md).
/// @return the exit status: 0, or 1 when a file could not be listed in full
///         or no file was given.
int list_files(const options& o, const console& con);

} // namespace zstdio_cli

#endif
