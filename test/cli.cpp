// Tests of the zstdio command-line tool (tools/zstdio) against the real zstd
// CLI, and of the example programs (example/*.cpp).
//
// The programs under test are built by b2 and handed to this test as
// arguments: test/Jamfile lists `../tools//zstdio` and every example target
// as the `run` rule's input files, so b2 builds them first and appends their
// paths after `--` on the command line.  An argument whose file name is
// `zstdio` is the CLI; every other argument is an example program to run.
// Run by hand: `cli -- path/to/zstdio [example programs...]`.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace zstdio_test;

namespace {

struct programs {
    std::string cli;
    std::vector<std::string> examples;
};

const programs& tested_programs()
{
    static const programs p = [] {
        programs r;
        const auto& suite = boost::unit_test::framework::master_test_suite();
        for (int i = 1; i < suite.argc; ++i) {
            const std::string arg = suite.argv[i];
            if (arg.empty() || arg[0] == '-')
                continue;
            const std::string path = fs::absolute(arg).string();
            if (fs::path(arg).filename() == "zstdio")
                r.cli = path;
            else
                r.examples.push_back(path);
        }
        if (r.cli.empty())
            throw std::runtime_error("cli test: pass the path of the built zstdio tool as an argument "
                                     "(b2 does this: see test/Jamfile)");
        return r;
    }();
    return p;
}

/// What a command did: exit status, stdout, stderr.
struct outcome {
    int status;
    std::string out;
    std::string err;
};

/// Runs a shell command in `dir` with stdin from `stdin_file` (or /dev/null)
/// and captures stdout and stderr separately.
outcome shell(const temp_dir& dir, const std::string& command, const std::string& stdin_file = "")
{
    temp_dir capture;
    const std::string in = stdin_file.empty() ? std::string("/dev/null") : quote(dir.path(stdin_file));
    // run() appends 2>&1 to the whole command: the inner redirections win.
    const command_result r = run("((cd " + quote(dir.path(".")) + " && " + command + ") < " + in + " > " +
                                 quote(capture.path("out")) + " 2> " + quote(capture.path("err")) + ")");
    return {r.status, read_file(capture.path("out")), read_file(capture.path("err"))};
}

/// Runs the zstdio tool with `args` in `dir`.
outcome zstdio(const temp_dir& dir, const std::string& args, const std::string& stdin_file = "")
{
    return shell(dir, quote(tested_programs().cli) + " " + args, stdin_file);
}

/// Runs the zstd CLI with `args` in `dir`; fails the test if zstd fails.
outcome zstd(const temp_dir& dir, const std::string& args, const std::string& stdin_file = "")
{
    outcome r = shell(dir, "zstd " + args, stdin_file);
    BOOST_TEST_REQUIRE(r.status == 0, "zstd " << args << " failed: " << r.err);
    return r;
}

/// Names of the files in `dir`, sorted (hidden temporary files included).
std::vector<std::string> files_in(const temp_dir& dir)
{
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path(".")))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// A skippable frame (magic 0x184D2A5X, 32-bit little-endian size, payload).
std::string skippable_frame(const std::string& payload, unsigned variant = 0)
{
    std::string f;
    const std::uint32_t magic = 0x184D2A50u + variant;
    const auto size = static_cast<std::uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i)
        f += static_cast<char>((magic >> (8 * i)) & 0xff);
    for (int i = 0; i < 4; ++i)
        f += static_cast<char>((size >> (8 * i)) & 0xff);
    return f + payload;
}

/// The error message must be exactly one line "zstdio: FILE: reason".
void check_error(const outcome& r, const std::string& file, const std::string& words)
{
    BOOST_TEST(r.status == 1);
    const std::string prefix = "zstdio: " + file + ": ";
    BOOST_TEST(r.err.compare(0, prefix.size(), prefix) == 0, "stderr: " << r.err);
    BOOST_TEST(r.err.find(words) != std::string::npos, "expected '" << words << "' in: " << r.err);
    BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, "stderr: " << r.err);
}

} // namespace

// ---------------------------------------------------------------------------
// Interoperability with zstd, both directions

