/// @file
/// Thread-safe pools of reusable compressors and decompressors:
/// compressor_pool and decompressor_pool.
///
/// A compressor (or decompressor) is not thread safe, and keeping one per
/// thread is the fastest way to compress many small inputs.  When the
/// threads are not yours (a server's request handlers, a task scheduler's
/// workers) or are many more than the work needs, a pool keeps a bounded
/// number of them for one zstd_params, and lends one to whoever asks, for
/// as long as the lease lives.
#ifndef ZSTDIO_POOL_HPP
#define ZSTDIO_POOL_HPP

#include <zstdio/compressor.hpp>
#include <zstdio/config.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>

namespace zstdio {

namespace detail {
// The state a pool and its leases share (src/api/pool.cpp).
template <class Object>
class pool_state;
} // namespace detail

/// A thread-safe pool of reusable `Object`s (compressor or decompressor),
/// all made with one zstd_params: use the names compressor_pool and
/// decompressor_pool.
///
/// acquire() lends an idle object, or makes a new one while fewer than
/// max_size() exist, or else blocks until a lease gives one back.  The
/// object is the caller's alone until its lease is destroyed (or moved
/// into): then it goes back to the pool, also when an exception unwinds
/// the lease, and the next caller may get it on any thread.
///
/// What is reset when an object comes back: the frame or stream in
/// progress, if any, is dropped (libzstd's session reset: an unfinished
/// compressobj() frame, a half-read decompressobj() or copy_stream()
/// stream, the state a failed call left), a level changed by
/// compression_object::set_level() returns to params().level, and a
/// decompressor's output limit to params().max_output_size.  The
/// parameters and dictionary stay: they are the pool's.  Every call of a
/// compressor or decompressor starts a new frame or stream anyway, so a
/// call that threw leaves nothing for the next user; an object that cannot
/// be reset is destroyed instead (size() goes down and a new one is made
/// when needed).  Streaming objects made by compressobj() / decompressobj()
/// borrow the lent object: finish or drop them before the lease ends.
///
/// Thread safety: acquire(), try_acquire(), size(), idle(), max_size() and
/// params() may be called from any number of threads at once, and leases
/// may be destroyed on any thread.  A lent object, like any compressor,
/// is used by one thread at a time.  The pool's mutex is held only to take
/// or give back an object, never while one is made, reset or used.
///
/// Lifetime: a lease keeps the pool's shared state alive, so a lease may
/// outlive its pool: the objects are freed when the pool and its last
/// lease are gone.
/// Destroying a pool while a thread is blocked in its acquire() is
/// undefined, as for any object in use.
///
/// Not copyable or movable (threads hold references to it).
template <class Object>
class context_pool {
    static_assert(std::is_same_v<Object, compressor> || std::is_same_v<Object, decompressor>,
                  "zstdio::context_pool holds compressors or decompressors");

public:
    /// compressor or decompressor.
    using object_type = Object;

    /// An object lent by the pool, given back when the lease is destroyed
    /// or moved into.  Movable (the object moves with it; the moved-from
    /// lease is empty), not copyable.  A default-constructed lease is empty.
    /// Use the object in place: moving it out of the lease (`auto c =
    /// std::move(*l)`) leaves the pool a moved-from object, which is
    /// undefined.
    class lease {
    public:
        /// An empty lease (holds no object).
        lease() noexcept = default;
        /// Takes `other`'s object; `other` is left empty.
        lease(lease&& other) noexcept = default;
        /// Gives this lease's object back, then takes `other`'s.
        lease& operator=(lease&& other) noexcept;
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        /// Gives the object back to the pool, reset as the class comment of
        /// context_pool says (when the pool is gone, the object is freed with
        /// the last lease).
        ~lease();

        /// The lent object.  Precondition: the lease is not empty.
        Object& operator*() const noexcept { return *object_; }
        /// The lent object.  Precondition: the lease is not empty.
        Object* operator->() const noexcept { return object_.get(); }
        /// The lent object, or nullptr for an empty lease.
        Object* get() const noexcept { return object_.get(); }
        /// True when the lease holds an object.
        explicit operator bool() const noexcept { return object_ != nullptr; }

    private:
        friend class context_pool;
        lease(std::shared_ptr<detail::pool_state<Object>> pool, std::unique_ptr<Object> object) noexcept;
        void give_back() noexcept;

        std::shared_ptr<detail::pool_state<Object>> pool_;
        std::unique_ptr<Object> object_;
    };

    /// A pool of objects made with `params`.
    ///
    /// Makes the first object now, so that settings libzstd refuses throw
    /// here rather than in acquire(): size() is 1 afterwards.
    /// @param params the parameters of every object (a dictionary is
    ///        digested once, by the first object, and shared).
    /// @param max_size most objects that exist at once, lent or idle; 0
    ///        (default) = the number of logical CPUs (at least 1).
    /// @throw what compressor(params) or decompressor(params) throws:
    ///        std::invalid_argument for an out-of-range level or parameter,
    ///        zstd_error when libzstd refuses the settings.
    explicit context_pool(const zstd_params& params = {}, std::size_t max_size = 0);
    /// Releases the idle objects; lent ones are destroyed with their leases.
    ~context_pool();
    context_pool(const context_pool&) = delete;
    context_pool& operator=(const context_pool&) = delete;

    /// Lends an object: the most recently given back idle one, else a new
    /// one when fewer than max_size() exist; else BLOCKS until a lease gives
    /// one back (there is no timeout: use try_acquire() not to wait).  A
    /// thread that already holds max_size() leases of this pool and calls
    /// acquire() waits forever.
    /// @throw what the object's constructor throws (std::bad_alloc,
    ///        zstd_error (memory_allocation)) when a new one cannot be made;
    ///        the pool is unchanged then.
    lease acquire();

    /// Lends an object as acquire() does, but returns std::nullopt instead
    /// of waiting when max_size() objects are lent.
    /// @throw as acquire().
    std::optional<lease> try_acquire();

    /// The parameters every object was made with.
    const zstd_params& params() const noexcept;
    /// Most objects that exist at once (>= 1).
    std::size_t max_size() const noexcept;
    /// Objects that exist now, lent or idle (<= max_size()).  A snapshot:
    /// other threads may change it at once.
    std::size_t size() const noexcept;
    /// Objects idle in the pool now (a snapshot, as size()).
    std::size_t idle() const noexcept;

private:
    std::shared_ptr<detail::pool_state<Object>> state_;
};

/// A thread-safe pool of compressors with one zstd_params (context_pool).
using compressor_pool = context_pool<compressor>;
/// A thread-safe pool of decompressors with one zstd_params (context_pool).
using decompressor_pool = context_pool<decompressor>;

// Compiled in src/api/pool.cpp.
extern template class ZSTDIO_DECL context_pool<compressor>;
extern template class ZSTDIO_DECL context_pool<decompressor>;

} // namespace zstdio

#endif
