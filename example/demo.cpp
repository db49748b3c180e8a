// zstdio demo: zstd through Boost.Iostreams filtering streams, beside Boost's
// own gzip filter on the same data.
//
//   demo                  4 MiB of generated web-server access log
//   demo --size 32        32 MiB of it
//   demo FILE...          the files given, concatenated
//   demo --save FILE      also writes the sample to FILE (to try other tools)
//
// For zstd levels 1, 3 and 19 and for gzip (default level) it compresses the
// sample through a filtering_ostream, reads it back through a
// filtering_istream, checks that every byte came back, and prints the
// compressed size, the ratio and the speed in both directions (MB/s of
// uncompressed data, 1 MB = 10^6 bytes, best of a few runs).
// Exit status: 0 when every round trip matched, 1 otherwise.

#include <zstdio.hpp>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace io = boost::iostreams;

namespace {

// ---------------------------------------------------------------------------
// Sample: an Apache "combined" access log, the kind of data people compress
// every day.  Reproducible (std::mt19937 is fully specified; the draws below
// avoid the implementation-defined distributions).

class access_log {
public:
    explicit access_log(std::uint32_t seed) : rng_(seed)
    {
        for (int i = 0; i < 3000; ++i)
            clients_.push_back(std::to_string(draw(223) + 1) + "." + std::to_string(draw(256)) + "." +
                               std::to_string(draw(256)) + "." + std::to_string(draw(254) + 1));
    }

    std::string generate(std::size_t size)
    {
        std::string out;
        out.reserve(size + 512);
        while (out.size() < size)
            line(out);
        out.resize(size);
        return out;
    }

private:
    std::uint32_t draw(std::uint32_t n) { return static_cast<std::uint32_t>(rng_() % n); }
    // Skewed towards small values: a few clients, pages and agents dominate.
    std::uint32_t skewed(std::uint32_t n) { return static_cast<std::uint32_t>(std::uint64_t{draw(n)} * draw(n) / n); }
    template <std::size_t N>
    const char* pick(const char* const (&items)[N]) { return items[skewed(N)]; }

    void line(std::string& out)
    {
        static const char* const methods[] = {"GET", "GET", "GET", "GET", "GET", "GET", "GET",
                                              "GET", "GET", "POST", "GET", "HEAD"};
        static const char* const sections[] = {
            "/", "/index.html", "/products/", "/api/v1/items/", "/static/js/app.",
            "/static/css/site.", "/images/products/", "/search?q=", "/blog/2026/",
            "/account/orders/", "/cart", "/api/v1/session", "/favicon.ico", "/robots.txt",
            "/docs/getting-started/", "/checkout/payment"};
        static const char* const words[] = {
            "boots", "laptop", "coffee", "garden+chair", "usb-c+cable", "headphones", "desk+lamp",
            "running+shoes", "backpack", "monitor", "keyboard", "water+bottle", "tent", "novel"};
        static const char* const agents[] = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "curl/8.5.0",
            "python-requests/2.32.3",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"};
        static const int statuses[] = {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
                                       304, 304, 404, 301, 302, 500};

        seconds_ += draw(3);
        char when[64];
        std::snprintf(when, sizeof when, "%02u/Nov/2026:%02u:%02u:%02u +0000", 1 + (seconds_ / 86400) % 30,
                      (seconds_ / 3600) % 24, (seconds_ / 60) % 60, seconds_ % 60);

        std::string path = pick(sections);
        if (path.back() == '/' && path.size() > 1)
            path += std::to_string(draw(100000));
        else if (path.back() == '.')
            path += std::to_string(draw(16 * 16 * 16 * 16)) + (path[8] == 'j' ? ".js" : ".css");
        else if (path.back() == '=')
            path += pick(words) + std::string("&page=") + std::to_string(1 + skewed(9));

        const int status = statuses[draw(std::size(statuses))];
        const unsigned bytes = status == 304 ? 0 : status == 200 ? 200 + draw(60000) : 150 + draw(400);
        const std::string referer = draw(5) < 2 ? std::string("-")
                                                : std::string("https://shop.example.com") + pick(sections);

        out += clients_[skewed(static_cast<std::uint32_t>(clients_.size()))];
        out += " - - [";
        out += when;
        out += "] \"";
        out += pick(methods);
        out += ' ';
        out += path;
        out += " HTTP/1.1\" ";
        out += std::to_string(status);
        out += ' ';
        out += std::to_string(bytes);
        out += " \"";
        out += referer;
        out += "\" \"";
        out += pick(agents);
        out += "\"\n";
    }