BOOST_AUTO_TEST_CASE(zstd_reads_what_zstdio_writes_at_every_kind_of_level)
{
    temp_dir dir;
    const std::string input = text(400000, 7);
    write_file(dir.path("in"), input);
    for (const std::string level : {"-1", "-3", "-9", "-19", "--fast=5", "--ultra -21", "-T2 -6", "-T0"}) {
        BOOST_TEST_CONTEXT("zstdio " << level)
        {
            const outcome c = zstdio(dir, level + " -f in -o in.zst");
            BOOST_TEST_REQUIRE(c.status == 0, c.err);
            BOOST_TEST(read_file(dir.path("in")) == input); // input kept
            const outcome d = zstd(dir, "-d -c in.zst");
            BOOST_TEST(d.out == input);
        }
    }
}

BOOST_AUTO_TEST_CASE(levels_change_the_output_like_zstd)
{
    temp_dir dir;
    write_file(dir.path("in"), text(1 << 20, 3));
    BOOST_TEST_REQUIRE(zstdio(dir, "-1 in -o one.zst").status == 0);
    BOOST_TEST_REQUIRE(zstdio(dir, "-19 in -o nineteen.zst").status == 0);
    BOOST_TEST_REQUIRE(zstdio(dir, "in -o default.zst").status == 0);
    BOOST_TEST_REQUIRE(zstdio(dir, "-3 in -o three.zst").status == 0);
    BOOST_TEST(fs::file_size(dir.path("nineteen.zst")) < fs::file_size(dir.path("one.zst")));
    // The default is level 3, as zstd's.
    BOOST_TEST(read_file(dir.path("default.zst")) == read_file(dir.path("three.zst")));
    // Without --ultra, zstd caps -22 at 19 with a warning; so does zstdio.
    const outcome capped = zstdio(dir, "-22 in -o capped.zst");
    BOOST_TEST(capped.status == 0);
    BOOST_TEST(capped.err.find("reduced to 19") != std::string::npos, capped.err);
    BOOST_TEST(read_file(dir.path("capped.zst")) == read_file(dir.path("nineteen.zst")));
}

BOOST_AUTO_TEST_CASE(zstdio_reads_what_zstd_writes)
{
    temp_dir dir;
    const std::string input = text(300000, 11) + random_bytes(50000, 2);
    write_file(dir.path("in"), input);
    for (const std::string level : {"-1", "-3", "-19", "--ultra -22", "--fast=3", "-T2 -5", "--no-check"}) {
        BOOST_TEST_CONTEXT("zstd " << level)
        {
            zstd(dir, "-q -f " + level + " in -o in.zst");
            const outcome d = zstdio(dir, "-d -c in.zst");
            BOOST_TEST(d.status == 0, d.err);
            BOOST_TEST(d.out == input);
            // Streamed through stdin too (no content size in the header).
            zstd(dir, "-q -f " + level + " -c > piped.zst", "in");
            const outcome p = zstdio(dir, "-d", "piped.zst");
            BOOST_TEST(p.status == 0, p.err);
            BOOST_TEST(p.out == input);
        }
    }
}

BOOST_AUTO_TEST_CASE(checksum_on_by_default_and_no_check_turns_it_off)
{
    temp_dir dir;
    write_file(dir.path("in"), text(10000, 1));
    BOOST_TEST_REQUIRE(zstdio(dir, "in").status == 0);
    BOOST_TEST(zstd(dir, "-lv in.zst").out.find("XXH64") != std::string::npos);
    BOOST_TEST_REQUIRE(zstdio(dir, "--no-check -f in").status == 0);
    BOOST_TEST(zstd(dir, "-lv in.zst").out.find("XXH64") == std::string::npos);
    BOOST_TEST_REQUIRE(zstdio(dir, "--check -f in").status == 0);
    BOOST_TEST(zstd(dir, "-lv in.zst").out.find("XXH64") != std::string::npos);
    // The size of a regular file is recorded, as zstd does.
    BOOST_TEST(zstd(dir, "-lv in.zst").out.find("Decompressed Size: 9.77 KiB (10000 B)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_distance_matching_and_its_window)
{
    temp_dir dir;
    // A block repeated 40 MiB apart... too big for a test; 3 x 2 MiB random
    // blocks repeat beyond level 1's 512 KiB window, within --long's.
    const std::string block = random_bytes(2 << 20, 5);
    const std::string input = block + block + block;
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-1 in -o plain.zst").status == 0);
    const outcome l = zstdio(dir, "-1 --long=24 in -o long.zst");
    BOOST_TEST_REQUIRE(l.status == 0, l.err);
    BOOST_TEST(fs::file_size(dir.path("long.zst")) * 2 < fs::file_size(dir.path("plain.zst")));
    BOOST_TEST(zstd(dir, "-d -c --long=24 long.zst").out == input);
    BOOST_TEST(zstdio(dir, "-d -c long.zst").out == input);
}

BOOST_AUTO_TEST_CASE(window_above_the_default_limit_needs_long)
{
    temp_dir dir;
    const std::string input = text(200000, 4);
    write_file(dir.path("in"), input);
    // Streamed, so zstd cannot shrink the 512 MiB window to the input size.
    zstd(dir, "-q --long=29 -c > big.zst", "in");
    BOOST_TEST_REQUIRE(shell(dir, "zstd -q -d -c big.zst").status != 0); // zstd itself refuses it

    const outcome refused = zstdio(dir, "-d big.zst");
    check_error(refused, "big.zst", "window");
    BOOST_TEST(refused.err.find("--long") != std::string::npos, refused.err);
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"big.zst", "in"}));

    const outcome accepted = zstdio(dir, "--long=29 -d big.zst -o out");
    BOOST_TEST(accepted.status == 0, accepted.err);
    BOOST_TEST(read_file(dir.path("out")) == input);
}

