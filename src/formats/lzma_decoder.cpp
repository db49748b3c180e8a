// zstdio — xz and legacy .lzma streams, decoded by liblzma
// (src/formats/member_decoder.hpp).
#include "formats/member_decoder.hpp"

#include <lzma.h>

#include <new>

namespace zstdio {
namespace detail {
namespace {

class lzma_decoder final : public member_decoder {
public:
    lzma_decoder(data_format f, std::uint64_t memory_limit) : member_decoder(f), limit_(memory_limit) { start(); }
    ~lzma_decoder() override { lzma_end(&stream_); }
    lzma_decoder(const lzma_decoder&) = delete;
    lzma_decoder& operator=(const lzma_decoder&) = delete;

    void restart() override { start(); }

    bool decode(input_window& in, output_window& out) override
    {
        stream_.next_in = reinterpret_cast<const std::uint8_t*>(in.data + in.pos);
        stream_.avail_in = in.size - in.pos;
        stream_.next_out = reinterpret_cast<std::uint8_t*>(out.data + out.pos);
        stream_.avail_out = out.size - out.pos;
        const std::size_t in_before = stream_.avail_in, out_before = stream_.avail_out;
        const lzma_ret r = lzma_code(&stream_, LZMA_RUN);
        in.pos += in_before - stream_.avail_in;
        out.pos += out_before - stream_.avail_out;
        switch (r) {
        case LZMA_STREAM_END: return true;
        case LZMA_OK:
        case LZMA_BUF_ERROR: return false; // no progress possible now
        case LZMA_MEM_ERROR: throw std::bad_alloc();
        case LZMA_MEMLIMIT_ERROR:
            fail(errc::window_too_large, "the stream needs " + std::to_string(lzma_memusage(&stream_)) +
                                             " bytes of memory, above the limit of " + std::to_string(limit_) +
                                             " (2^window_log_max)");
        case LZMA_FORMAT_ERROR: fail(errc::corruption_detected, "corrupt data (liblzma: not a valid stream header)");
        case LZMA_OPTIONS_ERROR: fail(errc::corruption_detected, "corrupt data (liblzma: unsupported options)");
        case LZMA_DATA_ERROR:
            // liblzma reports an integrity check that fails as corrupt data.
            fail(errc::corruption_detected, "corrupt data (liblzma: data is corrupt or fails its integrity check)");
        default: fail(errc::corruption_detected, "liblzma error " + std::to_string(static_cast<int>(r)));
        }
    }

    std::size_t memory_size() const noexcept override { return sizeof stream_ + lzma_memusage(&stream_); }

private:
    void start()
    {
        lzma_end(&stream_);
        stream_ = LZMA_STREAM_INIT;
        // One stream, no LZMA_CONCATENATED: the decoder stops at the
        // stream's end and the next member is detected again.
        const lzma_ret r = format() == data_format::xz ? lzma_stream_decoder(&stream_, limit_, 0)
                                                        : lzma_alone_decoder(&stream_, limit_);
        if (r == LZMA_MEM_ERROR)
            throw std::bad_alloc();
        if (r != LZMA_OK)
            fail(errc::generic, "liblzma cannot start a decoder (error " + std::to_string(static_cast<int>(r)) + ")");
    }

    std::uint64_t limit_;
    lzma_stream stream_ = LZMA_STREAM_INIT;
};

} // namespace

std::unique_ptr<member_decoder> make_lzma_decoder(data_format xz_or_lzma, std::uint64_t memory_limit)
{
    return std::make_unique<lzma_decoder>(xz_or_lzma, memory_limit);
}

} // namespace detail
} // namespace zstdio
