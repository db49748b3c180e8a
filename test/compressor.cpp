// Tests for zstdio/compressor.hpp: reusable contexts and one-shot calls.
#include <zstdio/compressor.hpp>

#define BOOST_TEST_MODULE compressor
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <zstdio/error.hpp>

#include <zstd.h>

#include <cstring>

using namespace zstdio_test;
using zstdio::errc;
using zstdio::zstd_error;

namespace {

template <class F>
void require_zstd_error(errc expected, F&& f, const char* must_mention = nullptr)
{
    try {
        f();
    } catch (const zstd_error& e) {
        BOOST_TEST_INFO("message: " << e.what());
        BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(expected));
        if (must_mention)
            BOOST_TEST(std::string(e.what()).find(must_mention) != std::string::npos);
        return;
    }
    BOOST_FAIL("expected a zstd_error");
}

// A frame made by libzstd's streaming API without a pledged size: its header
// does not record the content size.
std::string frame_without_size(const std::string& data)
{
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> c(ZSTD_createCCtx(), ZSTD_freeCCtx);
    std::string out(ZSTD_compressBound(data.size()) + 64, '\0');
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    ZSTD_outBuffer o{out.data(), out.size(), 0};
    // Feeding the input with ZSTD_e_continue first keeps libzstd from learning the size.
    BOOST_REQUIRE(!ZSTD_isError(ZSTD_compressStream2(c.get(), &o, &in, ZSTD_e_continue)));
    std::size_t r;
    do {
        r = ZSTD_compressStream2(c.get(), &o, &in, ZSTD_e_end);
        BOOST_REQUIRE(!ZSTD_isError(r));
    } while (r != 0);
    out.resize(o.pos);
    BOOST_REQUIRE(ZSTD_getFrameContentSize(out.data(), out.size()) == ZSTD_CONTENTSIZE_UNKNOWN);
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(one_shot_round_trips)
{
    zstdio::compressor c;
    zstdio::decompressor d;
    for (std::size_t size : interesting_sizes()) {
        for (const std::string& data : {random_bytes(size, 3), text(size, 4), repetitive(size)}) {
            const std::string z = c.compress(data);
            BOOST_TEST(ZSTD_getFrameContentSize(z.data(), z.size()) == data.size());
            BOOST_TEST(d.decompress(z) == data);
            BOOST_TEST(zstdio::decompress(zstdio::compress(data)) == data);
        }
    }
}

BOOST_AUTO_TEST_CASE(one_shot_matches_libzstd_and_the_cli)
{
    const std::string data = text(300000, 12);
    for (int level : {-5, 1, 3, 9, 19}) {
        std::string native(ZSTD_compressBound(data.size()), '\0');
        std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> c(ZSTD_createCCtx(), ZSTD_freeCCtx);
        ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, level);
        ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1);
        native.resize(ZSTD_compress2(c.get(), native.data(), native.size(), data.data(), data.size()));
        BOOST_TEST(zstdio::compress(data, level) == native); // same bytes as libzstd
        BOOST_TEST(zstd_cli("-d -c", zstdio::compress(data, level)) == data);
    }
}

BOOST_AUTO_TEST_CASE(caller_buffers)
{
    const std::string data = text(100000, 1);
    zstdio::compressor c(5);
    std::string buf(zstdio::compress_bound(data.size()), '\0');
    const std::size_t n = c.compress(data, buf.data(), buf.size());
    buf.resize(n);
    zstdio::decompressor d;
    std::string out(data.size(), '\0');
    BOOST_TEST(d.decompress(buf, out.data(), out.size()) == data.size());
    BOOST_TEST(out == data);
    // Too small: an error, never a partial result.
    std::string tiny(10, '\0');
    require_zstd_error(errc::dst_size_too_small, [&] { c.compress(data, tiny.data(), tiny.size()); });
    require_zstd_error(errc::dst_size_too_small, [&] { d.decompress(buf, out.data(), out.size() - 1); });
    // The caller's buffer overload needs no content size.
    const std::string unsized = frame_without_size(data);
    BOOST_TEST(d.decompress(unsized, out.data(), out.size()) == data.size());
}

BOOST_AUTO_TEST_CASE(unknown_content_size_needs_a_limit)
{
    const std::string data = text(50000, 2);
    const std::string z = frame_without_size(data);
    zstdio::decompressor d;
    require_zstd_error(errc::content_size_unknown, [&] { d.decompress(z); }, "max_output_size");
    BOOST_TEST(d.decompress(z, data.size()) == data);
    BOOST_TEST(d.decompress(z, 1 << 30) == data); // a generous limit allocates by need
    require_zstd_error(errc::output_limit_exceeded, [&] { d.decompress(z, data.size() - 1); });
    // Truncated unsized frame.
    require_zstd_error(errc::truncated_input, [&] { d.decompress(z.substr(0, z.size() - 3), 1 << 20); });
}

