/// @file
/// The library's cache of idle libzstd contexts.
///
/// Creating a libzstd context and growing its memory for the first frame
/// costs more than compressing a 1 KB message with it.  So that a new
/// `zstd_compressor`, `zstd_decompressor`, `compressor`, `decompressor` or
/// streaming object per message costs what reusing one context costs, every
/// zstdio object takes its context from a process-wide cache and gives it
/// back when it is destroyed.  A context given back is reset first (session,
/// parameters and dictionary dropped), and one that met a libzstd error, or
/// ran worker threads (`zstd_params::threads` != 0), is freed instead; a new
/// owner applies its own parameters, so nothing of one stream's settings,
/// dictionary or state reaches the next.
///
/// The filters' I/O buffers (128 KiB each by default, when the filter uses
/// the default allocator) are kept the same way, as a third kind.
///
/// The cache is bounded: at most `max_idle_contexts` idle contexts and
/// `max_idle_bytes` bytes of them (as libzstd's `ZSTD_sizeof_CCtx` /
/// `ZSTD_sizeof_DCtx` count them) for each direction, and as many buffers and
/// bytes of buffers; what does not fit is freed, oldest first.  Contexts in use are not counted: they belong to their
/// objects.  Thread safety: every function here may be called from any
/// thread, and objects on many threads share the cache.
#ifndef ZSTDIO_CONTEXT_CACHE_HPP
#define ZSTDIO_CONTEXT_CACHE_HPP

#include <zstdio/config.hpp>

#include <cstddef>
#include <cstdint>

namespace zstdio {

/// How much the context cache may keep, for each kind (compression contexts,
/// decompression contexts, I/O buffers) separately.
struct context_cache_limits {
    /// Idle contexts kept; 0 turns the cache off (every object creates and
    /// frees its own context).  Default 16.
    std::size_t max_idle_contexts = 16;
    /// Memory of the idle contexts together.  Default 64 MiB: a level-3
    /// compression context for a stream of unknown size uses about 1.3 MiB,
    /// a decompression context about 160 KiB plus its window when streaming.
    std::size_t max_idle_bytes = std::size_t{64} << 20;
};

/// What the cache holds now, and how often it has served.
struct context_cache_statistics {
    /// Idle compression contexts kept.
    std::size_t idle_compression_contexts = 0;
    /// Idle decompression contexts kept.
    std::size_t idle_decompression_contexts = 0;
    /// Idle I/O buffers of the filters kept.
    std::size_t idle_buffers = 0;
    /// Memory of all the idle contexts and buffers, in bytes.
    std::size_t idle_bytes = 0;
    /// Contexts handed out from the cache since the program started.
    std::uint64_t reused = 0;
    /// Contexts created because the cache had none idle.
    std::uint64_t created = 0;
};

/// Changes the limits; idle contexts beyond the new ones are freed now.
/// Thread safe.
ZSTDIO_DECL void set_context_cache_limits(const context_cache_limits& limits) noexcept;

/// The limits in force.  Thread safe.
ZSTDIO_DECL context_cache_limits get_context_cache_limits() noexcept;

/// Frees every idle context (objects in use keep theirs).  Thread safe.
ZSTDIO_DECL void clear_context_cache() noexcept;

/// What the cache holds now.  Thread safe.
ZSTDIO_DECL context_cache_statistics get_context_cache_statistics() noexcept;

} // namespace zstdio

#endif
