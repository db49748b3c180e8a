/// @file
/// Frame inspection: what a zstd frame header says, and where frames
/// begin and end in a buffer.
#ifndef ZSTDIO_FRAME_HPP
#define ZSTDIO_FRAME_HPP

#include <zstdio/config.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace zstdio {

/// What a frame header says (python-zstandard's FrameParameters, plus the
/// header size and the skippable-frame facts).
struct frame_parameters {
    /// Bytes the frame decompresses to, when the header records it (0 for a
    /// skippable frame: it decodes to nothing).
    std::optional<std::uint64_t> content_size;
    /// Window the decoder needs, in bytes (0 for a skippable frame).
    std::uint64_t window_size = 0;
    /// Dictionary id the frame was compressed with; 0 = none recorded.
    std::uint32_t dict_id = 0;
    /// The frame ends with a 32-bit checksum of its content.
    bool has_checksum = false;
    /// A skippable frame (magic 0x184D2A50 to 0x184D2A5F): user data that
    /// decoders skip.
    bool is_skippable = false;
    /// For a skippable frame, its magic minus 0x184D2A50 (0 to 15).
    unsigned skippable_variant = 0;
    /// For a skippable frame, the bytes of user data after its 8-byte header.
    std::uint32_t skippable_size = 0;
    /// Size of the frame header in bytes (magic number included, if any).
    std::size_t header_size = 0;
};

/// Reads the header of the frame at the start of `bytes`.
///
/// @param bytes starts with a frame; only its header is read (up to 18
///        bytes for a zstd frame, 8 for a skippable one).
/// @param format `magicless` for frames written with format = magicless (in
///        that format there are no skippable frames, as in libzstd).
/// @throw zstd_error errc::truncated_input when `bytes` is shorter than the
///        header (the message says how many bytes the header needs),
///        errc::not_zstd_frame when `bytes` does not start with a zstd or
///        skippable frame, errc::frame_parameter_unsupported when a reserved
///        header bit is set.
/// Thread safe (a pure function).
ZSTDIO_DECL frame_parameters get_frame_parameters(std::string_view bytes,
                                                  frame_format format = frame_format::zstd1);

/// The content size recorded in the header of the frame at the start of
/// `bytes`; empty when the header does not record it.  Throws like
/// get_frame_parameters.
ZSTDIO_DECL std::optional<std::uint64_t> frame_content_size(std::string_view bytes,
                                                            frame_format format = frame_format::zstd1);

/// Size of the header of the frame at the start of `bytes` (6 to 18 bytes for
/// zstd frames, 8 for skippable ones).  Needs only the first 5 bytes (1 when
/// magicless).  Throws like get_frame_parameters.
ZSTDIO_DECL std::size_t frame_header_size(std::string_view bytes, frame_format format = frame_format::zstd1);

/// Size of the whole frame (header, blocks, checksum) at the start of
/// `bytes`, so `bytes.substr(n)` starts the next frame.  Reads the block
/// headers, not the data.
/// @throw zstd_error errc::truncated_input when the frame does not end within
///        `bytes`, errc::not_zstd_frame / corruption_detected for data that is
///        not a well-formed frame.
ZSTDIO_DECL std::size_t find_frame_compressed_size(std::string_view bytes,
                                                   frame_format format = frame_format::zstd1);

/// One frame in a buffer of concatenated frames.
struct frame_info {
    std::size_t offset = 0;          ///< where the frame starts in the buffer
    std::size_t compressed_size = 0; ///< its size in bytes, header and checksum included
    frame_parameters parameters;     ///< its header
};

/// Walks a buffer of concatenated frames (zstd and skippable), as `zstd -l`
/// does, and returns them in order.  An empty buffer has no frames.
/// @throw zstd_error like find_frame_compressed_size, with the offset of the
///        frame that failed in the message: trailing bytes that are not a
///        frame, or a last frame that is cut short, are errors.
ZSTDIO_DECL std::vector<frame_info> list_frames(std::string_view bytes, frame_format format = frame_format::zstd1);

} // namespace zstdio

#endif
