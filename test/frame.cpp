// Tests for zstdio/frame.hpp: frame header inspection and frame walking,
// checked against libzstd and against `zstd -lv`.
#include <zstdio/frame.hpp>

#define BOOST_TEST_MODULE frame
#include <boost/test/unit_test.hpp>

#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>

#include "support/print_optional.hpp"
#include "support/support.hpp"

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <regex>
#include <string>

using namespace zstdio;
using zstdio_test::text;

namespace {

template <class F>
errc error_of(F&& f)
{
    try {
        f();
    } catch (const zstd_error& e) {
        BOOST_TEST_MESSAGE(e.what());
        return e.condition();
    }
    BOOST_FAIL("no zstd_error thrown");
    return errc::generic;
}

template <class F>
std::string message_of(F&& f)
{
    try {
        f();
    } catch (const zstd_error& e) {
        return e.what();
    }
    BOOST_FAIL("no zstd_error thrown");
    return {};
}

std::string skippable_frame(unsigned variant, const std::string& payload)
{
    std::string f(8, '\0');
    const std::uint32_t magic = skippable_magic_start + variant;
    const auto size = static_cast<std::uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i) {
        f[i] = static_cast<char>(magic >> (8 * i));
        f[4 + i] = static_cast<char>(size >> (8 * i));
    }
    return f + payload;
}

zstd_params with(int level, bool checksum, bool content_size)
{
    zstd_params p(level);
    p.checksum = checksum;
    p.content_size = content_size;
    return p;
}

} // namespace

BOOST_AUTO_TEST_CASE(header_fields_follow_the_parameters)
{
    const std::string data = text(300000);
    for (bool checksum : {false, true}) {
        for (bool content_size : {false, true}) {
            const std::string frame = compress(data, with(3, checksum, content_size));
            const frame_parameters p = get_frame_parameters(frame);
            BOOST_TEST(p.has_checksum == checksum);
            BOOST_TEST(p.content_size.has_value() == content_size);
            if (content_size)
                BOOST_TEST(*p.content_size == data.size());
            BOOST_TEST(p.dict_id == 0u);
            BOOST_TEST(!p.is_skippable);
            BOOST_TEST(p.header_size == ZSTD_frameHeaderSize(frame.data(), frame.size()));
            BOOST_TEST(frame_content_size(frame) == p.content_size);
            BOOST_TEST(frame_header_size(frame) == p.header_size);
            BOOST_TEST(find_frame_compressed_size(frame) == frame.size());
        }
    }
}

BOOST_AUTO_TEST_CASE(window_size_is_the_window_log)
{
    const std::string data = text(3 << 20);
    for (int wl : {10, 17, 20, 21}) {
        zstd_params p(1);
        p.advanced = compression_parameters().window_log(wl);
        const std::string frame = compress(data, p);
        BOOST_TEST(get_frame_parameters(frame).window_size == (std::uint64_t{1} << wl));
        ZSTD_frameHeader fh;
        BOOST_REQUIRE(ZSTD_getFrameHeader(&fh, frame.data(), frame.size()) == 0);
        BOOST_TEST(get_frame_parameters(frame).window_size == fh.windowSize);
    }
}

BOOST_AUTO_TEST_CASE(dict_id_is_reported)
{
    std::vector<std::string> samples;
    for (int i = 0; i < 200; ++i)
        samples.push_back(text(400, static_cast<std::uint32_t>(i)));
    train_options o;
    o.dict_id = 123456;
    const zstd_dict dict = train_dictionary(4096, samples, o);
    zstd_params p;
    p.dict = dict;
    BOOST_TEST(get_frame_parameters(compress(samples[0], p)).dict_id == 123456u);
    p.dict_id = false;
    BOOST_TEST(get_frame_parameters(compress(samples[0], p)).dict_id == 0u);
}

