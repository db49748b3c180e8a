/// @file
/// The seek table of zstd's seekable format: where each frame of a file
/// starts, compressed and decompressed.
///
/// The format is zstd's own (facebook/zstd,
/// contrib/seekable_format/zstd_seekable_compression_format.md): independent
/// frames, then one skippable frame (magic 0x184D2A5E) that lists, for every
/// frame, its compressed size, its decompressed size and optionally a 32-bit
/// checksum of its content, and ends with a 9-byte footer (frame count, a
/// descriptor byte, magic 0x8F92EAB1).  Plain `zstd -d` skips the table; a
/// seekable reader (seekable_source) finds any byte by decoding one frame.
#ifndef ZSTDIO_SEEK_TABLE_HPP
#define ZSTDIO_SEEK_TABLE_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/random_access.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace zstdio {

/// The frames of a seekable zstd file: for each, where it starts and how
/// large it is, compressed and decompressed, and the checksum of its
/// content when the table has checksums.
///
/// A table is read from the end of a file (read()), built by indexing frames
/// that have none (index()), or built frame by frame by a writer
/// (add_frame()) and then appended to the frames it describes (serialize()).
/// Frames are numbered from 0 in file order; frame `i` starts where frame
/// `i - 1` ends, in the compressed file and in the decompressed content.
/// Skippable frames are frames too (decompressed size 0), as the format says.
///
/// A value type: copies are independent.  Const member functions may be
/// called from many threads at once; add_frame() needs exclusive access.
class ZSTDIO_DECL seek_table {
public:
    /// One frame as the table describes it.
    struct entry {
        std::uint64_t compressed_offset = 0;   ///< where the frame starts in the file
        std::uint64_t compressed_size = 0;     ///< its bytes, header and checksum included
        std::uint64_t decompressed_offset = 0; ///< where its content starts in the decompressed content
        std::uint64_t decompressed_size = 0;   ///< bytes of content (0 for a skippable frame)
        /// Low 32 bits of the XXH64 of the content, when the table has checksums.
        std::optional<std::uint32_t> checksum;
    };

    /// The skippable-frame magic number of the table frame (0x184D2A5E).
    static constexpr std::uint32_t skippable_magic = 0x184D2A5Eu;
    /// The magic number that ends a seekable file (0x8F92EAB1).
    static constexpr std::uint32_t footer_magic = 0x8F92EAB1u;
    /// Bytes of the footer: frame count (4), descriptor (1), magic (4).
    static constexpr std::size_t footer_size = 9;
    /// The largest compressed or decompressed size of one frame that the
    /// format can record (its fields are 32 bits).
    static constexpr std::uint64_t max_frame_size = 0xFFFFFFFFu;
    /// The most frames one table can list (its count is 32 bits).
    static constexpr std::uint64_t max_frames = 0xFFFFFFFFu;

    /// A table of no frames.  Whether it has checksums is decided by the
    /// first add_frame().
    seek_table() = default;

    /// Appends a frame after the last one: what a writer calls after each
    /// frame it writes.
    /// @param compressed_size the frame's bytes, header and checksum
    ///        included: 1 to max_frame_size.
    /// @param decompressed_size its content: 0 to max_frame_size (0 for a
    ///        skippable or empty frame).
    /// @param checksum content_checksum() of its content (for a frame
    ///        written with zstd_params::checksum, its last 4 bytes read
    ///        little-endian are that value).  Either every frame of a table
    ///        has one or none has: the first call decides.
    /// @throw std::invalid_argument when a size is out of range, when the
    ///        checksum is given for some frames and not others, or when the
    ///        table already lists max_frames frames.  Strong guarantee.
    void add_frame(std::uint64_t compressed_size, std::uint64_t decompressed_size,
                   std::optional<std::uint32_t> checksum = std::nullopt);

    /// Number of frames.
    std::size_t frame_count() const noexcept { return compressed_offsets_.size() - 1; }
    /// Total compressed size of the frames (the table frame itself is not
    /// counted: it starts at this offset).
    std::uint64_t compressed_size() const noexcept { return compressed_offsets_.back(); }
    /// Total decompressed size: the bytes the frames decode to.
    std::uint64_t decompressed_size() const noexcept { return decompressed_offsets_.back(); }
    /// True when every entry has a checksum (false for a table of no frames
    /// built by add_frame() or index() without checksums).
    bool has_checksums() const noexcept { return has_checksums_.value_or(false); }

    /// Frame `i`, unchecked (precondition: i < frame_count()).
    entry operator[](std::size_t i) const noexcept
    {
        entry e;
        e.compressed_offset = compressed_offsets_[i];
        e.compressed_size = compressed_offsets_[i + 1] - compressed_offsets_[i];
        e.decompressed_offset = decompressed_offsets_[i];
        e.decompressed_size = decompressed_offsets_[i + 1] - decompressed_offsets_[i];
        if (!checksums_.empty())
            e.checksum = checksums_[i];
        return e;
    }
    /// Frame `i`.
    /// @throw std::out_of_range when i >= frame_count().
    entry at(std::size_t i) const;

    /// The frame whose content holds the byte at `decompressed_offset`: a
    /// binary search, O(log frame_count()).  Frames of no content hold no
    /// byte, so the result always has a decompressed size above 0.
    /// @throw std::invalid_argument when decompressed_offset >=
    ///        decompressed_size().
    std::size_t frame_at(std::uint64_t decompressed_offset) const;

