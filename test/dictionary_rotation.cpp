// Tests for zstd_params::dicts (zstdio/params.hpp): a record store that
// rotates dictionaries.  Records of three families, each compressed with the
// dictionary trained on its family (or with none, or without writing the
// dictionary id), concatenated, and decoded by every decoder with
// dict + dicts; the errors of a frame whose dictionary is missing; the
// context cache after decoders with other dictionaries.
#include <zstdio/params.hpp>

#define BOOST_TEST_MODULE dictionary_rotation
#include <boost/test/unit_test.hpp>

#include <zstdio/compressor.hpp>
#include <zstdio/context_cache.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/seek_table.hpp>
#include <zstdio/seekable_source.hpp>
#include <zstdio/streaming.hpp>

#include "support/filters.hpp"
#include "support/records.hpp"
#include "support/thrown.hpp"

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <boost/iostreams/stream.hpp>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace zstdio;
using zstdio_test::error_of;
using zstdio_test::family_records;
using zstdio_test::invalid_argument_message;

namespace io = boost::iostreams;

namespace {

// The dictionary of each family, with ids 101, 102 and 103, trained once.
const std::vector<zstd_dict>& dictionaries()
{
    static const std::vector<zstd_dict> dicts = [] {
        std::vector<zstd_dict> d;
        for (int family = 0; family < 3; ++family) {
            train_options options;
            options.dict_id = 101 + static_cast<std::uint32_t>(family);
            d.push_back(train_dictionary(8 * 1024, family_records(family, 1500, 7 + family), options));
        }
        return d;
    }();
    return dicts;
}

// How one record of the store was written.
enum class written { with_dict, without_dict, without_dict_id };

// The store: frames of records of every family, each compressed with its
// family's dictionary, and some with none, some with the current dictionary
// (103) without its id.  `frames` are the frames, `content` the records
// they hold, in order.
struct record_store {
    std::vector<std::string> frames;
    std::vector<std::string> content;
    std::string all_frames() const
    {
        std::string s;
        for (const std::string& f : frames)
            s += f;
        return s;
    }
    std::string all_content() const
    {
        std::string s;
        for (const std::string& c : content)
            s += c;
        return s;
    }
};

std::string compress_record(const std::string& record, int family, written how)
{
    zstd_params p(3);
    if (how != written::without_dict)
        p.dict = dictionaries()[static_cast<std::size_t>(how == written::without_dict_id ? 2 : family)];
    p.dict_id = how != written::without_dict_id;
    return compress(record, p);
}

const record_store& store()
{
    static const record_store s = [] {
        record_store r;
        std::vector<std::vector<std::string>> families;
        for (int family = 0; family < 3; ++family)
            families.push_back(family_records(family, 40, 100 + family));
        for (std::size_t i = 0; i < 40; ++i) {
            for (int family = 0; family < 3; ++family) {
                // Mostly by id; every 7th record without a dictionary, every
                // 5th of the third family with it but without the id.
                const std::string& record = families[static_cast<std::size_t>(family)][i];
                const written how = i % 7 == 3                 ? written::without_dict
                                    : family == 2 && i % 5 == 1 ? written::without_dict_id
                                                                : written::with_dict;
                r.frames.push_back(compress_record(record, family, how));
                r.content.push_back(record);
            }
        }
        return r;
    }();
    return s;
}

// What a store reader passes: the current dictionary (103) as dict, all of
// them in dicts (103 twice, as a store naturally lists every generation).
zstd_params rotating(int threads = 0)
{
    zstd_params p;
    p.dict = dictionaries()[2];
    p.dicts = dictionaries();
    p.threads = threads;
    return p;
}

std::string through_istream(const std::string& z, const zstd_params& p, std::size_t chunk)
{
    zstd_decompressor filter(p, static_cast<std::streamsize>(std::max<std::size_t>(chunk, 16)));
    io::filtering_istream is;
    is.push(filter);
    is.push(zstdio_test::chunked_source(z, chunk));
    std::string out;
    io::copy(is, io::back_inserter(out));
    return out;
}

std::string through_ostream(const std::string& z, const zstd_params& p, std::size_t chunk)
{
    std::string out;
    io::filtering_ostream os;
    os.push(zstd_decompressor(p), static_cast<std::streamsize>(chunk));
    os.push(io::back_inserter(out));
    for (std::size_t i = 0; i < z.size(); i += chunk) {
        os.write(z.data() + i, static_cast<std::streamsize>(std::min(chunk, z.size() - i)));
        os.flush();
    }
    os.reset();
    return out;
}

std::string through_copy_stream(const std::string& z, const zstd_params& p, std::size_t chunk)
{
    decompressor d(p);
    std::istringstream in(z);
    std::ostringstream out;
    d.copy_stream(in, out, unknown_size, chunk, chunk);
    return out.str();
}

std::string through_batch(const record_store& s, const zstd_params& p, int threads)
{
    decompressor d(p);
    const buffer_with_segments_collection result = d.multi_decompress_to_buffer(s.frames, {}, threads);
    std::string out;
    for (std::size_t i = 0; i < result.size(); ++i)
        out += result[i].to_string();
    return out;
}

// A seekable file: the records' frames and a seek table.
std::string seekable_file(const record_store& s)
{
    const std::string frames = s.all_frames();
    return frames + seek_table::index(frames, rotating()).serialize();
}

} // namespace

