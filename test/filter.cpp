// Tests for zstdio/filter.hpp: the Boost.Iostreams filters.
#include <zstdio/filter.hpp>

#define BOOST_TEST_MODULE filter
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <zstdio/compressor.hpp>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/test.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#define ZSTD_STATIC_LINKING_ONLY // ZSTD_getFrameHeader, to check what we write
#include <zstd.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <sstream>

namespace io = boost::iostreams;
using namespace zstdio_test;
using zstdio::errc;
using zstdio::zstd_error;

namespace {

// Compresses through a filtering_ostream, writing `chunk` bytes at a time.
std::string compress_ostream(const std::string& data, const zstdio::zstd_params& p = {},
                             std::size_t chunk = 1 << 20)
{
    std::string out;
    io::filtering_ostream os;
    os.push(zstdio::zstd_compressor(p));
    os.push(io::back_inserter(out));
    for (std::size_t i = 0; i < data.size(); i += chunk)
        os.write(data.data() + i, static_cast<std::streamsize>(std::min(chunk, data.size() - i)));
    os.reset();
    return out;
}

// Compresses through a filtering_istream (the compressor as an input filter).
std::string compress_istream(const std::string& data, const zstdio::zstd_params& p = {}, std::size_t chunk = 4096)
{
    io::filtering_istream is;
    is.push(zstdio::zstd_compressor(p));
    is.push(io::array_source(data.data(), data.size()));
    std::string out;
    std::vector<char> buf(chunk);
    while (is.read(buf.data(), static_cast<std::streamsize>(buf.size())) || is.gcount() > 0)
        out.append(buf.data(), static_cast<std::size_t>(is.gcount()));
    BOOST_REQUIRE(is.eof() && !is.bad());
    return out;
}

// Decompresses through a filtering_istream, reading `chunk` bytes at a time;
// throws what the filter reported if the stream went bad.
std::string decompress_istream(const std::string& z, const zstdio::zstd_params& p = {}, std::size_t chunk = 4096)
{
    zstdio::zstd_decompressor filter(p);
    io::filtering_istream is;
    is.push(filter);
    is.push(io::array_source(z.data(), z.size()));
    std::string out;
    std::vector<char> buf(chunk);
    while (is.read(buf.data(), static_cast<std::streamsize>(buf.size())) || is.gcount() > 0)
        out.append(buf.data(), static_cast<std::size_t>(is.gcount()));
    if (is.bad()) {
        BOOST_REQUIRE(filter.last_error());
        throw *filter.last_error();
    }
    BOOST_REQUIRE(is.eof());
    return out;
}

// Decompresses through a filtering_ostream, writing `chunk` bytes at a time.
std::string decompress_ostream(const std::string& z, const zstdio::zstd_params& p = {}, std::size_t chunk = 1 << 20)
{
    std::string out;
    io::filtering_ostream os;
    os.push(zstdio::zstd_decompressor(p));
    os.push(io::back_inserter(out));
    for (std::size_t i = 0; i < z.size(); i += chunk)
        os.write(z.data() + i, static_cast<std::streamsize>(std::min(chunk, z.size() - i)));
    os.reset(); // throws on truncated input
    return out;
}

// Number of zstd frames (skippable included) in `z`, walking with libzstd.
int count_frames(const std::string& z)
{
    int frames = 0;
    std::size_t pos = 0;
    while (pos < z.size()) {
        const std::size_t n = ZSTD_findFrameCompressedSize(z.data() + pos, z.size() - pos);
        BOOST_REQUIRE(!ZSTD_isError(n));
        pos += n;
        ++frames;
    }
    return frames;
}

bool frame_has_checksum(const std::string& z)
{
    ZSTD_frameHeader fh;
    BOOST_REQUIRE_EQUAL(ZSTD_getFrameHeader(&fh, z.data(), z.size()), 0u);
    return fh.checksumFlag != 0;
}

std::string skippable_frame(const std::string& payload, unsigned variant = 0)
{
    std::string f(8, '\0');
    const std::uint32_t magic = 0x184D2A50u + variant;
    const auto size = static_cast<std::uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i) {
        f[i] = static_cast<char>((magic >> (8 * i)) & 0xFF);
        f[4 + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
    }
    return f + payload;
}

// One-shot decompression of frames that may not record their size.
std::string decompress_bounded(const std::string& z, std::size_t expected_size)
{
    zstdio::zstd_params p;
    p.max_output_size = expected_size + 1;
    return zstdio::decompress(z, p);
}

template <class F>
void require_zstd_error(errc expected, F&& f)
{
    try {
        f();
    } catch (const zstd_error& e) {
        BOOST_TEST_INFO("message: " << e.what());
        BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(expected));
        BOOST_TEST(std::strlen(e.what()) > 10u);
        return;
    }
    BOOST_FAIL("expected a zstd_error");
}

} // namespace

