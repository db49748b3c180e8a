// zstdio CLI — the work itself: one input compressed into, or decoded from,
// any format the tool speaks, with zstd's progress and error lines.
#ifndef ZSTDIO_CLI_ACTIONS_HPP
#define ZSTDIO_CLI_ACTIONS_HPP

#include "console.hpp"
#include "io.hpp"
#include "options.hpp"

#include <zstdio/compressor.hpp>
#include <zstdio/detail/auto_decoder.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/params.hpp>

#include <boost/iostreams/filtering_stream.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace zstdio_cli {

/// Bytes read and written for one input.
struct transfer {
    std::uint64_t in = 0;
    std::uint64_t out = 0;
    bool passed_through = false; ///< copied unchanged (zstd then prints no result line)
};

/// Where an input stands among all inputs, for the progress counter.
struct file_position {
    std::size_t index = 0; ///< 0-based
    std::size_t count = 1;
};

/// Compression settings the flags ask for: level, checksum, content size,
/// dictionary id, threads, --long, --zstd=..., -B#, --rsyncable,
/// --target-compressed-block-size, --size-hint, literals, row match finder.
/// With --patch-from, `dict` is the reference and the settings are
/// zstdio::make_patch_params()'s for a target of `patch_target_size` bytes
/// (zstd's window and long-mode rules).
/// @throw std::invalid_argument for a value libzstd rejects.
zstdio::zstd_params compression_settings(const options& o, const std::optional<zstdio::zstd_dict>& dict,
                                         std::uint64_t patch_target_size = zstdio::unknown_size);

/// Decompression settings: dictionary, window limit from -M# / --memory=#
/// or --long=# (never below the zstd CLI's default of 2^27).  With
/// --patch-from, `dict` is the reference (zstdio::apply_patch_params: the
/// window limit raised to fit it, as zstd raises its memory limit).
zstdio::zstd_params decompression_settings(const options& o, const std::optional<zstdio::zstd_dict>& dict);

/// Compresses inputs one after another with one reused context, in the
/// format the options ask for (zstd with every setting; gzip and xz through
/// Boost.Iostreams' filters; --adapt moves the level with the I/O speed).
class stream_compressor {
public:
    /// @throw std::invalid_argument / zstdio::zstd_error for bad settings.
    stream_compressor(const options& o, const std::optional<zstdio::zstd_dict>& dict, const console& con,
                      std::uint64_t patch_target_size = zstdio::unknown_size);

    /// Compresses all of `in` into one frame (or gzip member, or xz stream)
    /// written to `out_fd`.  The input's size, when known, is pledged so the
    /// frame records it (as zstd does); --stream-size=# pledges that size.
    /// @throw reported_error with zstd's line; std::exception otherwise.
    transfer run(const input_file& in, int out_fd, file_position where);

private:
    transfer run_zstd(const input_file& in, int out_fd, file_position where);
    /// Compresses through a filtering_ostream over `out_fd` with the filter
    /// `push_compressor` pushes: gzip, xz, and seekable zstd.
    transfer run_filter(const input_file& in, int out_fd, file_position where,
                        const std::function<void(boost::iostreams::filtering_ostream&)>& push_compressor);
    void show_progress(const input_file& in, file_position where, std::uint64_t read, std::uint64_t written) const;

    const options& options_;
    const console& console_;
    zstdio::zstd_params params_;
    std::optional<zstdio::compressor> compressor_;
    std::vector<char> input_buffer_;
    std::string output_buffer_;
};

/// Decodes inputs one after another with reused decoders: zstd frames (and
/// skippable frames), gzip, bzip2, xz and .lzma members, each detected by
/// its magic number as `zstd -d` does (zstdio::detail::auto_decoder), or,
/// with pass-through, input of no known format copied as is.
class stream_decompressor {
public:
    stream_decompressor(const options& o, const std::optional<zstdio::zstd_dict>& dict, const console& con);

    /// Decodes every member of `in` into `out_fd` (nowhere when out_fd < 0:
    /// -t).  `pass_through`: copy input of unknown format unchanged.
    /// `window`, when given, keeps only those decompressed bytes: the ones
    /// before it are decoded and dropped, and decoding stops at its end
    /// (the rest of the input is not read).
    /// @throw reported_error with zstd's line ("F : Decoding error (36) :
    ///        ...", "F : Read error (39) : premature end", "zstd: F:
    ///        unsupported format", ...); std::exception for I/O errors.
    transfer run(const input_file& in, int out_fd, bool pass_through, file_position where,
                 const byte_range* window = nullptr);

    /// --range: writes the decompressed bytes `range` of `in` to `out_fd`.
    /// A regular file of zstd frames is read through zstdio::seekable_source
    /// (its seek table, or an index of its frames): only the frames holding
    /// the range are decoded.  Anything else (standard input, a pipe, gzip or
    /// xz, pass-through) is decoded from its start by run() with `range` as
    /// its window.
    /// @throw as run(); zstdio::zstd_error for a file whose seek table or
    ///        frames are wrong (nothing written when the table contradicts
    ///        the frames: that is found on opening).
    transfer extract(const input_file& in, int out_fd, const byte_range& range, bool pass_through,
                     file_position where);

private:
    // zstd's message for a decoding error: by the failing member's format.
    reported_error decoding_failure(const zstdio::zstd_error& e, const zstdio::detail::auto_decoder& decoder,
                                    const std::string& shown) const;
    // zstd's message for a zstd frame's error (`window`: the frame's).
    reported_error zstd_failure(const zstdio::zstd_error& e, std::uint64_t window, const std::string& shown) const;

    const options& options_;
    const console& console_;
    zstdio::zstd_params params_;
    // One decoder without pass-through, one with, made when first needed
    // and reused for every input.
    std::optional<zstdio::detail::auto_decoder> decoders_[2];
    std::vector<char> input_buffer_;
    std::string output_buffer_;
};

} // namespace zstdio_cli

#endif