BOOST_AUTO_TEST_CASE(the_store_needs_its_dictionaries)
{
    // The test means something: each dictionary is needed, and the frames
    // name the ids 101, 102 and 103, or none.
    const record_store& s = store();
    BOOST_TEST(dictionaries()[0].id() == 101u);
    BOOST_TEST(dictionaries()[2].id() == 103u);
    std::vector<std::uint32_t> ids;
    for (const std::string& f : s.frames)
        ids.push_back(get_frame_parameters(f).dict_id);
    for (std::uint32_t id : {0u, 101u, 102u, 103u})
        BOOST_TEST(std::count(ids.begin(), ids.end(), id) > 3);
    zstd_params only_current;
    only_current.dict = dictionaries()[2];
    BOOST_TEST(error_of([&] { decompress(s.all_frames(), only_current); }).condition() == errc::dictionary_mismatch);
}

BOOST_AUTO_TEST_CASE(one_shot_decodes_every_frame_with_its_dictionary)
{
    const record_store& s = store();
    const std::string z = s.all_frames();
    BOOST_TEST(decompress(z, rotating()) == s.all_content());
    decompressor d(rotating());
    BOOST_TEST(d.decompress(z) == s.all_content());
    std::string out(s.all_content().size(), '\0');
    BOOST_TEST(d.decompress(z, out.data(), out.size()) == out.size());
    BOOST_TEST(out == s.all_content());
    // Frame by frame with the same decoder, in an order unlike the store's.
    for (std::size_t i = s.frames.size(); i-- > 0;)
        BOOST_TEST(d.decompress(s.frames[i]) == s.content[i]);
}

BOOST_AUTO_TEST_CASE(filters_decode_every_frame_with_its_dictionary_in_any_chunks)
{
    const record_store& s = store();
    const std::string z = s.all_frames();
    for (std::size_t chunk : {std::size_t{1}, std::size_t{5}, std::size_t{17}, std::size_t{1000}, std::size_t{1} << 17}) {
        BOOST_TEST_CONTEXT("chunk " << chunk)
        {
            BOOST_TEST(through_istream(z, rotating(), chunk) == s.all_content());
            BOOST_TEST(through_ostream(z, rotating(), chunk) == s.all_content());
        }
    }
}

BOOST_AUTO_TEST_CASE(streaming_objects_and_copy_stream_decode_every_frame)
{
    const record_store& s = store();
    const std::string z = s.all_frames();
    for (std::size_t chunk : {std::size_t{1}, std::size_t{9}, std::size_t{4096}}) {
        BOOST_TEST_CONTEXT("chunk " << chunk)
        {
            BOOST_TEST(zstdio_test::object_decompress(z, rotating(), chunk) == s.all_content());
            BOOST_TEST(through_copy_stream(z, rotating(), chunk) == s.all_content());
        }
    }
}

BOOST_AUTO_TEST_CASE(batch_decodes_every_frame_on_any_thread_count)
{
    const record_store& s = store();
    BOOST_TEST(through_batch(s, rotating(), 0) == s.all_content());
    BOOST_TEST(through_batch(s, rotating(), 2) == s.all_content());
}

