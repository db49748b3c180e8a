// Tests for zstdio/pool.hpp: pools lend the same objects again, never more
// than max_size() at once (acquire() waits, try_acquire() does not), take
// them back however a lease ends, reset what a user left behind, and serve
// many threads with byte-exact round trips.
#include <zstdio/pool.hpp>

#define BOOST_TEST_MODULE pool
#include <boost/test/unit_test.hpp>

#include "support/records.hpp"
#include "support/support.hpp"
#include "support/thrown.hpp"

#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>
#include <zstdio/streaming.hpp>

#include <algorithm>
#include <atomic>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace zstdio_test;
using zstdio::errc;

BOOST_AUTO_TEST_SUITE(pool)

BOOST_AUTO_TEST_CASE(the_same_compressor_comes_back)
{
    zstdio::compressor_pool pool(3, 2);
    BOOST_TEST(pool.size() == 1u); // made by the constructor
    BOOST_TEST(pool.idle() == 1u);
    BOOST_TEST(pool.max_size() == 2u);
    BOOST_TEST(pool.params().level == 3);

    const std::string message = text(1000, 1);
    const zstdio::compressor* first = nullptr;
    for (int i = 0; i < 50; ++i) {
        zstdio::compressor_pool::lease c = pool.acquire();
        BOOST_TEST(pool.idle() == 0u);
        if (!first)
            first = c.get();
        BOOST_TEST(c.get() == first);
        BOOST_TEST(zstdio::decompress(c->compress(message)) == message);
    }
    // One at a time: one object ever made.
    BOOST_TEST(pool.size() == 1u);
    BOOST_TEST(pool.idle() == 1u);

    // Two at once: a second one is made, and both come back.
    {
        auto a = pool.acquire();
        auto b = pool.acquire();
        BOOST_TEST(a.get() != b.get());
        BOOST_TEST((a.get() == first || b.get() == first));
        BOOST_TEST(pool.size() == 2u);
    }
    BOOST_TEST(pool.size() == 2u);
    BOOST_TEST(pool.idle() == 2u);
}

BOOST_AUTO_TEST_CASE(the_same_decompressor_comes_back)
{
    zstdio::decompressor_pool pool({}, 1);
    const std::string message = text(1000, 2);
    const std::string frame = zstdio::compress(message);
    const zstdio::decompressor* first = pool.acquire().get();
    for (int i = 0; i < 20; ++i) {
        auto d = pool.acquire();
        BOOST_TEST(d.get() == first);
        BOOST_TEST((*d).decompress(frame) == message);
    }
    BOOST_TEST(pool.size() == 1u);
}

BOOST_AUTO_TEST_CASE(max_size_zero_means_one_per_logical_cpu)
{
    const zstdio::compressor_pool pool;
    const std::size_t cpus = std::max(1u, std::thread::hardware_concurrency());
    BOOST_TEST(pool.max_size() == cpus);
    BOOST_TEST(zstdio::decompressor_pool().max_size() == cpus);
    BOOST_TEST(pool.params().level == zstdio::zstd_params().level);
}

