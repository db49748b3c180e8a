// Benchmark for instruction counts: what zstdio adds to decoding one small
// record with a dictionary, for callgrind (deterministic, unlike timings on
// a shared machine).  bench_dictionary times the same calls.
//
// Usage: bench_record_calls MODE [records=20000]
//   MODE libzstd  a ZSTD_DCtx + ZSTD_DDict loop into one reused buffer
//        buffer   zstdio::decompressor::decompress(frame, dst, capacity)
//        string   zstdio::decompressor::decompress(frame) -> std::string
//        string-libzstd  libzstd into a new std::string per record
// Every mode does the same set-up (records, a raw-content dictionary, the
// frames) and decodes every frame 3 times, so the difference between two
// modes' totals, divided by 3 x records, is the cost per call:
//
//   valgrind --tool=callgrind bench_record_calls libzstd   # then buffer, string
#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>

#include "../support/records.hpp"

#include "support/native.hpp"
#include "support/options.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    namespace po = zstdio_bench::po;
    std::string mode;
    std::size_t count = 20000;
    zstdio_bench::command_line cl("bench_record_calls",
                                  "bench_record_calls libzstd|buffer|string|string-libzstd [records]");
    cl.options().add_options()
        ("mode", po::value(&mode)->value_name("MODE"),
         "libzstd, buffer, string or string-libzstd: what decodes (or the 1st operand)")
        ("records", po::value(&count)->default_value(count)->value_name("N"), "records (or the 2nd operand)");
    cl.operand("mode", 1);
    cl.operand("records", 1);
    cl.parse(argc, argv);
    if (mode.empty())
        cl.usage("no MODE");
    if (mode != "libzstd" && mode != "buffer" && mode != "string" && mode != "string-libzstd")
        cl.usage("unknown MODE " + mode);
    const std::vector<std::string> records = zstdio_test::json_records(count, 100, 1000, 1);
    std::string history;
    for (const std::string& r : zstdio_test::json_records(60, 100, 1000, 2))
        history += r;
    zstdio::zstd_params p;
    p.dict = zstdio::zstd_dict(history, zstdio::dict_type::raw_content);
    zstdio::compressor c(p);
    std::vector<std::string> frames;
    for (const std::string& r : records)
        frames.push_back(c.compress(r));

    zstdio_bench::dctx_ptr dctx(ZSTD_createDCtx());
    zstdio_bench::ddict_ptr ddict(ZSTD_createDDict(history.data(), history.size()));
    zstdio_bench::check_zstd(ZSTD_DCtx_refDDict(dctx.get(), ddict.get()), "referencing the dictionary");
    zstdio::decompressor d(p);
    std::vector<char> out(1 << 16);
    std::size_t total = 0;
    for (int round = 0; round < 3; ++round)
        for (const std::string& f : frames) {
            if (mode == "libzstd") {
                total += zstdio_bench::check_zstd(
                    ZSTD_decompressDCtx(dctx.get(), out.data(), out.size(), f.data(), f.size()), "decoding");
            } else if (mode == "buffer") {
                total += d.decompress(f, out.data(), out.size());
            } else if (mode == "string") {
                total += d.decompress(f).size();
            } else {
                std::string s(static_cast<std::size_t>(ZSTD_getFrameContentSize(f.data(), f.size())), '\0');
                total += zstdio_bench::check_zstd(
                    ZSTD_decompressDCtx(dctx.get(), s.data(), s.size(), f.data(), f.size()), "decoding");
            }
        }
    std::size_t expected = 0;
    for (const std::string& r : records)
        expected += 3 * r.size();
    if (total != expected) {
        std::fprintf(stderr, "bench_record_calls: decoded %zu bytes, expected %zu\n", total, expected);
        return 1;
    }
    std::printf("%s: %zu records decoded 3 times, %zu bytes\n", mode.c_str(), count, total);
    return 0;
}
