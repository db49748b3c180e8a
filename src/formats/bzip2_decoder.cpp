// zstdio — bzip2 streams, decoded by libbz2 (src/formats/member_decoder.hpp).
#include "formats/member_decoder.hpp"

#include <bzlib.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <new>

namespace zstdio {
namespace detail {
namespace {

/// A bz_stream set up by BZ2_bzDecompressInit, ended by BZ2_bzDecompressEnd.
/// libbz2 cannot reset a stream: a new member gets a new one.
struct bunzip_stream {
    bunzip_stream()
    {
        std::memset(&stream, 0, sizeof stream);
        if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK)
            throw std::bad_alloc();
    }
    ~bunzip_stream() { BZ2_bzDecompressEnd(&stream); }
    bunzip_stream(const bunzip_stream&) = delete;
    bunzip_stream& operator=(const bunzip_stream&) = delete;

    bz_stream stream;
};

class bzip2_decoder final : public member_decoder {
public:
    bzip2_decoder() : member_decoder(data_format::bzip2), bz_(std::make_unique<bunzip_stream>()) {}

    void restart() override { bz_ = std::make_unique<bunzip_stream>(); }

    bool decode(input_window& in, output_window& out) override
    {
        bz_stream& s = bz_->stream;
        s.next_in = const_cast<char*>(in.data + in.pos);
        s.avail_in = static_cast<unsigned>(std::min<std::size_t>(in.size - in.pos, UINT_MAX));
        s.next_out = out.data + out.pos;
        s.avail_out = static_cast<unsigned>(std::min<std::size_t>(out.size - out.pos, UINT_MAX));
        const unsigned in_before = s.avail_in, out_before = s.avail_out;
        const int r = BZ2_bzDecompress(&s);
        in.pos += in_before - s.avail_in;
        out.pos += out_before - s.avail_out;
        switch (r) {
        case BZ_STREAM_END: return true;
        case BZ_OK: return false;
        case BZ_MEM_ERROR: throw std::bad_alloc();
        case BZ_DATA_ERROR_MAGIC: fail(errc::corruption_detected, "corrupt bzip2 data (libbz2: bad magic number)");
        case BZ_DATA_ERROR:
            // libbz2 reports a block or stream CRC mismatch the same way as
            // corrupt data.
            fail(errc::corruption_detected, "corrupt bzip2 data (libbz2: data integrity error)");
        default: fail(errc::corruption_detected, "libbz2 error " + std::to_string(r));
        }
    }

    std::size_t memory_size() const noexcept override
    {
        return sizeof(bz_stream) + 64 * 1024 + 4 * 900 * 1000; // libbz2's state for a 900k block
    }

private:
    std::unique_ptr<bunzip_stream> bz_;
};

} // namespace

std::unique_ptr<member_decoder> make_bzip2_decoder() { return std::make_unique<bzip2_decoder>(); }

} // namespace detail
} // namespace zstdio
