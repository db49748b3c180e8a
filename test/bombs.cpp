// zstdio tests — decompression bombs.
//
// Small frames made by hand that claim or produce far more output than they
// are worth are fed to every decoding API.  Each must stop with a zstd_error
// (the limit, the window, or corruption) in memory bounded by the limits, not
// by what the frame claims.  Peak memory is measured in a forked child (peak
// RSS reset through /proc/self/clear_refs) so one case cannot hide another.
//
// Run the binary directly to see the measured peaks (doc/reliability.md):
//   bin/test/bombs.test/gcc-12/release/threading-multi/bombs
#include <zstdio.hpp>

#define BOOST_TEST_MODULE bombs
#include <boost/test/unit_test.hpp>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace io = boost::iostreams;
using zstdio::errc;

namespace {

constexpr std::uint64_t KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

// What one decoding call may use beyond its limit: libzstd's context, a
// window of 128 KiB, the filter buffers, allocator slack.
constexpr std::uint64_t overhead_bound = 48 * MiB;

// ThreadSanitizer's shadow memory counts in the process's resident set:
// about four more bytes for every byte of application memory touched
// (./build.sh tsan measured 331 MiB for a 64 MiB output).
#if defined(__SANITIZE_THREAD__)
constexpr std::uint64_t shadow_factor = 5;
#else
constexpr std::uint64_t shadow_factor = 1;
#endif

void put_le(std::string& s, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        s.push_back(static_cast<char>(v >> (8 * i)));
}

/// A frame of `blocks` RLE blocks of 128 KiB (4 bytes each): 32768:1, the
/// best ratio zstd allows.  `content_size` is written as given (it may lie);
/// `single_segment` makes the window the content size.
std::string rle_frame(unsigned blocks, std::optional<std::uint64_t> content_size, int window_log = 17,
                      bool single_segment = false)
{
    std::string f(zstdio::frame_header);
    unsigned char descriptor = 0;
    if (content_size)
        descriptor |= 3u << 6; // 8-byte content size field
    if (single_segment)
        descriptor |= 1u << 5;
    f.push_back(static_cast<char>(descriptor));
    if (!single_segment)
        f.push_back(static_cast<char>((window_log - 10) << 3));
    if (content_size)
        put_le(f, *content_size, 8);
    for (unsigned b = 0; b < blocks; ++b) {
        const std::uint32_t header = (b + 1 == blocks ? 1u : 0u) | (1u << 1) | (131072u << 3);
        put_le(f, header, 3);
        f.push_back('B');
    }
    return f;
}

bool under_valgrind()
{
    const char* preload = std::getenv("LD_PRELOAD");
    return preload && std::strstr(preload, "vgpreload");
}

std::uint64_t status_kib(const char* field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::size_t n = std::strlen(field);
    while (std::getline(in, line))
        if (line.compare(0, n, field) == 0)
            return std::strtoull(line.c_str() + n + 1, nullptr, 10);
    return 0;
}

struct measured {
    bool threw_zstd = false;
    errc condition{};
    bool threw_other = false;
    std::uint64_t peak_bytes = 0; // peak RSS above the RSS at the start of the call
};

/// Runs `decode` in a forked child and measures its peak memory.
measured in_child(const std::function<void()>& decode)
{
    int fds[2];
    BOOST_REQUIRE(pipe(fds) == 0);
    std::fflush(nullptr);
    const pid_t pid = fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        measured m;
        {
            std::ofstream clear("/proc/self/clear_refs");
            clear << "5"; // reset the peak RSS to the current RSS
        }
        const std::uint64_t before = status_kib("VmRSS:");
        try {
            decode();
        } catch (const zstdio::zstd_error& e) {
            m.threw_zstd = true;
            m.condition = e.condition();
        } catch (...) {
            m.threw_other = true;
        }
        const std::uint64_t peak = status_kib("VmHWM:");
        // Sent field by field (no struct padding goes through the pipe).
        const std::uint64_t wire[4] = {m.threw_zstd, static_cast<std::uint64_t>(m.condition), m.threw_other,
                                       (peak > before ? peak - before : 0) * KiB};
        const ssize_t w = write(fds[1], wire, sizeof wire);
        _exit(w == static_cast<ssize_t>(sizeof wire) ? 0 : 1);
    }
    close(fds[1]);
    std::uint64_t wire[4] = {};
    const ssize_t r = read(fds[0], wire, sizeof wire);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    BOOST_REQUIRE_MESSAGE(r == static_cast<ssize_t>(sizeof wire) && WIFEXITED(status) && WEXITSTATUS(status) == 0,
                          "the child process died (crash, out of memory, or a valgrind error in it)");
    measured m;
    m.threw_zstd = wire[0] != 0;
    m.condition = static_cast<errc>(wire[1]);
    m.threw_other = wire[2] != 0;
    m.peak_bytes = wire[3];
    return m;
}

