// Tests for zstdio/format.hpp: the magic numbers.
#include <zstdio/format.hpp>

#define BOOST_TEST_MODULE format
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <string>

using namespace zstdio_test;
using zstdio::data_format;
using zstdio::detect_format;

namespace {
std::string made_by(const std::string& tool)
{
    temp_dir dir;
    write_file(dir.path("in"), text(1000));
    const command_result r = run(tool + " -c " + quote(dir.path("in")) + " > " + quote(dir.path("out")));
    BOOST_REQUIRE_EQUAL(r.status, 0);
    return read_file(dir.path("out"));
}

bool same(data_format a, data_format b) { return a == b; }
} // namespace

BOOST_AUTO_TEST_CASE(what_the_tools_write_is_recognised)
{
    BOOST_TEST(same(detect_format(made_by("zstd -q")), data_format::zstd));
    BOOST_TEST(same(detect_format(made_by("gzip")), data_format::gzip));
    BOOST_TEST(same(detect_format(made_by("bzip2 -1")), data_format::bzip2));
    BOOST_TEST(same(detect_format(made_by("bzip2 -9")), data_format::bzip2));
    BOOST_TEST(same(detect_format(made_by("xz")), data_format::xz));
    for (const char* level : {"-0", "-6", "-9"})
        BOOST_TEST(same(detect_format(made_by(std::string("xz --format=lzma ") + level)), data_format::lzma));
}

BOOST_AUTO_TEST_CASE(skippable_frames_are_zstd)
{
    for (int low = 0; low < 16; ++low) {
        const std::string skippable{static_cast<char>(0x50 + low), 0x2A, 0x4D, 0x18};
        BOOST_TEST(same(detect_format(skippable), data_format::zstd));
    }
    BOOST_TEST(same(detect_format(std::string("\x60\x2A\x4D\x18", 4)), data_format::unknown));
}

BOOST_AUTO_TEST_CASE(too_few_bytes_or_no_match_is_unknown)
{
    BOOST_TEST(same(detect_format(""), data_format::unknown));
    BOOST_TEST(same(detect_format("\x28\xB5\x2F"), data_format::unknown));
    BOOST_TEST(same(detect_format("\xFD" "7zXZ"), data_format::unknown));
    BOOST_TEST(same(detect_format("BZh"), data_format::unknown));
    BOOST_TEST(same(detect_format("hello, world"), data_format::unknown));
    BOOST_TEST(same(detect_format("\x1F"), data_format::unknown));
    BOOST_TEST(same(detect_format("\x1F\x8B"), data_format::gzip));
}

BOOST_AUTO_TEST_CASE(magic_prefix_says_when_more_bytes_could_tell)
{
    BOOST_TEST(zstdio::detail::magic_prefix(""));
    BOOST_TEST(zstdio::detail::magic_prefix("\x28\xB5"));
    BOOST_TEST(zstdio::detail::magic_prefix("\xFD" "7zX"));
    BOOST_TEST(zstdio::detail::magic_prefix("B"));
    BOOST_TEST(!zstdio::detail::magic_prefix("\x1F\x8B")); // complete
    BOOST_TEST(!zstdio::detail::magic_prefix("he"));
    BOOST_TEST(!zstdio::detail::magic_prefix(std::string("\x28\xB5\x2F\x00", 4)));
}

BOOST_AUTO_TEST_CASE(names)
{
    BOOST_TEST(std::string(zstdio::format_name(data_format::zstd)) == "zstd");
    BOOST_TEST(std::string(zstdio::format_name(data_format::gzip)) == "gzip");
    BOOST_TEST(std::string(zstdio::format_name(data_format::bzip2)) == "bzip2");
    BOOST_TEST(std::string(zstdio::format_name(data_format::xz)) == "xz");
    BOOST_TEST(std::string(zstdio::format_name(data_format::lzma)) == "lzma");
    BOOST_TEST(std::string(zstdio::format_name(data_format::unknown)) == "unknown");
}
