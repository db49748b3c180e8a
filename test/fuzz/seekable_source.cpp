// needs: include/zstdio/seekable_source.hpp
// Fuzz target: seekable_source over untrusted bytes: the seek table read from
// the tail (or the frames indexed when there is none), the frames checked
// against it on opening, then random read_at() calls and seek()/read() runs,
// in memory (array_source) or through an input-seekable device read by
// position (the path of file_source).
//
// Checks: only zstd_error escapes (a valid zstd_params never gives
// std::invalid_argument); size() respects max_output_size; reads return no
// more than asked and stop only at size(); and where a plain decode of the
// same bytes succeeds, every read that succeeded equals the plain decode at
// its offset, even when the table lies about a frame that was not read
// (verify() then fails), and size() is the plain size when verify() passes;
// read() with threads = 2 (frames read ahead) gives the bytes and the error
// of read() without.
#include <zstdio/seekable_source.hpp>

#include <zstdio/compressor.hpp>

#include "fuzz_common.hpp"

#include <boost/iostreams/device/array.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace zstdio_fuzz;
namespace io = boost::iostreams;

namespace {

// An input-seekable (not direct) device over bytes in memory.
class seekable_bytes {
public:
    using char_type = char;
    struct category : io::input_seekable, io::device_tag {};

    explicit seekable_bytes(std::string_view bytes) : bytes_(bytes) {}

    std::streamsize read(char* s, std::streamsize n)
    {
        if (pos_ >= bytes_.size())
            return -1;
        const std::size_t k = std::min(static_cast<std::size_t>(n), bytes_.size() - pos_);
        std::copy_n(bytes_.data() + pos_, k, s);
        pos_ += k;
        return static_cast<std::streamsize>(k);
    }
    std::streampos seek(io::stream_offset off, std::ios_base::seekdir way)
    {
        const io::stream_offset base = way == std::ios_base::beg   ? 0
                                       : way == std::ios_base::cur ? static_cast<io::stream_offset>(pos_)
                                                                   : static_cast<io::stream_offset>(bytes_.size());
        if (base + off < 0)
            throw std::ios_base::failure("bad seek");
        pos_ = static_cast<std::size_t>(base + off);
        return io::offset_to_position(base + off);
    }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

struct read_result {
    std::uint64_t offset;
    std::string bytes;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    compare_with_new_contexts();
    input in(data, size, 8);
    const std::uint8_t flags = in.byte();
    zstdio::zstd_params p;
    p.window_log_max = 27 - in.range(0, 17); // all-zero options: the default 27
    p.verify_checksum = !(flags & 2);
    p.max_output_size = std::uint64_t{1} << 22; // bounds indexing and size()
    const std::uint32_t seed = in.u32();
    const std::string_view payload = in.payload();
    const bool compare = !libzstd_ambiguous(payload, false);

    std::optional<zstdio::seekable_source> src;
    try {
        if (flags & 1)
            src.emplace(seekable_bytes(payload), p);
        else
            src.emplace(io::array_source(payload.data(), payload.size()), p);
    } catch (const zstdio::zstd_error&) {
        return 0;
    }
    const std::uint64_t total = src->size();
    ZSTDIO_FUZZ_CHECK(total <= p.max_output_size);
    ZSTDIO_FUZZ_CHECK(total == src->table().decompressed_size());

    std::vector<read_result> reads;
    chunker lengths(seed);
    std::minstd_rand rng(seed | 1);
    std::string buf;
    // read_at(): random offsets, some past the end.
    for (int i = 0; i < 6; ++i) {
        const std::uint64_t offset = total == 0 ? rng() % 4 : rng() % (total + total / 8 + 2);
        const std::size_t n = lengths.next();
        buf.assign(n, '\0');
        try {
            const std::size_t got = src->read_at(offset, buf.data(), n);
            const std::uint64_t expected = offset >= total ? 0 : std::min<std::uint64_t>(n, total - offset);
            ZSTDIO_FUZZ_CHECK(got == expected);
            reads.push_back({offset, buf.substr(0, got)});
        } catch (const zstdio::zstd_error&) {
        }
    }
    // seek() and read() on a copy, as a stream would.
    zstdio::seekable_source copy = *src;
    for (int i = 0; i < 4; ++i) {
        const std::uint64_t offset = total == 0 ? 0 : rng() % total;
        copy.seek(static_cast<io::stream_offset>(offset), std::ios_base::beg);
        std::string got;
        try {
            for (int k = 0; k < 3; ++k) {
                const std::size_t n = lengths.next();
                buf.assign(n, '\0');
                const std::streamsize r = copy.read(buf.data(), static_cast<std::streamsize>(n));
                if (r < 0)
                    break;
                ZSTDIO_FUZZ_CHECK(r > 0 && static_cast<std::size_t>(r) <= n);
                got.append(buf.data(), static_cast<std::size_t>(r));
            }
            ZSTDIO_FUZZ_CHECK(copy.position() == offset + got.size());
            reads.push_back({offset, got});
        } catch (const zstdio::zstd_error&) {
        }
    }

    // Reading ahead on workers (threads = 2): read() from a random offset to
    // the end gives the bytes and the error of reading without.
    {
        const std::uint64_t from = total == 0 ? 0 : rng() % total;
        auto read_to_end = [&](int threads, std::string& got) -> std::string {
            zstdio::zstd_params q = p;
            q.threads = threads;
            try {
                zstdio::seekable_source s(io::array_source(payload.data(), payload.size()), q);
                s.seek(static_cast<io::stream_offset>(from), std::ios_base::beg);
                std::string piece;
                for (;;) {
                    piece.assign(lengths.next(), '\0');
                    const std::streamsize r = s.read(piece.data(), static_cast<std::streamsize>(piece.size()));
                    if (r < 0)
                        return "";
                    got.append(piece.data(), static_cast<std::size_t>(r));
                }
            } catch (const zstdio::zstd_error& e) {
                return e.what();
            }
        };
        std::string serial, parallel;
        const std::string serial_error = read_to_end(0, serial);
        const std::string parallel_error = read_to_end(2, parallel);
        ZSTDIO_FUZZ_CHECK(serial_error == parallel_error);
        const std::size_t n = std::min(serial.size(), parallel.size());
        ZSTDIO_FUZZ_CHECK(serial.compare(0, n, parallel, 0, n) == 0);
        ZSTDIO_FUZZ_CHECK(!serial_error.empty() || serial == parallel);
    }

    bool verified = true;
    try {
        src->verify();
    } catch (const zstdio::zstd_error&) {
        verified = false;
    }
    if (!compare)
        return 0;
    std::optional<std::string> plain;
    try {
        plain = zstdio::decompressor(p).decompress(payload, p.max_output_size);
    } catch (const zstdio::zstd_error&) {
        return 0;
    }
    ZSTDIO_FUZZ_CHECK(!verified || plain->size() == total);
    for (const read_result& r : reads)
        ZSTDIO_FUZZ_CHECK(std::string_view(*plain).substr(static_cast<std::size_t>(std::min<std::uint64_t>(
                              r.offset, plain->size())),
                                                          r.bytes.size()) == r.bytes);
    return 0;
}
