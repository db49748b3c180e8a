// zstdio — executor: a lazily grown Boost.Thread pool that the caller helps.
//
// Why boost::thread_group and our own queue rather than
// boost::executors::basic_thread_pool: the executors API needs
// BOOST_THREAD_VERSION 4 / BOOST_THREAD_PROVIDES_EXECUTORS, which change
// Boost.Thread's configuration for every translation unit that sees them (a
// user's too, if they leaked into a header), and basic_thread_pool starts all
// its threads at construction, while we must start none for a small batch.
// What a batch call needs is small: run pieces 0..n-1, let the calling thread
// take pieces itself (so two calls sharing one pool can never wait on each
// other), cap the threads per call, and report the lowest failing piece.
#include <zstdio/executor.hpp>

#include "parameters/threads.hpp"

#include <boost/thread/condition_variable.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/thread/thread.hpp>

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <limits>

namespace zstdio {

namespace {

constexpr std::size_t no_failure = std::numeric_limits<std::size_t>::max();

// One run() call.  Lives on the caller's stack; the caller removes it from the
// queue and waits until no pool thread is inside it before returning.
struct job {
    const executor::task* fn = nullptr;
    std::size_t pieces = 0;
    std::size_t helpers_wanted = 0; // pool threads allowed to join
    std::size_t helpers_joined = 0; // guarded by the pool mutex
    std::size_t helpers_inside = 0; // guarded by the pool mutex
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> failed_at{no_failure};
    boost::mutex error_mutex;
    std::exception_ptr error; // of piece failed_at

    bool has_work() const noexcept { return next.load(std::memory_order_relaxed) < pieces; }

    // Takes pieces until none is left.  Never throws.
    void work(std::size_t worker) noexcept
    {
        for (;;) {
            const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= pieces)
                return;
            if (i > failed_at.load(std::memory_order_relaxed))
                continue; // an earlier piece failed: the result is decided
            try {
                (*fn)(i, worker);
            } catch (...) {
                boost::lock_guard<boost::mutex> lock(error_mutex);
                if (i < failed_at.load(std::memory_order_relaxed)) {
                    failed_at.store(i, std::memory_order_relaxed);
                    error = std::current_exception();
                }
            }
        }
    }
};

} // namespace

struct executor::impl {
    std::size_t threads = 1;
    boost::mutex mutex;
    boost::condition_variable work_ready; // pool threads wait here
    boost::condition_variable helper_left; // callers wait here for helpers to leave their job
    std::deque<job*> queue;                // jobs that may take helpers
    bool stopping = false;
    std::size_t started = 0;
    boost::thread_group pool;

    void pool_thread()
    {
        boost::unique_lock<boost::mutex> lock(mutex);
        for (;;) {
            job* j = nullptr;
            work_ready.wait(lock, [&] {
                if (stopping)
                    return true;
                for (job* q : queue)
                    if (q->helpers_joined < q->helpers_wanted && q->has_work()) {
                        j = q;
                        return true;
                    }
                return false;
            });
            if (!j)
                return; // stopping
            const std::size_t worker = ++j->helpers_joined; // 1.. ; 0 is the caller
            ++j->helpers_inside;
            lock.unlock();
            j->work(worker);
            lock.lock();
            --j->helpers_inside;
            helper_left.notify_all();
        }
    }
};

executor::executor(int threads) : impl_(std::make_unique<impl>())
{
    const int n = detail::resolve_threads(threads);
    impl_->threads = n < 1 ? 1 : static_cast<std::size_t>(n);
}

executor::~executor()
{
    {
        boost::lock_guard<boost::mutex> lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->work_ready.notify_all();
    impl_->pool.join_all();
}

std::size_t executor::threads() const noexcept { return impl_->threads; }

std::size_t executor::started_threads() const noexcept
{
    boost::lock_guard<boost::mutex> lock(impl_->mutex);
    return impl_->started;
}

std::size_t executor::threads_for(std::size_t pieces) const noexcept
{
    return std::max<std::size_t>(1, std::min(pieces, impl_->threads));
}

void executor::run(std::size_t pieces, const task& fn)
{
    if (pieces == 0)
        return;
    job j;
    j.fn = &fn;
    j.pieces = pieces;
    j.helpers_wanted = threads_for(pieces) - 1;

    impl& m = *impl_;
    if (j.helpers_wanted > 0) {
        {
            boost::lock_guard<boost::mutex> lock(m.mutex);
            // Start only the threads this call can use; they stay for later calls.
            while (m.started < j.helpers_wanted) {
                m.pool.create_thread([&m] { m.pool_thread(); });
                ++m.started;
            }
            m.queue.push_back(&j);
        }
        if (j.helpers_wanted == 1)
            m.work_ready.notify_one();
        else
            m.work_ready.notify_all();
    }

    j.work(0);

    if (j.helpers_wanted > 0) {
        boost::unique_lock<boost::mutex> lock(m.mutex);
        m.queue.erase(std::find(m.queue.begin(), m.queue.end(), &j));
        m.helper_left.wait(lock, [&] { return j.helpers_inside == 0; });
    }
    if (j.error)
        std::rethrow_exception(j.error);
}

} // namespace zstdio
