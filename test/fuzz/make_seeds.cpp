// Writes the seed corpora of the fuzz targets (not committed: scripts/fuzz.sh
// runs this before fuzzing).  Usage: make_seeds OUT_DIR GOLDEN_DIR
//
// Each target reads `payload | options` (see fuzz_common.hpp); a seed is a
// payload made here (frames of every shape the library writes, zstd's golden
// files, hand-made hostile frames) followed by a few option variants.
#include <zstdio.hpp>

#include "../support/support.hpp"

#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace io = boost::iostreams;
namespace fs = std::filesystem;
using zstdio_test::random_bytes;
using zstdio_test::repetitive;
using zstdio_test::text;

namespace {

constexpr std::size_t max_payload = 12000;

std::string streamed(const std::string& data, zstdio::zstd_params p)
{
    std::string frame;
    io::filtering_ostream out;
    out.push(zstdio::zstd_compressor(p));
    out.push(io::back_inserter(frame));
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    out.reset();
    return frame;
}

void le32(std::string& s, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        s.push_back(static_cast<char>(v >> (8 * i)));
}

// A frame of `blocks` RLE blocks of 128 KiB each (4 bytes per block), with an
// optional (possibly lying) content size: small input, large output.
std::string rle_frame(unsigned blocks, std::optional<std::uint64_t> content_size, int window_log = 17)
{
    std::string f(zstdio::frame_header);
    if (content_size) {
        f.push_back(static_cast<char>(3 << 6)); // 8-byte content size, not single segment
        f.push_back(static_cast<char>((window_log - 10) << 3));
        for (int i = 0; i < 8; ++i)
            f.push_back(static_cast<char>(*content_size >> (8 * i)));
    } else {
        f.push_back(0);
        f.push_back(static_cast<char>((window_log - 10) << 3));
    }
    for (unsigned b = 0; b < blocks; ++b) {
        const std::uint32_t header = (b + 1 == blocks ? 1u : 0u) | (1u << 1) | (131072u << 3);
        f.push_back(static_cast<char>(header));
        f.push_back(static_cast<char>(header >> 8));
        f.push_back(static_cast<char>(header >> 16));
        f.push_back('z');
    }
    return f;
}

std::string skippable(std::size_t size)
{
    std::string f;
    le32(f, zstdio::skippable_magic_start + 3);
    le32(f, static_cast<std::uint32_t>(size));
    f += std::string(size, 's');
    return f;
}

struct corpus {
    fs::path dir;
    std::size_t option_bytes;
    int count = 0;

