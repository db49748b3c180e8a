// Tests for zstdio/auto_decompressor.hpp: members of zstd, gzip, bzip2, xz
// and .lzma, alone and mixed, made here and by the real tools.
#include <zstdio/auto_decompressor.hpp>

#define BOOST_TEST_MODULE auto_decompressor
#include <boost/test/unit_test.hpp>

#include "support/filters.hpp"
#include "support/support.hpp"
#include "support/thrown.hpp"

#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <algorithm>
#include <map>
#include <vector>

namespace io = boost::iostreams;
using namespace zstdio_test;
using zstdio::data_format;
using zstdio::errc;

namespace {

const std::vector<data_format> every_format = {data_format::zstd, data_format::gzip, data_format::bzip2,
                                               data_format::xz, data_format::lzma};

// Compresses with Boost.Iostreams' own compressors (gzip, bzip2, xz),
// zstdio (zstd) or `xz --format=lzma` (.lzma, which Boost cannot write).
std::string encode(data_format f, const std::string& data)
{
    if (f == data_format::zstd)
        return zstdio::compress(data);
    if (f == data_format::lzma) {
        temp_dir dir;
        write_file(dir.path("in"), data);
        const command_result r = run("xz --format=lzma -c " + quote(dir.path("in")) + " > " + quote(dir.path("out")));
        BOOST_REQUIRE_EQUAL(r.status, 0);
        return read_file(dir.path("out"));
    }
    std::string out;
    io::filtering_ostream os;
    if (f == data_format::gzip)
        os.push(io::gzip_compressor());
    else if (f == data_format::bzip2)
        os.push(io::bzip2_compressor());
    else
        os.push(io::lzma_compressor());
    os.push(io::back_inserter(out));
    os.write(data.data(), static_cast<std::streamsize>(data.size()));
    os.reset();
    return out;
}

// Decodes through a filtering_istream whose source gives `chunk` bytes at
// a time, read `chunk` bytes at a time.  Rethrows the filter's error.
std::string decode_istream(const std::string& input, std::size_t chunk = 1 << 16, const zstdio::zstd_params& p = {},
                           bool pass_through = false)
{
    zstdio::auto_decompressor filter(p, pass_through);
    io::filtering_istream is;
    is.push(filter);
    is.push(zstdio_test::chunked_source(input, chunk));
    std::string out;
    std::vector<char> buf(chunk);
    while (is.read(buf.data(), static_cast<std::streamsize>(buf.size())) || is.gcount() > 0)
        out.append(buf.data(), static_cast<std::size_t>(is.gcount()));
    if (is.bad()) {
        BOOST_REQUIRE(filter.last_error()); // badbit always comes with the error
        throw *filter.last_error();
    }
    BOOST_REQUIRE(is.eof());
    return out;
}

// Decodes through a filtering_ostream, written `chunk` bytes at a time
// through a chain buffer of `chunk` bytes.  Errors propagate from reset().
std::string decode_ostream(const std::string& input, std::size_t chunk = 1 << 16, const zstdio::zstd_params& p = {},
                           bool pass_through = false)
{
    zstdio::auto_decompressor filter(p, pass_through);
    std::string out;
    io::filtering_ostream os;
    os.push(filter, static_cast<std::streamsize>(chunk));
    os.push(io::back_inserter(out));
    for (std::size_t i = 0; i < input.size(); i += chunk)
        os.write(input.data() + i, static_cast<std::streamsize>(std::min(chunk, input.size() - i)));
    if (os.bad()) {
        BOOST_REQUIRE(filter.last_error());
        throw *filter.last_error();
    }
    os.reset(); // throws what close finds
    return out;
}

// Both directions must agree on the bytes (or on the error).
std::string decode_both(const std::string& input, std::size_t chunk = 1 << 16, const zstdio::zstd_params& p = {},
                        bool pass_through = false)
{
    const std::string a = decode_istream(input, chunk, p, pass_through);
    const std::string b = decode_ostream(input, chunk, p, pass_through);
    BOOST_REQUIRE(a == b);
    return a;
}

// The error of decoding `input` in both directions: the same condition
// and message.
zstdio::zstd_error error_both(const std::string& input, std::size_t chunk = 1 << 16,
                              const zstdio::zstd_params& p = {})
{
    const zstdio::zstd_error a = error_of([&] { decode_istream(input, chunk, p); });
    const zstdio::zstd_error b = error_of([&] { decode_ostream(input, chunk, p); });
    BOOST_TEST(static_cast<int>(a.condition()) == static_cast<int>(b.condition()));
    BOOST_TEST(std::string(a.what()) == std::string(b.what()));
    return a;
}

std::string shell_output(const std::string& command, const std::string& input)
{
    temp_dir dir;
    write_file(dir.path("in"), input);
    const command_result r = run(command + " < " + quote(dir.path("in")) + " > " + quote(dir.path("out")));
    BOOST_REQUIRE_MESSAGE(r.status == 0, command + ": " + r.output);
    return read_file(dir.path("out"));
}

} // namespace

