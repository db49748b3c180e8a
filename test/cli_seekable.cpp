// Tests of the zstdio tool's seekable-zstd features (doc/cli.md, "Beyond
// zstd"): what -l adds for a file with a seek table (and nothing for any
// other file), and --range=FROM:TO, which extracts decompressed bytes by
// decoding only the frames that hold them.
//
// As test/cli_list.cpp, this test gets the tool as an argument (see
// test/Jamfile) and runs it as `zstd`, through a symbolic link, so that its
// messages are zstd's ("zstd: ...").  Seekable files are made here with the
// library (zstdio::compressor frames and a seek_table) and taken from
// test/data/seekable/ (made by zstd's contrib library).  The comparisons with
// the real `zstd -l` need zstd 1.5.4 on PATH and are skipped otherwise.
// Run by hand: `cli_seekable -- path/to/zstdio` from the repository's root.
#define BOOST_TEST_MODULE cli_seekable
#include <boost/test/unit_test.hpp>

#include "support/cli_runner.hpp"

#include <zstdio/compressor.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/seek_table.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace utf = boost::unit_test;
using namespace zstdio_test;

namespace {

outcome ours(const temp_dir& dir, const std::string& args) { return run_in(dir, quote(tool_as_zstd()) + " " + args); }
outcome theirs(const temp_dir& dir, const std::string& args) { return run_in(dir, "zstd " + args); }

/// `data` cut into frames of `frame_size` bytes, one zstdio::compressor frame
/// each (content size and checksum recorded); with `table`, each frame is
/// added to it with its checksum.
std::string frames_of(const std::string& data, std::size_t frame_size, zstdio::seek_table* table = nullptr)
{
    zstdio::compressor c;
    std::string out;
    for (std::size_t at = 0; at < data.size(); at += frame_size) {
        const std::string_view chunk = std::string_view(data).substr(at, frame_size);
        const std::string frame = c.compress(chunk);
        out += frame;
        if (table)
            table->add_frame(frame.size(), chunk.size(), get_le32(frame, frame.size() - 4));
    }
    return out;
}

/// A seekable file: frames_of() then the table.
std::string seekable_file(const std::string& data, std::size_t frame_size)
{
    zstdio::seek_table t;
    const std::string frames = frames_of(data, frame_size, &t);
    return frames + t.serialize();
}

/// Where the table frame of a seekable file starts, and its first entry.
std::size_t table_start(const std::string& file)
{
    const std::size_t entry = (static_cast<unsigned char>(file[file.size() - 5]) & 0x80) ? 12 : 8;
    return file.size() - (8 + get_le32(file, file.size() - 9) * entry + 9);
}

/// `file` with a byte in the middle of frame `index` flipped: the headers
/// still walk, the frame no longer decodes.
std::string with_damaged_frame(const std::string& file, std::size_t index)
{
    const std::vector<zstdio::frame_info> frames = zstdio::list_frames(file);
    BOOST_TEST_REQUIRE(index < frames.size());
    const zstdio::frame_info& f = frames[index];
    // Past the frame header and first block header, before the checksum.
    const std::size_t at = f.offset + f.parameters.header_size + 3 + (f.compressed_size - f.parameters.header_size - 7) / 2;
    std::string damaged = file;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    return damaged;
}

/// A file of test/data/seekable/ (the test runs from the repository's root).
std::string contrib_file(const std::string& name) { return read_file("test/data/seekable/" + name); }

/// `data[from, to)`, clamped to its end as --range is.
std::string slice(const std::string& data, std::uint64_t from, std::optional<std::uint64_t> to = std::nullopt)
{
    const std::size_t f = static_cast<std::size_t>(std::min<std::uint64_t>(from, data.size()));
    const std::size_t t = static_cast<std::size_t>(std::min<std::uint64_t>(to.value_or(data.size()), data.size()));
    return t > f ? data.substr(f, t - f) : std::string();
}

/// Names in `dir`, hidden ones (temporary outputs) included, sorted.
std::vector<std::string> files_in(const temp_dir& dir)
{
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path(".")))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// `out` without the lines -l adds for seekable files.
std::string without_seekable_lines(const std::string& out)
{
    std::string kept;
    for (std::size_t at = 0; at < out.size();) {
        std::size_t end = out.find('\n', at);
        end = end == std::string::npos ? out.size() : end + 1;
        const std::string line = out.substr(at, end - at);
        if (line.rfind("        seekable: ", 0) != 0 && line.rfind("Seek Table: ", 0) != 0)
            kept += line;
        at = end;
    }
    return kept;
}

