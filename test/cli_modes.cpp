// Tests of the zstdio tool's dictionary builder (--train...) and benchmark
// mode (-b#), against the real zstd 1.5.4 CLI.
//
// As test/cli.cpp, this test gets the tool to run as an argument: test/Jamfile
// lists `../tools//zstdio` as the `run` rule's input file, so b2 builds it and
// appends its path after `--`.  Run by hand: `cli_modes -- path/to/zstdio`.
#define BOOST_TEST_MODULE cli_modes
#include <boost/test/unit_test.hpp>

#include "support/cli_runner.hpp"

#include <zstdio/dictionary.hpp>
#include <zstdio/frame.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace zstdio_test;

namespace {

/// Runs the zstdio tool with `args` in `dir`.
outcome ours(const temp_dir& dir, const std::string& args) { return run_in(dir, quote(tool()) + " " + args); }

/// The real zstd; the test stops if it fails.
outcome zstd(const temp_dir& dir, const std::string& args)
{
    outcome r = run_in(dir, "zstd " + args);
    BOOST_TEST_REQUIRE(r.status == 0, "zstd " << args << " failed: " << r.err);
    return r;
}

/// Names of the files in `dir`, sorted, hidden ones included.
std::vector<std::string> files_in(const temp_dir& dir)
{
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path(".")))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// A small JSON-like record: the structure repeats from record to record, the
/// values do not, which is what dictionaries are for.
std::string record(int i)
{
    std::string r = "{\"id\": " + std::to_string(i) + ", \"kind\": \"measurement\", \"station\": \"north-" +
                    std::to_string(i % 7) + "\", \"readings\": [";
    for (int j = 0; j < 12; ++j)
        r += "{\"t\": " + std::to_string(1000 + i * 20 + j) + ", \"value\": " +
             std::to_string((i * 37 + j * 11) % 1000) + ", \"unit\": \"celsius\"}, ";
    return r + "], \"note\": \"" + text(60 + i % 50, static_cast<std::uint32_t>(i)) + "\"}\n";
}

/// `count` sample files s0, s1, ... in `dir`; returns their names for a
/// command line.
std::string write_samples(const temp_dir& dir, int count)
{
    std::string names;
    for (int i = 0; i < count; ++i) {
        write_file(dir.path("s" + std::to_string(i)), record(i));
        names += " s" + std::to_string(i);
    }
    return names;
}

/// Bytes zstd writes for `file` with `args` (e.g. "-D dict").
std::size_t zstd_compressed_size(const temp_dir& dir, const std::string& args, const std::string& file)
{
    return zstd(dir, args + " -c " + file).out.size();
}

/// One result of a benchmark: the last progress line before "LEVEL#".
struct bench_result {
    int level;
    std::string name;
    std::uint64_t original;
    std::uint64_t compressed;
    std::string compression_speed;
};

/// The results in zstd -b's standard output: each ends with "\r LEVEL#\n",
/// the line it overwrites holding the figures (without the decompression
/// speed when compression was the last to finish).
std::vector<bench_result> bench_results(const std::string& out)
{
    static const std::regex figures(R"(^ ?.-(.{17}) :\s*(\d+) ->\s*(\d+) \(x[ 0-9.]+\), +([0-9.]+) MB/s(, +[0-9.]+ MB/s| )$)");
    static const std::regex level_mark(R"(^ *(-?\d+)#$)");
    std::vector<bench_result> results;
    std::size_t start = 0;
    for (std::size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
        const std::string line = out.substr(start, end - start);
        const std::size_t last = line.rfind('\r');
        if (last == std::string::npos || last == 0)
            continue;
        const std::size_t before = line.rfind('\r', last - 1);
        const std::string shown = line.substr(before == std::string::npos ? 0 : before + 1, last - before - 1);
        std::smatch f, l;
        const std::string mark = line.substr(last + 1);
        if (!std::regex_match(shown, f, figures) || !std::regex_match(mark, l, level_mark))
            continue;
        std::string name = f[1].str();
        name.erase(name.find_last_not_of(' ') + 1);
        results.push_back({std::stoi(l[1].str()), name, std::stoull(f[2].str()), std::stoull(f[3].str()),
                           f[4].str()});
    }
    return results;
}

