// zstdio — batch calls: template bodies (included by batch.hpp).
#ifndef ZSTDIO_IMPL_BATCH_HPP
#define ZSTDIO_IMPL_BATCH_HPP

namespace zstdio {
namespace detail {

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

} // namespace detail

template <class Inputs>
buffer_with_segments_collection compressor::multi_compress_to_buffer(const Inputs& inputs, int threads)
{
    return detail::multi_compress(context_, detail::byte_views(inputs), nullptr, threads);
}

template <class Inputs>
buffer_with_segments_collection compressor::multi_compress_to_buffer(const Inputs& inputs, executor& pool)
{
    return detail::multi_compress(context_, detail::byte_views(inputs), &pool, 0);
}

template <class Frames>
buffer_with_segments_collection decompressor::multi_decompress_to_buffer(
    const Frames& frames, const std::vector<std::uint64_t>& decompressed_sizes, int threads)
{
    return detail::multi_decompress(context_, detail::byte_views(frames), decompressed_sizes, nullptr, threads);
}

template <class Frames>
buffer_with_segments_collection decompressor::multi_decompress_to_buffer(
    const Frames& frames, const std::vector<std::uint64_t>& decompressed_sizes, executor& pool)
{
    return detail::multi_decompress(context_, detail::byte_views(frames), decompressed_sizes, &pool, 0);
}

template <class Frames>
buffer_with_segments_collection decompressor::multi_decompress_to_buffer(const Frames& frames, executor& pool)
{
    return detail::multi_decompress(context_, detail::byte_views(frames), {}, &pool, 0);
}

template <class Frames>
std::string decompressor::decompress_content_dict_chain(const Frames& frames)
{
    return detail::decompress_chain(context_, detail::byte_views(frames));
}

} // namespace zstdio

#endif