BOOST_AUTO_TEST_CASE(parallel_decoding_uses_the_same_choice)
{
    const record_store& s = store();
    const std::string z = s.all_frames();
    BOOST_TEST(decompress(z, rotating(2)) == s.all_content());
    for (std::size_t chunk : {std::size_t{7}, std::size_t{1} << 16}) {
        BOOST_TEST_CONTEXT("chunk " << chunk)
        {
            BOOST_TEST(through_istream(z, rotating(2), chunk) == s.all_content());
            BOOST_TEST(through_ostream(z, rotating(2), chunk) == s.all_content());
            BOOST_TEST(through_copy_stream(z, rotating(2), chunk) == s.all_content());
        }
    }
}

BOOST_AUTO_TEST_CASE(seekable_source_reads_and_verifies_with_dicts)
{
    const record_store& s = store();
    const std::string file = seekable_file(s);
    const std::string content = s.all_content();
    seekable_source src(io::array_source(file.data(), file.size()), rotating());
    BOOST_TEST(src.has_seek_table());
    BOOST_TEST(src.size() == content.size());
    src.verify();
    // read_at across frame boundaries, from several threads.
    std::vector<std::thread> readers;
    std::vector<int> wrong(4, 0);
    for (std::size_t t = 0; t < 4; ++t) {
        readers.emplace_back([&, t] {
            std::string piece(777, '\0');
            for (std::uint64_t at = t * 100; at + piece.size() <= content.size(); at += 3001) {
                src.read_at(at, piece.data(), piece.size());
                wrong[t] += piece != content.substr(static_cast<std::size_t>(at), piece.size());
            }
        });
    }
    for (std::thread& r : readers)
        r.join();
    BOOST_TEST(wrong == std::vector<int>(4, 0), boost::test_tools::per_element());
    // Sequential reads through a stream, with a seek.
    io::stream<seekable_source> in(src);
    in.seekg(static_cast<std::streamoff>(content.size() / 3));
    std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(rest == content.substr(content.size() / 3));
    // Without a seek table (the frames indexed on open), with read-ahead.
    const std::string frames = s.all_frames();
    io::stream<seekable_source> plain(seekable_source(io::array_source(frames.data(), frames.size()), rotating(2)));
    std::string all((std::istreambuf_iterator<char>(plain)), std::istreambuf_iterator<char>());
    BOOST_TEST(all == content);
}

BOOST_AUTO_TEST_CASE(a_missing_id_names_the_id_needed_and_the_ids_given)
{
    const record_store& s = store();
    zstd_params p;
    p.dicts = {dictionaries()[0], dictionaries()[2]};
    // The first frame of the second family needs 102.
    const std::string z = s.frames[0] + s.frames[1] + s.frames[2];
    const std::string expected =
        "decompressing: the frame was compressed with dictionary id 102, but the dictionaries given have ids 101 "
        "and 103";
    const auto check = [&](const char* decoder, auto&& decode) {
        BOOST_TEST_CONTEXT(decoder)
        {
            const zstd_error e = error_of(decode);
            BOOST_TEST(e.condition() == errc::dictionary_mismatch);
            BOOST_TEST(e.what() == expected);
        }
    };
    check("one-shot", [&] { decompress(z, p); });
    check("istream", [&] { through_istream(z, p, 3); });
    check("ostream", [&] { through_ostream(z, p, 3); });
    check("decompressobj", [&] { zstdio_test::object_decompress(z, p, 1); });
    check("copy_stream", [&] { through_copy_stream(z, p, 4096); });
    zstd_params parallel = p;
    parallel.threads = 2;
    check("parallel", [&] { decompress(z, parallel); });
    check("parallel istream", [&] { through_istream(z, parallel, 4096); });
    const zstd_error batch = error_of([&] {
        decompressor(p).multi_decompress_to_buffer(std::vector<std::string>{s.frames[0], s.frames[1]}, {}, 2);
    });
    BOOST_TEST(batch.what() == "frame 1: " + expected);
    // One dictionary in dicts, and dict alone: the same sentence.
    zstd_params one;
    one.dicts = {dictionaries()[0]};
    BOOST_TEST(error_of([&] { decompress(s.frames[1], one); }).what() ==
               std::string("decompressing: the frame was compressed with dictionary id 102, but the dictionary "
                           "given has id 101"));
    zstd_params only;
    only.dict = dictionaries()[0];
    BOOST_TEST(error_of([&] { decompress(s.frames[1], only); }).what() ==
               std::string("decompressing: the frame was compressed with dictionary id 102, but the dictionary "
                           "given has id 101"));
    BOOST_TEST(error_of([&] { decompress(s.frames[1]); }).what() ==
               std::string("decompressing: the frame was compressed with dictionary id 102, but no dictionary was "
                           "given"));
}

