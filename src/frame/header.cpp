// zstdio — the one frame header reader (see header.hpp).
#include "frame/header.hpp"

#include "error/check.hpp"
#include "frame/little_endian.hpp"
#include "libzstd/experimental.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <string>

namespace zstdio {
namespace detail {

namespace {

frame_parameters to_parameters(const experimental::frame_header_fields& fh, const char* bytes) noexcept
{
    frame_parameters p;
    p.header_size = fh.header_size;
    if (fh.skippable) {
        p.is_skippable = true;
        p.skippable_variant = read_le32(bytes) - skippable_magic_start;
        p.skippable_size = static_cast<std::uint32_t>(fh.content_size);
        p.content_size = 0;
        return p;
    }
    if (fh.content_size != ZSTD_CONTENTSIZE_UNKNOWN)
        p.content_size = fh.content_size;
    p.window_size = fh.window_size;
    p.dict_id = fh.dict_id;
    p.has_checksum = fh.checksum;
    return p;
}

} // namespace

bool is_skippable_magic(std::string_view bytes, frame_format format) noexcept
{
    return format == frame_format::zstd1 && bytes.size() >= 4 &&
           (read_le32(bytes.data()) & 0xFFFFFFF0u) == skippable_magic_start;
}

void throw_short(std::size_t needed, std::size_t have, const char* what)
{
    boost::throw_exception(zstd_error(errc::truncated_input,
                                      std::string(what) + " needs " + std::to_string(needed) + " bytes, only " +
                                          std::to_string(have) + " given"));
}

void throw_not_frame(frame_format format)
{
    boost::throw_exception(
        zstd_error(errc::not_zstd_frame,
                   format == frame_format::zstd1
                       ? "not a zstd frame: the bytes do not start with the zstd magic number 0xFD2FB528 "
                         "(bytes 28 b5 2f fd) or a skippable frame magic 0x184D2A5?"
                       : "not a zstd frame: invalid magicless frame header"));
}

frame_parameters read_header(std::string_view bytes, frame_format format)
{
    experimental::frame_header_fields fh;
    const std::size_t r = experimental::frame_header(fh, bytes.data(), bytes.size(), format);
    if (ZSTD_isError(r)) {
        switch (ZSTD_getErrorCode(r)) {
        case ZSTD_error_prefix_unknown: throw_not_frame(format);
        case ZSTD_error_frameParameter_unsupported:
            boost::throw_exception(
                zstd_error(errc::frame_parameter_unsupported, "unsupported zstd frame header: a reserved bit is set"));
        default: throw_zstd(r, "reading the frame header");
        }
    }
    if (r > 0)
        throw_short(r, bytes.size(), bytes.empty() ? "empty input: a zstd frame header" : "the zstd frame header");
    return to_parameters(fh, bytes.data());
}

std::optional<frame_parameters> peek_header(std::string_view bytes, frame_format format) noexcept
{
    experimental::frame_header_fields fh;
    if (experimental::frame_header(fh, bytes.data(), bytes.size(), format) != 0)
        return std::nullopt; // incomplete, or an error
    return to_parameters(fh, bytes.data());
}

} // namespace detail
} // namespace zstdio
