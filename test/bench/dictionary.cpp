// Benchmark: dictionaries and small records (issue #3).
//
// On many small JSON-like records it measures, always against libzstd's own
// API on the same data in the same run (runs interleaved, best of N):
//   1. compression ratio with a trained 16 KiB dictionary vs without;
//   2. a reused zstdio::compressor with the dictionary vs a raw libzstd loop
//      reusing one ZSTD_CCtx and one ZSTD_CDict (records per second), and the
//      same for decompression (one ZSTD_DCtx + ZSTD_DDict), and libzstd
//      decoding into a new std::string per record, the reference for the
//      std::string-returning call;
//   3. a reused compressor vs a new context per record;
//   4. cover training time with optimize = true on 1 and 2 threads;
//   5. rotating dictionaries: records of three families, each compressed
//      with its family's dictionary, decoded by one decompressor given all
//      three (zstd_params::dicts) vs by the decompressor holding the right
//      dict, vs libzstd's ZSTD_decompress_usingDDict with the right DDict.
//
// Usage: bench_dictionary [records=100000] [repeats=5] [training_samples=2000]
//        [--rotation-only]
#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/params.hpp>

#include "../support/records.hpp"

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include "support/native.hpp"
#include "support/options.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

double seconds(const std::function<void()>& f)
{
    const auto start = clock_type::now();
    f();
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Best time of each of several functions, run interleaved `repeats` times.
std::vector<double> best_of(int repeats, const std::vector<std::function<void()>>& fs)
{
    std::vector<double> best(fs.size(), 1e300);
    for (int r = 0; r < repeats; ++r)
        for (std::size_t i = 0; i < fs.size(); ++i)
            best[i] = std::min(best[i], seconds(fs[i]));
    return best;
}

void require(bool ok, const char* what)
{
    if (!ok)
        throw std::runtime_error(std::string("benchmark self-check failed: ") + what);
}

// 5. Records of three families, each compressed with its family's
// dictionary (ids 1, 2, 3), decoded one at a time into a caller's buffer.
void rotating_dictionaries(std::size_t count, int repeats, int level)
{
    std::vector<zstdio::zstd_dict> dicts;
    std::vector<zstdio::compressor> writers;
    for (int family = 0; family < 3; ++family) {
        zstdio::train_options options;
        options.dict_id = static_cast<std::uint32_t>(family + 1);
        dicts.push_back(zstdio::train_dictionary(16384, zstdio_test::family_records(family, 2000, 50 + family), options));
        zstdio::zstd_params p(level);
        p.dict = dicts.back();
        writers.emplace_back(p);
    }
    std::vector<std::vector<std::string>> families;
    for (int family = 0; family < 3; ++family)
        families.push_back(zstdio_test::family_records(family, count / 3 + 1, 60 + family));
    std::vector<std::string> records, frames;
    std::size_t input = 0, largest = 0;
    for (std::size_t i = 0; i < count; ++i) {
        records.push_back(families[i % 3][i / 3]);
        frames.push_back(writers[i % 3].compress(records.back()));
        input += records.back().size();
        largest = std::max(largest, records.back().size());
    }

    zstdio::zstd_params all;
    all.dicts = dicts;
    zstdio::decompressor rotating(all);
    std::vector<zstdio::decompressor> direct;
    std::vector<zstdio_bench::ddict_ptr> ddicts;
    for (const zstdio::zstd_dict& d : dicts) {
        zstdio::zstd_params p;
        p.dict = d;
        direct.emplace_back(p);
        ddicts.emplace_back(ZSTD_createDDict(d.as_bytes().data(), d.size()));
    }
    zstdio_bench::dctx_ptr dctx(ZSTD_createDCtx());
    std::vector<zstdio_bench::dctx_ptr> dctxs; // one per dictionary, as the 3 decompressors
    for (const zstdio_bench::ddict_ptr& d : ddicts) {
        dctxs.emplace_back(ZSTD_createDCtx());
        ZSTD_DCtx_refDDict(dctxs.back().get(), d.get());
    }
    std::vector<char> back(largest);
    for (std::size_t i = 0; i < count; i += 97)
        require(rotating.decompress(frames[i]) == records[i], "rotation round trip");
    std::size_t sink = 0;
    const auto t = best_of(repeats, {
        [&] { // libzstd: the right DDict per record
            for (std::size_t i = 0; i < count; ++i)
                sink += ZSTD_decompress_usingDDict(dctx.get(), back.data(), back.size(), frames[i].data(),
                                                   frames[i].size(), ddicts[i % 3].get());
        },
        [&] { // the decompressor holding the right dict
            for (std::size_t i = 0; i < count; ++i)
                sink += direct[i % 3].decompress(frames[i], back.data(), back.size());
        },
        [&] { // one decompressor, the dictionary chosen by id
            for (std::size_t i = 0; i < count; ++i)
                sink += rotating.decompress(frames[i], back.data(), back.size());
        },
        [&] { // libzstd: a context per dictionary, each keeping its own
            for (std::size_t i = 0; i < count; ++i)
                sink += ZSTD_decompressDCtx(dctxs[i % 3].get(), back.data(), back.size(), frames[i].data(),
                                            frames[i].size());
        },
    });
    std::printf("\nrotating dictionaries: %zu records (%.1f MB) of 3 families, each compressed with its family's "
                "16 KiB dictionary, decoded one by one into a caller's buffer (records/s):\n"
                "  libzstd ZSTD_decompress_usingDDict, the right DDict: %.0f\n"
                "  3 decompressors, each with its dict:                %.0f  (%.1f%% of libzstd)\n"
                "  1 decompressor with dicts = all 3:                  %.0f  (%.1f%% of libzstd, %.1f%% of dict)\n"
                "  libzstd, 3 contexts each with its DDict:           %.0f  (%.1f%% of one context: what\n"
                "    switching dictionaries in one context costs libzstd)\n"
                "(checksum %zu)\n",
                count, input / 1e6, count / t[0], count / t[1], 100 * t[0] / t[1], count / t[2], 100 * t[0] / t[2],
                100 * t[1] / t[2], count / t[3], 100 * t[0] / t[3], sink);
}

} // namespace

