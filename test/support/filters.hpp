// zstdio tests — whole strings through the filters, in each direction of a
// Boost.Iostreams chain: the shortest way for a test to say "this input
// through zstd_compressor / zstd_decompressor with these params".
//
// Header-only, like thrown.hpp: include it in a test program.
#ifndef ZSTDIO_TEST_SUPPORT_FILTERS_HPP
#define ZSTDIO_TEST_SUPPORT_FILTERS_HPP

#include <zstdio/filter.hpp>
#include <zstdio/params.hpp>

#include <boost/iostreams/close.hpp>
#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <string>

namespace zstdio_test {

/// `data` written through a filtering_ostream with a zstd_compressor; the
/// frame is ended by io::close (errors propagate).
inline std::string filter_compress(const std::string& data, const zstdio::zstd_params& p)
{
    namespace io = boost::iostreams;
    std::string out;
    io::filtering_ostream os;
    os.push(zstdio::zstd_compressor(p));
    os.push(io::back_inserter(out));
    os.write(data.data(), static_cast<std::streamsize>(data.size()));
    io::close(os);
    return out;
}

/// `frames` read through a filtering_istream with a zstd_decompressor
/// (io::copy: errors propagate).
inline std::string filter_decompress(const std::string& frames, const zstdio::zstd_params& p)
{
    namespace io = boost::iostreams;
    io::filtering_istream is;
    is.push(zstdio::zstd_decompressor(p));
    is.push(io::array_source(frames.data(), frames.size()));
    std::string out;
    io::copy(is, io::back_inserter(out));
    return out;
}

/// `frames` written through a filtering_ostream with a zstd_decompressor;
/// io::close reports a stream that ends inside a frame.
inline std::string filter_decompress_pushed(const std::string& frames, const zstdio::zstd_params& p)
{
    namespace io = boost::iostreams;
    std::string out;
    io::filtering_ostream os;
    os.push(zstdio::zstd_decompressor(p));
    os.push(io::back_inserter(out));
    os.write(frames.data(), static_cast<std::streamsize>(frames.size()));
    io::close(os);
    return out;
}

} // namespace zstdio_test

#endif