BOOST_AUTO_TEST_CASE(dictionaries_both_ways)
{
    temp_dir dir;
    fs::create_directory(dir.path("samples"));
    std::vector<std::string> records;
    for (int i = 0; i < 300; ++i) {
        records.push_back("{\"id\": " + std::to_string(i) + ", \"user\": \"user" + std::to_string(i % 17) +
                          "\", \"status\": \"active\", \"note\": \"" + text(120, static_cast<std::uint32_t>(i)) +
                          "\"}\n");
        write_file(dir.path("samples/r" + std::to_string(i)), records.back());
    }
    zstd(dir, "-q --train samples/* --maxdict=8192 -o dict");
    const std::string record = records[42];
    write_file(dir.path("rec"), record);

    // zstdio -D compresses; zstd -D decompresses; the dictionary helps.
    BOOST_TEST_REQUIRE(zstdio(dir, "-D dict rec -o with.zst").status == 0);
    BOOST_TEST_REQUIRE(zstdio(dir, "rec -o without.zst").status == 0);
    BOOST_TEST(fs::file_size(dir.path("with.zst")) < fs::file_size(dir.path("without.zst")));
    BOOST_TEST(zstd(dir, "-D dict -d -c with.zst").out == record);

    // zstd -D compresses; zstdio -D decompresses.
    zstd(dir, "-q -D dict rec -o by-zstd.zst");
    const outcome d = zstdio(dir, "-D dict -d -c by-zstd.zst");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST(d.out == record);

    // Without the dictionary: an error naming the dictionary id, no output.
    const outcome missing = zstdio(dir, "-d by-zstd.zst -o plain");
    check_error(missing, "by-zstd.zst", "dictionary");
    BOOST_TEST(!fs::exists(dir.path("plain")));

    // A dictionary file that does not exist.
    const outcome nofile = zstdio(dir, "-D nosuchdict -d by-zstd.zst -o plain");
    check_error(nofile, "nosuchdict", "No such file");
    BOOST_TEST(!fs::exists(dir.path("plain")));
}

BOOST_AUTO_TEST_CASE(multi_frame_and_skippable_input)
{
    temp_dir dir;
    const std::string a = text(70000, 21), b = random_bytes(3000, 22), c = text(5000, 23);
    const std::string stream = zstd_cli("-q -3", a) + skippable_frame("metadata", 3) + zstd_cli("-q -19", b) +
                               skippable_frame("") + zstd_cli("-q -1", c);
    write_file(dir.path("multi.zst"), stream);
    const outcome d = zstdio(dir, "-d -c multi.zst");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST(d.out == a + b + c);
    BOOST_TEST(zstd(dir, "-d -c multi.zst").out == a + b + c); // the same verdict as zstd

    // Several inputs into one -o file: one frame each, zstd reads them all.
    write_file(dir.path("a"), a);
    write_file(dir.path("b"), b);
    const outcome many = zstdio(dir, "a b -o ab.zst");
    BOOST_TEST(many.status == 0, many.err);
    BOOST_TEST(zstd(dir, "-d -c ab.zst").out == a + b);
    // ... and -c writes them all to stdout.
    write_file(dir.path("ab-stdout.zst"), zstdio(dir, "-c a b").out);
    BOOST_TEST(zstd(dir, "-d -c ab-stdout.zst").out == a + b);
}