/// Runs the same benchmark with zstdio and zstd; both must give the same
/// levels, names and sizes.  Returns zstdio's results.
std::vector<bench_result> bench_both(const temp_dir& dir, const std::string& args)
{
    const outcome run = ours(dir, args);
    BOOST_TEST_REQUIRE(run.status == 0, "zstdio " << args << ": " << run.err);
    const std::vector<bench_result> mine = bench_results(run.out), reference = bench_results(zstd(dir, args).out);
    BOOST_TEST_REQUIRE(mine.size() == reference.size(), args << ": " << run.out);
    for (std::size_t i = 0; i < mine.size(); ++i) {
        BOOST_TEST_CONTEXT(args << ", result " << i)
        {
            BOOST_TEST(mine[i].level == reference[i].level);
            BOOST_TEST(mine[i].name == reference[i].name);
            BOOST_TEST(mine[i].original == reference[i].original);
            BOOST_TEST(mine[i].compressed == reference[i].compressed);
        }
    }
    return mine;
}

} // namespace

// ---------------------------------------------------------------------------
// --train

BOOST_AUTO_TEST_CASE(train_without_samples_is_zstds_error_14)
{
    temp_dir dir;
    const outcome r = ours(dir, "--train");
    BOOST_TEST(r.status == 14);
    BOOST_TEST(r.err == "!  Warning : nb of samples too low for proper processing ! \n"
                        "!  Please provide _one file per sample_. \n"
                        "!  Alternatively, split files into fixed-size blocks representative of samples, with -B# \n"
                        "Error 14 : nb of samples too low\n");
    BOOST_TEST(r.out.empty());
    BOOST_TEST(!fs::exists(dir.path("dictionary")));
}

BOOST_AUTO_TEST_CASE(train_quietly_skips_empty_samples)
{
    // zstd's tests/cli-tests/dict-builder/empty-input.sh
    temp_dir dir;
    // Enough bytes (10 times the default 110 KiB in the 75 % fastcover trains
    // on) for libzstd not to warn.
    for (int i = 1; i <= 50; ++i)
        write_file(dir.path("file" + std::to_string(i)), text(32000 + 97 * i, static_cast<std::uint32_t>(i)));
    write_file(dir.path("empty"), "");
    const outcome r = ours(dir, "-q --train empty file*");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.err.empty());
    const zstdio::zstd_dict d(read_file(dir.path("dictionary"))); // the default name
    BOOST_TEST(d.id() != 0u);
}

BOOST_AUTO_TEST_CASE(every_algorithm_builds_zstds_dictionary)
{
    // The same samples in the same order with the same libzstd: the same
    // bytes, which real zstd loads and which help it.
    temp_dir dir;
    const std::string samples = write_samples(dir, 120);
    const std::size_t plain = zstd_compressed_size(dir, "-19", "s7");
    for (const std::string algorithm : {"--train", "--train-fastcover=k=64,d=8", "--train-fastcover=d=6,f=18,accel=2",
                                        "--train-cover=k=64,d=8", "--train-cover", "--train-legacy",
                                        "--train-legacy=s=3"}) {
        BOOST_TEST_CONTEXT(algorithm)
        {
            const std::string flags = algorithm + " --maxdict=4096 --dictID=1234" + samples;
            const outcome r = ours(dir, flags + " -o ours");
            BOOST_TEST_REQUIRE(r.status == 0, r.err);
            BOOST_TEST(r.err.find("Save dictionary of size ") != std::string::npos, r.err);
            zstd(dir, flags + " -o theirs");
            BOOST_TEST((read_file(dir.path("ours")) == read_file(dir.path("theirs"))));
            const std::string frame = zstd(dir, "-19 -D ours -c s7").out;
            BOOST_TEST(frame.size() < plain);
            write_file(dir.path("s7.zst"), frame);
            BOOST_TEST(zstd(dir, "-d -D ours -c s7.zst").out == record(7));
        }
    }
}