    /// Bytes serialize() returns: 8 (skippable header) + 8 or 12 per frame +
    /// 9 (footer).
    std::uint64_t serialized_size() const noexcept;

    /// The table as the skippable frame that ends a seekable file, with a
    /// checksum per entry when has_checksums().
    /// @throw zstd_error errc::frame_parameter_unsupported when a frame is
    ///        larger than max_frame_size (possible only for a table built by
    ///        index(): the format cannot record it).
    std::string serialize() const;

    /// The checksum a table entry records for `content`: the low 32 bits of
    /// its XXH64 (seed 0), the same value a zstd frame with a checksum ends
    /// with.  Thread safe.
    static std::uint32_t content_checksum(std::string_view content) noexcept;

    /// Reads the table at the end of `file` (the whole seekable file: frames
    /// then table).
    /// @return nothing when `file` does not end with the footer magic (it
    ///         has no seek table; index() it instead).
    /// @throw zstd_error when the footer is there but the table is wrong,
    ///        with a message saying what is wrong:
    ///        errc::frame_parameter_unsupported for a descriptor with
    ///        reserved bits set (a newer format); errc::corruption_detected
    ///        for a table that claims more bytes than `file` has, a table
    ///        frame whose skippable header does not match its footer,
    ///        frames whose compressed sizes do not add up to the bytes
    ///        before the table, a frame of compressed size 0, a
    ///        decompressed size more than its compressed size can hold, or
    ///        sizes whose sum overflows.  Only the table is checked, not the
    ///        frames: seekable_source checks them against it.  Nothing is
    ///        allocated before the frame count has been checked against the
    ///        bytes present.
    static std::optional<seek_table> read(std::string_view file);

    /// read() of a Boost.Iostreams Source holding the whole file: direct
    /// (array_source, mapped_file_source) or input-seekable (file_source,
    /// read from its end by seeking).  A copy of `device` is used; the
    /// device's position is not restored.
    /// @throw zstd_error as read(std::string_view), and what the device throws.
    template <class Device, class = std::enable_if_t<detail::is_random_access_device_v<Device>>>
    static std::optional<seek_table> read(const Device& device)
    {
        return read(*detail::make_random_access(device));
    }

    /// Builds the table of a sequence of frames that has none, e.g. a file
    /// written by the zstd CLI or by several zstd runs (skippable frames
    /// between them included).  Sizes come from the frame headers; a frame
    /// whose header does not record its content size is decoded once to
    /// measure it, in bounded memory (about its window and 256 KiB).  The
    /// table has checksums when every frame with content ends with its own
    /// checksum (those are used; skippable frames get the checksum of no
    /// content).  A seek table frame at the end is indexed like any other
    /// skippable frame.
    /// @param frames the whole sequence; every byte must belong to a frame.
    /// @param p decoding settings for frames that are measured: `dict`,
    ///        `window_log_max`; `max_output_size` (0 = none) bounds the
    ///        total decompressed size.  `format` must be zstd1.
    /// @throw zstd_error for bytes that are not whole zstd frames (the
    ///        message names the frame and its offset), for what decoding a
    ///        measured frame throws, errc::corruption_detected when a header
    ///        declares more content than its frame can hold, and
    ///        errc::output_limit_exceeded above max_output_size.
    ///        std::invalid_argument when p.format is magicless.
    static seek_table index(std::string_view frames, const zstd_params& p = {});

    /// index() of a Boost.Iostreams Source, as read(const Device&).  An
    /// input-seekable device is read one header and block header at a time
    /// (and decoded in 128 KiB pieces where a frame must be measured).
    /// @throw zstd_error as index(std::string_view), and what the device throws.
    template <class Device, class = std::enable_if_t<detail::is_random_access_device_v<Device>>>
    static seek_table index(const Device& device, const zstd_params& p = {})
    {
        return index(*detail::make_random_access(device), p);
    }

    /// Same frames, sizes and checksums.
    friend bool operator==(const seek_table& a, const seek_table& b) noexcept
    {
        return a.compressed_offsets_ == b.compressed_offsets_ && a.decompressed_offsets_ == b.decompressed_offsets_ &&
               a.checksums_ == b.checksums_;
    }
    /// Not the same frames, sizes or checksums.
    friend bool operator!=(const seek_table& a, const seek_table& b) noexcept { return !(a == b); }

private:
    friend class seekable_source;
    // What every overload of read() and index() calls: bytes read by position.
    static std::optional<seek_table> read(const detail::random_access_source& file);
    static seek_table index(const detail::random_access_source& frames, const zstd_params& p);

    // Appends without add_frame()'s limits (index() may record frames larger
    // than the format can hold; serialize() refuses them).
    void append(std::uint64_t compressed_size, std::uint64_t decompressed_size, std::optional<std::uint32_t> checksum);

    // Cumulative offsets, one more than frames (the last is the total), so a
    // frame's size is a difference and frame_at() a binary search.
    std::vector<std::uint64_t> compressed_offsets_{0};
    std::vector<std::uint64_t> decompressed_offsets_{0};
    std::vector<std::uint32_t> checksums_; // empty, or one per frame
    std::optional<bool> has_checksums_;    // decided by the first frame
};

} // namespace zstdio

#endif
