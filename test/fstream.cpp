// Tests for zstdio/fstream.hpp: ifstream reads any format in one line,
// ofstream writes zstd.
#include <zstdio/fstream.hpp>

#define BOOST_TEST_MODULE fstream
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <zstdio/compressor.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace zstdio_test;
using zstdio::errc;

namespace {

std::vector<std::string> lines_of(std::istream& in)
{
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line))
        lines.push_back(line);
    return lines;
}

std::vector<std::string> split_lines(const std::string& s)
{
    std::istringstream in(s);
    return lines_of(in);
}

} // namespace

BOOST_AUTO_TEST_CASE(ofstream_then_ifstream_round_trip_line_by_line)
{
    temp_dir dir;
    const std::string path = dir.path("log.zst");
    const std::string data = text(500000, 2);
    {
        zstdio::ofstream out(path, 19);
        BOOST_REQUIRE(out.is_open());
        out << data;
        out.close();
        BOOST_TEST(out.good());
        BOOST_TEST(!out.is_open());
    }
    // One frame, level 19 with a checksum: the real zstd reads it.
    BOOST_TEST((zstd_cli("-dc", read_file(path)) == data));
    zstdio::ifstream in(path);
    BOOST_REQUIRE(in.is_open());
    BOOST_TEST((lines_of(in) == split_lines(data)));
    BOOST_TEST(in.eof());
    BOOST_TEST(!in.bad());
    BOOST_TEST(!in.last_error());
}

BOOST_AUTO_TEST_CASE(ifstream_reads_files_made_by_gzip_xz_lzma_bzip2_and_zstd)
{
    temp_dir dir;
    const std::string data = text(200000, 6);
    write_file(dir.path("data"), data);
    for (const std::string tool : {"gzip", "xz", "lzma", "bzip2", "zstd -q"}) {
        const std::string packed = dir.path("packed");
        BOOST_REQUIRE_EQUAL(run(tool + " -c " + quote(dir.path("data")) + " > " + quote(packed)).status, 0);
        zstdio::ifstream in(packed);
        std::ostringstream all;
        all << in.rdbuf();
        BOOST_TEST_CONTEXT(tool)
        BOOST_TEST((all.str() == data));
    }
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_opened_sets_failbit)
{
    zstdio::ifstream in("/nonexistent/dir/file.gz");
    BOOST_TEST(in.fail());
    BOOST_TEST(!in.is_open());
    zstdio::ofstream out("/nonexistent/dir/file.zst");
    BOOST_TEST(out.fail());
    BOOST_TEST(!out.is_open());
    // close() with nothing open fails too, as std::fstream's.
    zstdio::ifstream none;
    none.close();
    BOOST_TEST(none.fail());
}

BOOST_AUTO_TEST_CASE(open_close_and_open_again)
{
    temp_dir dir;
    zstdio::ofstream out;
    BOOST_TEST(!out.is_open());
    out.open(dir.path("a.zst"));
    out << "first";
    out.open(dir.path("b.zst")); // already open: failbit, as std::ofstream
    BOOST_TEST(out.fail());
    out.close();
    out.open(dir.path("b.zst"), 1);
    BOOST_TEST(out.good());
    out << "second";
    out.close();

    zstdio::ifstream in;
    std::string word;
    in.open(dir.path("a.zst"));
    in >> word;
    BOOST_TEST(word == "first");
    in.close();
    in.open(dir.path("b.zst"));
    BOOST_TEST(in.good());
    in >> word;
    BOOST_TEST(word == "second");
}

BOOST_AUTO_TEST_CASE(the_destructor_ends_the_frame)
{
    temp_dir dir;
    {
        zstdio::ofstream out(dir.path("d.zst"));
        out << "written without close()\n";
    }
    BOOST_TEST(zstdio::decompressor().decompress(read_file(dir.path("d.zst")), 1000) == "written without close()\n");
}

BOOST_AUTO_TEST_CASE(a_truncated_file_ends_bad_with_the_error_kept)
{
    temp_dir dir;
    const std::string whole = zstdio::compress(text(300000));
    write_file(dir.path("cut.zst"), whole.substr(0, whole.size() - 5));
    zstdio::ifstream in(dir.path("cut.zst"));
    lines_of(in);
    BOOST_TEST(in.bad());
    BOOST_REQUIRE(in.last_error());
    BOOST_TEST(static_cast<int>(in.last_error()->condition()) == static_cast<int>(errc::truncated_input));

    // With badbit in the exception mask, the read throws the zstd_error.
    zstdio::ifstream throwing(dir.path("cut.zst"));
    throwing.exceptions(std::ios_base::badbit);
    std::string line;
    BOOST_CHECK_EXCEPTION(
        while (std::getline(throwing, line)) {}, zstdio::zstd_error,
        [](const zstdio::zstd_error& e) { return e.condition() == errc::truncated_input; });
}

BOOST_AUTO_TEST_CASE(pass_through_and_unknown_files)
{
    temp_dir dir;
    write_file(dir.path("plain.txt"), "just text\nsecond line\n");
    zstdio::ifstream plain(dir.path("plain.txt"), {}, true);
    BOOST_TEST((lines_of(plain) == std::vector<std::string>{"just text", "second line"}));
    zstdio::ifstream strict(dir.path("plain.txt"));
    lines_of(strict);
    BOOST_TEST(strict.bad());
    BOOST_REQUIRE(strict.last_error());
    BOOST_TEST(static_cast<int>(strict.last_error()->condition()) == static_cast<int>(errc::not_zstd_frame));
}

BOOST_AUTO_TEST_CASE(ofstream_flush_makes_the_data_so_far_readable)
{
    temp_dir dir;
    zstdio::ofstream out(dir.path("f.zst"));
    out << "flushed line" << std::endl; // ends a zstd block
    zstdio::ifstream in(dir.path("f.zst"));
    std::string line;
    BOOST_TEST(static_cast<bool>(std::getline(in, line)));
    BOOST_TEST(line == "flushed line");
}

BOOST_AUTO_TEST_CASE(a_write_failure_at_close_sets_badbit_or_throws)
{
    // /dev/full takes nothing: the frame cannot be written.
    zstdio::ofstream out("/dev/full");
    BOOST_REQUIRE(out.is_open());
    out << "data";
    out.close();
    BOOST_TEST(out.bad());

    zstdio::ofstream throwing("/dev/full");
    throwing << "data";
    throwing.exceptions(std::ios_base::badbit);
    BOOST_CHECK_THROW(throwing.close(), std::ios_base::failure);
}
