/// @file
/// Reusable compression and decompression contexts: compressor and
/// decompressor, with every call made on them (one-shot, streaming objects,
/// copy_stream(), batch calls), and the one-call compress() / decompress().
///
/// Includes what those calls return: the streaming objects (streaming.hpp),
/// and, for the batch calls, buffers (buffer.hpp) and the thread pool
/// (executor.hpp).
#ifndef ZSTDIO_COMPRESSOR_HPP
#define ZSTDIO_COMPRESSOR_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/context.hpp>
#include <zstdio/detail/stream_decoder.hpp>
#include <zstdio/params.hpp>
#include <zstdio/progression.hpp>
#include <zstdio/streaming.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zstdio {

// Named by the batch members' declarations; their bodies (impl/batch.hpp,
// included at the end) include buffer.hpp and executor.hpp.
class buffer_with_segments_collection;
class executor;

namespace detail {
// How a context_pool (pool.hpp) resets the objects given back to it.
struct pool_access;
} // namespace detail

/// What copy_stream() moved: bytes taken from the source and bytes given to
/// the sink.
struct copy_result {
    std::uint64_t bytes_read = 0;    ///< bytes read from the source
    std::uint64_t bytes_written = 0; ///< bytes written to the sink
};

/// Largest frame `size` input bytes can compress to (ZSTD_compressBound).
ZSTDIO_DECL std::size_t compress_bound(std::size_t size) noexcept;

/// A reusable compression context with fixed zstd_params.
///
/// Reusing one compressor for many inputs avoids re-allocating libzstd's
/// context (and re-digesting a dictionary), which is what makes small inputs
/// fast.  Not thread safe: use one per thread.  Movable, not copyable.
class ZSTDIO_DECL compressor {
public:
    /// @throw std::invalid_argument for an out-of-range level or parameter,
    ///        zstd_error when libzstd refuses the settings.
    explicit compressor(const zstd_params& params = {});

    /// Compresses `data` into one frame with its content size recorded
    /// (params().source_size is ignored: the size is known).
    std::string compress(std::string_view data);

    /// The same, into `dst`; returns the frame size.  Throws zstd_error
    /// (errc::dst_size_too_small) when `capacity` is short; compress_bound()
    /// is always enough.
    std::size_t compress(std::string_view data, void* dst, std::size_t capacity);

    /// The parameters given at construction.
    const zstd_params& params() const noexcept { return context_.params(); }
    /// Bytes of memory the context uses.
    std::size_t memory_size() const noexcept { return context_.memory_size(); }
    /// Progress of the current (streamed) frame.
    zstdio::frame_progression progression() const noexcept { return context_.progression(); }

    // --- streaming (streaming.hpp, doc/streaming.md) ------------------------
    /// Starts a frame fed chunk by chunk (python-zstandard's compressobj()).
    /// The object borrows this compressor's context: this compressor must
    /// outlive it, stay in place (not moved) and not be used for anything else
    /// until the object is finished (so calling it on a temporary does not
    /// compile).  Starting it abandons any unfinished frame of an earlier
    /// object.
    /// @param size exact number of bytes the frame will hold, written in its
    ///        header; unknown_size (default) = params().source_size, if any.
    ///        Not meeting it is zstd_error (errc::src_size_wrong).
    compression_object compressobj(std::uint64_t size = unknown_size) &;
    compression_object compressobj(std::uint64_t size = unknown_size) && = delete;

