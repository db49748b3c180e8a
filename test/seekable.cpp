// Tests for zstdio/seekable.hpp: seek_table (read, indexed, written) and
// seekable_source (random access, streams, threads), against plain data,
// the zstd CLI and files made by zstd's contrib seekable library
// (test/data/seekable/, see its README).
#include <zstdio/seekable.hpp>

#define BOOST_TEST_MODULE seekable
#include <boost/test/unit_test.hpp>

#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>
#include <zstdio/frame.hpp>

#include "support/support.hpp"
#include "support/thrown.hpp"

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/device/mapped_file.hpp>
#include <boost/iostreams/stream.hpp>

#include <atomic>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace io = boost::iostreams;
using namespace zstdio;
using zstdio_test::contrib_input;
using zstdio_test::error_of;
using zstdio_test::get_le32;
using zstdio_test::little_endian;
using zstdio_test::set_le32;
using zstdio_test::random_bytes;
using zstdio_test::text;

namespace {

std::string skippable_frame(const std::string& payload, unsigned variant = 0)
{
    return little_endian(skippable_magic_start + variant, 4) + little_endian(payload.size(), 4) + payload;
}

// `data` cut into frames of `frame_size` bytes, one zstdio::compressor frame
// each; with `table`, each frame is added to it (with its own checksum when
// p.checksum is set: a frame's last 4 bytes).
std::string frames_of(const std::string& data, std::size_t frame_size, const zstd_params& p = {},
                      seek_table* table = nullptr)
{
    compressor c(p);
    std::string out;
    for (std::size_t at = 0; at < data.size(); at += frame_size) {
        const std::string_view chunk = std::string_view(data).substr(at, frame_size);
        const std::string frame = c.compress(chunk);
        out += frame;
        if (table)
            table->add_frame(frame.size(), chunk.size(),
                             p.checksum ? std::optional<std::uint32_t>(get_le32(frame, frame.size() - 4))
                                        : std::nullopt);
    }
    return out;
}

// A seekable file: frames_of() then its table.
std::string seekable_file(const std::string& data, std::size_t frame_size, const zstd_params& p = {})
{
    seek_table t;
    const std::string frames = frames_of(data, frame_size, p, &t);
    return frames + t.serialize();
}

zstd_params without_content_size(bool checksum = false)
{
    zstd_params p;
    p.content_size = false;
    p.checksum = checksum;
    return p;
}

seekable_source open_bytes(const std::string& file, const zstd_params& p = {})
{
    return seekable_source(io::array_source(file.data(), file.size()), p);
}

// Random read_at() calls (some past the end, some long) against `data`.
void check_random_reads(const seekable_source& src, const std::string& data, std::uint32_t seed, int reads = 60)
{
    BOOST_TEST(src.size() == data.size());
    std::mt19937 rng(seed);
    std::string buf;
    int wrong = 0;
    for (int i = 0; i < reads; ++i) {
        const std::uint64_t offset = rng() % (data.size() + 16);
        const std::size_t n = rng() % 4 == 0 ? rng() % 300000 : rng() % 5000;
        buf.assign(n, '\0');
        const std::size_t got = src.read_at(offset, buf.data(), n);
        const std::string expected = offset < data.size() ? data.substr(offset, n) : std::string();
        if (got != expected.size() || buf.compare(0, got, expected) != 0)
            ++wrong;
    }
    BOOST_TEST(wrong == 0);
}

// Everything through read(), in pieces of varied sizes.
std::string read_all(seekable_source src, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::string out, buf;
    for (;;) {
        const auto n = static_cast<std::streamsize>(1 + rng() % 70000);
        buf.resize(static_cast<std::size_t>(n));
        const std::streamsize got = src.read(buf.data(), n);
        if (got < 0)
            break;
        BOOST_TEST_REQUIRE(got > 0);
        out.append(buf.data(), static_cast<std::size_t>(got));
    }
    return out;
}

// The zstd_error `f` throws must have `condition` and mention `words`.
template <class F>
void expect_error(errc condition, const std::string& words, F&& f)
{
    const zstd_error e = error_of(std::forward<F>(f));
    BOOST_TEST_INFO("message: " << e.what());
    BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(condition));
    BOOST_TEST(std::string(e.what()).find(words) != std::string::npos);
}

// Where the fields of the table frame at the end of `file` are.
struct table_layout {
    std::size_t frames_end;   // the table frame starts here
    std::size_t entries;      // first entry
    std::size_t entry_size;   // 8 or 12
    std::size_t count;        // footer: frame count
    std::size_t descriptor;   // footer: descriptor byte
    std::size_t entry(std::size_t i) const { return entries + i * entry_size; }
};
table_layout layout_of(const std::string& file)
{
    table_layout l{};
    l.count = file.size() - 9;
    l.descriptor = file.size() - 5;
    l.entry_size = (static_cast<unsigned char>(file[l.descriptor]) & 0x80) ? 12 : 8;
    l.frames_end = file.size() - (8 + get_le32(file, l.count) * l.entry_size + 9);
    l.entries = l.frames_end + 8;
    return l;
}

std::string data_path(const std::string& name) { return "test/data/seekable/" + name; }

} // namespace

// ---------------------------------------------------------------------------
// seek_table: built by add_frame(), looked up, written and read back

