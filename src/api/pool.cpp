// zstdio — compressor_pool / decompressor_pool (include/zstdio/pool.hpp).
//
// The pool and its leases share a pool_state: idle objects on a stack (the
// most recently given back is lent first: its memory is the likeliest to be
// warm), a count of the objects that exist, one mutex and one condition
// variable.  The mutex guards only those; objects are made, reset and freed
// outside it, so a slow construction (a dictionary digested) or a blocked
// waiter never holds up the threads giving objects back.
#include <zstdio/pool.hpp>

#include "parameters/threads.hpp"

#include <condition_variable>
#include <mutex>
#include <utility>
#include <vector>

namespace zstdio {
namespace detail {

// The friend of compressor and decompressor that resets what a lease gives
// back (pool.hpp says what).
struct pool_access {
    // libzstd's session reset, the level restored; false when it failed.
    static bool reset(compressor& c) noexcept
    {
        try {
            c.context_.begin_frame();
            return true;
        } catch (...) {
            return false;
        }
    }

    // The decoder's stream, workers' jobs and output limit; cannot fail.
    static bool reset(decompressor& d) noexcept
    {
        d.context_.reset();
        return true;
    }
};

template <class Object>
class pool_state {
public:
    pool_state(const zstd_params& params, std::size_t max_size)
        : params_(params), max_size_(max_size != 0 ? max_size : static_cast<std::size_t>(resolve_threads(-1)))
    {
        // Made now, outside any lock, so that bad settings throw from the
        // pool's constructor.
        idle_.push_back(std::make_unique<Object>(params_));
        size_ = 1;
    }

    // An object to lend: an idle one, a new one, or (`wait`) the next one
    // given back; nullptr when none is idle, max_size_ exist and !wait.
    std::unique_ptr<Object> take(bool wait)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            if (!idle_.empty()) {
                std::unique_ptr<Object> object = std::move(idle_.back());
                idle_.pop_back();
                return object;
            }
            if (size_ < max_size_)
                break;
            if (!wait)
                return nullptr;
            returned_.wait(lock);
        }
        ++size_; // reserves the place while the object is made unlocked
        lock.unlock();
        try {
            return std::make_unique<Object>(params_);
        } catch (...) {
            forget_one();
            throw;
        }
    }

    // A lease ends: the object is reset (outside the lock) and kept idle, or
    // freed when it cannot be reset or kept.
    void give_back(std::unique_ptr<Object> object) noexcept
    {
        if (pool_access::reset(*object)) {
            try {
                {
                    std::lock_guard<std::mutex> lock(mutex_);
                    idle_.push_back(std::move(object));
                }
                returned_.notify_one();
                return;
            } catch (...) {
                // No memory for the idle stack: the object is freed below.
            }
        }
        object.reset();
        forget_one();
    }

    const zstd_params& params() const noexcept { return params_; }
    std::size_t max_size() const noexcept { return max_size_; }

    std::size_t size() const noexcept
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return size_;
    }

    std::size_t idle() const noexcept
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return idle_.size();
    }

private:
    // An object is gone (freed, or never made): its place is free for a
    // waiter to make a new one.
    void forget_one() noexcept
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            --size_;
        }
        returned_.notify_one();
    }

    const zstd_params params_;
    const std::size_t max_size_;
    mutable std::mutex mutex_;
    std::condition_variable returned_; // an object came back, or a place became free
    std::vector<std::unique_ptr<Object>> idle_;
    std::size_t size_ = 0; // objects that exist, lent or idle
};

} // namespace detail

// ---------------------------------------------------------------------------
// context_pool<Object>::lease

template <class Object>
context_pool<Object>::lease::lease(std::shared_ptr<detail::pool_state<Object>> pool,
                                   std::unique_ptr<Object> object) noexcept
    : pool_(std::move(pool)), object_(std::move(object))
{
}

template <class Object>
void context_pool<Object>::lease::give_back() noexcept
{
    if (object_)
        pool_->give_back(std::move(object_));
    pool_.reset();
}

template <class Object>
typename context_pool<Object>::lease& context_pool<Object>::lease::operator=(lease&& other) noexcept
{
    if (this != &other) {
        give_back();
        pool_ = std::move(other.pool_);
        object_ = std::move(other.object_);
    }
    return *this;
}

template <class Object>
context_pool<Object>::lease::~lease()
{
    give_back();
}

// ---------------------------------------------------------------------------
// context_pool<Object>

template <class Object>
context_pool<Object>::context_pool(const zstd_params& params, std::size_t max_size)
    : state_(std::make_shared<detail::pool_state<Object>>(params, max_size))
{
}

template <class Object>
context_pool<Object>::~context_pool() = default;

template <class Object>
typename context_pool<Object>::lease context_pool<Object>::acquire()
{
    return lease(state_, state_->take(true));
}

template <class Object>
std::optional<typename context_pool<Object>::lease> context_pool<Object>::try_acquire()
{
    std::unique_ptr<Object> object = state_->take(false);
    if (!object)
        return std::nullopt;
    return lease(state_, std::move(object));
}

template <class Object>
const zstd_params& context_pool<Object>::params() const noexcept
{
    return state_->params();
}

template <class Object>
std::size_t context_pool<Object>::max_size() const noexcept
{
    return state_->max_size();
}

template <class Object>
std::size_t context_pool<Object>::size() const noexcept
{
    return state_->size();
}

template <class Object>
std::size_t context_pool<Object>::idle() const noexcept
{
    return state_->idle();
}

template class context_pool<compressor>;
template class context_pool<decompressor>;

} // namespace zstdio
