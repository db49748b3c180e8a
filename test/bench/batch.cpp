// Benchmark: batch compression / decompression and content-dictionary chains,
// always as a ratio against libzstd's own API on the same data in the same run.
//
//   bench_batch [records=100000] [rounds=5] [level=3] [parts=cdk]
//
// 1. multi_compress_to_buffer / multi_decompress_to_buffer with 1 thread vs a
//    plain libzstd loop with one reused context writing into one buffer
//    (ZSTD_compress2 / ZSTD_decompressDCtx).  Target >= 95%.
// 2. The same calls with 2 threads vs 1.  Target >= 1.8x on 2 idle cores.
// 3. decompress_content_dict_chain over 1,000 links vs the same work through
//    the public API one link at a time (a decompressor with
//    zstd_dict(previous, raw_content) per link).
// Runs are interleaved and repeated; the best time of each is kept.
#include <zstdio/batch.hpp>
#include <zstdio/dictionary.hpp>

#include "support/clock.hpp"

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include "support/native.hpp"
#include "support/options.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// Best wall-clock and best process-CPU time over the rounds.  On a shared,
// loaded machine CPU time is the steadier measure of work done by one thread;
// thread scaling can only be seen in wall-clock time.
struct best_time {
    double wall = 1e9;
    double cpu = 1e9;
    void measure(const std::function<void()>& f)
    {
        const double c0 = zstdio_bench::process_seconds();
        const double t0 = zstdio_bench::wall_seconds();
        f();
        wall = std::min(wall, zstdio_bench::wall_seconds() - t0);
        cpu = std::min(cpu, zstdio_bench::process_seconds() - c0);
    }
};

// Log-like records of 100..4000 bytes: words from a vocabulary, numbers, keys.
std::vector<std::string> make_records(std::size_t count)
{
    static const char* const words[] = {"user",    "session", "request", "GET",     "POST",   "status", "200",
                                        "404",     "latency", "ms",      "cache",   "miss",   "hit",    "region",
                                        "eu-west", "us-east", "payload", "bytes",   "token",  "retry",  "timeout",
                                        "service", "billing", "search",  "profile", "update", "delete", "ok"};
    std::mt19937 rng(12345);
    std::vector<std::string> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t size = 100 + rng() % 3901;
        std::string r;
        r.reserve(size + 32);
        r += "{\"id\":" + std::to_string(i) + ",\"ts\":" + std::to_string(1700000000 + rng() % 100000) + ",\"msg\":\"";
        while (r.size() < size) {
            r += words[rng() % (sizeof words / sizeof *words)];
            r += (rng() % 5 == 0) ? " " + std::to_string(rng() % 10000) + " " : " ";
        }
        r.resize(size);
        out.push_back(std::move(r));
    }
    return out;
}

// The libzstd baseline: one reused context, every frame into one buffer.
std::size_t libzstd_compress_all(ZSTD_CCtx* cctx, const std::vector<std::string>& in)
{
    std::size_t capacity = 0;
    for (const auto& r : in)
        capacity += ZSTD_compressBound(r.size());
    std::unique_ptr<char, decltype(&std::free)> out(static_cast<char*>(std::malloc(capacity)), &std::free);
    std::vector<std::size_t> sizes;
    sizes.reserve(in.size());
    std::size_t used = 0;
    for (const auto& r : in) {
        const std::size_t n = ZSTD_compress2(cctx, out.get() + used, capacity - used, r.data(), r.size());
        if (ZSTD_isError(n))
            throw std::runtime_error(ZSTD_getErrorName(n));
        sizes.push_back(n);
        used += n;
    }
    return used;
}

std::size_t libzstd_decompress_all(ZSTD_DCtx* dctx, const std::vector<std::string_view>& frames)
{
    std::vector<unsigned long long> sizes;
    sizes.reserve(frames.size());
    std::size_t total = 0;
    for (const auto& f : frames) {
        sizes.push_back(ZSTD_getFrameContentSize(f.data(), f.size()));
        total += sizes.back();
    }
    std::unique_ptr<char, decltype(&std::free)> out(static_cast<char*>(std::malloc(total)), &std::free);
    std::size_t used = 0;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const std::size_t n = ZSTD_decompressDCtx(dctx, out.get() + used, sizes[i], frames[i].data(), frames[i].size());
        if (ZSTD_isError(n) || n != sizes[i])
            throw std::runtime_error("libzstd decompression failed");
        used += n;
    }
    return used;
}