    // Writes the payload with all-zero options and with a few option patterns.
    void add(const std::string& payload)
    {
        const std::string p = payload.substr(0, max_payload);
        static const unsigned char patterns[][4] = {{0, 0, 0, 0}, {1, 0x40, 7, 0x11}, {2, 3, 0xff, 0x80},
                                                    {6, 0x10, 0x20, 0x30}};
        for (const auto& pat : patterns) {
            std::string seed = p;
            for (std::size_t i = 0; i < option_bytes; ++i)
                seed.push_back(static_cast<char>(pat[i % 4] + i * 13 * (pat[0] != 0)));
            const fs::path file = dir / ("seed-" + std::to_string(count++));
            std::FILE* f = std::fopen(file.c_str(), "wb");
            std::fwrite(seed.data(), 1, seed.size(), f);
            std::fclose(f);
        }
    }
};

std::vector<std::string> frames()
{
    std::vector<std::string> out;
    const std::string small_text = text(3000, 7);
    const std::string inputs[] = {"", "a", text(1000, 1), random_bytes(700, 2), repetitive(9000)};
    for (const auto& data : inputs)
        for (int level : {-5, 1, 3, 19}) {
            zstdio::zstd_params p(level);
            out.push_back(zstdio::compress(data, p));
            p.checksum = false;
            out.push_back(streamed(data, p)); // no content size
        }
    zstdio::zstd_params no_flags;
    no_flags.content_size = false;
    no_flags.checksum = false;
    out.push_back(zstdio::compress(small_text, no_flags));
    // Several frames, skippable frames, trailing garbage, truncations.
    const std::string a = zstdio::compress(text(500, 3)), b = zstdio::compress(random_bytes(300, 4));
    out.push_back(a + b);
    out.push_back(skippable(10) + a + skippable(0) + b);
    out.push_back(a + "garbage");
    out.push_back(a.substr(0, a.size() / 2));
    out.push_back(a.substr(0, 5));
    out.push_back(skippable(20).substr(0, 12));
    // Magicless.
    zstdio::zstd_params magicless;
    magicless.advanced = zstdio::compression_parameters().format(zstdio::frame_format::magicless);
    out.push_back(zstdio::compress(small_text, magicless));
    // With a dictionary (raw content) and with a large window.
    zstdio::zstd_params with_dict;
    with_dict.dict = zstdio::zstd_dict(text(2000, 9), zstdio::dict_type::raw_content);
    out.push_back(zstdio::compress(text(2000, 9).substr(100, 900), with_dict));
    zstdio::zstd_params big_window;
    big_window.advanced = zstdio::compression_parameters().window_log(27).force_max_window(true);
    out.push_back(streamed(small_text, big_window));
    // Hostile: RLE bombs, a lying content size, a huge window.
    out.push_back(rle_frame(200, std::nullopt));
    out.push_back(rle_frame(200, std::uint64_t{1} << 32));
    out.push_back(rle_frame(3, std::uint64_t{5}));
    out.push_back(rle_frame(2, std::nullopt, 31));
    return out;
}

// Seekable files: frames of `frame_size` bytes and their seek table (with the
// frames' checksums, or none), and the same frames without a table.
std::string seekable(const std::string& data, std::size_t frame_size, zstdio::zstd_params p, bool table = true)
{
    zstdio::compressor c(p);
    zstdio::seek_table t;
    std::string out;
    for (std::size_t at = 0; at < data.size(); at += frame_size) {
        const std::string chunk = data.substr(at, frame_size);
        const std::string frame = c.compress(chunk);
        std::optional<std::uint32_t> checksum;
        if (p.checksum)
            checksum = zstdio::seek_table::content_checksum(chunk);
        t.add_frame(frame.size(), chunk.size(), checksum);
        out += frame;
    }
    return table ? out + t.serialize() : out;
}

std::vector<std::string> seekable_files()
{
    std::vector<std::string> out;
    const std::string data = text(6000, 31), noise = random_bytes(2000, 32);
    zstdio::zstd_params sums, bare;
    bare.checksum = false;
    bare.content_size = false;
    out.push_back(seekable(data, 1000, sums));
    out.push_back(seekable(data, 700, bare));
    out.push_back(seekable(noise, 500, sums));
    out.push_back(seekable(data + noise, 4000, bare));
    out.push_back(seekable(data, 1, bare).substr(0, 12000));
    out.push_back(seekable("", 100, sums));
    out.push_back(seekable(data, 1500, sums, false));
    out.push_back(seekable(data, 1500, bare, false) + skippable(5) + zstdio::compress(noise));
    // Tables that lie: a size moved between two frames, a wrong checksum.
    std::string lie = seekable(data, 1000, bare);
    const std::size_t entries = lie.size() - 9 - 6 * 8;
    lie[entries + 4] = static_cast<char>(lie[entries + 4] + 1);
    lie[entries + 12] = static_cast<char>(lie[entries + 12] - 1);
    out.push_back(lie);
    std::string bad_sum = seekable(data, 1000, sums);
    bad_sum[bad_sum.size() - 9 - 4] ^= 0x10;
    out.push_back(bad_sum);
    // The files zstd's contrib library made (test/data/seekable/), when run
    // from the repository.
    if (fs::is_directory("test/data/seekable"))
        for (const auto& f : zstdio_test::list_files("test/data/seekable"))
            if (f.size() > 4 && f.compare(f.size() - 4, 4, ".zst") == 0)
                out.push_back(zstdio_test::read_file(f));
    return out;
}

// `data` compressed by one of Boost.Iostreams' compressors.
template <class Compressor>
std::string boost_compressed(const std::string& data, Compressor c)
{
    std::string out;
    io::filtering_ostream os;
    os.push(c);
    os.push(io::back_inserter(out));
    os.write(data.data(), static_cast<std::streamsize>(data.size()));
    os.reset();
    return out;
}

// `data` as legacy .lzma, by `xz --format=lzma` (empty when xz is missing).
std::string lzma_alone(const std::string& data)
{
    zstdio_test::temp_dir dir;
    zstdio_test::write_file(dir.path("in"), data);
    if (zstdio_test::run("xz --format=lzma -c " + zstdio_test::quote(dir.path("in")) + " > " +
                         zstdio_test::quote(dir.path("out")))
            .status != 0)
        return {};
    return zstdio_test::read_file(dir.path("out"));
}

// Members of every format auto_decompressor tells apart, alone, mixed, cut
// short, and plain data for pass-through.
std::vector<std::string> members_of_every_format(const std::vector<std::string>& zstd_frames)
{
    std::vector<std::string> out;
    for (const std::string& data : {std::string(), std::string("a"), text(2000, 31), random_bytes(500, 32)}) {
        const std::string gz = boost_compressed(data, io::gzip_compressor());
        const std::string bz = boost_compressed(data, io::bzip2_compressor());
        const std::string xz = boost_compressed(data, io::lzma_compressor());
        const std::string lz = lzma_alone(data);
        const std::string zs = zstdio::compress(data);
        for (const std::string& m : {gz, bz, xz, lz}) {
            out.push_back(m);
            out.push_back(m.substr(0, m.size() / 2)); // cut short
        }
        out.push_back(gz + zs + xz);
        out.push_back(zs + bz + lz + gz);
        out.push_back(gz + data);
    }
    for (std::size_t i = 0; i < zstd_frames.size(); i += 4)
        out.push_back(boost_compressed(text(300, 33), io::gzip_compressor()) + zstd_frames[i]);
    out.push_back(text(1000, 34)); // no format: pass-through
    out.push_back("\x1f");
    out.push_back("BZh");
    return out;
}

std::vector<std::string> golden_files(const fs::path& golden, std::initializer_list<const char*> dirs)
{
    std::vector<std::string> out;
    for (const char* d : dirs)
        for (const auto& f : zstdio_test::list_files((golden / d).string()))
            out.push_back(zstdio_test::read_file(f));
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: make_seeds OUT_DIR GOLDEN_DIR\n");
        return 2;
    }
    const fs::path root = argv[1], golden = argv[2];
    auto make = [&](const char* name, std::size_t option_bytes) {
        fs::create_directories(root / name);
        return corpus{root / name, option_bytes};
    };