    /// Compresses everything `source` holds into one frame written to `sink`
    /// (python-zstandard's copy_stream()).
    ///
    /// `source` is a std::istream or a Boost.Iostreams Source, `sink` a
    /// std::ostream or a Boost.Iostreams Sink (both read and written through
    /// boost::iostreams::read/write, so temporaries such as a file_sink are
    /// accepted).  The sink is neither flushed nor closed.  Multi-threaded
    /// with params().threads.  Uses this compressor's context (abandoning any
    /// unfinished compressobj() frame).
    /// @param source where the bytes to compress come from, read to its end.
    /// @param sink where the frame goes.
    /// @param size exact number of bytes the source holds, written in the
    ///        frame header; unknown_size (default) = params().source_size.
    /// @param read_size bytes read from the source at a time; 0 (default) =
    ///        compression_input_size().
    /// @param write_size most bytes written to the sink at a time; 0 (default)
    ///        = compression_output_size().
    /// @return bytes read from the source and written to the sink.
    /// @throw zstd_error (errc::src_size_wrong) when the source does not hold
    ///        `size` bytes; std::ios_base::failure when the sink takes no
    ///        more; whatever the source or sink throw.
    template <class Source, class Sink>
    copy_result copy_stream(Source&& source, Sink&& sink, std::uint64_t size = unknown_size,
                            std::size_t read_size = 0, std::size_t write_size = 0);

    /// Progress of the current streamed frame (python-zstandard's name for
    /// progression()).
    zstdio::frame_progression frame_progression() const noexcept { return context_.progression(); }
    // --- end of streaming ---------------------------------------------------

    // -- Batch compression (doc/batch.md) ------------------------------------

    /// Compresses every input into its own frame, as compress() would, and
    /// returns the frames in input order (python-zstandard's
    /// multi_compress_to_buffer).  The bytes of every frame are the same for
    /// any number of threads; dictionary and every parameter apply.
    ///
    /// The inputs are cut into pieces of contiguous inputs of similar size; one
    /// piece per buffer of the result, each buffer allocated once from the
    /// compress_bound() of its inputs and shrunk to fit.  A batch too small to
    /// be worth a thread (under 128 KiB per piece) runs in the calling thread.
    /// The calling thread uses this compressor's context; other threads get
    /// their own, built from params() (a dictionary is digested once and
    /// shared).
    ///
    /// @param inputs a buffer_with_segments, a buffer_with_segments_collection,
    ///        or any range of contiguous byte buffers (std::string,
    ///        std::vector<char>, std::string_view, buffer_segment...).  Empty
    ///        inputs are allowed (each makes a frame of empty content).
    /// @param threads as zstd_params::threads: 0 or 1 = the calling thread,
    ///        N = at most N threads, negative = one per logical CPU.  Threads
    ///        are started for this call and joined before it returns; pass an
    ///        executor to keep them across calls.
    /// @throw zstd_error naming the index of the failing input (the lowest
    ///        one, whatever the thread count).  Strong guarantee: on error
    ///        nothing is returned and the compressor stays usable.
    /// Not thread safe (like every compressor member); the executor may be
    /// shared with other calls.
    template <class Inputs>
    buffer_with_segments_collection multi_compress_to_buffer(const Inputs& inputs, int threads = 0);
    /// The same on the threads of `pool` (at most pool.threads()).
    template <class Inputs>
    buffer_with_segments_collection multi_compress_to_buffer(const Inputs& inputs, executor& pool);

private:
    friend struct detail::pool_access;
    detail::compression_context context_;
};

/// A reusable decompression context with fixed zstd_params (dictionary,
/// window_log_max, max_output_size, multi_frame, format).
///
/// Not thread safe: use one per thread.  Movable, not copyable.
class ZSTDIO_DECL decompressor {
public:
    /// @param params the decompression fields of zstd_params (and its
    ///        dictionary) apply; the compression fields are ignored.
    /// @throw zstd_error when libzstd refuses the settings, e.g. a
    ///        window_log_max out of range, or errc::library_mismatch for a
    ///        setting that needs the libzstd zstdio was built against.
    explicit decompressor(const zstd_params& params = {});

