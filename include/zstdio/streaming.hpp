/// @file
/// Streaming objects: compression_object and decompression_object, fed chunk
/// by chunk.
///
/// For code that is not built around a filtering stream: a zlib-like object
/// you feed chunks to (python-zstandard's compressobj and decompressobj).  The
/// objects are made by compressor::compressobj() and
/// decompressor::decompressobj(), declared in compressor.hpp, which includes
/// this header: include that one to make them (and for copy_stream(), the
/// stream copier, a member of both too).  This header alone brings in neither
/// the batch calls nor their thread pool and buffers.  Everything goes through
/// the (de)compressor's own context, so parameters, dictionaries, limits and
/// error messages are those of the rest of zstdio.
#ifndef ZSTDIO_STREAMING_HPP
#define ZSTDIO_STREAMING_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/context.hpp>
#include <zstdio/error.hpp>
#include <zstdio/params.hpp>
#include <zstdio/progression.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace zstdio {

class compressor;
class decompressor;

/// What compression_object::flush() ends.
enum class flush_mode {
    /// End the current block: everything given so far can be decoded by a
    /// reader of the output so far.  The frame goes on; may be repeated (each
    /// costs a little compression ratio).  zstd's ZSTD_e_flush.
    block,
    /// End the frame (with its checksum).  The object is finished afterwards.
    /// zstd's ZSTD_e_end.
    finish,
};

/// A zlib-like compressor you feed chunks to; it writes one zstd frame
/// (python-zstandard's ZstdCompressionObj).  Made by compressor::compressobj().
///
/// - compress(chunk) returns the compressed bytes ready so far, often none:
///   libzstd keeps up to a block (128 KiB, more with `threads`) before it
///   emits anything.  Chunks may have any size, including 0 and far more than
///   256 KiB: output goes through one fixed buffer of
///   compression_output_size() bytes, no temporary grows with the chunk.
/// - flush(flush_mode::block) ends a block: the output so far decodes to the
///   input so far.  flush(flush_mode::finish) (the default) ends the frame.
/// - Every call comes in three forms: returning a std::string, appending to
///   the caller's std::string (no allocation once its capacity suffices), and
///   writing through an output iterator.
///
/// Lifetime: the object borrows the context of the compressor that made it
/// (as python-zstandard's does).  The compressor must outlive the object and
/// must not be moved while the object is used; using the compressor for
/// anything else (compress(), copy_stream(), another compressobj()) before
/// this object is finished abandons this object's frame: its later output is
/// garbage.  One object at a time per compressor.
///
/// Errors: after flush(flush_mode::finish), any further compress() or
/// flush() throws zstd_error with errc::stage_wrong (python-zstandard raises
/// ZstdError too); so does any call on a moved-from object.  A pledged size
/// that is not met throws zstd_error (errc::src_size_wrong) from the call
/// that detects it.  After an error the object is unusable and every later
/// call rethrows that error.
///
/// Thread safety: none; one thread at a time (libzstd's own workers, with
/// `threads`, are internal).  Movable, not copyable.
class ZSTDIO_DECL compression_object {
public:
    /// Takes over `other`'s frame; `other` is left moved-from: compress(),
    /// flush() and set_level() on it throw zstd_error (errc::stage_wrong).
    compression_object(compression_object&& other) noexcept;
    /// Takes over `other`'s frame (this object's own frame, if unfinished, is
    /// abandoned); `other` is left moved-from.
    compression_object& operator=(compression_object&& other) noexcept;
    ~compression_object();

    /// Compresses `chunk`; returns the compressed bytes ready so far.
    /// @throw zstd_error as described in the class comment.
    std::string compress(std::string_view chunk);
    /// The same, appending to `out`; returns the number of bytes appended.
    std::size_t compress(std::string_view chunk, std::string& out);
    /// The same, writing through `out` (e.g. std::back_inserter(vec), or a
    /// char* to a buffer the caller knows is large enough); returns the
    /// iterator past the last byte written.
    template <class OutputIt>
    OutputIt compress(std::string_view chunk, OutputIt out);

