// zstdio tests — reliability: error behaviour in filter chains, exceptions
// from a user's devices, streams destroyed mid-way, concurrent use of shared
// dictionaries and multi-threaded compression, and regressions found by the
// fuzz targets in test/fuzz/.
//
// These tests are also what scripts/asan.sh, scripts/tsan.sh and
// scripts/valgrind.sh run the exception paths with: a leak or a race on any
// of these paths fails those runs.
#include <zstdio.hpp>

#define BOOST_TEST_MODULE reliability
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace io = boost::iostreams;
using zstdio::errc;
using zstdio::zstd_error;
using zstdio_test::random_bytes;
using zstdio_test::text;

namespace {

bool has_condition(const zstd_error& e, errc c) { return e.condition() == c; }

std::string decode_with_filter(const std::string& frame, const zstdio::zstd_params& p = {})
{
    std::string out;
    io::filtering_istream in;
    in.push(zstdio::zstd_decompressor(p));
    in.push(io::array_source(frame.data(), frame.size()));
    io::copy(in, io::back_inserter(out));
    return out;
}

std::string compress_with_ostream(const std::string& data, const zstdio::zstd_params& p = {})
{
    std::string frame;
    io::filtering_ostream out;
    out.push(zstdio::zstd_compressor(p));
    out.push(io::back_inserter(frame));
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.reset();
    return frame;
}

/// A user's exception type that is no iostreams failure, with a payload.
struct user_error {
    int tag;
};

/// A source that serves `data` and then throws user_error{tag} instead of
/// returning more.
struct throwing_source {
    using char_type = char;
    using category = io::source_tag;
    std::shared_ptr<std::string> data;
    std::size_t pos = 0;
    int tag;
    std::streamsize read(char* s, std::streamsize n)
    {
        if (pos == data->size())
            throw user_error{tag};
        const std::size_t k = std::min(data->size() - pos, static_cast<std::size_t>(n));
        data->copy(s, k, pos);
        pos += k;
        return static_cast<std::streamsize>(k);
    }
};

/// A sink that accepts `budget` bytes and then throws user_error{tag}.
struct throwing_sink {
    using char_type = char;
    using category = io::sink_tag;
    std::size_t budget;
    int tag;
    std::streamsize write(const char*, std::streamsize n)
    {
        if (static_cast<std::size_t>(n) > budget)
            throw user_error{tag};
        budget -= static_cast<std::size_t>(n);
        return n;
    }
};

} // namespace

// ---------------------------------------------------------------------------
// After a zstd_error: failed state, safe close and destruction, next stream works.

BOOST_AUTO_TEST_CASE(istream_after_truncation_is_bad_and_the_next_stream_works)
{
    const std::string data = text(200000, 3);
    const std::string frame = zstdio::compress(data);
    zstdio::zstd_decompressor filter; // the user's copy: shares state with the chain's
    {
        io::filtering_istream in;
        in.push(filter);
        in.push(io::array_source(frame.data(), frame.size() - 10));
        std::string got;
        char buf[1000];
        while (in.read(buf, sizeof buf) || in.gcount() > 0)
            got.append(buf, static_cast<std::size_t>(in.gcount()));
        BOOST_TEST(in.bad());
        BOOST_TEST(!in.eof());
        BOOST_REQUIRE(filter.last_error().has_value());
        BOOST_TEST(filter.last_error()->condition() == errc::truncated_input);
        BOOST_TEST(got.size() < data.size());
        BOOST_TEST(data.compare(0, got.size(), got) == 0); // what came out is a correct prefix
        in.reset();                                        // closing after the error is safe
    }                                                      // and so is destroying it
    // The same filter object serves the next stream.
    io::filtering_istream again;
    again.push(filter);
    again.push(io::array_source(frame.data(), frame.size()));
    std::string out;
    io::copy(again, io::back_inserter(out));
    BOOST_TEST(out == data);
    BOOST_TEST(!filter.last_error().has_value());
}