BOOST_AUTO_TEST_CASE(every_format_round_trips_over_sizes_and_chunk_patterns)
{
    for (const data_format f : every_format) {
        for (const std::size_t size : interesting_sizes()) {
            const std::string data = size % 2 ? text(size, static_cast<std::uint32_t>(size)) : random_bytes(size);
            const std::string packed = encode(f, data);
            for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, std::size_t{1} << 20}) {
                if (chunk < 16 && packed.size() > (std::size_t{1} << 17))
                    continue; // byte by byte is for the smaller inputs
                BOOST_TEST_CONTEXT(zstdio::format_name(f) << " size " << size << " chunk " << chunk)
                BOOST_TEST((decode_both(packed, chunk) == data));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(boost_iostreams_copy_and_pipelines)
{
    const std::string data = text(300000);
    const std::string packed = encode(data_format::gzip, data) + encode(data_format::zstd, data);
    std::string out;
    io::filtering_ostream os(zstdio::auto_decompressor() | io::back_inserter(out));
    io::copy(io::array_source(packed.data(), packed.size()), os);
    BOOST_TEST((out == data + data));
}

BOOST_AUTO_TEST_CASE(members_of_every_format_mixed_in_every_order)
{
    std::map<data_format, std::string> contents, packed;
    for (const data_format f : every_format) {
        contents[f] = std::string(zstdio::format_name(f)) + ": " + text(20000 + contents.size() * 1000, 7);
        packed[f] = encode(f, contents[f]);
    }
    std::vector<data_format> order = every_format;
    std::sort(order.begin(), order.end());
    int orders = 0;
    do {
        std::string input, expected;
        for (const data_format f : order) {
            input += packed[f];
            expected += contents[f];
        }
        BOOST_TEST_CONTEXT("order starting " << zstdio::format_name(order[0]) << ", " << zstdio::format_name(order[1]))
        BOOST_TEST((decode_both(input, orders % 2 ? 1000 : 1 << 16) == expected));
        ++orders;
    } while (std::next_permutation(order.begin(), order.end()));
    BOOST_TEST(orders == 120);
}

BOOST_AUTO_TEST_CASE(several_members_of_one_format_in_a_row)
{
    for (const data_format f : every_format) {
        const std::string a = text(5000, 1), b = text(70000, 2);
        BOOST_TEST_CONTEXT(zstdio::format_name(f))
        BOOST_TEST((decode_both(encode(f, a) + encode(f, b) + encode(f, "")) == a + b));
    }
}

BOOST_AUTO_TEST_CASE(skippable_frames_between_members_are_skipped)
{
    const std::string skippable = std::string("\x50\x2A\x4D\x18\x03\x00\x00\x00xyz", 11);
    const std::string data = text(10000);
    BOOST_TEST((decode_both(skippable + encode(data_format::gzip, data) + skippable) == data));
    BOOST_TEST(decode_both(skippable).empty());
}

BOOST_AUTO_TEST_CASE(empty_input_is_an_empty_stream)
{
    BOOST_TEST(decode_both("").empty());
    BOOST_TEST(decode_both("", 1, {}, true).empty());
}

BOOST_AUTO_TEST_CASE(reads_what_the_real_tools_write)
{
    const std::string data = text(400000, 3) + random_bytes(100000);
    const std::vector<std::string> tools = {"gzip -c -1",  "gzip -c -9",       "gzip -c -n",
                                            "bzip2 -c -1", "bzip2 -c -9",      "xz -c -0",
                                            "xz -c -6",    "xz -c --check=sha256", "xz -c --check=none",
                                            "xz -c -e -9", "xz --format=lzma -c -1", "xz --format=lzma -c -9",
                                            "lzma -c",     "zstd -q -c -3",    "zstd -q -c --no-check -19",
                                            "zstd -q -c -B4096 --no-content-size"};
    for (const std::string& tool : tools) {
        BOOST_TEST_CONTEXT(tool)
        BOOST_TEST((decode_both(shell_output(tool, data)) == data));
    }
    // gzip with a file name in its header; several files in one .gz
    temp_dir dir;
    write_file(dir.path("a.txt"), data);
    BOOST_REQUIRE_EQUAL(run("gzip -k -9 " + quote(dir.path("a.txt"))).status, 0);
    BOOST_TEST((decode_both(read_file(dir.path("a.txt.gz"))) == data));
}

BOOST_AUTO_TEST_CASE(we_decode_what_each_tool_decodes_from_the_same_bytes)
{
    // Two members of one format: what we decode is what its tool decodes.
    const std::string data = text(200000, 9);
    for (const auto& [f, tool] : std::vector<std::pair<data_format, std::string>>{
             {data_format::gzip, "gzip -dc"},
             {data_format::bzip2, "bzip2 -dc"},
             {data_format::xz, "xz -dc"},
             {data_format::lzma, "xz --format=lzma -dc"},
             {data_format::zstd, "zstd -qdc"}}) {
        // xz cannot read .lzma streams one after another (the format has no
        // end marker it must honour): one stream there.
        const std::string two =
            encode(f, data) + (f == data_format::lzma ? std::string() : encode(f, data.substr(1000)));
        BOOST_TEST_CONTEXT(tool)
        BOOST_TEST((decode_both(two) == shell_output(tool, two)));
    }
}

BOOST_AUTO_TEST_CASE(truncated_members_of_every_format_are_errors_never_a_clean_end)
{
    const std::string data = text(100000, 5);
    for (const data_format f : every_format) {
        const std::string whole = encode(f, data);
        const std::string before = encode(data_format::zstd, "first member");
        for (const std::size_t cut : {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{12},
                                      whole.size() / 2, whole.size() - 9, whole.size() - 4, whole.size() - 1}) {
            BOOST_TEST_CONTEXT(zstdio::format_name(f) << " cut to " << cut << " of " << whole.size())
            {
                const std::string input = before + whole.substr(0, cut);
                const zstdio::zstd_error e = error_both(input, 1000);
                const std::size_t magic = f == data_format::xz ? 6 : f == data_format::zstd || f == data_format::bzip2 ? 4 : 2;
                if (cut >= magic) {
                    BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(errc::truncated_input));
                    BOOST_TEST(std::string(e.what()).find("the input ends inside") != std::string::npos);
                } else {
                    BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(errc::not_zstd_frame));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_truncated_file_read_by_an_istream_ends_bad_not_eof)
{
    const std::string whole = encode(data_format::gzip, text(100000));
    const std::string cut = whole.substr(0, whole.size() - 3);
    zstdio::auto_decompressor filter;
    io::filtering_istream is;
    is.push(filter);
    is.push(io::array_source(cut.data(), cut.size()));
    std::string line;
    while (std::getline(is, line)) {
    }
    BOOST_TEST(is.bad());
    BOOST_REQUIRE(filter.last_error());
    BOOST_TEST(static_cast<int>(filter.last_error()->condition()) == static_cast<int>(errc::truncated_input));
}

BOOST_AUTO_TEST_CASE(corrupt_members_are_errors)
{
    const std::string data = text(100000, 11);
    for (const data_format f : every_format) {
        std::string bad = encode(f, data);
        bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x55);
        BOOST_TEST_CONTEXT(zstdio::format_name(f))
        {
            const zstdio::zstd_error e = error_both(bad);
            BOOST_TEST((e.condition() == errc::corruption_detected || e.condition() == errc::checksum_wrong ||
                        e.condition() == errc::truncated_input));
            BOOST_TEST(std::string(e.what()).find(zstdio::format_name(f)) != std::string::npos);
        }
    }
    // A gzip trailer whose CRC-32 does not match the content.
    std::string gz = encode(data_format::gzip, data);
    gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 1);
    const zstdio::zstd_error e = error_both(gz);
    BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(errc::checksum_wrong));
    BOOST_TEST(std::string(e.what()) == "decompressing gzip: corrupt gzip data (zlib: incorrect data check)");
}

BOOST_AUTO_TEST_CASE(unknown_input_is_an_error_naming_its_offset_and_bytes)
{
    const zstdio::zstd_error e = error_both("Hello, world\n");
    BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(errc::not_zstd_frame));
    BOOST_TEST(std::string(e.what()) == "decompressing: unknown format at input offset 0: the bytes 48 65 6c 6c 6f "
                                        "2c do not start a zstd, gzip, bzip2, xz or lzma member");
    // After a member: the offset is where the unknown bytes start.
    const std::string gz = encode(data_format::gzip, "abc");
    const zstdio::zstd_error after = error_both(gz + "\x01\x02", 1);
    BOOST_TEST(std::string(after.what()) == "decompressing: unknown format at input offset " +
                                                std::to_string(gz.size()) +
                                                ": the bytes 01 02 do not start a zstd, gzip, bzip2, xz or lzma member");
}

