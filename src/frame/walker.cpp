// zstdio — the one frame walker (see walker.hpp).
#include "frame/walker.hpp"

#include "frame/header.hpp"
#include "frame/limits.hpp"
#include "frame/little_endian.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <string>

namespace zstdio {
namespace detail {

namespace {

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

frame_walk walk_frames(std::string_view data, const zstd_params& p)
{
    if (data.empty())
        boost::throw_exception(zstd_error(errc::not_zstd_frame, "decompressing: empty input, no zstd frame"));
    frame_walk walk{0, 0};
    frame_walker frames(data, p.format);
    while (!frames.done()) {
        frame_extent extent;
        try {
            extent = frames.next();
        } catch (const zstd_error& e) {
            const std::size_t n = frames.frames();
            const std::string after = n == 0 ? "" : "after " + std::to_string(n) + " frame(s): ";
            boost::throw_exception(zstd_error(e.condition(), "decompressing: " + after + e.what()));
        }
        const frame_parameters& fp = extent.parameters;
        if (fp.is_skippable)
            continue;
        if (fp.content_size)
            check_declared_content(*fp.content_size, extent.size, 0, "decompressing");
        if (fp.window_size > (std::uint64_t{1} << p.window_log_max))
            throw_window_too_large(fp.window_size, p.window_log_max);
        walk.content = fp.content_size && walk.content != unknown_size ? walk.content + *fp.content_size : unknown_size;
        if (!p.multi_frame)
            break; // the first frame with content is all a single-frame decoder reads
    }
    walk.size = frames.offset();
    return walk;
}

} // namespace detail
} // namespace zstdio
