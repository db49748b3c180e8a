// Tests for include/zstdio/buffer.hpp: buffer_with_segments, buffer_segment,
// buffer_segments, buffer_with_segments_collection.
#include <zstdio/buffer.hpp>

#define BOOST_TEST_MODULE buffer
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"
#include "support/thrown.hpp"

#include <zstdio/compressor.hpp>
#include <zstdio/error.hpp>

#include <cstring>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace zstdio;
using zstdio_test::error_of;
using zstdio_test::invalid_argument_message;
using zstdio_test::temp_dir;

namespace {

std::vector<std::string> contents(const buffer_with_segments& b)
{
    std::vector<std::string> out;
    for (const buffer_segment& s : b)
        out.push_back(s.to_string());
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(owned_bytes_and_table)
{
    const buffer_with_segments b(std::string("helloworld!"), {{0, 5}, {5, 5}, {10, 1}, {3, 0}, {0, 11}});
    BOOST_TEST(b.size() == 5u);
    BOOST_TEST(b.data_size() == 11u);
    BOOST_TEST(b.to_string() == "helloworld!");
    BOOST_TEST(b[0].to_string() == "hello");
    BOOST_TEST(b[1].to_string() == "world");
    BOOST_TEST(b[1].offset() == 5u);
    BOOST_TEST(b[1].size() == 5u);
    BOOST_TEST(std::string(b[1].data(), 5) == "world");
    BOOST_TEST(b[2].view() == "!");
    BOOST_TEST(b[3].empty());
    BOOST_TEST(b[4].to_string() == "helloworld!");
    BOOST_TEST(b.view(1) == "world");
    BOOST_TEST(b.at(4).size() == 11u);
    BOOST_CHECK_THROW(b.at(5), std::out_of_range);
    const std::vector<std::string> expected{"hello", "world", "!", "", "helloworld!"};
    BOOST_TEST(contents(b) == expected);
}

BOOST_AUTO_TEST_CASE(copied_bytes)
{
    std::string source = "abcdef";
    const buffer_with_segments b(source.data(), source.size(), {{1, 2}, {4, 2}});
    source[1] = 'X'; // the buffer has its own copy
    BOOST_TEST(b[0].to_string() == "bc");
    BOOST_TEST(b[1].to_string() == "ef");
}

BOOST_AUTO_TEST_CASE(empty_buffer)
{
    const buffer_with_segments none;
    BOOST_TEST(none.size() == 0u);
    BOOST_TEST(none.empty());
    BOOST_TEST(none.data_size() == 0u);
    BOOST_TEST((none.begin() == none.end()));
    BOOST_TEST(none.segments().size() == 0u);

    const buffer_with_segments no_bytes(std::string(), {{0, 0}, {0, 0}});
    BOOST_TEST(no_bytes.size() == 2u);
    BOOST_TEST(no_bytes[1].empty());
}

BOOST_AUTO_TEST_CASE(segments_outside_the_buffer_are_rejected)
{
    const std::string m1 =
        invalid_argument_message([] { buffer_with_segments(std::string("12345"), {{0, 5}, {2, 3}, {3, 3}}); });
    BOOST_TEST(m1.find("segment 2") != std::string::npos, m1);
    BOOST_TEST(m1.find("offset 3") != std::string::npos, m1);
    BOOST_TEST(m1.find("5 bytes") != std::string::npos, m1);

    const std::string m2 = invalid_argument_message([] { buffer_with_segments(std::string("12345"), {{6, 0}}); });
    BOOST_TEST(m2.find("segment 0") != std::string::npos, m2);

    // offset + length overflows 64 bits: still outside, not wrapped around
    const auto huge = std::numeric_limits<std::uint64_t>::max();
    BOOST_CHECK_THROW(buffer_with_segments(std::string("12345"), {{2, huge}}), std::invalid_argument);
    BOOST_CHECK_THROW(buffer_with_segments(std::string("12345"), {{huge, 2}}), std::invalid_argument);
    BOOST_CHECK_THROW(buffer_with_segments("abc", 3, {{0, 4}}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(segment_keeps_its_buffer_alive)
{
    buffer_segment kept;
    buffer_segments table;
    {
        std::string big(100000, 'q');
        big.replace(50000, 5, "alive");
        const buffer_with_segments b(std::move(big), {{50000, 5}, {0, 3}});
        kept = b[0];
        table = b.segments();
    }
    BOOST_TEST(kept.to_string() == "alive");
    BOOST_TEST(table.size() == 2u);
    BOOST_TEST(table[0].offset == 50000u);
    BOOST_TEST(table[1].length == 3u);
}

BOOST_AUTO_TEST_CASE(segment_table)
{
    const std::vector<segment> t{{0, 1}, {1, 2}, {3, 3}};
    const buffer_with_segments b(std::string("abbccc"), t);
    const buffer_segments s = b.segments();
    BOOST_TEST(s.size() == 3u);
    BOOST_TEST(std::vector<segment>(s.begin(), s.end()) == t);
    BOOST_TEST(std::memcmp(s.data(), t.data(), 3 * sizeof(segment)) == 0);
    static_assert(sizeof(segment) == 16, "two 64-bit values");
}

BOOST_AUTO_TEST_CASE(shared_owner_without_copy)
{
    auto owner = std::make_shared<std::vector<char>>(std::vector<char>{'x', 'y', 'z'});
    const buffer_with_segments b(owner, owner->data(), owner->size(), {{1, 2}});
    BOOST_TEST(static_cast<const void*>(b.data()) == static_cast<const void*>(owner->data())); // not copied
    BOOST_TEST(b[0].to_string() == "yz");
    BOOST_CHECK_THROW(buffer_with_segments(owner, owner->data(), 3, {{1, 3}}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(mapped_file)
{
    temp_dir dir;
    const std::string path = dir.path("records");
    zstdio_test::write_file(path, "first|second|third");
    buffer_segment third;
    {
        const buffer_with_segments b(boost::iostreams::mapped_file_source(path), {{0, 5}, {6, 6}, {13, 5}});
        BOOST_TEST(b.size() == 3u);
        BOOST_TEST(b.data_size() == 18u);
        BOOST_TEST(b[1].to_string() == "second");
        third = b[2];
        BOOST_CHECK_THROW(buffer_with_segments(boost::iostreams::mapped_file_source(path), {{13, 6}}),
                          std::invalid_argument);
    }
    BOOST_TEST(third.to_string() == "third"); // the mapping stays open
    BOOST_CHECK_THROW(buffer_with_segments(boost::iostreams::mapped_file_source(), {}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(from_frames_splits_concatenated_frames)
{
    // Frames from the zstd CLI and from zstdio, with a skippable frame between.
    const std::string a = zstdio_test::zstd_cli("-q -c -3", zstdio_test::text(5000, 1));
    const std::string b = compress(zstdio_test::random_bytes(300, 2));
    const std::string c = compress("");
    std::string skippable("\x50\x2a\x4d\x18\x03\x00\x00\x00xyz", 11);
    const std::string all = a + skippable + b + c;

    temp_dir dir;
    zstdio_test::write_file(dir.path("all.zst"), all);
    for (const buffer_with_segments& frames :
         {buffer_with_segments::from_frames(boost::iostreams::mapped_file_source(dir.path("all.zst"))),
          buffer_with_segments::from_frames(all)}) {
        BOOST_TEST_REQUIRE(frames.size() == 3u);
        BOOST_TEST(frames[0].to_string() == a);
        BOOST_TEST(frames[1].to_string() == b);
        BOOST_TEST(frames[1].offset() == a.size() + skippable.size());
        BOOST_TEST(frames[2].to_string() == c);
        BOOST_TEST(frames.data_size() == all.size());
    }
    BOOST_TEST(buffer_with_segments::from_frames(std::string()).size() == 0u);
}

BOOST_AUTO_TEST_CASE(from_frames_rejects_what_is_not_whole_frames)
{
    const std::string a = compress(zstdio_test::text(2000));
    try {
        buffer_with_segments::from_frames(a + a.substr(0, a.size() - 3));
        BOOST_FAIL("truncated frame accepted");
    } catch (const zstd_error& e) {
        BOOST_TEST(e.condition() == errc::truncated_input);
        BOOST_TEST(std::string(e.what()).find("offset " + std::to_string(a.size())) != std::string::npos,
                   e.what());
    }
    try {
        buffer_with_segments::from_frames(a + "not zstd at all");
        BOOST_FAIL("junk accepted");
    } catch (const zstd_error& e) {
        BOOST_TEST(e.condition() == errc::not_zstd_frame);
        BOOST_TEST(std::string(e.what()).find("offset " + std::to_string(a.size())) != std::string::npos,
                   e.what());
    }
}

BOOST_AUTO_TEST_CASE(collection_is_one_sequence)
{
    const buffer_with_segments b1(std::string("abc"), {{0, 1}, {1, 1}, {2, 1}});
    const buffer_with_segments empty;
    const buffer_with_segments b2(std::string("defg"), {{0, 4}});
    const buffer_with_segments b3(std::string("hi"), {{0, 1}, {1, 1}});
    const buffer_with_segments_collection c({b1, empty, b2, empty, b3, empty});

    BOOST_TEST(c.size() == 6u);
    BOOST_TEST(c.buffer_count() == 6u);
    BOOST_TEST(c.data_size() == 9u);
    const std::vector<std::string> expected{"a", "b", "c", "defg", "h", "i"};
    std::vector<std::string> by_index, by_view, by_iteration;
    for (std::size_t i = 0; i < c.size(); ++i) {
        by_index.push_back(c[i].to_string());
        by_view.emplace_back(c.view(i));
    }
    for (const buffer_segment& s : c)
        by_iteration.push_back(s.to_string());
    BOOST_TEST(by_index == expected);
    BOOST_TEST(by_view == expected);
    BOOST_TEST(by_iteration == expected);
    BOOST_TEST(c.at(3).to_string() == "defg");
    BOOST_CHECK_THROW(c.at(6), std::out_of_range);
    BOOST_TEST(c.buffer(2)[0].to_string() == "defg");

    const buffer_with_segments_collection none;
    BOOST_TEST(none.size() == 0u);
    BOOST_TEST((none.begin() == none.end()));
    const buffer_with_segments_collection only_empty({empty, empty});
    BOOST_TEST(only_empty.size() == 0u);
    BOOST_TEST((only_empty.begin() == only_empty.end()));
}

BOOST_AUTO_TEST_CASE(segments_are_contiguous_byte_buffers)
{
    const buffer_with_segments b(std::string("xyz"), {{0, 2}, {2, 1}});
    const std::vector<buffer_segment> v(b.begin(), b.end());
    BOOST_TEST(v.size() == 2u);
    BOOST_TEST(std::string(std::data(v[0]), std::size(v[0])) == "xy");
    const std::string_view sv = v[1];
    BOOST_TEST(sv == "z");
}