    std::mt19937 rng_;
    std::vector<std::string> clients_;
    std::uint32_t seconds_ = 0;
};

std::string read_file(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f)
        throw std::runtime_error("cannot open " + path);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// ---------------------------------------------------------------------------
// The round trip, through filtering streams exactly as a user writes it.

template <class Compressor>
std::string compress(const std::string& data, const Compressor& filter)
{
    std::string packed;
    io::filtering_ostream out;
    out.push(filter);
    out.push(io::back_inserter(packed));
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.reset(); // closes the chain: ends the frame (and throws if that fails)
    return packed;
}

template <class Decompressor>
std::string decompress(const std::string& packed, const Decompressor& filter, std::size_t expected)
{
    std::string data;
    data.reserve(expected);
    io::filtering_istream in;
    in.push(filter);
    in.push(io::array_source(packed.data(), packed.size()));
    io::copy(in, io::back_inserter(data)); // propagates zstd_error / gzip_error
    return data;
}

// Best wall time of `run` over a few repetitions (the machine may be busy).
double best_seconds(const std::function<void()>& run)
{
    using clock = std::chrono::steady_clock;
    double best = 1e300, total = 0;
    for (int i = 0; i < 5 && (i == 0 || total < 0.5); ++i) {
        const auto t0 = clock::now();
        run();
        const double s = std::chrono::duration<double>(clock::now() - t0).count();
        best = std::min(best, s);
        total += s;
    }
    return best;
}

struct row {
    std::string codec;
    int level;
    std::size_t compressed;
    double compress_seconds;
    double decompress_seconds;
};

template <class Compressor, class Decompressor>
row measure(const std::string& codec, int level, const std::string& data, const Compressor& c,
            const Decompressor& d)
{
    std::string packed;
    const double cs = best_seconds([&] { packed = compress(data, c); });
    std::string back;
    const double ds = best_seconds([&] { back = decompress(packed, d, data.size()); });
    if (back != data)
        throw std::runtime_error(codec + " level " + std::to_string(level) +
                                 ": the data read back differs from the original");
    return {codec, level, packed.size(), cs, ds};
}

} // namespace

int main(int argc, char** argv)
{
    try {
        std::size_t mib = 4;
        std::vector<std::string> files;
        std::string save;
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--size" && i + 1 < argc) {
                mib = static_cast<std::size_t>(std::stoul(argv[++i]));
                if (mib == 0 || mib > 4096)
                    throw std::invalid_argument("--size takes 1..4096 (MiB)");
            } else if (arg == "--save" && i + 1 < argc) {
                save = argv[++i];
            } else if (arg == "-h" || arg == "--help") {
                std::cout << "usage: demo [--size MiB] [--save FILE] [FILE...]\n";
                return 0;
            } else {
                files.push_back(arg);
            }
        }

        std::string data, what;
        if (files.empty()) {
            data = access_log(2026).generate(mib << 20);
            what = "generated web-server access log";
        } else {
            for (const auto& f : files)
                data += read_file(f);
            what = std::to_string(files.size()) + (files.size() == 1 ? " file" : " files");
        }

        if (!save.empty() && !(std::ofstream(save, std::ios::binary) << data))
            throw std::runtime_error("cannot write " + save);

        std::printf("zstdio demo: %.2f MiB of %s; zstdio %d.%d.%d, libzstd %s\n",
                    static_cast<double>(data.size()) / (1 << 20), what.c_str(), ZSTDIO_VERSION_MAJOR,
                    ZSTDIO_VERSION_MINOR, ZSTDIO_VERSION_PATCH, zstdio::version_string().c_str());
        std::printf("each line: filtering_ostream -> compressed -> filtering_istream -> checked equal\n\n");

        std::vector<row> rows;
        for (int level : {1, 3, 19})
            rows.push_back(measure("zstd  (zstdio)", level, data, zstdio::zstd_compressor(level),
                                   zstdio::zstd_decompressor()));
        // gzip_compressor() uses zlib's default level, 6.
        rows.push_back(measure("gzip  (Boost)", 6, data, io::gzip_compressor(),
                               io::gzip_decompressor()));

        std::printf("%-16s %5s %14s %8s %15s %17s\n", "codec", "level", "compressed", "ratio",
                    "compress MB/s", "decompress MB/s");
        for (const auto& r : rows) {
            const double mb = static_cast<double>(data.size()) / 1e6;
            std::printf("%-16s %5d %14zu %7.2fx %15.1f %17.1f\n", r.codec.c_str(), r.level, r.compressed,
                        static_cast<double>(data.size()) / static_cast<double>(std::max<std::size_t>(r.compressed, 1)),
                        mb / r.compress_seconds, mb / r.decompress_seconds);
        }
        std::printf("\nall %zu round trips verified (%zu bytes each)\n", rows.size(), data.size());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "demo: %s\n", e.what());
        return 1;
    }
}