BOOST_AUTO_TEST_CASE(pass_through_copies_unknown_input_and_everything_after_it)
{
    const std::string plain = text(300000, 4);
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{65536}})
        BOOST_TEST((decode_both(plain.substr(0, chunk == 1 ? 5000 : plain.size()), chunk, {}, true) ==
                    plain.substr(0, chunk == 1 ? 5000 : plain.size())));
    // Decoded members first, then the rest as is, even if it holds members.
    const std::string gz = encode(data_format::gzip, "decoded ");
    const std::string rest = "plain " + encode(data_format::zstd, "kept as is");
    BOOST_TEST((decode_both(gz + rest, 4096, {}, true) == "decoded " + rest));
    // Fewer bytes than any magic number.
    BOOST_TEST(decode_both("\x1f", 1, {}, true) == "\x1f");
    BOOST_TEST(decode_both("a", 1, {}, true) == "a");
}

BOOST_AUTO_TEST_CASE(max_output_size_counts_every_format)
{
    const std::string a = text(10000, 1), b = text(10000, 2);
    const std::string input = encode(data_format::gzip, a) + encode(data_format::zstd, b);
    zstdio::zstd_params p;
    p.max_output_size = 20000;
    BOOST_TEST((decode_both(input, 1000, p) == a + b));
    p.max_output_size = 19999;
    BOOST_TEST(static_cast<int>(error_both(input, 1000, p).condition()) ==
               static_cast<int>(errc::output_limit_exceeded));
    p.max_output_size = 9999;
    const zstdio::zstd_error e = error_both(input, 1000, p);
    BOOST_TEST(std::string(e.what()) == "decompressing: output exceeds max_output_size = 9999 bytes");
    // Pass-through output counts too.
    BOOST_TEST(static_cast<int>(error_of([&] { decode_istream(a, 1000, p, true); }).condition()) ==
               static_cast<int>(errc::output_limit_exceeded));
}