/// A sink that counts and drops what it is given.
struct counting_sink {
    using char_type = char;
    using category = io::sink_tag;
    std::uint64_t* count;
    std::streamsize write(const char*, std::streamsize n)
    {
        *count += static_cast<std::uint64_t>(n);
        return n;
    }
};

/// One decoding API applied to a frame with given parameters.
struct api {
    const char* name;
    std::function<void(const std::string&, const zstdio::zstd_params&)> run;
};

const api apis[] = {
    {"filtering_istream",
     [](const std::string& f, const zstdio::zstd_params& p) {
         std::uint64_t n = 0;
         io::filtering_istream in;
         in.push(zstdio::zstd_decompressor(p));
         in.push(io::array_source(f.data(), f.size()));
         io::copy(in, counting_sink{&n});
     }},
    {"filtering_ostream",
     [](const std::string& f, const zstdio::zstd_params& p) {
         std::uint64_t n = 0;
         io::filtering_ostream out;
         out.push(zstdio::zstd_decompressor(p));
         out.push(counting_sink{&n});
         out.rdbuf()->sputn(f.data(), static_cast<std::streamsize>(f.size()));
         out.reset();
     }},
    {"decompressor::decompress(data, limit)",
     [](const std::string& f, const zstdio::zstd_params& p) {
         zstdio::zstd_params q = p;
         q.max_output_size = 0;
         (void)zstdio::decompressor(q).decompress(f, p.max_output_size);
     }},
    {"zstdio::decompress(data, params)",
     [](const std::string& f, const zstdio::zstd_params& p) { (void)zstdio::decompress(f, p); }},
    {"decompressor::decompress(data, dst, limit-sized buffer)",
     [](const std::string& f, const zstdio::zstd_params& p) {
         std::string dst(static_cast<std::size_t>(p.max_output_size), '\0');
         zstdio::zstd_params q = p;
         q.max_output_size = 0;
         (void)zstdio::decompressor(q).decompress(f, dst.data(), dst.size());
     }},
#if __has_include(<zstdio/streaming.hpp>)
    {"decompressobj (4 KiB chunks)",
     [](const std::string& f, const zstdio::zstd_params& p) {
         zstdio::decompressor d(p);
         auto obj = d.decompressobj();
         std::string out;
         for (std::size_t pos = 0; pos < f.size(); pos += 4096) {
             out.clear(); // the caller keeps nothing: memory is the object's
             obj.decompress(std::string_view(f).substr(pos, 4096), out);
         }
         obj.finish();
     }},
    {"copy_stream (to a counting sink)",
     [](const std::string& f, const zstdio::zstd_params& p) {
         std::uint64_t n = 0;
         zstdio::decompressor d(p);
         (void)d.copy_stream(io::array_source(f.data(), f.size()), counting_sink{&n});
     }},
#endif
#if __has_include(<zstdio/batch.hpp>)
    {"multi_decompress_to_buffer",
     [](const std::string& f, const zstdio::zstd_params& p) {
         zstdio::decompressor d(p);
         (void)d.multi_decompress_to_buffer(std::vector<std::string>{f});
     }},
#endif
};