BOOST_AUTO_TEST_CASE(train_reads_directories_with_r_and_lists_of_files)
{
    temp_dir dir;
    fs::create_directories(dir.path("set/more"));
    std::string list;
    for (int i = 0; i < 80; ++i) {
        const std::string name = (i % 3 ? "set/" : "set/more/") + std::string("r") + std::to_string(i);
        write_file(dir.path(name), record(i));
        list += name + "\n";
    }
    write_file(dir.path("list"), list);
    // The list's order is kept, so the dictionary is zstd's.
    const std::string flags = "--train --dictID=7 --maxdict=2048 --filelist list";
    const outcome listed = ours(dir, flags + " -o ours");
    BOOST_TEST_REQUIRE(listed.status == 0, listed.err);
    zstd(dir, flags + " -o theirs");
    BOOST_TEST((read_file(dir.path("ours")) == read_file(dir.path("theirs"))));
    // A directory is one (unreadable) sample without -r, its 80 files with
    // it.  (zstd lists a directory in readdir() order, zstdio in name
    // order: the samples are the same, their order and so the dictionary
    // may differ.)
    BOOST_TEST(ours(dir, "--train set -o flat").status == 14);
    const outcome deep = ours(dir, "--train -r set --maxdict=2048 -o deep");
    BOOST_TEST_REQUIRE(deep.status == 0, deep.err);
    BOOST_TEST(zstdio::zstd_dict(read_file(dir.path("deep"))).size() <= 2048u);
}

BOOST_AUTO_TEST_CASE(dict_id_is_the_id_zstd_writes)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 60);
    for (const std::string algorithm : {"--train", "--train-cover=k=64,d=8", "--train-legacy"}) {
        BOOST_TEST_CONTEXT(algorithm)
        {
            const outcome r = ours(dir, algorithm + " --dictID=305419896 --maxdict=2048 -o d" + samples);
            BOOST_TEST_REQUIRE(r.status == 0, r.err);
            BOOST_TEST(zstdio::zstd_dict(read_file(dir.path("d"))).id() == 305419896u);
            const std::string frame = zstd(dir, "-D d -c s3").out;
            BOOST_TEST(zstdio::get_frame_parameters(frame).dict_id == 305419896u);
        }
    }
    // Without --dictID, an id is drawn at random (never 0: that would mean
    // "no dictionary" in frames).
    BOOST_TEST_REQUIRE(ours(dir, "--train --maxdict=2048 -o d" + samples).status == 0);
    BOOST_TEST(zstdio::zstd_dict(read_file(dir.path("d"))).id() != 0u);
}

BOOST_AUTO_TEST_CASE(maxdict_caps_the_dictionary)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 120);
    BOOST_TEST_REQUIRE(ours(dir, "--train -o big" + samples).status == 0);
    BOOST_TEST(read_file(dir.path("big")).size() > 4096u);
    for (const std::string algorithm : {"--train", "--train-cover=k=64,d=8", "--train-legacy"}) {
        BOOST_TEST_CONTEXT(algorithm)
        {
            const outcome r = ours(dir, algorithm + " --maxdict=1500 -o small" + samples);
            BOOST_TEST_REQUIRE(r.status == 0, r.err);
            BOOST_TEST(read_file(dir.path("small")).size() <= 1500u);
        }
    }
}

