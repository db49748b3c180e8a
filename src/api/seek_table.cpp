// zstdio — the seek table of zstd's seekable format (seek_table.hpp).
#include <zstdio/seek_table.hpp>
#include <zstdio/error.hpp>

#include "frame/limits.hpp"
#include "frame/little_endian.hpp"
#include "frame/walker.hpp"
#include "frame/xxh64.hpp"
#include "parameters/apply.hpp"
#include "seekable/frame_decoder.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace zstdio {

namespace {

constexpr std::size_t skippable_header_size = 8;
// Table entries are read from a device in pieces of this many bytes.
constexpr std::size_t entry_piece = 64 * 1024;

[[noreturn]] void corrupt_table(const std::string& what)
{
    boost::throw_exception(zstd_error(errc::corruption_detected, "seek table: " + what));
}

std::string hex(std::uint32_t v, int digits)
{
    char s[16];
    std::snprintf(s, sizeof s, "0x%0*X", digits, static_cast<unsigned>(v));
    return s;
}

void put_le32(std::string& out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<char>(v >> (8 * i)));
}

void read_positional(const void* object, std::uint64_t offset, char* dst, std::size_t n)
{
    static_cast<const detail::random_access_source*>(object)->read(offset, dst, n);
}

} // namespace

void seek_table::append(std::uint64_t compressed_size, std::uint64_t decompressed_size,
                        std::optional<std::uint32_t> checksum)
{
    compressed_offsets_.push_back(compressed_offsets_.back() + compressed_size);
    decompressed_offsets_.push_back(decompressed_offsets_.back() + decompressed_size);
    if (checksum)
        checksums_.push_back(*checksum);
    if (!has_checksums_)
        has_checksums_ = checksum.has_value();
}

void seek_table::add_frame(std::uint64_t compressed_size, std::uint64_t decompressed_size,
                           std::optional<std::uint32_t> checksum)
{
    const auto n = static_cast<long long>(frame_count());
    const auto limit = static_cast<long long>(max_frame_size);
    detail::check_range("seek_table::add_frame compressed_size",
                        static_cast<long long>(std::min<std::uint64_t>(compressed_size, limit + 1)), 1, limit);
    detail::check_range("seek_table::add_frame decompressed_size",
                        static_cast<long long>(std::min<std::uint64_t>(decompressed_size, limit + 1)), 0, limit);
    detail::check_range("seek_table frame count", n + 1, 0, static_cast<long long>(max_frames));
    if (has_checksums_ && *has_checksums_ != checksum.has_value())
        boost::throw_exception(std::invalid_argument(
            std::string("zstdio: seek_table::add_frame: frame ") + std::to_string(n) +
            (checksum ? " has a checksum, but the frames before it have none"
                      : " has no checksum, but the frames before it have one (all or none must)")));
    compressed_offsets_.reserve(compressed_offsets_.size() + 1);
    decompressed_offsets_.reserve(decompressed_offsets_.size() + 1);
    checksums_.reserve(checksums_.size() + (checksum ? 1 : 0));
    append(compressed_size, decompressed_size, checksum); // cannot throw now
}

seek_table::entry seek_table::at(std::size_t i) const
{
    if (i >= frame_count())
        boost::throw_exception(std::out_of_range(detail::out_of_range_message(
            "seek table frame index", static_cast<long long>(i), 0, static_cast<long long>(frame_count()) - 1)));
    return (*this)[i];
}

std::size_t seek_table::frame_at(std::uint64_t decompressed_offset) const
{
    if (decompressed_offset >= decompressed_size())
        boost::throw_exception(std::invalid_argument(detail::out_of_range_message(
            "seek table decompressed offset",
            static_cast<long long>(std::min<std::uint64_t>(decompressed_offset, 0x7FFFFFFFFFFFFFFFu)), 0,
            static_cast<long long>(decompressed_size()) - 1)));
    // The last frame starting at or before the offset: it has content, as
    // the one after it starts after the offset.
    const auto after =
        std::upper_bound(decompressed_offsets_.begin(), decompressed_offsets_.end(), decompressed_offset);
    return static_cast<std::size_t>(after - decompressed_offsets_.begin()) - 1;
}

std::uint64_t seek_table::serialized_size() const noexcept
{
    return skippable_header_size + std::uint64_t{frame_count()} * (has_checksums() ? 12 : 8) + footer_size;
}

