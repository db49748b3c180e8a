// Tests of the zstdio command-line tool (tools/zstdio) and of the example
// programs (example/*.cpp).
//
// This file is the project's own proof of doc/cli.md: every flag, program
// name and data-safety rule there has a test here that checks what a user
// sees (files, bytes, messages, exit status), against the real zstd CLI where
// both must agree.  CI cannot run zstd's own test suite (no network), so
// nothing else checks these.  -l is tested in cli_list.cpp, --train and -b in
// cli_modes.cpp.
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
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

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

/// The tool, quoted for the shell.
std::string cli() { return quote(tested_programs().cli); }

/// The tool under another name (zstdcat, unzstd, gzip...): a symbolic link
/// in a directory of its own, as `b2 stage` makes them.  Quoted for the shell.
std::string cli_named(const std::string& name)
{
    static const temp_dir links;
    const std::string link = links.path(name);
    if (!fs::is_symlink(link))
        fs::create_symlink(tested_programs().cli, link);
    return quote(link);
}

/// The tests set the environment each command sees themselves.
struct clean_environment {
    clean_environment()
    {
        ::unsetenv("ZSTD_CLEVEL");
        ::unsetenv("ZSTD_NBTHREADS");
    }
};
BOOST_TEST_GLOBAL_FIXTURE(clean_environment);

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
    return shell(dir, cli() + " " + args, stdin_file);
}

/// Runs the zstd CLI with `args` in `dir`; fails the test if zstd fails.
outcome zstd(const temp_dir& dir, const std::string& args, const std::string& stdin_file = "")
{
    outcome r = shell(dir, "zstd " + args, stdin_file);
    BOOST_TEST_REQUIRE(r.status == 0, "zstd " << args << " failed: " << r.err);
    return r;
}

/// What `zstd -lv FILE` says about a frame (window, sizes, check, dictionary id).
std::string frame_info(const temp_dir& dir, const std::string& file) { return zstd(dir, "-lv " + file).out; }

/// The bytes zstd decodes from `file`.
std::string zstd_decoded(const temp_dir& dir, const std::string& file, const std::string& flags = "")
{
    return zstd(dir, "-d -c " + flags + " " + file).out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool have_command(const std::string& name) { return run("command -v " + name).status == 0; }

/// `command` stopped after 30 s when `timeout` exists: a FIFO's other end
/// that never opens (a tool that replaced the FIFO) must not hang the test.
std::string bounded(const std::string& command)
{
    static const bool have_timeout = have_command("timeout");
    return have_timeout ? "timeout 30 " + command : command;
}

/// Names of the files in `dir`, sorted (hidden temporary files included).
std::vector<std::string> files_in(const temp_dir& dir, const std::string& sub = ".")
{
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path(sub)))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

using names = std::vector<std::string>;

std::string listing(const names& files)
{
    std::string text;
    for (const std::string& f : files)
        text += (text.empty() ? "" : " ") + f;
    return text;
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

struct stat status_of(const std::string& path)
{
    struct stat st {};
    BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0, path);
    return st;
}

/// A zstd frame cut in the middle, and one with bytes flipped in its middle.
std::string truncated_frame() { return zstd_cli("-q -1", random_bytes(200000, 8) + text(100000, 1)).substr(0, 60000); }
std::string corrupt_frame()
{
    std::string frame = zstd_cli("-q -3", text(300000, 4));
    for (std::size_t i = frame.size() / 2; i < frame.size() / 2 + 16; ++i)
        frame[i] = static_cast<char>(frame[i] ^ 0x5a);
    return frame;
}

/// A dictionary trained by zstd on JSON-like records, with id `id`; returns
/// one record it suits.
std::string make_dictionary(const temp_dir& dir, const std::string& name, unsigned id)
{
    fs::create_directory(dir.path("samples"));
    std::vector<std::string> records;
    for (int i = 0; i < 300; ++i) {
        records.push_back("{\"id\": " + std::to_string(i) + ", \"user\": \"user" + std::to_string(i % 17) +
                          "\", \"status\": \"active\", \"note\": \"" + text(120, static_cast<std::uint32_t>(i)) +
                          "\"}\n");
        write_file(dir.path("samples/r" + std::to_string(i)), records.back());
    }
    zstd(dir, "-q --train samples/* --maxdict=8192 --dictID=" + std::to_string(id) + " -o " + name);
    fs::remove_all(dir.path("samples"));
    return records[42];
}

} // namespace

// BOOST_TEST that `part` is in `text`, showing `text` when it is not.
#define TEST_CONTAINS(text, part) BOOST_TEST(contains((text), (part)), "'" << (part) << "' not in: " << (text))
#define TEST_LACKS(text, part) BOOST_TEST(!contains((text), (part)), "'" << (part) << "' in: " << (text))
// BOOST_TEST that a directory holds exactly the files `expected`, listing them when not.
#define TEST_FILES_ARE(actual, expected)                                                                               \
    do {                                                                                                               \
        const names found_ = (actual);                                                                                 \
        BOOST_TEST(found_ == (expected), "files: " << listing(found_));                                                \
    } while (false)
#define TEST_FILES(actual, ...) TEST_FILES_ARE(actual, (names{__VA_ARGS__}))

// ===========================================================================
// Interoperability with zstd, both directions

BOOST_AUTO_TEST_SUITE(interoperability)

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
            BOOST_TEST(zstd_decoded(dir, "in.zst") == input);
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
    BOOST_TEST_REQUIRE(zstdio(dir, "-0 in -o zero.zst").status == 0);
    BOOST_TEST(fs::file_size(dir.path("nineteen.zst")) < fs::file_size(dir.path("one.zst")));
    // The default is level 3, as zstd's; -0 means the default.
    BOOST_TEST(read_file(dir.path("default.zst")) == read_file(dir.path("three.zst")));
    BOOST_TEST(read_file(dir.path("zero.zst")) == read_file(dir.path("three.zst")));
    // Without --ultra, zstd caps -22 at 19 with a warning; so does zstdio.
    const outcome capped = zstdio(dir, "-22 in -o capped.zst");
    BOOST_TEST(capped.status == 0);
    TEST_CONTAINS(capped.err, "Warning : compression level higher than max, reduced to 19 \n");
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

BOOST_AUTO_TEST_CASE(long_distance_matching_and_its_window)
{
    temp_dir dir;
    // 3 x 2 MiB random blocks repeat beyond level 1's 512 KiB window, within --long's.
    const std::string block = random_bytes(2 << 20, 5);
    const std::string input = block + block + block;
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-1 in -o plain.zst").status == 0);
    const outcome l = zstdio(dir, "-1 --long=24 in -o long.zst");
    BOOST_TEST_REQUIRE(l.status == 0, l.err);
    BOOST_TEST(fs::file_size(dir.path("long.zst")) * 2 < fs::file_size(dir.path("plain.zst")));
    BOOST_TEST(zstd_decoded(dir, "long.zst", "--long=24") == input);
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
    BOOST_TEST(refused.status == 1);
    BOOST_TEST(refused.err == "big.zst : Window size larger than maximum : 536870912 > 134217728 \n"
                              "big.zst : Use --long=29 or --memory=512MB \n");
    TEST_FILES(files_in(dir), "big.zst", "in");

    const outcome accepted = zstdio(dir, "--long=29 -d big.zst -o out");
    BOOST_TEST(accepted.status == 0, accepted.err);
    BOOST_TEST(read_file(dir.path("out")) == input);
}

BOOST_AUTO_TEST_CASE(dictionaries_both_ways)
{
    temp_dir dir;
    const std::string record = make_dictionary(dir, "dict", 4242);
    write_file(dir.path("rec"), record);

    // zstdio -D compresses; zstd -D decompresses; the dictionary helps.
    BOOST_TEST_REQUIRE(zstdio(dir, "-D dict rec -o with.zst").status == 0);
    BOOST_TEST_REQUIRE(zstdio(dir, "rec -o without.zst").status == 0);
    BOOST_TEST(fs::file_size(dir.path("with.zst")) < fs::file_size(dir.path("without.zst")));
    BOOST_TEST(zstd_decoded(dir, "with.zst", "-D dict") == record);
    TEST_CONTAINS(frame_info(dir, "with.zst"), "DictID: 4242");

    // zstd -D compresses; zstdio -D decompresses.
    zstd(dir, "-q -D dict rec -o by-zstd.zst");
    const outcome d = zstdio(dir, "-D dict -d -c by-zstd.zst");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST(d.out == record);

    // Without the dictionary: zstd's decoding error, and no output.
    const outcome missing = zstdio(dir, "-d by-zstd.zst -o plain");
    BOOST_TEST(missing.status == 1);
    BOOST_TEST(missing.err == "by-zstd.zst : Decoding error (36) : Dictionary mismatch \n");
    BOOST_TEST(!fs::exists(dir.path("plain")));

    // A dictionary file that does not exist: one line naming it, no output.
    const outcome nofile = zstdio(dir, "-D nosuchdict -d by-zstd.zst -o plain");
    BOOST_TEST(nofile.status == 1);
    BOOST_TEST(nofile.err.compare(0, 8, "zstdio: ") == 0, nofile.err);
    TEST_CONTAINS(nofile.err, "nosuchdict");
    TEST_CONTAINS(nofile.err, "No such file or directory");
    BOOST_TEST(std::count(nofile.err.begin(), nofile.err.end(), '\n') == 1, nofile.err);
    TEST_FILES(files_in(dir), "by-zstd.zst", "dict", "rec", "with.zst", "without.zst");
}

BOOST_AUTO_TEST_CASE(patch_from_both_ways)
{
    temp_dir dir;
    const std::string old_version = text(300000, 12);
    std::string new_version = old_version;
    new_version.replace(150000, 20, "a change in the middle");
    new_version += "and a new end\n";
    write_file(dir.path("old"), old_version);
    write_file(dir.path("new"), new_version);

    const outcome c = zstdio(dir, "-q --patch-from=old new -o patch.zst");
    BOOST_TEST_REQUIRE(c.status == 0, c.err);
    BOOST_TEST(fs::file_size(dir.path("patch.zst")) < 1000u); // the difference only
    BOOST_TEST(zstd_decoded(dir, "patch.zst", "--patch-from=old") == new_version);

    zstd(dir, "-q --patch-from=old new -o by-zstd.zst");
    const outcome d = zstdio(dir, "-d -c --patch-from=old by-zstd.zst");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST(d.out == new_version);

    // zstd's refusals: several files, or with -D.
    const outcome several = zstdio(dir, "--patch-from=old old new");
    BOOST_TEST(several.status == 1);
    BOOST_TEST(several.err == "error : can't use --patch-from=# on multiple files \n");
    const outcome with_dict = zstdio(dir, "-D old --patch-from=old new");
    BOOST_TEST(with_dict.status == 1);
    BOOST_TEST(with_dict.err == "error : can't use -D and --patch-from=# at the same time \n");

    // A wrong reference: zstd's checksum error, no output; none: corruption.
    std::string other = old_version;
    other[1000] ^= 1;
    write_file(dir.path("other"), other);
    const outcome wrong = zstdio(dir, "-d --patch-from=other patch.zst -o out");
    BOOST_TEST(wrong.status == 1);
    BOOST_TEST(wrong.err == "patch.zst : Decoding error (36) : Restored data doesn't match checksum \n");
    const outcome none = zstdio(dir, "-d patch.zst -o out");
    BOOST_TEST(none.status == 1);
    BOOST_TEST(none.err == "patch.zst : Decoding error (36) : Data corruption detected \n");
    BOOST_TEST(!fs::exists(dir.path("out")));

    // zstd's limits, its exit status 42 and its lines: stdin needs
    // --stream-size; nothing above 2 GB (here the memory limit).
    const outcome from_stdin = zstdio(dir, "--patch-from=old -c", "new");
    BOOST_TEST(from_stdin.status == 42);
    BOOST_TEST(from_stdin.err == "zstdio: error 42 : Using --patch-from with stdin requires --stream-size \n");
    BOOST_TEST(from_stdin.out.empty());
    const outcome sized = zstdio(dir, "-q --patch-from=old -c --stream-size=" + std::to_string(new_version.size()), "new");
    BOOST_TEST(sized.status == 0, sized.err);
    BOOST_TEST(sized.out == zstd(dir, "-q --patch-from=old -c --stream-size=" + std::to_string(new_version.size()), "new").out);
    for (const std::string mode : {"", "-d "}) {
        const outcome huge = zstdio(dir, mode + "--memory=3072MB --patch-from=old patch.zst -c");
        BOOST_TEST(huge.status == 42);
        BOOST_TEST(huge.err == "zstdio: error 42 : Can't handle files larger than 2 GB\n \n");
    }
}

