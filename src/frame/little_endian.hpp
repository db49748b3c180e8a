// zstdio — private: the one little-endian reader.
//
// The zstd format stores every integer little-endian: magic numbers, the
// size of a skippable frame, block headers.
#ifndef ZSTDIO_SRC_FRAME_LITTLE_ENDIAN_HPP
#define ZSTDIO_SRC_FRAME_LITTLE_ENDIAN_HPP

#include <cstdint>

namespace zstdio {
namespace detail {

/// The `n`-byte (1 to 4) little-endian integer at `p`.
inline std::uint32_t read_le(const char* p, int n) noexcept
{
    std::uint32_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

/// The 32-bit little-endian integer at `p` (a magic number, a size).
inline std::uint32_t read_le32(const char* p) noexcept { return read_le(p, 4); }

} // namespace detail
} // namespace zstdio

#endif
