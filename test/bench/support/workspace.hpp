// The memory the in-process contenders of the benchmark programs in
// test/bench/ (filters.cpp, table.cpp) work in, the checks of their output
// (outside the timed part), and libzstd's streaming loops that serve as their
// references ("native stream"), in that same memory.
//
// Everything is allocated once, before any timing: a sink every compressed
// or decompressed output fits in, a buffer for decoding frames back, the
// 128 KiB buffer a filtering_istream is read with, and libzstd's recommended
// ZSTD_CStreamOutSize() / ZSTD_DStreamOutSize() output windows.
#ifndef ZSTDIO_TEST_BENCH_SUPPORT_WORKSPACE_HPP
#define ZSTDIO_TEST_BENCH_SUPPORT_WORKSPACE_HPP

#include "native.hpp"

#include <zstd.h>

#include <boost/iostreams/device/array.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <istream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zstdio_bench {

/// The size a stream user writes or reads at a time (ostream::write,
/// istream::read), and the input chunk size of the chunked contenders.
constexpr std::size_t chunk = 128 * 1024;

/// Buffers for inputs of up to `input_size` bytes.  Not thread-safe: one
/// contender runs at a time.
class workspace {
public:
    explicit workspace(std::size_t input_size)
        : sink(ZSTD_compressBound(input_size) + 64, '\0'), check_(input_size + 1, '\0'),
          read_buffer_(chunk, '\0'), cstream_out_(ZSTD_CStreamOutSize(), '\0'),
          dstream_out_(ZSTD_DStreamOutSize(), '\0')
    {
    }

    /// Where the contenders write: large enough for any output.
    std::string sink;

    /// A Boost.Iostreams sink over `sink`.
    boost::iostreams::array_sink array_sink() { return boost::iostreams::array_sink(sink.data(), sink.size()); }

    /// Zeroes `sink`, so that sink_frames() finds where the frames end.
    void clear_sink() { std::fill(sink.begin(), sink.end(), '\0'); }

    /// Length of the frames at the start of `sink` (zeroed before they were written).
    std::size_t sink_frames() const { return frames_length(sink.data(), sink.size()); }

    /// Checks that the `size` bytes of frames at `frames` decode to `input`;
    /// returns `size`.  Throws std::runtime_error when they do not.
    std::size_t verify_frames(std::string_view input, const char* frames, std::size_t size)
    {
        dctx_ptr d(ZSTD_createDCtx());
        const std::size_t n =
            check_zstd(ZSTD_decompressDCtx(d.get(), check_.data(), check_.size(), frames, size), "verify");
        verify_output(input, check_.data(), n, "compressed output");
        return size;
    }

    /// Throws std::runtime_error("<what>: ...") unless the `n` bytes at `p`
    /// are `input`.
    static void verify_output(std::string_view input, const char* p, std::size_t n, const std::string& what)
    {
        if (n != input.size() || std::memcmp(p, input.data(), n) != 0)
            throw std::runtime_error(what + ": does not give back the input");
    }

    /// Reads `in` to its end in `chunk` pieces like a consumer would; with
    /// `verify`, compares each piece with `input` as it goes.  Returns the
    /// bytes read.  Throws std::runtime_error on a difference, a short output
    /// (with `verify`) or a stream gone bad.
    std::size_t read_all(std::istream& in, std::string_view input, bool verify)
    {
        std::size_t total = 0;
        for (;;) {
            in.read(read_buffer_.data(), static_cast<std::streamsize>(read_buffer_.size()));
            const std::size_t got = static_cast<std::size_t>(in.gcount());
            if (got == 0)
                break;
            if (verify && (total + got > input.size() ||
                           std::memcmp(read_buffer_.data(), input.data() + total, got) != 0))
                throw std::runtime_error("istream::read: output differs from the input");
            total += got;
        }
        if (in.bad())
            throw std::runtime_error("istream::read: the stream went bad");
        if (verify && total != input.size())
            throw std::runtime_error("istream::read: short output");
        return total;
    }

    /// The "native stream" compression reference: one frame of `input` with
    /// `c` (its session reset first) through ZSTD_compressStream2, fed
    /// ZSTD_CStreamInSize() windows, into the ZSTD_CStreamOutSize() buffer
    /// copied to `sink` after each call.  Returns the frame's size.
    std::size_t compress_stream(ZSTD_CCtx* c, std::string_view input)
    {
        check_zstd(ZSTD_CCtx_reset(c, ZSTD_reset_session_only), "reset");
        const std::size_t in_size = ZSTD_CStreamInSize();
        std::size_t produced = 0;
        for (std::size_t pos = 0; pos < input.size();) {
            const std::size_t n = std::min(in_size, input.size() - pos);
            const bool last = pos + n == input.size();
            ZSTD_inBuffer in{input.data() + pos, n, 0};
            std::size_t remaining;
            do {
                ZSTD_outBuffer out{cstream_out_.data(), cstream_out_.size(), 0};
                remaining = check_zstd(ZSTD_compressStream2(c, &out, &in, last ? ZSTD_e_end : ZSTD_e_continue),
                                       "compressStream2");
                std::memcpy(sink.data() + produced, out.dst, out.pos);
                produced += out.pos;
            } while (last ? remaining != 0 : in.pos != in.size);
            pos += n;
        }
        return produced;
    }

    /// The "native stream" decompression reference: `frame` through
    /// ZSTD_decompressStream with `d` (its session reset first), fed
    /// ZSTD_DStreamInSize() windows, into the ZSTD_DStreamOutSize() buffer
    /// used in place: `output(p, n, offset)` gets each piece and the number
    /// of bytes decoded before it.  Returns the bytes decoded.
    template <class Output>
    std::size_t decompress_stream(ZSTD_DCtx* d, std::string_view frame, Output&& output)
    {
        check_zstd(ZSTD_DCtx_reset(d, ZSTD_reset_session_only), "reset");
        const std::size_t in_size = ZSTD_DStreamInSize();
        std::size_t produced = 0;
        for (std::size_t pos = 0; pos < frame.size();) {
            ZSTD_inBuffer in{frame.data() + pos, std::min(in_size, frame.size() - pos), 0};
            while (in.pos < in.size) {
                ZSTD_outBuffer out{dstream_out_.data(), dstream_out_.size(), 0};
                check_zstd(ZSTD_decompressStream(d, &out, &in), "decompressStream");
                output(static_cast<const char*>(out.dst), out.pos, produced);
                produced += out.pos;
            }
            pos += in.size;
        }
        return produced;
    }

private:
    std::string check_;
    std::string read_buffer_;
    std::string cstream_out_;
    std::string dstream_out_;
};

} // namespace zstdio_bench

#endif
