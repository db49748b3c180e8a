// zstdio — private: the one frame walker.
//
// Frames are measured from their headers and block headers before anything
// is decoded, so a truncated, malformed or non-zstd frame, or one needing more
// than the limits allow, is reported precisely and before any allocation.
#ifndef ZSTDIO_SRC_FRAME_WALKER_HPP
#define ZSTDIO_SRC_FRAME_WALKER_HPP

#include <zstdio/frame.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace zstdio {
namespace detail {

/// One frame at the start of `bytes` (frame.hpp's reader, header read once).
struct frame_extent {
    frame_parameters parameters;
    std::size_t size; ///< compressed size of the whole frame, skippable or not
};
/// Throws what get_frame_parameters and find_frame_compressed_size throw.
frame_extent measure_frame(std::string_view bytes, frame_format format);

/// Bytes read by position instead of held in memory (a file behind a Boost
/// device): `read` copies the `n` bytes at `offset` (offset + n <= size) of
/// `object` to `dst`, or throws.  A non-owning reference, like
/// output_callback.
struct positional_bytes {
    std::uint64_t size;
    const void* object;
    void (*read)(const void* object, std::uint64_t offset, char* dst, std::size_t n);
};
/// measure_frame() of the frame at `offset` of `bytes`, reading its header
/// and then one block header at a time: the same frame, the same checks and
/// the same errors as the in-memory walk, without holding the frame.
frame_extent measure_frame(const positional_bytes& bytes, std::uint64_t offset, frame_format format);

/// The one loop over frames: measures the frames of `bytes` one after the
/// other from the first (measure_frame()).  The callers say what a failure
/// means to them: list_frames(), walk_frames().
class frame_walker {
public:
    frame_walker(std::string_view bytes, frame_format format) noexcept : bytes_(bytes), format_(format) {}

    /// True when every byte belongs to a frame measured.
    bool done() const noexcept { return offset_ == bytes_.size(); }
    /// Where the next frame starts (the bytes of the frames measured).
    std::size_t offset() const noexcept { return offset_; }
    /// Frames measured so far.
    std::size_t frames() const noexcept { return frames_; }

    /// Measures the frame at offset() and moves past it.  Throws what
    /// measure_frame() throws, and then stays at that frame.
    frame_extent next()
    {
        const frame_extent f = measure_frame(bytes_.substr(offset_), format_);
        offset_ += f.size;
        ++frames_;
        return f;
    }

private:
    std::string_view bytes_;
    frame_format format_;
    std::size_t offset_ = 0;
    std::size_t frames_ = 0;
};

/// What a decoder with `p` will decode of `data`, found by walking its frames
/// (frame_walker, any format) before decoding.
struct frame_walk {
    std::size_t size;      ///< bytes to decode: all, or up to the end of the
                           ///< first frame with content without multi_frame
    std::uint64_t content; ///< sum of the declared content sizes, or unknown_size
};
/// Checks every header against p.window_log_max and throws the precise
/// zstd_error of the first frame that is truncated, malformed or not zstd.
/// Empty `data` is errc::not_zstd_frame.
frame_walk walk_frames(std::string_view data, const zstd_params& p);

} // namespace detail
} // namespace zstdio

#endif