BOOST_AUTO_TEST_CASE(istream_corruption_propagates_through_copy_and_stays_failed)
{
    std::string frame = zstdio::compress(random_bytes(50000, 4));
    frame[frame.size() / 2] ^= 0x5a;
    zstdio::zstd_decompressor filter;
    io::filtering_istream in;
    in.push(filter);
    in.push(io::array_source(frame.data(), frame.size()));
    auto corrupt = [](const zstd_error& e) {
        return e.condition() == errc::corruption_detected || e.condition() == errc::checksum_wrong;
    };
    auto read_all = [&] {
        char buf[4096];
        while (in.rdbuf()->sgetn(buf, sizeof buf) > 0) {
        }
    };
    BOOST_CHECK_EXCEPTION(read_all(), zstd_error, corrupt);
    // Reading again keeps failing with the same error instead of resuming.
    BOOST_CHECK_EXCEPTION(read_all(), zstd_error, corrupt);
    BOOST_TEST(filter.last_error().has_value());
    in.reset();
    BOOST_TEST(decode_with_filter(zstdio::compress("next")) == "next");

    // boost::iostreams::copy propagates it too (and closes the chain).
    io::filtering_istream in2;
    in2.push(zstdio::zstd_decompressor());
    in2.push(io::array_source(frame.data(), frame.size()));
    std::string out;
    BOOST_CHECK_EXCEPTION(io::copy(in2, io::back_inserter(out)), zstd_error, corrupt);
}

BOOST_AUTO_TEST_CASE(ostream_after_corrupt_input_throws_at_close_and_the_next_stream_works)
{
    const std::string garbage = random_bytes(100000, 5);
    zstdio::zstd_decompressor filter;
    std::string sink;
    {
        io::filtering_ostream out;
        out.push(filter);
        out.push(io::back_inserter(sink));
        out.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        out.flush();
        BOOST_TEST(out.bad()); // std::ostream turned the zstd_error into badbit
        BOOST_REQUIRE(filter.last_error().has_value());
        BOOST_TEST(filter.last_error()->condition() == errc::not_zstd_frame);
        // The kept error is not lost: closing the chain throws it.
        BOOST_CHECK_EXCEPTION(out.reset(), zstd_error,
                              [](const zstd_error& e) { return has_condition(e, errc::not_zstd_frame); });
    }
    BOOST_TEST(sink.empty());
    // The filter is ready for a new stream.
    const std::string data = text(30000, 6);
    const std::string frame = zstdio::compress(data);
    std::string out2;
    io::filtering_ostream out;
    out.push(filter);
    out.push(io::back_inserter(out2));
    out.write(frame.data(), static_cast<std::streamsize>(frame.size()));
    out.reset();
    BOOST_TEST(out2 == data);
}

BOOST_AUTO_TEST_CASE(ostream_truncated_frame_throws_at_reset_and_destruction_is_quiet)
{
    const std::string frame = zstdio::compress(text(100000, 7));
    {
        std::string sink;
        io::filtering_ostream out;
        out.push(zstdio::zstd_decompressor());
        out.push(io::back_inserter(sink));
        out.write(frame.data(), static_cast<std::streamsize>(frame.size() / 2));
        BOOST_CHECK_EXCEPTION(out.reset(), zstd_error,
                              [](const zstd_error& e) { return has_condition(e, errc::truncated_input); });
    }
    {
        // Never closed: the destructor ends the stream and must swallow the error.
        std::string sink;
        auto out = std::make_unique<io::filtering_ostream>();
        out->push(zstdio::zstd_decompressor());
        out->push(io::back_inserter(sink));
        out->write(frame.data(), static_cast<std::streamsize>(frame.size() / 2));
        BOOST_CHECK_NO_THROW(out.reset());
    }
}

// ---------------------------------------------------------------------------
// Streams destroyed mid-way: no leak (valgrind/ASan runs), no crash.

