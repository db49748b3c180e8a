// zstdio — thread counts (see threads.hpp).
#include "parameters/threads.hpp"

#include <thread>

namespace zstdio {
namespace detail {

int resolve_threads(int threads) noexcept
{
    if (threads >= 0)
        return threads;
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

} // namespace detail
} // namespace zstdio