BOOST_AUTO_TEST_CASE(xz_needing_more_memory_than_the_window_limit_is_refused)
{
    const std::string packed = shell_output("xz -c --lzma2=dict=64MiB", text(1000));
    zstdio::zstd_params p;
    p.window_log_max = 20;
    const zstdio::zstd_error e = error_both(packed, 1 << 16, p);
    BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(errc::window_too_large));
    p.window_log_max = 27;
    BOOST_TEST(decode_both(packed, 1 << 16, p) == text(1000));
}

BOOST_AUTO_TEST_CASE(without_multi_frame_the_first_member_with_content_ends_the_stream)
{
    const std::string skippable = std::string("\x50\x2A\x4D\x18\x00\x00\x00\x00", 8);
    zstdio::zstd_params p;
    p.multi_frame = false;
    const std::string input = skippable + encode(data_format::bzip2, "one") + encode(data_format::zstd, "two") + "junk";
    BOOST_TEST(decode_both(input, 5, p) == "one");
    BOOST_TEST(decode_both(encode(data_format::zstd, "two") + "junk", 5, p) == "two");
}

BOOST_AUTO_TEST_CASE(zstd_settings_apply_dictionary_window_and_threads)
{
    // A dictionary.
    std::vector<std::string> samples;
    for (int i = 0; i < 400; ++i)
        samples.push_back("{\"id\": " + std::to_string(i) + ", \"name\": \"record\", \"tags\": [\"a\", \"b\"]}");
    const zstdio::zstd_dict dict = zstdio::train_dictionary(4096, samples);
    zstdio::zstd_params with_dict;
    with_dict.dict = dict;
    const std::string record = samples[7];
    const std::string input = encode(data_format::gzip, "gz ") + zstdio::compress(record, with_dict);
    BOOST_TEST(decode_both(input, 100, with_dict) == "gz " + record);
    BOOST_TEST(static_cast<int>(error_both(input).condition()) == static_cast<int>(errc::dictionary_mismatch));

    // A window above window_log_max.
    zstdio::zstd_params big(3);
    big.advanced = zstdio::compression_parameters().window_log(24);
    big.source_size = 1 << 24;
    const std::string wide = zstdio::compress(repetitive(1 << 24), big);
    zstdio::zstd_params narrow;
    narrow.window_log_max = 20;
    BOOST_TEST(static_cast<int>(error_both(encode(data_format::xz, "x") + wide, 1 << 16, narrow).condition()) ==
               static_cast<int>(errc::window_too_large));

    // Threads: runs of zstd frames on workers, other members between them.
    std::string many, expected;
    for (int i = 0; i < 12; ++i) {
        const std::string part = text(150000, static_cast<std::uint32_t>(i));
        many += i % 4 == 3 ? encode(data_format::gzip, part) : encode(data_format::zstd, part);
        expected += part;
    }
    zstdio::zstd_params threads;
    threads.threads = 3;
    for (const std::size_t chunk : {std::size_t{999}, std::size_t{1} << 16, std::size_t{1} << 22})
        BOOST_TEST((decode_both(many, chunk, threads) == expected));
    // ... and the same errors: a truncated zstd frame at the end.
    const zstdio::zstd_error serial = error_both(many.substr(0, many.size() - 10));
    const zstdio::zstd_error parallel = error_both(many.substr(0, many.size() - 10), 1 << 16, threads);
    BOOST_TEST(static_cast<int>(serial.condition()) == static_cast<int>(parallel.condition()));
    BOOST_TEST(static_cast<int>(parallel.condition()) == static_cast<int>(errc::truncated_input));
}

