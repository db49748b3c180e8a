// Tests for include/zstdio/executor.hpp.
#include <zstdio/executor.hpp>

#define BOOST_TEST_MODULE executor
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using zstdio::executor;

BOOST_AUTO_TEST_CASE(thread_counts_follow_zstd_params_threads)
{
    BOOST_TEST(executor(0).threads() == 1u);
    BOOST_TEST(executor(1).threads() == 1u);
    BOOST_TEST(executor(3).threads() == 3u);
    const unsigned cpus = std::thread::hardware_concurrency();
    BOOST_TEST(executor(-1).threads() == (cpus == 0 ? 1u : cpus));
    BOOST_TEST(executor().threads() == executor(-5).threads());
    BOOST_TEST(executor(4).threads_for(0) == 1u);
    BOOST_TEST(executor(4).threads_for(2) == 2u);
    BOOST_TEST(executor(4).threads_for(100) == 4u);
}

BOOST_AUTO_TEST_CASE(every_piece_runs_once)
{
    for (int threads : {0, 1, 2, 3, 8}) {
        executor pool(threads);
        for (std::size_t pieces : {0u, 1u, 2u, 7u, 1000u}) {
            std::vector<std::atomic<int>> runs(pieces);
            pool.run(pieces, [&](std::size_t i, std::size_t) { ++runs[i]; });
            for (std::size_t i = 0; i < pieces; ++i)
                BOOST_TEST(runs[i].load() == 1, "threads " << threads << " pieces " << pieces << " piece " << i);
        }
    }
}

BOOST_AUTO_TEST_CASE(threads_start_lazily_and_never_exceed_the_work)
{
    executor pool(4);
    BOOST_TEST(pool.started_threads() == 0u);
    pool.run(1, [](std::size_t, std::size_t) {});
    BOOST_TEST(pool.started_threads() == 0u); // one piece: the calling thread
    pool.run(2, [](std::size_t, std::size_t) {});
    BOOST_TEST(pool.started_threads() == 1u);
    pool.run(100, [](std::size_t, std::size_t) {});
    BOOST_TEST(pool.started_threads() == 3u);
    pool.run(100, [](std::size_t, std::size_t) {});
    BOOST_TEST(pool.started_threads() == 3u); // reused

    // A call with 2 pieces runs on at most 2 threads, even with 3 started.
    std::mutex m;
    std::set<std::size_t> workers;
    std::size_t most_threads_in_a_call = 0;
    for (int round = 0; round < 50; ++round) {
        std::set<std::thread::id> ids;
        pool.run(2, [&](std::size_t, std::size_t worker) {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            std::lock_guard<std::mutex> lock(m);
            ids.insert(std::this_thread::get_id());
            workers.insert(worker);
        });
        most_threads_in_a_call = std::max(most_threads_in_a_call, ids.size());
    }
    BOOST_TEST(most_threads_in_a_call <= 2u);
    BOOST_TEST(workers.size() <= 2u);
    BOOST_TEST(*workers.rbegin() <= 1u);
}

BOOST_AUTO_TEST_CASE(worker_ids_are_exclusive)
{
    executor pool(3);
    std::vector<std::atomic<int>> busy(3);
    std::atomic<int> clashes{0}, out_of_range{0};
    pool.run(300, [&](std::size_t, std::size_t worker) {
        if (worker >= 3) {
            ++out_of_range;
            return;
        }
        if (busy[worker].exchange(1) != 0)
            ++clashes;
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        busy[worker] = 0;
    });
    BOOST_TEST(clashes.load() == 0);
    BOOST_TEST(out_of_range.load() == 0);
}

BOOST_AUTO_TEST_CASE(lowest_failing_piece_is_reported)
{
    for (int threads : {0, 2, 4}) {
        executor pool(threads);
        for (int round = 0; round < 20; ++round) {
            try {
                pool.run(200, [](std::size_t i, std::size_t) {
                    if (i == 150 || i == 37 || i == 199)
                        throw std::runtime_error("piece " + std::to_string(i));
                });
                BOOST_FAIL("no exception");
            } catch (const std::runtime_error& e) {
                BOOST_TEST(std::string(e.what()) == "piece 37");
            }
        }
        // Still usable after a failure.
        std::atomic<int> n{0};
        pool.run(10, [&](std::size_t, std::size_t) { ++n; });
        BOOST_TEST(n.load() == 10);
    }
}

BOOST_AUTO_TEST_CASE(concurrent_calls_share_one_pool)
{
    executor pool(2);
    std::atomic<long> sum_a{0}, sum_b{0};
    auto caller = [&pool](std::atomic<long>& sum) {
        for (int round = 0; round < 200; ++round)
            pool.run(17, [&](std::size_t i, std::size_t) { sum += static_cast<long>(i); });
    };
    std::thread a(caller, std::ref(sum_a));
    std::thread b(caller, std::ref(sum_b));
    a.join();
    b.join();
    BOOST_TEST(sum_a.load() == 200L * (16 * 17 / 2));
    BOOST_TEST(sum_b.load() == 200L * (16 * 17 / 2));
    BOOST_TEST(pool.started_threads() <= 1u);
}
