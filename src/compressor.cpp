// zstdio — compressor / decompressor: one-shot calls on reusable contexts.
#include <zstdio/compressor.hpp>

#include "apply.hpp"

#include <algorithm>

namespace zstdio {

namespace {

// The most content `size` compressed bytes can describe: every 4 bytes (a
// 3-byte block header and one RLE byte) can stand for one full 128 KiB block.
// A header declaring more is lying; refusing it bounds what untrusted input
// can make us allocate.
std::uint64_t largest_possible_content(std::size_t size) noexcept
{
    return (static_cast<std::uint64_t>(size) / 4 + 1) * ZSTD_BLOCKSIZE_MAX;
}

} // namespace

std::size_t compress_bound(std::size_t size) noexcept { return ZSTD_compressBound(size); }

// ---------------------------------------------------------------------------
// compressor

compressor::compressor(const zstd_params& params) : context_(params) {}

std::string compressor::compress(std::string_view data)
{
    std::string out(ZSTD_compressBound(data.size()), '\0');
    out.resize(context_.compress_once(data.data(), data.size(), out.data(), out.size()));
    return out;
}

std::size_t compressor::compress(std::string_view data, void* dst, std::size_t capacity)
{
    return context_.compress_once(data.data(), data.size(), dst, capacity);
}

// ---------------------------------------------------------------------------
// decompressor

decompressor::decompressor(const zstd_params& params) : context_(params) {}

std::string decompressor::decompress(std::string_view data, std::uint64_t max_output_size)
{
    const std::uint64_t limit = max_output_size != 0 ? max_output_size : params().max_output_size;
    if (data.empty())
        throw zstd_error(errc::not_zstd_frame, "decompressing: empty input, no zstd frame");

    std::string_view frames = data;
    unsigned long long declared;
    if (params().format == frame_format::zstd1) {
        if (!params().multi_frame) {
            const std::size_t first = ZSTD_findFrameCompressedSize(data.data(), data.size());
            if (!ZSTD_isError(first))
                frames = data.substr(0, first);
        }
        declared = ZSTD_findDecompressedSize(frames.data(), frames.size());
    } else {
        // libzstd cannot walk magicless frames: the first header must tell.
        ZSTD_frameHeader fh;
        const std::size_t r = ZSTD_getFrameHeader_advanced(&fh, data.data(), data.size(),
                                                           static_cast<ZSTD_format_e>(params().format));
        declared = r != 0 ? ZSTD_CONTENTSIZE_ERROR : fh.frameContentSize;
    }
    if (declared == ZSTD_CONTENTSIZE_ERROR) {
        context_.validate_frames(frames.data(), frames.size()); // says what is wrong
        context_.set_max_output_size(limit);
        char none[1];
        context_.decompress_once(frames.data(), frames.size(), none, 0); // or the decoder does
        throw zstd_error(errc::corruption_detected, "decompressing: invalid frame header");
    }

    if (declared != ZSTD_CONTENTSIZE_UNKNOWN) {
        if (limit != 0 && declared > limit)
            throw zstd_error(errc::output_limit_exceeded,
                             "decompressing: the frames declare " + std::to_string(declared) +
                                 " bytes of content, above max_output_size = " + std::to_string(limit) + " bytes");
        if (declared > largest_possible_content(frames.size()))
            throw zstd_error(errc::corruption_detected,
                             "decompressing: corrupt frame header: it declares " + std::to_string(declared) +
                                 " bytes of content, more than " + std::to_string(frames.size()) +
                                 " compressed bytes can hold");
        std::string out(static_cast<std::size_t>(declared), '\0');
        context_.set_max_output_size(0);
        const std::size_t n = context_.decompress_once(frames.data(), frames.size(), out.data(), out.size());
        out.resize(n);
        return out;
    }

    if (limit == 0)
        throw zstd_error(errc::content_size_unknown,
                         "decompressing: the frame does not record its content size; give max_output_size "
                         "(or decompress it with a streaming API)");

    // Unknown size, bounded by the limit: stream into a growing string.
    context_.reset();
    context_.set_max_output_size(limit);
    std::string out;
    out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(
        limit, std::max<std::uint64_t>(ZSTD_DStreamOutSize(), frames.size() * 4))));
    detail::input_window in{frames.data(), frames.size(), 0};
    detail::output_window window{out.data(), out.size(), 0};
    for (;;) {
        const bool ended = context_.decompress(in, window);
        if (ended && in.empty())
            break;
        if (window.full()) {
            const std::size_t grown = static_cast<std::size_t>(
                std::min<std::uint64_t>(limit + 1, static_cast<std::uint64_t>(out.size()) * 2));
            if (grown == out.size())
                break; // the context throws output_limit_exceeded before this
            out.resize(grown);
            window.data = out.data();
            window.size = out.size();
        } else if (in.empty() && !ended) {
            context_.finish(); // input ended inside a frame
            break;
        }
    }
    out.resize(window.pos);
    context_.reset();
    return out;
}

std::size_t decompressor::decompress(std::string_view data, void* dst, std::size_t capacity)
{
    context_.set_max_output_size(params().max_output_size);
    return context_.decompress_once(data.data(), data.size(), dst, capacity);
}

// ---------------------------------------------------------------------------

std::string compress(std::string_view data, const zstd_params& params) { return compressor(params).compress(data); }

std::string decompress(std::string_view data, const zstd_params& params)
{
    return decompressor(params).decompress(data);
}

} // namespace zstdio
