# zstdio — finds what zstdio links: Boost >= 1.74 (Iostreams, Thread), the
# threads library, libzstd >= 1.5.0, and zlib, libbz2 and liblzma (the gzip,
# bzip2, xz and .lzma members auto_decompressor decodes).  Included by CMakeLists.txt and by the
# installed zstdioConfig.cmake (which sets _zstdio_in_config: there a missing
# dependency makes find_package(zstdio) fail instead of stopping CMake).
#
# Defines zstdio::libzstd, an interface target on whatever provides libzstd:
# zstd's own CMake package (Debian's defines zstd::libzstd_shared and
# zstd::libzstd_static, newer zstd also zstd::libzstd), else pkg-config's
# libzstd, else a plain find_library.

if(POLICY CMP0167)
    cmake_policy(SET CMP0167 NEW) # Boost's own BoostConfig.cmake, not FindBoost
endif()

macro(_zstdio_dependency_missing message)
    if(_zstdio_in_config)
        set(zstdio_NOT_FOUND_MESSAGE "${message}")
        set(zstdio_FOUND FALSE)
        return()
    else()
        message(FATAL_ERROR "zstdio: ${message}")
    endif()
endmacro()

if(_zstdio_in_config)
    include(CMakeFindDependencyMacro)
    find_dependency(Threads)
    find_dependency(Boost 1.74 COMPONENTS iostreams thread)
    find_dependency(ZLIB)
    find_dependency(BZip2)
    find_dependency(LibLZMA)
else()
    find_package(Threads REQUIRED)
    find_package(Boost 1.74 REQUIRED COMPONENTS iostreams thread)
    find_package(ZLIB)
    find_package(BZip2)
    find_package(LibLZMA)
    if(NOT ZLIB_FOUND OR NOT BZIP2_FOUND OR NOT LIBLZMA_FOUND)
        message(FATAL_ERROR "zstdio: zlib, libbz2 and liblzma are needed (Debian/Ubuntu: apt-get install "
                            "zlib1g-dev libbz2-dev liblzma-dev)")
    endif()
endif()

if(NOT TARGET zstdio::libzstd)
    set(_zstdio_zstd "")
    find_package(zstd CONFIG QUIET)
    foreach(_zstdio_t zstd::libzstd_shared zstd::libzstd zstd::libzstd_static)
        if(TARGET ${_zstdio_t})
            set(_zstdio_zstd ${_zstdio_t})
            break()
        endif()
    endforeach()
    if(NOT _zstdio_zstd)
        find_package(PkgConfig QUIET)
        if(PKG_CONFIG_FOUND)
            pkg_check_modules(ZSTDIO_LIBZSTD QUIET IMPORTED_TARGET libzstd>=1.5.0)
            if(TARGET PkgConfig::ZSTDIO_LIBZSTD)
                set(_zstdio_zstd PkgConfig::ZSTDIO_LIBZSTD)
            endif()
        endif()
    endif()
    if(NOT _zstdio_zstd)
        find_path(ZSTDIO_ZSTD_INCLUDE_DIR zstd.h)
        find_library(ZSTDIO_ZSTD_LIBRARY NAMES zstd)
        if(ZSTDIO_ZSTD_INCLUDE_DIR AND ZSTDIO_ZSTD_LIBRARY)
            add_library(zstdio::zstd_library UNKNOWN IMPORTED)
            set_target_properties(zstdio::zstd_library PROPERTIES
                IMPORTED_LOCATION "${ZSTDIO_ZSTD_LIBRARY}"
                INTERFACE_INCLUDE_DIRECTORIES "${ZSTDIO_ZSTD_INCLUDE_DIR}")
            set(_zstdio_zstd zstdio::zstd_library)
        endif()
    endif()
    if(NOT _zstdio_zstd)
        _zstdio_dependency_missing(
            "libzstd >= 1.5.0 not found (Debian/Ubuntu: apt-get install libzstd-dev)")
    endif()
    add_library(zstdio::libzstd INTERFACE IMPORTED)
    set_target_properties(zstdio::libzstd PROPERTIES INTERFACE_LINK_LIBRARIES "${_zstdio_zstd}")
    unset(_zstdio_zstd)
endif()