BOOST_AUTO_TEST_CASE(declared_size_above_limit_refused_before_allocating)
{
    const std::string z = zstdio::compress(repetitive(10 << 20));
    zstdio::decompressor d;
    require_zstd_error(errc::output_limit_exceeded, [&] { d.decompress(z, 1000); });
    zstdio::zstd_params p;
    p.max_output_size = 1 << 20;
    require_zstd_error(errc::output_limit_exceeded, [&] { zstdio::decompress(z, p); });
}

BOOST_AUTO_TEST_CASE(lying_content_size_is_corruption_not_an_allocation)
{
    // A 1-byte frame whose header claims 2^40 bytes of content.
    // Rebuild the header: magic, descriptor with 8-byte FCS, single segment.
    std::string lie("\x28\xb5\x2f\xfd", 4);
    lie += static_cast<char>(0xC0); // FCS_Field_Size=3 (8 bytes), not single segment
    lie += static_cast<char>(0x00); // window descriptor: 1 KiB window
    const std::uint64_t claimed = std::uint64_t{1} << 40;
    for (int i = 0; i < 8; ++i)
        lie += static_cast<char>((claimed >> (8 * i)) & 0xFF);
    lie += std::string("\x01\x00\x00", 3); // last raw block of 0 bytes
    zstdio::decompressor d;
    require_zstd_error(errc::corruption_detected, [&] { d.decompress(lie); }, "declares");
}

BOOST_AUTO_TEST_CASE(errors_from_one_shot)
{
    zstdio::decompressor d;
    require_zstd_error(errc::not_zstd_frame, [&] { d.decompress(""); });
    require_zstd_error(errc::not_zstd_frame, [&] { d.decompress("hello, world, not zstd"); });
    const std::string z = zstdio::compress(text(100000, 3));
    require_zstd_error(errc::truncated_input, [&] { d.decompress(z.substr(0, z.size() / 2)); });
    require_zstd_error(errc::truncated_input, [&] { d.decompress(z.substr(0, 3)); });
    std::string flipped = zstdio::compress(random_bytes(5000, 1));
    flipped[flipped.size() / 2] ^= 0x10;
    require_zstd_error(errc::checksum_wrong, [&] { d.decompress(flipped); });
    // The context still works after errors.
    BOOST_TEST(d.decompress(z) == text(100000, 3));
}

BOOST_AUTO_TEST_CASE(verify_checksum_false_skips_the_check)
{
    // A frame whose checksum (its last 4 bytes) no longer matches its data.
    const std::string data = text(50000, 9);
    std::string frame = zstdio::compress(data);
    frame[frame.size() - 1] ^= 0x01;
    require_zstd_error(errc::checksum_wrong, [&] { zstdio::decompressor().decompress(frame); });
    zstdio::zstd_params p;
    p.verify_checksum = false;
    zstdio::decompressor lenient(p);
    BOOST_TEST(lenient.decompress(frame) == data);
    // Through a streaming decoder too (the path the zstdio CLI takes).
    auto object = lenient.decompressobj();
    BOOST_TEST(object.decompress(frame) == data);
    object.finish();
}

BOOST_AUTO_TEST_CASE(bad_arguments)
{
    BOOST_CHECK_THROW(zstdio::compressor(zstdio::max_compression_level() + 1), std::invalid_argument);
    BOOST_CHECK_THROW(zstdio::compressor(zstdio::min_compression_level() - 1), std::invalid_argument);
    zstdio::zstd_params p;
    p.window_log_max = 100;
    BOOST_CHECK_THROW(zstdio::decompressor{p}, std::invalid_argument);
    BOOST_CHECK_NO_THROW(zstdio::compressor(zstdio::zstd::best_compression));
    BOOST_CHECK_NO_THROW(zstdio::compressor(zstdio::zstd::best_speed));
}

BOOST_AUTO_TEST_CASE(context_reuse_many_small_inputs)
{
    zstdio::compressor c(3);
    zstdio::decompressor d;
    for (int i = 0; i < 2000; ++i) {
        const std::string data = text(static_cast<std::size_t>(50 + i % 700), static_cast<std::uint32_t>(i));
        BOOST_REQUIRE(d.decompress(c.compress(data)) == data);
    }
    BOOST_TEST(c.memory_size() > 0u);
    BOOST_TEST(d.memory_size() > 0u);
}

BOOST_AUTO_TEST_CASE(multi_frame_one_shot)
{
    const std::string a = text(1000, 1), b = text(2000, 2);
    const std::string z = zstdio::compress(a) + zstdio::compress(b);
    BOOST_TEST(zstdio::decompress(z) == a + b);
    zstdio::zstd_params first_only;
    first_only.multi_frame = false;
    BOOST_TEST(zstdio::decompress(z, first_only) == a);
}