BOOST_AUTO_TEST_CASE(filters_destroyed_mid_stream)
{
    const std::string data = random_bytes(500000, 8);
    const std::string frame = zstdio::compress(data);
    {
        io::filtering_istream in; // decompressor, half read
        in.push(zstdio::zstd_decompressor());
        in.push(io::array_source(frame.data(), frame.size()));
        std::string half(data.size() / 2, '\0');
        in.read(half.data(), static_cast<std::streamsize>(half.size()));
        BOOST_TEST(half == data.substr(0, half.size()));
    }
    {
        io::filtering_istream in; // compressor, half read
        in.push(zstdio::zstd_compressor());
        in.push(io::array_source(data.data(), data.size()));
        char buf[1000];
        in.read(buf, sizeof buf);
        BOOST_TEST(in.gcount() == 1000);
    }
    std::string written;
    {
        io::filtering_ostream out; // compressor, never closed: the destructor ends the frame
        out.push(zstdio::zstd_compressor(zstdio::zstd_params(5)));
        out.push(io::back_inserter(written));
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    BOOST_TEST(zstdio::decompressor().decompress(written, data.size()) == data);
}

// ---------------------------------------------------------------------------
// Exceptions from the user's own devices come through unchanged.

BOOST_AUTO_TEST_CASE(source_exception_propagates_through_decompressor)
{
    auto frame = std::make_shared<std::string>(zstdio::compress(text(300000, 9)));
    frame->resize(frame->size() / 2);
    io::filtering_istream in;
    in.push(zstdio::zstd_decompressor());
    in.push(throwing_source{frame, 0, 42});
    std::string out;
    BOOST_CHECK_EXCEPTION(io::copy(in, io::back_inserter(out)), user_error,
                          [](const user_error& e) { return e.tag == 42; });
    in.reset();
    BOOST_TEST(decode_with_filter(zstdio::compress("after")) == "after");
}

BOOST_AUTO_TEST_CASE(source_exception_propagates_through_compressor)
{
    auto data = std::make_shared<std::string>(random_bytes(300000, 10));
    io::filtering_istream in;
    in.push(zstdio::zstd_compressor());
    in.push(throwing_source{data, 0, 43});
    std::string out;
    BOOST_CHECK_EXCEPTION(io::copy(in, io::back_inserter(out)), user_error,
                          [](const user_error& e) { return e.tag == 43; });
}

BOOST_AUTO_TEST_CASE(sink_exception_propagates_through_compressor)
{
    const std::string data = random_bytes(1 << 20, 11); // incompressible: the sink sees it early
    io::filtering_ostream out;
    out.push(zstdio::zstd_compressor());
    out.push(throwing_sink{100000, 44});
    BOOST_CHECK_EXCEPTION(io::copy(io::array_source(data.data(), data.size()), out), user_error,
                          [](const user_error& e) { return e.tag == 44; });
}

BOOST_AUTO_TEST_CASE(sink_exception_propagates_through_decompressor)
{
    const std::string data = random_bytes(1 << 20, 12);
    const std::string frame = zstdio::compress(data);
    io::filtering_ostream out;
    out.push(zstdio::zstd_decompressor());
    out.push(throwing_sink{100000, 45});
    BOOST_CHECK_EXCEPTION(io::copy(io::array_source(frame.data(), frame.size()), out), user_error,
                          [](const user_error& e) { return e.tag == 45; });
}

BOOST_AUTO_TEST_CASE(sink_exception_through_std_ostream_write_sets_badbit)
{
    // Through std::ostream::write the stream (libstdc++ and Boost's
    // streambuf, not zstdio) turns the sink's exception into badbit; with
    // exceptions(badbit) an ios_base::failure is thrown.  Only streambuf-level
    // calls (boost::iostreams::copy, rdbuf()->sputn) see the original.
    const std::string data = random_bytes(1 << 20, 13);
    io::filtering_ostream out;
    out.push(zstdio::zstd_compressor());
    out.push(throwing_sink{1000, 46});
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    BOOST_TEST(out.bad());
    BOOST_CHECK_EXCEPTION(out.rdbuf()->sputn(data.data(), static_cast<std::streamsize>(data.size())), user_error,
                          [](const user_error& e) { return e.tag == 46; });
}

// ---------------------------------------------------------------------------
// Threads: one zstd_dict shared by many threads, and libzstd's worker threads
// behind the filters (scripts/tsan.sh runs these under ThreadSanitizer).

BOOST_AUTO_TEST_CASE(shared_dictionary_across_threads)
{
    const zstdio::zstd_dict dict(text(20000, 14), zstdio::dict_type::raw_content);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 6; ++i) {
                zstdio::zstd_params p(1 + (t + i) % 4); // several levels: several cached CDicts
                p.dict = dict;                          // a copy of the shared handle
                const std::string data = text(5000 + 100 * i, 100 + t);
                const std::string frame = zstdio::compress(data, p);
                if (zstdio::decompress(frame, p) != data || decode_with_filter(frame, p) != data)
                    ++failures;
            }
        });
    for (auto& th : threads)
        th.join();
    BOOST_TEST(failures.load() == 0);
}

