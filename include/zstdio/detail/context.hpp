/// @file
/// Implementation, not a public header: the one wrapper around libzstd's
/// contexts (namespace zstdio::detail).
//
// Filters, compressor/decompressor, the streaming objects and the batch calls
// all drive libzstd through these two classes, so parameters, limits and error
// messages are the same everywhere.  <zstd.h> stays in src/.
#ifndef ZSTDIO_DETAIL_CONTEXT_HPP
#define ZSTDIO_DETAIL_CONTEXT_HPP

#include <zstdio/config.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/params.hpp>
#include <zstdio/progression.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>

namespace zstdio {
namespace detail {

/// zstd's ZSTD_inBuffer / ZSTD_outBuffer without <zstd.h>: `pos` advances.
struct input_window {
    const char* data;
    std::size_t size;
    std::size_t pos;
    bool empty() const noexcept { return pos == size; }
};
struct output_window {
    char* data;
    std::size_t size;
    std::size_t pos;
    bool full() const noexcept { return pos == size; }
};

/// What a compression step should do after consuming its input.
enum class end_directive { run, flush, end };

/// Where the drive loops below hand the bytes of each step: a non-owning
/// reference to any callable `void(const char*, std::size_t)`, so that the
/// loops are compiled once, in src/, whatever the caller writes to (a Boost
/// sink, an output iterator, a copy_stream writer).  The callable must
/// outlive the reference.
class output_callback {
public:
    template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, output_callback>>>
    output_callback(F& f) noexcept : object_(std::addressof(f)), call_(&invoke<F>)
    {
    }
    void operator()(const char* data, std::size_t size) const { call_(object_, data, size); }

private:
    template <class F>
    static void invoke(void* object, const char* data, std::size_t size)
    {
        (*static_cast<F*>(object))(data, size);
    }
    void* object_;
    void (*call_)(void*, const char*, std::size_t);
};

/// A ZSTD_CCtx with zstd_params applied.  Not thread safe; movable.
class ZSTDIO_DECL compression_context {
public:
    explicit compression_context(const zstd_params& p = {});
    compression_context(compression_context&&) noexcept;
    compression_context& operator=(compression_context&&) noexcept;
    ~compression_context();

    const zstd_params& params() const noexcept;

    /// Starts a new frame, dropping any unfinished one.  `pledged_size` (or,
    /// when unknown_size, params().source_size) is written in the header and
    /// enforced.
    void begin_frame(std::uint64_t pledged_size = unknown_size);

    /// Changes the level of the frame begun by begin_frame(): for all of it
    /// before its first compress() (parameters reapplied, dictionary
    /// included), else libzstd's mid-frame update (used by workers' later
    /// jobs only).  params() keep their level, and the next begin_frame() or
    /// compress_once() goes back to it.  Throws std::invalid_argument for a
    /// level out of range.
    void set_level(int level);

    /// One ZSTD_compressStream2 step.  Returns how many bytes are still to be
    /// flushed (0 = the flush or end asked for is complete).  Throws zstd_error.
    std::size_t compress(input_window& in, output_window& out, end_directive directive);

    /// The compression loop every zstdio API runs: steps until `directive`
    /// is met (run: all of `in` taken, libzstd may keep some of it buffered;
    /// flush and end: libzstd holds nothing back, and end completes the
    /// frame).  With `emit` (push), each step fills `out` from its start and
    /// hands the bytes to emit, so `out` is scratch space of any size;
    /// without (pull), steps fill `out` and the loop also stops when it is
    /// full.  Returns true when the directive is met.  A run with no input
    /// does nothing.  Throws zstd_error, and whatever `emit` throws.
    bool drive(input_window& in, output_window& out, end_directive directive, const output_callback* emit);

    /// Compresses `size` bytes in one frame into `dst` (ZSTD_compress2);
    /// returns the frame size.  Throws zstd_error (dst_size_too_small when
    /// `capacity` is short).
    std::size_t compress_once(const void* src, std::size_t size, void* dst, std::size_t capacity);

    /// Bytes of memory the context uses.
    std::size_t memory_size() const noexcept;

    /// Progress of the current frame (zeros before its first compress()).
    frame_progression progression() const noexcept;

