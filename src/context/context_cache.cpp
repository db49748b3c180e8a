// zstdio — the library's cache of idle libzstd contexts (see
// include/zstdio/context_cache.hpp and context_cache.hpp here).
//
// One mutex guards three stacks: idle contexts of each direction, and the
// filters' idle I/O buffers.  A lease
// takes the most recently given back context (its memory is the likeliest to
// be warm and already sized for the same kind of work); when the limits are
// reached, the oldest idle contexts are freed first.  libzstd frees outside
// the lock.
#include <zstdio/context_cache.hpp>
#include <zstdio/error.hpp>

#include <zstdio/detail/io_buffer.hpp>

#include "context/context_cache.hpp"

#include <boost/throw_exception.hpp>

#include <cstdint>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace zstdio {
namespace detail {

namespace {

// What the cache needs to know of each kind of libzstd context.
template <class Context>
struct context_kind;

template <>
struct context_kind<ZSTD_CCtx> {
    static ZSTD_CCtx* create() noexcept { return ZSTD_createCCtx(); }
    static void free(ZSTD_CCtx* c) noexcept { ZSTD_freeCCtx(c); }
    // Session, parameters and referenced dictionary: back to a new context's.
    static bool reset(ZSTD_CCtx* c) noexcept { return !ZSTD_isError(ZSTD_CCtx_reset(c, ZSTD_reset_session_and_parameters)); }
    static std::size_t bytes(const ZSTD_CCtx* c) noexcept { return ZSTD_sizeof_CCtx(c); }
    static constexpr const char* name = "compression";
};

template <>
struct context_kind<ZSTD_DCtx> {
    static ZSTD_DCtx* create() noexcept { return ZSTD_createDCtx(); }
    static void free(ZSTD_DCtx* d) noexcept { ZSTD_freeDCtx(d); }
    static bool reset(ZSTD_DCtx* d) noexcept { return !ZSTD_isError(ZSTD_DCtx_reset(d, ZSTD_reset_session_and_parameters)); }
    static std::size_t bytes(const ZSTD_DCtx* d) noexcept { return ZSTD_sizeof_DCtx(d); }
    static constexpr const char* name = "decompression";
};

// Idle items (contexts or buffers) and their memory, oldest first.
template <class T>
struct idle_stack {
    struct entry {
        T* item;
        std::size_t bytes;
    };
    std::vector<entry> entries;
    std::size_t bytes = 0;

    // Moves the oldest entries to `freed` until `count` and `total` fit.  If
    // it throws (no memory for `freed`), nothing has changed.
    void trim(std::size_t count, std::size_t total, std::vector<T*>& freed)
    {
        std::size_t drop = 0;
        std::size_t left = bytes;
        while (drop < entries.size() && (entries.size() - drop > count || left > total))
            left -= entries[drop++].bytes;
        freed.reserve(freed.size() + drop);
        for (std::size_t i = 0; i < drop; ++i)
            freed.push_back(entries[i].item);
        entries.erase(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(drop));
        bytes = left;
    }
};

class context_cache {
public:
    template <class Context>
    Context* take()
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            idle_stack<Context>& idle = stack<Context>();
            if (!idle.entries.empty()) {
                const auto last = idle.entries.back();
                idle.entries.pop_back();
                idle.bytes -= last.bytes;
                ++reused_;
                return last.item;
            }
            ++created_;
        }
        Context* context = context_kind<Context>::create();
        if (!context)
            boost::throw_exception(zstd_error(errc::memory_allocation, std::string("cannot allocate a ") +
                                                                           context_kind<Context>::name + " context"));
        return context;
    }

    template <class Context>
    void give_back(Context* context, bool reusable) noexcept
    {
        using kind = context_kind<Context>;
        if (!reusable || !kind::reset(context)) {
            kind::free(context);
            return;
        }
        keep(stack<Context>(), context, kind::bytes(context), &kind::free);
    }

    // An idle buffer of exactly `size` bytes (the filters ask for a few
    // sizes only), else a new one.
    char* take_buffer(std::size_t size)
    {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto& entries = buffers_.entries;
            for (std::size_t i = entries.size(); i-- > 0;) {
                if (entries[i].bytes == size) {
                    char* data = entries[i].item;
                    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(i));
                    buffers_.bytes -= size;
                    return data;
                }
            }
        }
        return new char[size];
    }

    void give_back_buffer(char* data, std::size_t size) noexcept { keep(buffers_, data, size, &free_buffer); }

    void set_limits(const context_cache_limits& limits) noexcept
    {
        freed_items freed;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            limits_ = limits;
            trim_locked(freed);
        }
        free_all(freed);
    }

    context_cache_limits limits() noexcept
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return limits_;
    }

    void clear() noexcept
    {
        freed_items freed;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            const context_cache_limits kept = limits_;
            limits_ = {0, 0};
            trim_locked(freed);
            limits_ = kept;
        }
        free_all(freed);
    }

    context_cache_statistics statistics() noexcept
    {
        std::lock_guard<std::mutex> lock(mutex_);
        context_cache_statistics s;
        s.idle_compression_contexts = compression_.entries.size();
        s.idle_decompression_contexts = decompression_.entries.size();
        s.idle_buffers = buffers_.entries.size();
        s.idle_bytes = compression_.bytes + decompression_.bytes + buffers_.bytes;
        s.reused = reused_;
        s.created = created_;
        return s;
    }

