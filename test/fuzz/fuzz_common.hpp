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

/// True when `header` (after a zstd magic number) is a single-segment frame
/// header whose content size is 0.
inline bool empty_single_segment(std::string_view header) noexcept
{
    if (header.empty())
        return false;
    const auto descriptor = static_cast<unsigned char>(header[0]);
    if (!(descriptor & 0x20)) // not single segment: a window descriptor follows
        return false;
    static constexpr std::size_t dict_id_bytes[] = {0, 1, 2, 4};
    static constexpr std::size_t size_bytes[] = {1, 2, 4, 8};
    const std::size_t at = 1 + dict_id_bytes[descriptor & 3];
    const std::size_t n = size_bytes[descriptor >> 6];
    if (header.size() < at + n)
        return false;
    std::uint64_t size = 0;
    for (std::size_t k = n; k-- > 0;)
        size = (size << 8) | static_cast<unsigned char>(header[at + k]);
    return n != 2 && size == 0; // a 2-byte field holds size - 256
}

/// Inputs on which libzstd 1.5.4's own decoders disagree, so zstdio's paths
/// (which use different libzstd entry points) cannot be compared:
/// - magicless input starting with a skippable-frame magic number: the
///   one-pass decoders (ZSTD_decompressDCtx, ZSTD_decompressStream when a
///   whole frame fits) skip it as a skippable frame, the incremental decoder
///   parses it as a frame header;
/// - a legacy (v0.5-v0.7) frame magic anywhere: the one-pass decoders decode
///   legacy frames in any format, the streaming decoder only when the magic
///   arrives in one call (ZSTD_isLegacy looks at the current input).
/// - a single-segment frame with a content size of 0: its window, and so
///   the streaming decoder's input buffer, is 0 bytes, and a block with a
///   byte of content (an empty RLE block) is "Data corruption detected" when
///   its bytes arrive in pieces, and decodes when they arrive together.
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
    if (magicless && empty_single_segment(payload))
        return true;
    for (std::size_t i = 0; i + 4 <= payload.size(); ++i) {
        const std::uint32_t m = le32(i);
        if ((m >= 0xFD2FB522u && m <= 0xFD2FB527u) || m == 0x1EB52FFDu) // legacy v0.1-v0.7 magics
            return true;
        if (m == 0xFD2FB528u && empty_single_segment(payload.substr(i + 4)))
            return true;
    }
    return false;
}

} // namespace zstdio_fuzz

#endif
