// zstdio — batch members of compressor and decompressor: template bodies
// (included at the end of zstdio/compressor.hpp).
#ifndef ZSTDIO_IMPL_BATCH_HPP
#define ZSTDIO_IMPL_BATCH_HPP

#include <zstdio/buffer.hpp>
#include <zstdio/detail/batch.hpp>
#include <zstdio/executor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace zstdio {

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
    return detail::multi_decompress(context_.context(), detail::byte_views(frames), decompressed_sizes, nullptr, threads);
}

template <class Frames>
buffer_with_segments_collection decompressor::multi_decompress_to_buffer(
    const Frames& frames, const std::vector<std::uint64_t>& decompressed_sizes, executor& pool)
{
    return detail::multi_decompress(context_.context(), detail::byte_views(frames), decompressed_sizes, &pool, 0);
}

template <class Frames>
buffer_with_segments_collection decompressor::multi_decompress_to_buffer(const Frames& frames, executor& pool)
{
    return detail::multi_decompress(context_.context(), detail::byte_views(frames), {}, &pool, 0);
}

template <class Frames>
std::string decompressor::decompress_content_dict_chain(const Frames& frames)
{
    return detail::decompress_chain(context_.context(), detail::byte_views(frames));
}

} // namespace zstdio

#endif
