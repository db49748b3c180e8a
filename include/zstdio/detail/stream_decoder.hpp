/// @file
/// Implementation, not a public header: the decoder of a stream of frames
/// behind the filters and copy_stream (namespace zstdio::detail).
#ifndef ZSTDIO_DETAIL_STREAM_DECODER_HPP
#define ZSTDIO_DETAIL_STREAM_DECODER_HPP

#include <zstdio/config.hpp>
#include <zstdio/executor.hpp>
#include <zstdio/detail/context.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace zstdio {
namespace detail {

class parallel_decoder;
/// Deletes a parallel_decoder (an incomplete type here).
struct ZSTDIO_DECL parallel_decoder_deleter {
    void operator()(parallel_decoder* d) const noexcept;
};

/// A decompression_context, and with params().threads (when multi_frame
/// and format zstd1) the parallel decoder that gives its frames to worker
/// threads, with the same output and errors (src/parallel/).  The workers
/// start with the first frame small enough to be a job: a single large
/// frame is decoded by the context, in the calling thread.  Not thread
/// safe; movable.
class ZSTDIO_DECL stream_decoder {
public:
    explicit stream_decoder(const zstd_params& p = {});
    stream_decoder(stream_decoder&&) noexcept;
    stream_decoder& operator=(stream_decoder&&) noexcept;
    ~stream_decoder();

    const zstd_params& params() const noexcept { return context_.params(); }
    /// The context: what decodes in the calling thread.
    decompression_context& context() noexcept { return context_; }
    const decompression_context& context() const noexcept { return context_; }

    /// True when drive() decodes on workers (params().threads, multi_frame
    /// and format zstd1).
    bool has_workers() const noexcept { return workers_ > 0; }

    /// Forgets the current stream (workers' jobs are dropped).
    void reset() noexcept;

    /// decompression_context::drive(): the same contract, decoding frames
    /// on workers when there are any (stop_after_frame decodes here).
    bool drive(input_window& in, output_window& out, bool stop_after_frame, const output_callback* emit);

    /// The input has ended: delivers what is still held (to `emit`, or
    /// into `out`: false when `out` filled first, call again) and checks
    /// the end (decompression_context::finish()'s errors).
    bool finish(output_window& out, const output_callback* emit);

    /// decompression_context::decompress_walked(), with workers decoding
    /// groups of frames (of at least 1 MiB of content each) in place, when
    /// every frame records its content size.  The same output and errors:
    /// when a group fails, everything is decoded again in this thread, which
    /// throws the error serial decoding gives.
    std::size_t decompress_walked(const void* src, std::size_t size, void* dst, std::size_t capacity);

    /// With workers (params().threads, multi_frame, zstd1) only: drive()
    /// and finish() stop before bytes that do not start a zstd or skippable
    /// frame, and return true, instead of failing there; unused() then holds those
    /// bytes and what followed them.  The zstd CLI decodes a gzip or xz
    /// member there.  Until reset().
    void stop_at_other_data();
    /// The input taken and not decoded, once stopped at other data.
    std::string_view unused() const noexcept;

    /// Frames with content delivered since reset().
    std::uint64_t data_frames() const noexcept;
    /// Bytes of memory: the context, and the workers' buffers and contexts.
    std::size_t memory_size() const noexcept;

private:
    parallel_decoder& parallel();

    decompression_context context_;
    std::size_t workers_ = 0;
    std::unique_ptr<parallel_decoder, parallel_decoder_deleter> parallel_;
    std::shared_ptr<executor> pool_; // decompress_walked()'s workers, made on first use
};

} // namespace detail
} // namespace zstdio

#endif
