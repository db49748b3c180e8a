// zstdio — compressor / decompressor: one-shot calls on reusable contexts.
#include <zstdio/compressor.hpp>

#include "frame/limits.hpp"
#include "frame/walker.hpp"
#include "libzstd/zstd.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <memory>

namespace zstdio {


std::size_t compress_bound(std::size_t size) noexcept { return ZSTD_compressBound(size); }

// ---------------------------------------------------------------------------
// compressor

compressor::compressor(const zstd_params& params) : context_(params) {}

std::string compressor::compress(std::string_view data)
{
    const std::size_t bound = ZSTD_compressBound(data.size());
    // Sizing a std::string zero-fills it, and for a large input that means
    // writing (and faulting in) every page of the bound, several times the
    // frame for compressible data.  Up to 1 MiB that is cheap and stays in
    // cache; above, compress into uninitialised memory and copy out only the
    // frame (doc/performance.md: 4.6x fewer page faults on the kernel tar).
    constexpr std::size_t zero_fill_limit = 1 << 20;
    if (bound <= zero_fill_limit) {
        std::string out(bound, '\0');
        out.resize(context_.compress_once(data.data(), data.size(), out.data(), out.size()));
        return out;
    }
    const std::unique_ptr<char[]> frame(new char[bound]);
    return std::string(frame.get(), context_.compress_once(data.data(), data.size(), frame.get(), bound));
}

std::size_t compressor::compress(std::string_view data, void* dst, std::size_t capacity)
{
    return context_.compress_once(data.data(), data.size(), dst, capacity);
}

// ---------------------------------------------------------------------------
// decompressor

decompressor::decompressor(const zstd_params& params) : context_(params) {}

std::string decompressor::sized_output(std::uint64_t declared, std::uint64_t limit, std::size_t compressed_size)
{
    detail::check_declared_content(declared, compressed_size, limit, "decompressing");
    return std::string(static_cast<std::size_t>(declared), '\0');
}

std::string decompressor::decompress(std::string_view data, std::uint64_t max_output_size)
{
    const std::uint64_t limit = max_output_size != 0 ? max_output_size : params().max_output_size;
    const detail::frame_walk walk = detail::walk_frames(data, params());
    context_.context().set_max_output_size(0); // the output is sized from the headers, or bounded below

    if (walk.content != unknown_size) {
        std::string out = sized_output(walk.content, limit, walk.size);
        try {
            out.resize(context_.decompress_walked(data.data(), walk.size, out.data(), out.size()));
        } catch (const zstd_error& e) {
            if (e.condition() != errc::dst_size_too_small)
                throw;
            boost::throw_exception(zstd_error(errc::corruption_detected,
                                              "decompressing: corrupt frame: it decodes to more than the " +
                                                  std::to_string(walk.content) + " bytes its header declares"));
        }
        return out;
    }

    if (limit == 0)
        boost::throw_exception(
            zstd_error(errc::content_size_unknown,
                       "decompressing: the frame does not record its content size; give max_output_size "
                       "(or decompress it with a streaming API)"));
    const std::string_view frames = data.substr(0, walk.size);

    // Unknown size, bounded by the limit: stream into a growing string.
    detail::decompression_context& context = context_.context();
    context.reset();
    context.set_max_output_size(limit);
    std::string out;
    out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(
        limit, std::max<std::uint64_t>(ZSTD_DStreamOutSize(), frames.size() * 4))));
    detail::input_window in{frames.data(), frames.size(), 0};
    detail::output_window window{out.data(), out.size(), 0};
    // Pull: the loop returns when the string is full (grow it and go on) or
    // when all input is decoded.
    while (!context.drive(in, window, false, nullptr) && window.full()) {
        const std::size_t grown = static_cast<std::size_t>(
            std::min<std::uint64_t>(limit + 1, static_cast<std::uint64_t>(out.size()) * 2));
        if (grown == out.size())
            break; // the context throws output_limit_exceeded before this
        out.resize(grown);
        window.data = out.data();
        window.size = out.size();
    }
    context.finish(); // throws when the input ended inside a frame
    out.resize(window.pos);
    context.reset();
    return out;
}

std::size_t decompressor::decompress(std::string_view data, void* dst, std::size_t capacity)
{
    context_.context().set_max_output_size(params().max_output_size);
    const detail::frame_walk walk = detail::walk_frames(data, params());
    return context_.decompress_walked(data.data(), walk.size, dst, capacity);
}

// ---------------------------------------------------------------------------

std::string compress(std::string_view data, const zstd_params& params) { return compressor(params).compress(data); }

std::string decompress(std::string_view data, const zstd_params& params)
{
    return decompressor(params).decompress(data);
}

} // namespace zstdio
