/// @file
/// Batch calls: many inputs in one call, spread over threads.
///
/// The calls are members of the classes of compressor.hpp:
/// compressor::multi_compress_to_buffer(),
/// decompressor::multi_decompress_to_buffer() and
/// decompressor::decompress_content_dict_chain().  This header includes
/// everything they use: compressor.hpp, their input and output
/// (buffer.hpp: buffer_with_segments and its family) and their thread pool
/// (executor.hpp).  compressor.hpp alone includes them too.  See doc/batch.md.
#ifndef ZSTDIO_BATCH_HPP
#define ZSTDIO_BATCH_HPP

#include <zstdio/buffer.hpp>
#include <zstdio/compressor.hpp>
#include <zstdio/executor.hpp>

#endif