/// Files every test uses: 200000 bytes of text as a seekable file of 20
/// frames, the same frames without a table, one frame, and through a pipe.
struct sample_files {
    temp_dir dir;
    const std::string data = text(200000, 13);
    sample_files()
    {
        write_file(dir.path("seekable.zst"), seekable_file(data, 10000));
        write_file(dir.path("frames.zst"), frames_of(data, 10000));
        write_file(dir.path("single.zst"), zstdio::compress(data));
        write_file(dir.path("piped.zst"), zstd_cli("-q", data)); // no content size
    }
    std::string operator[](const std::string& name) const { return read_file(dir.path(name)); }
};

/// --range=`range` of `file` to stdout and to -o: both must be `expected`.
void range_gives(const sample_files& f, const std::string& file, const std::string& range, const std::string& expected)
{
    BOOST_TEST_CONTEXT("--range=" << range << " of " << file)
    {
        const outcome c = ours(f.dir, "-dc --range=" + range + " " + file);
        BOOST_TEST(c.status == 0, c.err);
        BOOST_TEST(c.out.size() == expected.size());
        BOOST_TEST((c.out == expected));
        const outcome o = ours(f.dir, "-d -f --range=" + range + " " + file + " -o slice");
        BOOST_TEST(o.status == 0, o.err);
        BOOST_TEST((read_file(f.dir.path("slice")) == expected));
        fs::remove(f.dir.path("slice"));
    }
}

} // namespace

// ---------------------------------------------------------------------------
// -l: seekable files get one more line, other files none

BOOST_AUTO_TEST_CASE(list_says_a_file_is_seekable_and_how_many_frames_its_table_lists)
{
    sample_files f;
    const outcome l = ours(f.dir, "-l seekable.zst");
    BOOST_TEST(l.status == 0, l.err);
    BOOST_TEST(l.err == "");
    // zstd's line: 20 frames and the table's skippable frame; then ours.
    BOOST_TEST(l.out.find("\n    21      1 ") != std::string::npos, l.out);
    BOOST_TEST(l.out.find("  XXH64  seekable.zst\n        seekable: 20 frames in the seek table\n") !=
                   std::string::npos,
               l.out);

    const outcome v = ours(f.dir, "-lv seekable.zst");
    BOOST_TEST(v.status == 0, v.err);
    BOOST_TEST(v.out.find("# Zstandard Frames: 20\n# Skippable Frames: 1\n") != std::string::npos, v.out);
    BOOST_TEST(v.out.find("Check: XXH64\nSeek Table: 20 frames, 195 KiB (200000 B), checksums\n\n") !=
                   std::string::npos,
               v.out);
    const outcome vv = ours(f.dir, "-lvv seekable.zst");
    BOOST_TEST(vv.out.find("\nSeek Table: 20 frames, 200000 B (200000 B), checksums\n") != std::string::npos, vv.out);

    // Several files: the extra line under each seekable one, totals as zstd's.
    const outcome several = ours(f.dir, "-l frames.zst seekable.zst single.zst");
    BOOST_TEST(several.status == 0, several.err);
    BOOST_TEST(several.out.find("seekable.zst\n        seekable: 20 frames in the seek table\n     1      0 ") !=
                   std::string::npos,
               several.out);
    BOOST_TEST(several.out.find(" 3 files\n") != std::string::npos, several.out);
    std::size_t seekable_lines = 0;
    for (std::size_t at = several.out.find("seekable: "); at != std::string::npos;
         at = several.out.find("seekable: ", at + 1))
        ++seekable_lines;
    BOOST_TEST(seekable_lines == 1u);
}

