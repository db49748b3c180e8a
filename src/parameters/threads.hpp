// zstdio — private: the one reading of a `threads` setting.
#ifndef ZSTDIO_SRC_PARAMETERS_THREADS_HPP
#define ZSTDIO_SRC_PARAMETERS_THREADS_HPP

namespace zstdio {
namespace detail {

/// Worker threads for a `threads` setting: negative = all logical CPUs.
int resolve_threads(int threads) noexcept;

} // namespace detail
} // namespace zstdio

#endif
