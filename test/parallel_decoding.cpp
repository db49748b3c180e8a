// Parallel decoding (zstd_params::threads on decoding, DESIGN.md "Parallel
// decoding"): every decoder gives, with threads, what it gives without them:
// the same bytes, and for bad input the bytes of the frames before the bad
// one and then the same zstd_error (condition and message).
#define BOOST_TEST_MODULE parallel_decoding
#include <boost/test/unit_test.hpp>

#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/seek_table.hpp>
#include <zstdio/seekable_compressor.hpp>
#include <zstdio/seekable_source.hpp>

#include "support/support.hpp"

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <boost/iostreams/stream.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace io = boost::iostreams;
using namespace zstdio;
using zstdio_test::text;

namespace {

// Frames of `frame_size` bytes of `data` each, compressed with `p`; the
// content offset where each frame starts goes to `starts`.
std::string frames_of(const std::string& data, std::size_t frame_size, const zstd_params& p = {},
                      std::vector<std::size_t>* starts = nullptr, std::vector<std::size_t>* offsets = nullptr)
{
    compressor c(p);
    std::string out;
    for (std::size_t at = 0; at < data.size() || at == 0; at += frame_size) {
        if (starts)
            starts->push_back(at);
        if (offsets)
            offsets->push_back(out.size());
        if (p.content_size) {
            out += c.compress(std::string_view(data).substr(at, frame_size));
        } else { // a streamed frame: no content size in its header
            std::string z;
            io::filtering_ostream os;
            os.push(zstd_compressor(p));
            os.push(io::back_inserter(z));
            os.write(data.data() + at, static_cast<std::streamsize>(std::min(frame_size, data.size() - at)));
            os.reset();
            out += z;
        }
        if (data.empty())
            break;
    }
    return out;
}

std::string skippable(std::size_t size)
{
    std::string f = {'\x50', '\x2A', '\x4D', '\x18'};
    for (int i = 0; i < 4; ++i)
        f += static_cast<char>((size >> (8 * i)) & 0xFF);
    return f + std::string(size, 's');
}

zstd_params with_threads(zstd_params p, int threads)
{
    p.threads = threads;
    return p;
}

// What a decoder gave: its bytes, then its error if any.
struct outcome {
    std::string bytes;
    std::optional<zstd_error> error;
};

std::string describe(const outcome& o)
{
    return std::to_string(o.bytes.size()) + " bytes, " + (o.error ? std::string(o.error->what()) : "no error");
}

enum class api { istream, ostream, copy_stream, decompress };
const api every_api[] = {api::istream, api::ostream, api::copy_stream, api::decompress};

const char* name(api a)
{
    switch (a) {
    case api::istream: return "filtering_istream";
    case api::ostream: return "filtering_ostream";
    case api::copy_stream: return "copy_stream";
    default: return "decompress";
    }
}

outcome decode(api a, const std::string& z, const zstd_params& p, std::size_t chunk)
{
    outcome o;
    try {
        switch (a) {
        case api::istream: {
            zstd_decompressor filter(p);
            io::filtering_istream is;
            is.push(filter);
            is.push(io::array_source(z.data(), z.size()));
            std::vector<char> buf(chunk);
            while (is.read(buf.data(), static_cast<std::streamsize>(buf.size())) || is.gcount() > 0)
                o.bytes.append(buf.data(), static_cast<std::size_t>(is.gcount()));
            if (is.bad()) {
                BOOST_REQUIRE(filter.last_error());
                o.error = *filter.last_error();
            }
            break;
        }
        case api::ostream: {
            io::filtering_ostream os;
            os.push(zstd_decompressor(p));
            os.push(io::back_inserter(o.bytes));
            for (std::size_t i = 0; i < z.size() && os; i += chunk)
                os.write(z.data() + i, static_cast<std::streamsize>(std::min(chunk, z.size() - i)));
            const bool bad = !os;
            try {
                os.reset(); // a failure kept by the filter is thrown at close
            } catch (const zstd_error& e) {
                o.error = e;
            }
            BOOST_TEST((!bad || o.error));
            break;
        }
        case api::copy_stream: {
            io::array_source src(z.data(), z.size());
            decompressor(p).copy_stream(src, io::back_inserter(o.bytes), unknown_size, chunk);
            break;
        }
        case api::decompress: o.bytes = decompressor(p).decompress(z, std::uint64_t{1} << 30); break;
        }
    } catch (const zstd_error& e) {
        o.error = e;
    }
    return o;
}

// libzstd words some corrupt frames differently depending on how their
// bytes arrive ("Destination buffer is too small" or "Data corruption
// detected"), for serial decoding too (doc/parallel.md).
bool libzstd_words_it_either_way(const zstd_error& x, const zstd_error& y)
{
    auto either = [](const zstd_error& e) {
        return e.condition() == errc::corruption_detected || e.condition() == errc::dst_size_too_small;
    };
    return either(x) && either(y);
}

// Decodes `z` serially and with each thread count, through `a`, and checks
// they agree.  Returns the serial outcome.
outcome check_same(api a, const std::string& z, const zstd_params& p, std::size_t chunk,
                   const std::vector<int>& threads = {1, 2, 3, 8, -1})
{
    const outcome serial = decode(a, z, with_threads(p, 0), chunk);
    for (const int t : threads) {
        BOOST_TEST_CONTEXT(name(a) << ", threads " << t << ", chunk " << chunk << ", " << z.size()
                                   << " compressed bytes; serial: " << describe(serial))
        {
            const outcome parallel = decode(a, z, with_threads(p, t), chunk);
            BOOST_TEST(parallel.error.has_value() == serial.error.has_value());
            if (parallel.error && serial.error && !libzstd_words_it_either_way(*parallel.error, *serial.error)) {
                BOOST_TEST(static_cast<int>(parallel.error->condition()) == static_cast<int>(serial.error->condition()));
                BOOST_TEST(std::string(parallel.error->what()) == std::string(serial.error->what()));
            }
            if (!serial.error || a == api::ostream || a == api::copy_stream) {
                // Pushed output is handed on as it is decoded: the same bytes.
                BOOST_TEST(parallel.bytes.size() == serial.bytes.size());
                BOOST_TEST((parallel.bytes == serial.bytes));
            } else if (a == api::istream) {
                // A read that fails drops what it decoded in that call, so
                // the bytes before the error are a prefix of serial's or
                // serial's a prefix of them: they agree as far as both go.
                const std::size_t n = std::min(parallel.bytes.size(), serial.bytes.size());
                BOOST_TEST(parallel.bytes.compare(0, n, serial.bytes, 0, n) == 0);
            }
        }
    }
    return serial;
}

} // namespace

