// zstdio — jobs done by worker threads and collected in order (see
// ordered_pipeline.hpp).
#include "parallel/ordered_pipeline.hpp"

#include <utility>

namespace zstdio {
namespace detail {

ordered_pipeline::ordered_pipeline(std::size_t workers, std::size_t capacity, work w,
                                   std::shared_ptr<executor> pool, bool owner_works)
    : workers_(workers < 1 ? 1 : workers), work_(std::move(w)), pool_(std::move(pool)),
      states_(capacity < 1 ? 1 : capacity), owner_works_(owner_works)
{
}

ordered_pipeline::~ordered_pipeline() { stop(); }

void ordered_pipeline::run_worker(std::size_t worker)
{
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        work_ready_.wait(lock, [&] { return taken_ < handed_ || stopping_; });
        if (taken_ == handed_)
            return; // stopping, nothing left
        do_job(lock, worker);
    }
}

void ordered_pipeline::do_job(std::unique_lock<std::mutex>& lock, std::size_t worker)
{
    const auto slot = static_cast<std::size_t>(taken_++ % capacity());
    lock.unlock();
    std::exception_ptr failure;
    try {
        work_(slot, worker);
    } catch (...) {
        failure = std::current_exception();
    }
    lock.lock();
    states_[slot].done = true;
    states_[slot].error = failure;
    job_done_.notify_all();
}

void ordered_pipeline::hand()
{
    if (!running_.valid()) {
        if (!pool_)
            pool_ = std::make_shared<executor>(static_cast<int>(workers_));
        stopping_ = false;
        // The executor's calling thread works too: this thread of our own
        // is worker 0, and the pool gives the others.
        running_ = std::async(std::launch::async, [this] {
            pool_->run(workers_, [this](std::size_t, std::size_t worker) { run_worker(worker); });
        });
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        states_[next_slot()] = job_state();
        ++handed_;
    }
    work_ready_.notify_one();
}

bool ordered_pipeline::head_done()
{
    if (empty())
        return false;
    std::lock_guard<std::mutex> lock(mutex_);
    return states_[head_slot()].done;
}

std::size_t ordered_pipeline::wait_head()
{
    const std::size_t slot = head_slot();
    std::exception_ptr failure;
    {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!states_[slot].done) {
            if (owner_works_ && taken_ < handed_) {
                do_job(lock, workers_);
                continue;
            }
            job_done_.wait(lock);
        }
        failure = std::exchange(states_[slot].error, nullptr);
    }
    if (failure)
        std::rethrow_exception(failure);
    return slot;
}

void ordered_pipeline::stop() noexcept
{
    if (running_.valid()) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
            // Jobs not taken yet are dropped; those taken are finished.
            handed_ = taken_;
        }
        work_ready_.notify_all();
        running_.wait(); // run_worker() catches what the work throws
        running_ = std::future<void>();
    }
    collected_ = handed_ = taken_ = 0;
    for (job_state& s : states_)
        s = job_state();
}

} // namespace detail
} // namespace zstdio