// ---------------------------------------------------------------------------
// Round trips

BOOST_AUTO_TEST_CASE(round_trip_sizes_and_kinds_both_directions)
{
    for (std::size_t size : interesting_sizes()) {
        for (const std::string& data : {random_bytes(size, 7), text(size, 3), repetitive(size)}) {
            BOOST_TEST_CONTEXT("size " << size) {
                const std::string z1 = compress_ostream(data);
                BOOST_TEST(decompress_istream(z1) == data);
                BOOST_TEST(decompress_ostream(z1) == data);
                const std::string z2 = compress_istream(data);
                BOOST_TEST(decompress_istream(z2) == data);
                BOOST_TEST(decompress_bounded(z2, data.size()) == data);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(round_trip_levels_negative_to_19)
{
    const std::string data = text(200000, 11);
    for (int level : {-7, -1, 1, 2, 3, 5, 9, 12, 16, 19}) {
        BOOST_TEST_CONTEXT("level " << level) {
            const std::string z = compress_ostream(data, level);
            BOOST_TEST(decompress_istream(z) == data);
            BOOST_TEST(zstd_cli("-d -c", z) == data);
        }
    }
    BOOST_TEST(compress_ostream(data, 19).size() < compress_ostream(data, 1).size());
}

BOOST_AUTO_TEST_CASE(write_and_read_chunk_sizes_from_1_byte_to_1_MiB)
{
    const std::string data = text(300000, 5);
    for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{100}, std::size_t{4096},
                              std::size_t{65536}, std::size_t{131072}, std::size_t{1} << 20}) {
        BOOST_TEST_CONTEXT("chunk " << chunk) {
            const std::string z = compress_ostream(data, {}, chunk);
            BOOST_TEST(decompress_istream(z, {}, chunk) == data);
            BOOST_TEST(decompress_ostream(z, {}, chunk) == data);
        }
    }
}

BOOST_AUTO_TEST_CASE(small_filter_buffers_still_work)
{
    const std::string data = text(100000, 2);
    std::string z;
    {
        io::filtering_ostream os;
        os.push(zstdio::zstd_compressor(3, 1), 1); // 1-byte filter buffer, 1-byte chain buffer
        os.push(io::back_inserter(z));
        os << data;
    }
    std::string back;
    {
        io::filtering_istream is;
        is.push(zstdio::zstd_decompressor({}, 1), 1);
        is.push(io::array_source(z.data(), z.size()));
        io::copy(is, io::back_inserter(back));
    }
    BOOST_TEST(back == data);
}

BOOST_AUTO_TEST_CASE(boost_test_helpers_filter_pair)
{
    for (const std::string& data : {std::string(), text(5000, 1), random_bytes(20000, 2), repetitive(70000)}) {
        BOOST_TEST(io::test_filter_pair(zstdio::zstd_compressor(), zstdio::zstd_decompressor(), data));
        BOOST_TEST(io::test_filter_pair(zstdio::zstd_compressor(1), zstdio::zstd_decompressor(), data));
    }
}

BOOST_AUTO_TEST_CASE(boost_test_helpers_input_and_output_filter)
{
    const std::string data = text(30000, 9);
    const std::string z = zstdio::compress(data);
    BOOST_TEST(io::test_input_filter(zstdio::zstd_decompressor(), z, data));
    BOOST_TEST(io::test_output_filter(zstdio::zstd_decompressor(), z, data));
}

BOOST_AUTO_TEST_CASE(pipelines_and_io_copy)
{
    const std::string data = text(50000, 4);
    std::string z;
    {
        io::filtering_ostream os(zstdio::zstd_compressor(5) | io::back_inserter(z));
        io::copy(io::array_source(data.data(), data.size()), os);
    }
    std::string back;
    {
        io::filtering_istream is(zstdio::zstd_decompressor() | io::array_source(z.data(), z.size()));
        io::copy(is, io::back_inserter(back));
    }
    BOOST_TEST(back == data);
    // io::copy straight through a composite, no stream at all.
    std::string z2, back2;
    io::copy(io::array_source(data.data(), data.size()), io::compose(zstdio::zstd_compressor(), io::back_inserter(z2)));
    io::copy(io::compose(zstdio::zstd_decompressor(), io::array_source(z2.data(), z2.size())), io::back_inserter(back2));
    BOOST_TEST(back2 == data);
}

BOOST_AUTO_TEST_CASE(one_filter_object_reused_for_many_streams)
{
    zstdio::zstd_compressor comp(3);
    zstdio::zstd_decompressor decomp;
    for (int i = 0; i < 5; ++i) {
        const std::string data = text(10000 + 5000 * i, i);
        std::string z;
        {
            io::filtering_ostream os;
            os.push(comp);
            os.push(io::back_inserter(z));
            os << data;
        }
        BOOST_TEST(count_frames(z) == 1);
        std::string back;
        io::copy(io::compose(decomp, io::array_source(z.data(), z.size())), io::back_inserter(back));
        BOOST_TEST(back == data);
    }
}

// ---------------------------------------------------------------------------
// Frames: what Boost 1.81's own zstd filter gets wrong, each a test here.

BOOST_AUTO_TEST_CASE(exactly_one_frame_per_open_close_with_checksum)
{
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{1000}, std::size_t{500000}}) {
        const std::string z = compress_ostream(text(size, 1));
        BOOST_TEST(count_frames(z) == 1); // no empty second frame
        BOOST_TEST(frame_has_checksum(z));
        BOOST_TEST(zstd_cli_status("-t", z).status == 0);
    }
    // An empty stream is still a frame, as with zstd and gzip.
    const std::string empty = compress_ostream("");
    BOOST_TEST(count_frames(empty) == 1);
    BOOST_TEST(zstd_cli("-d -c", empty).empty());
}

