// Tests for zstdio/seekable_compressor.hpp: files written by
// seekable_compressor read back by seekable_source (whole and at random
// offsets), by zstd_decompressor and by the zstd CLI; the frames and the
// table it writes; threads (the same bytes for every count), flush(), errors,
// dictionaries, frame sizes and the empty file.  scripts/seekable-contrib.sh
// checks that zstd's contrib seekable library reads them too.
#include <zstdio/seekable_compressor.hpp>

#define BOOST_TEST_MODULE seekable_compressor
#include <boost/test/unit_test.hpp>

#include <zstdio.hpp>

#include "support/print_optional.hpp"
#include "support/support.hpp"
#include "support/thrown.hpp"

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <boost/iostreams/stream.hpp>

#include <cstdint>
#include <ios>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace io = boost::iostreams;
using namespace zstdio;
using zstdio_test::error_of;
using zstdio_test::invalid_argument_message;
using zstdio_test::random_bytes;
using zstdio_test::text;

namespace {

using sink = io::back_insert_device<std::string>;

// `data` written through `f` directly (no chain buffer) in pieces of the
// sizes `chunks` gives in turn (0 = all at once), then closed.
std::string write_in_chunks(seekable_compressor f, const std::string& data, const std::vector<std::size_t>& chunks)
{
    std::string out;
    sink snk(out);
    std::size_t at = 0, k = 0;
    while (at < data.size()) {
        std::size_t n = chunks.empty() ? data.size() : chunks[k++ % chunks.size()];
        if (n == 0 || n > data.size() - at)
            n = data.size() - at;
        BOOST_TEST(f.write(snk, data.data() + at, static_cast<std::streamsize>(n)) == static_cast<std::streamsize>(n));
        at += n;
    }
    f.close(snk);
    return out;
}

// `data` written through a filtering_ostream.
std::string write_through_chain(const std::string& data, const zstd_params& p = {},
                                std::size_t frame_size = seekable_compressor::default_frame_size)
{
    std::string out;
    {
        io::filtering_ostream os;
        os.push(seekable_compressor(p, frame_size));
        os.push(sink(out));
        os.write(data.data(), static_cast<std::streamsize>(data.size()));
        BOOST_TEST(os.good());
    } // the destructor closes the chain: last frame and table
    return out;
}

seekable_source open_bytes(const std::string& file, const zstd_params& p = {})
{
    return seekable_source(io::array_source(file.data(), file.size()), p);
}

// The file has a table of the expected frames and reads back as `data`.
void check_file(const std::string& file, const std::string& data, std::size_t frame_size, const zstd_params& p = {})
{
    const seekable_source src = open_bytes(file, p);
    BOOST_TEST(src.has_seek_table());
    BOOST_TEST(src.size() == data.size());
    const seek_table& t = src.table();
    const std::size_t frames = data.empty() ? 1 : (data.size() + frame_size - 1) / frame_size;
    BOOST_TEST(t.frame_count() == frames);
    BOOST_TEST(t.has_checksums() == p.checksum);
    for (std::size_t i = 0; i < t.frame_count(); ++i) {
        const std::uint64_t expected = i + 1 < frames ? frame_size : data.size() - (frames - 1) * frame_size;
        BOOST_TEST(t[i].decompressed_size == expected);
        // Every frame records its content size (the table is checked against it).
        const std::string_view frame = std::string_view(file).substr(t[i].compressed_offset, t[i].compressed_size);
        const frame_parameters h = get_frame_parameters(frame);
        BOOST_TEST(h.content_size.value_or(unknown_size) == expected);
        BOOST_TEST(h.has_checksum == p.checksum);
    }
    BOOST_TEST(file.size() == t.compressed_size() + t.serialized_size());
    src.verify();
    std::string back(data.size(), '\0');
    BOOST_TEST(src.read_at(0, back.data(), back.size()) == data.size());
    BOOST_TEST((back == data));
}

std::string decompress_all(const std::string& file, const zstd_params& p = {})
{
    std::string out;
    io::filtering_istream in;
    in.push(zstd_decompressor(p));
    in.push(io::array_source(file.data(), file.size()));
    io::copy(in, sink(out));
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(round_trips_over_sizes_frame_sizes_and_write_patterns)
{
    const std::vector<std::vector<std::size_t>> patterns = {{}, {1}, {7, 1000, 3}, {65536}, {100000, 1, 131072}};
    for (const std::size_t frame_size : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, std::size_t{65536},
                                         seekable_compressor::default_frame_size}) {
        for (const std::size_t size : zstdio_test::interesting_sizes()) {
            // Frames of 1 or 7 bytes: small inputs only (a frame per byte).
            if (frame_size < 100 && size > 5000)
                continue;
            const std::string data = text(size, static_cast<std::uint32_t>(size + frame_size));
            for (const auto& pattern : patterns) {
                if (pattern == std::vector<std::size_t>{1} && size > 70000)
                    continue;
                BOOST_TEST_CONTEXT("frame_size " << frame_size << ", size " << size << ", pattern of "
                                                 << pattern.size() << " chunk sizes")
                {
                    const std::string file = write_in_chunks(seekable_compressor({}, frame_size), data, pattern);
                    check_file(file, data, frame_size);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(through_filtering_ostream_pipes_and_copy)
{
    const std::string data = text(700000, 5);
    const std::string via_chain = write_through_chain(data, {}, 50000);
    check_file(via_chain, data, 50000);
    // The same bytes however the data arrives.
    BOOST_TEST((write_in_chunks(seekable_compressor({}, 50000), data, {333}) == via_chain));

    std::string piped;
    {
        io::filtering_ostream os(seekable_compressor({}, 50000) | sink(piped));
        io::copy(io::array_source(data.data(), data.size()), os);
    }
    BOOST_TEST((piped == via_chain));

    // Without checksums: neither the frames nor the table have them.
    zstd_params p;
    p.checksum = false;
    const std::string plain = write_through_chain(data, p, 50000);
    check_file(plain, data, 50000, p);
}

BOOST_AUTO_TEST_CASE(random_reads_match_the_data)
{
    const std::string data = text(1500000, 9) + random_bytes(300000, 3);
    const std::size_t frame_size = 65536;
    const std::string file = write_through_chain(data, 3, frame_size);
    seekable_source src = open_bytes(file);
    io::stream<seekable_source> in(src);
    std::mt19937_64 rng(42);
    for (int i = 0; i < 300; ++i) {
        const std::uint64_t offset = rng() % data.size();
        const std::size_t n = static_cast<std::size_t>(rng() % 200000);
        std::string got(n, '\0');
        if (i % 2 == 0) {
            got.resize(src.read_at(offset, got.data(), n));
        } else {
            in.clear();
            in.seekg(static_cast<std::streamoff>(offset));
            in.read(got.data(), static_cast<std::streamsize>(n));
            got.resize(static_cast<std::size_t>(in.gcount()));
        }
        BOOST_TEST_REQUIRE((got == data.substr(static_cast<std::size_t>(offset), n)), "offset " << offset << " n " << n);
    }
}

BOOST_AUTO_TEST_CASE(zstd_cli_and_zstd_decompressor_read_the_files)
{
    const std::string data = text(400000, 11);
    for (const std::size_t frame_size : {std::size_t{1000}, std::size_t{65536}, std::size_t{1} << 20}) {
        for (const bool checksum : {true, false}) {
            zstd_params p;
            p.checksum = checksum;
            const std::string file = write_through_chain(data, p, frame_size);
            BOOST_TEST((zstdio_test::zstd_cli("-d -c", file) == data));
            BOOST_TEST((decompress_all(file) == data));
        }
    }
    // zstd -t checks every frame's checksum; zstd -l lists the frames.
    const std::string file = write_through_chain(data, {}, 100000);
    BOOST_TEST(zstdio_test::zstd_cli_status("-t", file).status == 0);
    // Skippable frame (the table) included: 4 + 1 frames.
    const std::vector<frame_info> frames = list_frames(file);
    BOOST_TEST(frames.size() == 5u);
    BOOST_TEST(frames.back().parameters.is_skippable);
}

BOOST_AUTO_TEST_CASE(the_bytes_are_the_same_for_every_thread_count)
{
    const std::string data = text(1200000, 13) + random_bytes(200000, 2) + text(345678, 14);
    const std::vector<std::size_t> chunks = {5000, 131072, 1, 70001};
    std::string reference;
    for (const int threads : {0, 1, 2, 3, -1}) {
        BOOST_TEST_CONTEXT("threads " << threads)
        {
            zstd_params p(5);
            p.threads = threads;
            seekable_compressor f(p, 65536);
            const std::size_t resolved = threads < 0 ? std::max(1u, std::thread::hardware_concurrency())
                                                     : static_cast<unsigned>(threads);
            BOOST_TEST(f.frames_in_flight() == (resolved > 1 ? 4 * resolved : 1));
            // Flushes at the same places too.
            std::string out;
            sink snk(out);
            std::size_t at = 0, k = 0;
            while (at < data.size()) {
                const std::size_t n = std::min(chunks[k++ % chunks.size()], data.size() - at);
                f.write(snk, data.data() + at, static_cast<std::streamsize>(n));
                at += n;
                if (k % 7 == 0)
                    f.flush(snk);
            }
            f.close(snk);
            if (reference.empty())
                reference = out;
            BOOST_TEST(out.size() == reference.size());
            BOOST_TEST((out == reference));
            const seekable_source src = open_bytes(out);
            BOOST_TEST(src.size() == data.size());
            src.verify();
        }
    }
    // Through a chain too.
    zstd_params p(5);
    p.threads = 2;
    check_file(write_through_chain(data, p, 65536), data, 65536);
    BOOST_TEST((write_through_chain(data, p, 65536) == write_through_chain(data, 5, 65536)));
}

BOOST_AUTO_TEST_CASE(flush_ends_the_frame)
{
    for (const int threads : {0, 2}) {
        BOOST_TEST_CONTEXT("threads " << threads)
        {
            zstd_params p;
            p.threads = threads;
            seekable_compressor f(p, 1000);
            std::string out;
            sink snk(out);
            const std::string data = text(3000, 4);
            f.write(snk, data.data(), 100);
            BOOST_TEST(f.frames_written() == 0u);
            BOOST_TEST(f.flush(snk));
            BOOST_TEST(f.frames_written() == 1u);
            // What was written so far decodes (no table yet: ordinary frames).
            BOOST_TEST((zstdio_test::zstd_cli("-d -c", out) == data.substr(0, 100)));
            f.flush(snk); // nothing new: no empty frame
            BOOST_TEST(f.frames_written() == 1u);
            f.write(snk, data.data() + 100, 2500); // frames of 1000 and 1000; 500 pending
            f.flush(snk);
            BOOST_TEST(f.frames_written() == 4u);
            BOOST_TEST((decompress_all(out) == data.substr(0, 2600)));
            f.write(snk, data.data() + 2600, 400);
            f.close(snk);
            const seekable_source src = open_bytes(out);
            const seek_table& t = src.table();
            BOOST_TEST_REQUIRE(t.frame_count() == 5u);
            const std::uint64_t sizes[] = {100, 1000, 1000, 500, 400};
            for (std::size_t i = 0; i < 5; ++i)
                BOOST_TEST(t[i].decompressed_size == sizes[i]);
            std::string back(3000, '\0');
            BOOST_TEST(src.read_at(0, back.data(), 3000) == 3000u);
            BOOST_TEST((back == data));
        }
    }
    // flush() of a filtering_ostream reaches the filter.
    std::string out;
    io::filtering_ostream os;
    os.push(seekable_compressor({}, 1 << 20));
    os.push(sink(out));
    os << "hello";
    os.flush();
    BOOST_TEST((decompress_all(out) == "hello"));
    os << " world";
    os.reset();
    BOOST_TEST(open_bytes(out).table().frame_count() == 2u);
    BOOST_TEST((decompress_all(out) == "hello world"));
}

namespace {

// A sink that takes `room` bytes, then fails.
struct failing_sink {
    using char_type = char;
    using category = io::sink_tag;
    std::shared_ptr<std::string> bytes = std::make_shared<std::string>();
    std::size_t room;
    explicit failing_sink(std::size_t r) : room(r) {}
    std::streamsize write(const char* s, std::streamsize n)
    {
        if (bytes->size() + static_cast<std::size_t>(n) > room)
            throw std::ios_base::failure("disk full");
        bytes->append(s, static_cast<std::size_t>(n));
        return n;
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_failing_sink_fails_the_file_until_close)
{
    const std::string data = text(500000, 8);
    for (const int threads : {0, 2}) {
        BOOST_TEST_CONTEXT("threads " << threads)
        {
            zstd_params p;
            p.threads = threads;
            seekable_compressor f(p, 10000);
            failing_sink bad(20000);
            std::size_t at = 0;
            bool failed = false;
            for (; at < data.size() && !failed; at += 4096) {
                try {
                    f.write(bad, data.data() + at, 4096);
                } catch (const std::ios_base::failure& e) {
                    BOOST_TEST(std::string(e.what()).find("disk full") != std::string::npos);
                    failed = true;
                }
            }
            BOOST_TEST(failed);
            // The same error again, and no frame written after it.
            const std::size_t written = bad.bytes->size();
            BOOST_CHECK_THROW(f.write(bad, data.data(), 10), std::ios_base::failure);
            BOOST_CHECK_THROW(f.flush(bad), std::ios_base::failure);
            BOOST_CHECK_THROW(f.close(bad), std::ios_base::failure);
            BOOST_TEST(bad.bytes->size() == written);
            // close() ended that file: the filter writes a new one.
            const std::string file = write_in_chunks(f, data, {4096});
            check_file(file, data, 10000);
        }
    }
    // Through a chain: badbit, and io::close throws.
    std::string out;
    io::filtering_ostream os;
    os.push(seekable_compressor({}, 1000));
    os.push(failing_sink(500));
    os.write(data.data(), 100000);
    os.flush();
    BOOST_TEST(os.bad());
    BOOST_CHECK_THROW(os.reset(), std::ios_base::failure);
}

BOOST_AUTO_TEST_CASE(a_pledged_source_size_is_the_whole_file)
{
    const std::string data = text(50000, 2);
    for (const int threads : {0, 2}) {
        zstd_params p;
        p.threads = threads;
        p.source_size = data.size();
        check_file(write_in_chunks(seekable_compressor(p, 4096), data, {1000}), data, 4096, p);

        std::string out;
        sink snk(out);
        seekable_compressor more(p, 4096);
        more.write(snk, data.data(), 40000);
        BOOST_TEST(error_of([&] { more.write(snk, data.data(), 10001); }).condition() == errc::src_size_wrong);
        BOOST_TEST(error_of([&] { more.close(snk); }).condition() == errc::src_size_wrong);

        seekable_compressor fewer(p, 4096);
        fewer.write(snk, data.data(), 40000);
        const zstd_error e = error_of([&] { fewer.close(snk); });
        BOOST_TEST(e.condition() == errc::src_size_wrong);
        BOOST_TEST(std::string(e.what()).find("40000") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(frames_use_the_params_dictionary_included)
{
    const std::string sample = text(20000, 77);
    zstd_params p(7);
    p.dict = zstd_dict(sample, dict_type::raw_content);
    const std::string data = text(300000, 78);
    for (const int threads : {0, 2}) {
        p.threads = threads;
        const std::string file = write_through_chain(data, p, 30000);
        check_file(file, data, 30000, p);
        // Each frame is what compressor(p) makes of its content.
        const seekable_source src = open_bytes(file, p);
        zstd_params one = p;
        one.threads = 0;
        compressor c(one);
        for (std::size_t i = 0; i < src.table().frame_count(); ++i) {
            const seek_table::entry e = src.table()[i];
            BOOST_TEST((file.substr(e.compressed_offset, e.compressed_size) ==
                        c.compress(std::string_view(data).substr(e.decompressed_offset, e.decompressed_size))));
        }
        // Without the dictionary the frames do not decode.
        const seekable_source without = open_bytes(file);
        char ch = 0;
        BOOST_CHECK_THROW(without.read_at(0, &ch, 1), zstd_error);
    }
}

BOOST_AUTO_TEST_CASE(invalid_frame_sizes_and_formats)
{
    for (const std::size_t bad : {std::size_t{0}, seekable_compressor::max_frame_size + 1,
                                  std::size_t{0xFFFFFFFFu}, std::numeric_limits<std::size_t>::max()}) {
        const std::string what = invalid_argument_message([&] { seekable_compressor f({}, bad); });
        BOOST_TEST(what.find("frame_size") != std::string::npos, what);
    }
    BOOST_TEST(seekable_compressor::max_frame_size == std::size_t{1} << 30);
    // The limits themselves are fine (nothing is allocated up front).
    BOOST_TEST(seekable_compressor({}, 1).frame_size() == 1u);
    seekable_compressor biggest({}, seekable_compressor::max_frame_size);
    BOOST_TEST(biggest.frame_size() == seekable_compressor::max_frame_size);
    BOOST_TEST(biggest.memory_size() < (std::size_t{64} << 20));
    const std::string data = text(100000, 1);
    check_file(write_in_chunks(biggest, data, {}), data, seekable_compressor::max_frame_size);

    zstd_params magicless;
    magicless.format = frame_format::magicless;
    BOOST_CHECK_THROW(seekable_compressor{magicless}, std::invalid_argument);
    BOOST_CHECK_THROW(seekable_compressor{999}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_empty_file)
{
    for (const int threads : {0, 2}) {
        zstd_params p;
        p.threads = threads;
        const std::string file = write_through_chain("", p);
        // One empty frame (with its checksum) and a table of one entry.
        const seekable_source src = open_bytes(file);
        BOOST_TEST(src.size() == 0u);
        BOOST_TEST(src.table().frame_count() == 1u);
        BOOST_TEST(src.table()[0].checksum == seek_table::content_checksum(""));
        check_file(file, "", 1 << 20);
        BOOST_TEST(zstdio_test::zstd_cli("-d -c", file).empty());
        BOOST_TEST(decompress_all(file).empty());
        // Every open/close cycle writes one file: twice the same.
        seekable_compressor f(p);
        BOOST_TEST((write_in_chunks(f, "", {}) == file));
        BOOST_TEST((write_in_chunks(f, "", {}) == file));
    }
}