BOOST_AUTO_TEST_CASE(same_bytes_over_frame_sizes_threads_and_chunks)
{
    const std::string data = text(3000000, 1);
    for (const std::size_t frame_size : {std::size_t{4096}, std::size_t{100000}, std::size_t{1} << 20}) {
        const std::string z = frames_of(data, frame_size);
        for (const api a : every_api)
            for (const std::size_t chunk : {std::size_t{1000}, std::size_t{65536}, std::size_t{1} << 20}) {
                const outcome serial = check_same(a, z, {}, chunk, {2, 3});
                BOOST_TEST(!serial.error);
                BOOST_TEST((serial.bytes == data));
            }
    }
}

BOOST_AUTO_TEST_CASE(every_thread_count)
{
    const std::string data = text(2000000, 2);
    const std::string z = frames_of(data, 65536);
    for (const api a : every_api)
        BOOST_TEST((check_same(a, z, {}, 8192).bytes == data));
}

BOOST_AUTO_TEST_CASE(frames_of_every_kind_in_one_stream)
{
    // Small frames (jobs), frames too large for a job (decoded in the
    // calling thread), frames without a content size (small and large),
    // empty frames and skippable frames, in one stream.
    const std::string a = text(700000, 3), big = text(9000000, 4), b = text(300000, 5), c = text(9500000, 6);
    zstd_params unsized;
    unsized.content_size = false;
    const std::string z = frames_of(a, 50000) + skippable(10) + frames_of(big, big.size()) + frames_of("", 1) +
                          frames_of(b, 30000, unsized) + skippable(0) + frames_of(c, c.size(), unsized) +
                          frames_of(a, 100000) + skippable(9000000) + frames_of(b, 100000);
    const std::string expected = a + big + b + c + a + b;
    for (const api x : every_api)
        BOOST_TEST((check_same(x, z, {}, 131072, {2}).bytes == expected));
}