BOOST_AUTO_TEST_CASE(checksum_can_be_turned_off)
{
    zstdio::zstd_params p;
    p.checksum = false;
    const std::string z = compress_ostream(text(1000, 1), p);
    BOOST_TEST(!frame_has_checksum(z));
    BOOST_TEST(decompress_istream(z) == text(1000, 1));
}

BOOST_AUTO_TEST_CASE(pledged_source_size_writes_content_size)
{
    const std::string data = text(123456, 8);
    zstdio::zstd_params p;
    p.source_size = data.size();
    const std::string z = compress_ostream(data, p, 1000);
    BOOST_TEST(ZSTD_getFrameContentSize(z.data(), z.size()) == data.size());
    BOOST_TEST(decompress_istream(z) == data);
    // Without a pledge a stream cannot know its size.
    const std::string unsized = compress_ostream(data);
    BOOST_TEST(ZSTD_getFrameContentSize(unsized.data(), unsized.size()) == ZSTD_CONTENTSIZE_UNKNOWN);
}

BOOST_AUTO_TEST_CASE(pledged_source_size_not_met_is_an_error)
{
    zstdio::zstd_params p;
    p.source_size = 1000;
    // Too little: found at close.
    {
        std::string z;
        io::filtering_ostream os;
        os.push(zstdio::zstd_compressor(p));
        os.push(io::back_inserter(z));
        os << text(999, 1);
        require_zstd_error(errc::src_size_wrong, [&] { os.reset(); });
    }
    // Too much: found when written (the ostream reports badbit) or at close.
    {
        std::string z;
        io::filtering_ostream os;
        os.push(zstdio::zstd_compressor(p));
        os.push(io::back_inserter(z));
        os << text(5000, 1);
        bool failed = os.bad();
        try {
            os.reset();
        } catch (const zstd_error& e) {
            failed = true;
            BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(errc::src_size_wrong));
        }
        BOOST_TEST(failed);
    }
}