BOOST_AUTO_TEST_CASE(moved_contexts_keep_working)
{
    zstdio::compressor c(7);
    zstdio::compressor moved = std::move(c);
    zstdio::decompressor d;
    zstdio::decompressor d2 = std::move(d);
    BOOST_TEST(d2.decompress(moved.compress("moved")) == "moved");
}

BOOST_AUTO_TEST_CASE(one_shot_applies_window_log_max_like_the_streaming_decoders)
{
    // Streamed with an unknown size, the header keeps the full 2^28 window
    // (a one-shot frame would shrink it to the content).
    const std::string data = text(10000, 1);
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> c(ZSTD_createCCtx(), ZSTD_freeCCtx);
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_windowLog, 28);
    std::string z(ZSTD_compressBound(data.size()) + 64, '\0');
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    ZSTD_outBuffer o{z.data(), z.size(), 0};
    BOOST_REQUIRE(!ZSTD_isError(ZSTD_compressStream2(c.get(), &o, &in, ZSTD_e_continue)));
    BOOST_REQUIRE(ZSTD_compressStream2(c.get(), &o, &in, ZSTD_e_end) == 0);
    z.resize(o.pos);
    std::string out(data.size(), '\0');
    zstdio::decompressor d;
    require_zstd_error(errc::window_too_large, [&] { d.decompress(z, 1 << 20); }, "window_log_max");
    require_zstd_error(errc::window_too_large, [&] { d.decompress(z, out.data(), out.size()); });
    zstdio::zstd_params allow;
    allow.window_log_max = 28;
    allow.max_output_size = data.size();
    BOOST_TEST(zstdio::decompress(z, allow) == data);
}

BOOST_AUTO_TEST_CASE(several_magicless_frames_one_shot)
{
    zstdio::zstd_params p;
    p.format = zstdio::frame_format::magicless;
    const std::string a = text(3000, 1), b = text(5000, 2);
    const std::string z = zstdio::compress(a, p) + zstdio::compress(b, p);
    BOOST_TEST(zstdio::decompress(z, p) == a + b);
    zstdio::zstd_params first = p;
    first.multi_frame = false;
    BOOST_TEST(zstdio::decompress(z, first) == a);
}

BOOST_AUTO_TEST_CASE(header_declaring_too_little_is_corruption)
{
    // Lower the declared content size in a one-segment frame's header.
    const std::string data = text(1000, 7);
    std::string z = zstdio::compress(data, 1);
    zstdio::zstd_params p;
    const auto fp = ZSTD_getFrameContentSize(z.data(), z.size());
    BOOST_REQUIRE(fp == data.size());
    // The descriptor of a small one-shot frame: single segment, 2-byte FCS (value - 256).
    BOOST_REQUIRE((static_cast<unsigned char>(z[4]) & 0xC0) == 0x40);
    const unsigned lowered = 900 - 256;
    z[5] = static_cast<char>(lowered & 0xFF);
    z[6] = static_cast<char>(lowered >> 8);
    zstdio::decompressor d;
    try {
        d.decompress(z);
        BOOST_FAIL("decoded a frame whose header lies");
    } catch (const zstd_error& e) {
        BOOST_TEST_INFO(e.what());
        BOOST_TEST((e.condition() == errc::corruption_detected || e.condition() == errc::checksum_wrong));
    }
}

BOOST_AUTO_TEST_CASE(one_shot_checks_the_window_of_every_frame)
{
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> c(ZSTD_createCCtx(), ZSTD_freeCCtx);
    ZSTD_CCtx_setParameter(c.get(), ZSTD_c_windowLog, 29);
    const std::string data = text(5000, 2);
    std::string wide(ZSTD_compressBound(data.size()) + 64, '\0');
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    ZSTD_outBuffer o{wide.data(), wide.size(), 0};
    BOOST_REQUIRE(!ZSTD_isError(ZSTD_compressStream2(c.get(), &o, &in, ZSTD_e_continue)));
    BOOST_REQUIRE(ZSTD_compressStream2(c.get(), &o, &in, ZSTD_e_end) == 0);
    wide.resize(o.pos);
    const std::string z = zstdio::compress("small first frame") + wide;
    std::string out(1 << 16, '\0');
    require_zstd_error(errc::window_too_large, [&] { zstdio::decompressor().decompress(z, out.data(), out.size()); });
}

BOOST_AUTO_TEST_CASE(magicless_first_frame_only_with_a_caller_buffer)
{
    zstdio::zstd_params p;
    p.format = zstdio::frame_format::magicless;
    p.multi_frame = false;
    const std::string z = zstdio::compress("AAAA", p) + zstdio::compress("BBBB", p);
    std::string out(16, '\0');
    out.resize(zstdio::decompressor(p).decompress(z, out.data(), out.size()));
    BOOST_TEST(out == "AAAA");
}
