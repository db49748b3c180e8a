/// @file
/// Executor: the Boost.Thread pool behind the batch calls.
#ifndef ZSTDIO_EXECUTOR_HPP
#define ZSTDIO_EXECUTOR_HPP

#include <zstdio/config.hpp>

#include <cstddef>
#include <functional>
#include <memory>

namespace zstdio {

/// A pool of Boost.Thread threads that runs the pieces of a batch call.
///
/// `threads` follows zstd_params::threads: 0 or 1 = everything runs in the
/// calling thread, N > 1 = at most N threads work on one call (the calling
/// thread and N - 1 pool threads), negative = one per logical CPU.
///
/// Threads are started lazily, only when a call has enough pieces of work to
/// keep them busy, and are kept for later calls until the executor is
/// destroyed: give the same executor to many batch calls to pay for thread
/// start-up once.  A call never uses more threads than it has pieces.
///
/// Thread safety: run() (and so any batch call taking an `executor&`) may be
/// called from several threads at once; each call finishes its own pieces
/// (the calling thread works too, so a call never waits for a pool thread busy
/// with another call).  Destroying the executor while a call runs is undefined.
class ZSTDIO_DECL executor {
public:
    /// A task: runs piece `index`; `worker` in [0, threads used by the call)
    /// is unique among the threads running that call at the same time (0 is
    /// the calling thread), so per-thread state can be kept in an array.
    using task = std::function<void(std::size_t index, std::size_t worker)>;

    /// @param threads see the class description; default: all logical CPUs.
    explicit executor(int threads = -1);
    /// Stops and joins the pool threads.
    ~executor();
    executor(const executor&) = delete;
    executor& operator=(const executor&) = delete;

    /// Most threads one call uses (>= 1, counting the calling thread).
    std::size_t threads() const noexcept;
    /// Pool threads started so far (never above threads() - 1).
    std::size_t started_threads() const noexcept;

    /// Threads a call with `pieces` pieces uses: min(pieces, threads()), and at least 1.
    std::size_t threads_for(std::size_t pieces) const noexcept;

    /// Runs `fn(i, worker)` for every i in [0, pieces) and returns when all
    /// are done.  If pieces throw, the exception of the lowest-numbered
    /// failing piece is rethrown (the same for any number of threads), and
    /// pieces numbered above a piece already known to have failed are skipped.
    void run(std::size_t pieces, const task& fn);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace zstdio

#endif