BOOST_AUTO_TEST_CASE(flush_makes_everything_written_so_far_decodable)
{
    const std::string part1 = text(5000, 1), part2 = text(7000, 2);
    std::string z;
    io::filtering_ostream os;
    os.push(zstdio::zstd_compressor(19));
    os.push(io::back_inserter(z));
    os << part1;
    os.flush();
    // A streaming decoder fed what the sink got so far yields all of part1.
    auto decode_available = [](const std::string& bytes) {
        std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> d(ZSTD_createDCtx(), ZSTD_freeDCtx);
        std::string out(1 << 20, '\0');
        ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
        ZSTD_outBuffer o{out.data(), out.size(), 0};
        while (in.pos < in.size) {
            const std::size_t r = ZSTD_decompressStream(d.get(), &o, &in);
            BOOST_REQUIRE(!ZSTD_isError(r));
        }
        out.resize(o.pos);
        return out;
    };
    BOOST_TEST(decode_available(z) == part1);
    os << part2;
    BOOST_TEST(os.strict_sync());
    BOOST_TEST(decode_available(z) == part1 + part2);
    os.reset();
    BOOST_TEST(count_frames(z) == 1);
    BOOST_TEST(decompress_istream(z) == part1 + part2);
}

BOOST_AUTO_TEST_CASE(concatenated_and_skippable_frames)
{
    const std::string a = text(10000, 1), b = random_bytes(3000, 2), c = repetitive(200000);
    const std::string z = skippable_frame("metadata") + zstdio::compress(a) + skippable_frame("", 15) +
                          compress_ostream(b) + zstdio::compress(c) + skippable_frame("tail", 3);
    BOOST_TEST(decompress_istream(z) == a + b + c);
    BOOST_TEST(decompress_ostream(z, {}, 7) == a + b + c);
    BOOST_TEST(decompress_bounded(z, a.size() + b.size() + c.size()) == a + b + c);
    BOOST_TEST(zstd_cli("-d -c", z) == a + b + c); // agreement with the CLI
}

BOOST_AUTO_TEST_CASE(multi_frame_false_stops_after_the_first_frame)
{
    const std::string a = text(10000, 1), b = text(2000, 2);
    const std::string z = zstdio::compress(a) + zstdio::compress(b);
    zstdio::zstd_params p;
    p.multi_frame = false;
    BOOST_TEST(decompress_istream(z, p) == a);
    BOOST_TEST(decompress_ostream(z, p, 333) == a);
    BOOST_TEST(zstdio::decompress(z, p) == a);
    // Trailing garbage after the first frame is ignored in that mode.
    BOOST_TEST(decompress_istream(zstdio::compress(a) + "garbage", p) == a);
}

BOOST_AUTO_TEST_CASE(threads_use_libzstd_workers)
{
    const std::string data = text(3 << 20, 6);
    for (int threads : {1, 2, -1}) {
        zstdio::zstd_params p;
        p.threads = threads;
        const std::string z = compress_ostream(data, p, 100000);
        BOOST_TEST(count_frames(z) == 1);
        BOOST_TEST(decompress_istream(z) == data);
        BOOST_TEST(zstd_cli("-d -c", z) == data);
    }
}

BOOST_AUTO_TEST_CASE(memory_size_and_progression)
{
    zstdio::zstd_compressor c(3);
    BOOST_TEST(c.memory_size() > 0u);
    zstdio::zstd_decompressor d;
    BOOST_TEST(d.memory_size() > 0u);
    std::string z;
    io::filtering_ostream os;
    os.push(c);
    os.push(io::back_inserter(z));
    os << text(100000, 1);
    os.flush();
    BOOST_TEST(c.progression().ingested == 100000u);
    BOOST_TEST(c.progression().produced == z.size());
}

