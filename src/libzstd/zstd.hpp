// zstdio — private: the one place that includes libzstd's headers.
//
// zstdio uses libzstd's experimental API (ZSTD_STATIC_LINKING_ONLY) for a few
// parameters and for digested dictionaries built with full parameters.  Those
// entry points are only stable for the exact libzstd version we were compiled
// against; detail::require_experimental() refuses, with a zstd_error, when the
// loaded library is a different version.
#ifndef ZSTDIO_SRC_LIBZSTD_ZSTD_HPP
#define ZSTDIO_SRC_LIBZSTD_ZSTD_HPP

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>
#include <zdict.h>

#endif