// ---------------------------------------------------------------------------
// File handling, as zstd does it

BOOST_AUTO_TEST_CASE(default_names_keep_and_rm)
{
    temp_dir dir;
    const std::string input = text(50000, 9);
    write_file(dir.path("data.txt"), input);

    const outcome c = zstdio(dir, "data.txt");
    BOOST_TEST(c.status == 0, c.err);
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"data.txt", "data.txt.zst"}));
    BOOST_TEST(c.err.find("data.txt.zst") != std::string::npos, c.err); // the summary line

    fs::rename(dir.path("data.txt"), dir.path("orig"));
    const outcome d = zstdio(dir, "-d data.txt.zst");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST(read_file(dir.path("data.txt")) == input);
    BOOST_TEST(fs::exists(dir.path("data.txt.zst"))); // kept by default

    const outcome rm = zstdio(dir, "-f --rm data.txt");
    BOOST_TEST(rm.status == 0, rm.err);
    BOOST_TEST(!fs::exists(dir.path("data.txt")));
    const outcome rmd = zstdio(dir, "-q -d --rm data.txt.zst");
    BOOST_TEST(rmd.status == 0, rmd.err);
    BOOST_TEST(rmd.err.empty(), rmd.err); // -q: no summary
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"data.txt", "orig"}));
    BOOST_TEST(read_file(dir.path("data.txt")) == input);

    // .tzst -> .tar, as zstd; other suffixes need -o.
    BOOST_TEST_REQUIRE(zstdio(dir, "data.txt -o x.tzst").status == 0);
    BOOST_TEST(zstdio(dir, "-d x.tzst").status == 0);
    BOOST_TEST(read_file(dir.path("x.tar")) == input);
    BOOST_TEST_REQUIRE(zstdio(dir, "data.txt -o x.bin").status == 0);
    check_error(zstdio(dir, "-d x.bin"), "x.bin", "suffix");
}

BOOST_AUTO_TEST_CASE(stdin_and_stdout)
{
    temp_dir dir;
    const std::string input = text(123456, 5);
    write_file(dir.path("in"), input);
    const outcome c = zstdio(dir, "", "in"); // no file: stdin to stdout
    BOOST_TEST(c.status == 0, c.err);
    BOOST_TEST(c.err.empty(), c.err); // no summary when writing to stdout
    write_file(dir.path("c.zst"), c.out);
    BOOST_TEST(zstd(dir, "-d -c c.zst").out == input);
    const outcome dash = zstdio(dir, "-d -", "c.zst");
    BOOST_TEST(dash.status == 0, dash.err);
    BOOST_TEST(dash.out == input);
    const outcome named = zstdio(dir, "- -o named.zst", "in");
    BOOST_TEST(named.status == 0, named.err);
    BOOST_TEST(zstd(dir, "-d -c named.zst").out == input);
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"c.zst", "in", "named.zst"}));
}

BOOST_AUTO_TEST_CASE(test_mode_checks_without_writing)
{
    temp_dir dir;
    write_file(dir.path("good.zst"), zstd_cli("-q", text(40000, 2)));
    const outcome ok = zstdio(dir, "-t good.zst");
    BOOST_TEST(ok.status == 0, ok.err);
    BOOST_TEST(ok.out.empty());
    BOOST_TEST(ok.err.find("40000 bytes") != std::string::npos, ok.err);
    std::string bad = read_file(dir.path("good.zst"));
    bad.resize(bad.size() - 3);
    write_file(dir.path("bad.zst"), bad);
    check_error(zstdio(dir, "-q -t bad.zst"), "bad.zst", "ends inside");
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"bad.zst", "good.zst"}));
}

// ---------------------------------------------------------------------------
// Errors: one line "zstdio: FILE: reason", exit 1, no partial output

BOOST_AUTO_TEST_CASE(truncated_input_leaves_no_output)
{
    temp_dir dir;
    std::string frame = zstd_cli("-q -1", random_bytes(1 << 20, 8) + text(500000, 1));
    frame.resize(frame.size() / 2);
    write_file(dir.path("cut.zst"), frame);
    const outcome r = zstdio(dir, "-d cut.zst");
    check_error(r, "cut.zst", "ends inside a zstd frame");
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"cut.zst"}));
    // Streamed from stdin to stdout, the status still says it failed.
    const outcome piped = zstdio(dir, "-d", "cut.zst");
    BOOST_TEST(piped.status == 1);
    BOOST_TEST(piped.err.find("zstdio: stdin: ") == 0, piped.err);
}

