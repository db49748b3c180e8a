// zstdio — private: decodes the frames of one stream on worker threads,
// delivering their content in order (the `threads` of decoding).
#ifndef ZSTDIO_SRC_PARALLEL_PARALLEL_DECODER_HPP
#define ZSTDIO_SRC_PARALLEL_PARALLEL_DECODER_HPP

#include <zstdio/detail/context.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace zstdio {
namespace detail {

/// Parallel decoding of a stream of frames, with the results of serial
/// decoding byte for byte and error for error.
///
/// Compressed input is cut into frames by the frame walker as it arrives;
/// each whole frame of at most job_limit bytes (compressed, and of content
/// when its header records it) is decoded by a worker into a buffer of its
/// own, and the buffers are delivered in order.  Everything else goes
/// through `serial`, the caller's decompression_context, in the calling
/// thread, resumed where the workers left off: a frame too large for a job
/// (a single-frame file decodes this way, at serial speed, and starts no
/// thread), a frame a worker could not decode (decoded again, so that its
/// bytes before the failure and its error are those of serial decoding),
/// output reaching max_output_size, and input that ends inside a frame.
///
/// Threads: N decoding threads are N - 1 workers and the calling thread,
/// which decodes frames no worker has taken while it waits for the one it
/// delivers next (so no core is left to a thread that only waits); one
/// thread is one worker, and the calling thread only delivers.
///
/// Memory: frames_per_worker frames in flight per decoding thread, each at
/// most job_limit compressed plus job_limit of content, and input not yet
/// cut into frames: what is left of a frame not yet whole, up to job_limit
/// and a little more (while every slot is busy, drive() leaves input in
/// `in`).  Not thread safe.
class parallel_decoder {
public:
    /// Frames with more than this many bytes, compressed or of content, are
    /// decoded by `serial` (8 MiB).
    static constexpr std::size_t job_limit = std::size_t{8} << 20;
    /// Frames handed to the workers and not yet delivered, per decoding
    /// thread.
    static constexpr std::size_t frames_per_worker = 4;

    /// `serial` (which must outlive this object) decodes what workers do
    /// not, and gives the parameters: format zstd1 and multi_frame.
    parallel_decoder(decompression_context& serial, std::size_t threads);
    ~parallel_decoder();

    /// As decompression_context::drive() without stop_after_frame: takes
    /// input (all of it unless the frames in flight are at their bound),
    /// and delivers output in order, to `emit` (push: returns when `in` is
    /// all taken) or into `out` (pull: returns when `out` is full, or when
    /// `in` is all taken and no output is ready).  Waits for workers only
    /// when it can neither take input nor deliver output otherwise.
    /// Returns true when stopped at other data.
    bool drive(input_window& in, output_window& out, const output_callback* emit);

    /// The input has ended: delivers the rest and checks the end as
    /// decompression_context::finish().  Pull (`emit` null): returns false
    /// when `out` filled first (call again), true when all is delivered.
    bool finish(output_window& out, const output_callback* emit);

    /// From now on, stop before bytes that do not start a zstd or skippable
    /// frame (at least 4 bytes, or fewer at the end of the input), instead
    /// of failing there: drive() and finish() then return true, and
    /// unused() holds those bytes and what followed them (the zstd CLI
    /// decodes a gzip or xz member next).
    void stop_at_other_data() noexcept;
    /// The input taken and not decoded, once stopped at other data.
    std::string_view unused() const noexcept;

    /// `serial` moved there.
    void rebind(decompression_context& serial) noexcept;

    /// Forgets the stream (the workers' jobs are dropped).
    void reset() noexcept;

    std::uint64_t data_frames() const noexcept;
    /// Bytes of the buffers and the workers' contexts.
    std::size_t memory_size() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace detail
} // namespace zstdio

#endif
