// zstdio — a consumer of the installed package (find_package, add_subdirectory
// and pkg-config builds in ./build.sh test): compresses through a
// filtering_ostream, reads back through a filtering_istream, checks the
// bytes, and uses the compiled library (one-shot calls, errors).
#include <zstdio.hpp>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <iostream>
#include <string>

namespace io = boost::iostreams;

int main()
{
    std::string data;
    for (int i = 0; i < 20000; ++i)
        data += "line " + std::to_string(i) + ": the quick brown fox jumps over the lazy dog\n";

    std::string packed;
    {
        io::filtering_ostream out;
        out.push(zstdio::zstd_compressor(zstdio::zstd_params(19)));
        out.push(io::back_inserter(packed));
        out << data;
    }
    std::string unpacked;
    {
        io::filtering_istream in;
        in.push(zstdio::zstd_decompressor());
        in.push(io::array_source(packed.data(), packed.size()));
        io::copy(in, io::back_inserter(unpacked));
    }
    if (unpacked != data || packed.size() >= data.size() / 10) {
        std::cerr << "consumer: round trip through the filters failed\n";
        return 1;
    }
    const std::string frame = zstdio::compress(data);
    if (zstdio::decompress(frame) != data) {
        std::cerr << "consumer: one-shot round trip failed\n";
        return 1;
    }
    try {
        zstdio::decompress(frame.substr(0, frame.size() / 2));
        std::cerr << "consumer: a truncated frame was accepted\n";
        return 1;
    } catch (const zstdio::zstd_error& e) {
        std::cout << "consumer: ok (" << data.size() << " -> " << packed.size()
                  << " bytes; truncated input: " << e.what() << ")\n";
    }
    return 0;
}