BOOST_AUTO_TEST_CASE(filters_with_worker_threads)
{
    const std::string data = text(3 << 20, 15);
    zstdio::zstd_params p(3);
    p.threads = 2;
    const std::string frame = compress_with_ostream(data, p);
    BOOST_TEST(decode_with_filter(frame) == data);
    BOOST_TEST(zstdio::compressor(p).compress(data).size() > 0);

    // A multi-threaded compressor destroyed mid-frame, and one whose sink throws.
    {
        std::string sink;
        io::filtering_ostream out;
        out.push(zstdio::zstd_compressor(p));
        out.push(io::back_inserter(sink));
        out.write(data.data(), static_cast<std::streamsize>(data.size() / 2));
    }
    io::filtering_ostream out;
    out.push(zstdio::zstd_compressor(p));
    out.push(throwing_sink{10000, 47});
    const std::string noise = random_bytes(2 << 20, 16);
    BOOST_CHECK_THROW(io::copy(io::array_source(noise.data(), noise.size()), out), user_error);
}

// ---------------------------------------------------------------------------
// Regressions found by the fuzz targets (test/fuzz/).

// round_trip: decompressor::decompress(string) refused every magicless frame
// ("invalid frame header"): libzstd's ZSTD_findDecompressedSize only knows the
// standard format.  (Found in parallel with the lead's fix c1f1c6a.)
BOOST_AUTO_TEST_CASE(regression_one_shot_decompress_of_magicless_frames)
{
    zstdio::zstd_params c;
    c.advanced = zstdio::compression_parameters().format(zstdio::frame_format::magicless);
    zstdio::zstd_params d;
    d.format = zstdio::frame_format::magicless;
    for (const std::string& data : {std::string(), std::string("x"), text(300000, 17)}) {
        const std::string frame = zstdio::compress(data, c);
        BOOST_TEST(zstdio::decompressor(d).decompress(frame, data.size() + 1) == data);
        BOOST_TEST(decode_with_filter(frame, d) == data);
        BOOST_TEST(zstdio::decompressor(d).decompress(frame) == data); // the header records the size
        if (data.size() > 1)
            BOOST_CHECK_EXCEPTION(zstdio::decompressor(d).decompress(frame, data.size() - 1), zstd_error,
                                  [](const zstd_error& e) {
                                      return has_condition(e, errc::output_limit_exceeded);
                                  });
    }
}

// filter_decompress (UBSan): closing a filtering_ostream decompressor passed
// a null pointer to memcpy (an empty input window) in
// decompression_context::impl::capture_header.  scripts/asan.sh runs this
// with -fno-sanitize-recover=undefined.
BOOST_AUTO_TEST_CASE(regression_ostream_decompressor_close_with_empty_window)
{
    for (const std::string& data : {std::string(), text(1000, 18)}) {
        const std::string frame = zstdio::compress(data);
        for (std::size_t cut : {std::size_t{2}, std::size_t{6}, frame.size()}) {
            std::string sink;
            io::filtering_ostream out;
            out.push(zstdio::zstd_decompressor());
            out.push(io::back_inserter(sink));
            out.write(frame.data(), static_cast<std::streamsize>(cut));
            if (cut == frame.size()) {
                BOOST_CHECK_NO_THROW(out.reset());
                BOOST_TEST(sink == data);
            } else {
                BOOST_CHECK_THROW(out.reset(), zstd_error);
            }
        }
    }
}

// filter_decompress: a frame whose window is above window_log_max decoded
// fine through a filtering_istream read with a large buffer (libzstd's
// one-pass path skips its window check) but failed with small reads or
// through a filtering_ostream.  Every read size must now fail alike.
BOOST_AUTO_TEST_CASE(regression_window_log_max_does_not_depend_on_read_size)
{
    const std::string data = text(9000, 19); // single segment: window = 9000 bytes
    const std::string frame = zstdio::compress(data);
    zstdio::zstd_params p;
    p.window_log_max = 10; // 1 KiB
    auto too_large = [](const zstd_error& e) { return has_condition(e, errc::window_too_large); };
    for (std::streamsize read_size : {1, 100, 9000, 100000}) {
        io::filtering_istream in;
        in.push(zstdio::zstd_decompressor(p));
        in.push(io::array_source(frame.data(), frame.size()));
        std::string buf(static_cast<std::size_t>(read_size), '\0');
        BOOST_TEST_CONTEXT("read size " << read_size)
        BOOST_CHECK_EXCEPTION(
            while (in.rdbuf()->sgetn(buf.data(), read_size) > 0) {}, zstd_error, too_large);
    }
    std::string sink;
    io::filtering_ostream out;
    out.push(zstdio::zstd_decompressor(p));
    out.push(io::back_inserter(sink));
    out.rdbuf()->sputn(frame.data(), static_cast<std::streamsize>(frame.size()));
    BOOST_CHECK_EXCEPTION(out.reset(), zstd_error, too_large); // the chain's buffer reaches the filter at close
    // With a window_log_max that allows it, every read size decodes.
    p.window_log_max = 14;
    BOOST_TEST(decode_with_filter(frame, p) == data);
}

