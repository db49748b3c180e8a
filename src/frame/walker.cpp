// zstdio — the one frame walker (see walker.hpp).
#include "frame/walker.hpp"

#include "frame/header.hpp"
#include "frame/limits.hpp"
#include "frame/little_endian.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <limits>
#include <string>

namespace zstdio {
namespace detail {

namespace {

// Frame size by walking block headers after a header already read (libzstd's
// ZSTD_findFrameCompressedSize knows only frames with a magic number).
// `Bytes` gives size() (bytes from the frame's start) and block_header(pos)
// (the 3 bytes at pos): a view of the frame in memory, or positional reads.
template <class Bytes>
std::uint64_t walk_blocks(const Bytes& bytes, const frame_parameters& p)
{
    const std::uint64_t available = bytes.size();
    std::uint64_t pos = p.header_size;
    for (;;) {
        if (available - pos < 3)
            boost::throw_exception(
                zstd_error(errc::truncated_input, "the zstd frame is truncated: it ends inside a block header"));
        const std::uint32_t block = bytes.block_header(pos);
        const bool last = block & 1u;
        const unsigned type = (block >> 1) & 3u;
        const std::uint32_t size = block >> 3;
        if (type == 3)
            boost::throw_exception(
                zstd_error(errc::corruption_detected, "corrupt zstd frame: block of the reserved type 3"));
        const std::uint64_t payload = type == 1 ? 1 : size;
        pos += 3;
        if (available - pos < payload)
            boost::throw_exception(
                zstd_error(errc::truncated_input, "the zstd frame is truncated: it ends inside a block"));
        pos += payload;
        if (last)
            break;
    }
    if (p.has_checksum) {
        if (available - pos < 4)
            boost::throw_exception(
                zstd_error(errc::truncated_input, "the zstd frame is truncated: it ends inside its checksum"));
        pos += 4;
    }
    return pos;
}

struct view_blocks {
    std::string_view bytes;
    std::uint64_t size() const noexcept { return bytes.size(); }
    std::uint32_t block_header(std::uint64_t pos) const noexcept
    {
        return read_le(bytes.data() + static_cast<std::size_t>(pos), 3);
    }
};

struct positional_blocks {
    const positional_bytes& bytes;
    std::uint64_t start;
    std::uint64_t size() const noexcept { return bytes.size - start; }
    std::uint32_t block_header(std::uint64_t pos) const
    {
        char header[3];
        bytes.read(bytes.object, start + pos, header, 3);
        return read_le(header, 3);
    }
};

// The skippable frame described by `p`, found at the start of `available`
// bytes.
std::uint64_t skippable_size(const frame_parameters& p, std::uint64_t available)
{
    const std::uint64_t size = std::uint64_t{p.header_size} + p.skippable_size;
    if (size > available)
        boost::throw_exception(zstd_error(errc::truncated_input,
                                          "the skippable frame is truncated: it declares " + std::to_string(size) +
                                              " bytes, only " + std::to_string(available) + " given"));
    return size;
}

} // namespace

frame_extent measure_frame(std::string_view bytes, frame_format format)
{
    // One header read, then the block headers: what ZSTD_findFrameCompressedSize
    // does (same checks), without parsing the header a second time and for
    // magicless frames too.
    frame_extent f{read_header(bytes, format), 0};
    f.size = static_cast<std::size_t>(f.parameters.is_skippable ? skippable_size(f.parameters, bytes.size())
                                                                 : walk_blocks(view_blocks{bytes}, f.parameters));
    return f;
}

frame_extent measure_frame(const positional_bytes& bytes, std::uint64_t offset, frame_format format)
{
    // The header is read from as many bytes as the largest header needs (or
    // all that are left), so read_header() sees what it would in memory.
    char header[max_frame_header_size];
    const std::uint64_t available = bytes.size - offset;
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof header, available));
    if (n > 0)
        bytes.read(bytes.object, offset, header, n);
    frame_extent f{read_header({header, n}, format), 0};
    const std::uint64_t size = f.parameters.is_skippable ? skippable_size(f.parameters, available)
                                                         : walk_blocks(positional_blocks{bytes, offset}, f.parameters);
    if (size > std::numeric_limits<std::size_t>::max())
        boost::throw_exception(zstd_error(errc::frame_parameter_unsupported,
                                          "the frame is larger than this platform can address"));
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