// ---------------------------------------------------------------------------
// Errors a user can trust

BOOST_AUTO_TEST_CASE(truncated_input_is_an_error_never_a_clean_eof)
{
    const std::string data = text(400000, 3);
    const std::string z = zstdio::compress(data);
    for (std::size_t cut : {std::size_t{1}, std::size_t{4}, std::size_t{6}, z.size() / 3, z.size() / 2,
                            z.size() - 5, z.size() - 1}) {
        BOOST_TEST_CONTEXT("cut at " << cut) {
            const std::string t = z.substr(0, cut);
            // A plain istream read loop ends with bad(), never a clean eof.
            zstdio::zstd_decompressor filter;
            io::filtering_istream is;
            is.push(filter);
            is.push(io::array_source(t.data(), t.size()));
            std::string out;
            char buf[4096];
            while (is.read(buf, sizeof buf) || is.gcount() > 0)
                out.append(buf, static_cast<std::size_t>(is.gcount()));
            BOOST_TEST(is.bad());
            BOOST_REQUIRE(filter.last_error());
            BOOST_TEST(static_cast<int>(filter.last_error()->condition()) ==
                       static_cast<int>(errc::truncated_input));
            // io::copy propagates the exception.
            require_zstd_error(errc::truncated_input, [&] {
                std::string sink;
                io::copy(io::compose(zstdio::zstd_decompressor(), io::array_source(t.data(), t.size())),
                         io::back_inserter(sink));
            });
            // A filtering_ostream finds it at close.
            require_zstd_error(errc::truncated_input, [&] { decompress_ostream(t); });
            require_zstd_error(errc::truncated_input, [&] { zstdio::decompress(t); });
        }
    }
}

BOOST_AUTO_TEST_CASE(corrupt_body_is_an_error)
{
    const std::string data = text(200000, 3);
    std::string z = zstdio::compress(data);
    z[z.size() / 2] = static_cast<char>(z[z.size() / 2] ^ 0x5A);
    z[z.size() / 2 + 1] = static_cast<char>(z[z.size() / 2 + 1] ^ 0xA5);
    for (auto decode : {+[](const std::string& s) { return decompress_istream(s); },
                        +[](const std::string& s) { return decompress_ostream(s); },
                        +[](const std::string& s) { return zstdio::decompress(s); }}) {
        try {
            decode(z);
            BOOST_FAIL("corrupt data decoded");
        } catch (const zstd_error& e) {
            BOOST_TEST_INFO(e.what());
            BOOST_TEST((e.condition() == errc::corruption_detected || e.condition() == errc::checksum_wrong));
        }
    }
}

BOOST_AUTO_TEST_CASE(checksum_mismatch_is_reported_as_such)
{
    // Incompressible data is stored in raw blocks: flipping a content byte
    // leaves the frame well-formed, so only the checksum can catch it.
    const std::string data = random_bytes(10000, 5);
    std::string z = zstdio::compress(data, 1);
    z[z.size() / 2] = static_cast<char>(z[z.size() / 2] ^ 1);
    require_zstd_error(errc::checksum_wrong, [&] { decompress_istream(z); });
    require_zstd_error(errc::checksum_wrong, [&] { decompress_ostream(z); });
    require_zstd_error(errc::checksum_wrong, [&] { zstdio::decompress(z); });
    BOOST_TEST(zstd_cli_status("-d -c", z).status != 0); // the CLI agrees
}

BOOST_AUTO_TEST_CASE(data_that_is_not_zstd)
{
    const std::string junk = "this is definitely not a zstd frame, just text";
    require_zstd_error(errc::not_zstd_frame, [&] { decompress_istream(junk); });
    require_zstd_error(errc::not_zstd_frame, [&] { decompress_ostream(junk); });
    require_zstd_error(errc::not_zstd_frame, [&] { zstdio::decompress(junk); });
    // Garbage after valid frames is an error too (the zstd CLI agrees).
    const std::string z = zstdio::compress(text(1000, 1)) + junk;
    require_zstd_error(errc::not_zstd_frame, [&] { decompress_istream(z); });
    require_zstd_error(errc::not_zstd_frame, [&] { zstdio::decompress(z); });
    BOOST_TEST(zstd_cli_status("-d -c", z).status != 0);
}

