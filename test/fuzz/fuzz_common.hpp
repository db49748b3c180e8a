// zstdio fuzzing — shared input layout for the libFuzzer harnesses.
//
// Every harness reads its input as   payload | options   where the options are
// a fixed number of bytes at the END of the input.  A seed is therefore a real
// zstd frame (or dictionary, or data) followed by option bytes, so mutations of
// the payload and of the options are independent and seeds stay meaningful.
#ifndef ZSTDIO_FUZZ_COMMON_HPP
#define ZSTDIO_FUZZ_COMMON_HPP

#include <zstdio/context_cache.hpp>
#include <zstdio/error.hpp>
#include <zstdio/frame.hpp>

#include <boost/iostreams/categories.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <string_view>

namespace zstdio_fuzz {

/// Fails the run (libFuzzer reports a crash with the input).
[[noreturn]] inline void fail(const char* what)
{
    std::fprintf(stderr, "zstdio fuzz check failed: %s\n", what);
    std::abort();
}

#define ZSTDIO_FUZZ_CHECK(cond)                                                                    \
    do {                                                                                           \
        if (!(cond))                                                                               \
            ::zstdio_fuzz::fail(#cond " at " __FILE__ ":" ZSTDIO_FUZZ_STR(__LINE__));             \
    } while (0)
#define ZSTDIO_FUZZ_STR2(x) #x
#define ZSTDIO_FUZZ_STR(x) ZSTDIO_FUZZ_STR2(x)

/// Splits an input into payload and `option_bytes` trailing option bytes and
/// hands out option values from them (zero once they run out).
class input {
public:
    input(const std::uint8_t* data, std::size_t size, std::size_t option_bytes)
    {
        const std::size_t n = size < option_bytes ? size : option_bytes;
        payload_ = std::string_view(reinterpret_cast<const char*>(data), size - n);
        options_ = data + (size - n);
        left_ = n;
    }

    std::string_view payload() const noexcept { return payload_; }

    std::uint8_t byte() noexcept
    {
        if (left_ == 0)
            return 0;
        --left_;
        return *options_++;
    }
    std::uint32_t u32() noexcept
    {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v = (v << 8) | byte();
        return v;
    }
    bool flag() noexcept { return byte() & 1; }
    /// A size in [0, 2^max_log), spread evenly over the powers of two so that
    /// small sizes (fast to test) are as likely as large ones.
    std::size_t log_size(unsigned max_log) noexcept
    {
        const unsigned bits = byte() % (max_log + 1);
        const std::uint32_t v = u32();
        return bits == 0 ? 0 : v & ((std::uint32_t{1} << bits) - 1);
    }
    /// A value in [lo, hi].
    int range(int lo, int hi) noexcept
    {
        const std::uint32_t span = static_cast<std::uint32_t>(hi - lo) + 1;
        return lo + static_cast<int>(u32() % span);
    }

private:
    std::string_view payload_;
    const std::uint8_t* options_ = nullptr;
    std::size_t left_ = 0;
};

/// Output beyond which the decoding harnesses stop (no limit set).
constexpr std::size_t output_cap = 2u << 20;

/// What capped_sink throws at output_cap.
struct output_capped {};

/// A Boost.Iostreams sink appending to `out`, up to output_cap bytes.
struct capped_sink {
    using char_type = char;
    using category = boost::iostreams::sink_tag;
    std::string* out;
    std::streamsize write(const char* s, std::streamsize n)
    {
        if (out->size() + static_cast<std::size_t>(n) > output_cap)
            throw output_capped{};
        out->append(s, static_cast<std::size_t>(n));
        return n;
    }
};

/// Chunk sizes for reads and writes: mostly small and odd (to hit every
/// boundary), sometimes large, reproducible from `seed`.
class chunker {
public:
    explicit chunker(std::uint32_t seed) : rng_(seed) {}
    std::size_t next()
    {
        const std::uint32_t r = rng_();
        switch (r % 8) {
        case 0: return 1;
        case 1:
        case 2: return 1 + (r >> 3) % 16;
        case 3:
        case 4: return 1 + (r >> 3) % 512;
        case 5: return 1 + (r >> 3) % 8192;
        case 6: return 131072 + (r >> 3) % 3;
        default: return 1 + (r >> 3) % 200000;
        }
    }

private:
    std::minstd_rand rng_;
};

/// Turns the library's context cache off, for the targets that compare one
/// decoder with another.  A libzstd 1.5.4 streaming context keeps its
/// buffers when a later frame needs smaller ones, and a context with large
/// buffers decodes some invalid frames (a block larger than the frame's
/// window or content size) further than a new one: it fails later, with
/// another error ("output exceeds max_output_size" instead of "Destination
/// buffer is too small"), or not at all, as one-shot libzstd does.  With the
/// cache on, what a decoder said would depend on the inputs run before, and
/// a crash would not reproduce from its artifact alone.
inline void compare_with_new_contexts() noexcept
{
    static const bool off = (zstdio::set_context_cache_limits({0, 0}), true);
    (void)off;
}

/// libzstd's words for a damaged frame.  Which one a decoder reports
/// depends on how the frame's bytes arrive (read and write sizes, one call
/// or many), so decoders that cut the input differently may each say
/// another: "Data corruption detected", "Destination buffer is too small",
/// "Src size is incorrect", "Corrupted literals header", or, when the
/// damaged blocks still decode, "Restored data doesn't match checksum".  A
/// stream both damaged and cut short may also end as "the input ends inside
/// a zstd frame" in one decoder and as one of those in another.
inline bool damaged_frame(zstdio::errc e) noexcept
{
    switch (e) {
    case zstdio::errc::corruption_detected:
    case zstdio::errc::dst_size_too_small:
    case zstdio::errc::src_size_wrong:
    case zstdio::errc::literals_header_wrong:
    case zstdio::errc::checksum_wrong:
    case zstdio::errc::truncated_input:
        return true;
    default:
        return false;
    }
}

/// True when the frame whose header starts `frame` (after its magic number,
/// if any) is one libzstd 1.5.4 decodes differently depending on how its
/// bytes arrive (see libzstd_ambiguous()):
/// - a single-segment header with content size 0 (its window is its content
///   size, where any other frame's window is at least 1 KiB);
/// - a compressed block of 0 bytes before the frame's end.
inline bool libzstd_splits_on_frame(std::string_view frame) noexcept
{
    zstdio::frame_parameters p;
    try {
        p = zstdio::get_frame_parameters(frame, zstdio::frame_format::magicless);
    } catch (const zstdio::zstd_error&) {
        return false; // too short, or not a frame header
    }
    if (p.content_size == std::uint64_t{0} && p.window_size == 0)
        return true;
    // Block headers (RFC 8878 3.1.1.2): 3 bytes, little-endian: bit 0 last
    // block, bits 1-2 type (0 raw, 1 RLE, 2 compressed, 3 reserved), then
    // the size of the block's content; an RLE block holds 1 byte.
    for (std::size_t at = p.header_size; at + 3 <= frame.size();) {
        const auto byte = [&](std::size_t k) { return std::uint32_t{static_cast<unsigned char>(frame[at + k])}; };
        const std::uint32_t header = byte(0) | (byte(1) << 8) | (byte(2) << 16);
        const std::uint32_t type = (header >> 1) & 3, size = header >> 3;
        if (type == 2 && size == 0)
            return true;
        if (type == 3 || (header & 1))
            return false;
        at += 3 + (type == 1 ? 1 : size);
    }
    return false;
}

/// Inputs on which libzstd 1.5.4's own decoders disagree, so zstdio's paths
/// (which use different libzstd entry points, and receive the bytes in
/// different pieces) cannot be compared:
/// - magicless input starting with a skippable-frame magic number: the
///   one-pass decoders (ZSTD_decompressDCtx, ZSTD_decompressStream when a
///   whole frame fits) skip it as a skippable frame, the incremental decoder
///   parses it as a frame header;
/// - a legacy (v0.5-v0.7) frame magic anywhere: the one-pass decoders decode
///   legacy frames in any format, the streaming decoder only when the magic
///   arrives in one call (ZSTD_isLegacy looks at the current input);
/// - a single-segment frame with a content size of 0: its window, and so
///   the streaming decoder's input buffer, is 0 bytes, and a block with a
///   byte of content (an empty RLE block) is "Data corruption detected" when
///   its bytes arrive in pieces, and decodes when they arrive together;
/// - a compressed block of 0 bytes: the incremental decoder takes it for an
///   empty block, the one-pass decoders say "Data corruption detected" (a
///   compressed block holds at least a literals header).
/// Memory safety is still checked on them; agreement is not.
inline bool libzstd_ambiguous(std::string_view payload, bool magicless) noexcept
{
    const auto le32 = [&](std::size_t i) {
        std::uint32_t v = 0;
        for (int k = 3; k >= 0; --k)
            v = (v << 8) | static_cast<unsigned char>(payload[i + static_cast<std::size_t>(k)]);
        return v;
    };
    if (magicless && payload.size() >= 4 && (le32(0) & 0xFFFFFFF0u) == 0x184D2A50u)
        return true;
    if (magicless && libzstd_splits_on_frame(payload))
        return true;
    for (std::size_t i = 0; i + 4 <= payload.size(); ++i) {
        const std::uint32_t m = le32(i);
        if ((m >= 0xFD2FB522u && m <= 0xFD2FB527u) || m == 0x1EB52FFDu) // legacy v0.1-v0.7 magics
            return true;
        if (m == 0xFD2FB528u && libzstd_splits_on_frame(payload.substr(i + 4)))
            return true;
    }
    return false;
}

} // namespace zstdio_fuzz

#endif
