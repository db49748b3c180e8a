// zstdio — private: what a frame may ask of a decoder.
//
// Checked before anything is allocated or decoded, so that untrusted input
// cannot make zstdio allocate more than the limits and the bytes allow.
#ifndef ZSTDIO_SRC_FRAME_LIMITS_HPP
#define ZSTDIO_SRC_FRAME_LIMITS_HPP

#include "libzstd/zstd.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace zstdio {
namespace detail {

/// The most content `size` compressed bytes can describe: a 3-byte block
/// header and one RLE byte can stand for a full 128 KiB block.  A header (or
/// a caller's size) claiming more is wrong; refusing it bounds what untrusted
/// input can make us allocate.
constexpr std::uint64_t largest_possible_content(std::size_t size) noexcept
{
    return (static_cast<std::uint64_t>(size) / 4 + 1) * ZSTD_BLOCKSIZE_MAX;
}

/// Checks a frame's declared content size before an output of that size is
/// allocated: above `limit` (0 = none) is errc::output_limit_exceeded, more
/// than `compressed_size` bytes can hold is errc::corruption_detected.
/// `where` starts the message ("decompressing", "chain link 7", ...).
void check_declared_content(std::uint64_t declared, std::size_t compressed_size, std::uint64_t limit,
                            const std::string& where);

/// Throws zstd_error(window_too_large) for a frame that needs a window of
/// `window` bytes (0 if unknown), above `window_log_max`; the message says
/// how to decode it anyway.
[[noreturn]] void throw_window_too_large(unsigned long long window, int window_log_max);

} // namespace detail
} // namespace zstdio

#endif
