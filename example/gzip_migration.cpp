// Moving from Boost's gzip filters to zstd: the two-line change.
//
// A program that writes and reads a compressed file through
// boost::iostreams chains changes exactly two lines:
//
//     #include <boost/iostreams/filter/gzip.hpp>   ->  #include <zstdio/filter.hpp>
//     io::gzip_compressor() / gzip_decompressor()  ->  zstdio::zstd_compressor() / zstd_decompressor()
//
// Everything else (filtering_ostream, push, file_sink, copy, close) stays.
// This program does both, side by side, and checks the round trips.
#include <boost/iostreams/filter/gzip.hpp> // before
#include <zstdio/filter.hpp>               // after

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>

#include <unistd.h> // getpid, for unique temporary names

namespace io = boost::iostreams;

// The code a user already has, written once for any compressor filter.
template <class Compressor>
void save(const std::string& path, const std::string& text, Compressor compressor)
{
    io::filtering_ostream out;
    out.push(compressor);
    out.push(io::file_sink(path, std::ios::binary));
    out << text;
    io::close(out); // ends the frame (gzip: the member); reports errors
}

template <class Decompressor>
std::string load(const std::string& path, Decompressor decompressor)
{
    io::filtering_istream in;
    in.push(decompressor);
    in.push(io::file_source(path, std::ios::binary));
    std::ostringstream text;
    io::copy(in, text); // copy() lets a decompression error through as an exception
    return text.str();
}

int main()
{
    std::string text;
    for (int i = 0; i < 20000; ++i)
        text += "line " + std::to_string(i) + ": the quick brown fox jumps over the lazy dog\n";

    const auto dir = std::filesystem::temp_directory_path();
    const std::string gz = (dir / ("zstdio-migration-" + std::to_string(::getpid()) + ".gz")).string();
    const std::string zst = (dir / ("zstdio-migration-" + std::to_string(::getpid()) + ".zst")).string();

    save(gz, text, io::gzip_compressor());        // before
    save(zst, text, zstdio::zstd_compressor());   // after (level 3, checksum on)

    const bool ok = load(gz, io::gzip_decompressor()) == text && load(zst, zstdio::zstd_decompressor()) == text;
    std::cout << "text: " << text.size() << " bytes, gzip: " << std::filesystem::file_size(gz)
              << " bytes, zstd: " << std::filesystem::file_size(zst) << " bytes\n";

    // Levels map too: io::gzip::best_compression -> zstdio::zstd::best_compression.
    save(zst, text, zstdio::zstd_compressor(zstdio::zstd::best_speed));
    const bool ok_fast = load(zst, zstdio::zstd_decompressor()) == text;

    std::remove(gz.c_str());
    std::remove(zst.c_str());
    if (!ok || !ok_fast) {
        std::cerr << "gzip_migration: round trip FAILED\n";
        return 1;
    }
    std::cout << "both round trips ok\n";
    return 0;
}