/// Runs every API on `frame` with the limits in `p`; each must throw one of
/// `allowed` in bounded memory.
void expect_stopped(const char* bomb, const std::string& frame, const zstdio::zstd_params& p,
                    std::initializer_list<errc> allowed)
{
    for (const api& a : apis) {
        const measured m = in_child([&] { a.run(frame, p); });
        std::printf("bomb %-22s %-58s frame %6zu B  limit %8llu B  -> %s%-4d peak +%llu KiB\n", bomb, a.name,
                    frame.size(), static_cast<unsigned long long>(p.max_output_size),
                    m.threw_zstd ? "zstd_error " : (m.threw_other ? "OTHER " : "no error "),
                    static_cast<int>(m.condition), static_cast<unsigned long long>(m.peak_bytes / KiB));
        BOOST_TEST_CONTEXT(bomb << " via " << a.name)
        {
            BOOST_TEST(m.threw_zstd);
            BOOST_TEST(!m.threw_other);
            bool expected = false;
            for (errc c : allowed)
                expected = expected || m.condition == c;
            // The batch API sizes output from the headers only: it refuses a
            // frame without a content size, and a lying one as corrupt.
            if (std::string(a.name) == "multi_decompress_to_buffer")
                expected = expected || m.condition == errc::content_size_unknown ||
                           m.condition == errc::corruption_detected;
            BOOST_TEST(expected, "condition " << static_cast<int>(m.condition));
            // A growing output string may hold the old and the new buffer
            // while it doubles (and ASan keeps freed blocks in quarantine).
            if (!under_valgrind())
                BOOST_TEST(m.peak_bytes <= shadow_factor * 2 * p.max_output_size + overhead_bound);
        }
    }
}

zstdio::zstd_params limited(std::uint64_t limit)
{
    zstdio::zstd_params p;
    p.max_output_size = limit;
    return p;
}

} // namespace

BOOST_AUTO_TEST_CASE(frames_are_what_they_claim)
{
    // The hand-made frames are valid zstd: libzstd decodes a small one.
    const std::string f = rle_frame(3, 3 * 131072);
    const std::string out = zstdio::decompressor().decompress(f);
    BOOST_TEST(out == std::string(3 * 131072, 'B'));
    BOOST_TEST(zstdio::decompressor().decompress(rle_frame(3, std::nullopt), 1 * MiB) == out);
}

// 1 KB that claims 4 GiB of content (and holds 32 MiB of RLE blocks).
BOOST_AUTO_TEST_CASE(one_kilobyte_claiming_four_gigabytes)
{
    const std::string frame = rle_frame(252, 4 * GiB);
    BOOST_TEST(frame.size() <= 1024u);
    // A header that claims more than its bytes can hold is refused as corrupt
    // by every API that walks frames first; the streams hit the limit.
    expect_stopped("claims-4GiB", frame, limited(1 * MiB),
                   {errc::output_limit_exceeded, errc::dst_size_too_small, errc::corruption_detected});

    // No limit at all: the one-shot call must not believe the header.
    const measured m = in_child([&] { (void)zstdio::decompressor().decompress(frame); });
    std::printf("bomb %-22s %-58s frame %6zu B  no limit          -> condition %d peak +%llu KiB\n",
                "claims-4GiB", "decompressor::decompress(data)", frame.size(), static_cast<int>(m.condition),
                static_cast<unsigned long long>(m.peak_bytes / KiB));
    BOOST_TEST(m.threw_zstd);
    BOOST_TEST(m.condition == errc::corruption_detected);
    if (!under_valgrind())
        BOOST_TEST(m.peak_bytes <= overhead_bound);
}

