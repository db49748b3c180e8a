// Fuzz target: auto_decompressor on untrusted bytes, with pass-through off
// and on, in a filtering_istream (random read sizes) and a filtering_ostream
// (random write sizes).  Every parser of the formats it tells apart gets
// these bytes: the magic table, libzstd, zlib, libbz2, liblzma.
//
// Checks beyond "no crash, no leak, no hang":
// - only zstd_error escapes the filter (the harness's own cap aside), and
//   last_error() then holds its condition;
// - both directions agree: same success, same output;
// - output never exceeds max_output_size;
// - pass-through on gives what pass-through off gives whenever off succeeds
//   (it only adds what off refuses);
// - with threads = 2 each direction succeeds or fails as with threads = 0,
//   with the same output as far as both go.
#include <zstdio/auto_decompressor.hpp>

#include "fuzz_common.hpp"

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <optional>
#include <string>

namespace io = boost::iostreams;
using namespace zstdio_fuzz;

namespace {

struct outcome {
    bool ok = false;
    bool capped = false;
    std::optional<zstdio::errc> error;
    std::string out;
};

outcome read_through_istream(std::string_view data, const zstdio::zstd_params& p, bool pass, std::uint32_t seed)
{
    outcome r;
    zstdio::auto_decompressor filter(p, pass);
    chunker chunks(seed);
    try {
        io::filtering_istream in;
        in.push(filter, static_cast<std::streamsize>(1 + chunks.next() % 4096));
        in.push(io::array_source(data.data(), data.size()));
        std::string buf;
        for (;;) {
            buf.resize(chunks.next());
            const std::streamsize got = in.rdbuf()->sgetn(buf.data(), static_cast<std::streamsize>(buf.size()));
            if (got <= 0)
                break;
            r.out.append(buf.data(), static_cast<std::size_t>(got));
            if (r.out.size() > output_cap) {
                r.capped = true;
                return r;
            }
        }
        r.ok = true;
    } catch (const zstdio::zstd_error& e) {
        r.error = e.condition();
        ZSTDIO_FUZZ_CHECK(filter.last_error().has_value());
        ZSTDIO_FUZZ_CHECK(filter.last_error()->condition() == e.condition());
    }
    return r;
}

outcome write_through_ostream(std::string_view data, const zstdio::zstd_params& p, bool pass, std::uint32_t seed)
{
    outcome r;
    zstdio::auto_decompressor filter(p, pass);
    chunker chunks(seed ^ 0x9e3779b9u);
    try {
        io::filtering_ostream out;
        out.push(filter, static_cast<std::streamsize>(1 + chunks.next() % 4096));
        out.push(capped_sink{&r.out});
        std::size_t pos = 0;
        while (pos < data.size()) {
            const std::size_t n = std::min(chunks.next(), data.size() - pos);
            ZSTDIO_FUZZ_CHECK(out.rdbuf()->sputn(data.data() + pos, static_cast<std::streamsize>(n)) ==
                              static_cast<std::streamsize>(n));
            pos += n;
        }
        out.reset(); // throws when the input ended inside a member
        r.ok = true;
    } catch (const zstdio::zstd_error& e) {
        r.error = e.condition();
    } catch (const output_capped&) {
        r.capped = true;
    }
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    compare_with_new_contexts();
    input in(data, size, 14);
    zstdio::zstd_params p;
    const std::uint8_t flags = in.byte();
    const bool pass = flags & 1;
    p.multi_frame = !(flags & 2);
    const std::size_t limit = 1 + in.log_size(22);
    if (flags & 4)
        p.max_output_size = limit;
    // Small windows mostly: a 2^27 window (and an xz dictionary that large)
    // costs 128 MiB per input.
    p.window_log_max = (flags & 8) ? 27 : in.range(10, 23);
    const std::uint32_t seed = in.u32();
    const std::string_view payload = in.payload();

    const outcome a = read_through_istream(payload, p, pass, seed);
    const outcome b = write_through_ostream(payload, p, pass, seed);
    if (p.max_output_size != 0) {
        ZSTDIO_FUZZ_CHECK(a.out.size() <= p.max_output_size);
        ZSTDIO_FUZZ_CHECK(b.out.size() <= p.max_output_size);
    }
    if (libzstd_ambiguous(payload, false) || a.capped || b.capped)
        return 0;
    ZSTDIO_FUZZ_CHECK(a.ok == b.ok);
    if (a.ok)
        ZSTDIO_FUZZ_CHECK(a.out == b.out);

    // Pass-through only adds: where strict decoding succeeds, it agrees.
    if (!pass && a.ok) {
        const outcome passed = read_through_istream(payload, p, true, seed);
        ZSTDIO_FUZZ_CHECK(passed.capped || (passed.ok && passed.out == a.out));
    }

    // Parallel decoding of the zstd runs: the same success and bytes.
    if (p.multi_frame && (flags & 16)) {
        zstdio::zstd_params threaded = p;
        threaded.threads = 2;
        const outcome pa = read_through_istream(payload, threaded, pass, seed);
        const outcome pb = write_through_ostream(payload, threaded, pass, seed);
        for (const auto& [serial, parallel] : {std::pair{&a, &pa}, std::pair{&b, &pb}}) {
            if (parallel->capped)
                continue;
            ZSTDIO_FUZZ_CHECK(parallel->ok == serial->ok);
            const std::size_t n = std::min(parallel->out.size(), serial->out.size());
            ZSTDIO_FUZZ_CHECK(serial->ok ? parallel->out == serial->out
                                         : parallel->out.compare(0, n, serial->out, 0, n) == 0);
        }
    }
    return 0;
}
