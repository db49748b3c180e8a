/// @file
/// Boost.Iostreams filters: zstd_compressor and zstd_decompressor.
#ifndef ZSTDIO_FILTER_HPP
#define ZSTDIO_FILTER_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/context.hpp>
#include <zstdio/error.hpp>
#include <zstdio/params.hpp>
#include <zstdio/progression.hpp>

#include <boost/iostreams/categories.hpp>
#include <boost/iostreams/constants.hpp>
#include <boost/iostreams/operations.hpp>
#include <boost/iostreams/pipeline.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <vector>

namespace zstdio {
namespace detail {
/// Both filters: usable in either chain direction, many chars at a time,
/// closable, flushable, and they tell push() their preferred buffer size.
struct filter_category : boost::iostreams::dual_use,
                         boost::iostreams::filter_tag,
                         boost::iostreams::multichar_tag,
                         boost::iostreams::closable_tag,
                         boost::iostreams::flushable_tag,
                         boost::iostreams::optimally_buffered_tag {};
} // namespace detail

/// Compresses everything written (filtering_ostream) or read
/// (filtering_istream) through it into one zstd frame per open/close cycle,
/// like boost::iostreams::gzip_compressor.
///
/// - Dual-use, multichar, closable, flushable, optimally buffered; works in
///   either chain direction, with `|` pipelines and boost::iostreams::copy.
/// - Frame: level, checksum (on by default), content size (written when
///   `source_size` is pledged), dictionary and every parameter come from
///   zstd_params.  A pledged size that is not met makes close() throw
///   zstd_error (errc::src_size_wrong).
/// - flush() on a filtering_ostream (and strict_sync()) ends the current zstd
///   block, so a reader can decode everything written so far; it costs a
///   little ratio, so avoid std::endl in hot loops.  Closing ends the frame.
/// - Copies share one state, as Boost.Iostreams requires (push() copies).
/// - Not thread safe: one stream at a time per filter (and its copies).
///
/// @tparam Alloc allocator for the filter's I/O buffer.
template <class Alloc = std::allocator<char>>
class basic_zstd_compressor {
public:
    /// Boost.Iostreams: the filter works on `char`.
    using char_type = char;
    /// Boost.Iostreams: dual-use, multichar, closable, flushable and
    /// optimally buffered filter.
    using category = detail::filter_category;

    /// @param params     compression settings (an int converts: a level).
    /// @param buffer_size size of the filter's I/O buffer; 0 = libzstd's
    ///        recommended size (ZSTD_CStreamOutSize / ZSTD_CStreamInSize).
    /// @throw std::invalid_argument for an out-of-range level or parameter,
    ///        zstd_error if libzstd refuses the settings.
    explicit basic_zstd_compressor(const zstd_params& params = {}, std::streamsize buffer_size = 0);

    /// Input direction (filtering_istream), called by Boost.Iostreams: reads
    /// from `src` as needed and stores up to `n` bytes of the frame in `s`.
    /// @return bytes stored, or -1 once the whole frame (ended when `src`
    ///         reports its end) has been delivered.
    /// @throw zstd_error when libzstd fails, e.g. errc::src_size_wrong when
    ///        `src` does not hold a pledged `source_size`.
    template <class Source>
    std::streamsize read(Source& src, char* s, std::streamsize n);
    /// Output direction (filtering_ostream), called by Boost.Iostreams:
    /// compresses the `n` bytes at `s`, writing what libzstd emits to `snk`.
    /// @return `n`: everything is consumed.
    /// @throw zstd_error when libzstd fails (errc::src_size_wrong for more
    ///        than a pledged `source_size`); whatever `snk` throws.
    template <class Sink>
    std::streamsize write(Sink& snk, const char* s, std::streamsize n);
    /// Ends the current block and writes it to `snk`; true on success.
    template <class Sink>
    bool flush(Sink& snk);
    /// Ends the frame (output direction) or forgets the read state (input).
    template <class Device>
    void close(Device& dev, std::ios_base::openmode which);

    /// Buffer size a chain should use in front of this filter.
    std::streamsize optimal_buffer_size() const noexcept;
    /// Memory used by the compression context and the filter's buffer, in
    /// bytes.
    std::size_t memory_size() const noexcept;
    /// Progress of the current frame.
    zstdio::frame_progression progression() const noexcept;
    /// The same under python-zstandard's name, as on compressor and
    /// compression_object.
    zstdio::frame_progression frame_progression() const noexcept { return progression(); }

private:
    template <class Sink>
    void finish_frame(Sink& dev);

