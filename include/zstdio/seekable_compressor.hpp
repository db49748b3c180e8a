/// @file
/// seekable_compressor: a Boost.Iostreams output filter that writes zstd's
/// seekable format (independent frames, then the seek table).
#ifndef ZSTDIO_SEEKABLE_COMPRESSOR_HPP
#define ZSTDIO_SEEKABLE_COMPRESSOR_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/seekable_writer.hpp>
#include <zstdio/error.hpp>
#include <zstdio/params.hpp>

#include <boost/iostreams/categories.hpp>
#include <boost/iostreams/pipeline.hpp>

#include <cstddef>
#include <ios>
#include <memory>

namespace zstdio {

/// Compresses everything written through it (a filtering_ostream) into a
/// seekable zstd file: a new independent frame every `frame_size` bytes of
/// content, then, at close, the seek table (seek_table::serialize()).
/// seekable_source reads the result at any offset; zstd's contrib seekable
/// library reads it too, and any zstd decoder (`zstd -d`, zstd_decompressor)
/// reads it as ordinary frames.
///
/// ```
/// io::filtering_ostream out;
/// out.push(zstdio::seekable_compressor(zstdio::zstd_params{}, 1 << 20));
/// out.push(io::file_sink("data.zst", std::ios::binary));
/// out << ...;
/// io::close(out);   // or out.reset(): the last frame and the seek table
/// ```
///
/// - **Frames.**  Each frame holds `frame_size` bytes of content (the last
///   one, and one ended by flush(), fewer), records its content size in its
///   header, and ends with a checksum when the settings ask for one
///   (zstd_params::checksum, on by default); the seek table then has a
///   checksum per frame too.  Level, dictionary and every compression
///   parameter come from zstd_params, except: `content_size` is always on,
///   `format` must be zstd1, and `threads` (with `job_size` and
///   `overlap_log`) is this filter's own (see below), never libzstd's.
/// - **One seekable file per open/close cycle.**  Closing the chain
///   (io::close, reset(), pop(), the stream's destructor) writes the last
///   frame and the table and makes the filter ready for a new file.  An
///   empty file is one empty frame and its table (as zstd's contrib writer
///   makes it; every zstd decoder reads it as empty content).
/// - **flush()** (a filtering_ostream's flush() or strict_sync()) ends the
///   current frame if it has content and writes every pending frame: what
///   was written so far can be decoded (the table is written only at close).
///   Each flush can make a short frame, so flush sparingly.
/// - **Threads.**  `params.threads` = 0 or 1: frames are compressed in the
///   writing thread.  N > 1 (negative = one per logical CPU): each full
///   frame is handed to N workers (a thread of the filter's own and N - 1
///   threads of its zstdio::executor), which take frames in order as they
///   come, while the writing thread goes on filling the next; finished
///   frames are written in order, and the writing thread waits only when
///   4 × N frames are in flight.  Each frame is compressed by a single-threaded
///   context, so the output is byte for byte the same for every `threads`.
/// - **Memory**: frames_in_flight() frames of content (1, or 4 × N) and
///   their compressed bytes (up to ZSTD_compressBound(frame_size) each):
///   about 2 × frames_in_flight() × frame_size, plus one compression
///   context per thread.  Buffers grow with what is written, so a small
///   file never costs a whole frame.
/// - **Errors.**  A zstd_error from compressing a frame (in any thread), a
///   pledged `source_size` not met (errc::src_size_wrong: the whole file's
///   size), or a failure of the sink is thrown by the write(), flush() or
///   close() that ran it, and again by every later call until close() ends
///   the file: no frame is written after a failure.  On a filtering_ostream,
///   std::ostream turns it into badbit; io::close(), reset() and pop() throw
///   it, a destructor cannot.
/// - Copies share one state, as Boost.Iostreams requires (push() copies).
///   Not thread safe: one stream at a time per filter and its copies.
///
/// @tparam Alloc kept for the shape of Boost's `basic_gzip_compressor<Alloc>`;
///         the frame buffers are allocated by the compiled part of zstdio
///         with `new`, not with Alloc.
template <class Alloc = std::allocator<char>>
class basic_seekable_compressor {
public:
    /// Boost.Iostreams: the filter works on `char`.
    using char_type = char;
    /// Boost.Iostreams: a multichar output filter, closable, flushable and
    /// optimally buffered.
    struct category : boost::iostreams::output,
                      boost::iostreams::filter_tag,
                      boost::iostreams::multichar_tag,
                      boost::iostreams::closable_tag,
                      boost::iostreams::flushable_tag,
                      boost::iostreams::optimally_buffered_tag {};

