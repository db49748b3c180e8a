// zstdio CLI — the work itself: one stream compressed or decompressed with
// zstdio's Boost.Iostreams filters.
#ifndef ZSTDIO_CLI_ACTIONS_HPP
#define ZSTDIO_CLI_ACTIONS_HPP

#include "io.hpp"
#include "options.hpp"
#include "progress.hpp"

#include <zstdio/dictionary.hpp>
#include <zstdio/params.hpp>

#include <cstdint>
#include <optional>

namespace zstdio_cli {

/// Bytes read and written by one action.
struct transfer {
    std::uint64_t in = 0;
    std::uint64_t out = 0;
};

/// Compression settings the flags ask for: level, checksum, threads,
/// dictionary, --long (long distance matching and its window).
zstdio::zstd_params compression_settings(const options& o, const std::optional<zstdio::zstd_dict>& dict);

/// Decompression settings: dictionary, and window_log_max raised by --long=#
/// (never below the zstd CLI's default of 27).
zstdio::zstd_params decompression_settings(const options& o, const std::optional<zstdio::zstd_dict>& dict);

/// Compresses all of `in` into one frame written to `out_fd`, through a
/// filtering_ostream holding a zstd_compressor.  The input size, when known,
/// is pledged so the frame records it (as zstd does).
/// @throw zstdio::zstd_error, std::exception with the reason.
transfer compress_stream(const input_file& in, int out_fd, zstdio::zstd_params params, progress_line& progress);

/// Decompresses every frame of `in`, through a filtering_istream holding a
/// zstd_decompressor, into `out_fd` (or nowhere when out_fd < 0: -t).
/// @throw zstdio::zstd_error (what the decompressor's last_error() reports
///        once the stream went bad), std::exception for I/O errors.
transfer decompress_stream(const input_file& in, int out_fd, const zstdio::zstd_params& params,
                           progress_line& progress);

} // namespace zstdio_cli

#endif