BOOST_AUTO_TEST_CASE(list_reads_the_tables_of_the_contrib_library)
{
    temp_dir dir;
    for (const char* name : {"lines-4096.zst", "letters-1000.zst", "letters-nochecksum-3000.zst", "empty.zst"})
        write_file(dir.path(name), contrib_file(name));
    const outcome l = ours(dir, "-l lines-4096.zst letters-1000.zst empty.zst");
    BOOST_TEST(l.status == 0, l.err);
    BOOST_TEST(l.out.find("lines-4096.zst\n        seekable: 15 frames in the seek table\n") != std::string::npos,
               l.out);
    // 20 frames of content and the empty 21st.
    BOOST_TEST(l.out.find("letters-1000.zst\n        seekable: 21 frames in the seek table\n") != std::string::npos,
               l.out);
    BOOST_TEST(l.out.find("empty.zst\n        seekable: 1 frame in the seek table\n") != std::string::npos, l.out);
    // The contrib frames do not record their size: the table does.
    const outcome v = ours(dir, "-lvv letters-nochecksum-3000.zst");
    BOOST_TEST(v.out.find("\nSeek Table: 4 frames, 10000 B (10000 B), no checksums\n") != std::string::npos, v.out);
}

BOOST_AUTO_TEST_CASE(list_of_seekable_files_is_zstds_plus_the_seekable_lines, *utf::precondition(zstd_154()))
{
    sample_files f;
    write_file(f.dir.path("lines-4096.zst"), contrib_file("lines-4096.zst"));
    for (const char* flags : {"-l ", "-lv ", "-lvv ", "-lq "})
        for (const char* files : {"seekable.zst", "lines-4096.zst", "seekable.zst single.zst lines-4096.zst"}) {
            BOOST_TEST_CONTEXT(flags << files)
            {
                const outcome z = theirs(f.dir, flags + std::string(files));
                const outcome o = ours(f.dir, flags + std::string(files));
                BOOST_TEST(o.status == z.status);
                BOOST_TEST(o.out != z.out); // something was added...
                BOOST_TEST(without_seekable_lines(o.out) == z.out); // ...and nothing else changed
                BOOST_TEST(o.err == z.err);
            }
        }
}

BOOST_AUTO_TEST_CASE(list_of_files_without_a_table_is_exactly_zstds, *utf::precondition(zstd_154()))
{
    sample_files f;
    for (const char* flags : {"-l ", "-lv ", "-lvv ", "-lq "})
        for (const char* files : {"frames.zst", "single.zst", "piped.zst", "frames.zst single.zst piped.zst"}) {
            BOOST_TEST_CONTEXT(flags << files)
            {
                const outcome z = theirs(f.dir, flags + std::string(files));
                const outcome o = ours(f.dir, flags + std::string(files));
                BOOST_TEST(o.status == z.status);
                BOOST_TEST(o.out == z.out);
                BOOST_TEST(o.err == z.err);
            }
        }
}

BOOST_AUTO_TEST_CASE(list_adds_nothing_for_files_without_a_table)
{
    sample_files f;
    for (const char* flags : {"-l ", "-lv "}) {
        const outcome o = ours(f.dir, flags + std::string("frames.zst single.zst piped.zst"));
        BOOST_TEST(o.status == 0, o.err);
        BOOST_TEST(o.out.find("eek") == std::string::npos, o.out);
        BOOST_TEST(o.err == "");
    }
}

BOOST_AUTO_TEST_CASE(list_of_a_lying_table_is_zstds_listing_and_a_warning)
{
    sample_files f;
    const std::string good = f["seekable.zst"];
    const std::size_t table = table_start(good);
    // Compressed sizes that do not add up (read() refuses them), ...
    std::string sizes = good;
    set_le32(sizes, table + 8, get_le32(sizes, table + 8) + 1);
    // ...a decompressed size that contradicts the frame's header (the
    // frames are checked), ...
    std::string content = good;
    set_le32(content, table + 8 + 4, get_le32(content, table + 8 + 4) + 10);
    // ...reserved descriptor bits, and a frame count far beyond the file.
    std::string reserved = good;
    reserved[reserved.size() - 5] = static_cast<char>(reserved[reserved.size() - 5] | 0x04);
    std::string count = good;
    set_le32(count, count.size() - 9, 0x7fffffffu);
    write_file(f.dir.path("sizes.zst"), sizes);
    write_file(f.dir.path("content.zst"), content);
    write_file(f.dir.path("reserved.zst"), reserved);
    write_file(f.dir.path("count.zst"), count);
    for (const char* name : {"sizes.zst", "content.zst", "reserved.zst", "count.zst"}) {
        BOOST_TEST_CONTEXT(name)
        {
            // The listing of the frames is the good file's, without the line.
            const outcome l = ours(f.dir, "-l " + std::string(name));
            const outcome g = ours(f.dir, "-l seekable.zst");
            BOOST_TEST(l.status == 0);
            std::string expected = without_seekable_lines(g.out);
            expected.replace(expected.find("seekable.zst"), 12, name);
            BOOST_TEST(l.out == expected);
            BOOST_TEST(l.err.rfind("zstd: " + std::string(name) + ": warning: not seekable: ", 0) == 0, l.err);
            // -q hides the warning, as it hides zstd's.
            BOOST_TEST(ours(f.dir, "-lq " + std::string(name)).err == "");
        }
    }
}