BOOST_AUTO_TEST_CASE(block_size_cuts_files_into_samples)
{
    // Two files are two samples, too few; cut into 2 KiB pieces, many.
    temp_dir dir;
    std::string first, second;
    for (int i = 0; i < 60; ++i)
        (i % 2 ? first : second) += record(i);
    write_file(dir.path("a"), first);
    write_file(dir.path("b"), second);
    const outcome whole = ours(dir, "--train a b");
    BOOST_TEST(whole.status == 14);
    BOOST_TEST(whole.err.find("Error 14 : nb of samples too low") != std::string::npos, whole.err);
    const outcome cut = ours(dir, "--train -B2048 --dictID=7 --maxdict=4096 a b -o ours");
    BOOST_TEST_REQUIRE(cut.status == 0, cut.err);
    zstd(dir, "--train -B2048 --dictID=7 --maxdict=4096 a b -o theirs");
    BOOST_TEST((read_file(dir.path("ours")) == read_file(dir.path("theirs"))));
}

BOOST_AUTO_TEST_CASE(memory_limit_caps_the_samples_loaded)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 120);
    const outcome limited = ours(dir, "--train -M30000 --dictID=7 --maxdict=4096 -o ours" + samples);
    BOOST_TEST_REQUIRE(limited.status == 0, limited.err);
    BOOST_TEST(limited.err.find("!  Warning : setting manual memory limit for dictionary training data at 0 MB \n") !=
                   std::string::npos,
               limited.err);
    BOOST_TEST(limited.err.find("Training samples set too large (0 MB); training on 0 MB only...\n") !=
                   std::string::npos,
               limited.err);
    zstd(dir, "--train -M30000 --dictID=7 --maxdict=4096 -o theirs" + samples);
    BOOST_TEST((read_file(dir.path("ours")) == read_file(dir.path("theirs"))));
    BOOST_TEST_REQUIRE(ours(dir, "--train --dictID=7 --maxdict=4096 -o all" + samples).status == 0);
    BOOST_TEST((read_file(dir.path("ours")) != read_file(dir.path("all"))));
}

BOOST_AUTO_TEST_CASE(level_tunes_the_dictionary_as_zstd)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 120);
    BOOST_TEST_REQUIRE(ours(dir, "-1 --train-legacy --dictID=7 --maxdict=4096 -o fast" + samples).status == 0);
    BOOST_TEST_REQUIRE(ours(dir, "-19 --train-legacy --dictID=7 --maxdict=4096 -o strong" + samples).status == 0);
    zstd(dir, "-19 --train-legacy --dictID=7 --maxdict=4096 -o theirs" + samples);
    BOOST_TEST((read_file(dir.path("strong")) == read_file(dir.path("theirs"))));
    BOOST_TEST((read_file(dir.path("strong")) != read_file(dir.path("fast"))));
}

BOOST_AUTO_TEST_CASE(threads_give_the_same_dictionary)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 120);
    const outcome r = ours(dir, "-T2 --train-cover=d=8,steps=8 --dictID=7 --maxdict=4096 -o ours" + samples);
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    BOOST_TEST(r.err.find("k=") != std::string::npos, r.err); // what the optimizer chose
    BOOST_TEST(r.err.find("steps=8\nsplit=100\n") != std::string::npos, r.err);
    zstd(dir, "-T2 --train-cover=d=8,steps=8 --dictID=7 --maxdict=4096 -o theirs" + samples);
    BOOST_TEST((read_file(dir.path("ours")) == read_file(dir.path("theirs"))));
}

BOOST_AUTO_TEST_CASE(dictionary_replaces_the_file_whole)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 60);
    write_file(dir.path("dictionary"), "an older dictionary");
    const outcome r = ours(dir, "--train --maxdict=2048" + samples);
    BOOST_TEST_REQUIRE(r.status == 0, r.err); // no -f needed, as zstd
    BOOST_TEST(zstdio::zstd_dict(read_file(dir.path("dictionary"))).size() <= 2048u);
    std::vector<std::string> expected{"dictionary"};
    for (int i = 0; i < 60; ++i)
        expected.push_back("s" + std::to_string(i));
    std::sort(expected.begin(), expected.end());
    BOOST_TEST(files_in(dir) == expected, boost::test_tools::per_element()); // no temporary file left

    const outcome nowhere = ours(dir, "--train --maxdict=2048 -o missing/dict" + samples);
    BOOST_TEST(nowhere.status == 3);
    BOOST_TEST(nowhere.err.find("Error 3 : cannot open missing/dict") != std::string::npos, nowhere.err);
}

