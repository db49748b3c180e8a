// zstdio — the one table of magic numbers (include/zstdio/format.hpp), used
// by auto_decoder, auto_decompressor and the CLI.
#include <zstdio/format.hpp>

#include <algorithm>
#include <array>

namespace zstdio {
namespace {

/// A magic number: `length` bytes that must equal `bytes` where `mask` has
/// bits set.
struct magic {
    data_format format;
    std::size_t length;
    std::array<unsigned char, format_magic_size> bytes;
    std::array<unsigned char, format_magic_size> mask;
};

constexpr unsigned char all = 0xFF;
constexpr magic magics[] = {
    {data_format::zstd, 4, {0x28, 0xB5, 0x2F, 0xFD}, {all, all, all, all}},
    // Skippable frames: 0x184D2A50 to 0x184D2A5F, little-endian.
    {data_format::zstd, 4, {0x50, 0x2A, 0x4D, 0x18}, {0xF0, all, all, all}},
    {data_format::gzip, 2, {0x1F, 0x8B}, {all, all}},
    // "BZh", then the block size in hundreds of kB, '1' to '9'; 'h' is
    // Huffman coding, the only kind bzip2 writes.  '0' is let through to the
    // library, which says what is wrong with it.
    {data_format::bzip2, 4, {'B', 'Z', 'h', 0x30}, {all, all, all, 0xF0}},
    {data_format::xz, 6, {0xFD, '7', 'z', 'X', 'Z', 0x00}, {all, all, all, all, all, all}},
    // .lzma has no magic number: its first byte is the lc/lp/pb properties
    // (0x5D for every preset of xz and lzma), then a little-endian
    // dictionary size whose low byte is 0 for every preset.  The zstd CLI
    // tells it by the same two bytes.
    {data_format::lzma, 2, {0x5D, 0x00}, {all, all}},
};

// How many of the first bytes of `head` agree with `m`.
std::size_t agreeing(const magic& m, std::string_view head) noexcept
{
    const std::size_t n = std::min(m.length, head.size());
    for (std::size_t i = 0; i < n; ++i)
        if ((static_cast<unsigned char>(head[i]) & m.mask[i]) != m.bytes[i])
            return i;
    return n;
}

} // namespace

data_format detect_format(std::string_view head) noexcept
{
    for (const magic& m : magics)
        if (agreeing(m, head) == m.length)
            return m.format;
    return data_format::unknown;
}

const char* format_name(data_format format) noexcept
{
    switch (format) {
    case data_format::zstd: return "zstd";
    case data_format::gzip: return "gzip";
    case data_format::bzip2: return "bzip2";
    case data_format::xz: return "xz";
    case data_format::lzma: return "lzma";
    default: return "unknown";
    }
}

namespace detail {
bool magic_prefix(std::string_view head) noexcept
{
    for (const magic& m : magics)
        if (head.size() < m.length && agreeing(m, head) == head.size())
            return true;
    return false;
}
} // namespace detail

} // namespace zstdio
