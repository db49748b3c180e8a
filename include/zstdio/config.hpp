/// @file
/// Configuration: the export macro and the library version.
#ifndef ZSTDIO_CONFIG_HPP
#define ZSTDIO_CONFIG_HPP

#include <boost/config.hpp>

/// @def ZSTDIO_DECL
/// Marks what the compiled library exports.  Define `ZSTDIO_DYN_LINK` when
/// linking the shared library (b2, the CMake package and zstdio.pc do it for
/// you); `ZSTDIO_SOURCE` is defined only while building the library itself.
#if defined(ZSTDIO_DYN_LINK)
#  if defined(ZSTDIO_SOURCE)
#    define ZSTDIO_DECL BOOST_SYMBOL_EXPORT
#  else
#    define ZSTDIO_DECL BOOST_SYMBOL_IMPORT
#  endif
#else
#  define ZSTDIO_DECL
#endif

/// Major version of the zstdio headers (the library's own version; the
/// libzstd in use is zstdio::version_number()).
#define ZSTDIO_VERSION_MAJOR 0
/// Minor version of the zstdio headers.
#define ZSTDIO_VERSION_MINOR 1
/// Patch version of the zstdio headers.
#define ZSTDIO_VERSION_PATCH 0

#endif