BOOST_AUTO_TEST_CASE(corrupt_input_leaves_no_output)
{
    temp_dir dir;
    std::string frame = zstd_cli("-q -3", text(300000, 4));
    for (std::size_t i = frame.size() / 2; i < frame.size() / 2 + 16; ++i)
        frame[i] = static_cast<char>(frame[i] ^ 0x5a);
    write_file(dir.path("bad.zst"), frame);
    BOOST_TEST_REQUIRE(shell(dir, "zstd -q -t bad.zst").status != 0); // zstd rejects it too
    const outcome r = zstdio(dir, "-d bad.zst");
    check_error(r, "bad.zst", "decompressing");
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"bad.zst"}));
}

BOOST_AUTO_TEST_CASE(not_zstd_and_missing_input)
{
    temp_dir dir;
    write_file(dir.path("plain.zst"), "this is not zstd data at all\n");
    check_error(zstdio(dir, "-d plain.zst"), "plain.zst", "not zstd");
    write_file(dir.path("empty.zst"), "");
    check_error(zstdio(dir, "-d empty.zst"), "empty.zst", "no zstd frame");
    check_error(zstdio(dir, "-d nosuch.zst"), "nosuch.zst", "No such file");
    check_error(zstdio(dir, "nosuch"), "nosuch", "No such file");
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"empty.zst", "plain.zst"}));
}

BOOST_AUTO_TEST_CASE(existing_output_is_never_overwritten_without_force)
{
    temp_dir dir;
    const std::string input = text(20000, 6);
    write_file(dir.path("in"), input);
    write_file(dir.path("in.zst"), "precious");
    const outcome r = zstdio(dir, "in");
    check_error(r, "in.zst", "already exists");
    BOOST_TEST(read_file(dir.path("in.zst")) == "precious");
    BOOST_TEST(zstdio(dir, "in -o in.zst").status == 1);
    BOOST_TEST(read_file(dir.path("in.zst")) == "precious");
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"in", "in.zst"}));

    const outcome forced = zstdio(dir, "-f in");
    BOOST_TEST(forced.status == 0, forced.err);
    BOOST_TEST(zstd(dir, "-d -c in.zst").out == input);

    // Decompressing onto an existing file: refused too, then forced.
    write_file(dir.path("out"), "keep me");
    check_error(zstdio(dir, "-d in.zst -o out"), "out", "already exists");
    BOOST_TEST(read_file(dir.path("out")) == "keep me");
    BOOST_TEST(zstdio(dir, "-d -f in.zst -o out").status == 0);
    BOOST_TEST(read_file(dir.path("out")) == input);

    // A failure in one of several inputs: the others are done, status 1.
    write_file(dir.path("b"), input);
    const outcome partly = zstdio(dir, "in b");
    BOOST_TEST(partly.status == 1);
    BOOST_TEST(fs::exists(dir.path("b.zst")));
    // ... but one -o file for several inputs is all or nothing.
    const outcome joined = zstdio(dir, "b missing -o joined.zst");
    BOOST_TEST(joined.status == 1);
    BOOST_TEST(!fs::exists(dir.path("joined.zst")));
}

BOOST_AUTO_TEST_CASE(bad_usage)
{
    temp_dir dir;
    const outcome r = zstdio(dir, "--bogus");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.err.find("zstdio: --bogus: unknown option") == 0, r.err);
    BOOST_TEST(zstdio(dir, "-T").status == 1);
    BOOST_TEST(zstdio(dir, "--long=5").status == 1);
    BOOST_TEST(zstdio(dir, "-D").status == 1);
    const outcome help = zstdio(dir, "-h");
    BOOST_TEST(help.status == 0);
    BOOST_TEST(help.out.find("--long") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_compressed_data_to_or_from_a_terminal)
{
    if (run("command -v script").status != 0) {
        BOOST_TEST_MESSAGE("no `script` command: cannot give the tool a terminal; skipped");
        return;
    }
    temp_dir dir;
    write_file(dir.path("in"), text(1000, 1));
    // `script` runs the tool with a pseudo-terminal as stdout.
    const outcome r = shell(dir, "script -qec " + quote(quote(tested_programs().cli) + " -c in") + " /dev/null");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.out.find("zstdio: stdout: is a console") != std::string::npos, r.out);
    const outcome forced =
        shell(dir, "script -qec " + quote(quote(tested_programs().cli) + " -f -c in") + " /dev/null");
    BOOST_TEST(forced.status == 0, forced.out);
    // Nor is a terminal read as input (a forgotten file name), as zstd.
    const outcome from_tty = shell(dir, "script -qec " + quote(quote(tested_programs().cli) + " -d") + " /dev/null");
    BOOST_TEST(from_tty.status == 1);
    BOOST_TEST(from_tty.out.find("zstdio: stdin: is a console") != std::string::npos, from_tty.out);
}

