// zstdio tests — whole strings through the filters, in each direction of a
// Boost.Iostreams chain: the shortest way for a test to say "this input
// through zstd_compressor / zstd_decompressor (or a decompressobj) with
// these params"; and a source that hands its bytes out in small pieces.
//
// Header-only, like thrown.hpp: include it in a test program.
#ifndef ZSTDIO_TEST_SUPPORT_FILTERS_HPP
#define ZSTDIO_TEST_SUPPORT_FILTERS_HPP

#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/params.hpp>

#include <boost/iostreams/close.hpp>
#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace zstdio_test {

/// A Boost.Iostreams source over `data` (which must outlive it) that gives
/// at most `chunk` bytes per read, so that headers and frames fall across a
/// decoder's input windows.
class chunked_source {
public:
    using char_type = char;
    using category = boost::iostreams::source_tag;
    chunked_source(const std::string& data, std::size_t chunk) : data_(&data), chunk_(chunk) {}
    std::streamsize read(char* s, std::streamsize n)
    {
        if (pos_ == data_->size())
            return -1;
        const std::size_t k = std::min({static_cast<std::size_t>(n), chunk_, data_->size() - pos_});
        std::copy_n(data_->data() + pos_, k, s);
        pos_ += k;
        return static_cast<std::streamsize>(k);
    }

private:
    const std::string* data_;
    std::size_t chunk_;
    std::size_t pos_ = 0;
};

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

/// `frames` given `chunk` bytes at a time to a decompressobj (reading
/// across frames), then finish(): errors propagate.
inline std::string object_decompress(const std::string& frames, const zstdio::zstd_params& p, std::size_t chunk)
{
    zstdio::decompressor d(p);
    zstdio::decompression_object o = d.decompressobj(true);
    std::string out;
    for (std::size_t at = 0; at < frames.size(); at += chunk)
        out += o.decompress(std::string_view(frames).substr(at, chunk));
    o.finish();
    return out;
}

} // namespace zstdio_test

#endif
