/// @file
/// Compression formats told apart by their first bytes: zstdio::data_format
/// and zstdio::detect_format(), what auto_decompressor and the CLI use.
#ifndef ZSTDIO_FORMAT_HPP
#define ZSTDIO_FORMAT_HPP

#include <zstdio/config.hpp>

#include <cstddef>
#include <string_view>

namespace zstdio {

/// The formats auto_decompressor decodes, named by the magic number a
/// member of each starts with.
enum class data_format {
    unknown, ///< no known magic number (or too few bytes to tell)
    zstd,    ///< a zstd frame (28 B5 2F FD) or a skippable frame (5? 2A 4D 18)
    gzip,    ///< a gzip member (1F 8B)
    bzip2,   ///< a bzip2 stream ("BZh" and a block size digit 1-9)
    xz,      ///< an xz stream (FD "7zXZ" 00)
    lzma,    ///< a legacy .lzma stream, "lzma_alone" (5D 00: the properties of every xz/lzma preset)
};

/// The longest magic number, in bytes: this many bytes always tell the
/// format of a member (fewer may, see detect_format()).
inline constexpr std::size_t format_magic_size = 6;

/// The format whose magic number `head` starts with (`head`: the first bytes
/// of a file or of a member).  data_format::unknown when none matches,
/// including when `head` is too short to hold the whole magic number: give
/// at least format_magic_size bytes when there are that many.  No magic
/// number is the beginning of another, so the answer never changes with
/// more bytes once it is not unknown.  Thread safe.
ZSTDIO_DECL data_format detect_format(std::string_view head) noexcept;

/// The format's usual name: "zstd", "gzip", "bzip2", "xz", "lzma", or
/// "unknown".
ZSTDIO_DECL const char* format_name(data_format format) noexcept;

namespace detail {
/// True when `head` is shorter than a magic number it is the beginning of:
/// more bytes could still make detect_format() answer.
ZSTDIO_DECL bool magic_prefix(std::string_view head) noexcept;
} // namespace detail

} // namespace zstdio

#endif
