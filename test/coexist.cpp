// zstdio and Boost's own level-only zstd filter in one translation unit.
#include <zstdio.hpp>
#include <boost/iostreams/filter/zstd.hpp>

#define BOOST_TEST_MODULE coexist
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <boost/iostreams/compose.hpp>
#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

namespace io = boost::iostreams;

BOOST_AUTO_TEST_CASE(both_filters_in_one_translation_unit_interoperate)
{
    const std::string data = zstdio_test::text(200000, 1);
    // Boost's compressor -> our decompressor.
    std::string boost_z;
    {
        io::filtering_ostream os;
        os.push(io::zstd_compressor(io::zstd_params(3)));
        os.push(io::back_inserter(boost_z));
        os << data;
    }
    std::string ours;
    io::copy(io::compose(zstdio::zstd_decompressor(), io::array_source(boost_z.data(), boost_z.size())),
             io::back_inserter(ours));
    BOOST_TEST(ours == data);
    // Our compressor -> Boost's decompressor.
    std::string our_z;
    {
        io::filtering_ostream os;
        os.push(zstdio::zstd_compressor(zstdio::zstd_params(3)));
        os.push(io::back_inserter(our_z));
        os << data;
    }
    std::string theirs;
    io::copy(io::compose(io::zstd_decompressor(), io::array_source(our_z.data(), our_z.size())),
             io::back_inserter(theirs));
    BOOST_TEST(theirs == data);
}

// What Boost 1.81's zstd filter gets wrong and zstdio gets right, side by side.
BOOST_AUTO_TEST_CASE(truncated_stream_boost_returns_prefix_zstdio_throws)
{
    const std::string data = zstdio_test::text(300000, 2);
    const std::string z = zstdio::compress(data);
    const std::string cut = z.substr(0, z.size() / 2);
    std::string boost_out;
    bool boost_threw = false;
    try {
        io::copy(io::compose(io::zstd_decompressor(), io::array_source(cut.data(), cut.size())),
                 io::back_inserter(boost_out));
    } catch (const std::exception&) {
        boost_threw = true;
    }
    BOOST_TEST_MESSAGE("Boost's filter on a truncated stream: " << (boost_threw ? "threw" : "returned a prefix"));
    std::string ours;
    BOOST_CHECK_THROW(io::copy(io::compose(zstdio::zstd_decompressor(), io::array_source(cut.data(), cut.size())),
                               io::back_inserter(ours)),
                      zstdio::zstd_error);
}
