// zstdio — detail: what the batch members of compressor and decompressor are
// built from (compiled in src/batch.cpp; the members' bodies are in
// impl/batch.hpp).
#ifndef ZSTDIO_DETAIL_BATCH_HPP
#define ZSTDIO_DETAIL_BATCH_HPP

#include <zstdio/buffer.hpp>
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
std::vector<std::string_view> byte_views(const Range& inputs)
{
    std::vector<std::string_view> views;
    if constexpr (std::is_convertible_v<typename std::iterator_traits<decltype(std::begin(inputs))>::iterator_category,
                                        std::forward_iterator_tag>)
        views.reserve(static_cast<std::size_t>(std::distance(std::begin(inputs), std::end(inputs))));
    for (const auto& item : inputs) {
        static_assert(!std::is_same_v<std::decay_t<decltype(item)>, buffer_with_segments>,
                      "a range of buffer_with_segments: put them in a buffer_with_segments_collection");
        const auto* p = std::data(item);
        static_assert(sizeof(*p) == 1 && std::is_trivially_copyable_v<std::remove_pointer_t<decltype(p)>>,
                      "batch inputs must be a range of contiguous byte buffers (std::string, "
                      "std::vector<char>, std::string_view, buffer_segment...)");
        views.emplace_back(reinterpret_cast<const char*>(p), static_cast<std::size_t>(std::size(item)));
    }
    return views;
}

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

#endif