BOOST_AUTO_TEST_CASE(too_few_bytes_or_not_a_frame)
{
    const std::string frame = compress(text(1000));
    BOOST_TEST(int(error_of([] { get_frame_parameters(""); })) == int(errc::truncated_input));
    BOOST_TEST(message_of([] { get_frame_parameters(""); }).find("empty") != std::string::npos);
    for (std::size_t n = 1; n < frame_header_size(frame); ++n) {
        BOOST_TEST(int(error_of([&] { get_frame_parameters(frame.substr(0, n)); })) == int(errc::truncated_input));
        BOOST_TEST(int(error_of([&] { find_frame_compressed_size(frame.substr(0, n)); })) ==
                   int(errc::truncated_input));
    }
    BOOST_TEST(message_of([&] { get_frame_parameters(frame.substr(0, 3)); }).find("needs") != std::string::npos);
    // Every cut inside the frame is a truncation, never a wrong size.
    for (std::size_t n = frame_header_size(frame); n < frame.size(); ++n)
        BOOST_TEST(int(error_of([&] { find_frame_compressed_size(frame.substr(0, n)); })) ==
                   int(errc::truncated_input));
    BOOST_TEST(int(error_of([] { get_frame_parameters("hello, world"); })) == int(errc::not_zstd_frame));
    BOOST_TEST(int(error_of([] { get_frame_parameters("\x01"); })) == int(errc::not_zstd_frame));
    BOOST_TEST(int(error_of([] { frame_header_size("PK\x03\x04 zip"); })) == int(errc::not_zstd_frame));
    BOOST_TEST(int(error_of([] { frame_header_size("\x28\xb5"); })) == int(errc::truncated_input));
    BOOST_TEST(int(error_of([] { find_frame_compressed_size("hello, world"); })) == int(errc::not_zstd_frame));
    // A reserved bit in the frame header descriptor.
    std::string reserved = frame;
    reserved[4] = static_cast<char>(reserved[4] | 0x08);
    BOOST_TEST(int(error_of([&] { get_frame_parameters(reserved); })) == int(errc::frame_parameter_unsupported));
    BOOST_TEST(int(error_of([&] { frame_header_size(reserved); })) == int(errc::frame_parameter_unsupported));
}

BOOST_AUTO_TEST_CASE(header_size_needs_only_the_descriptor)
{
    for (const auto& frame : {compress(text(10)), compress(text(70000), with(3, false, false)),
                              compress(text(5000000), with(1, true, true))}) {
        const std::size_t expected = ZSTD_frameHeaderSize(frame.data(), frame.size());
        BOOST_TEST(frame_header_size(frame.substr(0, 5)) == expected);
        BOOST_TEST(frame_header_size(frame) == expected);
    }
}

BOOST_AUTO_TEST_CASE(skippable_frames)
{
    for (unsigned variant : {0u, 7u, 15u}) {
        const std::string f = skippable_frame(variant, "user data");
        const frame_parameters p = get_frame_parameters(f);
        BOOST_TEST(p.is_skippable);
        BOOST_TEST(p.skippable_variant == variant);
        BOOST_TEST(p.skippable_size == 9u);
        BOOST_TEST(p.header_size == 8u);
        BOOST_TEST(p.content_size == std::optional<std::uint64_t>(0));
        BOOST_TEST(frame_header_size(f) == 8u);
        BOOST_TEST(find_frame_compressed_size(f + "tail") == f.size());
        BOOST_TEST(int(error_of([&] { find_frame_compressed_size(f.substr(0, f.size() - 1)); })) ==
                   int(errc::truncated_input));
    }
}