BOOST_AUTO_TEST_CASE(progress_only_on_a_terminal)
{
    temp_dir dir;
    write_file(dir.path("in"), text(1 << 20, 3));
    // Input that arrives slowly keeps the tool busy past the 0.5 s threshold.
    const std::string slow_input = "(cat in; sleep 1; cat in) | ";
    const std::string cli = quote(tested_programs().cli);
    const outcome r = shell(dir, slow_input + cli + " -f -o out.zst");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.err.find('\r') == std::string::npos);
    BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, r.err); // only the summary
    if (run("command -v script").status != 0)
        return;
    // With a terminal as stderr, a progress line (rewritten with \r) shows.
    const outcome tty = shell(dir, "script -qec " + quote(slow_input + cli + " -f -o out.zst") + " /dev/null");
    BOOST_TEST(tty.status == 0, tty.out);
    BOOST_TEST(tty.out.find("MB/s") != std::string::npos, tty.out);
    BOOST_TEST(tty.out.find('\r') != std::string::npos);
    BOOST_TEST(read_file(dir.path("in")) + read_file(dir.path("in")) == zstd(dir, "-d -c out.zst").out);
}

// ---------------------------------------------------------------------------
// -l and --train

BOOST_AUTO_TEST_CASE(list_shows_frames_like_zstd)
{
    temp_dir dir;
    const std::string a = text(100000, 31);
    write_file(dir.path("a"), a);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q a").status == 0);
    const outcome one = zstdio(dir, "-l a.zst");
    BOOST_TEST(one.status == 0, one.err);
    // The same header and the same frame/skip counts, ratio and check as zstd -l.
    const std::string theirs = zstd(dir, "-l a.zst").out;
    BOOST_TEST(one.out.substr(0, one.out.find('\n')) == theirs.substr(0, theirs.find('\n')));
    BOOST_TEST(one.out.find("     1      0 ") != std::string::npos, one.out);
    const std::string zstd_ratio = theirs.substr(theirs.find("KiB  ") + 5, 6);
    BOOST_TEST(one.out.find(zstd_ratio) != std::string::npos, one.out << " / " << theirs);
    BOOST_TEST(one.out.find("XXH64  a.zst") != std::string::npos, one.out);

    // Several frames, a skippable one, no checksum, no content size, a dictionary id.
    const std::string stream = zstd_cli("-q --no-check -c", a) + skippable_frame("m") + zstd_cli("-q -c", a);
    write_file(dir.path("multi.zst"), stream);
    const outcome multi = zstdio(dir, "-l multi.zst");
    BOOST_TEST(multi.out.find("     2      1 ") != std::string::npos, multi.out);
    BOOST_TEST(multi.out.find("Mixed") != std::string::npos, multi.out);

    const outcome verbose = zstdio(dir, "-lv a.zst");
    const std::string zstd_verbose = zstd(dir, "-lv a.zst").out;
    for (const std::string field : {"# Zstandard Frames: 1", "DictID: 0", "Window Size: ", "Compressed Size: ",
                                    "Decompressed Size: 97.7 KiB (100000 B)", "Check: XXH64 "}) {
        BOOST_TEST(verbose.out.find(field) != std::string::npos, field << " in " << verbose.out);
        BOOST_TEST(zstd_verbose.find(field) != std::string::npos, field << " in zstd's " << zstd_verbose);
    }
    // The checksum zstd shows is the one zstdio shows.
    const auto check_line = [](const std::string& s) { return s.substr(s.find("Check: "), 22); };
    BOOST_TEST(check_line(verbose.out) == check_line(zstd_verbose));

    // Piped frames record no content size: the column stays empty, as zstd's.
    zstd(dir, "-q -c > piped.zst", "a");
    const outcome piped = zstdio(dir, "-l piped.zst");
    BOOST_TEST(piped.status == 0);
    BOOST_TEST(piped.out.find("97.7 KiB") == std::string::npos, piped.out); // no uncompressed size
    const outcome pv = zstdio(dir, "-lv piped.zst");
    BOOST_TEST(pv.out.find("Decompressed Size") == std::string::npos, pv.out);

    // With a dictionary id.
    fs::create_directory(dir.path("s"));
    for (int i = 0; i < 100; ++i)
        write_file(dir.path("s/" + std::to_string(i)), text(400, static_cast<std::uint32_t>(i)));
    zstd(dir, "-q --train s/* --maxdict=4096 --dictID=4242 -o dict");
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -D dict a -o d.zst").status == 0);
    BOOST_TEST(zstdio(dir, "-lv d.zst").out.find("DictID: 4242") != std::string::npos);

    // Errors: not zstd, truncated, stdin.
    write_file(dir.path("junk.zst"), "not zstd");
    check_error(zstdio(dir, "-l junk.zst"), "junk.zst", "not a zstd frame");
    write_file(dir.path("cut.zst"), stream.substr(0, stream.size() - 10));
    check_error(zstdio(dir, "-l cut.zst"), "cut.zst", "truncated");
    BOOST_TEST(zstdio(dir, "-l", "a.zst").status == 1);
}