    /// Largest `frame_size`: 1 GiB, the limit of zstd's contrib seekable
    /// writer (a frame's compressed size then always fits the table's 32
    /// bits).
    static constexpr std::size_t max_frame_size = detail::seekable_writer::max_frame_size;
    /// The default `frame_size`: 1 MiB.
    static constexpr std::size_t default_frame_size = std::size_t{1} << 20;

    /// @param params compression settings (an int converts: a level); see the
    ///        class description for `threads`, `checksum`, `content_size`,
    ///        `format` and `source_size` (pledges the whole file's size).
    /// @param frame_size bytes of content per frame: 1 to max_frame_size
    ///        (default 1 MiB).  Smaller frames make random reads cheaper and
    ///        cost ratio (doc/seekable.md, "Choosing a frame size").
    /// @throw std::invalid_argument for a frame_size out of range, format =
    ///        magicless, or an out-of-range level or parameter; zstd_error if
    ///        libzstd refuses the settings.
    explicit basic_seekable_compressor(const zstd_params& params = {}, std::size_t frame_size = default_frame_size)
        : writer_(std::make_shared<detail::seekable_writer>(params, frame_size))
    {
    }

    /// Output direction, called by Boost.Iostreams: takes the `n` bytes at
    /// `s`, writing each frame that fills up to `snk`.
    /// @return `n`: everything is consumed.
    /// @throw see the class description (Errors).
    template <class Sink>
    std::streamsize write(Sink& snk, const char* s, std::streamsize n);
    /// Ends the current frame if it has content and writes every pending
    /// frame to `snk`.
    /// @return true.
    /// @throw see the class description (Errors).
    template <class Sink>
    bool flush(Sink& snk);
    /// Writes the last frames and the seek table to `snk`, and makes the
    /// filter ready for a new file (also when it throws).
    /// @throw see the class description (Errors).
    template <class Sink>
    void close(Sink& snk);

    /// Buffer size a chain should use in front of this filter (libzstd's
    /// recommended input size, 128 KiB).
    std::streamsize optimal_buffer_size() const noexcept
    {
        return static_cast<std::streamsize>(compression_input_size());
    }
    /// Bytes of content per frame.
    std::size_t frame_size() const noexcept { return writer_->frame_size(); }
    /// Frames held at most (filling, compressing or waiting to be written):
    /// 1, or 4 × the threads `params.threads` resolves to (when above 1).
    std::size_t frames_in_flight() const noexcept { return writer_->frames_in_flight(); }
    /// Frames written to the current file so far (not counting pending ones).
    std::size_t frames_written() const noexcept { return writer_->frames_written(); }
    /// Memory held by the frame buffers and the compression contexts, in
    /// bytes.  With threads, each frame's compressed buffer counts at its
    /// bound, and the workers' contexts are counted only between files.
    std::size_t memory_size() const noexcept { return writer_->memory_size(); }

private:
    std::shared_ptr<detail::seekable_writer> writer_;
};

/// The seekable writer with the standard allocator: what to push().
using seekable_compressor = basic_seekable_compressor<>;

BOOST_IOSTREAMS_PIPABLE(basic_seekable_compressor, 1)

} // namespace zstdio

#include <zstdio/impl/seekable_compressor.hpp>

#endif
