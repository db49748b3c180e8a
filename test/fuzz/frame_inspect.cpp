// needs: include/zstdio/frame.hpp
// Fuzz target: frame inspection (frame.hpp) on untrusted bytes, both formats.
//
// Checks: only zstd_error escapes; what is reported lies inside the input;
// the functions agree with each other; when the frames decode, the output
// size is the sum of the content sizes the headers declare.
#include <zstdio/frame.hpp>
#include <zstdio/compressor.hpp>

#include "fuzz_common.hpp"

#include <optional>
#include <string>
#include <vector>

using namespace zstdio_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    input in(data, size, 1);
    const zstdio::frame_format format =
        (in.byte() & 1) ? zstdio::frame_format::magicless : zstdio::frame_format::zstd1;
    const std::string_view bytes = in.payload();

    std::optional<zstdio::frame_parameters> fp;
    try {
        fp = zstdio::get_frame_parameters(bytes, format);
        ZSTDIO_FUZZ_CHECK(fp->header_size <= bytes.size());
    } catch (const zstdio::zstd_error&) {
    }
    try {
        const std::optional<std::uint64_t> cs = zstdio::frame_content_size(bytes, format);
        if (fp && !fp->is_skippable)
            ZSTDIO_FUZZ_CHECK(cs == fp->content_size);
    } catch (const zstdio::zstd_error&) {
        ZSTDIO_FUZZ_CHECK(!fp || fp->is_skippable);
    }
    try {
        const std::size_t h = zstdio::frame_header_size(bytes, format);
        if (fp)
            ZSTDIO_FUZZ_CHECK(h == fp->header_size);
    } catch (const zstdio::zstd_error&) {
    }
    std::optional<std::size_t> first_size;
    try {
        first_size = zstdio::find_frame_compressed_size(bytes, format);
        ZSTDIO_FUZZ_CHECK(*first_size <= bytes.size());
        ZSTDIO_FUZZ_CHECK(*first_size > 0);
    } catch (const zstdio::zstd_error&) {
    }

    try {
        const std::vector<zstdio::frame_info> frames = zstdio::list_frames(bytes, format);
        std::size_t pos = 0;
        bool all_sized = true;
        std::uint64_t total = 0;
        for (const auto& f : frames) {
            ZSTDIO_FUZZ_CHECK(f.offset == pos); // frames follow each other
            ZSTDIO_FUZZ_CHECK(f.compressed_size > 0);
            ZSTDIO_FUZZ_CHECK(f.compressed_size <= bytes.size() - f.offset);
            pos += f.compressed_size;
            if (f.parameters.is_skippable)
                continue;
            if (f.parameters.content_size)
                total += *f.parameters.content_size;
            else
                all_sized = false;
        }
        ZSTDIO_FUZZ_CHECK(pos == bytes.size());
        if (!frames.empty() && first_size)
            ZSTDIO_FUZZ_CHECK(frames.front().compressed_size == *first_size);
        // (Not on magicless input starting with a skippable magic, which
        // libzstd's decoders read two ways: see fuzz_common.hpp.)
        if (all_sized && total <= (1u << 20) &&
            !libzstd_ambiguous(bytes, format == zstdio::frame_format::magicless)) {
            zstdio::zstd_params p;
            p.format = format;
            try {
                const std::string out = zstdio::decompressor(p).decompress(bytes, (1u << 20) + 1);
                ZSTDIO_FUZZ_CHECK(out.size() == total);
            } catch (const zstdio::zstd_error&) {
            }
        }
    } catch (const zstdio::zstd_error&) {
    }
    return 0;
}
