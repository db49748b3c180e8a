// zstdio — frame inspection.
#include <zstdio/frame.hpp>
#include <zstdio/error.hpp>

#include "frame/header.hpp"
#include "frame/walker.hpp"

#include <boost/throw_exception.hpp>

#include <string>

namespace zstdio {

namespace {

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

} // namespace

frame_parameters get_frame_parameters(std::string_view bytes, frame_format format)
{
    return detail::read_header(bytes, format);
}

std::optional<std::uint64_t> frame_content_size(std::string_view bytes, frame_format format)
{
    return detail::read_header(bytes, format).content_size;
}

std::size_t frame_header_size(std::string_view bytes, frame_format format)
{
    // Only the magic and the frame header descriptor are needed.
    const std::size_t magic = format == frame_format::zstd1 ? 4 : 0;
    if (detail::is_skippable_magic(bytes, format))
        return 8;
    if (bytes.size() < magic + 1) {
        if (magic && !starts_like_a_magic(bytes))
            detail::throw_not_frame(format);
        detail::throw_short(magic + 1, bytes.size(),
                            bytes.empty() ? "empty input: a zstd frame header" : "the zstd frame header");
    }
    if (magic && bytes.substr(0, 4) != frame_header)
        detail::throw_not_frame(format);
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
    for (detail::frame_walker walker(bytes, format); !walker.done();) {
        frame_info f;
        f.offset = walker.offset();
        try {
            const detail::frame_extent extent = walker.next();
            f.parameters = extent.parameters;
            f.compressed_size = extent.size;
        } catch (const zstd_error& e) {
            boost::throw_exception(zstd_error(e.condition(),
                                              "frame " + std::to_string(frames.size() + 1) + " at offset " +
                                                  std::to_string(f.offset) + ": " + e.what()));
        }
        frames.push_back(f);
    }
    return frames;
}

} // namespace zstdio
