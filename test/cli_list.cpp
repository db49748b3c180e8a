// Tests of `zstdio -l` (tools/zstdio/listing.cpp): its stdout, stderr and
// exit status must be those of zstd 1.5.4's `-l`, `-lv` and `-lvv`, byte for
// byte, on well-formed, odd and damaged files.
//
// The tool is built by b2 and handed to this test as an argument (see
// test/Jamfile).  It runs here under the name `zstd`, through a symbolic
// link, so that it speaks as zstd does ("zstd: ..." messages).  The cases
// that compare with the real `zstd` (found on PATH) need zstd 1.5.4 and are
// skipped with a message otherwise; the cases with fixed expectations always
// run.  Run by hand: `cli_list -- path/to/zstdio`.
#define BOOST_TEST_MODULE cli_list
#include <boost/test/unit_test.hpp>

#include "support/cli_runner.hpp"

#include <zstdio/frame.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace utf = boost::unit_test;
using namespace zstdio_test;

namespace {

outcome ours(const temp_dir& dir, const std::string& args) { return run_in(dir, quote(tool_as_zstd()) + " " + args); }
outcome theirs(const temp_dir& dir, const std::string& args) { return run_in(dir, "zstd " + args); }

/// Both tools, same arguments, same files: the same three results.
void same_as_zstd(const temp_dir& dir, const std::string& args)
{
    BOOST_TEST_CONTEXT("zstd " << args)
    {
        const outcome z = theirs(dir, args);
        const outcome o = ours(dir, args);
        BOOST_TEST(o.status == z.status);
        BOOST_TEST(o.out == z.out, "stdout:\n" << o.out << "zstd's:\n" << z.out);
        BOOST_TEST(o.err == z.err, "stderr:\n" << o.err << "zstd's:\n" << z.err);
    }
}

/// -l, -lv, -lvv (exact bytes) and -lq on the same files.
void all_verbosities_same_as_zstd(const temp_dir& dir, const std::string& files)
{
    for (const char* flags : {"-l ", "-lv ", "-lvv ", "-lq "})
        same_as_zstd(dir, flags + files);
}

/// Runs the real zstd in `dir` (content sizes are recorded for named files).
void make_with_zstd(const temp_dir& dir, const std::string& args)
{
    const outcome r = theirs(dir, "-q -f " + args);
    BOOST_TEST_REQUIRE(r.status == 0, "zstd " << args << ": " << r.err);
}

/// A skippable frame (magic 0x184D2A5X, 32-bit size, payload).
std::string skippable_frame(std::size_t payload, unsigned variant = 0)
{
    return little_endian(0x184D2A50u + variant, 4) + little_endian(payload, 4) + std::string(payload, 'x');
}

/// A frame with no content: a header with the given descriptor and fields,
/// and one empty last raw block.  For sizes no test can afford to compress.
std::string empty_frame(unsigned char descriptor, const std::string& fields)
{
    return "\x28\xb5\x2f\xfd" + std::string(1, static_cast<char>(descriptor)) + fields + std::string("\x01\x00\x00", 3);
}

/// Files with the shapes -l cares about.
struct sample_files {
    temp_dir dir;
    sample_files()
    {
        write_file(dir.path("text"), text(100000, 31));
        write_file(dir.path("small"), text(1000, 4));
        write_file(dir.path("noise"), random_bytes(300000, 9)); // several raw blocks
        write_file(dir.path("zeros"), std::string(300000, '\0'));
        make_with_zstd(dir, "text -o checked.zst");
        make_with_zstd(dir, "--no-check small -o unchecked.zst");
        make_with_zstd(dir, "noise -o noise.zst");
        make_with_zstd(dir, "--no-check zeros -o zeros.zst");
        // Through a pipe: no content size.
        write_file(dir.path("piped.zst"), zstd_cli("-q", read_file(dir.path("text"))));
    }
    std::string operator[](const std::string& name) const { return read_file(dir.path(name)); }
};

} // namespace

// ---------------------------------------------------------------------------
// Compared with zstd 1.5.4

BOOST_AUTO_TEST_CASE(single_frames, *utf::precondition(zstd_154()))
{
    sample_files f;
    for (const char* name : {"checked.zst", "unchecked.zst", "piped.zst", "noise.zst", "zeros.zst"})
        all_verbosities_same_as_zstd(f.dir, name);
    // A frame of empty content, with and without checksum.
    write_file(f.dir.path("empty_content.zst"), zstd_cli("-q", ""));
    write_file(f.dir.path("empty_unchecked.zst"), zstd_cli("-q --no-check", ""));
    all_verbosities_same_as_zstd(f.dir, "empty_content.zst");
    all_verbosities_same_as_zstd(f.dir, "empty_unchecked.zst");
}