    /// Decompresses every frame of `data` (only the first without
    /// multi_frame) and returns the content.
    ///
    /// Output is sized from the frames' recorded content sizes.  A frame that
    /// does not record its size is refused (errc::content_size_unknown) unless
    /// a limit is given, as python-zstandard does: an unbounded allocation
    /// driven by untrusted input is never made.  A header that declares more
    /// content than its compressed bytes can possibly hold is corruption.
    ///
    /// With params().threads, groups of frames (1 MiB of content or more
    /// each) are decoded in place on that many threads when every frame
    /// records its content size; the result and errors are the same.
    ///
    /// @param data one or more concatenated frames (skippable frames are
    ///        skipped).
    /// @param max_output_size most bytes to produce; 0 = params().max_output_size
    ///        (which 0 leaves unlimited).
    /// @throw zstd_error for empty, truncated, corrupt or non-zstd input,
    ///        checksum mismatch, wrong or missing dictionary, and output above
    ///        the limit.
    std::string decompress(std::string_view data, std::uint64_t max_output_size = 0);

    /// The same into `dst`; returns the bytes written.  No size is needed in
    /// the frames; zstd_error (dst_size_too_small) when `capacity` is short.
    std::size_t decompress(std::string_view data, void* dst, std::size_t capacity);

    /// The parameters given at construction.
    const zstd_params& params() const noexcept { return context_.params(); }
    /// Bytes of memory the context uses.
    std::size_t memory_size() const noexcept { return context_.memory_size(); }

    // --- streaming (streaming.hpp, doc/streaming.md) ------------------------
    /// A decoder fed chunk by chunk (python-zstandard's decompressobj()),
    /// reading every concatenated frame when params().multi_frame (default),
    /// else only the first zstd frame, keeping what follows in unused_data().
    /// The object borrows this decompressor's context: this decompressor must
    /// outlive it, stay in place and not be used for anything else meanwhile
    /// (so calling it on a temporary does not compile).
    /// params().max_output_size limits the object's whole output.
    decompression_object decompressobj() &;
    decompression_object decompressobj() && = delete;
    /// The same, choosing explicitly whether to read across frames.
    decompression_object decompressobj(bool read_across_frames) &;
    decompression_object decompressobj(bool read_across_frames) && = delete;

    /// Decompresses everything `source` holds to `sink` (python-zstandard's
    /// copy_stream()): every frame, or with multi_frame = false the first
    /// zstd frame (what the source holds after it is not read further, but a
    /// part of it may already have been read).
    ///
    /// With params().threads, frames are decoded on workers and written in
    /// order, with the same output and errors (doc/parallel.md).
    ///
    /// Sources and sinks as for compressor::copy_stream.  The sink is neither
    /// flushed nor closed.
    /// @param source where the compressed bytes come from.
    /// @param sink where the decompressed content goes.
    /// @param size the exact number of decompressed bytes expected;
    ///        unknown_size (default) = not checked.
    /// @param read_size bytes read at a time; 0 = decompression_input_size().
    /// @param write_size most bytes written at a time; 0 =
    ///        decompression_output_size().
    /// @return bytes read from the source (compressed) and written to the
    ///         sink (decompressed).
    /// @throw zstd_error: errc::truncated_input when the source ends inside a
    ///        frame, not_zstd_frame when it is empty or not zstd,
    ///        src_size_wrong when the content is not `size` bytes (checked
    ///        before writing more than `size`), and every decoding error
    ///        (corruption, checksum, dictionary, window_log_max,
    ///        max_output_size).  std::ios_base::failure when the sink takes no
    ///        more; whatever the source or sink throw.
    template <class Source, class Sink>
    copy_result copy_stream(Source&& source, Sink&& sink, std::uint64_t size = unknown_size,
                            std::size_t read_size = 0, std::size_t write_size = 0);
    // --- end of streaming ---------------------------------------------------

    // -- Batch decompression (doc/batch.md) ----------------------------------