BOOST_AUTO_TEST_CASE(list_of_a_lying_table_matches_zstd, *utf::precondition(zstd_154()))
{
    sample_files f;
    std::string sizes = f["seekable.zst"];
    const std::size_t table = table_start(sizes);
    set_le32(sizes, table + 8, get_le32(sizes, table + 8) + 1);
    write_file(f.dir.path("sizes.zst"), sizes);
    for (const char* flags : {"-l ", "-lv "}) {
        const outcome z = theirs(f.dir, flags + std::string("sizes.zst"));
        const outcome o = ours(f.dir, flags + std::string("sizes.zst"));
        BOOST_TEST(o.status == z.status);
        BOOST_TEST(o.out == z.out);
    }
}

// ---------------------------------------------------------------------------
// --range: slices of the decompressed data

BOOST_AUTO_TEST_CASE(range_of_every_kind_of_file_is_the_slice_of_the_data)
{
    sample_files f;
    const std::string& d = f.data;
    for (const char* file : {"seekable.zst", "frames.zst", "single.zst", "piped.zst"}) {
        range_gives(f, file, "0:100", slice(d, 0, 100));
        range_gives(f, file, "12345:67890", slice(d, 12345, 67890)); // across frames
        range_gives(f, file, "10000:20000", slice(d, 10000, 20000)); // exactly one frame
        range_gives(f, file, "9999:10001", slice(d, 9999, 10001));   // a frame boundary
        range_gives(f, file, "150000:", slice(d, 150000));           // to the end
        range_gives(f, file, ":777", slice(d, 0, 777));
        range_gives(f, file, "0:", d);                               // everything
        range_gives(f, file, "5000+3000", slice(d, 5000, 8000));
        range_gives(f, file, "1K:2KiB", slice(d, 1024, 2048));       // zstd's suffixes
        range_gives(f, file, "100K+1KB", slice(d, 102400, 103424));
    }
}

BOOST_AUTO_TEST_CASE(range_edges_are_clamped_like_tail)
{
    sample_files f;
    const std::string& d = f.data;
    for (const char* file : {"seekable.zst", "frames.zst", "single.zst"}) {
        range_gives(f, file, "0:0", "");                          // empty
        range_gives(f, file, "777:777", "");
        range_gives(f, file, "199999:", slice(d, 199999));        // the last byte
        range_gives(f, file, "200000:", "");                      // at the end
        range_gives(f, file, "200000:300000", "");
        range_gives(f, file, "190000:300000", slice(d, 190000));  // past the end: up to it
        range_gives(f, file, "1G:2G", "");                        // G, far past the end
        range_gives(f, file, "0+1M", d);
    }
}

BOOST_AUTO_TEST_CASE(range_reads_the_contrib_library_files)
{
    temp_dir dir;
    sample_files f; // for range_gives' directory
    const struct {
        const char* name;
        std::string data;
    } files[] = {{"lines-4096.zst", contrib_input("lines", 60000, 0)},
                 {"letters-1000.zst", contrib_input("letters", 20000, 7)},
                 {"lines-parallel-2000.zst", contrib_input("lines", 30000, 0)},
                 {"letters-nochecksum-3000.zst", contrib_input("letters", 10000, 9)}};
    for (const auto& c : files) {
        write_file(f.dir.path(c.name), contrib_file(c.name));
        range_gives(f, c.name, "0:", c.data);
        range_gives(f, c.name, "4000:9000", slice(c.data, 4000, 9000));
        range_gives(f, c.name, "9999+2", slice(c.data, 9999, 10001));
    }
    write_file(f.dir.path("empty.zst"), contrib_file("empty.zst"));
    range_gives(f, "empty.zst", "0:10", "");
}