BOOST_AUTO_TEST_CASE(concatenated_frames, *utf::precondition(zstd_154()))
{
    sample_files f;
    // Checked then unchecked: "XXH64" for the file, no checksum shown; the
    // last frame's window.
    write_file(f.dir.path("multi.zst"), f["checked.zst"] + f["unchecked.zst"]);
    write_file(f.dir.path("unknown_last.zst"), f["unchecked.zst"] + f["piped.zst"]);
    write_file(f.dir.path("unknown_first.zst"), f["piped.zst"] + f["noise.zst"] + f["zeros.zst"]);
    for (const char* name : {"multi.zst", "unknown_last.zst", "unknown_first.zst"})
        all_verbosities_same_as_zstd(f.dir, name);
}

BOOST_AUTO_TEST_CASE(skippable_frames, *utf::precondition(zstd_154()))
{
    sample_files f;
    write_file(f.dir.path("skip_first.zst"), skippable_frame(5) + f["checked.zst"]);
    write_file(f.dir.path("skip_between.zst"),
               f["checked.zst"] + skippable_frame(0, 3) + f["unchecked.zst"] + skippable_frame(100, 15));
    write_file(f.dir.path("skip_only.zst"), skippable_frame(10, 1));
    write_file(f.dir.path("skips_first.zst"), skippable_frame(1) + skippable_frame(2, 7) + f["piped.zst"]);
    for (const char* name : {"skip_first.zst", "skip_between.zst", "skip_only.zst", "skips_first.zst"})
        all_verbosities_same_as_zstd(f.dir, name);
}

BOOST_AUTO_TEST_CASE(dictionary_frames, *utf::precondition(zstd_154()))
{
    sample_files f;
    fs::create_directory(f.dir.path("s"));
    for (int i = 0; i < 60; ++i)
        write_file(f.dir.path("s/" + std::to_string(i)), text(400, static_cast<std::uint32_t>(i)));
    make_with_zstd(f.dir, "--train s/* --maxdict=4096 --dictID=4242 -o dict");
    make_with_zstd(f.dir, "--train s/* --maxdict=4096 --dictID=77 -o dict2");
    make_with_zstd(f.dir, "-D dict text -o d.zst");
    make_with_zstd(f.dir, "-D dict2 small -o d2.zst");
    make_with_zstd(f.dir, "-D dict --no-dictID small -o nodictid.zst");
    // Two ids: zstd warns (stderr, no newline) and shows 0; a third frame's
    // id replaces that 0.
    write_file(f.dir.path("two_ids.zst"), f["d.zst"] + f["d2.zst"]);
    write_file(f.dir.path("id_none_id.zst"), f["d.zst"] + f["checked.zst"] + f["d2.zst"]);
    write_file(f.dir.path("same_ids.zst"), f["d.zst"] + f["d.zst"]);
    for (const char* name : {"d.zst", "nodictid.zst", "two_ids.zst", "id_none_id.zst", "same_ids.zst"})
        all_verbosities_same_as_zstd(f.dir, name);
}

BOOST_AUTO_TEST_CASE(several_files_and_totals, *utf::precondition(zstd_154()))
{
    sample_files f;
    write_file(f.dir.path("skip_first.zst"), skippable_frame(5) + f["checked.zst"]);
    write_file(f.dir.path("junk"), "not zstd at all");
    for (const char* files : {"checked.zst noise.zst",                    // all checked: XXH64 in the totals
                              "checked.zst unchecked.zst skip_first.zst", // mixed: empty check column
                              "checked.zst piped.zst",                    // a size unknown: no total size
                              "checked.zst checked.zst",
                              "checked.zst junk unchecked.zst", // a failure in the middle
                              "missing checked.zst", "junk junk"})
        all_verbosities_same_as_zstd(f.dir, files);
}

BOOST_AUTO_TEST_CASE(sizes_in_every_unit, *utf::precondition(zstd_154()))
{
    temp_dir dir;
    // Headers alone say these sizes: windows of 1 GiB, 2 GiB and 1.875 GiB
    // (mantissa 7), content of 3 GiB, 5 TiB and 2^61 bytes (EiB; MiB with -vv
    // past 2^53), a
    // single-segment frame whose window is its 300-byte content.
    write_file(dir.path("w30.zst"), empty_frame(0x00, "\xa0"));
    write_file(dir.path("w31.zst"), empty_frame(0x00, "\xa8"));
    write_file(dir.path("w30m7.zst"), empty_frame(0x00, "\xa7"));
    write_file(dir.path("huge.zst"), empty_frame(0xc0, std::string(1, '\0') + little_endian(1ull << 61, 8)));
    write_file(dir.path("gib.zst"), empty_frame(0x80, std::string(1, '\x70') + little_endian(3ull << 30, 4)));
    write_file(dir.path("tib.zst"), empty_frame(0xc0, std::string(1, '\x70') + little_endian(5ull << 40, 8)));
    write_file(dir.path("single.zst"), empty_frame(0x60, little_endian(300 - 256, 2)));
    for (const char* name : {"w30.zst", "w31.zst", "w30m7.zst", "huge.zst", "gib.zst", "tib.zst", "single.zst"})
        all_verbosities_same_as_zstd(dir, name);
    all_verbosities_same_as_zstd(dir, "w30.zst gib.zst tib.zst");
}

