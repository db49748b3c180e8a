// zstdio — private: a libzstd context leased from the library's cache (see
// include/zstdio/context_cache.hpp for what the cache keeps and why).
#ifndef ZSTDIO_SRC_CONTEXT_CONTEXT_CACHE_HPP
#define ZSTDIO_SRC_CONTEXT_CONTEXT_CACHE_HPP

#include "libzstd/zstd.hpp"

namespace zstdio {
namespace detail {

/// Owns one ZSTD_CCtx or ZSTD_DCtx (`Context`) for the life of a
/// compression_context or decompression_context: taken from the cache (or
/// created) at construction, given back at destruction, reset to a new
/// context's state with its parameters and dictionary dropped.  A context
/// that must not be reused (it met an error, or owns worker threads) is
/// marked with discard() and freed instead.  Not copyable or movable: its
/// owner lives behind a pointer.
template <class Context>
class context_lease {
public:
    /// Throws zstd_error (memory_allocation) when a context cannot be created.
    context_lease();
    ~context_lease();
    context_lease(const context_lease&) = delete;
    context_lease& operator=(const context_lease&) = delete;

    Context* get() const noexcept { return context_; }

    /// The context is freed at the end of the lease, not cached.
    void discard() noexcept { reusable_ = false; }

private:
    Context* context_;
    bool reusable_ = true;
};

extern template class context_lease<ZSTD_CCtx>;
extern template class context_lease<ZSTD_DCtx>;

} // namespace detail
} // namespace zstdio

#endif