BOOST_AUTO_TEST_CASE(empty_input_is_an_error_like_the_cli_and_gzip)
{
    require_zstd_error(errc::not_zstd_frame, [&] { decompress_istream(""); });
    require_zstd_error(errc::not_zstd_frame, [&] { decompress_ostream(""); });
    require_zstd_error(errc::not_zstd_frame, [&] { zstdio::decompress(""); });
    BOOST_TEST(zstd_cli_status("-d -c", "").status != 0);
}

BOOST_AUTO_TEST_CASE(window_above_window_log_max)
{
    // A frame made with a 2^28 window (as `zstd --long=28` does).
    const std::string data = repetitive(1000);
    zstdio::zstd_params big;
    big.advanced = zstdio::compression_parameters().window_log(28);
    big.source_size.reset();
    std::string z;
    {
        io::filtering_ostream os;
        os.push(zstdio::zstd_compressor(big));
        os.push(io::back_inserter(z));
        os << data;
    }
    try {
        decompress_istream(z);
        BOOST_FAIL("decoded a frame with a window above the limit");
    } catch (const zstd_error& e) {
        BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(errc::window_too_large));
        BOOST_TEST(std::string(e.what()).find("256 MiB") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("window_log_max") != std::string::npos);
    }
    require_zstd_error(errc::window_too_large, [&] { decompress_ostream(z); });
    zstdio::zstd_params allow;
    allow.window_log_max = 28;
    BOOST_TEST(decompress_istream(z, allow) == data);
    // The CLI-made equivalent behaves the same.
    const std::string cli = zstd_cli("--long=28 -c", text(100000, 1));
    require_zstd_error(errc::window_too_large, [&] { decompress_istream(cli); });
    BOOST_TEST(decompress_istream(cli, allow) == text(100000, 1));
}

BOOST_AUTO_TEST_CASE(output_above_max_output_size)
{
    const std::string data = repetitive(1 << 20);
    const std::string z = compress_ostream(data); // no content size in the header
    zstdio::zstd_params p;
    p.max_output_size = 100000;
    require_zstd_error(errc::output_limit_exceeded, [&] { decompress_istream(z, p); });
    require_zstd_error(errc::output_limit_exceeded, [&] { decompress_ostream(z, p); });
    require_zstd_error(errc::output_limit_exceeded, [&] { zstdio::decompress(z, p); });
    // With the size in the header it is refused before decoding.
    require_zstd_error(errc::output_limit_exceeded, [&] { decompress_istream(zstdio::compress(data), p); });
    // Exactly at the limit is fine.
    p.max_output_size = data.size();
    BOOST_TEST(decompress_istream(z, p) == data);
    BOOST_TEST(decompress_ostream(z, p) == data);
}

BOOST_AUTO_TEST_CASE(copies_share_state_and_last_error)
{
    zstdio::zstd_decompressor mine;
    const std::string junk = "not zstd";
    io::filtering_istream is;
    is.push(mine); // push() copies
    is.push(io::array_source(junk.data(), junk.size()));
    char c;
    is.read(&c, 1);
    BOOST_TEST(is.bad());
    BOOST_REQUIRE(mine.last_error());
    BOOST_TEST(static_cast<int>(mine.last_error()->condition()) == static_cast<int>(errc::not_zstd_frame));
}