    /// Decompresses every input frame and returns the contents in input order
    /// (python-zstandard's multi_decompress_to_buffer).  Each input is one
    /// frame (or several concatenated frames whose sizes add up, unless
    /// params().multi_frame is false); dictionary, window_log_max, format and
    /// max_output_size (per input) apply.
    ///
    /// Output is allocated exactly: the size of each input's content is read
    /// from its frame header or taken from `decompressed_sizes`, and checked
    /// (max_output_size, and what the compressed bytes can hold) before the
    /// allocation.  Inputs are cut into pieces of similar compressed size, one
    /// buffer of the result per piece; under 128 KiB per piece, no thread is
    /// used.
    ///
    /// @param frames a buffer_with_segments (e.g. buffer_with_segments::from_frames
    ///        over a mapped file), a collection, or any range of contiguous
    ///        byte buffers.
    /// @param decompressed_sizes empty = read each frame's header; otherwise
    ///        one size per frame, which must match the frame's.
    /// @param threads as for multi_compress_to_buffer.
    /// @throw std::invalid_argument when decompressed_sizes is neither empty
    ///        nor one per frame.  zstd_error naming the index of the failing
    ///        frame (the lowest, whatever the thread count): empty input or not
    ///        zstd (not_zstd_frame), no content size in the header and none
    ///        given (content_size_unknown), a size that does not match
    ///        (bad_argument), more than max_output_size
    ///        (output_limit_exceeded), a header declaring more content than
    ///        its bytes can hold, and every decoding error of decompress().
    template <class Frames>
    buffer_with_segments_collection multi_decompress_to_buffer(
        const Frames& frames, const std::vector<std::uint64_t>& decompressed_sizes = {}, int threads = 0);
    /// The same on the threads of `pool`.
    template <class Frames>
    buffer_with_segments_collection multi_decompress_to_buffer(const Frames& frames,
                                                               const std::vector<std::uint64_t>& decompressed_sizes,
                                                               executor& pool);
    /// The same with sizes read from the frame headers, on the threads of `pool`.
    template <class Frames>
    buffer_with_segments_collection multi_decompress_to_buffer(const Frames& frames, executor& pool);

    /// Decodes a content-only dictionary chain and returns the content of its
    /// last frame (python-zstandard's decompress_content_dict_chain).  Frame 0
    /// was compressed without dictionary; frame i > 0 with the content of
    /// frame i - 1 as a raw-content dictionary (python-zstandard's recipe:
    /// `ZstdCompressor(dict_data=ZstdCompressionDict(prev,
    /// dict_type=DICT_TYPE_RAWCONTENT)).compress(cur)`; here compressor with
    /// zstd_params::dict = zstd_dict(prev, dict_type::raw_content)).  Only one
    /// frame per link is read.  params().dict is not used; window_log_max,
    /// format and max_output_size (per link) are.
    ///
    /// @throw std::invalid_argument for an empty chain.  zstd_error naming the
    ///        index of the failing link: a frame without content size
    ///        (content_size_unknown), not zstd, truncated, or a link that does
    ///        not decode against its predecessor (corruption or checksum).
    template <class Frames>
    std::string decompress_content_dict_chain(const Frames& frames);

private:
    friend struct detail::pool_access;
    // An output string for `declared` bytes, after checking the limit and that
    // `compressed_size` bytes can hold that much.
    static std::string sized_output(std::uint64_t declared, std::uint64_t limit, std::size_t compressed_size);

    detail::stream_decoder context_;
};

/// One call: compressor(params).compress(data).
ZSTDIO_DECL std::string compress(std::string_view data, const zstd_params& params = {});

/// One call: decompressor(params).decompress(data); limit in
/// params.max_output_size.
ZSTDIO_DECL std::string decompress(std::string_view data, const zstd_params& params = {});

} // namespace zstdio

// The template bodies of copy_stream() and of the batch members.
#include <zstdio/impl/compressor.hpp>
#include <zstdio/impl/batch.hpp>

#endif
