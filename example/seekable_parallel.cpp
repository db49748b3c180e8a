// Random access and decoding on several cores.
//
// A large log is written as seekable zstd: independent frames of 256 KiB
// and a seek table at the end (any zstd decoder still reads it as ordinary
// frames).  Because the frames are independent, the file can then be
//   - read at any offset, decoding one frame instead of everything before,
//     through seekable_source (a seekable Boost.Iostreams device), and
//   - decoded whole on several threads: zstd_params::threads given to a
//     zstd_decompressor (or any other decoder) decodes the frames on that
//     many workers and delivers them in order, byte for byte what one
//     thread gives.
#include <zstdio/filter.hpp>
#include <zstdio/seekable.hpp>

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <boost/iostreams/stream.hpp>

#include <iostream>
#include <iterator>
#include <string>

namespace io = boost::iostreams;

int main()
{
    // Some content: 20 MB of log lines.
    std::string log;
    for (int i = 0; log.size() < 20'000'000; ++i)
        log += "2026-12-03 12:00:" + std::to_string(i % 60) + " request " + std::to_string(i) + " served in " +
               std::to_string(i % 977) + " us\n";

    // Writing: seekable_compressor is an output filter; threads compress
    // frames in parallel (the bytes are the same for any thread count).
    zstdio::zstd_params params(3);
    params.threads = 2;
    std::string file;
    {
        io::filtering_ostream out;
        out.push(zstdio::seekable_compressor(params, 256 * 1024));
        out.push(io::back_inserter(file));
        out.write(log.data(), static_cast<std::streamsize>(log.size()));
        io::close(out); // the last frame and the seek table
    }

    // Random access: seekg() finds the frame in the table, and a read
    // decodes that one frame.
    zstdio::seekable_source source(io::array_source(file.data(), file.size()));
    io::stream<zstdio::seekable_source> in(source);
    const std::uint64_t offset = 15'000'000;
    in.seekg(static_cast<std::streamoff>(offset));
    std::string line;
    std::getline(in, line);
    const std::string expected_line = log.substr(offset, log.find('\n', offset) - offset);
    if (line != expected_line) {
        std::cerr << "random access read the wrong bytes\n";
        return 1;
    }

    // Decoding it all on two workers: the usual filter, with threads.
    zstdio::zstd_params decoding;
    decoding.threads = 2;
    io::filtering_istream all;
    all.push(zstdio::zstd_decompressor(decoding));
    all.push(io::array_source(file.data(), file.size()));
    const std::string decoded{std::istreambuf_iterator<char>(all), std::istreambuf_iterator<char>()};
    if (decoded != log) {
        std::cerr << "parallel decoding gave other bytes\n";
        return 1;
    }

    std::cout << log.size() << " bytes in " << source.table().frame_count() << " frames, " << file.size()
              << " bytes compressed\n"
              << "at offset " << offset << ": " << line << "\n"
              << "decoded on two workers: identical\n";
    return 0;
}
