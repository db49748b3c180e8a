// Tests for zstdio/error.hpp.
#include <zstdio/error.hpp>

#define BOOST_TEST_MODULE error
#include <boost/test/unit_test.hpp>

#include <zstdio/compressor.hpp>

#include <boost/exception/exception.hpp>

#include <ios>
#include <stdexcept>
#include <string>

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

// Misuse is std::invalid_argument, and every value out of its bounds is
// worded the same way, naming it as the user wrote it.
BOOST_AUTO_TEST_CASE(out_of_range_arguments_share_one_wording)
{
    const auto message = [](auto&& f) -> std::string {
        try {
            f();
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "no std::invalid_argument";
    };
    const std::string levels =
        "[" + std::to_string(zstdio::min_compression_level()) + ", " + std::to_string(zstdio::max_compression_level()) + "]";
    BOOST_TEST(message([] { zstdio::compressor c(zstdio::zstd_params(99)); }) ==
               "zstdio: compression level = 99 is out of range " + levels);
    const auto w = zstdio::compression_parameters::bounds(zstdio::compression_parameters::knob::window_log);
    const std::string windows = "[" + std::to_string(w.min) + ", " + std::to_string(w.max) + "]"; // [10, 31] on 64-bit
    BOOST_TEST(message([] { zstdio::estimate_decompression_context_size(99); }) ==
               "zstdio: window_log = 99 is out of range " + windows);
    BOOST_TEST(message([] { zstdio::compression_parameters().window_log(99); }) ==
               "zstdio: window_log = 99 is out of range " + windows);
    BOOST_TEST(message([] {
                   zstdio::zstd_params p;
                   p.window_log_max = 99;
                   zstdio::decompressor d(p);
               }) == "zstdio: window_log_max = 99 is out of range " + windows);
    BOOST_TEST(zstdio::detail::out_of_range_message("x", -1, 0, 4) == "zstdio: x = -1 is out of range [0, 4]");
}

// Every exception leaves zstdio through boost::throw_exception, as Boost's
// own gzip_error does, so it is also a boost::exception
// (boost::diagnostic_information, error_info).
BOOST_AUTO_TEST_CASE(thrown_through_boost_throw_exception)
{
    try {
        zstdio::decompress("not zstd at all");
        BOOST_FAIL("no exception");
    } catch (const zstdio::zstd_error& e) {
        BOOST_TEST(dynamic_cast<const boost::exception*>(&e) != nullptr);
    }
    try {
        zstdio::compressor c(zstdio::zstd_params(99));
        BOOST_FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(dynamic_cast<const boost::exception*>(&e) != nullptr);
    }
}
