// zstdio — private: libzstd's stable API, for every source but
// libzstd/experimental.cpp.
//
// libzstd's experimental API (ZSTD_STATIC_LINKING_ONLY) is only stable within
// one libzstd version, so one file makes all of zstdio's experimental calls,
// behind the version gate: libzstd/experimental.cpp (experimental.hpp).  Here
// <zstd.h> and <zdict.h> are included without it.
#ifndef ZSTDIO_SRC_LIBZSTD_ZSTD_HPP
#define ZSTDIO_SRC_LIBZSTD_ZSTD_HPP

#include <zstd.h>
#include <zstd_errors.h>
#include <zdict.h>

#include <cstddef>

namespace zstdio {
namespace detail {

/// The largest frame header, magic number included (zstd.h's
/// ZSTD_FRAMEHEADERSIZE_MAX, of the experimental section: experimental.cpp
/// checks that they agree).
inline constexpr std::size_t max_frame_header_size = 18;

} // namespace detail
} // namespace zstdio

#endif
