// zstdio — private: decodes one frame of a seekable file, checking it
// against what the seek table (or the index being built) says of it.
#ifndef ZSTDIO_SRC_SEEKABLE_FRAME_DECODER_HPP
#define ZSTDIO_SRC_SEEKABLE_FRAME_DECODER_HPP

#include <zstdio/detail/context.hpp>
#include <zstdio/detail/random_access.hpp>
#include <zstdio/error.hpp>
#include <zstdio/params.hpp>

#include "frame/xxh64.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace zstdio {
namespace detail {

/// A frame as the caller knows it before decoding it.
struct frame_location {
    std::size_t index = 0;           ///< its number, for messages
    std::uint64_t offset = 0;        ///< where it starts in the file
    std::uint64_t compressed_size = 0;
    std::uint64_t content_size = unknown_size; ///< unknown_size: measure it
    std::optional<std::uint32_t> checksum;     ///< to check the content against
};

/// "frame 3 (compressed offset 1234)": how every message names a frame.
std::string frame_name(const frame_location& f);

/// Decodes one frame at a time (the one context wrapper), from memory in
/// place or from a device in 128 KiB pieces, and checks that it is what the
/// caller said: it ends exactly at its compressed size, decodes to its
/// content size (never a byte more is handed out) and, when given, to its
/// checksum.  Every failure is a zstd_error naming the frame.  Not thread
/// safe.
class frame_decoder {
public:
    /// `p` as resolve_decompression() left it; its max_output_size is not
    /// used (start() takes the limit).
    explicit frame_decoder(const zstd_params& p);

    /// Starts decoding `f` of `src` (which must outlive the decoding).
    /// `limit` (unknown_size = none) bounds the content of a frame of
    /// unknown size (errc::output_limit_exceeded above it).  `check_checksum` false
    /// ignores f.checksum.
    void start(const random_access_source& src, const frame_location& f, std::uint64_t limit = unknown_size,
               bool check_checksum = true);

    /// Decodes up to `n` more bytes of content into `dst`; returns how many
    /// (0 only when the frame has ended).  When a known content size is
    /// reached, the frame's end is checked before returning.
    std::size_t decode(char* dst, std::size_t n);

    /// Decodes the rest of the frame, discarding it; returns the frame's
    /// whole content size.
    std::uint64_t finish();

    /// True when the frame has ended and passed every check.
    bool ended() const noexcept { return ended_; }
    /// Content bytes decoded since start().
    std::uint64_t produced() const noexcept { return produced_; }
    /// The frame being decoded.
    const frame_location& frame() const noexcept { return frame_; }

private:
    std::size_t step(char* dst, std::size_t room);
    void check_end();
    [[noreturn]] void fail(errc condition, const std::string& what) const;
    // When the frame carries its own checksum, compares it with the table's
    // (libzstd checks the content against it) instead of hashing the content.
    void check_own_checksum();

    decompression_context context_;
    bool verify_checksum_;
    const random_access_source* source_ = nullptr;
    frame_location frame_;
    std::uint64_t limit_ = unknown_size;
    bool check_checksum_ = false;
    std::string input_;   // a piece of a frame read from a device
    std::string scratch_; // output that finish() discards
    input_window in_{nullptr, 0, 0};
    std::uint64_t fed_ = 0; // bytes of the frame in in_ so far
    std::uint64_t produced_ = 0;
    bool ended_ = false;
    int idle_steps_ = 0;
    xxh64 hash_;
};

} // namespace detail
} // namespace zstdio

#endif
