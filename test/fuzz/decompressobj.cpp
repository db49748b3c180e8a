// needs: include/zstdio/streaming.hpp
// Fuzz target: decompressor::decompressobj() fed untrusted bytes in random
// chunks, in one-frame mode and across frames, with and without limits.
//
// Checks: only zstd_error escapes; after an error every call rethrows it;
// output respects max_output_size; in one-frame mode unused_data() is exactly
// the input after the frame; a stream that finishes cleanly decodes to what
// the filtering_istream decoder gives.
#include <zstdio/streaming.hpp>
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>

#include "fuzz_common.hpp"

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <optional>
#include <string>

namespace io = boost::iostreams;
using namespace zstdio_fuzz;

namespace {

std::optional<std::string> filter_decode(std::string_view data, const zstdio::zstd_params& p)
{
    try {
        io::filtering_istream in;
        in.push(zstdio::zstd_decompressor(p));
        in.push(io::array_source(data.data(), data.size()));
        std::string out;
        char buf[65536];
        std::streamsize got;
        while ((got = in.rdbuf()->sgetn(buf, sizeof buf)) > 0) {
            out.append(buf, static_cast<std::size_t>(got));
            if (out.size() > output_cap)
                return std::nullopt;
        }
        return out;
    } catch (const zstdio::zstd_error&) {
        return std::nullopt;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    compare_with_new_contexts();
    input in(data, size, 11);
    const std::uint8_t flags = in.byte();
    zstdio::zstd_params p;
    const bool across = !(flags & 1);
    const std::size_t limit = 1 + in.log_size(22);
    if (flags & 2)
        p.max_output_size = limit;
    p.window_log_max = (flags & 4) ? 27 : in.range(10, 23);
    if (flags & 8)
        p.format = zstdio::frame_format::magicless;
    const std::uint32_t seed = in.u32();
    const std::string_view payload = in.payload();

    zstdio::decompressor d(p);
    zstdio::decompression_object obj = d.decompressobj(across);
    ZSTDIO_FUZZ_CHECK(obj.read_across_frames() == across);
    chunker chunks(seed);
    std::string out;
    std::size_t pos = 0;
    std::optional<zstdio::errc> failed;
    bool capped = false;
    try {
        while (pos < payload.size()) {
            const std::size_t n = std::min(chunks.next(), payload.size() - pos);
            obj.decompress(payload.substr(pos, n), out);
            pos += n;
            if (out.size() > output_cap) {
                capped = true;
                break;
            }
        }
        if (!capped)
            obj.finish();
    } catch (const zstdio::zstd_error& e) {
        failed = e.condition();
    }
    if (p.max_output_size != 0)
        ZSTDIO_FUZZ_CHECK(out.size() <= p.max_output_size);
    if (failed) {
        // The object stays failed with the same error.
        try {
            obj.decompress("x");
            fail("decompress() after an error did not throw");
        } catch (const zstdio::zstd_error& e) {
            ZSTDIO_FUZZ_CHECK(e.condition() == *failed);
        }
        return 0;
    }
    if (capped)
        return 0;
    if (!across) {
        const std::string& rest = obj.unused_data();
        ZSTDIO_FUZZ_CHECK(rest.size() <= payload.size());
        ZSTDIO_FUZZ_CHECK(payload.substr(payload.size() - rest.size()) == rest);
        ZSTDIO_FUZZ_CHECK(obj.eof());
    } else {
        ZSTDIO_FUZZ_CHECK(obj.unused_data().empty());
        zstdio::zstd_params fp = p;
        fp.multi_frame = true;
        const std::optional<std::string> expected = filter_decode(payload, fp);
        if (expected && !libzstd_ambiguous(payload, p.format == zstdio::frame_format::magicless))
            ZSTDIO_FUZZ_CHECK(*expected == out);
    }
    return 0;
}
