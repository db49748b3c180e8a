#define BOOST_TEST_MODULE smoke
#include <zstdio.hpp>
#include <boost/test/unit_test.hpp>
BOOST_AUTO_TEST_CASE(round_trip) { BOOST_TEST(zstdio::decompress(zstdio::compress("hello")) == "hello"); }