BOOST_AUTO_TEST_CASE(unreadable_samples_and_failed_training)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 6);
    // Six samples are enough for zstd's count, too few for the optimizer.
    const outcome few = ours(dir, "--train" + samples);
    BOOST_TEST(few.status == 1);
    BOOST_TEST(few.err.find("dictionary training failed : ") != std::string::npos, few.err);
    BOOST_TEST(!fs::exists(dir.path("dictionary")));
}

BOOST_AUTO_TEST_CASE(cover_split_is_refused_until_the_library_has_it)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 60);
    for (const std::string flag : {"--train-fastcover=split=50", "--train-cover=shrink"}) {
        BOOST_TEST_CONTEXT(flag)
        {
            const outcome r = ours(dir, flag + samples);
            BOOST_TEST(r.status == 1);
            BOOST_TEST(r.err.find("not supported") != std::string::npos, r.err);
        }
    }
    // With k and d given, libzstd trains on every sample whatever the split.
    BOOST_TEST(ours(dir, "--train-fastcover=k=64,d=8,split=50 --maxdict=2048" + samples).status == 0);
}

// ---------------------------------------------------------------------------
// -b#

BOOST_AUTO_TEST_CASE(bench_prints_a_result_per_level)
{
    temp_dir dir;
    write_file(dir.path("input.txt"), text(200000, 3));
    const std::vector<bench_result> r = bench_both(dir, "-b1 -e3 -i0 input.txt");
    BOOST_TEST_REQUIRE(r.size() == 3u);
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(r[i].level == i + 1);
        BOOST_TEST(r[i].name == "input.txt");
        BOOST_TEST(r[i].original == 200000u);
        // zstd -b writes frames without checksum.
        BOOST_TEST(r[i].compressed == zstd_compressed_size(dir, "--no-check -" + std::to_string(i + 1), "input.txt"));
    }
    BOOST_TEST(r[0].compressed != r[2].compressed);
    // The default level is 3; -e below -b means -b alone.
    const std::vector<bench_result> one = bench_results(ours(dir, "-b -e1 -i0 input.txt").out);
    BOOST_TEST_REQUIRE(one.size() == 1u);
    BOOST_TEST(one[0].level == 3);
}

BOOST_AUTO_TEST_CASE(bench_separately_prints_a_result_per_file)
{
    temp_dir dir;
    write_file(dir.path("one"), text(50000, 1));
    write_file(dir.path("two"), text(70000, 2));
    const std::vector<bench_result> apart = bench_both(dir, "-b1 -e2 -i0 -S one two");
    BOOST_TEST_REQUIRE(apart.size() == 4u);
    BOOST_TEST(apart[0].name == "one");
    BOOST_TEST(apart[1].name == "one");
    BOOST_TEST(apart[2].name == "two");
    BOOST_TEST(apart[3].level == 2);
    BOOST_TEST(apart[2].original == 70000u);
    const std::vector<bench_result> together = bench_both(dir, "-b1 -i0 one two");
    BOOST_TEST_REQUIRE(together.size() == 1u);
    BOOST_TEST(together[0].name == " 2 files"); // sic
    BOOST_TEST(together[0].original == 120000u);
}

BOOST_AUTO_TEST_CASE(bench_cuts_inputs_into_chunks)
{
    temp_dir dir;
    write_file(dir.path("in"), text(100000, 4));
    const std::vector<bench_result> whole = bench_both(dir, "-b3 -i0 in");
    const std::vector<bench_result> cut = bench_both(dir, "-b3 -i0 -B4096 in");
    BOOST_TEST_REQUIRE(whole.size() == 1u);
    BOOST_TEST_REQUIRE(cut.size() == 1u);
    BOOST_TEST(cut[0].compressed > whole[0].compressed); // 25 independent frames
}