// oneshot_decompress: with multi_frame = false, decompress(data, dst,
// capacity) decoded every magicless frame while decompress(data) decoded the
// first only.
BOOST_AUTO_TEST_CASE(regression_caller_buffer_magicless_first_frame_only)
{
    zstdio::zstd_params c;
    c.advanced = zstdio::compression_parameters().format(zstdio::frame_format::magicless);
    const std::string first = text(3000, 20), second = text(2000, 21);
    const std::string frames = zstdio::compress(first, c) + zstdio::compress(second, c);
    zstdio::zstd_params d;
    d.format = zstdio::frame_format::magicless;
    d.multi_frame = false;
    std::string buf(first.size(), '\0');
    const std::size_t n = zstdio::decompressor(d).decompress(frames, buf.data(), buf.size());
    BOOST_TEST(buf.substr(0, n) == first);
    BOOST_TEST(zstdio::decompressor(d).decompress(frames) == first);
}

// filter_decompress (session 2): a frame whose header declares more content
// than its blocks hold, ending with an empty last block, ended cleanly with
// short output through a filtering_istream read in small pieces (libzstd
// 1.5.4's incremental decoder skips its content-size check on an empty last
// block) but failed with corruption_detected through a filtering_ostream and
// one-shot.  Every decoding API and read size must now refuse it alike.
BOOST_AUTO_TEST_CASE(regression_declared_content_size_checked_at_an_empty_last_block)
{
    // Magic, descriptor (single segment, 1-byte content size), content size 5,
    // a raw block "hel" (not last), an empty raw last block: 3 bytes, not 5.
    const std::string frame("\x28\xb5\x2f\xfd\x20\x05"
                            "\x18\x00\x00"
                            "hel"
                            "\x01\x00\x00",
                            15);
    const auto corrupt = [](const zstd_error& e) { return has_condition(e, errc::corruption_detected); };
    for (bool multi_frame : {true, false}) {
        zstdio::zstd_params p;
        p.multi_frame = multi_frame;
        for (std::streamsize buffer : {0, 1, 2, 7, 8, 15}) {
            BOOST_TEST_CONTEXT("multi_frame " << multi_frame << ", filter buffer " << buffer)
            {
                io::filtering_istream in;
                in.push(zstdio::zstd_decompressor(p, buffer));
                in.push(io::array_source(frame.data(), frame.size()));
                std::string sink;
                BOOST_CHECK_EXCEPTION(io::copy(in, io::back_inserter(sink)), zstd_error, corrupt);

                io::filtering_ostream out;
                out.push(zstdio::zstd_decompressor(p, buffer));
                out.push(io::back_inserter(sink));
                out.write(frame.data(), static_cast<std::streamsize>(frame.size()));
                BOOST_CHECK_EXCEPTION(out.reset(), zstd_error, corrupt);
            }
        }
        for (std::size_t chunk : {std::size_t{1}, std::size_t{4}, frame.size()}) {
            BOOST_TEST_CONTEXT("multi_frame " << multi_frame << ", decompressobj chunks of " << chunk)
            {
                zstdio::decompressor d(p);
                zstdio::decompression_object obj = d.decompressobj(multi_frame);
                BOOST_CHECK_EXCEPTION(
                    for (std::size_t i = 0; i < frame.size(); i += chunk) obj.decompress(frame.substr(i, chunk));
                    obj.finish(), zstd_error, corrupt);
            }
        }
        BOOST_CHECK_EXCEPTION(zstdio::decompressor(p).decompress(frame), zstd_error, corrupt);
        std::string buf(100, '\0');
        BOOST_CHECK_EXCEPTION(zstdio::decompressor(p).decompress(frame, buf.data(), buf.size()), zstd_error, corrupt);
    }
}