BOOST_AUTO_TEST_CASE(range_decodes_only_the_frames_it_needs)
{
    // Frame 7 damaged (its headers intact): a range outside it is read, a
    // range in it fails, with and without a seek table.  A whole decode
    // would fail everywhere.
    sample_files f;
    write_file(f.dir.path("bad7.zst"), with_damaged_frame(f["seekable.zst"], 7));
    write_file(f.dir.path("bad7-frames.zst"), with_damaged_frame(f["frames.zst"], 7));
    BOOST_TEST(ours(f.dir, "-dc bad7.zst").status == 1);
    for (const char* file : {"bad7.zst", "bad7-frames.zst"}) {
        BOOST_TEST_CONTEXT(file)
        {
            range_gives(f, file, "0:70000", slice(f.data, 0, 70000));
            range_gives(f, file, "80000:200000", slice(f.data, 80000));
            const outcome bad = ours(f.dir, "-dc --range=75000:75010 " + std::string(file));
            BOOST_TEST(bad.status == 1);
            BOOST_TEST(bad.out == "");
            BOOST_TEST(bad.err.rfind("zstd: " + std::string(file) + ": ", 0) == 0, bad.err);
        }
    }
}

BOOST_AUTO_TEST_CASE(range_reads_standard_input_from_its_start)
{
    sample_files f;
    for (const char* file : {"seekable.zst", "single.zst", "piped.zst"}) {
        BOOST_TEST_CONTEXT(file)
        {
            const outcome piped = run_in(f.dir, "cat " + std::string(file) + " | " + quote(tool_as_zstd()) +
                                                   " -d --range=123456:130000");
            BOOST_TEST(piped.status == 0, piped.err);
            BOOST_TEST((piped.out == slice(f.data, 123456, 130000)));
            const outcome redirected =
                run_in(f.dir, quote(tool_as_zstd()) + " -d --range=199990:300000 - < " + std::string(file));
            BOOST_TEST(redirected.status == 0, redirected.err);
            BOOST_TEST((redirected.out == slice(f.data, 199990)));
        }
    }
    // zstdcat (-dcf) too, and a pipe to another program.
    fs::create_symlink(tool_as_zstd(), f.dir.path("zstdcat"));
    const outcome cat = run_in(f.dir, "./zstdcat --range=100:200 seekable.zst | wc -c");
    BOOST_TEST(cat.status == 0, cat.err);
    BOOST_TEST(cat.out.find("100") != std::string::npos, cat.out);
}

BOOST_AUTO_TEST_CASE(range_of_gzip_and_plain_input)
{
    sample_files f;
    write_file(f.dir.path("data"), f.data);
    BOOST_TEST_REQUIRE(ours(f.dir, "-q --format=gzip data -o data.gz").status == 0);
    range_gives(f, "data.gz", "1000:2000", slice(f.data, 1000, 2000));
    // Pass-through (-dcf) copies a slice of a file of no known format.
    const outcome plain = ours(f.dir, "-dcf --range=10:20 data");
    BOOST_TEST(plain.status == 0, plain.err);
    BOOST_TEST((plain.out == slice(f.data, 10, 20)));
}

// ---------------------------------------------------------------------------
// --range: safety and usage