BOOST_AUTO_TEST_CASE(files_that_are_not_zstd, *utf::precondition(zstd_154()))
{
    sample_files f;
    write_file(f.dir.path("junk"), "not zstd at all");
    write_file(f.dir.path("empty"), "");
    write_file(f.dir.path("tiny"), "\x28\xb5");
    write_file(f.dir.path("trailing3.zst"), f["checked.zst"] + "abc");       // < 6 bytes: "incomplete frame"
    write_file(f.dir.path("trailing8.zst"), f["checked.zst"] + "garbage!"); // a frame that is no frame
    write_file(f.dir.path("reserved.zst"), empty_frame(0x08, std::string(1, '\0'))); // reserved header bit
    write_file(f.dir.path("bad_block.zst"), "\x28\xb5\x2f\xfd" + std::string("\x00\x00\x07\x00\x00", 5));
    fs::create_directory(f.dir.path("folder"));
    for (const char* name :
         {"junk", "empty", "tiny", "trailing3.zst", "trailing8.zst", "reserved.zst", "bad_block.zst", "missing", "folder"})
        all_verbosities_same_as_zstd(f.dir, name);
    // -l's messages do not depend on -q: zstd shows them even with -qq.
    same_as_zstd(f.dir, "-lqq junk empty reserved.zst missing");
}

BOOST_AUTO_TEST_CASE(truncated_files, *utf::precondition(zstd_154()))
{
    sample_files f;
    // Skippable, unchecked, checked with several blocks, checked, RLE blocks
    // without checksum, skippable: a file cut at every kind of place.
    const std::string whole = skippable_frame(5, 2) + f["unchecked.zst"] + f["noise.zst"] + f["checked.zst"] +
                              f["zeros.zst"] + skippable_frame(0);
    std::vector<std::size_t> cuts;
    for (const zstdio::frame_info& frame : zstdio::list_frames(whole)) {
        const std::size_t start = frame.offset, end = start + frame.compressed_size;
        const std::size_t header = start + frame.parameters.header_size;
        // In the magic, the header, the first block header, the first block;
        // the checksum, the last block, just past the frame.
        for (std::size_t at : {start + 1, start + 5, start + 6, start + 7, header - 1, header + 1, header + 3,
                               header + 4, end - 1, end - 3, end - 4, end - 5, end - 6, end + 1})
            if (at > 0 && at < whole.size())
                cuts.push_back(at);
    }
    // A cut inside the second block of the noise frame (its blocks are 128 KiB).
    cuts.push_back(skippable_frame(5).size() + f["unchecked.zst"].size() + 131072 + 2000);
    for (std::size_t at : cuts) {
        write_file(f.dir.path("cut.zst"), whole.substr(0, at));
        BOOST_TEST_CONTEXT("cut at " << at << " of " << whole.size())
        {
            same_as_zstd(f.dir, "-l cut.zst");
            same_as_zstd(f.dir, "-lv cut.zst");
        }
    }
    // And in the totals, after a whole file.
    write_file(f.dir.path("cut.zst"), f["noise.zst"].substr(0, 1000));
    same_as_zstd(f.dir, "-l checked.zst cut.zst unchecked.zst");
}

BOOST_AUTO_TEST_CASE(standard_input_and_no_files, *utf::precondition(zstd_154()))
{
    sample_files f;
    for (const char* args : {"-l -", "-l checked.zst -", "-l", "-lqq", "-lv", "-l --fake-stdin-is-console"})
        same_as_zstd(f.dir, args);
}

// ---------------------------------------------------------------------------
// Fixed expectations (zstd's own tests and the messages of its source)

BOOST_AUTO_TEST_CASE(standard_input_is_refused)
{
    temp_dir dir;
    const outcome o = ours(dir, "-l -");
    BOOST_TEST(o.status == 1);
    BOOST_TEST(o.out == "");
    BOOST_TEST(o.err == "zstd: --list does not support reading from standard input \n");

    // No file at all, stdin not a console: both lines; from a console, one.
    const outcome none = ours(dir, "-l");
    BOOST_TEST(none.status == 1);
    BOOST_TEST(none.out == "");
    BOOST_TEST(none.err == "zstd: --list does not support reading from standard input \nNo files given \n");
    BOOST_TEST(ours(dir, "-l --fake-stdin-is-console").err == "No files given \n");
}

