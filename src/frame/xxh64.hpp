// zstdio — private: XXH64, the hash behind zstd's content checksum.
//
// A frame's checksum and a seek table entry's checksum are both the low 32
// bits of the XXH64 (seed 0) of the content.  libzstd keeps its XXH64
// private, so the seekable reader (which checks table checksums of frames
// that carry none of their own) and the indexer hash with this one, written
// from the xxHash specification.
#ifndef ZSTDIO_SRC_FRAME_XXH64_HPP
#define ZSTDIO_SRC_FRAME_XXH64_HPP

#include <cstddef>
#include <cstdint>

namespace zstdio {
namespace detail {

/// Streaming XXH64: update() with the bytes in order, then digest().
class xxh64 {
public:
    explicit xxh64(std::uint64_t seed = 0) noexcept { reset(seed); }
    /// Starts again, as if just constructed.
    void reset(std::uint64_t seed = 0) noexcept;
    /// Hashes `size` more bytes.
    void update(const void* data, std::size_t size) noexcept;
    /// The hash of every byte given since reset() (the state is unchanged).
    std::uint64_t digest() const noexcept;

private:
    std::uint64_t acc_[4];
    std::uint64_t seed_;
    std::uint64_t total_;
    unsigned char stripe_[32];
    std::size_t buffered_;
};

/// The low 32 bits of XXH64(seed 0) of `size` bytes: what a zstd frame and a
/// seek table store as the checksum of a frame's content.
std::uint32_t content_checksum(const void* data, std::size_t size) noexcept;

} // namespace detail
} // namespace zstdio

#endif