BOOST_AUTO_TEST_CASE(filter_works_again_after_an_error)
{
    zstdio::zstd_decompressor filter;
    const std::string good = zstdio::compress(text(5000, 1));
    const std::string bad = good.substr(0, good.size() / 2);
    for (int i = 0; i < 3; ++i) {
        std::string out;
        BOOST_CHECK_THROW(io::copy(io::compose(filter, io::array_source(bad.data(), bad.size())),
                                   io::back_inserter(out)),
                          zstd_error);
        out.clear();
        io::copy(io::compose(filter, io::array_source(good.data(), good.size())), io::back_inserter(out));
        BOOST_TEST(out == text(5000, 1));
        BOOST_TEST(!filter.last_error()); // cleared when the good stream started
    }
}

// ---------------------------------------------------------------------------
// The Alloc parameter is really used for the filter's buffers.

namespace {
std::atomic<std::size_t> allocated{0};

template <class T>
struct counting_allocator {
    using value_type = T;
    counting_allocator() = default;
    template <class U>
    counting_allocator(const counting_allocator<U>&) noexcept {}
    T* allocate(std::size_t n)
    {
        allocated += n * sizeof(T);
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) noexcept { std::allocator<T>().deallocate(p, n); }
    friend bool operator==(const counting_allocator&, const counting_allocator&) { return true; }
    friend bool operator!=(const counting_allocator&, const counting_allocator&) { return false; }
};
} // namespace

BOOST_AUTO_TEST_CASE(allocator_parameter_is_used)
{
    allocated = 0;
    zstdio::basic_zstd_compressor<counting_allocator<char>> c(3, 50000);
    BOOST_TEST(allocated.load() >= 50000u);
    allocated = 0;
    zstdio::basic_zstd_decompressor<counting_allocator<char>> d({}, 40000);
    BOOST_TEST(allocated.load() >= 40000u);
    const std::string data = text(100000, 1);
    std::string z, back;
    io::copy(io::array_source(data.data(), data.size()), io::compose(c, io::back_inserter(z)));
    io::copy(io::compose(d, io::array_source(z.data(), z.size())), io::back_inserter(back));
    BOOST_TEST(back == data);
}

// ---------------------------------------------------------------------------
// Interoperability with the zstd CLI

BOOST_AUTO_TEST_CASE(our_output_through_zstd_cli)
{
    for (int level : {1, 3, 19}) {
        const std::string data = text(250000, static_cast<std::uint32_t>(level));
        const std::string z = compress_ostream(data, level, 10000);
        BOOST_TEST(zstd_cli("-d -c", z) == data);
        BOOST_TEST(zstd_cli_status("-t", z).status == 0);
    }
}

BOOST_AUTO_TEST_CASE(cli_output_through_our_filters)
{
    const std::string data = text(600000, 21);
    for (const char* args : {"-c", "-1 -c", "-19 -c", "--fast=5 -c", "--no-check -c", "-T2 -c", "--long=27 -c",
                             "--ultra -22 -c", "--format=zstd -c --content-size"}) {
        BOOST_TEST_CONTEXT(args) {
            const std::string z = zstd_cli(args, data);
            BOOST_TEST(decompress_istream(z) == data);
            BOOST_TEST(decompress_ostream(z, {}, 4096) == data);
            BOOST_TEST(decompress_bounded(z, data.size()) == data);
        }
    }
    // Multi-frame file as `cat a.zst b.zst` makes it.
    const std::string multi = zstd_cli("-c", data) + zstd_cli("-3 -c", "second part");
    BOOST_TEST(decompress_istream(multi) == data + "second part");
}