BOOST_AUTO_TEST_CASE(a_single_frame_decodes_the_same)
{
    const std::string data = text(12000000, 7);
    const std::string z = frames_of(data, data.size());
    for (const api a : every_api)
        BOOST_TEST((check_same(a, z, {}, 131072, {2}).bytes == data));
    zstd_params unsized;
    unsized.content_size = false;
    const std::string u = frames_of(data, data.size(), unsized);
    for (const api a : {api::istream, api::ostream, api::copy_stream})
        BOOST_TEST((check_same(a, u, {}, 131072, {2}).bytes == data));
}

BOOST_AUTO_TEST_CASE(truncation_at_every_frame_boundary_and_inside)
{
    const std::string data = text(400000, 8);
    std::vector<std::size_t> offsets;
    const std::string z = frames_of(data, 40000, {}, nullptr, &offsets);
    std::vector<std::size_t> cuts = {0, 1, 3, 5, 9};
    for (const std::size_t at : offsets)
        for (const std::size_t d : {std::size_t{0}, std::size_t{2}, std::size_t{7}, std::size_t{300}})
            if (at + d < z.size() && at + d > 0)
                cuts.push_back(at + d);
    cuts.push_back(z.size() - 1);
    for (const std::size_t cut : cuts)
        for (const api a : every_api) {
            const outcome o = check_same(a, z.substr(0, cut), {}, 16384, {2, 3});
            const bool at_a_boundary = std::find(offsets.begin(), offsets.end(), cut) != offsets.end() && cut > 0;
            BOOST_TEST(o.error.has_value() == !at_a_boundary);
        }
}

