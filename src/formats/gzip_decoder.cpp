// zstdio — gzip members, decoded by zlib (src/formats/member_decoder.hpp).
#include "formats/member_decoder.hpp"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <new>

namespace zstdio {
namespace detail {
namespace {

/// A z_stream set up by inflateInit2, ended by inflateEnd.
struct inflate_stream {
    inflate_stream()
    {
        std::memset(&stream, 0, sizeof stream);
        // 16 + 15: zlib reads the gzip header and checks the trailer's
        // CRC-32 and length itself; 15 is the largest deflate window.
        if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
            throw std::bad_alloc();
    }
    ~inflate_stream() { inflateEnd(&stream); }
    inflate_stream(const inflate_stream&) = delete;
    inflate_stream& operator=(const inflate_stream&) = delete;

    z_stream stream;
};

class gzip_decoder final : public member_decoder {
public:
    gzip_decoder() : member_decoder(data_format::gzip) {}

    void restart() override { inflateReset(&zlib_.stream); }

    bool decode(input_window& in, output_window& out) override
    {
        z_stream& s = zlib_.stream;
        // zlib counts in `unsigned`: give it at most that much at a time.
        s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data + in.pos));
        s.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size - in.pos, UINT_MAX));
        s.next_out = reinterpret_cast<Bytef*>(out.data + out.pos);
        s.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size - out.pos, UINT_MAX));
        const uInt in_before = s.avail_in, out_before = s.avail_out;
        const int r = inflate(&s, Z_NO_FLUSH);
        in.pos += in_before - s.avail_in;
        out.pos += out_before - s.avail_out;
        switch (r) {
        case Z_STREAM_END: return true;
        case Z_OK:
        case Z_BUF_ERROR: return false; // no progress possible now: more input or room needed
        case Z_MEM_ERROR: throw std::bad_alloc();
        case Z_DATA_ERROR: {
            const std::string why = s.msg ? s.msg : "corrupt data";
            // zlib's words for a trailer that does not match the content.
            const bool check = why == "incorrect data check" || why == "incorrect length check";
            fail(check ? errc::checksum_wrong : errc::corruption_detected, "corrupt gzip data (zlib: " + why + ")");
        }
        default: fail(errc::corruption_detected, "zlib error " + std::to_string(r));
        }
    }

    std::size_t memory_size() const noexcept override
    {
        return sizeof(z_stream) + (std::size_t{1} << MAX_WBITS) + 7 * 1024; // zlib's window and inflate state
    }

private:
    inflate_stream zlib_;
};

} // namespace

std::unique_ptr<member_decoder> make_gzip_decoder() { return std::make_unique<gzip_decoder>(); }

} // namespace detail
} // namespace zstdio