    const std::vector<std::string> made = frames();
    const std::vector<std::string> golden_frames =
        golden_files(golden, {"golden-decompression", "golden-decompression-errors"});
    for (auto [name, options] : {std::pair{"filter_decompress", 13}, std::pair{"oneshot_decompress", 12},
                                 std::pair{"frame_inspect", 1}, std::pair{"decompressobj", 11}}) {
        corpus c = make(name, options);
        for (const auto& f : made)
            c.add(f);
        for (const auto& f : golden_frames)
            c.add(f);
    }

    corpus any = make("auto_decompressor", 14);
    for (const auto& m : members_of_every_format(made))
        any.add(m);
    for (std::size_t i = 0; i < made.size(); i += 2)
        any.add(made[i]);

    // segments: [table of `count` (offset, length) u64 pairs] bytes | options;
    // all-zero options mean no table, so the bytes are frames for from_frames.
    corpus segs = make("segments", 8);
    std::string all;
    for (std::size_t i = 0; i < made.size() && all.size() < 6000; ++i)
        if (made[i].size() < 1500)
            all += made[i];
    segs.add(all);
    segs.add(made[0] + made[1] + made[2]);
    {
        std::string table;
        for (std::uint64_t v : {0, 5, 5, 10, 100, 0, 3, 7})
            for (int i = 0; i < 8; ++i)
                table.push_back(static_cast<char>(v >> (8 * i)));
        segs.add(table + text(300, 21));
    }

    // seekable_source: seekable files, files without a table, lying tables,
    // and the plain frames above.
    corpus seek = make("seekable_source", 8);
    for (const auto& f : seekable_files())
        seek.add(f);
    for (std::size_t i = 0; i < made.size(); i += 3)
        seek.add(made[i]);

    corpus dicts = make("dictionary", 8);
    for (const auto& d : golden_files(golden, {"golden-dictionaries", "dict-files"}))
        dicts.add(d + text(400, 5));
    dicts.add(text(4000, 11));
    dicts.add(random_bytes(2000, 12));

    corpus trips = make("round_trip", 64);
    for (const auto& d : golden_files(golden, {"golden-compression"}))
        trips.add(d);
    trips.add("");
    trips.add(text(5000, 13));
    trips.add(random_bytes(3000, 14));
    trips.add(repetitive(10000));

    std::printf("seed corpora written to %s\n", root.c_str());
    return 0;
}
