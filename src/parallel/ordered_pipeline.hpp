// zstdio — private: jobs done by worker threads and collected in order.
//
// The seekable writer (frames to compress) and the parallel decoder (frames
// to decode) share this shape: one owning thread fills job k and hands it
// over; `workers` threads of a private executor take jobs in order as they
// come; the owner collects job k, then k + 1, ... and waits only for the
// oldest.  An owner that works (owner_works) takes the next job no worker
// has taken instead of waiting idle, so N threads of work are N - 1
// workers and the owner, and no core is left to a thread that only waits.
// At most capacity() jobs are handed and not yet collected; job k uses slot
// k % capacity(), so the owner keeps its jobs' data in an array of that many
// slots.
#ifndef ZSTDIO_SRC_PARALLEL_ORDERED_PIPELINE_HPP
#define ZSTDIO_SRC_PARALLEL_ORDERED_PIPELINE_HPP

#include <zstdio/executor.hpp>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <vector>

namespace zstdio {
namespace detail {

class ordered_pipeline {
public:
    /// Does the job in `slot` on worker `worker` (in [0, workers), or
    /// workers for the owner when it works): a worker may keep per-worker
    /// state in an array.  What it throws is kept and thrown by wait_head()
    /// for that job.
    using work = std::function<void(std::size_t slot, std::size_t worker)>;

    /// `workers` >= 1 threads (started on the first hand(), on `pool`, or
    /// on an executor of their own when it is null), `capacity` >= 1 slots.
    /// `owner_works`: wait_head() does jobs no worker has taken while it
    /// waits, as worker number `workers`.
    ordered_pipeline(std::size_t workers, std::size_t capacity, work w, std::shared_ptr<executor> pool = nullptr,
                     bool owner_works = false);
    /// stop().
    ~ordered_pipeline();
    ordered_pipeline(const ordered_pipeline&) = delete;
    ordered_pipeline& operator=(const ordered_pipeline&) = delete;

    std::size_t workers() const noexcept { return workers_; }
    std::size_t capacity() const noexcept { return states_.size(); }
    /// Slot of the next job to hand.
    std::size_t next_slot() const noexcept { return static_cast<std::size_t>(handed_ % capacity()); }
    /// Slot of the oldest job not collected (valid when !empty()).
    std::size_t head_slot() const noexcept { return static_cast<std::size_t>(collected_ % capacity()); }
    /// Jobs handed and not collected.
    std::size_t in_flight() const noexcept { return static_cast<std::size_t>(handed_ - collected_); }
    bool empty() const noexcept { return handed_ == collected_; }
    bool full() const noexcept { return in_flight() == capacity(); }
    /// True while workers run (their per-worker state is in use).
    bool running() const noexcept { return running_.valid(); }

    /// The job in next_slot() is ready: a worker takes it.  Not when full().
    void hand();
    /// True when the oldest job is done (false when empty()).
    bool head_done();
    /// Waits until the oldest job is done (doing jobs not taken yet
    /// meanwhile, when the owner works) and returns its slot; throws what
    /// its work threw.  Not when empty().
    std::size_t wait_head();
    /// The oldest job is collected: its slot is free.
    void pop() noexcept { ++collected_; }
    /// Waits for the jobs being worked on, stops the workers and forgets
    /// every job.  The pipeline can be used again.
    void stop() noexcept;

private:
    void run_worker(std::size_t worker);
    // Takes the next job (taken_ < handed_, `lock` held) and does it
    // with the lock released.
    void do_job(std::unique_lock<std::mutex>& lock, std::size_t worker);

    struct job_state {
        bool done = false;
        std::exception_ptr error;
    };

    std::size_t workers_;
    work work_;
    std::shared_ptr<executor> pool_;
    // Jobs [collected_, handed_) are in flight; [collected_, taken_) are or
    // were with a worker.  handed_ and taken_ are guarded by mutex_ while
    // workers run.
    std::uint64_t collected_ = 0;
    std::uint64_t handed_ = 0;
    std::uint64_t taken_ = 0;
    std::vector<job_state> states_;
    bool stopping_ = false;
    bool owner_works_;
    std::mutex mutex_;
    std::condition_variable work_ready_; // a job was handed, or stopping
    std::condition_variable job_done_;
    // The workers' run, while they run.  Declared last: destroyed first.
    std::future<void> running_;
};

} // namespace detail
} // namespace zstdio

#endif