    /// The value libzstd's context holds for `libzstd_parameter` (a
    /// ZSTD_cParameter: an int here, where <zstd.h> is not included), as
    /// ZSTD_CCtx_getParameter reads it: how a test sees that a setting
    /// reached libzstd.  Throws zstd_error for a parameter libzstd lacks,
    /// and (library_mismatch) when the loaded libzstd is not the one zstdio
    /// was built against: the call is libzstd's experimental API.
    int parameter(int libzstd_parameter) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// A ZSTD_DCtx with zstd_params applied, plus the stream state that makes its
/// errors precise: where frames begin and end, how much was produced against
/// max_output_size, and the header of the current frame (for messages naming
/// the window or dictionary id it needs).  Not thread safe; movable.
class ZSTDIO_DECL decompression_context {
public:
    explicit decompression_context(const zstd_params& p = {});
    decompression_context(decompression_context&&) noexcept;
    decompression_context& operator=(decompression_context&&) noexcept;
    ~decompression_context();

    const zstd_params& params() const noexcept;

    /// Forgets the current stream; the next byte starts a new one, and the
    /// output limit is params().max_output_size again.
    void reset() noexcept;

    /// reset(), then continues as if `frames` frames (`data_frames` of them
    /// with content) and `produced` bytes of a stream had been decoded here:
    /// the parallel decoder hands a frame to this context after its workers
    /// decoded the ones before, and its errors and max_output_size then
    /// count as in one context.
    void resume(std::uint64_t frames, std::uint64_t data_frames, std::uint64_t produced) noexcept;
    /// Changes the output limit of the current stream (0 = unlimited).
    void set_max_output_size(std::uint64_t limit) noexcept;

    /// One ZSTD_decompressStream step.  Returns true when it ended a frame
    /// (the next input byte, if any, starts a new frame; `in.pos` is just past
    /// the frame).  Throws zstd_error for corrupt data, checksum mismatch,
    /// wrong or missing dictionary, window above window_log_max, non-zstd data,
    /// and output beyond max_output_size (counted over the whole stream).
    bool decompress(input_window& in, output_window& out);

    /// The decompression loop every zstdio API runs: steps until all of `in`
    /// is taken and libzstd holds no decoded output back, or, with
    /// `stop_after_frame`, until the first frame with content (not a
    /// skippable frame) ends: then `in.pos` is just past that frame and the
    /// result is true.  Push (`emit` given) and pull (`emit` null: also stops
    /// when `out` is full) as compression_context::drive().  Throws like
    /// decompress(), and whatever `emit` throws.
    bool drive(input_window& in, output_window& out, bool stop_after_frame, const output_callback* emit);

    /// The header of the frame being decoded, or of the last one begun
    /// (the one that failed, after an error), when its bytes were enough;
    /// else nothing.
    std::optional<frame_parameters> frame_header() const noexcept;
    /// True while a frame has begun and not ended.
    bool in_frame() const noexcept;
    /// Frames (including skippable ones) ended since reset().
    std::uint64_t frames() const noexcept;
    /// Frames with content (not skippable) ended since reset().
    std::uint64_t data_frames() const noexcept;
    /// Bytes produced since reset().
    std::uint64_t produced() const noexcept;

    /// Declares the end of input: throws zstd_error (truncated_input) when it
    /// falls inside a frame, or (not_zstd_frame) when the stream was empty.
    void finish() const;

    /// Decodes every frame of `src` (or the first, without multi_frame) into
    /// `dst`; returns the bytes written.  Throws like decompress()/finish(),
    /// and dst_size_too_small when `capacity` is short.
    /// Frames are first walked (src/frame/walker.hpp): a truncated,
    /// malformed or non-zstd frame, or one needing a window above
    /// window_log_max, is reported precisely before anything is decoded.
    std::size_t decompress_once(const void* src, std::size_t size, void* dst, std::size_t capacity);

    /// decompress_once() for input a caller has already walked: `size` is the
    /// walk's size.
    std::size_t decompress_walked(const void* src, std::size_t size, void* dst, std::size_t capacity);

    std::size_t memory_size() const noexcept;

    /// Decodes the next frame, and only that one, with the `size` bytes at
    /// `data` as its raw-content dictionary (libzstd's prefix, as a
    /// content-dictionary chain needs); size 0 decodes it with none.  The
    /// bytes are referenced, not copied: they must not change until that
    /// frame is decoded.  The context's dictionaries (params().dict and
    /// dicts) and patch reference (params().patch_from) are dropped for good.
    /// Throws zstd_error.
    void reference_prefix(const void* data, std::size_t size);

    /// The value libzstd's context holds for `libzstd_parameter` (a
    /// ZSTD_dParameter), as compression_context::parameter().
    int parameter(int libzstd_parameter) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace detail
} // namespace zstdio

#endif