    /// Ends the current block (flush_mode::block) or the frame
    /// (flush_mode::finish, the default); returns the bytes that completes.
    /// @throw zstd_error (errc::stage_wrong) once finished;
    ///        (errc::src_size_wrong) when finishing short of a pledged size.
    std::string flush(flush_mode mode = flush_mode::finish);
    /// The same, appending to `out`; returns the number of bytes appended.
    std::size_t flush(flush_mode mode, std::string& out);
    /// The same, writing through `out`; returns the iterator past the end.
    template <class OutputIt>
    OutputIt flush(flush_mode mode, OutputIt out);

    /// Changes the compression level for the rest of this frame, as the zstd
    /// CLI's --adapt does (ZSTD_CCtx_setParameter(ZSTD_c_compressionLevel)
    /// between ZSTD_compressStream2 calls).  `level` is as zstd_params::level:
    /// min_compression_level() to max_compression_level(), 0 = libzstd's
    /// default (3).  May be called any number of times; the last call wins.
    ///
    /// When it takes effect (libzstd 1.5.4):
    /// - Before the frame's first compress() or flush(): for the whole frame,
    ///   which is then exactly what a compressor made with this level writes
    ///   (window and dictionary digest included).
    /// - Later, with threads > 0: libzstd's workers compress the input in
    ///   jobs of job_size bytes (unset: 4 windows, 32 MiB at level 19; never
    ///   less than the overlap between jobs, see overlap_log); a job is cut
    ///   when that much waits, or at a flush.  Every job cut from the next
    ///   compress() or flush() call on uses the new level, including input
    ///   given earlier that still waits to fill a job; jobs already cut keep
    ///   the old one.  The window stays the frame's (it is in the header),
    ///   and knobs set in params().advanced (strategy, hash_log, ...) still
    ///   override the level's choices.
    /// - Later, with threads == 0: no effect on this frame.  libzstd fixes a
    ///   single-threaded frame's parameters when it starts and would use the
    ///   new level from the context's next frame on; zstdio does not let it
    ///   leak there, see below.
    ///
    /// The compressor keeps its own level: params().level does not change,
    /// and its next frame (compress(), copy_stream(), another compressobj(),
    /// the batch calls) uses params() again.
    ///
    /// @throw std::invalid_argument when `level` is out of range (the object
    ///        stays usable and the level unchanged); zstd_error
    ///        (errc::stage_wrong) after flush(flush_mode::finish) or on a
    ///        moved-from object; the stored error after an earlier failure.
    /// Thread safety: as every member, from the thread using the object;
    /// libzstd's workers get the change at the next call.
    void set_level(int level);

    /// True once flush(flush_mode::finish) has completed the frame.
    bool finished() const noexcept;

    /// Progress of the frame (python-zstandard's frame_progression()): bytes
    /// given, compressed, produced and flushed, and with `threads` the jobs
    /// started and workers busy (see zstdio::frame_progression).  Zeros
    /// before the first compress() or flush(), and for a moved-from object.
    zstdio::frame_progression frame_progression() const noexcept;

    /// Bytes of memory used: the compressor's context plus this object's
    /// output buffer.  0 for a moved-from object.
    std::size_t memory_size() const noexcept;

private:
    friend class compressor;
    compression_object(detail::compression_context& context, std::uint64_t size);

    template <class Emit>
    void run(std::string_view chunk, detail::end_directive directive, Emit emit, const char* call);
    void check_usable(const char* call) const;

    enum class status { open, finished, failed };

    detail::compression_context* context_;
    std::unique_ptr<char[]> buffer_;
    std::size_t buffer_size_;
    status status_ = status::open;
    std::optional<zstd_error> error_;
};