BOOST_AUTO_TEST_CASE(window_sizes_as_zstd_cli_tests_expect)
{
    temp_dir dir;
    // tests/cli-tests/compression/window-resize.sh: a 1 GiB window, -l -v.
    write_file(dir.path("w30.zst"), empty_frame(0x00, "\xa0"));
    const outcome resized = ours(dir, "-l -v w30.zst");
    BOOST_TEST(resized.status == 0);
    BOOST_TEST(resized.out.find("\nWindow Size: 1.000 GiB (1073741824 B)\n") != std::string::npos, resized.out);

    // tests/cli-tests/compression/verbose-wlog.sh: -19 through a pipe has an
    // 8 MiB window, 128 MiB with --long; -vv shows bytes.
    const std::string input = text(200000, 5);
    write_file(dir.path("file.19.zst"), zstd_cli("-q -19", input));
    write_file(dir.path("file.19.long.zst"), zstd_cli("-q -19 --long", input));
    const outcome plain = ours(dir, "-vv -l file.19.zst");
    BOOST_TEST(plain.status == 0);
    BOOST_TEST(plain.out.find("\nWindow Size: 8388608 B (8388608 B)\n") != std::string::npos, plain.out);
    const outcome long_window = ours(dir, "-vv -l file.19.long.zst");
    BOOST_TEST(long_window.out.find("\nWindow Size: 134217728 B (134217728 B)\n") != std::string::npos,
               long_window.out);
}

BOOST_AUTO_TEST_CASE(skippable_frames_are_counted_in_frames_and_skips)
{
    sample_files f;
    write_file(f.dir.path("skip_first.zst"), skippable_frame(5) + f["checked.zst"] + skippable_frame(0, 9));
    const outcome o = ours(f.dir, "-l skip_first.zst");
    BOOST_TEST(o.status == 0, o.err);
    BOOST_TEST(o.out.rfind("Frames  Skips  Compressed  Uncompressed  Ratio  Check  Filename\n", 0) == 0, o.out);
    BOOST_TEST(o.out.find("\n     3      2 ") != std::string::npos, o.out);
    BOOST_TEST(o.out.find("  97.7 KiB  ") != std::string::npos, o.out); // text(100000) decompressed
    BOOST_TEST(o.out.find("  XXH64  skip_first.zst\n") != std::string::npos, o.out);
    const outcome v = ours(f.dir, "-lv skip_first.zst");
    BOOST_TEST(v.out.find("# Zstandard Frames: 1\n# Skippable Frames: 2\n") != std::string::npos, v.out);
}

BOOST_AUTO_TEST_CASE(damaged_files_give_zstds_messages)
{
    sample_files f;
    write_file(f.dir.path("junk"), "not zstd at all");
    const outcome junk = ours(f.dir, "-l junk");
    BOOST_TEST(junk.status == 1);
    BOOST_TEST(junk.out == "Frames  Skips  Compressed  Uncompressed  Ratio  Check  Filename\n"
                           "File \"junk\" not compressed by zstd \n");
    BOOST_TEST(junk.err == "");

    // Cut inside the checksum: what was read is shown, the frame not counted.
    const std::string checked = f["checked.zst"];
    write_file(f.dir.path("cut.zst"), checked.substr(0, checked.size() - 2));
    const outcome cut = ours(f.dir, "-lv cut.zst");
    BOOST_TEST(cut.status == 1);
    BOOST_TEST(cut.err == "Error: could not read checksum \nError while parsing \"cut.zst\" \n");
    BOOST_TEST(cut.out.find("# Zstandard Frames: 0\n") != std::string::npos, cut.out);

    // Cut inside the last block of a frame without checksum: "truncated".
    const std::string unchecked = f["unchecked.zst"];
    write_file(f.dir.path("cut2.zst"), unchecked.substr(0, unchecked.size() - 10));
    const outcome cut2 = ours(f.dir, "-l cut2.zst");
    BOOST_TEST(cut2.status == 1);
    BOOST_TEST(cut2.out.find("File \"cut2.zst\" is truncated \n") != std::string::npos, cut2.out);
    BOOST_TEST(cut2.err == "Error: seeked to position " + std::to_string(unchecked.size()) +
                               ", which is beyond file size of " + std::to_string(unchecked.size() - 10) + "\n \n");

    const outcome missing = ours(f.dir, "-l missing checked.zst");
    BOOST_TEST(missing.status == 1);
    BOOST_TEST(missing.err == "Error : missing is not a file \n");
    BOOST_TEST(missing.out.find("\n     1      0 ") != std::string::npos, missing.out); // the other file listed
    BOOST_TEST(missing.out.find(" 1 files\n") != std::string::npos, missing.out);
}
