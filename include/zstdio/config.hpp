// zstdio — configuration: the export macro and the library version.
#ifndef ZSTDIO_CONFIG_HPP
#define ZSTDIO_CONFIG_HPP

#include <boost/config.hpp>

// ZSTDIO_DECL marks what the compiled library exports.  Define ZSTDIO_DYN_LINK
// when linking the shared library (b2 and the CMake package do it for you);
// ZSTDIO_SOURCE is defined only while building the library itself.
#if defined(ZSTDIO_DYN_LINK)
#  if defined(ZSTDIO_SOURCE)
#    define ZSTDIO_DECL BOOST_SYMBOL_EXPORT
#  else
#    define ZSTDIO_DECL BOOST_SYMBOL_IMPORT
#  endif
#else
#  define ZSTDIO_DECL
#endif

#define ZSTDIO_VERSION_MAJOR 0
#define ZSTDIO_VERSION_MINOR 1
#define ZSTDIO_VERSION_PATCH 0

#endif
