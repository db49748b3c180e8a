// Reading whatever a directory of logs holds: .gz, .xz, .bz2, .zst, plain,
// or several of those concatenated, with one reader.
//
//     zstdio::ifstream in(path);                  // any format, by its magic number
//     while (std::getline(in, line)) ...          // a std::istream
//     if (in.bad()) ... in.last_error()->what()   // truncated, corrupt, unknown
//
// In a Boost.Iostreams chain the same decoder is zstdio::auto_decompressor;
// zstdio::ofstream writes zstd.  This program writes a few files, reads them
// back and checks every line.
#include <zstdio/auto_decompressor.hpp>
#include <zstdio/fstream.hpp>

#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <unistd.h> // getpid, for unique temporary names

namespace io = boost::iostreams;
namespace fs = std::filesystem;

namespace {

std::string log_lines(int from, int to)
{
    std::string s;
    for (int i = from; i < to; ++i)
        s += "GET /page/" + std::to_string(i) + " 200\n";
    return s;
}

// Writes `text` through Boost's own compressor: what older programs wrote.
template <class Compressor>
void boost_write(const std::string& path, const std::string& text, Compressor c, std::ios::openmode mode = {})
{
    io::filtering_ostream out;
    out.push(c);
    out.push(io::file_sink(path, std::ios::binary | mode));
    out << text;
    io::close(out);
}

// Counts the lines of `path`, whatever its format; -1 and a message when the
// file cannot be read to its end.
long count_lines(const std::string& path, bool pass_through = false)
{
    zstdio::ifstream in(path, {}, pass_through);
    if (!in.is_open()) {
        std::cerr << path << ": cannot open\n";
        return -1;
    }
    long lines = 0;
    std::string line;
    while (std::getline(in, line))
        ++lines;
    if (in.bad()) { // never a clean end of file for damaged data
        std::cout << fs::path(path).filename().string() << ": " << in.last_error()->what() << "\n";
        return -1;
    }
    return lines;
}

} // namespace

int main()
{
    const fs::path dir = fs::temp_directory_path() / ("zstdio-read-anything-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string old_log = (dir / "old.log.gz").string(), new_log = (dir / "new.log.zst").string(),
                      mixed = (dir / "mixed.log").string(), plain = (dir / "plain.log").string();

    boost_write(old_log, log_lines(0, 1000), io::gzip_compressor());
    {
        zstdio::ofstream out(new_log, 19); // zstd, level 19
        out << log_lines(1000, 3000);
    } // closing ends the frame (call close() to see errors)
    // A file that grew by appending: gzip, then zstd, then bzip2 members.
    fs::copy_file(old_log, mixed);
    {
        std::ofstream append(mixed, std::ios::binary | std::ios::app);
        std::ifstream zst(new_log, std::ios::binary);
        append << zst.rdbuf();
    }
    boost_write(mixed, log_lines(3000, 3500), io::bzip2_compressor(), std::ios::app);
    std::ofstream(plain) << log_lines(0, 10);

    bool ok = true;
    auto expect = [&](const char* what, long got, long want) {
        std::cout << what << ": " << got << " lines\n";
        ok = ok && got == want;
    };
    expect("old.log.gz", count_lines(old_log), 1000);
    expect("new.log.zst", count_lines(new_log), 2000);
    expect("mixed.log (gzip + zstd + bzip2)", count_lines(mixed), 3500);
    expect("plain.log, pass_through", count_lines(plain, true), 10);
    expect("plain.log, strict", count_lines(plain), -1); // unknown format: an error

    // A copy cut short: reading stops with an error, never a clean end.
    fs::copy_file(new_log, dir / "cut.zst");
    fs::resize_file(dir / "cut.zst", fs::file_size(new_log) - 10);
    expect("cut.zst", count_lines((dir / "cut.zst").string()), -1);

    // The same decoder in a Boost.Iostreams chain.
    io::filtering_istream chain;
    chain.push(zstdio::auto_decompressor());
    chain.push(io::file_source(mixed, std::ios::binary));
    std::string first;
    std::getline(chain, first);
    std::cout << "first line of mixed.log: " << first << "\n";
    ok = ok && first == "GET /page/0 200";

    fs::remove_all(dir);
    std::cout << (ok ? "all files read as expected\n" : "MISMATCH\n");
    return ok ? 0 : 1;
}
