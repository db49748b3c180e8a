/// @file
/// Seekable zstd: files of independent frames with a seek table at the end,
/// read at any offset (zstd's contrib seekable format).
///
/// seek_table.hpp holds the table (read, indexed, written); seekable_source.hpp
/// the Boost.Iostreams device that reads the content at any offset;
/// seekable_compressor.hpp the output filter that writes such files.
#ifndef ZSTDIO_SEEKABLE_HPP
#define ZSTDIO_SEEKABLE_HPP

#include <zstdio/seek_table.hpp>
#include <zstdio/seekable_compressor.hpp>
#include <zstdio/seekable_source.hpp>

#endif
