/// @file
/// Implementation, not a public header: the decoder behind
/// auto_decompressor, a stream of zstd, gzip, bzip2, xz and .lzma members
/// (namespace zstdio::detail).
#ifndef ZSTDIO_DETAIL_AUTO_DECODER_HPP
#define ZSTDIO_DETAIL_AUTO_DECODER_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/context.hpp>
#include <zstdio/format.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace zstdio {
namespace detail {

/// Decodes a stream whose members may each be of another format, told by
/// their magic numbers (format.hpp): zstd frames by a stream_decoder (so
/// with params.threads, runs of zstd frames on workers), the others by
/// their libraries (src/formats/).  With `pass_through`, input of no known
/// format is copied unchanged from there to the end.  Not thread safe;
/// movable.
class ZSTDIO_DECL auto_decoder {
public:
    /// @throw std::invalid_argument for params.format magicless (members
    ///        are told by their magic numbers).
    auto_decoder(const zstd_params& p, bool pass_through);
    auto_decoder(auto_decoder&&) noexcept;
    auto_decoder& operator=(auto_decoder&&) noexcept;
    ~auto_decoder();

    const zstd_params& params() const noexcept;

    /// Forgets the current stream.
    void reset() noexcept;

    /// Decodes all of `in` (push, `emit` given: each step's output goes to
    /// emit, `out` is scratch space) or until `out` is full (pull).  Returns
    /// true when the stream is over before its input: the first member with
    /// content ended and params().multi_frame is false (the rest of the input
    /// is then ignored).  Throws zstd_error for corrupt or unknown data
    /// (not_zstd_frame, naming the bytes, without pass_through) and output
    /// beyond max_output_size; whatever `emit` throws.
    bool drive(input_window& in, output_window& out, const output_callback* emit);

    /// The input has ended: delivers what is still held (pull: returns false
    /// when `out` filled first; call again), then throws zstd_error
    /// (truncated_input) when the input ended inside a member.  An empty
    /// input is an empty stream.
    bool finish(output_window& out, const output_callback* emit);

    /// The format of the member being decoded, or of the one an error came
    /// from; unknown between members and once passing through.
    data_format format() const noexcept;
    /// True once pass-through began copying.
    bool passing_through() const noexcept;
    /// Bytes taken from the input and not decoded yet: after an error for
    /// unknown data, those bytes (fewer than format_magic_size only when
    /// the input ended).
    std::string_view pending() const noexcept;
    /// The zstd context: the header of the last zstd frame begun (the one
    /// that failed, after an error).
    const decompression_context& zstd_context() const noexcept;
    /// Bytes of memory the decoders use.
    std::size_t memory_size() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace detail
} // namespace zstdio

#endif
