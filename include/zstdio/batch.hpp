/// @file
/// Batch calls: many inputs in one call, spread over threads.
///
/// compressor::multi_compress_to_buffer(), decompressor::multi_decompress_to_buffer()
/// and decompressor::decompress_content_dict_chain() are members of the classes
/// in compressor.hpp (which includes this header); this header holds what they
/// are built from.  See doc/batch.md.
#ifndef ZSTDIO_BATCH_HPP
#define ZSTDIO_BATCH_HPP

#include <zstdio/buffer.hpp>
#include <zstdio/compressor.hpp>
#include <zstdio/config.hpp>
#include <zstdio/detail/context.hpp>
#include <zstdio/executor.hpp>

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace zstdio {
namespace detail {

/// The inputs of a batch call as views: one per segment or element.
ZSTDIO_DECL std::vector<std::string_view> byte_views(const buffer_with_segments& inputs);
ZSTDIO_DECL std::vector<std::string_view> byte_views(const buffer_with_segments_collection& inputs);
/// Any range whose elements are contiguous byte buffers (std::data/std::size
/// with 1-byte elements: std::string, std::vector<char>, std::string_view,
/// std::vector<std::uint8_t>, buffer_segment, ...).
template <class Range>
std::vector<std::string_view> byte_views(const Range& inputs);

/// The work of compressor::multi_compress_to_buffer: `caller` is the
/// compressor's own context (used by the calling thread); other threads get
/// contexts built from caller.params().  `pool` null = use `threads`.
ZSTDIO_DECL buffer_with_segments_collection multi_compress(compression_context& caller,
                                                           const std::vector<std::string_view>& inputs,
                                                           executor* pool, int threads);

/// The work of decompressor::multi_decompress_to_buffer.
ZSTDIO_DECL buffer_with_segments_collection multi_decompress(decompression_context& caller,
                                                             const std::vector<std::string_view>& frames,
                                                             const std::vector<std::uint64_t>& decompressed_sizes,
                                                             executor* pool, int threads);

/// The work of decompressor::decompress_content_dict_chain.
ZSTDIO_DECL std::string decompress_chain(const decompression_context& caller,
                                         const std::vector<std::string_view>& frames);

} // namespace detail
} // namespace zstdio

#include <zstdio/impl/batch.hpp>

#endif