/// A zlib-like decompressor you feed chunks to (python-zstandard's
/// ZstdDecompressionObj).  Made by decompressor::decompressobj().
///
/// - decompress(chunk) returns the bytes decoded so far from everything
///   given; output goes through one fixed buffer of
///   decompression_output_size() bytes, so chunks may have any size.
/// - One frame or many: by default it follows params().multi_frame (true:
///   every concatenated frame is decoded, as the zstd CLI does); with
///   decompressobj(false), or multi_frame = false, it stops after the first
///   zstd frame (skippable frames before it are skipped) and keeps every
///   byte after that frame, from this and later calls, in unused_data(), as
///   zlib's decompressobj does.
/// - eof(): one frame mode: the frame has ended.  Across frames: everything
///   given so far forms complete frames (the input may still go on with
///   another frame).  To check at the end of input, call finish(): it throws
///   when the input ended inside a frame.
/// - Limits of the decompressor's params apply to the whole object:
///   window_log_max, and max_output_size counted over everything it decodes.
///
/// Lifetime: borrows the context of the decompressor that made it; the
/// decompressor must outlive it and must not be moved or used for anything
/// else meanwhile.  One object at a time per decompressor.
///
/// Errors: zstd_error as everywhere in zstdio: corrupt data, checksum
/// mismatch, missing or wrong dictionary, window above window_log_max, output
/// above max_output_size, data that is not zstd (including bytes after a
/// frame when reading across frames).  After an error the object is unusable
/// and every later call rethrows that error.  Calls on a moved-from object
/// throw zstd_error (errc::stage_wrong).
///
/// Thread safety: none; one thread at a time.  Movable, not copyable.
class ZSTDIO_DECL decompression_object {
public:
    /// Takes over `other`'s state; `other` is left moved-from: decompress()
    /// and finish() on it throw zstd_error (errc::stage_wrong).
    decompression_object(decompression_object&& other) noexcept;
    /// Takes over `other`'s state; `other` is left moved-from.
    decompression_object& operator=(decompression_object&& other) noexcept;
    ~decompression_object();

    /// Decodes `chunk`; returns the bytes it made available.  In one frame
    /// mode, bytes after the frame go to unused_data() (and so does every
    /// chunk given after eof()).
    std::string decompress(std::string_view chunk);
    /// The same, appending to `out`; returns the number of bytes appended.
    std::size_t decompress(std::string_view chunk, std::string& out);
    /// The same, writing through `out`; returns the iterator past the end.
    template <class OutputIt>
    OutputIt decompress(std::string_view chunk, OutputIt out);

    /// See the class comment: true when the frame (one frame mode), or every
    /// frame begun (across frames), is complete.
    bool eof() const noexcept;

    /// Bytes given after the end of the frame (one frame mode only; always
    /// empty when reading across frames).
    const std::string& unused_data() const noexcept;

    /// Declares the end of the input.  Throws zstd_error: truncated_input when
    /// it ended inside a frame (or before the first zstd frame),
    /// not_zstd_frame when nothing was given; a stored earlier error again.
    void finish() const;

    /// Whether this object decodes every concatenated frame.
    bool read_across_frames() const noexcept;

    /// Bytes of memory used: the decompressor's context plus this object's
    /// output buffer.  0 for a moved-from object.
    std::size_t memory_size() const noexcept;

private:
    friend class decompressor;
    decompression_object(detail::decompression_context& context, bool read_across_frames);

    template <class Emit>
    void run(std::string_view chunk, Emit emit);
    void check_usable() const;

    detail::decompression_context* context_;
    std::unique_ptr<char[]> buffer_;
    std::size_t buffer_size_;
    bool across_frames_;
    bool ended_ = false; // one frame mode: the zstd frame is complete
    std::string unused_;
    mutable std::optional<zstd_error> error_; // finish() const records its error too
};

} // namespace zstdio

#include <zstdio/impl/streaming.hpp>

#endif
