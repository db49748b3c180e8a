// needs: include/zstdio/buffer.hpp
// Fuzz target: buffer_with_segments built from an untrusted segment table and
// bytes; buffer_with_segments::from_frames on untrusted bytes; and
// multi_decompress_to_buffer on what that finds, with untrusted sizes.
//
// Checks: a table with a segment outside the bytes (overflowing offset +
// length included) is rejected with std::invalid_argument; an accepted one
// gives views inside the bytes with the right contents; from_frames cuts the
// bytes into frames in order; batch results equal one-shot decoding and obey
// max_output_size.
#include <zstdio/buffer.hpp>
#include <zstdio/batch.hpp>
#include <zstdio/compressor.hpp>

#include "fuzz_common.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace zstdio_fuzz;

namespace {

std::uint64_t le64(std::string_view s, std::size_t at)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
    return v;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    input in(data, size, 8);
    const std::uint8_t flags = in.byte();
    const std::size_t count = in.byte() % 17;
    const std::uint32_t size_seed = in.u32();
    const int threads = (flags & 1) ? 2 : 0;
    std::string_view payload = in.payload();

    // Segment table: `count` entries of two little-endian u64 at the front,
    // but small values are made likely by masking with a random width.
    std::vector<zstdio::segment> table;
    for (std::size_t i = 0; i < count && payload.size() >= 16; ++i) {
        std::uint64_t off = le64(payload, 0), len = le64(payload, 8);
        if (!(flags & 2)) { // mostly plausible tables
            off &= 0xffff;
            len &= 0xfff;
        }
        table.push_back({off, len});
        payload.remove_prefix(16);
    }
    const std::string bytes(payload);

    try {
        const zstdio::buffer_with_segments b(bytes, table);
        ZSTDIO_FUZZ_CHECK(b.size() == table.size());
        ZSTDIO_FUZZ_CHECK(b.data_size() == bytes.size());
        std::size_t n = 0;
        for (const zstdio::buffer_segment s : b) {
            const zstdio::segment& t = table[n];
            ZSTDIO_FUZZ_CHECK(t.offset <= bytes.size() && t.length <= bytes.size() - t.offset);
            ZSTDIO_FUZZ_CHECK(s.size() == t.length && s.offset() == t.offset);
            ZSTDIO_FUZZ_CHECK(s.view() == std::string_view(bytes).substr(t.offset, t.length));
            ++n;
        }
        ZSTDIO_FUZZ_CHECK(n == b.size());
        try {
            (void)b.at(b.size());
            fail("at(size()) did not throw");
        } catch (const std::out_of_range&) {
        }
        const zstdio::buffer_with_segments_collection c({b, b});
        ZSTDIO_FUZZ_CHECK(c.size() == 2 * b.size());
        for (std::size_t i = 0; i < c.size(); ++i)
            ZSTDIO_FUZZ_CHECK(c.view(i) == b.view(i % b.size()));
    } catch (const std::invalid_argument&) {
        bool outside = false;
        for (const auto& t : table)
            outside = outside || t.offset > bytes.size() || t.length > bytes.size() - t.offset;
        ZSTDIO_FUZZ_CHECK(outside);
    }

    std::optional<zstdio::buffer_with_segments> frames;
    try {
        frames = zstdio::buffer_with_segments::from_frames(bytes);
        // One segment per zstd frame, in order; skippable frames are left
        // out, so there may be gaps between segments.
        std::uint64_t pos = 0;
        for (const zstdio::buffer_segment s : *frames) {
            ZSTDIO_FUZZ_CHECK(s.offset() >= pos);
            ZSTDIO_FUZZ_CHECK(s.size() > 0 && s.size() <= bytes.size() - s.offset());
            pos = s.offset() + s.size();
        }
        ZSTDIO_FUZZ_CHECK(pos <= bytes.size());
    } catch (const zstdio::zstd_error&) {
        return 0;
    }

    zstdio::zstd_params p;
    p.max_output_size = 1u << 20;
    zstdio::decompressor d(p);
    std::vector<std::uint64_t> sizes;
    if (flags & 4) {
        std::minstd_rand rng(size_seed);
        for (std::size_t i = 0; i < frames->size(); ++i)
            sizes.push_back((flags & 8) ? rng() : rng() % 4096);
    }
    try {
        const zstdio::buffer_with_segments_collection out = d.multi_decompress_to_buffer(*frames, sizes, threads);
        ZSTDIO_FUZZ_CHECK(out.size() == frames->size());
        zstdio::decompressor one(p);
        for (std::size_t i = 0; i < out.size(); ++i) {
            ZSTDIO_FUZZ_CHECK(out.view(i).size() <= p.max_output_size);
            try {
                ZSTDIO_FUZZ_CHECK(one.decompress(frames->view(i), p.max_output_size) == out.view(i));
            } catch (const zstdio::zstd_error&) {
                // one-shot may refuse what the batch decoded with given sizes
                ZSTDIO_FUZZ_CHECK(!sizes.empty());
            }
        }
    } catch (const zstdio::zstd_error&) {
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