BOOST_AUTO_TEST_CASE(a_failed_range_leaves_no_output)
{
    sample_files f;
    std::string lying = f["seekable.zst"];
    const std::size_t table = table_start(lying);
    set_le32(lying, table + 8 + 4, get_le32(lying, table + 8 + 4) + 10); // frame 0's content size
    write_file(f.dir.path("lying.zst"), lying);
    write_file(f.dir.path("bad7.zst"), with_damaged_frame(f["seekable.zst"], 7));
    const std::vector<std::string> before = files_in(f.dir);
    for (const char* args : {"lying.zst -o out", "bad7.zst -o out", "--range=0:200000 bad7.zst -o out",
                             "lying.zst -c"}) {
        BOOST_TEST_CONTEXT(args)
        {
            const std::string range = std::string(args).find("--range") == std::string::npos ? "--range=75000:75010 " : "";
            const outcome o = ours(f.dir, "-d " + range + args);
            BOOST_TEST(o.status == 1);
            BOOST_TEST(o.out == "");
            const std::string file = std::string(args).find("lying") != std::string::npos ? "lying.zst" : "bad7.zst";
            BOOST_TEST(o.err.rfind("zstd: " + file + ": ", 0) == 0, o.err);
            BOOST_TEST(files_in(f.dir) == before, "no output, no temporary file");
        }
    }
    // The lie is found on opening: nothing is decoded, nothing written.
    const outcome lie = ours(f.dir, "-d --range=0:10 lying.zst -o out");
    BOOST_TEST(lie.err.find("seek table") != std::string::npos, lie.err);
    // An existing output stays as it was.
    write_file(f.dir.path("out"), "keep me");
    BOOST_TEST(ours(f.dir, "-d -f --range=75000:75010 bad7.zst -o out").status == 1);
    BOOST_TEST(read_file(f.dir.path("out")) == "keep me");
}

BOOST_AUTO_TEST_CASE(range_never_removes_its_input)
{
    sample_files f;
    const outcome o = ours(f.dir, "-d --rm --range=0:10 seekable.zst -o out");
    BOOST_TEST(o.status == 0, o.err);
    BOOST_TEST(o.err.find("Warning : --rm does not apply to --range: the input is kept") != std::string::npos, o.err);
    BOOST_TEST(fs::exists(f.dir.path("seekable.zst")));
    BOOST_TEST((read_file(f.dir.path("out")) == slice(f.data, 0, 10)));
    // Under a name that removes by default too.
    fs::create_symlink(tool_as_zstd(), f.dir.path("gunzip"));
    BOOST_TEST(run_in(f.dir, "./gunzip --range=0:10 seekable.zst -c").status == 0);
    BOOST_TEST(fs::exists(f.dir.path("seekable.zst")));
}

BOOST_AUTO_TEST_CASE(range_usage_errors)
{
    sample_files f;
    const std::vector<std::string> before = files_in(f.dir);
    const struct {
        const char* args;
        const char* message;
    } cases[] = {
        // A slice never takes the whole file's name (seekable from seekable.zst).
        {"-d --range=0:10 seekable.zst", "error: --range writes a part of the data: give -c or -o FILE \n"},
        {"-d --range=0:10 --output-dir-flat . seekable.zst",
         "error: --range writes a part of the data: give -c or -o FILE \n"},
        {"--range=0:10 seekable.zst -c", "error: --range extracts decompressed bytes: use it with -d \n"},
        {"-t --range=0:10 seekable.zst", "error: --range extracts decompressed bytes: use it with -d \n"},
        {"-l --range=0:10 seekable.zst", "error: --range extracts decompressed bytes: use it with -d \n"},
        {"-dc --range=10:5 seekable.zst", "error: --range=FROM:TO ends before it starts \n"},
        {"-dc --range=10 seekable.zst",
         "error: --range takes FROM:TO or FROM+LENGTH, numbers with optional suffixes K, M, G \n"},
        {"-dc --range= seekable.zst",
         "error: --range takes FROM:TO or FROM+LENGTH, numbers with optional suffixes K, M, G \n"},
        {"-dc --range=a:b seekable.zst",
         "error: --range takes FROM:TO or FROM+LENGTH, numbers with optional suffixes K, M, G \n"},
        {"-dc --range=1:2X seekable.zst",
         "error: only numeric values with optional suffixes K, KB, KiB, M, MB, MiB are allowed \n"},
        {"-dc --range=99999999999999999999:1 seekable.zst", "error: numeric value overflows 64-bit unsigned int \n"},
        {"-dc --range=17179869184G:1 seekable.zst", "error: numeric value overflows 64-bit unsigned int \n"},
        {"-dc --range=1+18446744073709551615 seekable.zst", "error: numeric value overflows 64-bit unsigned int \n"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.args)
        {
            const outcome o = ours(f.dir, c.args);
            BOOST_TEST(o.status == 1);
            BOOST_TEST(o.out == "");
            BOOST_TEST(o.err == c.message);
        }
    }
    BOOST_TEST(files_in(f.dir) == before);
    // The value may be the next argument, as for zstd's other options.
    const outcome separate = ours(f.dir, "-dc --range 10:20 seekable.zst");
    BOOST_TEST(separate.status == 0, separate.err);
    BOOST_TEST((separate.out == slice(f.data, 10, 20)));
}