BOOST_AUTO_TEST_CASE(train_makes_a_dictionary_zstd_can_use)
{
    temp_dir dir;
    fs::create_directory(dir.path("samples"));
    std::vector<std::string> samples;
    for (int i = 0; i < 400; ++i) {
        samples.push_back("{\"event\": \"login\", \"user\": \"u" + std::to_string(i % 50) +
                          "\", \"ip\": \"10.0.0." + std::to_string(i % 200) + "\", \"agent\": \"" +
                          text(80, static_cast<std::uint32_t>(i % 13)) + "\"}\n");
        write_file(dir.path("samples/s" + std::to_string(i)), samples.back());
    }
    const outcome t = zstdio(dir, "--train samples/* -o dict --maxdict=4K");
    BOOST_TEST_REQUIRE(t.status == 0, t.err);
    BOOST_TEST(fs::file_size(dir.path("dict")) <= 4096u);
    BOOST_TEST(fs::file_size(dir.path("dict")) > 256u);

    // zstd compresses with it, zstdio decompresses, and the other way round.
    write_file(dir.path("rec"), samples[7]);
    zstd(dir, "-q -D dict rec -o z.zst");
    BOOST_TEST(zstdio(dir, "-D dict -d -c z.zst").out == samples[7]);
    BOOST_TEST_REQUIRE(zstdio(dir, "-D dict rec -o y.zst").status == 0);
    BOOST_TEST(zstd(dir, "-D dict -d -c y.zst").out == samples[7]);
    BOOST_TEST(fs::file_size(dir.path("y.zst")) < zstd_cli("-q -c", samples[7]).size());

    // Never overwrites without -f; the default name is "dictionary".
    const std::string before = read_file(dir.path("dict"));
    check_error(zstdio(dir, "--train samples/* -o dict"), "dict", "already exists");
    BOOST_TEST(read_file(dir.path("dict")) == before);
    BOOST_TEST(zstdio(dir, "-q --train samples/*").status == 0);
    BOOST_TEST(fs::exists(dir.path("dictionary")));
    // Missing samples, too few samples: an error and no file.
    check_error(zstdio(dir, "--train nosuch -o d2"), "nosuch", "No such file");
    check_error(zstdio(dir, "--train samples/s1 samples/s2 -o d3"), "d3", "sample");
    BOOST_TEST(!fs::exists(dir.path("d2")));
    BOOST_TEST(!fs::exists(dir.path("d3")));
}

// ---------------------------------------------------------------------------
// The example programs: each checks its own results and exits non-zero on
// failure.

BOOST_AUTO_TEST_CASE(example_programs_run)
{
    BOOST_TEST(!tested_programs().examples.empty());
    for (const std::string& program : tested_programs().examples) {
        BOOST_TEST_CONTEXT(program)
        {
            temp_dir dir;
            const outcome r = shell(dir, quote(program));
            BOOST_TEST(r.status == 0, r.out << r.err);
        }
    }
}