// A 1,000-version document: each version edits a few lines and appends one.
std::vector<std::string> make_versions(std::size_t count)
{
    std::mt19937 rng(777);
    std::vector<std::string> lines;
    for (int i = 0; i < 300; ++i)
        lines.push_back("line " + std::to_string(i) + ": the quick brown fox jumps over the lazy dog " +
                        std::to_string(rng() % 100000) + "\n");
    std::vector<std::string> versions;
    for (std::size_t v = 0; v < count; ++v) {
        for (int e = 0; e < 3; ++e)
            lines[rng() % lines.size()] = "edited in version " + std::to_string(v) + ": " +
                                          std::to_string(rng()) + " lorem ipsum dolor sit amet\n";
        lines.push_back("appended in version " + std::to_string(v) + "\n");
        std::string doc;
        for (const auto& l : lines)
            doc += l;
        versions.push_back(std::move(doc));
    }
    return versions;
}

void report(const char* name, const best_time& t, std::size_t records, std::size_t bytes)
{
    std::printf("  %-46s %8.1f ms wall %8.1f ms cpu  %9.0f records/s  %8.1f MB/s\n", name, t.wall * 1e3,
                t.cpu * 1e3, records / t.wall, bytes / t.wall / 1e6);
}

} // namespace

int main(int argc, char** argv)
{
    namespace po = zstdio_bench::po;
    std::size_t count = 100000;
    int rounds = 5;
    int level = 3;
    // Which parts to run: c = compression, d = decompression, k = chain.
    std::string parts = "cdk";
    zstdio_bench::command_line cl("bench_batch", "bench_batch [records] [rounds] [level] [parts]");
    cl.options().add_options()
        ("records", po::value(&count)->default_value(count)->value_name("N"), "records (or the 1st operand)")
        ("rounds", po::value(&rounds)->default_value(rounds)->value_name("N"), "rounds (or the 2nd operand)")
        ("level", po::value(&level)->default_value(level)->value_name("N"),
         "compression level (or the 3rd operand)")
        ("parts", po::value(&parts)->default_value(parts)->value_name("LETTERS"),
         "what to time: c compression, d decompression, k content-dictionary chain (or the 4th operand)");
    for (const char* name : {"records", "rounds", "level", "parts"})
        cl.operand(name, 1);
    cl.parse(argc, argv);

    const std::vector<std::string> records = make_records(count);
    std::size_t input_bytes = 0;
    for (const auto& r : records)
        input_bytes += r.size();
    std::printf("batch benchmark: %zu records, %.1f MB, level %d, best of %d interleaved rounds\n", count,
                input_bytes / 1e6, level, rounds);

    zstdio::zstd_params params(level);
    zstdio::compressor compressor(params);
    zstdio::decompressor decompressor(params);
    zstdio::executor pool1(1), pool2(2);

    const zstdio_bench::cctx_ptr cctx = zstdio_bench::make_cctx(level); // with checksum: zstd_params' default
    const zstdio_bench::dctx_ptr dctx(ZSTD_createDCtx());

    const zstdio::buffer_with_segments_collection frames = compressor.multi_compress_to_buffer(records, 1);
    std::vector<std::string_view> frame_views;
    for (std::size_t i = 0; i < frames.size(); ++i)
        frame_views.push_back(frames.view(i));
    std::printf("  compressed to %.1f MB (ratio %.2f)\n", frames.data_size() / 1e6,
                double(input_bytes) / frames.data_size());
    if (libzstd_compress_all(cctx.get(), records) != frames.data_size())
        throw std::runtime_error("zstdio and libzstd frames differ in size");

    best_time c_lib, c_1, c_2, c_2own, d_lib, d_1, d_2;
    for (int round = 0; round < rounds; ++round) {
        if (parts.find('c') != std::string::npos) {
            c_lib.measure([&] { libzstd_compress_all(cctx.get(), records); });
            c_1.measure([&] { compressor.multi_compress_to_buffer(records, pool1); });
            c_2.measure([&] { compressor.multi_compress_to_buffer(records, pool2); });
            c_2own.measure([&] { compressor.multi_compress_to_buffer(records, 2); });
        }
        if (parts.find('d') == std::string::npos)
            continue;
        d_lib.measure([&] { libzstd_decompress_all(dctx.get(), frame_views); });
        d_1.measure([&] { decompressor.multi_decompress_to_buffer(frames, pool1); });
        d_2.measure([&] { decompressor.multi_decompress_to_buffer(frames, pool2); });
    }
    std::printf("compression (MB/s of input):\n");
    report("libzstd loop, one ZSTD_CCtx", c_lib, count, input_bytes);
    report("multi_compress_to_buffer, 1 thread", c_1, count, input_bytes);
    report("multi_compress_to_buffer, 2 threads (executor)", c_2, count, input_bytes);
    report("multi_compress_to_buffer, threads = 2", c_2own, count, input_bytes);
    std::printf("  1 thread vs libzstd: %.1f%% wall, %.1f%% cpu   2 threads vs 1: %.2fx wall "
                "(threads=2 without executor: %.2fx), cpu %.2fx of 1 thread\n",
                100 * c_lib.wall / c_1.wall, 100 * c_lib.cpu / c_1.cpu, c_1.wall / c_2.wall, c_1.wall / c_2own.wall,
                c_2.cpu / c_1.cpu);
    std::printf("decompression (MB/s of output):\n");
    report("libzstd loop, one ZSTD_DCtx", d_lib, count, input_bytes);
    report("multi_decompress_to_buffer, 1 thread", d_1, count, input_bytes);
    report("multi_decompress_to_buffer, 2 threads", d_2, count, input_bytes);
    std::printf("  1 thread vs libzstd: %.1f%% wall, %.1f%% cpu   2 threads vs 1: %.2fx wall, cpu %.2fx of 1 thread\n",
                100 * d_lib.wall / d_1.wall, 100 * d_lib.cpu / d_1.cpu, d_1.wall / d_2.wall, d_2.cpu / d_1.cpu);

    if (parts.find('k') == std::string::npos)
        return 0;
    // Content-dictionary chain of 1,000 links.
    const std::vector<std::string> versions = make_versions(1000);
    std::vector<std::string> chain{zstdio::compressor(params).compress(versions[0])};
    std::size_t chain_bytes = versions[0].size();
    for (std::size_t i = 1; i < versions.size(); ++i) {
        zstdio::zstd_params p = params;
        p.dict = zstdio::zstd_dict(versions[i - 1], zstdio::dict_type::raw_content);
        chain.push_back(zstdio::compressor(p).compress(versions[i]));
        chain_bytes += versions[i].size();
    }
    best_time chain_api, chain_one_by_one;
    for (int round = 0; round < rounds; ++round) {
        chain_api.measure([&] {
            if (decompressor.decompress_content_dict_chain(chain) != versions.back())
                throw std::runtime_error("chain mismatch");
        });
        chain_one_by_one.measure([&] {
            std::string previous = zstdio::decompressor().decompress(chain[0]);
            for (std::size_t i = 1; i < chain.size(); ++i) {
                zstdio::zstd_params p;
                p.dict = zstdio::zstd_dict(previous, zstdio::dict_type::raw_content);
                previous = zstdio::decompressor(p).decompress(chain[i]);
            }
            if (previous != versions.back())
                throw std::runtime_error("chain mismatch");
        });
    }
    std::printf("content-dictionary chain, %zu links, %.1f MB of content:\n", chain.size(), chain_bytes / 1e6);
    report("decompress_content_dict_chain", chain_api, chain.size(), chain_bytes);
    report("decompressor + zstd_dict per link", chain_one_by_one, chain.size(), chain_bytes);
    std::printf("  chain API vs one by one: %.2fx wall, %.2fx cpu\n", chain_one_by_one.wall / chain_api.wall,
                chain_one_by_one.cpu / chain_api.cpu);
    return 0;
}