std::string seek_table::serialize() const
{
    if (frame_count() > max_frames)
        boost::throw_exception(zstd_error(errc::frame_parameter_unsupported,
                                          "seek table: " + std::to_string(frame_count()) +
                                              " frames, more than the format can list (" +
                                              std::to_string(max_frames) + ")"));
    for (std::size_t i = 0; i < frame_count(); ++i) {
        const entry e = (*this)[i];
        if (e.compressed_size > max_frame_size || e.decompressed_size > max_frame_size)
            boost::throw_exception(zstd_error(
                errc::frame_parameter_unsupported,
                "seek table: frame " + std::to_string(i) + " (" + std::to_string(e.compressed_size) +
                    " bytes, " + std::to_string(e.decompressed_size) +
                    " decompressed) is larger than the seekable format can record: 4 GiB - 1 per frame"));
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(serialized_size()));
    put_le32(out, skippable_magic);
    put_le32(out, static_cast<std::uint32_t>(serialized_size() - skippable_header_size));
    for (std::size_t i = 0; i < frame_count(); ++i) {
        const entry e = (*this)[i];
        put_le32(out, static_cast<std::uint32_t>(e.compressed_size));
        put_le32(out, static_cast<std::uint32_t>(e.decompressed_size));
        if (e.checksum)
            put_le32(out, *e.checksum);
    }
    put_le32(out, static_cast<std::uint32_t>(frame_count()));
    out.push_back(static_cast<char>(has_checksums() ? 0x80 : 0));
    put_le32(out, footer_magic);
    return out;
}

std::uint32_t seek_table::content_checksum(std::string_view content) noexcept
{
    return detail::content_checksum(content.data(), content.size());
}

std::optional<seek_table> seek_table::read(std::string_view file)
{
    return read(detail::memory_source(file.data(), file.size()));
}

seek_table seek_table::index(std::string_view frames, const zstd_params& p)
{
    return index(detail::memory_source(frames.data(), frames.size()), p);
}

std::optional<seek_table> seek_table::read(const detail::random_access_source& file)
{
    const std::uint64_t size = file.size();
    if (size < footer_size)
        return std::nullopt;
    char footer[footer_size];
    file.read(size - footer_size, footer, footer_size);
    if (detail::read_le32(footer + 5) != footer_magic)
        return std::nullopt;

    const std::uint32_t count = detail::read_le32(footer);
    const auto descriptor = static_cast<unsigned char>(footer[4]);
    if (descriptor & 0x7Cu)
        boost::throw_exception(zstd_error(
            errc::frame_parameter_unsupported,
            "seek table: its descriptor " + hex(descriptor, 2) +
                " has reserved bits set (bits 2 to 6): the table was written by a newer version of the "
                "seekable format"));
    const bool checksums = descriptor & 0x80u;
    const std::size_t entry_size = checksums ? 12 : 8;
    // At most 2^32 entries of 12 bytes: no overflow in 64 bits.
    const std::uint64_t table_frame = skippable_header_size + std::uint64_t{count} * entry_size + footer_size;
    if (table_frame > size)
        corrupt_table("the footer declares " + std::to_string(count) + " frames, a table of " +
                      std::to_string(table_frame) + " bytes, but the input has only " + std::to_string(size) +
                      " bytes");
    const std::uint64_t start = size - table_frame;
    char header[skippable_header_size];
    file.read(start, header, sizeof header);
    const std::uint32_t magic = detail::read_le32(header);
    if (magic != skippable_magic)
        corrupt_table("the footer declares " + std::to_string(count) + " frames, so the table frame starts at offset " +
                      std::to_string(start) + ", but the bytes there are " + hex(magic, 8) +
                      ", not the skippable magic number 0x184D2A5E");
    const std::uint32_t declared = detail::read_le32(header + 4);
    if (declared != table_frame - skippable_header_size)
        corrupt_table("its skippable frame declares " + std::to_string(declared) + " bytes, but " +
                      std::to_string(count) + " entries of " + std::to_string(entry_size) +
                      " bytes and the footer make " + std::to_string(table_frame - skippable_header_size));

    // The entries are all present (checked above), so reserving for them is
    // bounded by the input's own size.
    seek_table t;
    t.has_checksums_ = checksums;
    t.compressed_offsets_.reserve(std::size_t{count} + 1);
    t.decompressed_offsets_.reserve(std::size_t{count} + 1);
    if (checksums)
        t.checksums_.reserve(count);
    std::string piece;
    const char* entries = nullptr;
    std::uint64_t entries_at = start + skippable_header_size;
    std::size_t left_in_piece = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (left_in_piece == 0) {
            const std::size_t n = static_cast<std::size_t>(
                std::min<std::uint64_t>(entry_piece / entry_size * entry_size, std::uint64_t{count - i} * entry_size));
            if (const char* data = file.data()) {
                entries = data + entries_at;
            } else {
                piece.resize(n);
                file.read(entries_at, piece.data(), n);
                entries = piece.data();
            }
            entries_at += n;
            left_in_piece = n;
        }
        const std::uint32_t compressed = detail::read_le32(entries);
        const std::uint32_t decompressed = detail::read_le32(entries + 4);
        const std::optional<std::uint32_t> checksum =
            checksums ? std::optional<std::uint32_t>(detail::read_le32(entries + 8)) : std::nullopt;
        entries += entry_size;
        left_in_piece -= entry_size;
        if (compressed == 0)
            corrupt_table("frame " + std::to_string(i) + " has a compressed size of 0 bytes");
        if (decompressed > detail::largest_possible_content(compressed))
            corrupt_table("frame " + std::to_string(i) + " is given " + std::to_string(decompressed) +
                          " bytes of content, more than its " + std::to_string(compressed) +
                          " compressed bytes can hold");
        // Sums of at most 2^32 sizes below 2^32: no overflow in 64 bits.
        if (t.compressed_size() + compressed > start)
            corrupt_table("its frames add up to more compressed bytes than the " + std::to_string(start) +
                          " bytes before the table (at frame " + std::to_string(i) + " of " +
                          std::to_string(count) + ")");
        t.append(compressed, decompressed, checksum);
    }
    if (t.compressed_size() != start)
        corrupt_table("its " + std::to_string(count) + " frames add up to " + std::to_string(t.compressed_size()) +
                      " compressed bytes, but " + std::to_string(start) + " bytes precede the table");
    return t;
}

