// zstdio CLI — liblzma's .lzma encoder (lzma_alone.hpp).
#include "lzma_alone.hpp"

#include <lzma.h>

#include <stdexcept>
#include <string>

namespace zstdio_cli {

struct lzma_alone_encoder::stream {
    ~stream() { lzma_end(&s); }
    lzma_stream s = LZMA_STREAM_INIT;
};

lzma_alone_encoder::lzma_alone_encoder(std::uint32_t preset) : stream_(std::make_unique<stream>())
{
    lzma_options_lzma options;
    if (lzma_lzma_preset(&options, preset))
        throw std::runtime_error("unsupported lzma preset " + std::to_string(preset));
    const lzma_ret r = ::lzma_alone_encoder(&stream_->s, &options); // liblzma's, not this class
    if (r != LZMA_OK)
        throw std::runtime_error("liblzma cannot start an .lzma encoder (error " + std::to_string(r) + ")");
}

lzma_alone_encoder::~lzma_alone_encoder() = default;

void lzma_alone_encoder::encode(const char* data, std::size_t n, bool finish,
                                const std::function<void(const char*, std::size_t)>& out)
{
    lzma_stream& s = stream_->s;
    s.next_in = reinterpret_cast<const std::uint8_t*>(data);
    s.avail_in = n;
    std::uint8_t buffer[1 << 16];
    for (;;) {
        s.next_out = buffer;
        s.avail_out = sizeof buffer;
        const lzma_ret r = lzma_code(&s, finish ? LZMA_FINISH : LZMA_RUN);
        if (r != LZMA_OK && r != LZMA_STREAM_END)
            throw std::runtime_error("liblzma failed while compressing (error " + std::to_string(r) + ")");
        out(reinterpret_cast<const char*>(buffer), sizeof buffer - s.avail_out);
        if (r == LZMA_STREAM_END || (!finish && s.avail_in == 0 && s.avail_out != 0))
            return;
    }
}

} // namespace zstdio_cli
