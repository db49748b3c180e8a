/// @file
/// auto_decompressor: a Boost.Iostreams filter that decodes zstd, gzip,
/// bzip2, xz and .lzma members, each told by its magic number.
#ifndef ZSTDIO_AUTO_DECOMPRESSOR_HPP
#define ZSTDIO_AUTO_DECOMPRESSOR_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/auto_decoder.hpp>
#include <zstdio/error.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/format.hpp>
#include <zstdio/params.hpp>

#include <boost/iostreams/pipeline.hpp>

#include <iosfwd>
#include <memory>
#include <optional>

namespace zstdio {

/// Decodes whatever is written (filtering_ostream) or read
/// (filtering_istream) through it: a stream of members, each a zstd frame
/// (or skippable frame), a gzip member, a bzip2 stream, an xz stream or a
/// legacy .lzma stream, told apart by their magic numbers (detect_format()),
/// in any order, as `zstd -d` reads them.
///
/// - zstd frames are decoded by zstdio with every zstd_params setting
///   (dict, window_log_max, verify_checksum, threads: runs of frames on
///   workers, see doc/parallel.md); gzip by zlib, bzip2 by libbz2, xz and
///   .lzma by liblzma, the libraries behind Boost.Iostreams' own filters
///   (whose decoders cannot stop where a member ends: doc/guide.md).
/// - `max_output_size` counts the whole stream's output, of every format;
///   xz and .lzma streams needing more than 2^window_log_max bytes (+1 MiB)
///   of memory are refused (errc::window_too_large); `multi_frame = false`
///   stops after the first member with content and ignores the rest.
///   `verify_checksum` applies to zstd frames: the other formats always
///   check theirs.
/// - An empty input is an empty stream.  Input of no known format is a
///   zstd_error (errc::not_zstd_frame) naming its offset and first bytes in
///   hex, unless `pass_through` is set: then it, and everything after it, is
///   copied unchanged (as `zstd -dcf`).
/// - A member cut short (errc::truncated_input), corrupt
///   (errc::corruption_detected) or failing its checksum
///   (errc::checksum_wrong; libbz2 and liblzma report a failed check as
///   corruption) is an error, never a clean end.
/// - Errors reach the user as with zstd_decompressor: boost::iostreams::copy
///   and direct streambuf use propagate the zstd_error; std::istream turns
///   it into badbit and last_error() says what happened; on a
///   filtering_ostream, a stream ending inside a member is found at close
///   (reset(), pop(), boost::iostreams::close throw it; a destructor
///   cannot).
/// - Dual-use, multichar, closable, optimally buffered; copies share one
///   state, as Boost.Iostreams requires; not thread safe.
///
/// @tparam Alloc allocator for the filter's I/O buffer.
template <class Alloc = std::allocator<char>>
class basic_auto_decompressor {
public:
    /// Boost.Iostreams: the filter works on `char`.
    using char_type = char;
    /// Boost.Iostreams: dual-use, multichar, closable, flushable and
    /// optimally buffered filter.
    using category = detail::filter_category;

    /// @param params decoding settings for zstd frames (dict, window_log_max,
    ///        threads, ...) and the stream (max_output_size, multi_frame).
    /// @param pass_through copy input of no known format unchanged, instead
    ///        of failing (default: fail).
    /// @param buffer_size size of the filter's I/O buffer; 0 = libzstd's
    ///        recommended input size.
    /// @throw std::invalid_argument for `params.format` magicless (members
    ///        are told by their magic numbers) or a negative buffer_size.
    explicit basic_auto_decompressor(const zstd_params& params = {}, bool pass_through = false,
                                     std::streamsize buffer_size = 0);

    /// Input direction (filtering_istream), called by Boost.Iostreams: reads
    /// from `src` as needed and stores up to `n` decoded bytes in `s`.
    /// @return bytes stored, or -1 at the end of the stream.
    /// @throw zstd_error as listed in the class description (also kept in
    ///        last_error()).
    template <class Source>
    std::streamsize read(Source& src, char* s, std::streamsize n);
    /// Output direction (filtering_ostream), called by Boost.Iostreams:
    /// decodes the `n` bytes at `s`, writing the content to `snk`.
    /// @return `n`: everything is consumed.
    /// @throw zstd_error as listed in the class description (also kept in
    ///        last_error()); whatever `snk` throws.
    template <class Sink>
    std::streamsize write(Sink& snk, const char* s, std::streamsize n);
    /// Everything decoded is already written downstream: returns true, or
    /// false when the stream has failed (see last_error()).
    template <class Sink>
    bool flush(Sink& snk);
    /// Output direction: decodes what is pending and throws zstd_error if the
    /// input ended inside a member.  Always leaves the filter ready for a
    /// new stream.
    template <class Device>
    void close(Device& dev, std::ios_base::openmode which);

    /// Buffer size a chain should use in front of this filter.
    std::streamsize optimal_buffer_size() const noexcept;
    /// Memory used by the decoders and the filter's buffer, in bytes.
    std::size_t memory_size() const noexcept;

    /// The error that ended the last stream, if it failed (kept until the
    /// next stream starts).
    const std::optional<zstd_error>& last_error() const noexcept;

private:
    struct state;
    std::shared_ptr<state> state_;
};

/// The decoding filter with the standard allocator: what to push().
using auto_decompressor = basic_auto_decompressor<>;

BOOST_IOSTREAMS_PIPABLE(basic_auto_decompressor, 1)

} // namespace zstdio

#include <zstdio/impl/auto_decompressor.hpp>

#endif