BOOST_AUTO_TEST_CASE(one_filter_serves_many_streams_and_copies_share_the_error)
{
    zstdio::auto_decompressor filter;
    for (const data_format f : every_format) {
        const std::string data = text(3000, 8);
        const std::string packed = encode(f, data);
        std::string out;
        io::filtering_ostream os;
        os.push(filter);
        os.push(io::back_inserter(out));
        os.write(packed.data(), static_cast<std::streamsize>(packed.size()));
        os.reset();
        BOOST_TEST(out == data);
    }
    const std::string bad = "not compressed";
    io::filtering_istream is;
    is.push(filter);
    is.push(io::array_source(bad.data(), bad.size()));
    std::string line;
    std::getline(is, line);
    BOOST_TEST(is.bad());
    BOOST_REQUIRE(filter.last_error()); // the user's copy answers
    BOOST_TEST(static_cast<int>(filter.last_error()->condition()) == static_cast<int>(errc::not_zstd_frame));
}

BOOST_AUTO_TEST_CASE(magicless_frames_cannot_be_told_apart)
{
    zstdio::zstd_params p;
    p.format = zstdio::frame_format::magicless;
    BOOST_CHECK_THROW(zstdio::auto_decompressor{p}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_frame_then_fewer_bytes_than_a_magic_number_reads_the_same_with_workers)
{
    // Found by fuzzing: the workers took the byte after a frame for a frame.
    const std::string input = zstdio::compress("") + "\x06";
    for (const int threads : {0, 2}) {
        zstdio::zstd_params p;
        p.threads = threads;
        BOOST_TEST_CONTEXT("threads " << threads)
        {
            BOOST_TEST(decode_both(input, 1 << 16, p, true) == "\x06");
            const zstdio::zstd_error e = error_both(input, 1 << 16, p);
            BOOST_TEST(std::string(e.what()) == "decompressing: unknown format at input offset " +
                                                    std::to_string(input.size() - 1) +
                                                    ": the bytes 06 do not start a zstd, gzip, bzip2, xz or lzma "
                                                    "member");
        }
    }
}