BOOST_AUTO_TEST_CASE(bench_decodes_only_with_d)
{
    temp_dir dir;
    write_file(dir.path("in"), text(150000, 5));
    zstd(dir, "-q -19 in -o in.zst");
    const std::size_t frame_size = read_file(dir.path("in.zst")).size();
    const std::vector<bench_result> r = bench_both(dir, "-b1 -d -i0 in.zst");
    BOOST_TEST_REQUIRE(r.size() == 1u);
    BOOST_TEST(r[0].original == 150000u);
    BOOST_TEST(r[0].compressed == frame_size); // the -19 frame, not a level-1 one
    BOOST_TEST(r[0].compression_speed == "0.00"); // nothing compressed

    const outcome not_zstd = ours(dir, "-b1 -d -i0 in");
    BOOST_TEST(not_zstd.status == 1);
    BOOST_TEST(not_zstd.err.find("Error 32 : ") != std::string::npos, not_zstd.err);
}

BOOST_AUTO_TEST_CASE(bench_without_files_uses_a_synthetic_sample)
{
    temp_dir dir;
    const auto run_with = [&dir](const std::string& p) {
        const std::vector<bench_result> r = bench_results(ours(dir, "-b1 -i0 " + p).out);
        BOOST_TEST_REQUIRE(r.size() == 1u);
        BOOST_TEST(r[0].original == 10000000u);
        return r[0];
    };
    const bench_result low = run_with("-P10"), high = run_with("-P90"), standard = run_with("");
    BOOST_TEST(low.name == "Synthetic 10%");
    BOOST_TEST(high.name == "Synthetic 90%");
    BOOST_TEST(standard.name == "Synthetic 50%");
    BOOST_TEST(high.compressed < standard.compressed);
    BOOST_TEST(standard.compressed < low.compressed);
    BOOST_TEST(run_with("-P90").compressed == high.compressed); // the same sample every time
}

BOOST_AUTO_TEST_CASE(bench_uses_the_dictionary)
{
    temp_dir dir;
    const std::string samples = write_samples(dir, 120);
    zstd(dir, "-q --train --maxdict=4096 -o dict" + samples);
    const std::vector<bench_result> with = bench_both(dir, "-b3 -i0 -D dict s5");
    const std::vector<bench_result> without = bench_both(dir, "-b3 -i0 s5");
    BOOST_TEST_REQUIRE(with.size() == 1u);
    BOOST_TEST_REQUIRE(without.size() == 1u);
    BOOST_TEST(with[0].compressed < without[0].compressed);
    BOOST_TEST(with[0].compressed == zstd_compressed_size(dir, "--no-check -3 -D dict", "s5"));

    const outcome missing = ours(dir, "-b3 -i0 -D nothing s5");
    BOOST_TEST(missing.status == 1);
    BOOST_TEST(missing.err == "error loading nothing : No such file or directory \nError 9 : benchmark aborted \n");
}

BOOST_AUTO_TEST_CASE(bench_applies_long_and_advanced_settings)
{
    temp_dir dir;
    // 3 MiB of noise, then the same again: only a window of 8 MiB or more sees the repeat.
    const std::string noise = random_bytes(3 << 20, 9);
    write_file(dir.path("twice"), noise + noise);
    const std::vector<bench_result> plain = bench_both(dir, "-b1 -i0 twice");
    const std::vector<bench_result> along = bench_both(dir, "-b1 -i0 --long twice");
    BOOST_TEST_REQUIRE(plain.size() == 1u);
    BOOST_TEST_REQUIRE(along.size() == 1u);
    BOOST_TEST(along[0].compressed * 3 < plain[0].compressed * 2);

    write_file(dir.path("text"), text(300000, 6));
    const std::vector<bench_result> strong = bench_both(dir, "-b19 -i0 text");
    const std::vector<bench_result> fast_strategy = bench_both(dir, "-b19 -i0 --zstd=strategy=1 text");
    BOOST_TEST_REQUIRE(strong.size() == 1u);
    BOOST_TEST_REQUIRE(fast_strategy.size() == 1u);
    BOOST_TEST(fast_strategy[0].compressed > strong[0].compressed);
}

