// Fuzz target: zstd_decompressor in a filtering_istream (random read sizes)
// and in a filtering_ostream (random write sizes) on untrusted bytes.
//
// Checks beyond "no crash, no leak, no hang":
// - only zstd_error escapes the filter (our own capped_sink signal aside);
// - after a zstd_error the filter's last_error() holds the same condition;
// - both directions agree: same success, same output;
// - when decompressor::decompress also succeeds it gives the same bytes;
// - output never exceeds max_output_size;
// - with threads = 2 (parallel decoding) each direction gives what it gives
//   with threads = 0: the same success, the same error condition and
//   message (same_error()), and
//   the same output (as far as both go when decoding fails: the step that
//   fails drops what it decoded, and its input differs).
#include <zstdio/filter.hpp>
#include <zstdio/compressor.hpp>

#include "fuzz_common.hpp"

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <optional>
#include <string>

namespace io = boost::iostreams;
using namespace zstdio_fuzz;

namespace {

struct outcome {
    bool ok = false;       // decoded to the end
    bool capped = false;   // stopped by the harness's own cap
    std::optional<zstdio::errc> error;
    std::string message;
    std::string out;
};

outcome read_through_istream(std::string_view data, const zstdio::zstd_params& p, std::streamsize buffer_size,
                             std::uint32_t seed)
{
    outcome r;
    zstdio::zstd_decompressor filter(p, buffer_size);
    chunker chunks(seed);
    try {
        io::filtering_istream in;
        in.push(filter); // a copy sharing state with `filter`
        in.push(io::array_source(data.data(), data.size()));
        std::string buf;
        for (;;) {
            const std::size_t n = chunks.next();
            buf.resize(n);
            const std::streamsize got = in.rdbuf()->sgetn(buf.data(), static_cast<std::streamsize>(n));
            if (got <= 0)
                break;
            r.out.append(buf.data(), static_cast<std::size_t>(got));
            if (r.out.size() > output_cap) {
                r.capped = true; // destroyed mid-stream below
                return r;
            }
        }
        r.ok = true;
    } catch (const zstdio::zstd_error& e) {
        r.error = e.condition();
        r.message = e.what();
        ZSTDIO_FUZZ_CHECK(filter.last_error().has_value());
        ZSTDIO_FUZZ_CHECK(filter.last_error()->condition() == e.condition());
    }
    return r;
}

outcome write_through_ostream(std::string_view data, const zstdio::zstd_params& p, std::streamsize buffer_size,
                              std::uint32_t seed)
{
    outcome r;
    zstdio::zstd_decompressor filter(p, buffer_size);
    chunker chunks(seed ^ 0x9e3779b9u);
    try {
        io::filtering_ostream out;
        out.push(filter);
        out.push(capped_sink{&r.out});
        std::size_t pos = 0;
        while (pos < data.size()) {
            const std::size_t n = std::min(chunks.next(), data.size() - pos);
            const std::streamsize put = out.rdbuf()->sputn(data.data() + pos, static_cast<std::streamsize>(n));
            ZSTDIO_FUZZ_CHECK(put == static_cast<std::streamsize>(n));
            pos += n;
            if (chunks.next() % 7 == 0)
                out.rdbuf()->pubsync();
        }
        out.reset(); // ends the stream: throws if it ended inside a frame
        r.ok = true;
    } catch (const zstdio::zstd_error& e) {
        r.error = e.condition();
        r.message = e.what();
    } catch (const output_capped&) {
        r.capped = true;
    }
    return r;
}

// The same error: condition and message, or both words libzstd uses for a
// damaged frame (damaged_frame(): which one depends on how the bytes arrive,
// and serial reads and writes disagree the same way).
bool same_error(const outcome& x, const outcome& y)
{
    if (x.error == y.error && x.message == y.message)
        return true;
    return x.error && y.error && damaged_frame(*x.error) && damaged_frame(*y.error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    compare_with_new_contexts();
    input in(data, size, 13);
    zstdio::zstd_params p;
    const std::uint8_t flags = in.byte();
    p.multi_frame = !(flags & 1);
    const std::size_t limit = 1 + in.log_size(22);
    if (flags & 2)
        p.max_output_size = limit;
    // Mostly small windows (a 2^27 window costs 128 MiB per input).
    p.window_log_max = (flags & 16) ? 27 : in.range(10, 23);
    std::streamsize buffer_size = 0;
    if (flags & 4)
        buffer_size = 1 + in.byte() * 7;
    else
        in.byte();
    if (flags & 8)
        p.format = zstdio::frame_format::magicless;
    const std::uint32_t seed = in.u32();
    const std::string_view payload = in.payload();

    const outcome a = read_through_istream(payload, p, buffer_size, seed);
    const outcome b = write_through_ostream(payload, p, buffer_size, seed);

    static const bool verbose = std::getenv("ZSTDIO_FUZZ_VERBOSE") != nullptr;
    if (verbose)
        std::fprintf(stderr,
                     "multi_frame %d limit %llu window_log_max %d buffer %ld magicless %d | istream ok %d capped %d "
                     "error %d out %zu | ostream ok %d capped %d error %d out %zu\n",
                     p.multi_frame, static_cast<unsigned long long>(p.max_output_size), p.window_log_max,
                     static_cast<long>(buffer_size), p.format == zstdio::frame_format::magicless, a.ok, a.capped,
                     a.error ? static_cast<int>(*a.error) : 0, a.out.size(), b.ok, b.capped,
                     b.error ? static_cast<int>(*b.error) : 0, b.out.size());
    if (p.max_output_size != 0) {
        ZSTDIO_FUZZ_CHECK(a.out.size() <= p.max_output_size);
        ZSTDIO_FUZZ_CHECK(b.out.size() <= p.max_output_size);
    }
    if (libzstd_ambiguous(payload, p.format == zstdio::frame_format::magicless))
        return 0;
    if (!a.capped && !b.capped) {
        ZSTDIO_FUZZ_CHECK(a.ok == b.ok);
        if (a.ok)
            ZSTDIO_FUZZ_CHECK(a.out == b.out);
    }

    // Parallel decoding gives what serial decoding gives.
    if (p.format == zstdio::frame_format::zstd1 && p.multi_frame) {
        zstdio::zstd_params threaded = p;
        threaded.threads = 2;
        const outcome pa = read_through_istream(payload, threaded, buffer_size, seed);
        const outcome pb = write_through_ostream(payload, threaded, buffer_size, seed);
        if (verbose)
            std::fprintf(stderr, "threads=2 | istream ok %d capped %d out %zu: %s | ostream ok %d capped %d out %zu: %s\n"
                         "threads=0 messages | istream: %s | ostream: %s\n",
                         pa.ok, pa.capped, pa.out.size(), pa.message.c_str(), pb.ok, pb.capped, pb.out.size(),
                         pb.message.c_str(), a.message.c_str(), b.message.c_str());
        if (!a.capped && !pa.capped) {
            ZSTDIO_FUZZ_CHECK(pa.ok == a.ok);
            ZSTDIO_FUZZ_CHECK(same_error(pa, a));
            const std::size_t n = std::min(pa.out.size(), a.out.size());
            ZSTDIO_FUZZ_CHECK(a.ok ? pa.out == a.out : pa.out.compare(0, n, a.out, 0, n) == 0);
        }
        if (!b.capped && !pb.capped) {
            ZSTDIO_FUZZ_CHECK(pb.ok == b.ok);
            ZSTDIO_FUZZ_CHECK(same_error(pb, b));
            const std::size_t n = std::min(pb.out.size(), b.out.size());
            ZSTDIO_FUZZ_CHECK(b.ok ? pb.out == b.out : pb.out.compare(0, n, b.out, 0, n) == 0);
        }
        if (a.ok) {
            try {
                const std::string once = zstdio::decompressor(threaded).decompress(
                    payload, p.max_output_size != 0 ? 0 : output_cap);
                ZSTDIO_FUZZ_CHECK(once == a.out);
            } catch (const zstdio::zstd_error&) {
            }
        }
    }

    // The one-shot decoder must agree with the streams when both succeed.
    if (a.ok) {
        try {
            zstdio::decompressor d(p);
            const std::string once = d.decompress(payload, p.max_output_size != 0 ? 0 : output_cap);
            ZSTDIO_FUZZ_CHECK(once == a.out);
        } catch (const zstdio::zstd_error&) {
        }
    }
    return 0;
}