private:
    static void free_buffer(char* data) noexcept { delete[] data; }

    // Keeps `item` (of `bytes`) idle on `idle` within the limits, freeing the
    // oldest entries to make room, or frees it when it cannot fit.
    template <class T>
    void keep(idle_stack<T>& idle, T* item, std::size_t bytes, void (*free)(T*) noexcept) noexcept
    {
        std::vector<T*> freed;
        bool kept = false;
        try {
            std::lock_guard<std::mutex> lock(mutex_);
            if (limits_.max_idle_contexts != 0 && bytes <= limits_.max_idle_bytes) {
                idle.trim(limits_.max_idle_contexts - 1, limits_.max_idle_bytes - bytes, freed);
                idle.entries.push_back({item, bytes});
                idle.bytes += bytes;
                kept = true;
            }
        } catch (...) {
            // No memory for the bookkeeping: the item is freed, not lost.
        }
        if (!kept)
            free(item);
        for (T* t : freed)
            free(t);
    }

    template <class Context>
    idle_stack<Context>& stack() noexcept
    {
        if constexpr (std::is_same_v<Context, ZSTD_CCtx>)
            return compression_;
        else
            return decompression_;
    }

    // Called with the lock held.  Should `cctxs` or `dctxs` find no memory,
    // the contexts stay cached (and are trimmed at the next give-back).
    struct freed_items {
        std::vector<ZSTD_CCtx*> cctxs;
        std::vector<ZSTD_DCtx*> dctxs;
        std::vector<char*> buffers;
    };

    void trim_locked(freed_items& freed) noexcept
    {
        try {
            compression_.trim(limits_.max_idle_contexts, limits_.max_idle_bytes, freed.cctxs);
            decompression_.trim(limits_.max_idle_contexts, limits_.max_idle_bytes, freed.dctxs);
            buffers_.trim(limits_.max_idle_contexts, limits_.max_idle_bytes, freed.buffers);
        } catch (...) {
        }
    }

    static void free_all(const freed_items& freed) noexcept
    {
        for (ZSTD_CCtx* c : freed.cctxs)
            context_kind<ZSTD_CCtx>::free(c);
        for (ZSTD_DCtx* d : freed.dctxs)
            context_kind<ZSTD_DCtx>::free(d);
        for (char* b : freed.buffers)
            free_buffer(b);
    }

    std::mutex mutex_;
    context_cache_limits limits_;
    idle_stack<ZSTD_CCtx> compression_;
    idle_stack<ZSTD_DCtx> decompression_;
    idle_stack<char> buffers_; // the filters' I/O buffers
    std::uint64_t reused_ = 0;
    std::uint64_t created_ = 0;
};

// Never destroyed: objects with static storage may give contexts back while
// the program exits, after a static cache would be gone.  What it holds then
// is still reachable (not a leak to sanitizers) and freed by the exit.
context_cache& the_cache()
{
    static context_cache* const cache = new context_cache;
    return *cache;
}

} // namespace

template <class Context>
context_lease<Context>::context_lease() : context_(the_cache().take<Context>())
{
}

template <class Context>
context_lease<Context>::~context_lease()
{
    the_cache().give_back(context_, reusable_);
}

template class context_lease<ZSTD_CCtx>;
template class context_lease<ZSTD_DCtx>;

char* take_io_buffer(std::size_t size) { return the_cache().take_buffer(size); }

void give_back_io_buffer(char* data, std::size_t size) noexcept { the_cache().give_back_buffer(data, size); }

} // namespace detail

void set_context_cache_limits(const context_cache_limits& limits) noexcept { detail::the_cache().set_limits(limits); }

context_cache_limits get_context_cache_limits() noexcept { return detail::the_cache().limits(); }

void clear_context_cache() noexcept { detail::the_cache().clear(); }

context_cache_statistics get_context_cache_statistics() noexcept { return detail::the_cache().statistics(); }

} // namespace zstdio