BOOST_AUTO_TEST_CASE(bench_applies_literal_and_match_finder_switches)
{
    temp_dir dir;
    write_file(dir.path("text"), text(300000, 12));
    const std::vector<bench_result> plain = bench_both(dir, "-b1 -i0 text");
    const std::vector<bench_result> raw = bench_both(dir, "-b1 -i0 --no-compress-literals text");
    BOOST_TEST_REQUIRE(plain.size() == 1u);
    BOOST_TEST_REQUIRE(raw.size() == 1u);
    BOOST_TEST(raw[0].compressed > plain[0].compressed);
    // Hash chains instead of rows: other matches at level 7.
    const std::vector<bench_result> rows = bench_both(dir, "-b7 -i0 text");
    const std::vector<bench_result> chains = bench_both(dir, "-b7 -i0 --no-row-match-finder text");
    BOOST_TEST_REQUIRE(rows.size() == 1u);
    BOOST_TEST_REQUIRE(chains.size() == 1u);
    BOOST_TEST(rows[0].compressed != chains[0].compressed);
}

BOOST_AUTO_TEST_CASE(bench_with_worker_threads)
{
    temp_dir dir;
    write_file(dir.path("in"), text(6 << 20, 8));
    const std::vector<bench_result> one = bench_both(dir, "-b1 -i0 -T1 in");
    const std::vector<bench_result> two = bench_both(dir, "-b1 -i0 -T2 in");
    BOOST_TEST_REQUIRE(one.size() == 1u);
    BOOST_TEST_REQUIRE(two.size() == 1u);
    BOOST_TEST(one[0].compressed != two[0].compressed); // cut into jobs
}

BOOST_AUTO_TEST_CASE(bench_seconds_per_level)
{
    temp_dir dir;
    write_file(dir.path("in"), text(20000, 10));
    const auto timed = [&dir](const std::string& args) {
        const auto start = std::chrono::steady_clock::now();
        const outcome r = ours(dir, args);
        BOOST_TEST(r.status == 0, r.err);
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    // Each direction runs at least the time given (a lower bound only: a
    // loaded machine makes any run longer, so no upper bound is asserted);
    // -i0 runs once, and is shorter than two seconds of -i1.
    const double one_second = timed("-b1 -i1 in");
    BOOST_TEST(one_second >= 1.9);
    BOOST_TEST(timed("-b1 -i0 in") < one_second);
}

BOOST_AUTO_TEST_CASE(bench_quiet_prints_one_line_per_level)
{
    temp_dir dir;
    write_file(dir.path("in"), text(30000, 11));
    const outcome r = ours(dir, "-q -b1 -e2 -i0 in");
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    static const std::regex quiet(R"(bench [0-9.]+ : input 30000 bytes, 0 seconds, 0 KB blocks
-1 +(\d+) \([0-9.]+\) +[0-9.]+ MB/s +[0-9.]+ MB/s  in
bench [0-9.]+ : input 30000 bytes, 0 seconds, 0 KB blocks
-2 +(\d+) \([0-9.]+\) +[0-9.]+ MB/s +[0-9.]+ MB/s  in
)");
    std::smatch m;
    BOOST_TEST_REQUIRE(std::regex_match(r.out, m, quiet), r.out);
    BOOST_TEST(std::stoul(m[1].str()) == zstd_compressed_size(dir, "--no-check -1", "in"));
}

BOOST_AUTO_TEST_CASE(bench_errors_are_zstds)
{
    temp_dir dir;
    write_file(dir.path("empty"), "");
    const outcome missing = ours(dir, "-b1 -i0 nothing");
    BOOST_TEST(missing.status == 1);
    BOOST_TEST(missing.err == "Error 9 : Error loading files \n");
    const outcome empty = ours(dir, "-b1 -i0 empty");
    BOOST_TEST(empty.status == 1);
    BOOST_TEST(empty.err.find("Error 12 : ") != std::string::npos, empty.err);
}