// find_frame_compressed_size walks block headers itself (one header read for
// both formats); it must find the same end as libzstd on every frame shape,
// and fail wherever libzstd fails.
BOOST_AUTO_TEST_CASE(compressed_size_agrees_with_libzstd_on_every_shape)
{
    std::vector<std::string> frames;
    const std::string zeros(300000, '\0');
    for (const std::string& content : {std::string(), text(1), text(1000), text(300000), zeros,
                                       zstdio_test::random_bytes(200000)})
        for (bool checksum : {false, true}) {
            zstd_params p(3);
            p.checksum = checksum;
            frames.push_back(compress(content, p));
        }
    frames.push_back(skippable_frame(3, "user data"));
    frames.push_back(skippable_frame(0, ""));
    const auto agrees = [](const std::string& bytes) {
        const std::size_t expected = ZSTD_findFrameCompressedSize(bytes.data(), bytes.size());
        if (ZSTD_isError(expected))
            return bool(error_of([&] { find_frame_compressed_size(bytes); }) != errc::generic);
        return find_frame_compressed_size(bytes) == expected;
    };
    for (const std::string& frame : frames) {
        BOOST_TEST_CONTEXT("frame of " << frame.size() << " bytes")
        {
            BOOST_TEST(agrees(frame));
            BOOST_TEST(agrees(frame + "trailing bytes"));
            // Every cut.
            for (std::size_t n = 1; n < frame.size(); n += 1 + n / 64)
                BOOST_TEST(agrees(frame.substr(0, n)));
            // Every block type at the first block header, the reserved one included.
            if (!get_frame_parameters(frame).is_skippable) {
                const std::size_t block = frame_header_size(frame);
                for (unsigned type = 0; type < 4; ++type) {
                    std::string changed = frame;
                    changed[block] = static_cast<char>((changed[block] & ~6) | (type << 1));
                    BOOST_TEST(agrees(changed));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(walk_a_multi_frame_buffer)
{
    const std::string a = compress(text(100000, 1), with(19, true, true));
    const std::string b = compress(text(50, 2), with(1, false, false));
    const std::string s = skippable_frame(3, std::string(1000, 'x'));
    const std::string c = compress("", with(3, true, true));
    const std::string all = a + s + b + c;

    const auto frames = list_frames(all);
    BOOST_REQUIRE(frames.size() == 4u);
    BOOST_TEST(frames[0].offset == 0u);
    BOOST_TEST(frames[0].compressed_size == a.size());
    BOOST_TEST(frames[1].offset == a.size());
    BOOST_TEST(frames[1].parameters.is_skippable);
    BOOST_TEST(frames[2].offset == a.size() + s.size());
    BOOST_TEST(!frames[2].parameters.has_checksum);
    BOOST_TEST(!frames[2].parameters.content_size);
    BOOST_TEST(frames[3].parameters.content_size == std::optional<std::uint64_t>(0));
    BOOST_TEST(frames[3].offset + frames[3].compressed_size == all.size());
    BOOST_TEST(list_frames("").empty());

    // By hand, frame by frame, as a reader of a stream would.
    std::string_view rest = all;
    std::size_t count = 0;
    while (!rest.empty()) {
        rest.remove_prefix(find_frame_compressed_size(rest));
        ++count;
    }
    BOOST_TEST(count == 4u);

    // Garbage after the frames, and a cut last frame, name the frame's offset.
    const std::string garbage = message_of([&] { list_frames(all + "garbage!"); });
    BOOST_TEST(garbage.find("offset " + std::to_string(all.size())) != std::string::npos);
    BOOST_TEST(int(error_of([&] { list_frames(all + "garbage!"); })) == int(errc::not_zstd_frame));
    BOOST_TEST(int(error_of([&] { list_frames(all.substr(0, all.size() - 1)); })) == int(errc::truncated_input));
}

BOOST_AUTO_TEST_CASE(magicless_frames)
{
    zstd_params p;
    p.format = frame_format::magicless;
    const std::string data = text(200000);
    const std::string frame = compress(data, p);
    const std::string normal = compress(data);
    BOOST_TEST(frame.size() + 4 == normal.size());
    BOOST_TEST(frame == normal.substr(4));
    BOOST_TEST(int(error_of([&] { get_frame_parameters(frame); })) == int(errc::not_zstd_frame));

    const frame_parameters fp = get_frame_parameters(frame, frame_format::magicless);
    BOOST_TEST(fp.content_size == std::optional<std::uint64_t>(data.size()));
    BOOST_TEST(fp.has_checksum);
    BOOST_TEST(fp.header_size + 4 == get_frame_parameters(normal).header_size);
    BOOST_TEST(frame_header_size(frame, frame_format::magicless) == fp.header_size);
    BOOST_TEST(find_frame_compressed_size(frame, frame_format::magicless) == frame.size());
    const auto frames = list_frames(frame + frame, frame_format::magicless);
    BOOST_REQUIRE(frames.size() == 2u);
    BOOST_TEST(frames[1].offset == frame.size());
    for (std::size_t n = 0; n < frame.size(); n += 97)
        BOOST_TEST(int(error_of([&] { find_frame_compressed_size(frame.substr(0, n), frame_format::magicless); })) ==
                   int(errc::truncated_input));
}

BOOST_AUTO_TEST_CASE(golden_frames_agree_with_libzstd)
{
    for (const char* folder : {"/golden-decompression", "/golden-decompression-errors"}) {
        for (const auto& path : zstdio_test::list_files(zstdio_test::golden_dir() + folder)) {
            BOOST_TEST_CONTEXT(path)
            {
                const std::string bytes = zstdio_test::read_file(path);
                const std::size_t expected = ZSTD_findFrameCompressedSize(bytes.data(), bytes.size());
                if (ZSTD_isError(expected)) {
                    BOOST_CHECK_THROW(find_frame_compressed_size(bytes), zstd_error);
                } else {
                    BOOST_TEST(find_frame_compressed_size(bytes) == expected);
                    BOOST_TEST(get_frame_parameters(bytes).content_size ==
                               (ZSTD_getFrameContentSize(bytes.data(), bytes.size()) == ZSTD_CONTENTSIZE_UNKNOWN
                                    ? std::nullopt
                                    : std::optional<std::uint64_t>(
                                          ZSTD_getFrameContentSize(bytes.data(), bytes.size()))));
                }
            }
        }
    }
}

namespace {

// The value in "(N B)" on a `zstd -lv` line starting with `label`.
std::optional<std::uint64_t> cli_bytes(const std::string& listing, const std::string& label)
{
    std::smatch m;
    if (!std::regex_search(listing, m, std::regex(label + ":[^(\\n]*\\((\\d+) B\\)")))
        return std::nullopt;
    return std::stoull(m[1]);
}

std::optional<std::uint64_t> cli_number(const std::string& listing, const std::string& label)
{
    std::smatch m;
    if (!std::regex_search(listing, m, std::regex(label + ": *(\\d+)")))
        return std::nullopt;
    return std::stoull(m[1]);
}

} // namespace

BOOST_AUTO_TEST_CASE(agrees_with_zstd_list)
{
    zstdio_test::temp_dir dir;
    std::vector<std::string> samples;
    for (int i = 0; i < 300; ++i)
        samples.push_back(text(300, static_cast<std::uint32_t>(i)));
    cover_options co;
    co.k = 64;
    co.d = 8;
    co.dict_id = 4242;
    const zstd_dict dict = train_cover_dictionary(8192, samples, co);
    zstdio_test::write_file(dir.path("dict"), std::string(dict.as_bytes()));
    const std::string data = text(700000);
    zstdio_test::write_file(dir.path("in"), data);

    struct variant {
        std::string name, args;
        bool from_stdin;
    };
    const std::vector<variant> variants = {
        {"plain", "-3", false},
        {"max", "-19 --no-check", false},
        {"stdin", "-1", true},
        {"long", "--long=24 -2", false},
        {"dict", "-D " + zstdio_test::quote(dir.path("dict")), false},
        {"nocs", "--no-content-size -5", false},
    };
    std::string all;
    for (const auto& v : variants) {
        BOOST_TEST_CONTEXT(v.name)
        {
            const std::string out = dir.path(v.name + ".zst");
            const std::string in = zstdio_test::quote(dir.path("in"));
            const auto r = zstdio_test::run("zstd -q -f " + v.args + (v.from_stdin ? " - < " + in : " " + in) +
                                            " -o " + zstdio_test::quote(out));
            BOOST_REQUIRE_MESSAGE(r.status == 0, r.output);
            const std::string frame = zstdio_test::read_file(out);
            all += frame;
            const auto listed = zstdio_test::run("zstd -lv " + zstdio_test::quote(out));
            BOOST_REQUIRE_MESSAGE(listed.status == 0, listed.output);
            const std::string& l = listed.output;

            const auto frames = list_frames(frame);
            BOOST_TEST(cli_number(l, "# Zstandard Frames") == std::optional<std::uint64_t>(frames.size()));
            const frame_parameters p = get_frame_parameters(frame);
            BOOST_TEST(cli_number(l, "DictID") == std::optional<std::uint64_t>(p.dict_id));
            BOOST_TEST(cli_bytes(l, "Window Size") == std::optional<std::uint64_t>(p.window_size));
            BOOST_TEST(cli_bytes(l, "Compressed Size") == std::optional<std::uint64_t>(frame.size()));
            BOOST_TEST(cli_bytes(l, "Decompressed Size") == p.content_size);
            BOOST_TEST((l.find("Check: XXH64") != std::string::npos) == p.has_checksum);
            BOOST_TEST((l.find("Check: None") != std::string::npos) == !p.has_checksum);
        }
    }
    // All of them concatenated, with a skippable frame.
    all += skippable_frame(0, "skip me");
    zstdio_test::write_file(dir.path("all.zst"), all);
    const auto listed = zstdio_test::run("zstd -lv " + zstdio_test::quote(dir.path("all.zst")));
    BOOST_REQUIRE_MESSAGE(listed.status == 0, listed.output);
    const auto frames = list_frames(all);
    std::size_t skippable = 0;
    std::uint64_t window = 0;
    for (const auto& f : frames) {
        skippable += f.parameters.is_skippable;
        window = std::max(window, f.parameters.window_size);
    }
    BOOST_TEST(cli_number(listed.output, "# Zstandard Frames") ==
               std::optional<std::uint64_t>(frames.size() - skippable));
    BOOST_TEST(cli_number(listed.output, "# Skippable Frames") == std::optional<std::uint64_t>(skippable));
    BOOST_TEST(cli_bytes(listed.output, "Window Size") == std::optional<std::uint64_t>(window));
    BOOST_TEST(cli_bytes(listed.output, "Compressed Size") == std::optional<std::uint64_t>(all.size()));
}