BOOST_AUTO_TEST_CASE(a_frame_without_an_id_uses_dict_even_after_other_dictionaries)
{
    // libzstd's own choice (refMultipleDDicts) would keep the previous
    // frame's dictionary for a frame naming no id: here it is `dict`.
    const std::vector<std::string> records = family_records(2, 3, 55);
    const std::string by_id = compress_record(records[0], 0, written::with_dict);        // 101
    const std::string no_id = compress_record(records[1], 2, written::without_dict_id);   // 103, no id
    const std::string no_dict = compress_record(records[2], 2, written::without_dict);    // none
    zstd_params p;
    p.dict = dictionaries()[2];
    p.dicts = {dictionaries()[0]};
    const std::string z = by_id + no_id + no_dict + by_id;
    const std::string expected = records[0] + records[1] + records[2] + records[0];
    BOOST_TEST(decompress(z, p) == expected);
    BOOST_TEST(through_istream(z, p, 2) == expected);
    BOOST_TEST(zstdio_test::object_decompress(z, p, 4096) == expected);
    // No dict: a frame naming no id gets none, so one written with 103
    // without its id cannot be decoded, and one written without a
    // dictionary can.
    zstd_params no_default;
    no_default.dicts = dictionaries();
    BOOST_TEST(decompress(by_id + no_dict, no_default) == records[0] + records[2]);
    BOOST_CHECK_THROW(decompress(by_id + no_id, no_default), zstd_error);
}

BOOST_AUTO_TEST_CASE(dictionaries_given_twice_or_without_id)
{
    const record_store& s = store();
    // The same dictionary in dict and dicts, twice in dicts, and equal
    // bytes loaded twice: one dictionary.
    zstd_params p;
    p.dict = dictionaries()[0];
    p.dicts = {dictionaries()[0], dictionaries()[1], dictionaries()[1], zstd_dict(dictionaries()[2].as_bytes())};
    BOOST_TEST(decompress(s.frames[0] + s.frames[1] + s.frames[2], p) == s.content[0] + s.content[1] + s.content[2]);

    // Two different dictionaries with one id.
    train_options options;
    options.dict_id = 102;
    const zstd_dict impostor = train_dictionary(4096, family_records(0, 800, 99), options);
    BOOST_TEST(impostor.id() == 102u);
    zstd_params clash;
    clash.dicts = {dictionaries()[1], impostor};
    const std::string clash_message = "zstdio: two different dictionaries have the same dictionary id 102 (in dict "
                                      "and dicts): a frame naming it could not tell which to use";
    BOOST_TEST(invalid_argument_message([&] { decompressor{clash}; }) == clash_message);
    clash.dicts = {dictionaries()[0]};
    clash.dict = impostor;
    clash.dicts.push_back(dictionaries()[1]);
    BOOST_TEST(invalid_argument_message([&] { zstd_decompressor{clash}; }) == clash_message);

    // A raw-content dictionary has no id: it can only be dict.
    zstd_params raw;
    raw.dicts = {dictionaries()[0], zstd_dict(std::string(1000, 'r'), dict_type::raw_content)};
    BOOST_TEST(invalid_argument_message([&] { decompress(s.frames[0], raw); }) ==
               "zstdio: dicts[1] has no dictionary id (raw content, or id 0): frames cannot name it, so it can only "
               "be given as dict");
    // As dict, with dicts beside it: frames naming no id use it.
    const std::string raw_bytes = s.content[0];
    zstd_params raw_default;
    raw_default.dict = zstd_dict(raw_bytes, dict_type::raw_content);
    const std::string with_raw = compress(s.content[0] + s.content[0], raw_default);
    raw_default.dicts = {dictionaries()[1]};
    BOOST_TEST(decompress(with_raw + s.frames[1], raw_default) == s.content[0] + s.content[0] + s.content[1]);
    raw_default.dicts = {dictionaries()[0]};
    BOOST_TEST(error_of([&] { decompress(s.frames[1], raw_default); }).what() ==
               std::string("decompressing: the frame was compressed with dictionary id 102, but the dictionary "
                           "given has id 101 (and dict, raw content without an id)"));
}

