// Tests for zstdio/context_cache.hpp: objects made per message reuse cached
// libzstd contexts, and nothing of one stream (parameters, dictionary, a
// failure half-way through a frame) reaches the next.
#include <zstdio/context_cache.hpp>

#define BOOST_TEST_MODULE context_cache
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"
#include "support/thrown.hpp"

#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/streaming.hpp>

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <boost/iostreams/read.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace io = boost::iostreams;
using namespace zstdio_test;
using zstdio::errc;

namespace {

/// Each test starts from an empty cache with the default limits.
struct fresh_cache {
    fresh_cache()
    {
        zstdio::set_context_cache_limits({});
        zstdio::clear_context_cache();
    }
    ~fresh_cache() { zstdio::set_context_cache_limits({}); }
};

std::string compress_with_filter(const std::string& data, const zstdio::zstd_params& p = {})
{
    std::string out;
    io::filtering_ostream os;
    os.push(zstdio::zstd_compressor(p));
    os.push(io::back_inserter(out));
    os.write(data.data(), static_cast<std::streamsize>(data.size()));
    os.reset();
    return out;
}

std::string decompress_with_filter(const std::string& frame, const zstdio::zstd_params& p = {})
{
    io::filtering_istream is;
    is.push(zstdio::zstd_decompressor(p));
    is.push(io::array_source(frame.data(), frame.size()));
    std::string out;
    char buffer[4096];
    for (std::streamsize got; (got = io::read(is, buffer, sizeof buffer)) > 0;)
        out.append(buffer, static_cast<std::size_t>(got));
    return out;
}

/// True when reading `frame` through a default zstd_decompressor in a
/// filtering_istream sets badbit (how a decoding error reaches an istream).
bool filter_read_goes_bad(const std::string& frame)
{
    io::filtering_istream is;
    is.push(zstdio::zstd_decompressor());
    is.push(io::array_source(frame.data(), frame.size()));
    std::string out(1 << 20, '\0');
    is.read(out.data(), static_cast<std::streamsize>(out.size()));
    return is.bad();
}

/// What a context that never saw another stream writes: the reference for
/// "nothing leaked".
std::string compress_uncached(const std::string& data, const zstdio::zstd_params& p = {})
{
    const zstdio::context_cache_limits kept = zstdio::get_context_cache_limits();
    zstdio::set_context_cache_limits({0, 0});
    std::string frame = compress_with_filter(data, p);
    zstdio::set_context_cache_limits(kept);
    return frame;
}

/// A sink that fails once `room` bytes are used up.
struct failing_sink {
    using char_type = char;
    using category = io::sink_tag;
    std::size_t* room;
    std::streamsize write(const char*, std::streamsize n)
    {
        if (static_cast<std::size_t>(n) > *room)
            throw std::runtime_error("sink failed");
        *room -= static_cast<std::size_t>(n);
        return n;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(context_cache, fresh_cache)

BOOST_AUTO_TEST_CASE(a_filter_per_message_reuses_one_context_each_way)
{
    const std::string message = text(1000, 1);
    const zstdio::context_cache_statistics before = zstdio::get_context_cache_statistics();
    for (int i = 0; i < 50; ++i) {
        const std::string frame = compress_with_filter(message);
        BOOST_TEST(decompress_with_filter(frame) == message);
    }
    const zstdio::context_cache_statistics after = zstdio::get_context_cache_statistics();
    // One context of each kind was created; the other 49 came from the cache.
    BOOST_TEST(after.created - before.created == 2u);
    BOOST_TEST(after.reused - before.reused == 98u);
    BOOST_TEST(after.idle_compression_contexts == 1u);
    BOOST_TEST(after.idle_decompression_contexts == 1u);
    BOOST_TEST(after.idle_buffers == 2u); // one filter buffer per direction
    BOOST_TEST(after.idle_bytes > 0u);
}

BOOST_AUTO_TEST_CASE(every_kind_of_object_gives_its_context_back)
{
    const std::string message = text(5000, 2);
    {
        zstdio::compressor c;
        zstdio::decompressor d;
        BOOST_TEST(d.decompress(c.compress(message)) == message);
        auto obj = c.compressobj();
        std::string frame = obj.compress(message);
        frame += obj.flush();
        BOOST_TEST(zstdio::get_context_cache_statistics().idle_compression_contexts == 0u);
    }
    const zstdio::context_cache_statistics s = zstdio::get_context_cache_statistics();
    BOOST_TEST(s.idle_compression_contexts == 1u);
    BOOST_TEST(s.idle_decompression_contexts == 1u);
}

BOOST_AUTO_TEST_CASE(limits_bound_what_is_kept_and_zero_turns_the_cache_off)
{
    const std::string message = text(3000, 3);
    {
        std::vector<zstdio::compressor> many(6);
        for (auto& c : many)
            BOOST_TEST(!c.compress(message).empty());
    }
    BOOST_TEST(zstdio::get_context_cache_statistics().idle_compression_contexts == 6u);

    zstdio::set_context_cache_limits({4, std::size_t{64} << 20}); // trims now
    BOOST_TEST(zstdio::get_context_cache_statistics().idle_compression_contexts == 4u);

    // A byte limit below one context's size keeps none.
    zstdio::set_context_cache_limits({16, 1000});
    BOOST_TEST(zstdio::get_context_cache_statistics().idle_compression_contexts == 0u);
    BOOST_TEST(!zstdio::compressor().compress(message).empty());
    BOOST_TEST(zstdio::get_context_cache_statistics().idle_bytes == 0u);

    zstdio::set_context_cache_limits({0, std::size_t{64} << 20});
    const std::uint64_t reused = zstdio::get_context_cache_statistics().reused;
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(decompress_with_filter(compress_with_filter(message)) == message);
    BOOST_TEST(zstdio::get_context_cache_statistics().reused == reused);
    BOOST_TEST(zstdio::get_context_cache_statistics().idle_decompression_contexts == 0u);

    BOOST_TEST(zstdio::get_context_cache_limits().max_idle_contexts == 0u);
    zstdio::set_context_cache_limits({});
    BOOST_TEST(zstdio::get_context_cache_limits().max_idle_contexts == 16u);
}

BOOST_AUTO_TEST_CASE(compression_settings_of_one_stream_never_reach_the_next)
{
    const std::string message = text(20000, 4);
    const std::string history = text(20000, 5);
    zstdio::zstd_params special;
    special.level = 19;
    special.checksum = false;
    special.content_size = false;
    special.dict = zstdio::zstd_dict(history, zstdio::dict_type::raw_content);
    special.advanced = zstdio::compression_parameters().window_log(12).strategy(zstdio::strategy::fast);

    const std::string plain_reference = compress_uncached(message);
    const std::string special_reference = compress_uncached(message, special);
    BOOST_REQUIRE(plain_reference != special_reference);

    for (int round = 0; round < 3; ++round) {
        BOOST_TEST(compress_with_filter(message, special) == special_reference);
        BOOST_TEST(compress_with_filter(message) == plain_reference); // same context, reset
        BOOST_TEST(zstdio::compressor(special).compress(message).size() > 0u);
        BOOST_TEST(zstdio::compressor().compress(message) == zstdio::compress(message));
    }
    BOOST_TEST(zstdio::get_context_cache_statistics().reused > 0u);
}

BOOST_AUTO_TEST_CASE(a_dictionary_of_one_decoder_never_serves_the_next)
{
    const std::string message = text(20000, 6);
    zstdio::zstd_params with_dict;
    with_dict.dict = zstdio::zstd_dict(text(20000, 7), zstdio::dict_type::raw_content);
    const std::string frame = zstdio::compress(message, with_dict);

    for (int round = 0; round < 3; ++round) {
        BOOST_TEST(decompress_with_filter(frame, with_dict) == message);
        BOOST_TEST(zstdio::decompressor(with_dict).decompress(frame) == message);
        // The cached context had the dictionary: a decoder given none must
        // not decode the frame with it.
        const zstdio::zstd_error e = error_of([&] { zstdio::decompressor().decompress(frame); });
        BOOST_TEST((e.condition() == errc::corruption_detected || e.condition() == errc::dictionary_mismatch));
        BOOST_TEST(filter_read_goes_bad(frame));
    }
    BOOST_TEST(zstdio::get_context_cache_statistics().reused > 0u);
}

BOOST_AUTO_TEST_CASE(decoder_limits_of_one_stream_never_reach_the_next)
{
    // window_log_max 31 lets a 2^28 window through; the next decoder's
    // default (27) must refuse it again.
    zstdio::zstd_params big_window;
    big_window.content_size = false; // else the window is the content size
    big_window.advanced = zstdio::compression_parameters().window_log(28);
    const std::string message = text(10000, 8);
    const std::string frame = compress_uncached(message, big_window);
    zstdio::zstd_params lenient;
    lenient.window_log_max = 31;
    for (int round = 0; round < 3; ++round) {
        BOOST_TEST(decompress_with_filter(frame, lenient) == message);
        BOOST_TEST(zstdio::decompressor(lenient).decompress(frame, 1 << 20) == message);
        BOOST_TEST(error_of([&] { zstdio::decompressor().decompress(frame, 1 << 20); }).condition() ==
                   errc::window_too_large);
        BOOST_TEST(filter_read_goes_bad(frame));
    }
}

BOOST_AUTO_TEST_CASE(a_compressor_that_failed_mid_frame_leaks_nothing_into_the_next_stream)
{
    const std::string message = random_bytes(300000, 9); // output reaches the sink before close
    const std::string reference = compress_uncached(message);
    zstdio::set_context_cache_limits({1, std::size_t{64} << 20}); // the next filter gets this very context
    for (int round = 0; round < 3; ++round) {
        // The sink fails after some output: the frame is left half-written.
        std::size_t room = 100000;
        bool failed = false;
        try {
            io::filtering_ostream os;
            os.push(zstdio::zstd_compressor());
            os.push(failing_sink{&room});
            os.exceptions(std::ios_base::badbit); // once the chain is complete (an incomplete one is bad)
            os.write(message.data(), static_cast<std::streamsize>(message.size()));
            os.reset();
        } catch (const std::exception&) {
            failed = true;
        }
        BOOST_TEST(failed);
        const std::uint64_t reused = zstdio::get_context_cache_statistics().reused;
        BOOST_TEST(compress_with_filter(message) == reference);
        BOOST_TEST(zstdio::get_context_cache_statistics().reused == reused + 1); // it was that context
    }
}

BOOST_AUTO_TEST_CASE(a_decoder_that_failed_mid_frame_is_dropped_and_the_next_stream_is_clean)
{
    const std::string message = text(200000, 10);
    const std::string frame = zstdio::compress(message);
    std::string corrupt = frame;
    corrupt[corrupt.size() / 2] = static_cast<char>(corrupt[corrupt.size() / 2] ^ 0x5a);
    zstdio::set_context_cache_limits({1, std::size_t{64} << 20});
    for (int round = 0; round < 3; ++round) {
        // Half of a good frame, then garbage: libzstd fails inside the frame.
        std::string half = frame.substr(0, frame.size() / 2) + random_bytes(5000, 11);
        BOOST_TEST(decompress_with_filter(frame) == message);
        BOOST_TEST(zstdio::get_context_cache_statistics().idle_decompression_contexts == 1u);
        for (const std::string* bad : {&corrupt, &half}) {
            BOOST_TEST(filter_read_goes_bad(*bad));
        }
        // A context libzstd reported an error in is freed, not cached (the
        // one that saw the input end mid-frame is reset and kept).  Either
        // way the next stream decodes cleanly.
        BOOST_TEST(zstdio::get_context_cache_statistics().idle_decompression_contexts <= 1u);
        BOOST_TEST(decompress_with_filter(frame) == message);
        BOOST_TEST(filter_read_goes_bad(corrupt));
        BOOST_TEST(zstdio::get_context_cache_statistics().idle_decompression_contexts == 0u);
        BOOST_TEST(decompress_with_filter(frame) == message);
    }
}

BOOST_AUTO_TEST_CASE(contexts_with_worker_threads_are_not_kept)
{
    zstdio::zstd_params p;
    p.threads = 2;
    const std::string message = text(100000, 12);
    BOOST_TEST(decompress_with_filter(compress_with_filter(message, p)) == message);
    BOOST_TEST(zstdio::compressor(p).compress(message).size() > 0u);
    BOOST_TEST(zstdio::get_context_cache_statistics().idle_compression_contexts == 0u);
}

BOOST_AUTO_TEST_CASE(many_threads_share_the_cache)
{
    // Run under ThreadSanitizer by ./build.sh tsan.
    zstdio::set_context_cache_limits({3, std::size_t{64} << 20}); // fewer than threads: contention
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([t, &wrong] {
            for (int i = 0; i < 40; ++i) {
                zstdio::zstd_params p;
                p.level = 1 + (t + i) % 5;
                const std::string message = text(500 + 97 * static_cast<std::size_t>(i), static_cast<std::uint32_t>(t));
                const std::string frame = compress_with_filter(message, p);
                if (decompress_with_filter(frame) != message || zstdio::decompressor().decompress(frame, 1 << 20) != message)
                    ++wrong;
                if (i % 13 == 0)
                    zstdio::clear_context_cache();
            }
        });
    for (auto& th : threads)
        th.join();
    BOOST_TEST(wrong == 0);
    BOOST_TEST(zstdio::get_context_cache_statistics().idle_compression_contexts <= 3u);
    BOOST_TEST(zstdio::get_context_cache_statistics().idle_decompression_contexts <= 3u);
}

BOOST_AUTO_TEST_SUITE_END()