BOOST_AUTO_TEST_CASE(range_of_several_inputs_applies_to_each)
{
    sample_files f;
    const outcome o = ours(f.dir, "-dc --range=0:5 seekable.zst single.zst");
    BOOST_TEST(o.status == 0, o.err);
    BOOST_TEST((o.out == slice(f.data, 0, 5) + slice(f.data, 0, 5)));
}

// ---------------------------------------------------------------------------
// --seekable[=SIZE]: writing seekable files

BOOST_AUTO_TEST_CASE(seekable_writes_frames_of_the_size_asked_and_a_table)
{
    sample_files f;
    write_file(f.dir.path("data"), f.data);
    for (const std::string& size : {std::string("16K"), std::string("10000"), std::string("1M")}) {
        BOOST_TEST_CONTEXT("--seekable=" << size)
        {
            const outcome c = ours(f.dir, "-q -f --seekable=" + size + " data -o data.zst");
            BOOST_TEST(c.status == 0, c.err);
            const std::string file = f["data.zst"];
            const std::optional<zstdio::seek_table> table = zstdio::seek_table::read(file);
            BOOST_REQUIRE(table.has_value());
            const std::size_t frame = size == "16K" ? 16384 : size == "10000" ? 10000 : 1 << 20;
            BOOST_TEST(table->frame_count() == (f.data.size() + frame - 1) / frame);
            BOOST_TEST(table->decompressed_size() == f.data.size());
            BOOST_TEST(table->has_checksums()); // zstd's default: frames with checksums
            // Any zstd decoder reads it as ordinary frames.
            BOOST_TEST((zstd_cli("-dcq", file) == f.data));
            BOOST_TEST((ours(f.dir, "-dcq data.zst").out == f.data));
            // And --range reads it by frames.
            BOOST_TEST((ours(f.dir, "-dc --range=150000+100 data.zst").out == slice(f.data, 150000, 150100)));
        }
    }
    // The default frame size is 1 MiB: one frame for this input.
    BOOST_TEST(ours(f.dir, "-q -f --seekable data -o default.zst").status == 0);
    BOOST_TEST(zstdio::seek_table::read(f["default.zst"])->frame_count() == 1u);
}

BOOST_AUTO_TEST_CASE(seekable_gives_the_same_bytes_for_every_thread_count)
{
    sample_files f;
    write_file(f.dir.path("data"), f.data);
    BOOST_TEST(ours(f.dir, "-q -f -T1 --seekable=8K data -o one.zst").status == 0);
    for (const char* threads : {"-T0", "-T2", "-T3", "--single-thread"}) {
        BOOST_TEST_CONTEXT(threads)
        {
            BOOST_TEST(ours(f.dir, std::string("-q -f ") + threads + " --seekable=8K data -o many.zst").status == 0);
            BOOST_TEST((f["many.zst"] == f["one.zst"]));
        }
    }
    // Through a pipe too (size unknown: the frames still record theirs).
    const outcome piped = ours(f.dir, "-q -T2 --seekable=8K -c < data");
    BOOST_TEST((piped.out == f["one.zst"]));
}

BOOST_AUTO_TEST_CASE(seekable_usage_errors)
{
    sample_files f;
    write_file(f.dir.path("data"), f.data);
    const struct {
        const char* args;
        const char* message;
    } cases[] = {
        {"-d --seekable seekable.zst -c", "error: --seekable writes compressed files: use it when compressing \n"},
        {"--seekable=0 data -c", "error: --seekable=SIZE takes 1 byte to 1 GiB per frame \n"},
        {"--seekable=1025M data -c", "error: --seekable=SIZE takes 1 byte to 1 GiB per frame \n"},
        {"--seekable --format=gzip data -c", "error: --seekable writes the zstd format only \n"},
        {"--seekable --adapt -T2 data -c", "error: --seekable and --adapt cannot be used together \n"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.args)
        {
            const outcome o = ours(f.dir, c.args);
            BOOST_TEST(o.status == 1);
            BOOST_TEST(o.out.empty());
            BOOST_TEST(o.err == c.message);
        }
    }
}
