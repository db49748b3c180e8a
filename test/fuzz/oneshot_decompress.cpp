// Fuzz target: decompressor::decompress on untrusted bytes, without a limit,
// with max_output_size (argument and zstd_params), and into a caller's buffer.
//
// Checks: only zstd_error escapes; results respect the limit and the buffer
// capacity; every overload that succeeds returns the same bytes; a limited
// call succeeds exactly when an unlimited one produced no more than the limit.
#include <zstdio/compressor.hpp>

#include "fuzz_common.hpp"

#include <optional>
#include <string>
#include <vector>

using namespace zstdio_fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    input in(data, size, 12);
    zstdio::zstd_params p;
    const std::uint8_t flags = in.byte();
    p.multi_frame = !(flags & 1);
    p.window_log_max = in.range(10, 27);
    if (flags & 2)
        p.format = zstdio::frame_format::magicless;
    const std::uint64_t limit = 1 + in.log_size(22);
    const std::size_t capacity = in.log_size(22);
    const std::string_view payload = in.payload();

    zstdio::decompressor d(p);
    // Decoders disagree inside libzstd itself there: only look for crashes.
    const bool compare = !libzstd_ambiguous(payload, p.format == zstdio::frame_format::magicless);

    // Unlimited: only frames that record their size decode; the allocation is
    // bounded by what the compressed bytes can describe.
    std::optional<std::string> unlimited;
    try {
        unlimited = d.decompress(payload);
    } catch (const zstdio::zstd_error&) {
    }

    // With a limit (the same context, reused).
    std::optional<std::string> limited;
    try {
        limited = d.decompress(payload, limit);
        ZSTDIO_FUZZ_CHECK(limited->size() <= limit);
    } catch (const zstdio::zstd_error& e) {
        (void)e;
        if (compare && unlimited && unlimited->size() <= limit)
            fail("limited decompress failed where the unlimited one succeeded within the limit");
    }
    if (compare && unlimited && limited)
        ZSTDIO_FUZZ_CHECK(*unlimited == *limited);
    if (compare && unlimited && !limited)
        ZSTDIO_FUZZ_CHECK(unlimited->size() > limit);

    // The limit given in zstd_params instead of the argument.
    {
        zstdio::zstd_params q = p;
        q.max_output_size = limit;
        try {
            const std::string r = zstdio::decompress(payload, q);
            ZSTDIO_FUZZ_CHECK(r.size() <= limit);
            if (compare && limited)
                ZSTDIO_FUZZ_CHECK(r == *limited);
        } catch (const zstdio::zstd_error&) {
            ZSTDIO_FUZZ_CHECK(!compare || !limited);
        }
    }

    // Into a caller's buffer of random capacity (exactly sized: ASan sees any
    // write past it).
    std::vector<char> buffer(capacity);
    try {
        const std::size_t n = d.decompress(payload, buffer.data(), buffer.size());
        ZSTDIO_FUZZ_CHECK(n <= capacity);
        if (!compare)
            return 0;
        if (unlimited)
            ZSTDIO_FUZZ_CHECK(std::string_view(buffer.data(), n) == *unlimited);
        if (limited)
            ZSTDIO_FUZZ_CHECK(std::string_view(buffer.data(), n) == *limited);
    } catch (const zstdio::zstd_error& e) {
        if (compare && unlimited && unlimited->size() <= capacity)
            ZSTDIO_FUZZ_CHECK(e.condition() != zstdio::errc::dst_size_too_small);
    }
    return 0;
}