seek_table seek_table::index(const detail::random_access_source& frames, const zstd_params& p)
{
    const zstd_params resolved = detail::resolve_decompression(p);
    if (resolved.format != frame_format::zstd1)
        boost::throw_exception(std::invalid_argument(
            "zstdio: seekable zstd needs frames with magic numbers: format = magicless is not supported"));
    const std::uint64_t limit = p.max_output_size;
    const detail::positional_bytes positional{frames.size(), &frames, &read_positional};
    std::optional<detail::frame_decoder> decoder; // made for the first frame of unknown size
    std::vector<std::uint32_t> own_checksums;     // the frames' own, while every frame has one
    bool all_checksums = true;
    seek_table t;
    std::uint64_t offset = 0;
    for (std::size_t i = 0; offset < frames.size(); ++i) {
        detail::frame_extent extent;
        try {
            if (const char* data = frames.data())
                extent = detail::measure_frame(
                    std::string_view(data + offset, static_cast<std::size_t>(frames.size() - offset)), resolved.format);
            else
                extent = detail::measure_frame(positional, offset, resolved.format);
        } catch (const zstd_error& e) {
            boost::throw_exception(zstd_error(e.condition(), "seekable zstd: indexing frame " + std::to_string(i) +
                                                                 " at offset " + std::to_string(offset) + ": " +
                                                                 e.what()));
        }
        const frame_parameters& fp = extent.parameters;
        std::uint64_t content = 0;
        if (!fp.is_skippable) {
            if (fp.content_size) {
                content = *fp.content_size;
                detail::check_declared_content(content, extent.size, 0,
                                               "seekable zstd: indexing frame " + std::to_string(i) + " at offset " +
                                                   std::to_string(offset));
            } else {
                if (!decoder)
                    decoder.emplace(resolved);
                detail::frame_location f;
                f.index = i;
                f.offset = offset;
                f.compressed_size = extent.size;
                // Decoding stops as soon as the content passes the limit.
                decoder->start(frames, f, limit == 0 ? unknown_size : limit - t.decompressed_size());
                content = decoder->finish();
            }
        }
        if (limit != 0 && content > limit - t.decompressed_size()) // the total never passes the limit
            boost::throw_exception(zstd_error(
                errc::output_limit_exceeded,
                "seekable zstd: indexing frame " + std::to_string(i) + " at offset " + std::to_string(offset) +
                    ": the content reaches " + std::to_string(t.decompressed_size() + content) +
                    " bytes, above max_output_size = " + std::to_string(limit) + " bytes"));
        if (all_checksums) {
            if (fp.is_skippable) {
                own_checksums.push_back(detail::content_checksum(nullptr, 0));
            } else if (fp.has_checksum) {
                char tail[4];
                frames.read(offset + extent.size - 4, tail, 4);
                own_checksums.push_back(detail::read_le32(tail));
            } else {
                all_checksums = false;
                own_checksums.clear();
            }
        }
        t.append(extent.size, content, std::nullopt);
        offset += extent.size;
    }
    t.has_checksums_ = all_checksums && t.frame_count() > 0;
    if (*t.has_checksums_)
        t.checksums_ = std::move(own_checksums);
    return t;
}

} // namespace zstdio