// 32 KiB that really produce 1 GiB, with and without a truthful content size.
BOOST_AUTO_TEST_CASE(thirty_two_kilobytes_producing_one_gigabyte)
{
    const std::string unsized = rle_frame(8192, std::nullopt);
    const std::string sized = rle_frame(8192, 1 * GiB);
    BOOST_TEST(unsized.size() <= 33 * KiB);
    expect_stopped("produces-1GiB", unsized, limited(1 * MiB),
                   {errc::output_limit_exceeded, errc::dst_size_too_small});
    expect_stopped("produces-1GiB-sized", sized, limited(1 * MiB),
                   {errc::output_limit_exceeded, errc::dst_size_too_small});
    // A larger limit: memory follows the limit (one-shot) or not at all (streams).
    expect_stopped("produces-1GiB", unsized, limited(64 * MiB),
                   {errc::output_limit_exceeded, errc::dst_size_too_small});

    // Without a limit the one-shot call refuses a frame of unknown size, and
    // a stream decodes it in memory bounded by the window, not the output.
    const measured refused = in_child([&] { (void)zstdio::decompressor().decompress(unsized); });
    BOOST_TEST(refused.condition == errc::content_size_unknown);
    if (!under_valgrind()) {
        std::uint64_t n = 0;
        const measured streamed = in_child([&] {
            io::filtering_istream in;
            in.push(zstdio::zstd_decompressor());
            in.push(io::array_source(unsized.data(), unsized.size()));
            io::copy(in, counting_sink{&n});
            if (n != 1 * GiB)
                throw std::runtime_error("short output");
        });
        std::printf("bomb %-22s %-58s frame %6zu B  no limit          -> %s peak +%llu KiB\n", "produces-1GiB",
                    "filtering_istream, streamed to a counting sink", unsized.size(),
                    streamed.threw_zstd || streamed.threw_other ? "error" : "1 GiB decoded",
                    static_cast<unsigned long long>(streamed.peak_bytes / KiB));
        BOOST_TEST(!streamed.threw_zstd);
        BOOST_TEST(!streamed.threw_other);
        BOOST_TEST(streamed.peak_bytes <= overhead_bound);
    }
}

// A header asking for a 2 GiB window: window_log_max (27) refuses it before
// anything is allocated.  (Decoding into a caller's buffer needs no window,
// so there the buffer is the bound: 16 blocks = 2 MiB exceed it.)
BOOST_AUTO_TEST_CASE(window_of_two_gigabytes)
{
    const std::string frame = rle_frame(16, std::nullopt, 31);
    expect_stopped("window-2GiB", frame, limited(1 * MiB),
                   {errc::window_too_large, errc::output_limit_exceeded, errc::dst_size_too_small});
    zstdio::zstd_params small_window = limited(64 * MiB);
    small_window.window_log_max = 20;
    const measured m = in_child([&] {
        io::filtering_istream in;
        std::uint64_t n = 0;
        in.push(zstdio::zstd_decompressor(small_window));
        in.push(io::array_source(frame.data(), frame.size()));
        io::copy(in, counting_sink{&n});
    });
    BOOST_TEST(m.condition == errc::window_too_large);
    if (!under_valgrind())
        BOOST_TEST(m.peak_bytes <= overhead_bound);
}

// Single segment: the window is the declared content size (1 GiB).
BOOST_AUTO_TEST_CASE(single_segment_claiming_one_gigabyte)
{
    const std::string frame = rle_frame(200, 1 * GiB, 0, true);
    BOOST_TEST(frame.size() <= 1024u);
    expect_stopped("single-segment-1GiB", frame, limited(1 * MiB),
                   {errc::window_too_large, errc::output_limit_exceeded, errc::dst_size_too_small,
                    errc::corruption_detected});
    // Streaming with no output limit: window_log_max alone stops it.
    const measured m = in_child([&] {
        io::filtering_istream in;
        std::uint64_t n = 0;
        in.push(zstdio::zstd_decompressor());
        in.push(io::array_source(frame.data(), frame.size()));
        io::copy(in, counting_sink{&n});
    });
    std::printf("bomb %-22s %-58s frame %6zu B  no limit          -> condition %d peak +%llu KiB\n",
                "single-segment-1GiB", "filtering_istream (window_log_max 27 only)", frame.size(),
                static_cast<int>(m.condition), static_cast<unsigned long long>(m.peak_bytes / KiB));
    BOOST_TEST(m.condition == errc::window_too_large);
    if (!under_valgrind())
        BOOST_TEST(m.peak_bytes <= overhead_bound);
}