BOOST_AUTO_TEST_CASE(settings_libzstd_refuses_throw_from_the_constructor)
{
    BOOST_CHECK_THROW(zstdio::compressor_pool(zstdio::max_compression_level() + 1), std::invalid_argument);
    zstdio::zstd_params bad_window;
    bad_window.window_log_max = 1; // below libzstd's minimum
    BOOST_CHECK_THROW(zstdio::decompressor_pool{bad_window}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(try_acquire_returns_nothing_when_every_object_is_lent)
{
    zstdio::compressor_pool pool({}, 2);
    std::optional<zstdio::compressor_pool::lease> a = pool.try_acquire();
    std::optional<zstdio::compressor_pool::lease> b = pool.try_acquire();
    BOOST_TEST_REQUIRE(a.has_value());
    BOOST_TEST_REQUIRE(b.has_value());
    BOOST_TEST(static_cast<bool>(*a));
    BOOST_TEST(!pool.try_acquire().has_value());
    BOOST_TEST(pool.size() == 2u);

    zstdio::compressor* const returned = a->get();
    a.reset(); // the lease ends: its compressor comes back
    BOOST_TEST(pool.idle() == 1u);
    std::optional<zstdio::compressor_pool::lease> c = pool.try_acquire();
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->get() == returned);
    BOOST_TEST(!pool.try_acquire().has_value());
}

BOOST_AUTO_TEST_CASE(acquire_waits_until_a_lease_ends)
{
    zstdio::compressor_pool pool({}, 2);
    auto a = pool.acquire();
    auto b = pool.acquire();
    zstdio::compressor* const released = a.get();

    std::promise<void> waiting;
    std::atomic<bool> got{false};
    std::future<zstdio::compressor*> third = std::async(std::launch::async, [&] {
        waiting.set_value();
        auto c = pool.acquire(); // blocks: both compressors are lent
        got = true;
        return c.get();
    });
    waiting.get_future().wait();
    // However the threads are scheduled, the other thread cannot have a
    // compressor while both are held here (a pool that made a third would
    // be seen here, or by the checks below).
    for (int i = 0; i < 1000; ++i) {
        BOOST_TEST_REQUIRE(!got.load());
        std::this_thread::yield();
    }
    BOOST_TEST(pool.size() == 2u);

    a = {}; // gives `released` back: the waiting thread takes it
    BOOST_TEST(third.get() == released);
    BOOST_TEST(got.load());
    BOOST_TEST(pool.size() == 2u);
    BOOST_TEST(pool.idle() == 1u); // the other thread's lease has ended
}

BOOST_AUTO_TEST_CASE(a_lease_comes_back_when_an_exception_passes)
{
    zstdio::compressor_pool pool({}, 1);
    zstdio::compressor* lent = nullptr;
    try {
        auto c = pool.acquire();
        lent = c.get();
        BOOST_TEST(pool.idle() == 0u);
        throw std::runtime_error("the user's code failed");
    } catch (const std::runtime_error&) {
    }
    BOOST_TEST(pool.idle() == 1u);
    BOOST_TEST(pool.size() == 1u);
    BOOST_TEST(pool.acquire().get() == lent);
}

BOOST_AUTO_TEST_CASE(nothing_a_failed_or_unfinished_call_left_reaches_the_next_user)
{
    const std::string message = text(20000, 3);
    zstdio::zstd_params p;
    p.level = 5;
    const std::string reference = zstdio::compressor(p).compress(message);
    zstdio::compressor_pool pool(p, 1);

    // A call that failed: the output buffer is too small.
    BOOST_TEST(error_of([&] {
                   auto c = pool.acquire();
                   char small[16];
                   c->compress(message, small, sizeof small);
               }).condition() == errc::dst_size_too_small);
    BOOST_TEST(pool.acquire()->compress(message) == reference);

    // A streamed frame left unfinished, at another level.
    {
        auto c = pool.acquire();
        zstdio::compression_object stream = c->compressobj();
        stream.set_level(1);
        stream.compress(message.substr(0, 5000)); // not finished: the lease ends mid-frame
    }
    {
        auto c = pool.acquire();
        BOOST_TEST(c->compress(message) == reference);
        zstdio::compression_object stream = c->compressobj(message.size());
        std::string frame = stream.compress(message);
        frame += stream.flush();
        BOOST_TEST(frame == reference); // level 5 again, not 1
    }
    BOOST_TEST(pool.size() == 1u);

    // A decoder left in the middle of a frame, then one that failed.
    zstdio::decompressor_pool decoders({}, 1);
    {
        auto d = decoders.acquire();
        zstdio::decompression_object stream = d->decompressobj();
        stream.decompress(std::string_view(reference).substr(0, reference.size() / 2));
    }
    {
        auto d = decoders.acquire();
        zstdio::decompression_object stream = d->decompressobj();
        BOOST_TEST(stream.decompress(reference) == message); // a new stream, not the rest of the old one
        BOOST_TEST(stream.eof());
    }
    std::string corrupt = reference;
    corrupt[corrupt.size() / 2] = static_cast<char>(corrupt[corrupt.size() / 2] ^ 0x55);
    BOOST_CHECK_THROW(decoders.acquire()->decompress(corrupt), zstdio::zstd_error);
    BOOST_TEST(decoders.acquire()->decompress(reference) == message);
    BOOST_TEST(decoders.size() == 1u);
}

BOOST_AUTO_TEST_CASE(leases_move)
{
    zstdio::compressor_pool pool({}, 1);
    zstdio::compressor_pool::lease empty;
    BOOST_TEST(!empty);
    BOOST_TEST(empty.get() == nullptr);

    zstdio::compressor_pool::lease a = pool.acquire();
    zstdio::compressor* const object = a.get();
    zstdio::compressor_pool::lease b = std::move(a);
    BOOST_TEST(!a); // NOLINT(bugprone-use-after-move): moved-from is empty, by contract
    BOOST_TEST(b.get() == object);
    BOOST_TEST(&*b == object);
    BOOST_TEST(pool.idle() == 0u);

    a = std::move(b); // back, still lent
    BOOST_TEST(a.get() == object);
    BOOST_TEST(!b);
    BOOST_TEST(pool.idle() == 0u);

    zstdio::compressor_pool::lease& same = a;
    a = std::move(same); // self-move keeps it
    BOOST_TEST(a.get() == object);
    BOOST_TEST(pool.idle() == 0u);

    a = zstdio::compressor_pool::lease(); // moved into: gives its object back
    BOOST_TEST(pool.idle() == 1u);
    BOOST_TEST(pool.size() == 1u);

    // A lease in a container, returned from a function.
    std::vector<zstdio::compressor_pool::lease> held;
    held.push_back(pool.acquire());
    BOOST_TEST(held.front().get() == object);
    BOOST_TEST(!pool.try_acquire());
    held.clear();
    BOOST_TEST(pool.idle() == 1u);
}

BOOST_AUTO_TEST_CASE(a_lease_may_outlive_its_pool)
{
    const std::string message = text(5000, 4);
    auto pool = std::make_unique<zstdio::compressor_pool>(7, 2);
    auto lease = pool->acquire();
    pool.reset();
    BOOST_TEST(zstdio::decompress(lease->compress(message)) == message);
    BOOST_TEST(lease->params().level == 7);
}

BOOST_AUTO_TEST_CASE(params_are_honoured)
{
    const std::string message = text(30000, 5);
    zstdio::zstd_params p;
    p.level = 19;
    p.checksum = false;
    p.dict = zstdio::zstd_dict(text(20000, 6), zstdio::dict_type::raw_content);
    const std::string reference = zstdio::compressor(p).compress(message);
    zstdio::zstd_params plain;
    plain.level = 19;
    BOOST_REQUIRE(reference != zstdio::compress(message, plain)); // the dictionary shows
    BOOST_REQUIRE(reference != zstdio::compress(message, 1));

    zstdio::compressor_pool compressors(p, 2);
    zstdio::decompressor_pool decompressors(p, 2);
    BOOST_TEST(compressors.params().level == 19);
    BOOST_TEST((compressors.params().dict == p.dict));
    for (int i = 0; i < 3; ++i) {
        auto a = compressors.acquire();
        auto b = compressors.acquire(); // a second one, made by acquire()
        BOOST_TEST(a->compress(message) == reference);
        BOOST_TEST(b->compress(message) == reference);
        BOOST_TEST(decompressors.acquire()->decompress(reference) == message);
    }
    // Without the dictionary the frame does not decode.
    const zstdio::zstd_error e = error_of([&] { zstdio::decompressor_pool().acquire()->decompress(reference); });
    BOOST_TEST((e.condition() == errc::corruption_detected || e.condition() == errc::dictionary_mismatch));
}

BOOST_AUTO_TEST_CASE(eight_threads_share_pools_of_three)
{
    const std::vector<std::string> records = json_records(4000, 200, 2000, 11);
    zstdio::compressor_pool compressors(3, 3);
    zstdio::decompressor_pool decompressors({}, 3);
    constexpr std::size_t threads = 8;
    std::vector<std::string> frames(records.size());
    std::vector<std::string> decoded(records.size());
    std::atomic<std::size_t> next{0};
    std::vector<std::set<const void*>> seen(threads);

    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (std::size_t i; (i = next++) < records.size();) {
                {
                    auto c = compressors.acquire();
                    seen[t].insert(c.get());
                    frames[i] = c->compress(records[i]);
                }
                auto d = decompressors.acquire();
                seen[t].insert(d.get());
                decoded[i] = d->decompress(frames[i]);
            }
        });
    for (std::thread& w : workers)
        w.join();

    for (std::size_t i = 0; i < records.size(); ++i)
        BOOST_TEST_REQUIRE(decoded[i] == records[i], "record " << i);
    // Frames are what a compressor of the same params writes.
    zstdio::compressor reference(3);
    for (std::size_t i = 0; i < records.size(); i += 97)
        BOOST_TEST(frames[i] == reference.compress(records[i]));
    BOOST_TEST(compressors.size() <= 3u);
    BOOST_TEST(decompressors.size() <= 3u);
    BOOST_TEST(compressors.idle() == compressors.size());
    BOOST_TEST(decompressors.idle() == decompressors.size());
    std::set<const void*> all;
    for (const auto& s : seen)
        all.insert(s.begin(), s.end());
    BOOST_TEST(all.size() == compressors.size() + decompressors.size());
}

BOOST_AUTO_TEST_SUITE_END()
