/// @file
/// Implementation, not a public header: the compiled half of
/// seekable_compressor (namespace zstdio::detail).
#ifndef ZSTDIO_DETAIL_SEEKABLE_WRITER_HPP
#define ZSTDIO_DETAIL_SEEKABLE_WRITER_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/context.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace zstdio {
namespace detail {

/// Cuts what is written into frames of `frame_size` bytes, compresses each
/// (on an executor when params.threads asks for workers), hands the frames
/// to `emit` in order and, at close(), the seek table.  Every frame goes
/// through compress_frame() (one-shot compression_context::compress_once
/// into a buffer of the compress bound), whatever the number of threads.
/// Not thread safe; its workers are its own.
class ZSTDIO_DECL seekable_writer {
public:
    /// Largest frame_size (1 GiB, the limit of zstd's contrib writer).
    static constexpr std::size_t max_frame_size = std::size_t{1} << 30;

    /// Throws std::invalid_argument for a frame_size outside [1,
    /// max_frame_size] or format = magicless; what compression_context
    /// throws for bad parameters.
    seekable_writer(const zstd_params& p, std::size_t frame_size);
    ~seekable_writer();
    seekable_writer(const seekable_writer&) = delete;
    seekable_writer& operator=(const seekable_writer&) = delete;

    /// Takes `n` bytes; compresses and emits frames as they fill up.
    void write(const char* s, std::size_t n, const output_callback& emit);
    /// Ends the current frame (if it has content) and emits every pending frame.
    void flush(const output_callback& emit);
    /// Ends the file: the last frames (one empty frame when the file has
    /// none), then the seek table; checks a pledged source_size.  Leaves the
    /// writer ready for a new file, whether or not it throws.
    void close(const output_callback& emit);

    std::size_t frame_size() const noexcept;
    /// Frames that can be pending at once: 1, or 4 per worker thread.
    std::size_t frames_in_flight() const noexcept;
    /// Frames written to the current file so far.
    std::size_t frames_written() const noexcept;
    std::size_t memory_size() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace detail
} // namespace zstdio

#endif