int main(int argc, char** argv)
{
    namespace po = zstdio_bench::po;
    std::size_t count = 100000;
    int repeats = 5;
    std::size_t training = 2000;
    zstdio_bench::command_line cl("bench_dictionary", "bench_dictionary [records] [repeats] [training_samples]");
    bool rotation_only = false;
    cl.options().add_options()
        ("rotation-only", po::bool_switch(&rotation_only), "run part 5 (rotating dictionaries) only")
        ("records", po::value(&count)->default_value(count)->value_name("N"), "records (or the 1st operand)")
        ("repeats", po::value(&repeats)->default_value(repeats)->value_name("N"),
         "runs of each, the best kept (or the 2nd operand)")
        ("training-samples", po::value(&training)->default_value(training)->value_name("N"),
         "samples the dictionary is trained on (or the 3rd operand)");
    for (const char* name : {"records", "repeats", "training-samples"})
        cl.operand(name, 1);
    cl.parse(argc, argv);
    const int level = 3;

    std::printf("zstdio dictionary benchmark: libzstd %s, %zu records of 100-1000 bytes, level %d, best of %d\n",
                ZSTD_versionString(), count, level, repeats);
    rotating_dictionaries(count, repeats, level);
    if (rotation_only)
        return 0;

    const std::vector<std::string> records = zstdio_test::json_records(count, 100, 1000, 1);
    std::size_t input = 0, largest = 0;
    for (const auto& r : records) {
        input += r.size();
        largest = std::max(largest, r.size());
    }
    // Training samples: other records from the same generator.
    const std::vector<std::string> samples = zstdio_test::json_records(training, 100, 1000, 2);

    // --- 4. cover training time, optimize = true, 1 and 2 threads ---------
    zstdio::cover_options co;
    co.optimize = true;
    double train_time[2] = {1e300, 1e300}, train_cpu[2] = {0, 0};
    zstdio::zstd_dict dict("placeholder");
    for (int r = 0; r < std::max(1, repeats / 2); ++r) {
        for (int t = 1; t <= 2; ++t) {
            co.threads = t;
            const auto start = clock_type::now();
            const std::clock_t cpu = std::clock();
            zstdio::zstd_dict d = zstdio::train_cover_dictionary(16384, samples, co);
            const double wall = std::chrono::duration<double>(clock_type::now() - start).count();
            if (wall < train_time[t - 1]) {
                train_time[t - 1] = wall;
                train_cpu[t - 1] = double(std::clock() - cpu) / CLOCKS_PER_SEC;
            }
            dict = d;
        }
    }
    std::printf("\ncover training, optimize=true, %zu samples (%.1f MB), 16 KiB dictionary:\n", samples.size(),
                [&] {
                    std::size_t n = 0;
                    for (const auto& s : samples)
                        n += s.size();
                    return n / 1e6;
                }());
    std::printf("  1 thread : %.2f s (CPU %.2f s)\n  2 threads: %.2f s (CPU %.2f s), speed-up %.2fx\n"
                "  chose k=%u d=%u, size %zu bytes\n",
                train_time[0], train_cpu[0], train_time[1], train_cpu[1], train_time[0] / train_time[1], dict.k(),
                dict.d(), dict.size());

    // --- 1. ratio --------------------------------------------------------------
    zstdio::zstd_params with_dict(level);
    with_dict.dict = dict;
    zstdio::zstd_params plain(level);
    std::size_t compressed_plain = 0, compressed_dict = 0;
    {
        zstdio::compressor a(plain), b(with_dict);
        for (const auto& r : records) {
            compressed_plain += a.compress(r).size();
            compressed_dict += b.compress(r).size();
        }
    }
    std::printf("\nratio on %zu records (%.1f MB):\n  without dictionary: %.1f MB, ratio %.2f\n"
                "  with 16 KiB dictionary: %.1f MB, ratio %.2f  (%.2fx smaller)\n",
                count, input / 1e6, compressed_plain / 1e6, double(input) / compressed_plain, compressed_dict / 1e6,
                double(input) / compressed_dict, double(compressed_plain) / compressed_dict);

    // --- 2. reused compressor + dictionary vs raw libzstd ------------------------
    const std::size_t bound = ZSTD_compressBound(largest);
    std::vector<char> out(bound);
    zstdio_bench::cdict_ptr cdict(ZSTD_createCDict(dict.as_bytes().data(), dict.size(), level));
    zstdio_bench::cctx_ptr cctx(ZSTD_createCCtx());
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1); // zstdio's default, as the CLI
    ZSTD_CCtx_refCDict(cctx.get(), cdict.get());
    zstdio::compressor ours(with_dict);
    std::size_t sink = 0;

    // The frames, for decompression; check both sides make the same ones.
    std::vector<std::string> frames;
    frames.reserve(count);
    for (const auto& r : records) {
        frames.push_back(ours.compress(r));
        const std::size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), r.data(), r.size());
        require(!ZSTD_isError(n) && std::string(out.data(), n) == frames.back(), "identical frames");
    }

    const auto t = best_of(repeats, {
        [&] { // raw libzstd
            for (const auto& r : records)
                sink += ZSTD_compress2(cctx.get(), out.data(), out.size(), r.data(), r.size());
        },
        [&] { // zstdio into a caller's buffer
            for (const auto& r : records)
                sink += ours.compress(r, out.data(), out.size());
        },
        [&] { // zstdio returning std::string
            for (const auto& r : records)
                sink += ours.compress(r).size();
        },
    });
    std::printf("\ncompression with the dictionary, reused context (records/s):\n"
                "  libzstd ZSTD_CCtx + ZSTD_CDict loop: %.0f\n"
                "  zstdio::compressor, caller's buffer: %.0f  (%.1f%% of libzstd)\n"
                "  zstdio::compressor, std::string:     %.0f  (%.1f%% of libzstd)\n",
                count / t[0], count / t[1], 100 * t[0] / t[1], count / t[2], 100 * t[0] / t[2]);

    std::vector<char> back(largest);
    zstdio_bench::ddict_ptr ddict(ZSTD_createDDict(dict.as_bytes().data(), dict.size()));
    zstdio_bench::dctx_ptr dctx(ZSTD_createDCtx());
    ZSTD_DCtx_refDDict(dctx.get(), ddict.get());
    zstdio::decompressor dours(with_dict);
    for (std::size_t i = 0; i < count; i += 997)
        require(dours.decompress(frames[i]) == records[i], "round trip");
    const auto d = best_of(repeats, {
        [&] {
            for (const auto& f : frames)
                sink += ZSTD_decompressDCtx(dctx.get(), back.data(), back.size(), f.data(), f.size());
        },
        [&] {
            for (const auto& f : frames)
                sink += dours.decompress(f, back.data(), back.size());
        },
        [&] {
            for (const auto& f : frames)
                sink += dours.decompress(f).size();
        },
        [&] { // what a libzstd user writes to get a std::string per record
            for (const auto& f : frames) {
                std::string s(static_cast<std::size_t>(ZSTD_getFrameContentSize(f.data(), f.size())), '\0');
                sink += ZSTD_decompressDCtx(dctx.get(), s.data(), s.size(), f.data(), f.size());
            }
        },
    });
    std::printf("\ndecompression with the dictionary, reused context (records/s):\n"
                "  libzstd ZSTD_DCtx + ZSTD_DDict loop:   %.0f\n"
                "  zstdio::decompressor, caller's buffer: %.0f  (%.1f%% of libzstd)\n"
                "  zstdio::decompressor, std::string:     %.0f  (%.1f%% of libzstd)\n"
                "  libzstd into a new std::string:        %.0f  (%.1f%% of libzstd; zstdio std::string: %.1f%% of it)\n",
                count / d[0], count / d[1], 100 * d[0] / d[1], count / d[2], 100 * d[0] / d[2], count / d[3],
                100 * d[0] / d[3], 100 * d[3] / d[2]);

    // --- 3. reused compressor vs a new context per record ----------------------
    // A tenth of the records is enough: a new context per record is slow.
    const std::size_t few = std::max<std::size_t>(1, count / 10);
    const std::vector<std::string> hundred = zstdio_test::json_records(few, 100, 100, 3);
    zstdio::compressor reused_plain(plain);
    zstdio_bench::cctx_ptr cctx_plain(ZSTD_createCCtx());
    ZSTD_CCtx_setParameter(cctx_plain.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(cctx_plain.get(), ZSTD_c_checksumFlag, 1);
    const auto n = best_of(repeats, {
        [&] {
            for (std::size_t i = 0; i < few; ++i)
                sink += ours.compress(records[i]).size();
        },
        [&] {
            for (std::size_t i = 0; i < few; ++i)
                sink += zstdio::compressor(with_dict).compress(records[i]).size();
        },
        [&] {
            for (std::size_t i = 0; i < few; ++i)
                sink += reused_plain.compress(records[i]).size();
        },
        [&] {
            for (std::size_t i = 0; i < few; ++i)
                sink += zstdio::compress(records[i], plain).size();
        },
        [&] {
            for (const auto& r : hundred)
                sink += reused_plain.compress(r).size();
        },
        [&] {
            for (const auto& r : hundred)
                sink += zstdio::compress(r, plain).size();
        },
        [&] { // libzstd with a new context per record, for scale
            for (const auto& r : hundred) {
                zstdio_bench::cctx_ptr c(ZSTD_createCCtx());
                ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, level);
                ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1);
                sink += ZSTD_compress2(c.get(), out.data(), out.size(), r.data(), r.size());
            }
        },
        [&] { // libzstd reusing one context
            for (const auto& r : hundred)
                sink += ZSTD_compress2(cctx_plain.get(), out.data(), out.size(), r.data(), r.size());
        },
    });
    std::printf("\nreused compressor vs a new context per record (%zu records):\n"
                "  with dictionary, 100-1000 B:    reused %.0f/s, new %.0f/s  -> %.1fx\n"
                "  without dictionary, 100-1000 B: reused %.0f/s, new %.0f/s  -> %.1fx\n"
                "  without dictionary, 100 B:      reused %.0f/s, new %.0f/s  -> %.1fx\n"
                "  libzstd itself, 100 B:          reused %.0f/s, new %.0f/s  -> %.1fx\n",
                few, few / n[0], few / n[1], n[1] / n[0], few / n[2], few / n[3], n[3] / n[2], few / n[4],
                few / n[5], n[5] / n[4], few / n[7], few / n[6], n[6] / n[7]);
    std::printf("\n(checksum %zu)\n", sink);
    return 0;
}
