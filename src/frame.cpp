// zstdio — frame inspection.
#include <zstdio/frame.hpp>

#include "apply.hpp"

#include <boost/throw_exception.hpp>

#include <string>

namespace zstdio {

namespace {

ZSTD_format_e to_zstd(frame_format f) noexcept { return static_cast<ZSTD_format_e>(f); }

std::uint32_t read_le(const char* p, int n) noexcept
{
    std::uint32_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

bool is_skippable_magic(std::string_view bytes, frame_format format) noexcept
{
    return format == frame_format::zstd1 && bytes.size() >= 4 &&
           (read_le(bytes.data(), 4) & 0xFFFFFFF0u) == skippable_magic_start;
}

// True when fewer than 4 bytes could still be the start of a zstd or
// skippable magic number.
bool starts_like_a_magic(std::string_view bytes) noexcept
{
    static constexpr unsigned char skippable[] = {0x50, 0x2A, 0x4D, 0x18};
    bool zstd = true, skip = true;
    for (std::size_t i = 0; i < bytes.size() && i < 4; ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        zstd = zstd && b == static_cast<unsigned char>(frame_header[i]);
        skip = skip && (i == 0 ? (b & 0xF0u) == skippable[0] : b == skippable[i]);
    }
    return zstd || skip;
}

[[noreturn]] void throw_short(std::size_t needed, std::size_t have, const char* what)
{
    boost::throw_exception(zstd_error(errc::truncated_input,
                                      std::string(what) + " needs " + std::to_string(needed) + " bytes, only " +
                                          std::to_string(have) + " given"));
}

[[noreturn]] void throw_not_frame(frame_format format)
{
    boost::throw_exception(
        zstd_error(errc::not_zstd_frame,
                   format == frame_format::zstd1
                       ? "not a zstd frame: the bytes do not start with the zstd magic number 0xFD2FB528 "
                         "(bytes 28 b5 2f fd) or a skippable frame magic 0x184D2A5?"
                       : "not a zstd frame: invalid magicless frame header"));
}

// Reads the header at the start of `bytes` (libzstd parses it).
frame_parameters read_header(std::string_view bytes, frame_format format)
{
    ZSTD_frameHeader fh{};
    const std::size_t r = ZSTD_getFrameHeader_advanced(&fh, bytes.data(), bytes.size(), to_zstd(format));
    if (ZSTD_isError(r)) {
        switch (ZSTD_getErrorCode(r)) {
        case ZSTD_error_prefix_unknown: throw_not_frame(format);
        case ZSTD_error_frameParameter_unsupported:
            boost::throw_exception(
                zstd_error(errc::frame_parameter_unsupported, "unsupported zstd frame header: a reserved bit is set"));
        default: detail::throw_zstd(r, "reading the frame header");
        }
    }
    if (r > 0)
        throw_short(r, bytes.size(), bytes.empty() ? "empty input: a zstd frame header" : "the zstd frame header");
    frame_parameters p;
    p.header_size = fh.headerSize;
    if (fh.frameType == ZSTD_skippableFrame) {
        p.is_skippable = true;
        p.header_size = ZSTD_SKIPPABLEHEADERSIZE; // libzstd leaves headerSize 0 here
        p.skippable_variant = read_le(bytes.data(), 4) - skippable_magic_start;
        p.skippable_size = static_cast<std::uint32_t>(fh.frameContentSize);
        p.content_size = 0;
        return p;
    }
    if (fh.frameContentSize != ZSTD_CONTENTSIZE_UNKNOWN)
        p.content_size = fh.frameContentSize;
    p.window_size = fh.windowSize;
    p.dict_id = fh.dictID;
    p.has_checksum = fh.checksumFlag != 0;
    return p;
}

// Frame size by walking block headers after a header already read (libzstd's
// ZSTD_findFrameCompressedSize knows only frames with a magic number).
std::size_t walk_blocks(std::string_view bytes, const frame_parameters& p)
{
    std::size_t pos = p.header_size;
    for (;;) {
        if (bytes.size() - pos < 3)
            boost::throw_exception(
                zstd_error(errc::truncated_input, "the zstd frame is truncated: it ends inside a block header"));
        const std::uint32_t block = read_le(bytes.data() + pos, 3);
        const bool last = block & 1u;
        const unsigned type = (block >> 1) & 3u;
        const std::uint32_t size = block >> 3;
        if (type == 3)
            boost::throw_exception(
                zstd_error(errc::corruption_detected, "corrupt zstd frame: block of the reserved type 3"));
        const std::size_t payload = type == 1 ? 1 : size;
        pos += 3;
        if (bytes.size() - pos < payload)
            boost::throw_exception(
                zstd_error(errc::truncated_input, "the zstd frame is truncated: it ends inside a block"));
        pos += payload;
        if (last)
            break;
    }
    if (p.has_checksum) {
        if (bytes.size() - pos < 4)
            boost::throw_exception(
                zstd_error(errc::truncated_input, "the zstd frame is truncated: it ends inside its checksum"));
        pos += 4;
    }
    return pos;
}

} // namespace

namespace detail {

frame_extent measure_frame(std::string_view bytes, frame_format format)
{
    // One header read, then the block headers: what ZSTD_findFrameCompressedSize
    // does (same checks), without parsing the header a second time and for
    // magicless frames too.
    frame_extent f{read_header(bytes, format), 0};
    if (!f.parameters.is_skippable) {
        f.size = walk_blocks(bytes, f.parameters);
        return f;
    }
    const std::uint64_t size = std::uint64_t{f.parameters.header_size} + f.parameters.skippable_size;
    if (size > bytes.size())
        boost::throw_exception(zstd_error(errc::truncated_input,
                                          "the skippable frame is truncated: it declares " + std::to_string(size) +
                                              " bytes, only " + std::to_string(bytes.size()) + " given"));
    f.size = static_cast<std::size_t>(size);
    return f;
}

} // namespace detail

frame_parameters get_frame_parameters(std::string_view bytes, frame_format format)
{
    return read_header(bytes, format);
}

std::optional<std::uint64_t> frame_content_size(std::string_view bytes, frame_format format)
{
    return read_header(bytes, format).content_size;
}

std::size_t frame_header_size(std::string_view bytes, frame_format format)
{
    // Only the magic and the frame header descriptor are needed.
    const std::size_t magic = format == frame_format::zstd1 ? 4 : 0;
    if (is_skippable_magic(bytes, format))
        return 8;
    if (bytes.size() < magic + 1) {
        if (magic && !starts_like_a_magic(bytes))
            throw_not_frame(format);
        throw_short(magic + 1, bytes.size(), bytes.empty() ? "empty input: a zstd frame header" : "the zstd frame header");
    }
    if (magic && bytes.substr(0, 4) != frame_header)
        throw_not_frame(format);
    const unsigned descriptor = static_cast<unsigned char>(bytes[magic]);
    if (descriptor & 0x08u)
        boost::throw_exception(
            zstd_error(errc::frame_parameter_unsupported, "unsupported zstd frame header: a reserved bit is set"));
    const unsigned dict_id_flag = descriptor & 3u;
    const bool single_segment = (descriptor >> 5) & 1u;
    const unsigned fcs_flag = descriptor >> 6;
    static constexpr std::size_t dict_id_bytes[] = {0, 1, 2, 4};
    static constexpr std::size_t fcs_bytes[] = {0, 2, 4, 8};
    return magic + 1 + (single_segment ? 0 : 1) + dict_id_bytes[dict_id_flag] + fcs_bytes[fcs_flag] +
           (single_segment && fcs_flag == 0 ? 1 : 0);
}

std::size_t find_frame_compressed_size(std::string_view bytes, frame_format format)
{
    return detail::measure_frame(bytes, format).size;
}

std::vector<frame_info> list_frames(std::string_view bytes, frame_format format)
{
    std::vector<frame_info> frames;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const std::string_view rest = bytes.substr(pos);
        frame_info f;
        f.offset = pos;
        try {
            const detail::frame_extent extent = detail::measure_frame(rest, format);
            f.parameters = extent.parameters;
            f.compressed_size = extent.size;
        } catch (const zstd_error& e) {
            boost::throw_exception(zstd_error(e.condition(),
                                              "frame " + std::to_string(frames.size() + 1) + " at offset " +
                                                  std::to_string(pos) + ": " + e.what()));
        }
        pos += f.compressed_size;
        frames.push_back(f);
    }
    return frames;
}

} // namespace zstdio
