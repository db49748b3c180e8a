// Fuzz target: random data and random parameters (level, frame flags, threads,
// every compression_parameters knob, magicless format, a raw dictionary) →
// compress one-shot, into a caller's buffer, through a filtering_ostream
// (random write sizes and flushes), a filtering_istream (random read sizes)
// and compressobj() (random chunks and block flushes) → decompress one-shot,
// through the filter and with decompressobj() (random chunks) → equal to the
// input.
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/streaming.hpp>

#include "fuzz_common.hpp"

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <optional>
#include <string>
#include <vector>

namespace io = boost::iostreams;
using namespace zstdio_fuzz;
using knob = zstdio::compression_parameters::knob;

namespace {

// Knobs the fuzzer may set, with a cap on the memory-hungry ones so one input
// cannot ask for gigabytes of tables.
struct knob_choice {
    knob k;
    int cap; // 0 = the parameter's own maximum
};
const knob_choice knobs[] = {
    {knob::window_log, 22},        {knob::hash_log, 20},          {knob::chain_log, 20},
    {knob::search_log, 0},         {knob::min_match, 0},          {knob::target_length, 0},
    {knob::strategy, 0},           {knob::enable_long_distance_matching, 0},
    {knob::ldm_hash_log, 20},      {knob::ldm_min_match, 0},      {knob::ldm_bucket_size_log, 0},
    {knob::ldm_hash_rate_log, 0},  {knob::job_size, 4 << 20},          {knob::overlap_log, 0},
    {knob::target_cblock_size, 0}, {knob::rsyncable, 0},          {knob::force_max_window, 0},
};

std::string decode_with_filter(const std::string& frame, const zstdio::zstd_params& p, std::uint32_t seed)
{
    io::filtering_istream in;
    in.push(zstdio::zstd_decompressor(p));
    in.push(io::array_source(frame.data(), frame.size()));
    std::string out, buf;
    chunker chunks(seed);
    for (;;) {
        buf.resize(chunks.next());
        const std::streamsize got = in.rdbuf()->sgetn(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (got <= 0)
            break;
        out.append(buf.data(), static_cast<std::size_t>(got));
    }
    return out;
}

void check_decodes(const std::string& frame, std::string_view data, const zstdio::zstd_params& dp,
                   std::uint32_t seed)
{
    zstdio::decompressor d(dp);
    // A limit makes frames without a content size decodable one-shot.
    ZSTDIO_FUZZ_CHECK(d.decompress(frame, data.size() + 1) == data);
    ZSTDIO_FUZZ_CHECK(decode_with_filter(frame, dp, seed) == data);
    // decompressobj in random chunks.
    zstdio::decompression_object obj = d.decompressobj();
    std::string out;
    chunker chunks(seed ^ 2);
    for (std::size_t pos = 0; pos < frame.size();) {
        const std::size_t n = std::min(chunks.next(), frame.size() - pos);
        obj.decompress(std::string_view(frame).substr(pos, n), out);
        pos += n;
    }
    obj.finish();
    ZSTDIO_FUZZ_CHECK(out == data);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size)
{
    input in(bytes, size, 64);
    // Levels above 12 are rare: their tables cost tens of MiB per frame when
    // the size is not pledged.
    const std::uint8_t level_choice = in.byte();
    zstdio::zstd_params p(level_choice < 240 ? level_choice % 20 - 7 : 13 + level_choice % 10);
    const std::uint8_t flags = in.byte();
    p.checksum = flags & 1;
    p.content_size = flags & 2;
    p.dict_id = flags & 4;
    if ((in.byte() & 15) == 0)
        p.threads = in.range(1, 2);
    if (flags & 8) {
        zstdio::compression_parameters cp;
        const std::uint32_t which = in.u32();
        for (std::size_t i = 0; i < sizeof knobs / sizeof knobs[0]; ++i) {
            const int v = in.range(0, 0x7fffffff);
            if (!(which & (1u << i)))
                continue;
            const zstdio::parameter_bounds b = zstdio::compression_parameters::bounds(knobs[i].k);
            const int hi = knobs[i].cap != 0 ? std::min(knobs[i].cap, b.max) : b.max;
            const int value = b.min + static_cast<int>(static_cast<unsigned>(v) %
                                                       (static_cast<unsigned>(hi - b.min) + 1));
            cp.set(knobs[i].k, value); // in bounds: must not throw
        }
        if (flags & 16)
            cp.format(zstdio::frame_format::magicless);
        p.advanced = cp;
    }
    const std::uint32_t seed = in.u32();
    const std::string_view data = in.payload();
    static const bool verbose = std::getenv("ZSTDIO_FUZZ_VERBOSE") != nullptr;
    if (verbose) {
        std::fprintf(stderr, "level %d checksum %d content_size %d dict_id %d threads %d size %zu\n", p.level,
                     p.checksum, p.content_size, p.dict_id, p.threads, data.size());
        if (p.advanced)
            for (std::size_t i = 0; i < zstdio::compression_parameters::knob_count; ++i)
                if (auto v = p.advanced->get(static_cast<knob>(i)))
                    std::fprintf(stderr, "  %s = %d\n", zstdio::compression_parameters::name(static_cast<knob>(i)),
                                 *v);
    }
    if ((flags & 32) && data.size() >= 2)
        p.dict = zstdio::zstd_dict(data.substr(0, data.size() / 2), zstdio::dict_type::raw_content);

    zstdio::zstd_params dp = p; // decoding side: the same format and dictionary
    dp.window_log_max = 31;
    if (p.advanced && p.advanced->format() == zstdio::frame_format::magicless)
        dp.format = zstdio::frame_format::magicless;

    std::optional<zstdio::compressor> c;
    try {
        c.emplace(p);
    } catch (const zstdio::zstd_error&) {
        return 0; // libzstd refused this combination of settings
    }

    // One-shot into a string.
    const std::string once = c->compress(data);
    check_decodes(once, data, dp, seed);

    // One-shot into a caller's buffer: compress_bound is always enough; a
    // smaller buffer either fits or fails with dst_size_too_small.
    {
        std::vector<char> buf(zstdio::compress_bound(data.size()));
        const std::size_t n = c->compress(data, buf.data(), buf.size());
        check_decodes(std::string(buf.data(), n), data, dp, seed);
        std::vector<char> small(seed % (buf.size() + 1));
        try {
            const std::size_t m = c->compress(data, small.data(), small.size());
            check_decodes(std::string(small.data(), m), data, dp, seed);
        } catch (const zstdio::zstd_error& e) {
            ZSTDIO_FUZZ_CHECK(e.condition() == zstdio::errc::dst_size_too_small);
        }
    }

    // Streamed: the pledged size is set unless asked not to (then libzstd
    // sizes its tables for an unknown size: keep the level moderate).
    if (!(flags & 64) || p.level > 9)
        p.source_size = data.size();
    {
        std::string frame;
        {
            io::filtering_ostream out;
            out.push(zstdio::zstd_compressor(p, flags & 128 ? 1 + seed % 300 : 0));
            out.push(io::back_inserter(frame));
            chunker chunks(seed);
            std::size_t pos = 0;
            while (pos < data.size()) {
                const std::size_t n = std::min(chunks.next(), data.size() - pos);
                out.rdbuf()->sputn(data.data() + pos, static_cast<std::streamsize>(n));
                pos += n;
                if (chunks.next() % 5 == 0)
                    out.strict_sync();
            }
            out.reset();
        }
        check_decodes(frame, data, dp, seed);
    }
    {
        std::string frame;
        io::filtering_istream in_stream;
        in_stream.push(zstdio::zstd_compressor(p));
        in_stream.push(io::array_source(data.data(), data.size()));
        chunker chunks(seed ^ 1);
        std::string buf;
        for (;;) {
            buf.resize(chunks.next());
            const std::streamsize got =
                in_stream.rdbuf()->sgetn(buf.data(), static_cast<std::streamsize>(buf.size()));
            if (got <= 0)
                break;
            frame.append(buf.data(), static_cast<std::size_t>(got));
        }
        check_decodes(frame, data, dp, seed);
    }
    {
        // compressobj: random chunks, random block flushes, then finish.
        zstdio::compression_object obj = c->compressobj(p.source_size.value_or(zstdio::unknown_size));
        std::string frame;
        chunker chunks(seed ^ 3);
        for (std::size_t pos = 0; pos < data.size();) {
            const std::size_t n = std::min(chunks.next(), data.size() - pos);
            obj.compress(data.substr(pos, n), frame);
            pos += n;
            if (chunks.next() % 4 == 0)
                obj.flush(zstdio::flush_mode::block, frame);
        }
        obj.flush(zstdio::flush_mode::finish, frame);
        check_decodes(frame, data, dp, seed);
    }
    return 0;
}