BOOST_AUTO_TEST_CASE(errors_name_the_frame_needs_even_when_fed_byte_by_byte)
{
    // Frame header arriving one byte at a time (1-byte filter buffer).
    auto decode_tiny = [](const std::string& z, const zstdio::zstd_params& p) {
        std::string out;
        io::copy(io::compose(zstdio::zstd_decompressor(p, 1), io::array_source(z.data(), z.size())),
                 io::back_inserter(out), 1);
        return out;
    };
    zstdio::zstd_params big;
    big.advanced = zstdio::compression_parameters().window_log(29);
    const std::string wide = compress_ostream(repetitive(5000), big);
    try {
        decode_tiny(wide, {});
        BOOST_FAIL("decoded a frame above window_log_max");
    } catch (const zstd_error& e) {
        BOOST_TEST(std::string(e.what()).find("512 MiB") != std::string::npos, e.what());
    }
    // A dictionary made by `zstd --train`; the frame names its id.
    temp_dir dir;
    std::string files;
    for (int i = 0; i < 200; ++i) {
        const std::string name = dir.path("s" + std::to_string(i));
        write_file(name, "{\"id\": " + std::to_string(i) + ", \"name\": \"user" + std::to_string(i * 7) +
                             "\", \"tags\": [\"zstd\", \"boost\", \"iostreams\"], \"active\": true}");
        files += " " + quote(name);
    }
    BOOST_REQUIRE(run("zstd -q --train" + files + " -o " + quote(dir.path("dict")) + " --maxdict=4096").status == 0);
    const zstdio::zstd_dict dict(read_file(dir.path("dict")));
    BOOST_REQUIRE(dict.id() != 0u);
    zstdio::zstd_params with;
    with.dict = dict;
    const std::string record = "{\"id\": 5, \"name\": \"user35\", \"tags\": [\"zstd\"], \"active\": false}";
    const std::string z = compress_ostream(record, with);
    try {
        decode_tiny(z, {});
        BOOST_FAIL("decoded a dictionary frame without the dictionary");
    } catch (const zstd_error& e) {
        BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(errc::dictionary_mismatch));
        BOOST_TEST(std::string(e.what()).find("dictionary id " + std::to_string(dict.id())) != std::string::npos,
                   e.what());
    }
    BOOST_TEST(decode_tiny(z, with) == record);
    BOOST_TEST(zstd_cli("-d -c -D " + quote(dir.path("dict")), z) == record);
}

BOOST_AUTO_TEST_CASE(a_sink_that_accepts_nothing_is_an_error_not_a_hang)
{
    std::ofstream full("/dev/full", std::ios::binary);
    BOOST_REQUIRE(full.is_open());
    io::filtering_ostream os;
    os.push(zstdio::zstd_compressor(1));
    os.push(full);
    os << random_bytes(1 << 20, 3); // incompressible: output must reach the sink
    bool failed = os.bad();
    try {
        os.reset();
    } catch (const std::ios_base::failure&) {
        failed = true;
    }
    BOOST_TEST(failed);
}

BOOST_AUTO_TEST_CASE(truncated_stream_still_delivers_everything_decodable_first)
{
    // A writer that flushed and then died: zstd -dc prints all of it, then fails.
    const std::string part = text(40890, 4);
    std::string z;
    io::filtering_ostream os;
    os.push(zstdio::zstd_compressor());
    os.push(io::back_inserter(z));
    os << part;
    os.flush();
    const std::string cut = z; // the frame never ended
    os.reset();
    io::filtering_istream is;
    zstdio::zstd_decompressor filter;
    is.push(filter);
    is.push(io::array_source(cut.data(), cut.size()));
    // Character by character: a bulk read() that asks for more than is left
    // loses its partial count to the exception (std::istream drops gcount).
    std::string out;
    char c;
    while (is.get(c))
        out += c;
    BOOST_TEST(out == part);
    BOOST_TEST(is.bad());
    BOOST_REQUIRE(filter.last_error());
    BOOST_TEST(static_cast<int>(filter.last_error()->condition()) == static_cast<int>(errc::truncated_input));
}

BOOST_AUTO_TEST_CASE(multi_frame_false_skips_leading_skippable_frames)
{
    const std::string a = text(1000, 1), b = text(500, 2);
    const std::string z = skippable_frame("meta") + zstdio::compress(a) + zstdio::compress(b);
    zstdio::zstd_params p;
    p.multi_frame = false;
    BOOST_TEST(decompress_istream(z, p) == a);
    BOOST_TEST(decompress_ostream(z, p, 3) == a);
    BOOST_TEST(zstdio::decompress(z, p) == a);
    std::string out(a.size(), '\0');
    BOOST_TEST(zstdio::decompressor(p).decompress(z, out.data(), out.size()) == a.size());
    BOOST_TEST(out == a);
}
