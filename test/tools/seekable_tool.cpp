// seekable_tool — zstdio's seekable reader and seek_table writer on the
// command line, for scripts/seekable-contrib.sh (interoperability with zstd's
// contrib seekable library).  Not the shipped CLI.
//
//   seekable_tool gen lines|letters SIZE SEED      test input on stdout (the
//                                                  same bytes test/seekable.cpp makes)
//   seekable_tool write IN OUT FRAME_SIZE [MODE]   frames of FRAME_SIZE bytes by
//                                                  zstdio::compressor, then the seek
//                                                  table; MODE: checksum (default:
//                                                  frames and table), none (neither),
//                                                  table (table only, computed by
//                                                  seek_table::content_checksum)
//   seekable_tool compress IN OUT FRAME_SIZE THREADS [nochecksum]
//                                                  seekable_compressor (threads =
//                                                  THREADS) in a filtering_ostream
//                                                  to a file_sink, IN written in
//                                                  pieces of 100000 bytes
//   seekable_tool index IN OUT                     OUT = IN (any zstd frames) and the
//                                                  seek table seek_table::index() builds
//   seekable_tool read IN START END                content [START, END) on stdout (read_at)
//   seekable_tool cat IN                           all content on stdout (a Boost stream)
//   seekable_tool info IN                          frames, checksums, sizes; verify()
//
// Exit status: 0, 1 for an error (message on stderr), 2 for bad usage.
#include <zstdio/compressor.hpp>
#include <zstdio/seekable.hpp>

#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <boost/iostreams/stream.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

namespace io = boost::iostreams;

namespace {

// Keep in step with contrib_input() in test/seekable.cpp.
std::string generate(const std::string& kind, std::size_t size, std::uint32_t seed)
{
    std::string s;
    if (kind == "lines") {
        for (std::uint32_t i = 1; s.size() < size; ++i)
            s += std::to_string(i) + " the quick brown fox jumps over the lazy dog\n";
    } else if (kind == "letters") {
        std::uint32_t x = seed;
        while (s.size() < size) {
            x = x * 1103515245u + 12345u;
            s.push_back("abcdefgh"[(x >> 16) & 7]);
        }
    } else {
        throw std::invalid_argument("gen: unknown kind " + kind);
    }
    s.resize(size);
    return s;
}

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_out(const std::string& bytes)
{
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size())
        throw std::runtime_error("cannot write to stdout");
}

std::uint32_t last_le32(const std::string& frame)
{
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i)
        v |= std::uint32_t{static_cast<unsigned char>(frame[frame.size() - 4 + i])} << (8 * i);
    return v;
}

int usage()
{
    std::fprintf(stderr, "usage: seekable_tool gen|write|index|read|cat|info ... (see the source's header)\n");
    return 2;
}

int run(int argc, char** argv)
{
    if (argc < 3)
        return usage();
    const std::string command = argv[1];
    if (command == "gen" && argc == 5) {
        write_out(generate(argv[2], std::stoull(argv[3]), static_cast<std::uint32_t>(std::stoul(argv[4]))));
    } else if (command == "write" && (argc == 5 || argc == 6)) {
        const std::string mode = argc == 6 ? argv[5] : "checksum";
        if (mode != "checksum" && mode != "none" && mode != "table")
            return usage();
        const std::string data = slurp(argv[2]);
        const std::size_t frame_size = std::stoull(argv[4]);
        if (frame_size == 0)
            return usage();
        zstdio::zstd_params p;
        p.checksum = mode == "checksum";
        zstdio::compressor c(p);
        zstdio::seek_table table;
        std::string out;
        for (std::size_t at = 0; at < data.size(); at += frame_size) {
            const std::string_view chunk = std::string_view(data).substr(at, frame_size);
            const std::string frame = c.compress(chunk);
            std::optional<std::uint32_t> checksum;
            if (mode == "checksum")
                checksum = last_le32(frame);
            else if (mode == "table")
                checksum = zstdio::seek_table::content_checksum(chunk);
            table.add_frame(frame.size(), chunk.size(), checksum);
            out += frame;
        }
        out += table.serialize();
        std::ofstream f(argv[3], std::ios::binary);
        if (!f.write(out.data(), static_cast<std::streamsize>(out.size())) || !f.flush())
            throw std::runtime_error(std::string("cannot write ") + argv[3]);
    } else if (command == "compress" && (argc == 6 || (argc == 7 && std::string(argv[6]) == "nochecksum"))) {
        const std::string data = slurp(argv[2]);
        zstdio::zstd_params p;
        p.threads = std::stoi(argv[5]);
        p.checksum = argc == 6;
        boost::iostreams::filtering_ostream out;
        out.push(zstdio::seekable_compressor(p, std::stoull(argv[4])));
        out.push(boost::iostreams::file_sink(argv[3], std::ios::binary));
        for (std::size_t at = 0; at < data.size(); at += 100000)
            out.write(data.data() + at, static_cast<std::streamsize>(std::min<std::size_t>(100000, data.size() - at)));
        boost::iostreams::close(out); // throws what the filter throws
    } else if (command == "index" && argc == 4) {
        const std::string frames = slurp(argv[2]);
        const std::string out = frames + zstdio::seek_table::index(frames).serialize();
        std::ofstream f(argv[3], std::ios::binary);
        if (!f.write(out.data(), static_cast<std::streamsize>(out.size())) || !f.flush())
            throw std::runtime_error(std::string("cannot write ") + argv[3]);
    } else if (command == "read" && argc == 5) {
        const zstdio::seekable_source src{std::string(argv[2])};
        const std::uint64_t start = std::stoull(argv[3]), end = std::stoull(argv[4]);
        std::string buf(end > start ? static_cast<std::size_t>(end - start) : 0, '\0');
        buf.resize(src.read_at(start, buf.data(), buf.size()));
        write_out(buf);
    } else if (command == "cat" && argc == 3) {
        io::stream<zstdio::seekable_source> in{zstdio::seekable_source(std::string(argv[2]))};
        std::cout << in.rdbuf();
        if (in.bad())
            throw std::runtime_error("reading failed");
    } else if (command == "info" && argc == 3) {
        const zstdio::seekable_source src{std::string(argv[2])};
        const zstdio::seek_table& t = src.table();
        std::printf("seek table: %s\nframes: %zu\nchecksums: %s\ncompressed: %llu\ndecompressed: %llu\n",
                    src.has_seek_table() ? "yes" : "no (indexed)", t.frame_count(),
                    t.has_checksums() ? "yes" : "no", static_cast<unsigned long long>(t.compressed_size()),
                    static_cast<unsigned long long>(t.decompressed_size()));
        src.verify();
        std::printf("verified: yes\n");
    } else {
        return usage();
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "seekable_tool: %s\n", e.what());
        return 1;
    }
}
