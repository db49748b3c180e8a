// zstdio — private: the one frame header reader.
#ifndef ZSTDIO_SRC_FRAME_HEADER_HPP
#define ZSTDIO_SRC_FRAME_HEADER_HPP

#include <zstdio/frame.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace zstdio {
namespace detail {

/// The header of the frame at the start of `bytes` (frame.hpp's
/// get_frame_parameters, and what it throws).
frame_parameters read_header(std::string_view bytes, frame_format format);

/// The header at the start of `bytes` when they hold all of it and it is
/// valid, else nothing: what a decoder knows of a frame from its first bytes.
std::optional<frame_parameters> peek_header(std::string_view bytes, frame_format format) noexcept;

/// True when `bytes` starts with a skippable frame's magic number.
bool is_skippable_magic(std::string_view bytes, frame_format format) noexcept;

/// Throws zstd_error(not_zstd_frame): `bytes` start no frame of `format`.
[[noreturn]] void throw_not_frame(frame_format format);

/// Throws zstd_error(truncated_input): `what` needs `needed` bytes, `have`
/// are given.
[[noreturn]] void throw_short(std::size_t needed, std::size_t have, const char* what);

} // namespace detail
} // namespace zstdio

#endif
