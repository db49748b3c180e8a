// Tests for zstdio/error.hpp.
#include <zstdio/error.hpp>

#define BOOST_TEST_MODULE error
#include <boost/test/unit_test.hpp>

#include <zstdio/compressor.hpp>

#include <ios>

BOOST_AUTO_TEST_CASE(zstd_error_is_an_iostreams_failure_with_a_code)
{
    try {
        zstdio::decompress("not zstd at all");
        BOOST_FAIL("no exception");
    } catch (const std::ios_base::failure& e) { // as gzip_error
        const auto* z = dynamic_cast<const zstdio::zstd_error*>(&e);
        BOOST_REQUIRE(z);
        BOOST_TEST(z->code().category().name() == std::string("zstd"));
        BOOST_TEST(z->code() == zstdio::errc::not_zstd_frame);
        BOOST_TEST(std::string(e.what()).find("not a zstd frame") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(category_messages)
{
    const auto& cat = zstdio::zstd_category();
    BOOST_TEST(cat.message(static_cast<int>(zstdio::errc::truncated_input)).find("ended") != std::string::npos);
    BOOST_TEST(cat.message(static_cast<int>(zstdio::errc::checksum_wrong)).find("checksum") != std::string::npos);
    BOOST_TEST(!cat.message(static_cast<int>(zstdio::errc::corruption_detected)).empty());
    const std::error_code ec = zstdio::errc::output_limit_exceeded; // implicit, via is_error_code_enum
    BOOST_TEST(ec.message().find("max_output_size") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(what_is_the_message_given)
{
    const zstdio::zstd_error e(zstdio::errc::bad_argument, "something precise");
    BOOST_TEST(std::string(e.what()) == "something precise");
    BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(zstdio::errc::bad_argument));
}
