// zstdio — reusable compression and decompression contexts.
#ifndef ZSTDIO_COMPRESSOR_HPP
#define ZSTDIO_COMPRESSOR_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/context.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zstdio {

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

    const zstd_params& params() const noexcept { return context_.params(); }
    /// Bytes of memory the context uses.
    std::size_t memory_size() const noexcept { return context_.memory_size(); }
    /// Progress of the current (streamed) frame.
    frame_progression progression() const noexcept { return context_.progression(); }

private:
    detail::compression_context context_;
};

/// A reusable decompression context with fixed zstd_params (dictionary,
/// window_log_max, max_output_size, multi_frame, format).
///
/// Not thread safe: use one per thread.  Movable, not copyable.
class ZSTDIO_DECL decompressor {
public:
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
    /// @param max_output_size most bytes to produce; 0 = params().max_output_size
    ///        (which 0 leaves unlimited).
    /// @throw zstd_error for empty, truncated, corrupt or non-zstd input,
    ///        checksum mismatch, wrong or missing dictionary, and output above
    ///        the limit.
    std::string decompress(std::string_view data, std::uint64_t max_output_size = 0);

    /// The same into `dst`; returns the bytes written.  No size is needed in
    /// the frames; zstd_error (dst_size_too_small) when `capacity` is short.
    std::size_t decompress(std::string_view data, void* dst, std::size_t capacity);

    const zstd_params& params() const noexcept { return context_.params(); }
    std::size_t memory_size() const noexcept { return context_.memory_size(); }

private:
    // An output string for `declared` bytes, after checking the limit and that
    // `compressed_size` bytes can hold that much.
    static std::string sized_output(std::uint64_t declared, std::uint64_t limit, std::size_t compressed_size);

    detail::decompression_context context_;
};

/// One call: compressor(params).compress(data).
ZSTDIO_DECL std::string compress(std::string_view data, const zstd_params& params = {});

/// One call: decompressor(params).decompress(data); limit in
/// params.max_output_size.
ZSTDIO_DECL std::string decompress(std::string_view data, const zstd_params& params = {});

} // namespace zstdio

#endif