BOOST_AUTO_TEST_CASE(corruption_in_the_first_a_middle_and_the_last_frame)
{
    const std::string data = text(1000000, 9);
    std::vector<std::size_t> offsets;
    zstd_params p;
    p.checksum = true;
    const std::string z = frames_of(data, 50000, p, nullptr, &offsets);
    for (const std::size_t frame : {std::size_t{0}, offsets.size() / 2, offsets.size() - 1}) {
        const std::size_t end = frame + 1 < offsets.size() ? offsets[frame + 1] : z.size();
        for (const std::size_t where : {offsets[frame] + 20, (offsets[frame] + end) / 2, end - 2}) {
            std::string bad = z;
            bad[where] = static_cast<char>(bad[where] ^ 0x5A);
            for (const api a : every_api) {
                const outcome o = check_same(a, bad, p, 32768, {2, 8});
                BOOST_TEST(o.error.has_value());
                if (a == api::ostream || a == api::copy_stream)
                    BOOST_TEST(o.bytes.size() >= frame * 50000); // every frame before the bad one
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(max_output_size_in_the_middle)
{
    const std::string data = text(1000000, 10);
    const std::string z = frames_of(data, 30000);
    for (const std::uint64_t limit : {std::uint64_t{1}, std::uint64_t{30000}, std::uint64_t{450001}, std::uint64_t{999999}}) {
        zstd_params p;
        p.max_output_size = limit;
        for (const api a : {api::istream, api::ostream, api::copy_stream}) {
            const outcome o = check_same(a, z, p, 65536, {2, 3});
            BOOST_TEST(o.error.has_value());
            if (o.error)
                BOOST_TEST(static_cast<int>(o.error->condition()) == static_cast<int>(errc::output_limit_exceeded));
        }
    }
    zstd_params p;
    p.max_output_size = data.size();
    for (const api a : {api::istream, api::ostream, api::copy_stream})
        BOOST_TEST((check_same(a, z, p, 65536, {2}).bytes == data));
}

BOOST_AUTO_TEST_CASE(trailing_garbage_empty_input_and_windows)
{
    const std::string data = text(300000, 11);
    const std::string z = frames_of(data, 20000);
    for (const api a : every_api) {
        BOOST_TEST(check_same(a, z + "not zstd at all", {}, 4096, {2}).error.has_value());
        BOOST_TEST(check_same(a, "", {}, 4096, {2}).error.has_value());
        check_same(a, skippable(5), {}, 4096, {2});
    }
    // A window above window_log_max in a middle frame.
    zstd_params big_window;
    big_window.advanced = compression_parameters().window_log(24);
    big_window.content_size = false;
    const std::string wide = frames_of(data, 20000) + frames_of(text(100000, 12), 100000, big_window) + z;
    zstd_params limited;
    limited.window_log_max = 20;
    for (const api a : {api::istream, api::ostream, api::copy_stream})
        BOOST_TEST(check_same(a, wide, limited, 8192, {2}).error.has_value());
}

// Found by the filter_decompress fuzz target: a frame whose content exactly
// fills the filter's output buffer, then bytes that are no frame.  The
// worker's frame was delivered into the reader's buffer and then lost to an
// "internal error" at the end instead of serial decoding's "trailing bytes"
// error after the frame's content.
BOOST_AUTO_TEST_CASE(a_frame_filling_the_reader_s_buffer_then_other_bytes)
{
    const std::string data = text(131072, 13);
    const std::string z = frames_of(data, data.size()) + std::string(6, '\0');
    for (const std::size_t chunk : {std::size_t{1000}, std::size_t{131072}, std::size_t{1} << 20}) {
        const outcome serial = decode(api::istream, z, with_threads({}, 0), chunk);
        const outcome parallel = decode(api::istream, z, with_threads({}, 2), chunk);
        BOOST_TEST_REQUIRE(serial.error.has_value());
        BOOST_TEST_REQUIRE(parallel.error.has_value());
        BOOST_TEST(std::string(parallel.error->what()) == std::string(serial.error->what()));
        BOOST_TEST((parallel.bytes == serial.bytes)); // a failing istream read drops its last piece in both
        BOOST_TEST(data.compare(0, serial.bytes.size(), serial.bytes) == 0);
    }
    for (const api a : every_api)
        check_same(a, z, {}, 4096, {2});
}

BOOST_AUTO_TEST_CASE(with_a_dictionary)
{
    std::vector<std::string> samples;
    for (std::uint32_t i = 0; i < 400; ++i)
        samples.push_back(text(600, 100 + i));
    const zstd_dict dict = train_dictionary(8192, samples);
    zstd_params p;
    p.dict = dict;
    const std::string data = text(500000, 13);
    const std::string z = frames_of(data, 2000, p);
    for (const api a : every_api)
        BOOST_TEST((check_same(a, z, p, 32768, {2}).bytes == data));
    // Without it, the same error with threads as without.
    for (const api a : every_api)
        BOOST_TEST(check_same(a, z, {}, 32768, {2}).error.has_value());
}

BOOST_AUTO_TEST_CASE(seekable_files_and_their_table)
{
    const std::string data = text(3000000, 14);
    std::string z;
    {
        io::filtering_ostream os;
        os.push(seekable_compressor({}, 100000));
        os.push(io::back_inserter(z));
        os.write(data.data(), static_cast<std::streamsize>(data.size()));
        os.reset();
    }
    for (const api a : every_api)
        BOOST_TEST((check_same(a, z, {}, 65536, {2, 3}).bytes == data));
}

BOOST_AUTO_TEST_CASE(random_chunks_and_mutations)
{
    // Random frame sizes, random cuts and flipped bytes: serial and parallel
    // always agree.
    std::mt19937 rng(15);
    for (int round = 0; round < 12; ++round) {
        std::string z, expected;
        const int frames = 1 + static_cast<int>(rng() % 40);
        for (int f = 0; f < frames; ++f) {
            const std::string piece = text(rng() % 70000, rng());
            expected += piece;
            z += frames_of(piece, piece.size() + 1);
        }
        if (round % 3 == 1)
            z.resize(rng() % z.size());
        if (round % 3 == 2)
            z[rng() % z.size()] ^= static_cast<char>(1 + rng() % 255);
        for (const api a : every_api)
            check_same(a, z, {}, 1 + rng() % 100000, {2, 3});
    }
}

namespace {
// Threads of this process now (Linux: /proc/self/task).
std::size_t threads_now()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& t : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

// Threads running while a filtering_istream with `p` is half way through `z`.
std::size_t threads_while_reading(const std::string& z, const zstd_params& p, std::size_t content)
{
    io::filtering_istream is;
    is.push(zstd_decompressor(p));
    is.push(io::array_source(z.data(), z.size()));
    std::string half(content / 2, '\0');
    is.read(half.data(), static_cast<std::streamsize>(half.size()));
    BOOST_TEST(is.good());
    return threads_now();
}
} // namespace

BOOST_AUTO_TEST_CASE(workers_decode_many_frames_and_a_single_frame_starts_none)
{
    const std::string data = text(6000000, 16);
    const std::size_t before = threads_now();
    const std::string many = frames_of(data, 65536);
    BOOST_TEST(threads_while_reading(many, with_threads({}, 0), data.size()) == before);
    // Three decoding threads: the reader's own and two workers, the
    // executor's calling thread of its own and one of its pool
    // (doc/parallel.md).  One thread is one worker.
    BOOST_TEST(threads_while_reading(many, with_threads({}, 3), data.size()) == before + 2);
    BOOST_TEST(threads_while_reading(many, with_threads({}, 1), data.size()) == before + 1);
    const std::string one = frames_of(data, data.size());
    BOOST_TEST(threads_while_reading(one, with_threads({}, 3), data.size()) == before);
    BOOST_TEST(threads_now() == before); // the workers stop with the stream
}

// A reader's memory does not grow with the stream: input waits in the
// filter's buffer while every frame slot is busy, instead of piling up
// (text compresses several times, so each read of content pulls several
// reads' worth of input).
BOOST_AUTO_TEST_CASE(memory_does_not_grow_with_the_stream)
{
    auto memory_after_reading = [](const std::string& z, std::size_t content) {
        zstd_decompressor filter(with_threads({}, 2));
        io::filtering_istream is;
        is.push(filter);
        is.push(io::array_source(z.data(), z.size()));
        std::vector<char> buf(64 * 1024);
        std::size_t got = 0;
        while (is.read(buf.data(), static_cast<std::streamsize>(buf.size())) || is.gcount() > 0)
            got += static_cast<std::size_t>(is.gcount());
        BOOST_TEST(got == content);
        return filter.memory_size();
    };
    const std::size_t frame = 512 * 1024;
    const std::string short_data = text(12 * frame, 31), long_data = text(64 * frame, 31);
    const std::string short_z = frames_of(short_data, frame), long_z = frames_of(long_data, frame);
    BOOST_TEST_REQUIRE(long_z.size() > 10 * frame); // far more than the 8 frames in flight hold
    const std::size_t short_memory = memory_after_reading(short_z, short_data.size());
    const std::size_t long_memory = memory_after_reading(long_z, long_data.size());
    BOOST_TEST_MESSAGE("memory after 12 frames (" << short_z.size() << " compressed bytes): " << short_memory
                                                  << ", after 64 (" << long_z.size() << "): " << long_memory);
    BOOST_TEST(long_memory <= short_memory + frame);
}

// ---------------------------------------------------------------------------
// seekable_source: sequential reads decode the next frames ahead

namespace {
outcome read_seekable(const std::string& z, const zstd_params& p, std::size_t chunk, std::uint64_t from = 0)
{
    outcome o;
    try {
        seekable_source src(io::array_source(z.data(), z.size()), p);
        src.seek(static_cast<io::stream_offset>(from), std::ios_base::beg);
        std::vector<char> buf(chunk);
        for (;;) {
            const std::streamsize got = src.read(buf.data(), static_cast<std::streamsize>(buf.size()));
            if (got < 0)
                break;
            o.bytes.append(buf.data(), static_cast<std::size_t>(got));
        }
    } catch (const zstd_error& e) {
        o.error = e;
    }
    return o;
}

std::string seekable_of(const std::string& data, std::size_t frame_size, const zstd_params& p = {})
{
    std::string z;
    io::filtering_ostream os;
    os.push(seekable_compressor(p, frame_size));
    os.push(io::back_inserter(z));
    os.write(data.data(), static_cast<std::streamsize>(data.size()));
    os.reset();
    return z;
}
} // namespace

BOOST_AUTO_TEST_CASE(seekable_source_reads_ahead)
{
    const std::string data = text(3000000, 17);
    const std::string z = seekable_of(data, 50000);
    for (const int t : {1, 2, 3, 8, -1})
        for (const std::size_t chunk : {std::size_t{1000}, std::size_t{65536}, std::size_t{300000}})
            for (const std::uint64_t from : {std::uint64_t{0}, std::uint64_t{1234567}}) {
                const outcome o = read_seekable(z, with_threads({}, t), chunk, from);
                BOOST_TEST(!o.error);
                BOOST_TEST((o.bytes == data.substr(from)));
            }
    // Seeks between reads: back, forward, inside the frame read last.
    seekable_source src(io::array_source(z.data(), z.size()), with_threads({}, 2));
    io::stream<seekable_source> in(src);
    std::mt19937 rng(18);
    std::string buf(70000, '\0');
    for (int i = 0; i < 200; ++i) {
        const std::size_t at = i % 3 == 0 ? rng() % data.size() : static_cast<std::size_t>(in.tellg());
        in.seekg(static_cast<std::streamoff>(at));
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const std::size_t got = static_cast<std::size_t>(in.gcount());
        BOOST_TEST((buf.compare(0, got, data, at, got) == 0));
        BOOST_TEST(got == std::min(buf.size(), data.size() - at));
        in.clear();
    }
}

BOOST_AUTO_TEST_CASE(seekable_source_read_ahead_errors_are_the_serial_ones)
{
    const std::string data = text(2000000, 19);
    const std::string good = seekable_of(data, 40000);
    const seek_table t = *seek_table::read(good);
    for (const std::size_t frame : {std::size_t{0}, std::size_t{7}, t.frame_count() - 1}) {
        std::string bad = good;
        const std::size_t at = static_cast<std::size_t>(t[frame].compressed_offset + t[frame].compressed_size / 2);
        bad[at] ^= 0x21;
        bad[at + 1] ^= 0x43;
        const outcome serial = read_seekable(bad, {}, 65536);
        const outcome parallel = read_seekable(bad, with_threads({}, 2), 65536);
        BOOST_TEST(serial.error.has_value());
        BOOST_TEST(parallel.error.has_value());
        if (serial.error && parallel.error)
            BOOST_TEST(std::string(parallel.error->what()) == std::string(serial.error->what()));
        // The frames before the bad one, but for the read that fails
        // (a read is all or nothing), and nothing of it.
        BOOST_TEST(parallel.bytes.size() <= frame * 40000);
        BOOST_TEST(parallel.bytes.size() + 65536 > frame * 40000);
        BOOST_TEST((parallel.bytes == serial.bytes));
    }
}

BOOST_AUTO_TEST_CASE(seekable_source_read_ahead_uses_workers)
{
    const std::string data = text(6000000, 20);
    const std::string z = seekable_of(data, 65536);
    const std::size_t before = threads_now();
    seekable_source src(io::array_source(z.data(), z.size()), with_threads({}, 2));
    std::string buf(data.size() / 2, '\0');
    BOOST_TEST(src.read(buf.data(), static_cast<std::streamsize>(buf.size())) > 0);
    while (src.position() < data.size() / 2)
        src.read(buf.data(), static_cast<std::streamsize>(data.size() / 2 - src.position()));
    // Two decoding threads: the reader's and one worker.
    BOOST_TEST(threads_now() == before + 1);
    // read_at() decodes in the calling thread.
    seekable_source other(io::array_source(z.data(), z.size()), with_threads({}, 2));
    for (std::size_t at = 0; at < data.size(); at += 65536)
        BOOST_TEST(other.read_at(at, buf.data(), 100) == 100u);
    BOOST_TEST(threads_now() == before + 1);
}

BOOST_AUTO_TEST_CASE(a_caller_s_executor)
{
    // params.pool: every stream's workers run on the caller's executor
    // (its pool threads started once), for every decoder and the writer.
    auto pool = std::make_shared<executor>(3);
    zstd_params p;
    p.threads = 3;
    p.pool = pool;
    const std::string data = text(1500000, 21);
    const std::string z = frames_of(data, 40000);
    for (int round = 0; round < 3; ++round)
        for (const api a : every_api)
            BOOST_TEST((decode(a, z, p, 65536).bytes == data));
    BOOST_TEST(pool->started_threads() >= 1u);
    BOOST_TEST(pool->started_threads() <= 2u); // never more than it has
    const std::string s = seekable_of(data, 30000, p); // the writer's workers too
    BOOST_TEST((read_seekable(s, p, 50000).bytes == data));
    BOOST_TEST((decode(api::decompress, s, {}, 1).bytes == data));
    BOOST_TEST(pool->started_threads() <= 2u);
}