BOOST_AUTO_TEST_CASE(table_offsets_sizes_and_lookup)
{
    seek_table t;
    BOOST_TEST(t.frame_count() == 0u);
    BOOST_TEST(t.compressed_size() == 0u);
    BOOST_TEST(t.decompressed_size() == 0u);
    BOOST_TEST(!t.has_checksums());
    t.add_frame(100, 1000);
    t.add_frame(20, 0); // a skippable frame: no content
    t.add_frame(50, 500);
    t.add_frame(9, 0);  // an empty frame
    t.add_frame(70, 1);
    BOOST_TEST(t.frame_count() == 5u);
    BOOST_TEST(t.compressed_size() == 249u);
    BOOST_TEST(t.decompressed_size() == 1501u);
    const seek_table::entry e = t.at(2);
    BOOST_TEST(e.compressed_offset == 120u);
    BOOST_TEST(e.compressed_size == 50u);
    BOOST_TEST(e.decompressed_offset == 1000u);
    BOOST_TEST(e.decompressed_size == 500u);
    BOOST_TEST(!e.checksum);

    BOOST_TEST(t.frame_at(0) == 0u);
    BOOST_TEST(t.frame_at(999) == 0u);
    BOOST_TEST(t.frame_at(1000) == 2u); // not the skippable frame 1, which holds no byte
    BOOST_TEST(t.frame_at(1499) == 2u);
    BOOST_TEST(t.frame_at(1500) == 4u); // not the empty frame 3
    BOOST_CHECK_THROW(t.frame_at(1501), std::invalid_argument);
    BOOST_CHECK_THROW(t.at(5), std::out_of_range);
    BOOST_CHECK_THROW(seek_table().frame_at(0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(add_frame_refuses_what_the_format_cannot_hold)
{
    seek_table t;
    BOOST_TEST(zstdio_test::invalid_argument_message([&] { t.add_frame(0, 10); }).find("compressed_size") !=
               std::string::npos);
    BOOST_CHECK_THROW(t.add_frame(std::uint64_t{1} << 32, 10), std::invalid_argument);
    BOOST_CHECK_THROW(t.add_frame(10, std::uint64_t{1} << 32), std::invalid_argument);
    BOOST_TEST(t.frame_count() == 0u);
    t.add_frame(seek_table::max_frame_size, seek_table::max_frame_size, 7u);
    BOOST_TEST(t.has_checksums());
    // All frames have a checksum or none does.
    BOOST_TEST(zstdio_test::invalid_argument_message([&] { t.add_frame(10, 10); }).find("checksum") !=
               std::string::npos);
    BOOST_TEST(t.frame_count() == 1u);
    seek_table u;
    u.add_frame(10, 10);
    BOOST_CHECK_THROW(u.add_frame(10, 10, 1u), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(serialized_table_is_the_format)
{
    for (bool checksums : {false, true}) {
        seek_table t;
        t.add_frame(0x11223344u, 0x55667788u, checksums ? std::optional<std::uint32_t>(0xAABBCCDDu) : std::nullopt);
        t.add_frame(5, 0, checksums ? std::optional<std::uint32_t>(1u) : std::nullopt);
        const std::string s = t.serialize();
        const std::size_t entry = checksums ? 12 : 8;
        BOOST_TEST(s.size() == 8 + 2 * entry + 9);
        BOOST_TEST(t.serialized_size() == s.size());
        BOOST_TEST(get_le32(s, 0) == 0x184D2A5Eu);
        BOOST_TEST(get_le32(s, 4) == s.size() - 8);
        BOOST_TEST(get_le32(s, 8) == 0x11223344u);
        BOOST_TEST(get_le32(s, 12) == 0x55667788u);
        if (checksums)
            BOOST_TEST(get_le32(s, 16) == 0xAABBCCDDu);
        BOOST_TEST(get_le32(s, s.size() - 9) == 2u);
        BOOST_TEST(static_cast<unsigned char>(s[s.size() - 5]) == (checksums ? 0x80u : 0u));
        BOOST_TEST(get_le32(s, s.size() - 4) == 0x8F92EAB1u);
        // The table frame is a skippable frame to any zstd decoder.
        const frame_parameters fp = get_frame_parameters(s);
        BOOST_TEST(fp.is_skippable);
        BOOST_TEST(fp.skippable_size == s.size() - 8);
    }
    // An empty table: header and footer only.
    BOOST_TEST(seek_table().serialize().size() == 17u);
}

BOOST_AUTO_TEST_CASE(table_reads_back_from_buffers_and_devices)
{
    const std::string data = text(300000, 3);
    for (bool checksum : {false, true}) {
        zstd_params p;
        p.checksum = checksum;
        seek_table written;
        const std::string frames = frames_of(data, 7000, p, &written);
        const std::string file = frames + written.serialize();
        const std::optional<seek_table> t = seek_table::read(file);
        BOOST_TEST_REQUIRE(t.has_value());
        BOOST_TEST((*t == written));
        BOOST_TEST(t->has_checksums() == checksum);
        BOOST_TEST(t->frame_count() == 43u);
        BOOST_TEST(t->decompressed_size() == data.size());
        BOOST_TEST(t->compressed_size() + t->serialized_size() == file.size());
        // From Boost devices: direct and input-seekable.
        BOOST_TEST((seek_table::read(io::array_source(file.data(), file.size())) == t));
        zstdio_test::temp_dir dir;
        zstdio_test::write_file(dir.path("f.zst"), file);
        BOOST_TEST((seek_table::read(io::file_source(dir.path("f.zst"), std::ios::binary)) == t));
        BOOST_TEST((seek_table::read(io::mapped_file_source(dir.path("f.zst"))) == t));
    }
}

BOOST_AUTO_TEST_CASE(no_footer_means_no_table)
{
    BOOST_TEST(!seek_table::read(std::string()).has_value());
    BOOST_TEST(!seek_table::read(std::string("12345678")).has_value());
    BOOST_TEST(!seek_table::read(compress(text(1000))).has_value());
    // A table frame followed by anything is not at the end.
    BOOST_TEST(!seek_table::read(seek_table().serialize() + "x").has_value());
    // A file of no frames and an empty table.
    const std::optional<seek_table> t = seek_table::read(seek_table().serialize());
    BOOST_TEST_REQUIRE(t.has_value());
    BOOST_TEST(t->frame_count() == 0u);
}

BOOST_AUTO_TEST_CASE(content_checksum_is_the_frame_checksum)
{
    for (std::size_t size : {0, 1, 31, 32, 33, 1000, 100000}) {
        const std::string data = random_bytes(size, static_cast<std::uint32_t>(size));
        const std::string frame = compress(data); // checksum on by default
        BOOST_TEST(seek_table::content_checksum(data) == get_le32(frame, frame.size() - 4));
    }
    BOOST_TEST(seek_table::content_checksum("") == 0x51D8E999u); // XXH64("") = 0xEF46DB3751D8E999
}

// ---------------------------------------------------------------------------
// seek_table::index: frames without a table

BOOST_AUTO_TEST_CASE(index_reads_headers_and_measures_frames_without_sizes)
{
    const std::string a = text(50000, 1), b = random_bytes(3000, 2), c = text(70000, 3);
    zstd_params sized;
    const std::string frames = compress(a, sized) + skippable_frame("meta", 5) +
                               compress(b, without_content_size(true)) + compress(std::string(), sized) +
                               compress(c, sized);
    const seek_table t = seek_table::index(frames);
    BOOST_TEST(t.frame_count() == 5u);
    BOOST_TEST(t.compressed_size() == frames.size());
    BOOST_TEST(t.decompressed_size() == a.size() + b.size() + c.size());
    BOOST_TEST(t[1].decompressed_size == 0u);
    BOOST_TEST(t[2].decompressed_size == b.size()); // measured by decoding
    BOOST_TEST(t[3].decompressed_size == 0u);
    // Every zstd frame has a checksum: the table takes them; the skippable
    // frame gets the checksum of no content.
    BOOST_TEST(t.has_checksums());
    BOOST_TEST(*t[0].checksum == seek_table::content_checksum(a));
    BOOST_TEST(*t[1].checksum == seek_table::content_checksum(""));
    BOOST_TEST(*t[2].checksum == seek_table::content_checksum(b));
    // One frame without a checksum: no checksums.
    BOOST_TEST(!seek_table::index(frames + compress(a, without_content_size())).has_checksums());
    // The same from devices.
    BOOST_TEST((seek_table::index(io::array_source(frames.data(), frames.size())) == t));
    zstdio_test::temp_dir dir;
    zstdio_test::write_file(dir.path("f.zst"), frames);
    BOOST_TEST((seek_table::index(io::file_source(dir.path("f.zst"), std::ios::binary)) == t));
    // Written and read back.
    BOOST_TEST((seek_table::read(frames + t.serialize()) == t));
    BOOST_TEST(seek_table::index(std::string()).frame_count() == 0u);
}

BOOST_AUTO_TEST_CASE(index_errors_name_the_frame)
{
    const std::string frame = compress(text(20000, 4));
    expect_error(errc::not_zstd_frame, "indexing frame 1 at offset " + std::to_string(frame.size()),
                 [&] { seek_table::index(frame + "garbage!"); });
    expect_error(errc::truncated_input, "indexing frame 1",
                 [&] { seek_table::index(frame + frame.substr(0, frame.size() - 1)); });
    // Through a device, the same errors.
    const std::string cut = frame + frame.substr(0, frame.size() - 1);
    expect_error(errc::truncated_input, "indexing frame 1",
                 [&] { seek_table::index(io::array_source(cut.data(), cut.size())); });
    zstdio_test::temp_dir dir;
    zstdio_test::write_file(dir.path("cut.zst"), cut);
    expect_error(errc::truncated_input, "the zstd frame is truncated",
                 [&] { seek_table::index(io::file_source(dir.path("cut.zst"), std::ios::binary)); });
    // A measured frame that is corrupt.
    std::string bad = compress(text(20000, 5), without_content_size(true));
    bad[bad.size() / 2] ^= 0x55;
    bad[bad.size() - 2] ^= 0x55;
    BOOST_CHECK_THROW(seek_table::index(bad), zstd_error);
    // max_output_size bounds what indexing accepts, measured or declared.
    zstd_params limited;
    limited.max_output_size = 30000;
    const std::string two = compress(text(20000, 6), without_content_size()) + compress(text(20000, 7));
    expect_error(errc::output_limit_exceeded, "max_output_size", [&] { seek_table::index(two, limited); });
    const std::string two_unsized =
        compress(text(20000, 6), without_content_size()) + compress(text(20000, 7), without_content_size());
    expect_error(errc::output_limit_exceeded, "max_output_size", [&] { seek_table::index(two_unsized, limited); });
    zstd_params magicless;
    magicless.format = frame_format::magicless;
    BOOST_CHECK_THROW(seek_table::index(frame, magicless), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(frames_too_large_for_the_format_cannot_be_written)
{
    // A frame of 40000 RLE blocks declaring 5 GiB of content: indexed from its
    // headers (nothing decoded), but the format's 32-bit fields cannot hold it.
    const std::uint64_t content = std::uint64_t{40960} * 131072;
    std::string f(frame_header);
    f.push_back(static_cast<char>(3 << 6)); // 8-byte content size
    f.push_back(static_cast<char>((17 - 10) << 3));
    for (int i = 0; i < 8; ++i)
        f.push_back(static_cast<char>(content >> (8 * i)));
    for (unsigned b = 0; b < 40960; ++b) {
        const std::uint32_t header = (b + 1 == 40960 ? 1u : 0u) | (1u << 1) | (131072u << 3);
        f += little_endian(header, 3);
        f.push_back('z');
    }
    const seek_table t = seek_table::index(f);
    BOOST_TEST(t.decompressed_size() == content);
    expect_error(errc::frame_parameter_unsupported, "4 GiB", [&] { t.serialize(); });
}

// ---------------------------------------------------------------------------
// seekable_source: round trips

BOOST_AUTO_TEST_CASE(round_trips_over_sizes_and_frame_sizes)
{
    std::uint32_t seed = 1;
    for (std::size_t size : {std::size_t{1}, std::size_t{100}, std::size_t{4096}, std::size_t{131073},
                             std::size_t{1000000}}) {
        const std::string data = seed % 2 ? text(size, seed) : random_bytes(size, seed);
        for (std::size_t frame_size : {std::size_t{1}, std::size_t{1000}, std::size_t{65536}, std::size_t{1} << 20}) {
            if (size / frame_size > 5000)
                continue; // one-byte frames of a megabyte: slow, nothing new
            BOOST_TEST_CONTEXT("size " << size << ", frame size " << frame_size)
            {
                zstd_params p;
                p.checksum = seed % 3 != 0;
                const std::string file = seekable_file(data, frame_size, p);
                const seekable_source src = open_bytes(file);
                BOOST_TEST(src.has_seek_table());
                BOOST_TEST(src.table().has_checksums() == p.checksum);
                check_random_reads(src, data, ++seed);
                BOOST_TEST((read_all(src, seed) == data));
                src.verify();
                // Plain zstd reads it as ordinary frames.
                BOOST_TEST((decompress(file) == data));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(opened_from_a_path_and_from_every_kind_of_device)
{
    const std::string data = text(400000, 9);
    const std::string file = seekable_file(data, 30000);
    zstdio_test::temp_dir dir;
    const std::string path = dir.path("data.zst");
    zstdio_test::write_file(path, file);
    check_random_reads(seekable_source(path), data, 1);
    check_random_reads(seekable_source(io::mapped_file_source(path)), data, 2);
    check_random_reads(seekable_source(io::file_source(path, std::ios::binary)), data, 3);
    check_random_reads(seekable_source(io::array_source(file.data(), file.size())), data, 4);
    BOOST_TEST((read_all(seekable_source(io::file_source(path, std::ios::binary)), 5) == data));
    BOOST_CHECK_THROW(seekable_source(dir.path("missing.zst")), std::ios_base::failure);
    zstdio_test::write_file(dir.path("empty"), "");
    expect_error(errc::not_zstd_frame, "empty", [&] { seekable_source(dir.path("empty")); });
    expect_error(errc::not_zstd_frame, "empty", [] { open_bytes(std::string()); });
}

BOOST_AUTO_TEST_CASE(boost_stream_seekg_and_read)
{
    const std::string data = text(500000, 11);
    const std::string file = seekable_file(data, 40000);
    const seekable_source src = open_bytes(file);
    io::stream<seekable_source> in(src);
    std::mt19937 rng(7);
    for (int i = 0; i < 50; ++i) {
        const std::size_t offset = rng() % data.size();
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        BOOST_TEST(static_cast<std::size_t>(in.tellg()) == offset);
        std::string buf(1 + rng() % 60000, '\0');
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const std::string expected = data.substr(offset, buf.size());
        BOOST_TEST(static_cast<std::size_t>(in.gcount()) == expected.size());
        BOOST_TEST((buf.substr(0, expected.size()) == expected));
    }
    // From the end and from the position.
    in.clear();
    in.seekg(-10, std::ios_base::end);
    std::string tail(10, '\0');
    BOOST_TEST(static_cast<bool>(in.read(tail.data(), 10)));
    BOOST_TEST((tail == data.substr(data.size() - 10)));
    BOOST_TEST(in.get() == std::char_traits<char>::eof());
    BOOST_TEST(in.eof());
    in.clear();
    in.seekg(100);
    in.seekg(50, std::ios_base::cur);
    std::string line;
    std::getline(in, line);
    BOOST_TEST((line == data.substr(150, data.find('\n', 150) - 150)));
    // A stream from a path.
    zstdio_test::temp_dir dir;
    zstdio_test::write_file(dir.path("f.zst"), file);
    io::stream<seekable_source> by_path(dir.path("f.zst"));
    by_path.seekg(12345);
    std::string word(100, '\0');
    by_path.read(word.data(), 100);
    BOOST_TEST((word == data.substr(12345, 100)));
}

BOOST_AUTO_TEST_CASE(device_seek_and_read_directly)
{
    const std::string data = text(100000, 12);
    const std::string file = seekable_file(data, 10000);
    seekable_source src = open_bytes(file);
    BOOST_TEST(src.position() == 0u);
    BOOST_TEST(src.seek(-5, std::ios_base::end) == std::streampos(99995));
    char buf[10];
    BOOST_TEST(src.read(buf, 10) == 5);
    BOOST_TEST(src.read(buf, 10) == -1);
    BOOST_TEST(src.read(buf, 0) == 0);
    // Past the end is a position like any other; reads there are at the end.
    BOOST_TEST(src.seek(1000, std::ios_base::end) == std::streampos(101000));
    BOOST_TEST(src.read(buf, 10) == -1);
    BOOST_CHECK_THROW(src.seek(-1, std::ios_base::beg), std::invalid_argument);
    BOOST_CHECK_THROW(src.seek(-100001, std::ios_base::end), std::invalid_argument);
    BOOST_TEST(src.position() == 101000u); // unchanged by the failed seeks
    // Copies share the file and table, not the position.
    src.seek(20000, std::ios_base::beg);
    seekable_source copy = src;
    BOOST_TEST(copy.position() == 20000u);
    copy.seek(0, std::ios_base::beg);
    BOOST_TEST(src.position() == 20000u);
    BOOST_TEST(&copy.table() == &src.table());
    BOOST_TEST(copy.read(buf, 10) == 10);
    BOOST_TEST((std::string(buf, 10) == data.substr(0, 10)));
    BOOST_TEST(src.read(buf, 10) == 10);
    BOOST_TEST((std::string(buf, 10) == data.substr(20000, 10)));
}

BOOST_AUTO_TEST_CASE(concurrent_read_at)
{
    const std::string data = text(2000000, 13);
    zstdio_test::temp_dir dir;
    zstdio_test::write_file(dir.path("f.zst"), seekable_file(data, 65536));
    // Frames without their size: the first reads check the frames before
    // them, once, while other threads read.
    zstdio_test::write_file(dir.path("unsized.zst"), seekable_file(data, 65536, without_content_size(true)));
    // In memory (lock-free reads) and through a file_source (under its mutex).
    for (int device = 0; device < 3; ++device) {
        const seekable_source src = device == 0   ? seekable_source(dir.path("f.zst"))
                                    : device == 1 ? seekable_source(io::file_source(dir.path("f.zst"), std::ios::binary))
                                                  : seekable_source(dir.path("unsized.zst"));
        std::atomic<int> wrong{0}, reads{0};
        std::vector<std::thread> threads;
        for (unsigned t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                const seekable_source copy(src);
                const seekable_source& mine = t % 2 ? src : copy; // the object and copies
                std::mt19937 rng(t + 100);
                std::string buf;
                for (int i = 0; i < 150; ++i) {
                    const std::size_t offset = rng() % data.size(), n = 1 + rng() % 100000;
                    buf.assign(n, '\0');
                    const std::size_t got = mine.read_at(offset, buf.data(), n);
                    if (got != std::min(n, data.size() - offset) || buf.compare(0, got, data, offset, got) != 0)
                        ++wrong;
                    ++reads;
                }
            });
        for (auto& t : threads)
            t.join();
        BOOST_TEST(reads == 600);
        BOOST_TEST(wrong == 0);
    }
}

BOOST_AUTO_TEST_CASE(large_frames_are_streamed)
{
    // Frames above cached_frame_limit are decoded in pieces: forward reads
    // go on from the last piece, backward ones start the frame again.
    const std::string data = text(static_cast<std::size_t>(seekable_source::cached_frame_limit) * 2 + 12345, 14);
    for (bool with_table : {true, false}) {
        const std::string file = with_table ? seekable_file(data, data.size()) : compress(data);
        const seekable_source src = open_bytes(file);
        BOOST_TEST(src.has_seek_table() == with_table);
        BOOST_TEST(src.table().frame_count() == 1u);
        check_random_reads(src, data, 15, 25);
        BOOST_TEST((read_all(src, 16) == data));
    }
}

// ---------------------------------------------------------------------------
// Files without a seek table

BOOST_AUTO_TEST_CASE(plain_frames_are_indexed_on_opening)
{
    const std::string data = text(600000, 17);
    // One frame per chunk, with content sizes, then without (measured).
    for (const zstd_params& p : {zstd_params(), without_content_size()}) {
        const std::string file = frames_of(data, 50000, p);
        const seekable_source src = open_bytes(file);
        BOOST_TEST(!src.has_seek_table());
        BOOST_TEST(src.table().frame_count() == 12u);
        check_random_reads(src, data, 18);
        src.verify();
    }
    // Skippable frames between the frames (and first and last).
    const std::string a = data.substr(0, 200000), b = data.substr(200000, 1), c = data.substr(200001);
    const std::string mixed = skippable_frame("x") + compress(a) + skippable_frame(std::string(1000, 's'), 7) +
                              compress(b) + compress(std::string()) + compress(c, without_content_size()) +
                              skippable_frame("");
    const seekable_source src = open_bytes(mixed);
    BOOST_TEST(src.table().frame_count() == 7u);
    check_random_reads(src, data, 19);
    BOOST_TEST((read_all(src, 20) == data));
}

BOOST_AUTO_TEST_CASE(single_frame_file_decodes_from_the_start)
{
    const std::string data = text(1500000, 21);
    const std::string file = compress(data, without_content_size());
    const seekable_source src = open_bytes(file);
    BOOST_TEST(src.table().frame_count() == 1u);
    BOOST_TEST(src.size() == data.size());
    check_random_reads(src, data, 22, 20);
}

BOOST_AUTO_TEST_CASE(files_from_the_zstd_cli)
{
    const std::string a = text(300000, 23), b = random_bytes(100000, 24);
    zstdio_test::temp_dir dir;
    // From standard input: no content size in the header (measured on opening).
    const std::string piped = zstdio_test::zstd_cli("-q -c -3", a);
    BOOST_TEST(!get_frame_parameters(piped).content_size.has_value());
    // With --stream-size: recorded.
    const std::string sized = zstdio_test::zstd_cli("-q -c -19 --stream-size=" + std::to_string(b.size()), b);
    BOOST_TEST(get_frame_parameters(sized).content_size.has_value());
    const std::string both = piped + sized + piped;
    const std::string expected = a + b + a;
    zstdio_test::write_file(dir.path("cli.zst"), both);
    const seekable_source src(dir.path("cli.zst"));
    BOOST_TEST(src.table().frame_count() == 3u);
    check_random_reads(src, expected, 25);
    // A seekable file made by zstdio decodes with zstd -d.
    const std::string data = text(200000, 26);
    BOOST_TEST((zstdio_test::zstd_cli("-d -q -c", seekable_file(data, 9999)) == data));
}

BOOST_AUTO_TEST_CASE(an_index_written_as_a_table_makes_a_seekable_file)
{
    const std::string data = text(300000, 27);
    const std::string frames = frames_of(data, 25000);
    const seek_table t = seek_table::index(frames);
    const std::string file = frames + t.serialize();
    const seekable_source src = open_bytes(file);
    BOOST_TEST(src.has_seek_table());
    BOOST_TEST((src.table() == t));
    check_random_reads(src, data, 28);
    // Indexing a seekable file lists its table frame as a skippable frame.
    const seek_table again = seek_table::index(file);
    BOOST_TEST(again.frame_count() == t.frame_count() + 1);
    BOOST_TEST(again[t.frame_count()].decompressed_size == 0u);
}

// ---------------------------------------------------------------------------
// Parameters

BOOST_AUTO_TEST_CASE(dictionary_window_and_limits)
{
    const std::string sample = text(5000, 29);
    zstd_params with_dict;
    with_dict.dict = zstd_dict(sample, dict_type::raw_content);
    const std::string data = text(100000, 29);
    const std::string file = seekable_file(data, 5000, with_dict);
    check_random_reads(open_bytes(file, with_dict), data, 30);
    // Opening reads headers only; decoding needs the dictionary (raw
    // content: the frames do not name it, so without it they are corrupt).
    const seekable_source no_dict = open_bytes(file);
    char c;
    BOOST_CHECK_THROW(no_dict.read_at(0, &c, 1), zstd_error);

    zstd_params small_window;
    small_window.window_log_max = 10;
    const std::string wide = seekable_file(data, 20000);
    const seekable_source narrow = open_bytes(wide, small_window);
    expect_error(errc::window_too_large, "frame 0", [&] { narrow.read_at(0, &c, 1); });

    zstd_params limited;
    limited.max_output_size = data.size() - 1;
    expect_error(errc::output_limit_exceeded, "max_output_size", [&] { open_bytes(file, limited); });
    limited.max_output_size = data.size();
    BOOST_TEST(open_bytes(seekable_file(data, 5000), limited).size() == data.size());

    zstd_params magicless;
    magicless.format = frame_format::magicless;
    BOOST_CHECK_THROW(open_bytes(file, magicless), std::invalid_argument);

    // verify_checksum = false ignores the table's checksums too.
    std::string lying = seekable_file(data, 5000, without_content_size(false));
    seek_table t = *seek_table::read(lying);
    seek_table with_sums;
    for (std::size_t i = 0; i < t.frame_count(); ++i)
        with_sums.add_frame(t[i].compressed_size, t[i].decompressed_size, 12345u);
    lying = lying.substr(0, t.compressed_size()) + with_sums.serialize();
    zstd_params no_check;
    no_check.verify_checksum = false;
    check_random_reads(open_bytes(lying, no_check), data, 31);
    expect_error(errc::checksum_wrong, "checksum", [&] { open_bytes(lying).read_at(0, &c, 1); });
}

// ---------------------------------------------------------------------------
// Tables that are wrong or lie

BOOST_AUTO_TEST_CASE(malformed_tables_are_refused_on_opening)
{
    const std::string data = text(100000, 32);
    zstd_params p;
    p.checksum = false;
    const std::string good = seekable_file(data, 10000, p);
    const table_layout l = layout_of(good);
    BOOST_TEST_REQUIRE(get_le32(good, l.count) == 10u);
    auto refused = [&](errc condition, const std::string& words, const std::string& file) {
        expect_error(condition, words, [&] { seek_table::read(file); });
        expect_error(condition, words, [&] { open_bytes(file); });
    };

    std::string f = good;
    f[l.descriptor] = static_cast<char>(0x04);
    refused(errc::frame_parameter_unsupported, "reserved bits", f);
    f[l.descriptor] = static_cast<char>(0x03); // unused bits are not looked at
    BOOST_TEST(seek_table::read(f).has_value());

    f = good;
    set_le32(f, l.count, 1000000);
    refused(errc::corruption_detected, "declares 1000000 frames", f);
    set_le32(f, l.count, 0xFFFFFFFFu); // the largest count: no allocation follows
    refused(errc::corruption_detected, "declares 4294967295 frames", f);

    f = good;
    set_le32(f, l.count, 9);
    refused(errc::corruption_detected, "not the skippable magic number", f);

    f = good;
    set_le32(f, l.frames_end + 4, get_le32(good, l.frames_end + 4) + 1);
    refused(errc::corruption_detected, "its skippable frame declares", f);

    f = good;
    set_le32(f, l.entry(3), get_le32(good, l.entry(3)) + 1);
    refused(errc::corruption_detected, "more compressed bytes than", f);
    set_le32(f, l.entry(3), get_le32(good, l.entry(3)) - 1);
    refused(errc::corruption_detected, "bytes precede the table", f);

    f = good;
    set_le32(f, l.entry(0), 0);
    set_le32(f, l.entry(1), get_le32(good, l.entry(0)) + get_le32(good, l.entry(1)));
    refused(errc::corruption_detected, "compressed size of 0", f);

    f = good;
    set_le32(f, l.entry(2) + 4, 0xFFFFFFFFu);
    refused(errc::corruption_detected, "more than its", f);

    // Cut from the front: the frames no longer add up.
    refused(errc::corruption_detected, "more compressed bytes than", good.substr(100));
}

BOOST_AUTO_TEST_CASE(tables_that_contradict_the_frames_are_refused_on_opening)
{
    const std::string data = text(100000, 33);
    zstd_params p;
    p.checksum = false;
    const std::string good = seekable_file(data, 10000, p);
    const table_layout l = layout_of(good);
    auto refused = [&](errc condition, const std::string& words, const std::string& file) {
        BOOST_TEST(seek_table::read(file).has_value()); // the table alone is consistent
        expect_error(condition, words, [&] { open_bytes(file); });
    };
    // Compressed sizes that do not end at a frame boundary (same sum).
    std::string f = good;
    set_le32(f, l.entry(4), get_le32(good, l.entry(4)) + 1);
    set_le32(f, l.entry(5), get_le32(good, l.entry(5)) - 1);
    refused(errc::corruption_detected, "frame 4 (compressed offset", f);
    // Two entries merged into one.
    f = good;
    set_le32(f, l.entry(0), get_le32(good, l.entry(0)) + get_le32(good, l.entry(1)));
    set_le32(f, l.entry(1) + 4, 0);
    set_le32(f, l.entry(0) + 4, 20000);
    f.erase(l.entry(1), 8);
    set_le32(f, f.size() - 9, 9);
    set_le32(f, l.frames_end + 4, get_le32(good, l.frames_end + 4) - 8);
    refused(errc::corruption_detected, "the frame there is", f);
    // Sizes that contradict the frames' headers.
    f = good;
    set_le32(f, l.entry(1) + 4, 10001);
    set_le32(f, l.entry(2) + 4, 9999);
    refused(errc::corruption_detected, "its header declares 10000", f);
    // The frame where the table places a frame is not one (the table of a
    // different file).
    f = good;
    set_le32(f, l.entry(0), get_le32(good, l.entry(0)) - 3);
    set_le32(f, l.entry(1), get_le32(good, l.entry(1)) + 3);
    refused(errc::corruption_detected, "frame 0 (compressed offset 0)", f);
    f = good;
    f[get_le32(good, l.entry(0))] ^= 0x01; // frame 1's magic number
    refused(errc::not_zstd_frame, "frame 1 (compressed offset", f);
    // A skippable frame given content.
    seek_table t;
    const std::string frame = compress(data.substr(0, 1000), p), skip = skippable_frame("meta");
    t.add_frame(frame.size(), 1000);
    t.add_frame(skip.size(), 1);
    refused(errc::corruption_detected, "skippable frame", frame + skip + t.serialize());
}

BOOST_AUTO_TEST_CASE(lies_found_by_decoding_are_errors_not_bytes)
{
    // Frames that do not record their content size: only decoding shows
    // what they hold.
    const std::string data = text(100000, 34);
    const std::string good = seekable_file(data, 10000, without_content_size());
    const table_layout l = layout_of(good);
    std::string buf(20000, '\0');

    // Frame 2 is given one byte more than it holds (frame 3 one less).
    std::string f = good;
    set_le32(f, l.entry(2) + 4, 10001);
    set_le32(f, l.entry(3) + 4, 9999);
    seekable_source src = open_bytes(f);
    expect_error(errc::corruption_detected, "frame 2 (compressed offset", [&] { src.read_at(20000, buf.data(), 1); });
    expect_error(errc::corruption_detected, "decodes to 10000 bytes, the seek table says 10001",
                 [&] { src.read_at(25000, buf.data(), 100); });
    BOOST_TEST((src.read_at(0, buf.data(), 20000) == 20000u)); // frames 0 and 1 are fine
    BOOST_TEST((buf == data.substr(0, 20000)));
    expect_error(errc::corruption_detected, "frame 2", [&] { src.verify(); });
    // Through a stream: badbit, never the bytes.
    io::stream<seekable_source> in(src);
    in.seekg(19990);
    in.read(buf.data(), 100);
    BOOST_TEST(in.bad());
    BOOST_TEST(in.gcount() <= 10);

    // One byte less than it holds.
    f = good;
    set_le32(f, l.entry(2) + 4, 9999);
    set_le32(f, l.entry(3) + 4, 10001);
    src = open_bytes(f);
    expect_error(errc::corruption_detected, "decodes to more than the 9999 bytes",
                 [&] { src.read_at(20000, buf.data(), 1); });
    // Frame 3 starts where the sizes before it say, so reading it first
    // checks frame 2, which is where the lie is.
    src = open_bytes(f);
    expect_error(errc::corruption_detected, "frame 2 (compressed offset", [&] { src.read_at(30000, buf.data(), 1); });

    // A checksum that does not match the content.
    zstd_params sums = without_content_size(true);
    std::string summed = seekable_file(data, 10000, sums);
    const table_layout ls = layout_of(summed);
    summed[ls.entry(6) + 8] ^= 0x01;
    src = open_bytes(summed);
    expect_error(errc::checksum_wrong, "frame 6", [&] { src.read_at(60000, buf.data(), 1); });
    BOOST_TEST(src.read_at(50000, buf.data(), 10000) == 10000u);
    BOOST_CHECK_THROW(src.verify(), zstd_error);

    // A frame whose data is corrupt (and whose own checksum says so): its
    // own error, naming the frame.
    std::string corrupt = seekable_file(data, 10000, sums);
    const std::size_t frame5 = static_cast<std::size_t>(seek_table::read(corrupt)->at(5).compressed_offset);
    corrupt[frame5 + 40] ^= 0x20;
    corrupt[frame5 + 41] ^= 0x20;
    src = open_bytes(corrupt);
    BOOST_CHECK_NO_THROW(src.read_at(40000, buf.data(), 10000));
    const zstd_error e = error_of([&] { src.read_at(50000, buf.data(), 10000); });
    BOOST_TEST(std::string(e.what()).find("frame 5") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_lie_about_an_unsized_frame_never_moves_later_frames)
{
    // Frame 2 is given one byte more than it holds and every other size is
    // true: frame 5's own content is right, but the table puts it one byte
    // late.  A read there must not hand out frame 5's bytes.
    const std::string data = text(100000, 36);
    const std::string good = seekable_file(data, 10000, without_content_size());
    const table_layout l = layout_of(good);
    std::string f = good;
    set_le32(f, l.entry(2) + 4, 10001);
    std::string buf(100, '\0');
    for (const std::uint64_t at : {50001u, 99000u, 30001u}) {
        seekable_source src = open_bytes(f);
        expect_error(errc::corruption_detected, "frame 2 (compressed offset",
                     [&] { src.read_at(at, buf.data(), buf.size()); });
    }
    // Through a stream, the same: badbit, no bytes.
    io::stream<seekable_source> in(open_bytes(f));
    in.seekg(60001);
    in.read(buf.data(), 10);
    BOOST_TEST(in.bad());
    BOOST_TEST(in.gcount() == 0);
    // Frames before the lie are still served.
    seekable_source src = open_bytes(f);
    BOOST_TEST(src.read_at(10000, buf.data(), buf.size()) == buf.size());
    BOOST_TEST((buf == data.substr(10000, 100)));

    // A true table costs one decode of the earlier frames, once: then reads
    // anywhere, from many threads and copies, are right.
    seekable_source ok = open_bytes(good);
    check_random_reads(ok, data, 37);
    BOOST_CHECK_NO_THROW(ok.verify());
    seekable_source copy = ok;
    BOOST_TEST(copy.read_at(95000, buf.data(), buf.size()) == buf.size());
    BOOST_TEST((buf == data.substr(95000, 100)));
}

BOOST_AUTO_TEST_CASE(lies_about_large_frames_are_found_while_streaming)
{
    const std::size_t size = static_cast<std::size_t>(seekable_source::cached_frame_limit) + 100000;
    const std::string data = text(size, 35);
    const std::string good = seekable_file(data, size, without_content_size(true));
    const table_layout l = layout_of(good);
    std::string buf(1000, '\0');
    std::string f = good;
    set_le32(f, l.entry(0) + 4, static_cast<std::uint32_t>(size - 1));
    seekable_source src = open_bytes(f);
    // The start of the frame is its true content; the lie shows at the end.
    BOOST_TEST(src.read_at(0, buf.data(), 1000) == 1000u);
    BOOST_TEST((buf == data.substr(0, 1000)));
    expect_error(errc::corruption_detected, "decodes to more than", [&] { src.read_at(size - 2, buf.data(), 1); });
    f = good;
    f[l.entry(0) + 8] ^= 0x01;
    src = open_bytes(f);
    expect_error(errc::checksum_wrong, "checksum", [&] { src.read_at(size - 1, buf.data(), 1); });
}

// ---------------------------------------------------------------------------
// Files made by zstd's contrib seekable library (test/data/seekable/README)

BOOST_AUTO_TEST_CASE(files_made_by_the_contrib_library)
{
    struct made {
        const char* file;
        std::string data;
        std::size_t frames;
        bool checksums;
    };
    const made files[] = {
        {"lines-4096.zst", contrib_input("lines", 60000, 0), 15, true},
        {"letters-1000.zst", contrib_input("letters", 20000, 7), 21, true}, // the last one empty
        {"lines-parallel-2000.zst", contrib_input("lines", 30000, 0), 15, true},
        {"letters-nochecksum-3000.zst", contrib_input("letters", 10000, 9), 4, false},
        {"empty.zst", std::string(), 1, true}, // one empty frame
    };
    for (const made& m : files) {
        BOOST_TEST_CONTEXT(m.file)
        {
            const seekable_source src(data_path(m.file));
            BOOST_TEST(src.has_seek_table());
            BOOST_TEST(src.table().frame_count() == m.frames);
            BOOST_TEST(src.table().has_checksums() == m.checksums);
            BOOST_TEST((read_all(src, 36) == m.data));
            check_random_reads(src, m.data, 37);
            src.verify();
            // Plain decoders read them too (their frames record no content size).
            BOOST_TEST((decompressor().decompress(zstdio_test::read_file(data_path(m.file)), 1 << 20) == m.data));
        }
    }
}
