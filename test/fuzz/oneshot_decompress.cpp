// Fuzz target: decompressor::decompress on untrusted bytes, without a limit,
// with max_output_size (argument and zstd_params), and into a caller's buffer.
//
// Checks: only zstd_error escapes; results respect the limit and the buffer
// capacity; every overload that succeeds returns the same bytes; a limited
// call succeeds exactly when an unlimited one produced no more than the limit;
// with threads = 2 (frames decoded in groups on workers) each overload gives
// the same bytes, or the same error, as without.
#include <zstdio/compressor.hpp>

#include "fuzz_common.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace zstdio_fuzz;

namespace {
// What a decoder said: nothing, or a zstd_error's condition and message.
struct failure {
    std::optional<zstdio::errc> condition;
    std::string message;
};

// The same error: condition and message, or both words libzstd uses for a
// damaged frame (damaged_frame()).
bool same_error(const failure& x, const failure& y)
{
    if (x.condition == y.condition && x.message == y.message)
        return true;
    return x.condition && y.condition && damaged_frame(*x.condition) && damaged_frame(*y.condition);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    compare_with_new_contexts();
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

    // Parallel decoding: the same result, the same error.
    if (compare && p.multi_frame && p.format == zstdio::frame_format::zstd1) {
        zstdio::zstd_params threaded = p;
        threaded.threads = 2;
        zstdio::decompressor t(threaded);
        for (const std::uint64_t cap : {std::uint64_t{0}, limit}) {
            std::optional<std::string> serial, parallel;
            failure serial_error, parallel_error;
            try {
                serial = d.decompress(payload, cap);
            } catch (const zstdio::zstd_error& e) {
                serial_error = {e.condition(), e.what()};
            }
            try {
                parallel = t.decompress(payload, cap);
            } catch (const zstdio::zstd_error& e) {
                parallel_error = {e.condition(), e.what()};
            }
            ZSTDIO_FUZZ_CHECK(serial == parallel);
            ZSTDIO_FUZZ_CHECK(same_error(serial_error, parallel_error));
        }
        std::vector<char> one(capacity), two(capacity);
        failure serial_error, parallel_error;
        std::size_t n1 = 0, n2 = 0;
        try {
            n1 = d.decompress(payload, one.data(), one.size());
        } catch (const zstdio::zstd_error& e) {
            serial_error = {e.condition(), e.what()};
        }
        try {
            n2 = t.decompress(payload, two.data(), two.size());
        } catch (const zstdio::zstd_error& e) {
            parallel_error = {e.condition(), e.what()};
        }
        ZSTDIO_FUZZ_CHECK(same_error(serial_error, parallel_error));
        ZSTDIO_FUZZ_CHECK(n1 == n2 && std::equal(one.begin(), one.begin() + static_cast<std::ptrdiff_t>(n1), two.begin()));
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