    struct state;
    std::shared_ptr<state> state_;
};

/// Decompresses zstd data written (filtering_ostream) or read
/// (filtering_istream) through it, like boost::iostreams::gzip_decompressor.
///
/// - Reads every concatenated frame up to the end of input (zstd CLI
///   behaviour), skips skippable frames; with `multi_frame = false` it stops
///   after the first frame and ignores what follows.
/// - Throws zstd_error when the input ends inside a frame
///   (errc::truncated_input), is empty or not zstd (not_zstd_frame), is
///   corrupt (corruption_detected), fails its checksum (checksum_wrong), needs
///   a dictionary it was not given or another one (dictionary_mismatch), needs
///   a window above `window_log_max` (window_too_large), or produces more than
///   `max_output_size` bytes (output_limit_exceeded).  It never reports a
///   clean end of stream for a truncated input.
/// - std::istream turns exceptions into badbit; last_error() (shared by every
///   copy of the filter) then says what happened.  On a filtering_ostream a
///   truncated input is found at close: reset(), pop() and
///   boost::iostreams::close throw; a destructor cannot.
/// - With `threads` (N > 0), frames of a multi-frame input are decoded on N
///   workers, read ahead (istream) or as they are written (ostream), with
///   the same output and errors; a single frame is decoded in the calling
///   thread (doc/parallel.md).
/// - Copies share one state; not thread safe.
template <class Alloc = std::allocator<char>>
class basic_zstd_decompressor {
public:
    /// Boost.Iostreams: the filter works on `char`.
    using char_type = char;
    /// Boost.Iostreams: dual-use, multichar, closable, flushable and
    /// optimally buffered filter.
    using category = detail::filter_category;

    /// @param params decompression settings: dict, window_log_max (default
    ///        27), max_output_size (default unlimited), multi_frame, format.
    /// @param buffer_size size of the filter's I/O buffer; 0 = libzstd's
    ///        recommended size (ZSTD_DStreamInSize / ZSTD_DStreamOutSize).
    explicit basic_zstd_decompressor(const zstd_params& params = {}, std::streamsize buffer_size = 0);

    /// Input direction (filtering_istream), called by Boost.Iostreams: reads
    /// compressed bytes from `src` as needed and stores up to `n` decoded
    /// bytes in `s`.
    /// @return bytes stored, or -1 at the end: `src` ended after a complete
    ///         frame, or the first frame ended without `multi_frame`.
    /// @throw zstd_error as listed in the class description (also kept in
    ///        last_error()).
    template <class Source>
    std::streamsize read(Source& src, char* s, std::streamsize n);
    /// Output direction (filtering_ostream), called by Boost.Iostreams:
    /// decodes the `n` compressed bytes at `s`, writing the content to `snk`.
    /// @return `n`: everything is consumed (after the first frame without
    ///         `multi_frame`, the rest is ignored).
    /// @throw zstd_error as listed in the class description (also kept in
    ///        last_error()); whatever `snk` throws.
    template <class Sink>
    std::streamsize write(Sink& snk, const char* s, std::streamsize n);
    /// Everything decoded is already written downstream: returns true, or
    /// false when the stream has failed (see last_error()).
    template <class Sink>
    bool flush(Sink& snk);
    /// Output direction: decodes what is pending and throws zstd_error if the
    /// input ended inside a frame or held no frame.  Always leaves the filter
    /// ready for a new stream.
    template <class Device>
    void close(Device& dev, std::ios_base::openmode which);

    /// Buffer size a chain should use in front of this filter.
    std::streamsize optimal_buffer_size() const noexcept;
    /// Memory used by the decompression context and the filter's buffer, in
    /// bytes.
    std::size_t memory_size() const noexcept;

    /// The error that ended the last stream, if it failed (kept until the
    /// next stream starts).
    const std::optional<zstd_error>& last_error() const noexcept;

private:
    template <class Sink>
    void finish_stream(Sink& dev);

    struct state;
    std::shared_ptr<state> state_;
};

/// The compressing filter with the standard allocator: what to push().
using zstd_compressor = basic_zstd_compressor<>;
/// The decompressing filter with the standard allocator: what to push().
using zstd_decompressor = basic_zstd_decompressor<>;

BOOST_IOSTREAMS_PIPABLE(basic_zstd_compressor, 1)
BOOST_IOSTREAMS_PIPABLE(basic_zstd_decompressor, 1)

} // namespace zstdio

#include <zstdio/impl/filter.hpp>

#endif
