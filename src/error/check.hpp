// zstdio — private: the one error check.
//
// Every libzstd call whose result can be an error goes through check(), so a
// failure reads the same whichever API met it.
#ifndef ZSTDIO_SRC_ERROR_CHECK_HPP
#define ZSTDIO_SRC_ERROR_CHECK_HPP

#include "libzstd/zstd.hpp"

#include <zstdio/config.hpp>

#include <cstddef>

namespace zstdio {
namespace detail {

/// Throws zstd_error for a libzstd error code; `doing` says what was being
/// done ("compressing", "loading the dictionary", ...).
[[noreturn]] ZSTDIO_DECL void throw_zstd(std::size_t code, const char* doing);

/// Returns `code` unless it is a libzstd error, which it throws.
inline std::size_t check(std::size_t code, const char* doing)
{
    if (ZSTD_isError(code))
        throw_zstd(code, doing);
    return code;
}

} // namespace detail
} // namespace zstdio

#endif