// A patch reference is libzstd's prefix, which replaces any dictionary for
// its frame: dicts and patch_from together are refused by every decoder.
BOOST_AUTO_TEST_CASE(dicts_and_a_patch_reference_are_refused_together)
{
    zstd_params p;
    p.dicts = dictionaries();
    p.patch_from = zstd_dict(std::string(1000, 'r'), dict_type::raw_content);
    const std::string message = "zstdio: zstd_params::dicts and patch_from cannot both be set (libzstd takes one "
                                "dictionary or one reference per frame)";
    BOOST_TEST(invalid_argument_message([&] { decompressor{p}; }) == message);
    BOOST_TEST(invalid_argument_message([&] { zstd_decompressor{p}; }) == message);
    BOOST_TEST(invalid_argument_message([&] { decompress(store().frames[0], p); }) == message);
}

BOOST_AUTO_TEST_CASE(compression_uses_dict_only)
{
    zstd_params p;
    p.dict = dictionaries()[0];
    p.dicts = {dictionaries()[1], dictionaries()[2]};
    const std::string record = family_records(1, 1, 3)[0];
    BOOST_TEST(get_frame_parameters(compress(record, p)).dict_id == 101u);
    p.dict.reset();
    BOOST_TEST(get_frame_parameters(compress(record, p)).dict_id == 0u);
}

BOOST_AUTO_TEST_CASE(many_threads_share_one_set_of_dictionaries)
{
    const record_store& s = store();
    const zstd_params p = rotating();
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (std::size_t t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            decompressor d(p);
            for (int round = 0; round < 5; ++round)
                for (std::size_t i = t; i < s.frames.size(); i += 4)
                    wrong[t] += d.decompress(s.frames[i]) != s.content[i];
            wrong[t] += decompress(s.all_frames(), p) != s.all_content();
        });
    }
    for (std::thread& t : threads)
        t.join();
    BOOST_TEST(wrong == std::vector<int>(4, 0), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_context_cache_does_not_carry_a_choice_to_the_next_decoder)
{
    const record_store& s = store();
    clear_context_cache();
    const std::string z = s.all_frames();
    const std::uint64_t reused_before = get_context_cache_statistics().reused;
    for (int round = 0; round < 3; ++round) {
        // A decoder with every dictionary leaves 102 referenced...
        BOOST_TEST(decompress(s.frames[1], rotating()) == s.content[1]);
        BOOST_TEST(through_istream(s.frames[1], rotating(), 4096) == s.content[1]);
        // ...and the next decoders, on the cached contexts, have others.
        zstd_params only_101;
        only_101.dict = dictionaries()[0];
        BOOST_TEST(error_of([&] { decompress(s.frames[1], only_101); }).what() ==
                   std::string("decompressing: the frame was compressed with dictionary id 102, but the "
                               "dictionary given has id 101"));
        BOOST_TEST(error_of([&] { through_istream(s.frames[1], {}, 4096); }).condition() ==
                   errc::dictionary_mismatch);
        BOOST_TEST(decompress(s.frames[0], only_101) == s.content[0]);
        BOOST_TEST(through_istream(z, rotating(), 4096) == s.all_content());
    }
    BOOST_TEST(get_context_cache_statistics().reused > reused_before);

    // A context that used libzstd's own multiple-dictionary set is freed,
    // not cached: the set would outlive its dictionaries.
    clear_context_cache();
    zstd_params libzstd_choice = rotating();
    libzstd_choice.advanced_decompression = decompression_parameters().ref_multiple_ddicts(true);
    BOOST_TEST(decompress(z, libzstd_choice) == s.all_content());
    BOOST_TEST(get_context_cache_statistics().idle_decompression_contexts == 0u);
    BOOST_TEST(decompress(z, rotating()) == s.all_content());
    BOOST_TEST(get_context_cache_statistics().idle_decompression_contexts == 1u);
}