BOOST_AUTO_TEST_CASE(patch_from_as_zstd_on_large_inputs)
{
    // 16 MiB: beyond level 3's window and match finder, where zstd's window
    // and long-mode rules make the patch.  Same libzstd, same parameters:
    // the same bytes as zstd's, and the same notes.
    temp_dir dir;
    const std::string old_version = text(16 << 20, 51);
    const std::string new_version = edited(old_version, 1 << 20);
    write_file(dir.path("old"), old_version);
    write_file(dir.path("new"), new_version);
    for (const std::string flags : {"-q", "-q --long", "-q --single-thread", "-qq", ""}) {
        BOOST_TEST_CONTEXT("flags '" << flags << "'")
        {
            const outcome ours = zstdio(dir, flags + " -f --patch-from=old new -o ours.zst");
            BOOST_TEST_REQUIRE(ours.status == 0, ours.err);
            const outcome theirs = zstd(dir, flags + " -f --patch-from=old new -o theirs.zst");
            const std::string patch = read_file(dir.path("ours.zst"));
            BOOST_TEST(patch.size() < 5000u);
            BOOST_TEST(patch == read_file(dir.path("theirs.zst")));
            if (flags.empty()) // the result line too: compared in other tests; here the note before it
                BOOST_TEST(ours.err.compare(0, 34, "long mode automatically triggered\n") == 0, ours.err);
            else
                BOOST_TEST(ours.err == theirs.err);
            BOOST_TEST(zstd_decoded(dir, "ours.zst", "--patch-from=old") == new_version);
            const outcome d = zstdio(dir, "-d -c --patch-from=old theirs.zst");
            BOOST_TEST(d.status == 0, d.err);
            BOOST_TEST(d.out == new_version);
        }
    }

    // Level 19 (btultra2): zstd's advice about the optimal parser, on a
    // smaller pair (level 19 is slow).
    write_file(dir.path("old"), old_version.substr(0, 1 << 20));
    write_file(dir.path("new"), new_version.substr(0, 1 << 20));
    const outcome ours = zstdio(dir, "-q -19 -f --patch-from=old new -o ours.zst");
    const outcome theirs = zstd(dir, "-q -19 -f --patch-from=old new -o theirs.zst");
    BOOST_TEST(ours.status == 0);
    TEST_CONTAINS(ours.err, "[Optimal parser notes]");
    BOOST_TEST(ours.err == theirs.err);
    BOOST_TEST(read_file(dir.path("ours.zst")) == read_file(dir.path("theirs.zst")));
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
    BOOST_TEST(zstd_decoded(dir, "multi.zst") == a + b + c); // the same verdict as zstd

    // Several inputs into one -o file: one frame each, zstd reads them all.
    write_file(dir.path("a"), a);
    write_file(dir.path("b"), b);
    const outcome many = zstdio(dir, "-f a b -o ab.zst");
    BOOST_TEST(many.status == 0, many.err);
    BOOST_TEST(zstd_decoded(dir, "ab.zst") == a + b);
    // ... and -c writes them all to stdout.
    write_file(dir.path("ab-stdout.zst"), zstdio(dir, "-c a b").out);
    BOOST_TEST(zstd_decoded(dir, "ab-stdout.zst") == a + b);
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
// File handling, as zstd does it

BOOST_AUTO_TEST_SUITE(files)

BOOST_AUTO_TEST_CASE(default_names_keep_and_rm)
{
    temp_dir dir;
    const std::string input = text(50000, 9);
    write_file(dir.path("data.txt"), input);

    const outcome c = zstdio(dir, "data.txt");
    BOOST_TEST(c.status == 0, c.err);
    TEST_FILES(files_in(dir), "data.txt", "data.txt.zst");
    // zstd's result line: name, ratio, sizes, output.
    BOOST_TEST(c.err.compare(0, 23, "data.txt             : ") == 0, c.err);
    TEST_CONTAINS(c.err, "(  48.8 KiB => ");
    TEST_CONTAINS(c.err, ", data.txt.zst) \n");

    fs::rename(dir.path("data.txt"), dir.path("orig"));
    const outcome d = zstdio(dir, "-d data.txt.zst");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST(d.err == "data.txt.zst        : 50000 bytes \n");
    BOOST_TEST(read_file(dir.path("data.txt")) == input);
    BOOST_TEST(fs::exists(dir.path("data.txt.zst"))); // kept by default

    const outcome rm = zstdio(dir, "-f --rm data.txt");
    BOOST_TEST(rm.status == 0, rm.err);
    BOOST_TEST(!fs::exists(dir.path("data.txt")));
    const outcome rmd = zstdio(dir, "-q -d --rm data.txt.zst");
    BOOST_TEST(rmd.status == 0, rmd.err);
    BOOST_TEST(rmd.err.empty(), rmd.err); // -q: no result line
    TEST_FILES(files_in(dir), "data.txt", "orig");
    BOOST_TEST(read_file(dir.path("data.txt")) == input);

    // -k / --keep after --rm: the last word wins, the input stays.
    BOOST_TEST(zstdio(dir, "-q --rm -k data.txt").status == 0);
    BOOST_TEST(zstdio(dir, "-q -f --rm --keep data.txt").status == 0);
    TEST_FILES(files_in(dir), "data.txt", "data.txt.zst", "orig");

    // .tzst -> .tar, .zstd -> its stem, as zstd; other suffixes need -o.
    BOOST_TEST_REQUIRE(zstdio(dir, "-q data.txt -o x.tzst").status == 0);
    BOOST_TEST(zstdio(dir, "-q -d x.tzst").status == 0);
    BOOST_TEST(read_file(dir.path("x.tar")) == input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q data.txt -o y.zstd").status == 0);
    BOOST_TEST(zstdio(dir, "-q -d y.zstd").status == 0);
    BOOST_TEST(read_file(dir.path("y")) == input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q data.txt -o x.bin").status == 0);
    const outcome unknown = zstdio(dir, "-d x.bin");
    BOOST_TEST(unknown.status == 1);
    BOOST_TEST(unknown.err == "zstdio: x.bin: unknown suffix (.zst/.tzst/.gz/.tgz/.lzma/.xz/.txz/.bz2/.tbz2 "
                              "expected). Can't "
                              "derive the output file name. Specify it with -o dstFileName. Ignoring. \n");
}

BOOST_AUTO_TEST_CASE(stdin_and_stdout)
{
    temp_dir dir;
    const std::string input = text(123456, 5);
    write_file(dir.path("in"), input);
    const outcome c = zstdio(dir, "", "in"); // no file: stdin to stdout
    BOOST_TEST(c.status == 0, c.err);
    BOOST_TEST(c.err.empty(), c.err); // no result line when writing to stdout
    write_file(dir.path("c.zst"), c.out);
    BOOST_TEST(zstd_decoded(dir, "c.zst") == input);
    const outcome dash = zstdio(dir, "-d -", "c.zst");
    BOOST_TEST(dash.status == 0, dash.err);
    BOOST_TEST(dash.out == input);
    const outcome named = zstdio(dir, "- -o named.zst", "in");
    BOOST_TEST(named.status == 0, named.err);
    BOOST_TEST(zstd_decoded(dir, "named.zst") == input);
    // -c and --stdout: the file's frame on stdout, nothing written beside it.
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in -o file.zst").status == 0);
    const outcome to_stdout = zstdio(dir, "-c in");
    BOOST_TEST(to_stdout.status == 0, to_stdout.err);
    BOOST_TEST(to_stdout.err.empty(), to_stdout.err);
    BOOST_TEST(to_stdout.out == read_file(dir.path("file.zst")));
    BOOST_TEST(zstdio(dir, "--stdout in").out == to_stdout.out);
    TEST_FILES(files_in(dir), "c.zst", "file.zst", "in", "named.zst");
}

BOOST_AUTO_TEST_CASE(double_dash_ends_the_options)
{
    temp_dir dir;
    const std::string input = text(3000, 2);
    write_file(dir.path("-x"), input);
    const outcome r = zstdio(dir, "-q -- -x");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(zstd_decoded(dir, "./-x.zst") == input);
    // Without --, -x is an option zstd does not know.
    BOOST_TEST(zstdio(dir, "-q -f -x").err.compare(0, 22, "Incorrect parameters \n") == 0);
}

BOOST_AUTO_TEST_CASE(test_mode_checks_without_writing)
{
    temp_dir dir;
    write_file(dir.path("good.zst"), zstd_cli("-q", text(40000, 2)));
    const outcome ok = zstdio(dir, "-t good.zst");
    BOOST_TEST(ok.status == 0, ok.err);
    BOOST_TEST(ok.out.empty());
    BOOST_TEST(ok.err == "good.zst            : 40000 bytes \n");
    const outcome long_form = zstdio(dir, "--test good.zst -o ignored");
    BOOST_TEST(long_form.status == 0, long_form.err);
    std::string bad = read_file(dir.path("good.zst"));
    bad.resize(bad.size() - 3);
    write_file(dir.path("bad.zst"), bad);
    const outcome r = zstdio(dir, "-q -t bad.zst");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.err == "bad.zst : Read error (39) : premature end \n");
    TEST_FILES(files_in(dir), "bad.zst", "good.zst");
}

BOOST_AUTO_TEST_CASE(z_compresses_whatever_the_name_says)
{
    temp_dir dir;
    const std::string input = text(5000, 3);
    write_file(dir.path("in"), input);
    BOOST_TEST(zstdio(dir, "-q -d -z in").status == 0); // the last operation wins
    BOOST_TEST(zstd_decoded(dir, "in.zst") == input);
    BOOST_TEST(shell(dir, cli_named("unzstd") + " -q -z -f in").status == 0);
    BOOST_TEST(zstd_decoded(dir, "in.zst") == input);
    BOOST_TEST(shell(dir, cli_named("unzstd") + " -q --compress -o in2.zst in").status == 0);
    BOOST_TEST(zstd_decoded(dir, "in2.zst") == input);
}

BOOST_AUTO_TEST_CASE(recursion_into_nested_directories)
{
    temp_dir dir;
    fs::create_directories(dir.path("d/e/f"));
    write_file(dir.path("d/a"), text(1000, 1));
    write_file(dir.path("d/e/b"), text(2000, 2));
    write_file(dir.path("d/e/f/c"), text(3000, 3));
    // Without -r a directory is skipped with zstd's message.
    const outcome skipped = zstdio(dir, "d");
    BOOST_TEST(skipped.status == 1);
    BOOST_TEST(skipped.err == "zstdio: d is a directory -- ignored \n");

    const outcome r = zstdio(dir, "-v -r d");
    BOOST_TEST(r.status == 0, r.err);
    // In name order, directory by directory.
    const auto a = r.err.find("d/a "), b = r.err.find("d/e/b "), c = r.err.find("d/e/f/c ");
    BOOST_TEST((a < b && b < c && c != std::string::npos), r.err);
    TEST_FILES(files_in(dir, "d"), "a", "a.zst", "e");
    TEST_FILES(files_in(dir, "d/e"), "b", "b.zst", "f");
    TEST_FILES(files_in(dir, "d/e/f"), "c", "c.zst");
    BOOST_TEST(zstd_decoded(dir, "d/e/f/c.zst") == text(3000, 3));
    TEST_CONTAINS(r.err, "  3 files compressed : ");

    // -d -r decodes them all back in place.
    for (const std::string original : {"d/a", "d/e/b", "d/e/f/c"})
        fs::remove(dir.path(original));
    const outcome d = zstdio(dir, "-d -r d");
    BOOST_TEST(d.status == 0, d.err);
    TEST_CONTAINS(d.err, "3 files decompressed : ");
    BOOST_TEST(read_file(dir.path("d/e/f/c")) == text(3000, 3));
}

BOOST_AUTO_TEST_CASE(filelist_names_the_inputs)
{
    temp_dir dir;
    write_file(dir.path("a"), text(1000, 1));
    write_file(dir.path("b"), text(1000, 2));
    write_file(dir.path("c"), text(1000, 3));
    write_file(dir.path("list"), "a\nc\n");
    const outcome r = zstdio(dir, "-q --filelist list");
    BOOST_TEST(r.status == 0, r.err);
    TEST_FILES(files_in(dir), "a", "a.zst", "b", "c", "c.zst", "list");
    BOOST_TEST(zstd_decoded(dir, "c.zst") == text(1000, 3));
    // A list that does not exist is an error.
    BOOST_TEST(zstdio(dir, "-q --filelist nosuch").status == 1);
}

BOOST_AUTO_TEST_CASE(output_dir_flat_puts_every_output_in_one_directory)
{
    temp_dir dir;
    fs::create_directories(dir.path("d/e"));
    fs::create_directory(dir.path("flat"));
    write_file(dir.path("d/a"), text(1000, 1));
    write_file(dir.path("d/e/b"), text(2000, 2));
    write_file(dir.path("d/e/a"), text(3000, 3));
    const outcome r = zstdio(dir, "-f -r d --output-dir-flat flat");
    BOOST_TEST(r.status == 0, r.err);
    // Two inputs named a: zstd's warning (the second replaced the first with -f).
    TEST_CONTAINS(r.err, "WARNING: Two files have same filename: a\n");
    TEST_FILES(files_in(dir, "flat"), "a.zst", "b.zst");
    BOOST_TEST(zstd_decoded(dir, "flat/b.zst") == text(2000, 2));
    TEST_FILES(files_in(dir, "d/e"), "a", "b"); // nothing beside the inputs

    // Decoding into another flat directory.
    fs::create_directory(dir.path("back"));
    const outcome d = zstdio(dir, "-q -d flat/b.zst --output-dir-flat back");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST(read_file(dir.path("back/b")) == text(2000, 2));
}

BOOST_AUTO_TEST_CASE(output_dir_mirror_recreates_the_tree_and_refuses_dot_dot)
{
    temp_dir dir;
    fs::create_directories(dir.path("d/e/f"));
    write_file(dir.path("d/a"), text(1000, 1));
    write_file(dir.path("d/e/f/c"), text(3000, 3));
    const outcome r = zstdio(dir, "-q -r d --output-dir-mirror m");
    BOOST_TEST(r.status == 0, r.err);
    TEST_FILES(files_in(dir, "m/d"), "a.zst", "e");
    TEST_FILES(files_in(dir, "m/d/e/f"), "c.zst");
    BOOST_TEST(zstd_decoded(dir, "m/d/e/f/c.zst") == text(3000, 3));

    const outcome back = zstdio(dir, "-q -d -r m/d --output-dir-mirror back");
    BOOST_TEST(back.status == 0, back.err);
    BOOST_TEST(read_file(dir.path("back/m/d/e/f/c")) == text(3000, 3));

    // An input whose name climbs out with "..": refused, the others done.
    const outcome climbing = shell(dir, "cd d/e && " + cli() + " f/c ../a --output-dir-mirror out");
    BOOST_TEST(climbing.status == 1);
    TEST_CONTAINS(climbing.err, "zstdio: --output-dir-mirror cannot compress '../a' into 'out' \n");
    TEST_FILES(files_in(dir, "d/e/out/f"), "c.zst");
    BOOST_TEST(!fs::exists(dir.path("d/e/a.zst")));
    BOOST_TEST(!fs::exists(dir.path("d/a.zst")));
    const outcome climbing_d = shell(dir, "cd d/e && " + cli() + " -d ../../m/d/a.zst --output-dir-mirror out");
    BOOST_TEST(climbing_d.status == 1);
    BOOST_TEST(climbing_d.err == "zstdio: --output-dir-mirror cannot decompress '../../m/d/a.zst' into 'out'\n");
}

BOOST_AUTO_TEST_CASE(exclude_compressed_skips_compressed_names)
{
    temp_dir dir;
    fs::create_directory(dir.path("d"));
    write_file(dir.path("d/plain"), text(1000, 1));
    for (const std::string name : {"x.zst", "x.gz", "x.xz", "x.tgz", "x.lz4", "x.lzma", "x.tzst"})
        write_file(dir.path("d/" + name), text(100, 2));
    const outcome r = zstdio(dir, "-q -r --exclude-compressed d");
    BOOST_TEST(r.status == 0, r.err);
    TEST_FILES(files_in(dir, "d"), "plain", "plain.zst", "x.gz", "x.lz4", "x.lzma", "x.tgz", "x.tzst", "x.xz", "x.zst");
    // Without it, they are compressed again, as zstd does.
    BOOST_TEST(zstdio(dir, "-q -r d/x.zst").status == 0);
    BOOST_TEST(fs::exists(dir.path("d/x.zst.zst")));
}

BOOST_AUTO_TEST_CASE(symbolic_links_need_force)
{
    temp_dir dir;
    const std::string input = text(2000, 6);
    write_file(dir.path("a"), input);
    fs::create_symlink("a", dir.path("link"));
    const outcome r = zstdio(dir, "link");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.err == "Warning : link is a symbolic link, ignoring \n");
    BOOST_TEST(!fs::exists(dir.path("link.zst")));
    const outcome forced = zstdio(dir, "-q -f link");
    BOOST_TEST(forced.status == 0, forced.err);
    BOOST_TEST(zstd_decoded(dir, "link.zst") == input);
    BOOST_TEST(fs::is_symlink(dir.path("link")));
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
// Data safety (doc/cli.md "Data safety"): each rule, and the damage it prevents

BOOST_AUTO_TEST_SUITE(data_safety)

namespace {

/// `command` with every "DEV" replaced by `device`.
std::string on_device(std::string command, const std::string& device)
{
    for (auto at = command.find("DEV"); at != std::string::npos; at = command.find("DEV"))
        command.replace(at, 3, device);
    return command;
}

/// Whether the system device `device` may be given to the tool.  Run as
/// root, a tool that replaced its output with a regular file would replace
/// /dev/null or /dev/full for the whole machine; so `commands` are first run
/// against a private node with the same numbers, and the system device is
/// used only if that stayed a device.  Not as root, /dev is not the tool's
/// to replace.
bool safe_to_use(const std::string& device, const std::vector<std::string>& commands)
{
    if (!fs::exists(device)) {
        BOOST_TEST_MESSAGE("no " << device << ": not tested");
        return false;
    }
    temp_dir dir;
    write_file(dir.path("in"), text(20000, 1));
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in").status == 0);
    const std::string own = dir.path("own");
    int fd = -1;
    if (::mknod(own.c_str(), S_IFCHR | 0666, status_of(device).st_rdev) == 0)
        fd = ::open(own.c_str(), O_WRONLY);
    if (fd < 0) {
        if (::geteuid() != 0)
            return true;
        BOOST_TEST_MESSAGE("root, and no private device node here (nodev?): " << device << " not tested");
        return false;
    }
    ::close(fd);
    bool kept = true;
    for (const std::string& command : commands) {
        zstdio(dir, on_device(command, "own"));
        kept = kept && S_ISCHR(status_of(own).st_mode);
    }
    BOOST_TEST(kept, "the tool replaced a device node: " << device << " not tested");
    return kept;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_device_output_is_written_in_place)
{
    temp_dir dir;
    const std::string input = text(20000, 1);
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in -o in.zst").status == 0);
    const std::vector<std::string> commands{"in -o DEV", "-f in -o DEV", "-d -f in.zst -o DEV"};
    if (!safe_to_use("/dev/null", commands))
        return;
    const struct stat before = status_of("/dev/null");
    for (const std::string& command : commands) {
        BOOST_TEST_CONTEXT(on_device(command, "/dev/null"))
        {
            const outcome r = zstdio(dir, on_device(command, "/dev/null"));
            BOOST_TEST(r.status == 0, r.err);
            TEST_CONTAINS(r.err, command[1] == 'd' ? "in.zst              : 20000 bytes \n" : ", /dev/null) \n");
            const struct stat after = status_of("/dev/null");
            BOOST_TEST_REQUIRE(S_ISCHR(after.st_mode)); // still the device, not a regular file
            BOOST_TEST(after.st_rdev == before.st_rdev);
            BOOST_TEST(after.st_ino == before.st_ino);
        }
    }
    for (const auto& e : fs::directory_iterator("/dev"))
        BOOST_TEST(e.path().filename().string().compare(0, 6, ".null.") != 0, e.path());
    TEST_FILES(files_in(dir), "in", "in.zst");
    BOOST_TEST(read_file(dir.path("in")) == input);
}

BOOST_AUTO_TEST_CASE(a_fifo_output_is_written_in_place)
{
    if (!have_command("mkfifo")) {
        BOOST_TEST_MESSAGE("no mkfifo: FIFO output not tested");
        return;
    }
    temp_dir dir;
    const std::string input = text(200000, 9);
    write_file(dir.path("in"), input);
    // A reader drains the FIFO into `got` while zstdio writes into it.
    const outcome r =
        shell(dir, "mkfifo p && { " + bounded("cat p") + " > got & } && " + cli() + " -f in -o p; s=$?; wait; exit $s");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(S_ISFIFO(status_of(dir.path("p")).st_mode));
    BOOST_TEST(zstd_decoded(dir, "got") == input);
    TEST_FILES(files_in(dir), "got", "in", "p");
}

BOOST_AUTO_TEST_CASE(a_failed_run_leaves_no_output_and_no_temporary_file)
{
    temp_dir dir;
    write_file(dir.path("cut.zst"), truncated_frame());
    write_file(dir.path("bad.zst"), corrupt_frame());
    const std::string record = make_dictionary(dir, "dict", 7);
    write_file(dir.path("rec"), record);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -D dict rec -o needs-dict.zst").status == 0);
    fs::remove(dir.path("rec"));
    const names before = files_in(dir);

    struct failure {
        std::string args, message;
    };
    for (const failure& f :
         {failure{"-d cut.zst", "cut.zst : Read error (39) : premature end \n"},
          failure{"-d cut.zst -o out", "cut.zst : Read error (39) : premature end \n"},
          failure{"-d bad.zst", "bad.zst : Decoding error (36) : "},
          failure{"-d bad.zst -o out", "bad.zst : Decoding error (36) : "},
          failure{"-d needs-dict.zst", "needs-dict.zst : Decoding error (36) : Dictionary mismatch \n"},
          failure{"-d needs-dict.zst -o out", "needs-dict.zst : Decoding error (36) : Dictionary mismatch \n"},
          failure{"-d cut.zst needs-dict.zst -f -o out", "cut.zst : Read error (39) : premature end \n"},
          failure{"-d --rm cut.zst", "cut.zst : Read error (39) : premature end \n"}}) {
        BOOST_TEST_CONTEXT("zstdio " << f.args)
        {
            const outcome r = zstdio(dir, f.args);
            BOOST_TEST(r.status == 1);
            TEST_CONTAINS(r.err, f.message);
            TEST_FILES_ARE(files_in(dir), before); // no output, no .NAME.XXXXXX, inputs kept
        }
    }
    // Piped, the status still says it failed.
    const outcome piped = zstdio(dir, "-d", "cut.zst");
    BOOST_TEST(piped.status == 1);
    BOOST_TEST(piped.err == "/*stdin*\\ : Read error (39) : premature end \n");

    // An existing output is untouched by a failed -f run.
    write_file(dir.path("out"), "precious");
    BOOST_TEST(zstdio(dir, "-q -d -f bad.zst -o out").status == 1);
    BOOST_TEST(zstdio(dir, "-q -d -f cut.zst needs-dict.zst -o out").status == 1);
    BOOST_TEST(read_file(dir.path("out")) == "precious");
}

BOOST_AUTO_TEST_CASE(corrupt_and_unknown_inputs_say_why)
{
    temp_dir dir;
    write_file(dir.path("bad.zst"), corrupt_frame());
    BOOST_TEST_REQUIRE(shell(dir, "zstd -q -t bad.zst").status != 0); // zstd rejects it too
    const outcome r = zstdio(dir, "-d bad.zst");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.err.compare(0, 32, "bad.zst : Decoding error (36) : ") == 0, r.err);
    BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, r.err);

    write_file(dir.path("plain.zst"), "this is not zstd data at all\n");
    const outcome plain = zstdio(dir, "-d plain.zst");
    BOOST_TEST(plain.status == 1);
    BOOST_TEST(plain.err == "zstdio: plain.zst: unsupported format \n");
    write_file(dir.path("empty.zst"), "");
    const outcome empty = zstdio(dir, "-d empty.zst");
    BOOST_TEST(empty.status == 1);
    BOOST_TEST(empty.err == "zstdio: empty.zst: unexpected end of file \n");
    const outcome nosuch = zstdio(dir, "-d nosuch.zst");
    BOOST_TEST(nosuch.status == 1);
    BOOST_TEST(nosuch.err == "zstdio: can't stat nosuch.zst : No such file or directory -- ignored \n");
    const outcome nosuch_c = zstdio(dir, "nosuch");
    BOOST_TEST(nosuch_c.status == 1);
    BOOST_TEST(nosuch_c.err == "zstdio: can't stat nosuch : No such file or directory -- ignored \n");
    // A valid frame followed by junk: the junk is an error, as for zstd, and no output stays.
    write_file(dir.path("tail.zst"), zstd_cli("-q", "data\n") + "junk after the frame\n");
    const outcome tail = zstdio(dir, "-d tail.zst -o tail");
    BOOST_TEST(tail.status == 1);
    BOOST_TEST(tail.err == "zstdio: tail.zst: unsupported format \n");
    // A directory as the output.
    fs::create_directory(dir.path("d"));
    const outcome to_dir = zstdio(dir, "-d -f tail.zst -o d");
    BOOST_TEST(to_dir.status == 1);
    BOOST_TEST(to_dir.err == "zstdio: d: is a directory \n");
    TEST_FILES(files_in(dir), "bad.zst", "d", "empty.zst", "plain.zst", "tail.zst");
    TEST_FILES(files_in(dir, "d"));
}

BOOST_AUTO_TEST_CASE(rm_never_removes_an_input_written_to_stdout)
{
    temp_dir dir;
    const std::string input = text(20000, 3);
    write_file(dir.path("a"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q a").status == 0);
    const std::string frame = read_file(dir.path("a.zst"));
    for (const std::string& command :
         {cli() + " --rm -c a", cli() + " -c --rm a", cli() + " --rm --stdout a", cli() + " -d --rm -c a.zst",
          cli() + " -dc --rm a.zst", cli_named("zstdcat") + " a.zst", cli_named("zstdcat") + " --rm a.zst"}) {
        BOOST_TEST_CONTEXT(command)
        {
            const outcome r = shell(dir, command);
            BOOST_TEST(r.status == 0, r.err);
            BOOST_TEST(!r.out.empty());
            TEST_FILES(files_in(dir), "a", "a.zst");
            BOOST_TEST(read_file(dir.path("a")) == input);
            BOOST_TEST(read_file(dir.path("a.zst")) == frame);
        }
    }
    // -v tells why, as zstd.
    TEST_CONTAINS(zstdio(dir, "-v -c --rm a").err, "Note: src files are not removed when output is stdout \n");
    // ... while --rm to a file does remove the input.
    BOOST_TEST(zstdio(dir, "-q -f --rm a").status == 0);
    TEST_FILES(files_in(dir), "a.zst");
}

BOOST_AUTO_TEST_CASE(rm_keeps_the_inputs_after_a_failure_or_a_concatenation)
{
    temp_dir dir;
    write_file(dir.path("cut.zst"), truncated_frame());
    write_file(dir.path("a"), text(2000, 1));
    write_file(dir.path("b"), text(2000, 2));
    const outcome failed = zstdio(dir, "-d --rm cut.zst");
    BOOST_TEST(failed.status == 1);
    BOOST_TEST(fs::exists(dir.path("cut.zst")));
    BOOST_TEST(!fs::exists(dir.path("cut")));

    // Several inputs into one output: none is removed, with zstd's note.
    const outcome joined = zstdio(dir, "--rm -f a b -o ab.zst");
    BOOST_TEST(joined.status == 0, joined.err);
    TEST_CONTAINS(joined.err, "Since it's a destructive operation, input files will not be removed. \n");
    TEST_FILES(files_in(dir), "a", "ab.zst", "b", "cut.zst");
    BOOST_TEST(zstd_decoded(dir, "ab.zst") == text(2000, 1) + text(2000, 2));

    // One of several inputs fails: the others are done and removed, it stays.
    const outcome partly = zstdio(dir, "-q -d --rm -f ab.zst cut.zst");
    BOOST_TEST(partly.status == 1);
    TEST_FILES(files_in(dir), "a", "ab", "b", "cut.zst");
}

BOOST_AUTO_TEST_CASE(rm_leaves_a_non_regular_input_and_succeeds)
{
    if (!have_command("mkfifo")) {
        BOOST_TEST_MESSAGE("no mkfifo: --rm with a FIFO input not tested");
        return;
    }
    temp_dir dir;
    const std::string input = text(5000, 3);
    write_file(dir.path("a"), input);
    for (const std::string output : {"", " -o out.zst"}) {
        BOOST_TEST_CONTEXT("--rm f" << output)
        {
            const outcome r = shell(dir, "rm -f f && mkfifo f && { " + bounded("sh -c 'cat a > f'") + " & } && " +
                                             cli() + " --rm -f f" + output + "; s=$?; wait; exit $s");
            BOOST_TEST(r.status == 0, r.err); // as zstd: a warning, not a failure
            TEST_CONTAINS(r.err, "zstdio: Refusing to remove non-regular file f\n");
            BOOST_TEST(S_ISFIFO(status_of(dir.path("f")).st_mode));
            BOOST_TEST(zstd_decoded(dir, output.empty() ? "f.zst" : "out.zst") == input);
        }
    }
}

namespace {

/// The tool started in `dir` with `args`, stdin from `stdin_fd`, stdout
/// discarded, stderr into `err_file`; default signal dispositions.
pid_t start_tool(const temp_dir& dir, const std::vector<std::string>& args, int stdin_fd, const std::string& err_file)
{
    std::vector<std::string> argv_strings{tested_programs().cli};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& s : argv_strings)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    const std::string where = dir.path(".");
    const pid_t pid = ::fork();
    if (pid == 0) {
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE})
            std::signal(sig, SIG_DFL);
        const int out = ::open("/dev/null", O_WRONLY);
        const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (::chdir(where.c_str()) != 0 || out < 0 || err < 0 || ::dup2(stdin_fd, 0) < 0 || ::dup2(out, 1) < 0 ||
            ::dup2(err, 2) < 0)
            ::_exit(127);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

/// Waits until a hidden temporary file for `output` (".output.XXXXXX")
/// appears in `dir`; false after 10 seconds.
bool temporary_file_appears(const temp_dir& dir, const std::string& output)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        for (const std::string& name : files_in(dir))
            if (name.compare(0, output.size() + 2, "." + output + ".") == 0)
                return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

/// Sends `sig` and returns the signal the tool died of (0 if it exited).
int kill_and_wait(pid_t pid, int sig)
{
    ::kill(pid, sig);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_signal_removes_the_temporary_file_and_nothing_else)
{
    const std::string data = text(40000, 4);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        BOOST_TEST_CONTEXT("signal " << sig)
        {
            // Input from a pipe the test feeds, then stops feeding: a slow run.
            temp_dir dir, capture;
            write_file(dir.path("out.zst"), "precious");
            int pipe_fds[2];
            BOOST_TEST_REQUIRE(::pipe2(pipe_fds, O_CLOEXEC) == 0);
            const pid_t pid = start_tool(dir, {"-f", "-", "-o", "out.zst"}, pipe_fds[0], capture.path("err"));
            ::close(pipe_fds[0]);
            BOOST_TEST(::write(pipe_fds[1], data.data(), data.size()) == static_cast<ssize_t>(data.size()));
            BOOST_TEST(temporary_file_appears(dir, "out.zst"));
            BOOST_TEST(kill_and_wait(pid, sig) == sig);
            ::close(pipe_fds[1]);
            TEST_FILES(files_in(dir), "out.zst"); // the temporary file is gone
            BOOST_TEST(read_file(dir.path("out.zst")) == "precious");
        }
    }
    if (!have_command("mkfifo")) {
        BOOST_TEST_MESSAGE("no mkfifo: a signal with a named slow input not tested");
        return;
    }
    // A named input (a FIFO) with --rm: neither the input nor the output is
    // touched.
    temp_dir dir, capture;
    write_file(dir.path("out.zst"), "precious");
    BOOST_TEST_REQUIRE(::mkfifo(dir.path("slow").c_str(), 0644) == 0);
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const pid_t pid = start_tool(dir, {"--rm", "-f", "slow", "-o", "out.zst"}, null, capture.path("err"));
    ::close(null);
    int writer = -1;
    for (int i = 0; i < 1000 && writer < 0; ++i) { // until the tool opens it
        writer = ::open(dir.path("slow").c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (writer < 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    BOOST_TEST_REQUIRE(writer >= 0);
    ::fcntl(writer, F_SETFL, 0);
    BOOST_TEST(::write(writer, data.data(), data.size()) == static_cast<ssize_t>(data.size()));
    BOOST_TEST(temporary_file_appears(dir, "out.zst"));
    BOOST_TEST(kill_and_wait(pid, SIGTERM) == SIGTERM);
    ::close(writer);
    TEST_FILES(files_in(dir), "out.zst", "slow");
    BOOST_TEST(S_ISFIFO(status_of(dir.path("slow")).st_mode));
    BOOST_TEST(read_file(dir.path("out.zst")) == "precious");
}

BOOST_AUTO_TEST_CASE(the_output_takes_the_inputs_mode_and_times)
{
    temp_dir dir;
    write_file(dir.path("in"), text(10000, 5));
    BOOST_TEST_REQUIRE(shell(dir, "chmod 640 in && touch -d '2001-02-03 04:05:06' in").status == 0);
    const struct stat in = status_of(dir.path("in"));
    BOOST_TEST_REQUIRE(in.st_mtim.tv_sec == in.st_atim.tv_sec); // touch -d set both

    BOOST_TEST_REQUIRE(zstdio(dir, "-q in").status == 0);
    const struct stat zst = status_of(dir.path("in.zst"));
    BOOST_TEST((zst.st_mode & 07777) == 0640u);
    BOOST_TEST(zst.st_mtim.tv_sec == in.st_mtim.tv_sec);
    BOOST_TEST(zst.st_mtim.tv_nsec == in.st_mtim.tv_nsec);

    BOOST_TEST_REQUIRE(zstdio(dir, "-q -d in.zst -o back").status == 0);
    const struct stat back = status_of(dir.path("back"));
    BOOST_TEST((back.st_mode & 07777) == 0640u);
    BOOST_TEST(back.st_mtim.tv_sec == in.st_mtim.tv_sec);

    // Made from stdin: 0666 less the umask (not the temporary file's 0600).
    BOOST_TEST_REQUIRE(shell(dir, "umask 002 && " + cli() + " -q -o piped.zst", "in").status == 0);
    BOOST_TEST((status_of(dir.path("piped.zst")).st_mode & 07777) == 0664u);
    BOOST_TEST_REQUIRE(shell(dir, "umask 027 && " + cli() + " -q -d -o piped", "in.zst").status == 0);
    BOOST_TEST((status_of(dir.path("piped")).st_mode & 07777) == 0640u);
}

BOOST_AUTO_TEST_CASE(a_full_disk_is_an_error_naming_the_output)
{
    temp_dir dir;
    const std::string input = random_bytes(100000, 6);
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in").status == 0);
    const std::string frame = read_file(dir.path("in.zst"));
    const std::vector<std::string> commands{"in -o DEV", "-f in -o DEV", "-d -f in.zst -o DEV",
                                            "--format=gzip -f in -o DEV", "--format=xz -f in -o DEV"};
    if (safe_to_use("/dev/full", commands)) {
        for (const std::string& command : commands) {
            BOOST_TEST_CONTEXT(on_device(command, "/dev/full"))
            {
                const outcome r = zstdio(dir, on_device(command, "/dev/full"));
                BOOST_TEST(r.status == 1);
                BOOST_TEST(r.err == "zstdio: /dev/full: Write error : No space left on device (cannot write block) \n");
                BOOST_TEST_REQUIRE(S_ISCHR(status_of("/dev/full").st_mode));
            }
        }
        const outcome c = shell(dir, cli() + " -c in > /dev/full");
        BOOST_TEST(c.status == 1);
        TEST_CONTAINS(c.err, "No space left on device");
    }
    // A regular file that cannot grow (a file size limit: "File too large")
    // is a failure too: no output, no temporary file, the input kept even
    // with --rm, whatever the format (a .gz's last bytes are written at its end).
    for (const std::string format : {"", "--format=gzip ", "--format=xz "}) {
        BOOST_TEST_CONTEXT(format)
        {
            const outcome r = shell(dir, "trap '' XFSZ; ulimit -f 1 && " + cli() + " --rm -f " + format + "in");
            BOOST_TEST(r.status == 1);
            TEST_CONTAINS(r.err, "Write error : File too large (cannot write block) \n");
            TEST_FILES(files_in(dir), "in", "in.zst");
            BOOST_TEST(read_file(dir.path("in")) == input);
            BOOST_TEST(read_file(dir.path("in.zst")) == frame);
        }
    }
    // A small input: all of a .gz is written when it ends.
    write_file(dir.path("small"), text(8000, 1));
    const outcome small = shell(dir, "trap '' XFSZ; ulimit -f 1 && " + cli() + " --rm --format=gzip small");
    BOOST_TEST(small.status == 1);
    BOOST_TEST(small.err == "zstdio: small.gz: Write error : File too large (cannot write block) \n");
    TEST_FILES(files_in(dir), "in", "in.zst", "small");
}

BOOST_AUTO_TEST_CASE(the_input_is_never_its_own_output)
{
    temp_dir dir;
    const std::string input = text(20000, 7);
    write_file(dir.path("x"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q x").status == 0);
    const std::string frame = read_file(dir.path("x.zst"));
    fs::create_hard_link(dir.path("x.zst"), dir.path("hard.zst"));
    fs::create_symlink("x.zst", dir.path("soft.zst"));
    for (const std::string command : {"-d -f x.zst -o x.zst", "-d -f x.zst -o ./x.zst", "-d -f x.zst -o hard.zst",
                                      "-d -f hard.zst -o x.zst", "-d -f x.zst -o soft.zst", "-f x -o ./x",
                                      "-f x -o x", "-f x.zst x -o x.zst"}) {
        BOOST_TEST_CONTEXT(command)
        {
            const outcome r = zstdio(dir, command);
            BOOST_TEST(r.status == 1);
            TEST_CONTAINS(r.err, "zstdio: Refusing to open an output file which will overwrite the input file \n");
            BOOST_TEST(read_file(dir.path("x")) == input);
            BOOST_TEST(read_file(dir.path("x.zst")) == frame);
            TEST_FILES(files_in(dir), "hard.zst", "soft.zst", "x", "x.zst");
        }
    }
}

BOOST_AUTO_TEST_CASE(an_existing_output_is_replaced_only_when_allowed)
{
    temp_dir dir;
    const std::string input = text(20000, 6);
    write_file(dir.path("in"), input);
    write_file(dir.path("in.zst"), "precious");

    // zstd's question, answered by stdin: no (or nothing) keeps the file.
    for (const std::string answer : {"n", "N", "", "x"}) {
        BOOST_TEST_CONTEXT("answer '" << answer << "'")
        {
            const outcome r = shell(dir, "printf '" + answer + "\\n' | " + cli() + " in");
            BOOST_TEST(r.status == 1);
            BOOST_TEST(r.err == "zstdio: in.zst already exists; overwrite (y/n) ? Not overwritten  \n \n");
            BOOST_TEST(read_file(dir.path("in.zst")) == "precious");
        }
    }
    const outcome eof = zstdio(dir, "in -o in.zst"); // stdin at its end
    BOOST_TEST(eof.status == 1);
    BOOST_TEST(read_file(dir.path("in.zst")) == "precious");
    // At -q there is no question.
    const outcome quiet = zstdio(dir, "-q in");
    BOOST_TEST(quiet.status == 1);
    BOOST_TEST(quiet.err == "zstdio: in.zst already exists; not overwritten  \n");
    BOOST_TEST(read_file(dir.path("in.zst")) == "precious");
    // Nor when stdin is an input: it holds data, not an answer.
    write_file(dir.path("piped.zst"), "precious");
    const outcome from_stdin = zstdio(dir, "- -o piped.zst", "in");
    BOOST_TEST(from_stdin.status == 1);
    BOOST_TEST(from_stdin.err == "zstdio: piped.zst already exists; stdin is an input - not proceeding.\n");
    BOOST_TEST(read_file(dir.path("piped.zst")) == "precious");
    TEST_FILES(files_in(dir), "in", "in.zst", "piped.zst");

    // y replaces it.
    const outcome yes = shell(dir, "echo y | " + cli() + " in");
    BOOST_TEST(yes.status == 0, yes.err);
    TEST_CONTAINS(yes.err, "zstdio: in.zst already exists; overwrite (y/n) ? in ");
    BOOST_TEST(zstd_decoded(dir, "in.zst") == input);

    // -f replaces without asking; decompressing too.
    write_file(dir.path("in.zst"), "precious");
    const outcome forced = zstdio(dir, "-q -f in");
    BOOST_TEST(forced.status == 0, forced.err);
    BOOST_TEST(zstd_decoded(dir, "in.zst") == input);
    write_file(dir.path("out"), "keep me");
    const outcome refused = zstdio(dir, "-q -d in.zst -o out");
    BOOST_TEST(refused.status == 1);
    BOOST_TEST(refused.err == "zstdio: out already exists; not overwritten  \n");
    BOOST_TEST(read_file(dir.path("out")) == "keep me");
    BOOST_TEST(zstdio(dir, "-d --force in.zst -o out").status == 0);
    BOOST_TEST(read_file(dir.path("out")) == input);

    // A failure in one of several inputs: the others are done, status 1.
    write_file(dir.path("b"), input);
    const outcome partly = zstdio(dir, "-q in b");
    BOOST_TEST(partly.status == 1);
    BOOST_TEST(fs::exists(dir.path("b.zst")));
    // ... but one -o file for several inputs is all or nothing.
    const outcome joined = zstdio(dir, "-f b missing -o joined.zst");
    BOOST_TEST(joined.status == 1);
    TEST_CONTAINS(joined.err, "zstdio: joined.zst: not written, because of the errors above \n");
    BOOST_TEST(!fs::exists(dir.path("joined.zst")));
}

BOOST_AUTO_TEST_CASE(several_inputs_into_one_output)
{
    temp_dir dir;
    const std::string a = text(3000, 1), b = text(4000, 2);
    write_file(dir.path("a"), a);
    write_file(dir.path("b"), b);
    const std::string warning = "zstdio: WARNING: all input files will be processed and concatenated into a single "
                                "output file: ab.zst \n"
                                "The concatenated output CANNOT regenerate original file names nor directory "
                                "structure. \n";
    // At -q: refused without a question.
    const outcome quiet = zstdio(dir, "-q a b -o ab.zst");
    BOOST_TEST(quiet.status == 1);
    BOOST_TEST(quiet.err == "Concatenating multiple processed inputs into a single output loses file metadata. \n"
                            "Aborting. \n");
    // Asked, and refused.
    const outcome no = shell(dir, "echo n | " + cli() + " a b -o ab.zst");
    BOOST_TEST(no.status == 1);
    BOOST_TEST(no.err == warning + "Proceed? (y/n): Aborting... \n");
    TEST_FILES(files_in(dir), "a", "b");
    // Asked, and accepted.
    const outcome yes = shell(dir, "echo y | " + cli() + " a b -o ab.zst");
    BOOST_TEST(yes.status == 0, yes.err);
    BOOST_TEST(zstd_decoded(dir, "ab.zst") == a + b);
    fs::remove(dir.path("ab.zst"));
    // -f: the warning, then the concatenation.
    const outcome forced = zstdio(dir, "-f a b -o ab.zst");
    BOOST_TEST(forced.status == 0, forced.err);
    BOOST_TEST(forced.err.compare(0, warning.size(), warning) == 0, forced.err);
    TEST_CONTAINS(forced.err, "  2 files compressed : ");
    BOOST_TEST(zstd_decoded(dir, "ab.zst") == a + b);
    // Decoding several frames into one file concatenates them too.
    const outcome d = zstdio(dir, "-q -d -f ab.zst ab.zst -o twice");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST(read_file(dir.path("twice")) == a + b + a + b);
}

BOOST_AUTO_TEST_CASE(no_compressed_data_to_or_from_a_terminal)
{
    temp_dir dir;
    const std::string input = text(1000, 1);
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in").status == 0);
    // --fake-*-is-console act as if the stream were a terminal.
    const outcome out_console = zstdio(dir, "--fake-stdout-is-console", "in");
    BOOST_TEST(out_console.status == 1);
    BOOST_TEST(out_console.err == "stdout is a console, aborting\n");
    BOOST_TEST(out_console.out.empty());
    const outcome in_console = zstdio(dir, "--fake-stdin-is-console -d -c");
    BOOST_TEST(in_console.status == 1);
    BOOST_TEST(in_console.err == "stdin is a console, aborting\n");
    // -c writes to a terminal anyway; -f reads from one; decoded output may go there.
    BOOST_TEST(zstdio(dir, "-c --fake-stdout-is-console", "in").status == 0);
    BOOST_TEST(zstdio(dir, "-f --fake-stdin-is-console", "in").status == 0);
    BOOST_TEST(zstdio(dir, "-d --fake-stdout-is-console", "in.zst").out == input);

    if (!have_command("script")) {
        BOOST_TEST_MESSAGE("no `script` command: a real terminal not tested");
        return;
    }
    // `script` runs the tool with a pseudo-terminal as stdin, stdout and stderr.
    const outcome r = shell(dir, "script -qec " + quote(cli() + " < in") + " /dev/null");
    BOOST_TEST(r.status == 1);
    TEST_CONTAINS(r.out, "stdout is a console, aborting");
    const outcome forced = shell(dir, "script -qec " + quote(cli() + " -c < in") + " /dev/null");
    BOOST_TEST(forced.status == 0, forced.out);
    // Nor is a terminal read as input (a forgotten file name), as zstd.
    const outcome from_tty = shell(dir, "script -qec " + quote(cli() + " -d") + " /dev/null");
    BOOST_TEST(from_tty.status == 1);
    TEST_CONTAINS(from_tty.out, "stdin is a console, aborting");
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
// Program names

BOOST_AUTO_TEST_SUITE(program_names)

BOOST_AUTO_TEST_CASE(zstdcat_decodes_to_stdout_and_passes_plain_files_through)
{
    temp_dir dir;
    const std::string a = text(30000, 1), plain = "just text\n";
    write_file(dir.path("a"), a);
    write_file(dir.path("plain.txt"), plain);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q --rm a").status == 0);
    const outcome r = shell(dir, cli_named("zstdcat") + " a.zst plain.txt a.zst");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.out == a + plain + a);
    BOOST_TEST(r.err.empty(), r.err); // messages at -q
    TEST_FILES(files_in(dir), "a.zst", "plain.txt");
    // stdin too, and messages begin "zstd:" under zstd's names.
    BOOST_TEST(shell(dir, cli_named("zstdcat"), "a.zst").out == a);
    const outcome missing = shell(dir, cli_named("zstdcat") + " nosuch");
    BOOST_TEST(missing.status == 1);
    BOOST_TEST(missing.err == "zstd: can't stat nosuch : No such file or directory -- ignored \n");
}

BOOST_AUTO_TEST_CASE(unzstd_decodes)
{
    temp_dir dir;
    const std::string a = text(30000, 2);
    write_file(dir.path("a"), a);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q --rm a").status == 0);
    const outcome r = shell(dir, cli_named("unzstd") + " a.zst");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.err == "a.zst               : 30000 bytes \n");
    BOOST_TEST(read_file(dir.path("a")) == a);
    TEST_FILES(files_in(dir), "a", "a.zst");
}

BOOST_AUTO_TEST_CASE(zstdmt_uses_worker_threads)
{
    temp_dir dir;
    const std::string input = text(1500000, 3); // more than one 512 KiB job
    write_file(dir.path("in"), input);
    const outcome mt = shell(dir, cli_named("zstdmt") + " -v -1 -B512K in -o mt.zst");
    BOOST_TEST(mt.status == 0, mt.err);
    TEST_CONTAINS(mt.err, " physical core(s) detected \n");
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -1 -B512K -T0 in -o t0.zst").status == 0);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -1 -B512K --single-thread in -o st.zst").status == 0);
    BOOST_TEST(read_file(dir.path("mt.zst")) == read_file(dir.path("t0.zst")));
    BOOST_TEST(read_file(dir.path("mt.zst")) != read_file(dir.path("st.zst"))); // cut into jobs
    BOOST_TEST(zstd_decoded(dir, "mt.zst") == input);
}

BOOST_AUTO_TEST_CASE(gzip_writes_gz_and_removes_the_input_like_gzip)
{
    temp_dir dir;
    const std::string input = text(30000, 4);
    write_file(dir.path("g"), input);
    const outcome r = shell(dir, cli_named("gzip") + " g");
    BOOST_TEST(r.status == 0, r.err);
    TEST_FILES(files_in(dir), "g.gz");
    if (have_command("gzip")) {
        const outcome back = shell(dir, "gzip -d -c g.gz");
        BOOST_TEST(back.status == 0, back.err);
        BOOST_TEST(back.out == input);
    } else {
        BOOST_TEST_MESSAGE("no gzip: the .gz is checked by zstdio only");
    }
    BOOST_TEST(zstdio(dir, "-d -c g.gz").out == input);
    // --best is level 9, -n is accepted; gzip -d decodes and removes the .gz.
    const outcome best = shell(dir, cli_named("gzip") + " -d g.gz && " + cli_named("gzip") + " -n --best g");
    BOOST_TEST(best.status == 0, best.err);
    TEST_FILES(files_in(dir), "g.gz");
    BOOST_TEST(shell(dir, cli_named("gzip") + " -d g.gz").status == 0);
    TEST_FILES(files_in(dir), "g");
    BOOST_TEST(read_file(dir.path("g")) == input);
}

BOOST_AUTO_TEST_CASE(the_other_names_of_the_table)
{
    temp_dir dir;
    const std::string input = text(20000, 5), plain = "not compressed\n";
    write_file(dir.path("a"), input);
    write_file(dir.path("plain.txt"), plain);
    // xz / unxz: .xz written, inputs removed both ways.
    BOOST_TEST(shell(dir, cli_named("xz") + " -q a").status == 0);
    TEST_FILES(files_in(dir), "a.xz", "plain.txt");
    BOOST_TEST(shell(dir, cli_named("unxz") + " -q a.xz").status == 0);
    TEST_FILES(files_in(dir), "a", "plain.txt");
    BOOST_TEST(read_file(dir.path("a")) == input);
    // gunzip decodes a .gz and removes it.
    BOOST_TEST(zstdio(dir, "-q --format=gzip --rm a").status == 0);
    BOOST_TEST(shell(dir, cli_named("gunzip") + " -q a.gz").status == 0);
    TEST_FILES(files_in(dir), "a", "plain.txt");
    BOOST_TEST(read_file(dir.path("a")) == input);
    // zcat and gzcat are zstdcat.
    BOOST_TEST(zstdio(dir, "-q a").status == 0);
    for (const std::string name : {"zcat", "gzcat"}) {
        const outcome r = shell(dir, cli_named(name) + " a.zst plain.txt");
        BOOST_TEST(r.status == 0, r.err);
        BOOST_TEST(r.out == input + plain);
    }
    TEST_FILES(files_in(dir), "a", "a.zst", "plain.txt");
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
// Environment

BOOST_AUTO_TEST_SUITE(environment)

BOOST_AUTO_TEST_CASE(zstd_clevel_is_the_default_level)
{
    temp_dir dir;
    write_file(dir.path("in"), text(200000, 5));
    for (const std::string level : {"-1", "-3", "-19", "--fast=3"})
        BOOST_TEST_REQUIRE(zstdio(dir, "-q " + level + " in -o ./" + level + ".zst").status == 0);
    const auto same = [&](const std::string& a, const std::string& b) {
        return read_file(dir.path(a)) == read_file(dir.path(b));
    };
    BOOST_TEST_REQUIRE(!same("-1.zst", "-19.zst"));

    const outcome nineteen = shell(dir, "ZSTD_CLEVEL=19 " + cli() + " in -o env19.zst");
    BOOST_TEST(nineteen.status == 0, nineteen.err);
    TEST_LACKS(nineteen.err, "Ignore");
    BOOST_TEST(same("env19.zst", "-19.zst"));
    BOOST_TEST(shell(dir, "ZSTD_CLEVEL=-3 " + cli() + " -q in -o env-3.zst").status == 0);
    BOOST_TEST(same("env-3.zst", "--fast=3.zst"));
    BOOST_TEST(shell(dir, "ZSTD_CLEVEL=+19 " + cli() + " -q in -o env+19.zst").status == 0);
    BOOST_TEST(same("env+19.zst", "-19.zst"));
    // A level on the command line wins.
    BOOST_TEST(shell(dir, "ZSTD_CLEVEL=19 " + cli() + " -q -1 in -o env19-1.zst").status == 0);
    BOOST_TEST(same("env19-1.zst", "-1.zst"));
    // Not an integer: zstd's warning (even at -q), and the default level.
    const outcome bad = shell(dir, "ZSTD_CLEVEL=abc " + cli() + " -q in -o bad.zst");
    BOOST_TEST(bad.status == 0, bad.err);
    BOOST_TEST(bad.err == "Ignore environment variable setting ZSTD_CLEVEL=abc: not a valid integer value \n");
    BOOST_TEST(same("bad.zst", "-3.zst"));
    const outcome big = shell(dir, "ZSTD_CLEVEL=99999999999 " + cli() + " -q in -o big.zst");
    BOOST_TEST(big.err == "Ignore environment variable setting ZSTD_CLEVEL=99999999999: numeric value too large \n");
    BOOST_TEST(same("big.zst", "-3.zst"));
}

BOOST_AUTO_TEST_CASE(zstd_nbthreads_is_the_default_thread_count)
{
    temp_dir dir;
    write_file(dir.path("in"), text(20000, 5));
    // 0 = one per core, which -v reports, as zstd.
    const outcome zero = shell(dir, "ZSTD_NBTHREADS=0 " + cli() + " -v -f in");
    BOOST_TEST(zero.status == 0, zero.err);
    TEST_CONTAINS(zero.err, " physical core(s) detected \n");
    // -T# on the command line wins.
    const outcome overridden = shell(dir, "ZSTD_NBTHREADS=0 " + cli() + " -v -T1 -f in");
    BOOST_TEST(overridden.status == 0, overridden.err);
    TEST_LACKS(overridden.err, "core(s) detected");
    // 2 workers decode too (zstd would warn that it does not use them).
    const outcome two = shell(dir, "ZSTD_NBTHREADS=2 " + cli() + " -d -f in.zst");
    BOOST_TEST(two.status == 0, two.err);
    TEST_LACKS(two.err, "multi-threading");
    const outcome bad = shell(dir, "ZSTD_NBTHREADS=x " + cli() + " -q -f in");
    BOOST_TEST(bad.status == 0, bad.err);
    BOOST_TEST(bad.err == "Ignore environment variable setting ZSTD_NBTHREADS=x: not a valid unsigned value \n");
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
// Compression flags

BOOST_AUTO_TEST_SUITE(compression_flags)

BOOST_AUTO_TEST_CASE(threads_single_thread_and_auto_threads)
{
    temp_dir dir;
    const std::string input = text(1500000, 6); // three 512 KiB jobs
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -1 --single-thread in -o st.zst").status == 0);
    // --single-thread ignores -B, with zstd's note.
    const outcome st_b = zstdio(dir, "-1 --single-thread -B512K in -o st-b.zst");
    BOOST_TEST(st_b.status == 0);
    TEST_CONTAINS(st_b.err, "Setting block size is useless in single-thread mode \n");
    BOOST_TEST(read_file(dir.path("st-b.zst")) == read_file(dir.path("st.zst")));
    // Workers cut the input into jobs of -B bytes: another frame, same data.
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -1 -T2 -B512K in -o t2.zst").status == 0);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -1 --threads=2 --block-size=1M in -o t2-1m.zst").status == 0);
    BOOST_TEST(read_file(dir.path("t2.zst")) != read_file(dir.path("st.zst")));
    BOOST_TEST(read_file(dir.path("t2.zst")) != read_file(dir.path("t2-1m.zst")));
    BOOST_TEST(zstd_decoded(dir, "t2.zst") == input);
    BOOST_TEST(zstd_decoded(dir, "t2-1m.zst") == input);
    // -T0: one worker per physical core, or per logical core.
    const outcome physical = zstdio(dir, "-v -T0 -f in -o t0.zst");
    TEST_CONTAINS(physical.err, " physical core(s) detected \n");
    const outcome logical = zstdio(dir, "-v -T0 --auto-threads=logical -f in -o t0.zst");
    TEST_CONTAINS(logical.err,
                  "Note: " + std::to_string(std::thread::hardware_concurrency()) + " logical core(s) detected \n");
    TEST_LACKS(zstdio(dir, "-v --single-thread -T0 -f in -o t0.zst").err, "core(s) detected");
}

BOOST_AUTO_TEST_CASE(rsyncable_needs_workers)
{
    temp_dir dir;
    const std::string input = text(1500000, 7);
    write_file(dir.path("in"), input);
    const outcome r = zstdio(dir, "-q -1 -T2 --rsyncable in -o r.zst");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(zstd_decoded(dir, "r.zst") == input);
    const outcome refused = zstdio(dir, "-1 --single-thread --rsyncable in -o s.zst");
    BOOST_TEST(refused.status == 1);
    TEST_CONTAINS(refused.err, "Rsyncable mode is not compatible with single thread mode");
    TEST_FILES(files_in(dir), "in", "r.zst");
}

BOOST_AUTO_TEST_CASE(adapt_moves_the_level_and_the_frame_stays_valid)
{
    temp_dir dir;
    const std::string input = text(3000000, 8);
    write_file(dir.path("big"), input);
    // Reading a file is far faster than level 19: adapt lowers the level.
    // (-c into /dev/null: only a_device_output_is_written_in_place gives the
    // tool /dev/null itself, once it is known not to replace devices.)
    const outcome r = zstdio(dir, "--adapt -vvvv -19 --zstd=wlog=10 -c big > /dev/null");
    BOOST_TEST(r.status == 0, r.err);
    TEST_CONTAINS(r.err, "faster speed , lighter compression \n");
    // The lighter levels apply to the jobs not yet started: a larger frame.
    // (From 18, not 19: 19 differs from 18 in a frame's first block only.)
    const outcome a = zstdio(dir, "-q --adapt -18 --zstd=wlog=10 big -o adapted.zst");
    BOOST_TEST(a.status == 0, a.err);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -18 --zstd=wlog=10 big -o fixed.zst").status == 0);
    BOOST_TEST(fs::file_size(dir.path("adapted.zst")) > fs::file_size(dir.path("fixed.zst")));
    BOOST_TEST(zstd_decoded(dir, "adapted.zst") == input);
    BOOST_TEST(zstdio(dir, "-d -c adapted.zst").out == input);
    // Bounds, and no adapting without workers.
    BOOST_TEST(zstdio(dir, "-q -f --adapt=min=3,max=5 big -o bounded.zst").status == 0);
    BOOST_TEST(zstd_decoded(dir, "bounded.zst") == input);
    const outcome single = zstdio(dir, "--single-thread --adapt -f big -o s.zst");
    BOOST_TEST(single.status == 1);
    TEST_CONTAINS(single.err, "Adaptive mode is not compatible with single thread mode");
    BOOST_TEST(zstdio(dir, "--adapt=min=5,max=3 big").err.compare(0, 22, "Incorrect parameters \n") == 0);
}

BOOST_AUTO_TEST_CASE(zstd_parameters_set_the_frame)
{
    temp_dir dir;
    const std::string input = text(300000, 9);
    write_file(dir.path("in"), input);
    const outcome r = zstdio(dir, "-q --zstd=wlog=12,strat=3 in -o w12.zst");
    BOOST_TEST(r.status == 0, r.err);
    TEST_CONTAINS(frame_info(dir, "w12.zst"), "Window Size: 4.00 KiB (4096 B)");
    BOOST_TEST(zstd_decoded(dir, "w12.zst") == input);
    // The long names, and the strategy changes the frame.
    BOOST_TEST_REQUIRE(zstdio(dir, "-q --zstd=windowLog=12,strategy=3 in -o long-names.zst").status == 0);
    BOOST_TEST(read_file(dir.path("long-names.zst")) == read_file(dir.path("w12.zst")));
    BOOST_TEST_REQUIRE(zstdio(dir, "-q --zstd=wlog=12,strat=1 in -o strat1.zst").status == 0);
    BOOST_TEST(read_file(dir.path("strat1.zst")) != read_file(dir.path("w12.zst")));
    for (const std::string all : {"--zstd=wlog=18,clog=16,hlog=16,slog=3,mml=5,tlen=16,strat=5",
                                  "--zstd=ovlog=5,lhlog=20,lmml=64,lblog=3,lhrlog=4 -T2 --long"}) {
        BOOST_TEST_CONTEXT(all)
        {
            const outcome c = zstdio(dir, "-q -f " + all + " in -o all.zst");
            BOOST_TEST(c.status == 0, c.err);
            BOOST_TEST(zstd_decoded(dir, "all.zst", "--long") == input);
        }
    }
    BOOST_TEST(zstdio(dir, "--zstd=bogus=1 in").err.compare(0, 22, "Incorrect parameters \n") == 0);
}

BOOST_AUTO_TEST_CASE(long_and_ultra_set_the_window)
{
    temp_dir dir;
    write_file(dir.path("in"), text(20000, 10));
    // Streamed input: the window is the level's or --long's, not the input's size.
    const auto window_of = [&](const std::string& flags) {
        const outcome c = shell(dir, cli() + " -q -c " + flags + " > w.zst", "in");
        BOOST_TEST(c.status == 0, c.err);
        const std::string info = frame_info(dir, "w.zst");
        const auto at = info.find("Window Size: ");
        return at == std::string::npos ? info : info.substr(at, info.find('\n', at) - at);
    };
    BOOST_TEST(window_of("--long") == "Window Size: 128 MiB (134217728 B)");
    BOOST_TEST(window_of("--long=24") == "Window Size: 16.0 MiB (16777216 B)");
    BOOST_TEST(window_of("-19") == "Window Size: 8.00 MiB (8388608 B)");
    BOOST_TEST(window_of("--ultra -20") == "Window Size: 32.0 MiB (33554432 B)");
    BOOST_TEST(window_of("-20") == "Window Size: 8.00 MiB (8388608 B)"); // reduced to 19
    BOOST_TEST(zstdio(dir, "--ultra -20 -c", "in").err.empty());
    BOOST_TEST_REQUIRE(window_of("--long=24") == "Window Size: 16.0 MiB (16777216 B)");
    TEST_CONTAINS(zstdio(dir, "--ultra -23 -c in").err,
                  "Warning : compression level higher than max, reduced to 22 \n");
    // The window of --long=# is also the limit when decoding.
    const outcome small_window = zstdio(dir, "-d -c --long=23", "w.zst");
    BOOST_TEST(small_window.status == 1);
    TEST_CONTAINS(small_window.err, "Window size larger than maximum");
}

BOOST_AUTO_TEST_CASE(fast_levels)
{
    temp_dir dir;
    const std::string input = text(300000, 11);
    write_file(dir.path("in"), input);
    for (const std::string level : {"-1", "--fast", "--fast=1", "--fast=5", "--fast=100"}) {
        const outcome c = zstdio(dir, "-q " + level + " in -o './" + level + ".zst'");
        BOOST_TEST_REQUIRE(c.status == 0, c.err);
        BOOST_TEST(zstd_decoded(dir, "./" + level + ".zst") == input);
    }
    const auto size = [&](const std::string& level) { return fs::file_size(dir.path(level + ".zst")); };
    BOOST_TEST(read_file(dir.path("--fast.zst")) == read_file(dir.path("--fast=1.zst")));
    BOOST_TEST(size("-1") < size("--fast"));
    BOOST_TEST(size("--fast") < size("--fast=5"));
    BOOST_TEST(size("--fast=5") < size("--fast=100"));
    BOOST_TEST(zstdio(dir, "--fast=0 in").err.compare(0, 22, "Incorrect parameters \n") == 0);
}

BOOST_AUTO_TEST_CASE(checksum_flags)
{
    temp_dir dir;
    const std::string input = text(10000, 1);
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in").status == 0);
    TEST_CONTAINS(frame_info(dir, "in.zst"), "XXH64");
    BOOST_TEST_REQUIRE(zstdio(dir, "-q --no-check -f in").status == 0);
    TEST_LACKS(frame_info(dir, "in.zst"), "XXH64");
    BOOST_TEST_REQUIRE(zstdio(dir, "-q --no-check --check -f in").status == 0);
    TEST_CONTAINS(frame_info(dir, "in.zst"), "XXH64");
    BOOST_TEST_REQUIRE(zstdio(dir, "-q --no-check -C -f in").status == 0);
    TEST_CONTAINS(frame_info(dir, "in.zst"), "XXH64");

    // A wrong checksum fails decoding, unless -d --no-check.
    std::string frame = read_file(dir.path("in.zst"));
    frame.back() = static_cast<char>(frame.back() ^ 0xff);
    write_file(dir.path("bad.zst"), frame);
    const outcome checked = zstdio(dir, "-d -c bad.zst");
    BOOST_TEST(checked.status == 1);
    BOOST_TEST(checked.err == "bad.zst : Decoding error (36) : Restored data doesn't match checksum \n");
    const outcome unchecked = zstdio(dir, "-d -c --no-check bad.zst");
    BOOST_TEST(unchecked.status == 0, unchecked.err);
    BOOST_TEST(unchecked.out == input);
}

BOOST_AUTO_TEST_CASE(content_size_flags)
{
    temp_dir dir;
    write_file(dir.path("in"), text(10000, 1));
    // The size of a regular file is recorded, as zstd does.
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in").status == 0);
    TEST_CONTAINS(frame_info(dir, "in.zst"), "Decompressed Size: 9.77 KiB (10000 B)");
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -f --no-content-size in").status == 0);
    TEST_LACKS(frame_info(dir, "in.zst"), "Decompressed Size");
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -f --no-content-size --content-size in").status == 0);
    TEST_CONTAINS(frame_info(dir, "in.zst"), "Decompressed Size: 9.77 KiB (10000 B)");
}

BOOST_AUTO_TEST_CASE(stream_size_is_the_size_of_stdin)
{
    temp_dir dir;
    const std::string input = text(10000, 2);
    write_file(dir.path("in"), input);
    const outcome exact = zstdio(dir, "--stream-size=10000 -o s.zst", "in");
    BOOST_TEST(exact.status == 0, exact.err);
    TEST_CONTAINS(frame_info(dir, "s.zst"), "Decompressed Size: 9.77 KiB (10000 B)");
    BOOST_TEST(zstd_decoded(dir, "s.zst") == input);
    // Another size is an error, and leaves no output.
    for (const std::string size : {"9999", "10001"}) {
        const outcome wrong = zstdio(dir, "--stream-size=" + size + " -o wrong.zst", "in");
        BOOST_TEST(wrong.status == 1);
        TEST_CONTAINS(wrong.err, "/*stdin*\\");
        BOOST_TEST(!fs::exists(dir.path("wrong.zst")));
    }
    // A regular file's own size wins, as with zstd.
    const outcome file = zstdio(dir, "-q --stream-size=5 in -o f.zst");
    BOOST_TEST(file.status == 0, file.err);
    TEST_CONTAINS(frame_info(dir, "f.zst"), "Decompressed Size: 9.77 KiB (10000 B)");
    TEST_FILES(files_in(dir), "f.zst", "in", "s.zst");
}

BOOST_AUTO_TEST_CASE(size_hint_tunes_streamed_input)
{
    temp_dir dir;
    const std::string input = text(100000, 3);
    write_file(dir.path("in"), input);
    const outcome plain = zstdio(dir, "-c", "in");
    const outcome hinted = zstdio(dir, "-c --size-hint=1000", "in");
    BOOST_TEST(hinted.status == 0, hinted.err);
    BOOST_TEST(hinted.out != plain.out);
    write_file(dir.path("h.zst"), hinted.out);
    BOOST_TEST(zstd_decoded(dir, "h.zst") == input);
    // The hint tunes, it does not record a size.
    TEST_LACKS(frame_info(dir, "h.zst"), "Decompressed Size");
}

BOOST_AUTO_TEST_CASE(target_compressed_block_size)
{
    temp_dir dir;
    const std::string input = text(300000, 4);
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in -o plain.zst").status == 0);
    const outcome r = zstdio(dir, "-q --target-compressed-block-size=2000 in -o small.zst");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(read_file(dir.path("small.zst")) != read_file(dir.path("plain.zst")));
    BOOST_TEST(zstd_decoded(dir, "small.zst") == input);
}

BOOST_AUTO_TEST_CASE(literal_compression_and_row_match_finder)
{
    temp_dir dir;
    const std::string input = text(300000, 5);
    write_file(dir.path("in"), input);
    for (const std::string flags : {"", "--compress-literals", "--no-compress-literals", "-7 --row-match-finder",
                                    "-7 --no-row-match-finder", "-7"}) {
        const outcome c = zstdio(dir, "-q " + flags + " in -o 'out" + flags + ".zst'");
        BOOST_TEST_REQUIRE(c.status == 0, c.err);
        BOOST_TEST(zstd_decoded(dir, "'out" + flags + ".zst'") == input);
    }
    const auto size = [&](const std::string& flags) { return fs::file_size(dir.path("out" + flags + ".zst")); };
    // Uncompressed literals: a larger frame.
    BOOST_TEST(size("--no-compress-literals") > size(""));
    BOOST_TEST(size("--compress-literals") == size(""));
    // The two match finders find different matches.
    BOOST_TEST(read_file(dir.path("out-7 --row-match-finder.zst")) !=
               read_file(dir.path("out-7 --no-row-match-finder.zst")));
}

BOOST_AUTO_TEST_CASE(no_dict_id_leaves_the_id_out)
{
    temp_dir dir;
    const std::string record = make_dictionary(dir, "dict", 4242);
    write_file(dir.path("rec"), record);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -D dict rec -o with-id.zst").status == 0);
    BOOST_TEST_REQUIRE(zstdio(dir, "-q -D dict --no-dictID rec -o no-id.zst").status == 0);
    TEST_CONTAINS(frame_info(dir, "with-id.zst"), "DictID: 4242");
    TEST_CONTAINS(frame_info(dir, "no-id.zst"), "DictID: 0");
    BOOST_TEST(zstd_decoded(dir, "no-id.zst", "-D dict") == record);
    BOOST_TEST(zstdio(dir, "-d -c -D dict no-id.zst").out == record);
}

BOOST_AUTO_TEST_CASE(accepted_flags_without_effect_on_the_data)
{
    temp_dir dir;
    write_file(dir.path("in"), text(50000, 6));
    BOOST_TEST_REQUIRE(zstdio(dir, "-q in -o plain.zst").status == 0);
    for (const std::string flags : {"--sparse", "--no-sparse", "--asyncio", "--no-asyncio",
                                    "--show-default-cparams", "--format=gzip --format=zstd", "--priority=rt",
                                    "--trace trace.log", "--trace-file-stat"}) {
        BOOST_TEST_CONTEXT(flags)
        {
            const outcome r = zstdio(dir, "-q -f " + flags + " in -o out.zst");
            BOOST_TEST(r.status == 0, r.err);
            BOOST_TEST(read_file(dir.path("out.zst")) == read_file(dir.path("plain.zst")));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
// Other formats and pass-through

BOOST_AUTO_TEST_SUITE(formats)

BOOST_AUTO_TEST_CASE(gzip_and_xz_are_written_and_read)
{
    temp_dir dir;
    const std::string input = text(100000, 12);
    write_file(dir.path("in"), input);
    const outcome gz = zstdio(dir, "-q --format=gzip in");
    BOOST_TEST(gz.status == 0, gz.err);
    const outcome xz = zstdio(dir, "-q --format=xz in");
    BOOST_TEST(xz.status == 0, xz.err);
    TEST_FILES(files_in(dir), "in", "in.gz", "in.xz");
    BOOST_TEST(zstdio(dir, "-d -c in.gz").out == input);
    BOOST_TEST(zstdio(dir, "-d -c in.xz").out == input);

    for (const std::string tool : {"gzip", "xz"}) {
        if (!have_command(tool)) {
            BOOST_TEST_MESSAGE("no " << tool << ": interoperability with it not tested");
            continue;
        }
        BOOST_TEST_CONTEXT(tool)
        {
            const std::string suffix = tool == "gzip" ? ".gz" : ".xz";
            const outcome back = shell(dir, tool + " -d -c in" + suffix);
            BOOST_TEST(back.status == 0, back.err);
            BOOST_TEST(back.out == input);
            // What the tool itself made, zstdio decodes, to FILE from FILE.gz / .xz.
            BOOST_TEST_REQUIRE(shell(dir, tool + " -c in > made" + suffix).status == 0);
            const outcome d = zstdio(dir, "-d made" + suffix);
            BOOST_TEST(d.status == 0, d.err);
            BOOST_TEST(read_file(dir.path("made")) == input);
            // Concatenated members, as gzip and xz write them.
            BOOST_TEST_REQUIRE(shell(dir, tool + " -c in > two" + suffix + " && " + tool + " -c in >> two" + suffix)
                                   .status == 0);
            BOOST_TEST(zstdio(dir, "-d -c two" + suffix).out == input + input);
            // .tgz / .txz decode to .tar.
            fs::copy_file(dir.path("made" + suffix), dir.path(tool == "gzip" ? "t.tgz" : "t.txz"));
            BOOST_TEST(zstdio(dir, std::string("-q -d ") + (tool == "gzip" ? "t.tgz" : "t.txz")).status == 0);
            BOOST_TEST(read_file(dir.path("t.tar")) == input);
            fs::remove(dir.path("t.tar"));
            fs::remove(dir.path("made"));
        }
    }
}

BOOST_AUTO_TEST_CASE(lzma_is_written_and_read_both_ways_with_xz)
{
    temp_dir dir;
    const std::string input = text(300000, 1);
    write_file(dir.path("in"), input);
    const outcome w = zstdio(dir, "-q --format=lzma in");
    BOOST_TEST(w.status == 0, w.err);
    TEST_FILES(files_in(dir), "in", "in.lzma");
    // A real .lzma: xz and lzma read it.
    for (const std::string tool : {"xz --format=lzma -dc", "lzma -dc", "unlzma -c"}) {
        const outcome back = shell(dir, tool + " in.lzma");
        BOOST_TEST_CONTEXT(tool)
        {
            BOOST_TEST(back.status == 0, back.err);
            BOOST_TEST((back.out == input));
        }
    }
    // Levels 0 to 9 change the output (xz's presets).
    BOOST_TEST(zstdio(dir, "-q -0 --format=lzma in -o fast.lzma").status == 0);
    BOOST_TEST(read_file(dir.path("fast.lzma")) != read_file(dir.path("in.lzma")));
    BOOST_TEST(shell(dir, "xz --format=lzma -dc fast.lzma").out == input);
    // What xz writes as .lzma, zstdio reads, to FILE from FILE.lzma.
    BOOST_TEST_REQUIRE(shell(dir, "xz --format=lzma -c in > made.lzma").status == 0);
    const outcome d = zstdio(dir, "-d made.lzma");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST((read_file(dir.path("made")) == input));
    // The program name: lzma writes .lzma and removes the input.
    BOOST_TEST(shell(dir, cli_named("lzma") + " -q -f made").status == 0);
    TEST_FILES(files_in(dir), "fast.lzma", "in", "in.lzma", "made.lzma");
}

BOOST_AUTO_TEST_CASE(bzip2_is_read_with_its_suffixes)
{
    temp_dir dir;
    const std::string input = text(300000, 2);
    write_file(dir.path("in"), input);
    BOOST_TEST_REQUIRE(shell(dir, "bzip2 -c in > in.bz2 && bzip2 -c -1 in > t.tbz2 && cp in.bz2 u.tbz").status == 0);
    const outcome d = zstdio(dir, "-d in.bz2 -f");
    BOOST_TEST(d.status == 0, d.err);
    BOOST_TEST((read_file(dir.path("in")) == input));
    BOOST_TEST(zstdio(dir, "-q -d t.tbz2 u.tbz").status == 0);
    BOOST_TEST((read_file(dir.path("t.tar")) == input));
    BOOST_TEST((read_file(dir.path("u.tar")) == input));
    // Several bzip2 streams, as pbzip2 and `cat` make them.
    BOOST_TEST_REQUIRE(shell(dir, "cat in.bz2 t.tbz2 > two.bz2").status == 0);
    BOOST_TEST((zstdio(dir, "-dc two.bz2").out == input + input));
}

BOOST_AUTO_TEST_CASE(members_of_every_format_in_one_file_decode_like_each_tool)
{
    temp_dir dir;
    std::string expected;
    std::string make = "true";
    const char* const tools[] = {"zstd -q -c", "gzip -c", "zstd -q -c", "xz -c", "bzip2 -c", "xz --format=lzma -c",
                                 "zstd -q -c"};
    int i = 0;
    for (const char* tool : tools) {
        const std::string part = "p" + std::to_string(i);
        const std::string content = text(60000 + 1000 * static_cast<std::size_t>(i), 40 + static_cast<std::uint32_t>(i));
        write_file(dir.path(part), content);
        expected += content;
        make += std::string(" && ") + tool + " " + part + " >> all";
        ++i;
    }
    BOOST_TEST_REQUIRE(shell(dir, make).status == 0);
    for (const std::string flags : {"-dc", "-dc -T2", "-dcf"}) {
        BOOST_TEST_CONTEXT(flags)
        {
            const outcome r = zstdio(dir, flags + " all");
            BOOST_TEST(r.status == 0, r.err);
            BOOST_TEST((r.out == expected));
        }
    }
    // Through standard input, and zstdcat.
    BOOST_TEST((shell(dir, cli_named("zstdcat") + " < all").out == expected));
    // -t checks every member.
    BOOST_TEST(zstdio(dir, "-t all").status == 0);
}

BOOST_AUTO_TEST_CASE(damaged_members_of_each_format_say_which)
{
    temp_dir dir;
    const std::string input = text(200000, 5);
    write_file(dir.path("in"), input);
    struct kind {
        std::string make, suffix, premature;
    };
    for (const kind& k : {kind{"gzip -c", ".gz", "premature gz end"}, kind{"xz -c", ".xz", "premature lzma end"},
                          kind{"xz --format=lzma -c", ".lzma", "premature lzma end"},
                          kind{"bzip2 -c", ".bz2", "premature bz2 end"}}) {
        BOOST_TEST_CONTEXT(k.suffix)
        {
            BOOST_TEST_REQUIRE(shell(dir, k.make + " in > whole" + k.suffix).status == 0);
            const std::string whole = read_file(dir.path("whole" + k.suffix));
            write_file(dir.path("cut" + k.suffix), whole.substr(0, whole.size() - 7));
            const outcome cut = zstdio(dir, "-d cut" + k.suffix);
            BOOST_TEST(cut.status == 1);
            BOOST_TEST(cut.err == "zstdio: cut" + k.suffix + ": " + k.premature + " \n");
            BOOST_TEST(!fs::exists(dir.path("cut"))); // no partial output
            std::string bad = whole;
            bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x55);
            write_file(dir.path("bad" + k.suffix), bad);
            const outcome corrupt = zstdio(dir, "-d -c bad" + k.suffix);
            BOOST_TEST(corrupt.status == 1);
            TEST_CONTAINS(corrupt.err, "zstdio: bad" + k.suffix + ": ");
            BOOST_TEST(!fs::exists(dir.path("bad")));
        }
    }
    // A gzip member followed by bytes of no format.
    BOOST_TEST_REQUIRE(shell(dir, "gzip -c in > tail.gz && echo garbage >> tail.gz").status == 0);
    const outcome tail = zstdio(dir, "-d -c tail.gz");
    BOOST_TEST(tail.status == 1);
    BOOST_TEST(tail.err == "zstdio: tail.gz: unsupported format \n");
    const outcome passed = zstdio(dir, "-dcf tail.gz");
    BOOST_TEST(passed.status == 0);
    BOOST_TEST((passed.out == input + "garbage\n"));
}

BOOST_AUTO_TEST_CASE(pass_through_copies_unknown_data)
{
    temp_dir dir;
    const std::string plain = "plain text, not compressed\n";
    write_file(dir.path("p.txt"), plain);
    write_file(dir.path("a.zst"), zstd_cli("-q", "frame data\n"));
    // -dcf passes unknown data through, as zstd; frames are decoded.
    const outcome dcf = zstdio(dir, "-dcf p.txt a.zst p.txt");
    BOOST_TEST(dcf.status == 0, dcf.err);
    BOOST_TEST(dcf.out == plain + "frame data\n" + plain);
    const outcome explicit_on = zstdio(dir, "-dc --pass-through p.txt");
    BOOST_TEST(explicit_on.status == 0, explicit_on.err);
    BOOST_TEST(explicit_on.out == plain);
    // Into a file, with no result line (zstd prints none after a copy).
    const outcome to_file = zstdio(dir, "-d --pass-through p.txt -o copy");
    BOOST_TEST(to_file.status == 0, to_file.err);
    BOOST_TEST(to_file.err.empty(), to_file.err);
    BOOST_TEST(read_file(dir.path("copy")) == plain);
    // Off: zstd's error, and nothing written.
    const outcome off = zstdio(dir, "-dcf --no-pass-through p.txt");
    BOOST_TEST(off.status == 1);
    BOOST_TEST(off.err == "zstdio: p.txt: unsupported format \n");
    BOOST_TEST(off.out.empty());
    const outcome default_off = zstdio(dir, "-d p.txt -o out");
    BOOST_TEST(default_off.status == 1);
    BOOST_TEST(default_off.err == "zstdio: p.txt: unsupported format \n");
    BOOST_TEST(!fs::exists(dir.path("out")));
    // Very short input (less than a magic number) is copied too.
    write_file(dir.path("ab"), "ab");
    BOOST_TEST(zstdio(dir, "-dcf ab").out == "ab");
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
// Decompression limits

BOOST_AUTO_TEST_SUITE(decompression)

BOOST_AUTO_TEST_CASE(memory_limit_refuses_large_windows)
{
    temp_dir dir;
    const std::string input = text(20000, 13);
    write_file(dir.path("in"), input);
    zstd(dir, "-q --long=28 -c > w28.zst", "in"); // streamed: a 256 MiB window
    TEST_CONTAINS(frame_info(dir, "w28.zst"), "Window Size: 256 MiB (268435456 B)");

    const std::string refusal = "w28.zst : Window size larger than maximum : 268435456 > 134217728 \n"
                                "w28.zst : Use --long=28 or --memory=256MB \n";
    const outcome refused = zstdio(dir, "-d w28.zst");
    BOOST_TEST(refused.status == 1);
    BOOST_TEST(refused.err == refusal);
    TEST_FILES(files_in(dir), "in", "w28.zst");
    const outcome too_small = zstdio(dir, "-d --memory=255MB w28.zst");
    BOOST_TEST(too_small.status == 1);
    BOOST_TEST(too_small.err == "w28.zst : Window size larger than maximum : 268435456 > 267386880 \n"
                                "w28.zst : Use --long=28 or --memory=256MB \n");
    for (const std::string flags : {"--memory=256MB", "--memory 256MiB", "-M256M", "--memlimit=262144K",
                                    "--memlimit-decompress=268435456", "--long=28"}) {
        BOOST_TEST_CONTEXT(flags)
        {
            const outcome ok = zstdio(dir, "-d -c " + flags + " w28.zst");
            BOOST_TEST(ok.status == 0, ok.err);
            BOOST_TEST(ok.out == input);
        }
    }
    // -d with worker threads: the same, and no warning.
    const outcome threads = zstdio(dir, "-d -c -T4 --long=28 w28.zst");
    BOOST_TEST(threads.status == 0);
    BOOST_TEST(threads.out == input);
    BOOST_TEST(threads.err == "");
}

BOOST_AUTO_TEST_CASE(decoding_with_workers)
{
    // -d -T#: the frames of a multi-frame file decoded by workers give what
    // zstd gives on one thread: the bytes, the messages, the exit status.
    temp_dir dir;
    std::string all;
    for (int i = 0; i < 6; ++i) {
        const std::string piece = text(150000 + 20000 * static_cast<std::size_t>(i), 30 + static_cast<std::uint32_t>(i));
        write_file(dir.path("p" + std::to_string(i)), piece);
        all += piece;
    }
    BOOST_TEST(shell(dir, "for i in 0 1 2 3 4 5; do zstd -q -c p$i; done > many.zst").status == 0);
    // zstd frames, then a gzip member, then zstd frames again.
    BOOST_TEST(shell(dir, "zstd -q -c p0 p2 p3 > m.zst && gzip -c p1 >> m.zst && zstd -q -c p4 p5 >> m.zst").status ==
               0);
    const std::string mixed = read_file(dir.path("p0")) + read_file(dir.path("p2")) + read_file(dir.path("p3")) +
                              read_file(dir.path("p1")) + read_file(dir.path("p4")) + read_file(dir.path("p5"));
    for (const std::string t : {"-T2", "-T3", "-T0"}) {
        BOOST_TEST_CONTEXT(t)
        {
            const outcome many = zstdio(dir, "-d -c " + t + " many.zst");
            BOOST_TEST(many.status == 0, many.err);
            BOOST_TEST(many.err == "");
            BOOST_TEST((many.out == all));
            // A gzip member between zstd frames, as zstd reads it.
            const outcome m = zstdio(dir, "-d -c " + t + " m.zst");
            BOOST_TEST(m.status == 0, m.err);
            BOOST_TEST((m.out == mixed));
            // Through a pipe, and -t.
            const outcome piped = shell(dir, "cat many.zst | " + cli() + " -d -c " + t);
            BOOST_TEST((piped.out == all));
            BOOST_TEST(zstdio(dir, "-t " + t + " many.zst").status == 0);
        }
    }
    // Truncated and corrupt files: zstd's messages and status, whatever -T.
    const std::string many = read_file(dir.path("many.zst"));
    write_file(dir.path("cut.zst"), many.substr(0, many.size() * 2 / 3));
    std::string corrupt = many;
    corrupt[corrupt.size() / 2] ^= 0x55;
    corrupt[corrupt.size() / 2 + 1] ^= 0x55;
    write_file(dir.path("bad.zst"), corrupt);
    write_file(dir.path("tail.zst"), many + "garbage!");
    for (const std::string f : {"cut.zst", "bad.zst", "tail.zst"}) {
        BOOST_TEST_CONTEXT(f)
        {
            const outcome one = zstdio(dir, "-d -c -T1 " + f);
            const outcome two = zstdio(dir, "-d -c -T2 " + f);
            BOOST_TEST(one.status != 0);
            BOOST_TEST(two.status == one.status);
            BOOST_TEST(two.err == one.err);
            BOOST_TEST(two.out.size() >= std::min(one.out.size(), std::size_t{150000})); // the frames before
            BOOST_TEST(all.compare(0, two.out.size(), two.out) == 0);
            const outcome z = shell(dir, "zstd -d -c " + f);
            BOOST_TEST(z.status == two.status);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
// Messages, numbers, exit status

BOOST_AUTO_TEST_SUITE(messages)

BOOST_AUTO_TEST_CASE(verbosity_levels)
{
    temp_dir dir;
    write_file(dir.path("a"), text(5000, 1));
    write_file(dir.path("b"), text(5000, 2));
    // Default: one result line for one file; totals only for several.
    const outcome one = zstdio(dir, "a");
    BOOST_TEST(std::count(one.err.begin(), one.err.end(), '\n') == 1, one.err);
    const outcome two = zstdio(dir, "-f a b");
    BOOST_TEST(two.err.compare(0, 23, "  2 files compressed : ") == 0, two.err);
    BOOST_TEST(std::count(two.err.begin(), two.err.end(), '\n') == 1, two.err);
    // -v: the banner and a line per file.
    const outcome v = zstdio(dir, "-v -f a b");
    BOOST_TEST(v.err.compare(0, 25, "*** Zstandard CLI (64-bit") == 0, v.err);
    TEST_CONTAINS(v.err, ", a.zst) \n");
    TEST_CONTAINS(v.err, ", b.zst) \n");
    // -q: errors only; -qq: nothing, the status still says it failed.
    const outcome q = zstdio(dir, "-q -f a b nosuch");
    BOOST_TEST(q.status == 1);
    BOOST_TEST(q.err == "zstdio: can't stat nosuch : No such file or directory -- ignored \n");
    const outcome qq = zstdio(dir, "-qq -f a nosuch");
    BOOST_TEST(qq.status == 1);
    BOOST_TEST(qq.err.empty(), qq.err);
    BOOST_TEST(zstdio(dir, "--quiet --quiet -f nosuch").err.empty());
    TEST_CONTAINS(zstdio(dir, "--verbose -f a").err, "*** Zstandard CLI");
}

BOOST_AUTO_TEST_CASE(progress_counter)
{
    temp_dir dir;
    write_file(dir.path("in"), text(300000, 3));
    const std::string slow_input = "(cat in; sleep 0.3; cat in) | ";
    // stderr is a file here: no counter unless asked.
    const outcome none = shell(dir, slow_input + cli() + " -f -o out.zst");
    BOOST_TEST(none.status == 0, none.err);
    TEST_LACKS(none.err, "Read:");
    TEST_LACKS(none.err, "\r");
    BOOST_TEST(std::count(none.err.begin(), none.err.end(), '\n') == 1, none.err); // only the result line
    for (const std::string flags : {"--progress", "--fake-stderr-is-console"}) {
        const outcome shown = shell(dir, slow_input + cli() + " " + flags + " -f -o out.zst");
        BOOST_TEST(shown.status == 0, shown.err);
        TEST_CONTAINS(shown.err, "\rRead:");
    }
    const outcome hidden = shell(dir, slow_input + cli() + " --fake-stderr-is-console --no-progress -f -o out.zst");
    BOOST_TEST(hidden.status == 0, hidden.err);
    TEST_LACKS(hidden.err, "Read:");
    TEST_LACKS(hidden.err, "\r");
    // Decoding shows its own counter.
    TEST_CONTAINS(zstdio(dir, "-d -f --progress out.zst -o back").err, "\rout.zst");
    BOOST_TEST(read_file(dir.path("back")) == read_file(dir.path("in")) + read_file(dir.path("in")));

    if (!have_command("script"))
        return;
    // With a terminal as stderr, the counter shows by itself.
    const outcome tty = shell(dir, "script -qec " + quote(slow_input + cli() + " -f -o out.zst") + " /dev/null");
    BOOST_TEST(tty.status == 0, tty.out);
    TEST_CONTAINS(tty.out, "\rRead:");
}

BOOST_AUTO_TEST_CASE(bad_numbers_are_zstds_errors)
{
    temp_dir dir;
    write_file(dir.path("in"), "x");
    struct bad {
        std::string args, message;
    };
    for (const bad& b : {bad{"-T99999999999 in", "error: numeric value overflows 32-bit unsigned int \n"},
                         bad{"-M99999999999 in", "error: numeric value overflows 32-bit unsigned int \n"},
                         bad{"--memory=5000000M in", "error: numeric value overflows 32-bit unsigned int \n"},
                         bad{"--block-size=99999999999999999999999 in", "error: numeric value overflows size_t \n"},
                         bad{"--memory=12X in", "error: only numeric values with optional suffixes K, KB, KiB, M, "
                                                "MB, MiB are allowed \n"},
                         bad{"--threads=two in", "error: only numeric values with optional suffixes K, KB, KiB, M, "
                                                 "MB, MiB are allowed \n"},
                         bad{"in -o", "error: missing command argument \n"},
                         bad{"-D -x in", "error: command cannot be separated from its argument by another command \n"},
                         bad{"--output-dir-flat= in", "error: output dir cannot be empty string (did you mean to "
                                                       "pass '.' instead?)\n"}}) {
        BOOST_TEST_CONTEXT("zstdio " << b.args)
        {
            const outcome r = zstdio(dir, b.args);
            BOOST_TEST(r.status == 1);
            BOOST_TEST(r.err == b.message);
            TEST_FILES(files_in(dir), "in");
        }
    }
}

BOOST_AUTO_TEST_CASE(bad_usage_and_help)
{
    temp_dir dir;
    for (const std::string args : {"--bogus", "-y", "--zstd=wlog", "--fast=x"}) {
        BOOST_TEST_CONTEXT(args)
        {
            const outcome r = zstdio(dir, args);
            BOOST_TEST(r.status == 1);
            BOOST_TEST(r.err.compare(0, 22, "Incorrect parameters \n") == 0, r.err);
            TEST_CONTAINS(r.err, "Usage: zstdio [OPTIONS...] [INPUT... | -] [-o OUTPUT]\n");
        }
    }
    // A window zstd cannot use: an error, no output.
    write_file(dir.path("in"), "x");
    BOOST_TEST(zstdio(dir, "--long=5 in").status == 1);
    TEST_FILES(files_in(dir), "in");
    const outcome help = zstdio(dir, "-h");
    BOOST_TEST(help.status == 0);
    TEST_CONTAINS(help.out, "Usage: zstdio ");
    for (const std::string flag : {"-H", "--help"}) {
        const outcome full = zstdio(dir, flag);
        BOOST_TEST(full.status == 0);
        TEST_CONTAINS(full.out, "--long[=#]");
        TEST_CONTAINS(full.out, "--output-dir-mirror");
    }
    const outcome version = zstdio(dir, "-qV");
    BOOST_TEST(version.status == 0);
    BOOST_TEST(std::regex_match(version.out, std::regex("[0-9]+\\.[0-9]+\\.[0-9]+\n")), version.out); // libzstd's
    TEST_CONTAINS(zstdio(dir, "--version").out, "zstdio");
}

BOOST_AUTO_TEST_SUITE_END()

// ===========================================================================
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
