// Tests for include/zstdio/batch.hpp: compressor::multi_compress_to_buffer,
// decompressor::multi_decompress_to_buffer, decompressor::decompress_content_dict_chain.
#include <zstdio/batch.hpp>

#define BOOST_TEST_MODULE batch
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"
#include "support/thrown.hpp"

#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>

#include <cstdint>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace zstdio;
using zstdio_test::error_of;
using zstdio_test::invalid_argument_message;
using zstdio_test::temp_dir;

namespace {

// `count` records of 0..max_size bytes, mixed text/random/repetitive, with an
// empty record every 7th.
std::vector<std::string> records(std::size_t count, std::size_t max_size = 2000, std::uint32_t seed = 1)
{
    std::mt19937 rng(seed);
    std::vector<std::string> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t size = i % 7 == 3 ? 0 : rng() % (max_size + 1);
        switch (i % 3) {
        case 0: out.push_back(zstdio_test::text(size, static_cast<std::uint32_t>(i + seed))); break;
        case 1: out.push_back(zstdio_test::random_bytes(size, static_cast<std::uint32_t>(i + seed))); break;
        default: out.push_back(zstdio_test::repetitive(size)); break;
        }
    }
    return out;
}

std::vector<std::string> strings(const buffer_with_segments_collection& c)
{
    std::vector<std::string> out;
    out.reserve(c.size());
    for (const buffer_segment& s : c)
        out.push_back(s.to_string());
    return out;
}

std::string joined(const std::vector<std::string>& v)
{
    std::string all;
    for (const auto& s : v)
        all += s;
    return all;
}

bool mentions(const zstd_error& e, const std::string& what)
{
    return std::string(e.what()).find(what) != std::string::npos;
}

// A dictionary trained by the real zstd CLI from `samples`.
zstd_dict cli_trained_dictionary(const std::vector<std::string>& samples)
{
    temp_dir dir;
    std::string files;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const std::string path = dir.path("s" + std::to_string(i));
        zstdio_test::write_file(path, samples[i]);
        files += " " + zstdio_test::quote(path);
    }
    const auto r = zstdio_test::run("zstd -q --train --maxdict=16384 -o " + zstdio_test::quote(dir.path("dict")) +
                                    files + " 2>&1");
    if (r.status != 0)
        throw std::runtime_error("zstd --train failed: " + r.output);
    return zstd_dict(zstdio_test::read_file(dir.path("dict")), dict_type::full);
}

// A data directory of this repository (tests run from the repository root).
std::string data_path(const std::string& name) { return "test/data/batch/" + name; }

} // namespace

// ---------------------------------------------------------------------------
// sizes of batches

BOOST_AUTO_TEST_CASE(empty_batch)
{
    compressor c;
    decompressor d;
    const std::vector<std::string> none;
    for (int threads : {0, 2, -1}) {
        BOOST_TEST(c.multi_compress_to_buffer(none, threads).size() == 0u);
        BOOST_TEST(d.multi_decompress_to_buffer(none, {}, threads).size() == 0u);
    }
    BOOST_TEST(c.multi_compress_to_buffer(buffer_with_segments()).size() == 0u);
    BOOST_TEST(d.multi_decompress_to_buffer(buffer_with_segments_collection()).size() == 0u);
}

BOOST_AUTO_TEST_CASE(one_input)
{
    compressor c;
    decompressor d;
    for (const std::string& input : {std::string(), zstdio_test::text(10000)}) {
        const auto frames = c.multi_compress_to_buffer(std::vector<std::string>{input}, -1);
        BOOST_TEST_REQUIRE(frames.size() == 1u);
        BOOST_TEST(frames.buffer_count() == 1u);
        BOOST_TEST(d.decompress(frames[0].view()) == input);
        const auto back = d.multi_decompress_to_buffer(frames, {}, -1);
        BOOST_TEST_REQUIRE(back.size() == 1u);
        BOOST_TEST(back[0].to_string() == input);
    }
}

BOOST_AUTO_TEST_CASE(ten_thousand_inputs_any_thread_count)
{
    const std::vector<std::string> inputs = records(10000);
    compressor c;
    decompressor d;

    const std::vector<std::string> reference = strings(c.multi_compress_to_buffer(inputs, 0));
    BOOST_TEST_REQUIRE(reference.size() == inputs.size());
    for (int threads : {1, 2, -1, 3}) {
        const auto frames = c.multi_compress_to_buffer(inputs, threads);
        BOOST_TEST((strings(frames) == reference), "threads " << threads);
        if (threads == 2)
            BOOST_TEST(frames.buffer_count() > 1u); // the work was split
    }

    // Every frame decodes on its own, and is what compress() makes.
    compressor one;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        BOOST_TEST_REQUIRE(d.decompress(reference[i]) == inputs[i], "input " << i);
        if (i % 97 == 0)
            BOOST_TEST(one.compress(inputs[i]) == reference[i]);
    }

    // The real zstd reads every frame: all at once (concatenated) and some alone.
    BOOST_TEST(zstdio_test::zstd_cli("-d -q -c", joined(reference)) == joined(inputs));
    for (std::size_t i : {0u, 3u, 4999u, 9999u})
        BOOST_TEST(zstdio_test::zstd_cli("-d -q -c", reference[i]) == inputs[i]);

    // Back, for any thread count, from the collection, a buffer or strings.
    for (int threads : {0, 1, 2, -1}) {
        const auto back = d.multi_decompress_to_buffer(reference, {}, threads);
        BOOST_TEST((strings(back) == inputs), "threads " << threads);
    }
    const auto frames = c.multi_compress_to_buffer(inputs, 2);
    BOOST_TEST((strings(d.multi_decompress_to_buffer(frames, {}, 2)) == inputs));
    const buffer_with_segments one_buffer = buffer_with_segments::from_frames(joined(reference));
    BOOST_TEST((strings(d.multi_decompress_to_buffer(one_buffer, {}, 2)) == inputs));
}

BOOST_AUTO_TEST_CASE(inputs_of_every_kind)
{
    compressor c;
    decompressor d;
    const std::vector<std::string> text{"alpha", "", "gamma gamma gamma"};
    const std::vector<std::vector<char>> chars{{'a', 'b'}, {}, {'c'}};
    const std::vector<std::vector<std::uint8_t>> bytes{{1, 2, 3}, {4}};
    const std::vector<std::string_view> views{"x", "yy"};
    const buffer_with_segments buffer(std::string("onetwo"), {{0, 3}, {3, 3}});
    const buffer_with_segments_collection collection({buffer, buffer});

    BOOST_TEST((strings(d.multi_decompress_to_buffer(c.multi_compress_to_buffer(text))) == text));
    BOOST_TEST(d.multi_decompress_to_buffer(c.multi_compress_to_buffer(chars))[0].to_string() == "ab");
    BOOST_TEST(d.multi_decompress_to_buffer(c.multi_compress_to_buffer(bytes))[0].to_string() == "\1\2\3");
    BOOST_TEST(d.multi_decompress_to_buffer(c.multi_compress_to_buffer(views))[1].to_string() == "yy");
    const std::vector<std::string> onetwo{"one", "two"}, twice{"one", "two", "one", "two"};
    BOOST_TEST((strings(d.multi_decompress_to_buffer(c.multi_compress_to_buffer(buffer))) == onetwo));
    BOOST_TEST((strings(d.multi_decompress_to_buffer(c.multi_compress_to_buffer(collection))) == twice));
    // A range of segments is a range of contiguous buffers too.
    const std::vector<buffer_segment> segments(buffer.begin(), buffer.end());
    BOOST_TEST((strings(d.multi_decompress_to_buffer(c.multi_compress_to_buffer(segments))) == onetwo));
}

// ---------------------------------------------------------------------------
// parameters and dictionaries

BOOST_AUTO_TEST_CASE(every_parameter_applies)
{
    const std::vector<std::string> inputs = records(300, 3000, 5);
    zstd_params p(19);
    p.checksum = false;
    p.advanced = compression_parameters().window_log(17).strategy(strategy::btopt);
    compressor c(p);
    compressor one(p);
    for (int threads : {0, 2}) {
        const auto frames = c.multi_compress_to_buffer(inputs, threads);
        for (std::size_t i = 0; i < inputs.size(); ++i)
            BOOST_TEST_REQUIRE(frames[i].to_string() == one.compress(inputs[i]), "input " << i);
    }

    // Without content size, decompression needs the sizes.
    zstd_params no_size;
    no_size.content_size = false;
    compressor sizeless(no_size);
    const auto frames = sizeless.multi_compress_to_buffer(inputs, 2);
    decompressor d;
    const zstd_error e = error_of([&] { d.multi_decompress_to_buffer(frames); });
    BOOST_TEST(e.condition() == errc::content_size_unknown);
    BOOST_TEST(mentions(e, "frame 0"), e.what());
    std::vector<std::uint64_t> sizes;
    for (const auto& in : inputs)
        sizes.push_back(in.size());
    for (int threads : {0, 2})
        BOOST_TEST((strings(d.multi_decompress_to_buffer(frames, sizes, threads)) == inputs));
}

BOOST_AUTO_TEST_CASE(raw_content_dictionary)
{
    const std::vector<std::string> inputs = records(2000, 1500, 9);
    zstd_params p;
    p.dict = zstd_dict(zstdio_test::text(20000, 77), dict_type::raw_content);
    compressor c(p);
    decompressor d(p);
    const auto reference = strings(c.multi_compress_to_buffer(inputs, 0));
    for (int threads : {1, 2, -1})
        BOOST_TEST((strings(c.multi_compress_to_buffer(inputs, threads)) == reference));
    compressor one(p);
    BOOST_TEST(one.compress(inputs[6]) == reference[6]);
    for (int threads : {0, 2})
        BOOST_TEST((strings(d.multi_decompress_to_buffer(reference, {}, threads)) == inputs));
}

BOOST_AUTO_TEST_CASE(trained_dictionary_interoperates_with_the_cli)
{
    const std::vector<std::string> samples = records(400, 1000, 11);
    const zstd_dict dict = cli_trained_dictionary(samples);
    BOOST_TEST(dict.id() != 0u);
    zstd_params p;
    p.dict = dict;
    compressor c(p);
    decompressor d(p);

    const std::vector<std::string> inputs = records(3000, 1000, 12);
    const auto frames0 = strings(c.multi_compress_to_buffer(inputs, 0));
    const auto frames2 = strings(c.multi_compress_to_buffer(inputs, 2));
    BOOST_TEST((frames0 == frames2));
    for (int threads : {0, 2})
        BOOST_TEST((strings(d.multi_decompress_to_buffer(frames2, {}, threads)) == inputs));

    temp_dir dir;
    zstdio_test::write_file(dir.path("dict"), std::string(dict.as_bytes()));
    BOOST_TEST(zstdio_test::zstd_cli("-d -q -c -D " + zstdio_test::quote(dir.path("dict")), joined(frames0)) ==
               joined(inputs));

    // Without the dictionary: the first frame that needs it is named.
    decompressor plain;
    std::size_t first_nonempty = 0;
    while (inputs[first_nonempty].empty())
        ++first_nonempty;
    const zstd_error e = error_of([&] { plain.multi_decompress_to_buffer(frames2, {}, 2); });
    BOOST_TEST(e.condition() == errc::dictionary_mismatch);
    BOOST_TEST(mentions(e, "frame " + std::to_string(first_nonempty) + ":"), e.what());
}

// ---------------------------------------------------------------------------
// executors

BOOST_AUTO_TEST_CASE(one_executor_many_calls)
{
    const std::vector<std::string> inputs = records(3000, 2000, 21);
    compressor c;
    decompressor d;
    const auto reference = strings(c.multi_compress_to_buffer(inputs));
    executor pool(2);
    for (int round = 0; round < 3; ++round) {
        const auto frames = c.multi_compress_to_buffer(inputs, pool);
        BOOST_TEST((strings(frames) == reference));
        BOOST_TEST((strings(d.multi_decompress_to_buffer(frames, pool)) == inputs));
    }
    BOOST_TEST(pool.started_threads() <= 1u);

    // A tiny batch starts no thread.
    executor fresh(8);
    c.multi_compress_to_buffer(std::vector<std::string>{"a", "b", "c"}, fresh);
    d.multi_decompress_to_buffer(std::vector<std::string>{reference[0], reference[1]}, fresh);
    BOOST_TEST(fresh.started_threads() == 0u);
}

BOOST_AUTO_TEST_CASE(concurrent_batches_on_one_executor)
{
    const std::vector<std::string> inputs_a = records(2000, 2000, 31);
    const std::vector<std::string> inputs_b = records(2500, 1500, 32);
    const auto reference_a = strings(compressor().multi_compress_to_buffer(inputs_a));
    const auto reference_b = strings(compressor(7).multi_compress_to_buffer(inputs_b));
    executor pool(2);
    bool ok_a = true, ok_b = true;
    auto work = [&pool](const std::vector<std::string>& in, const std::vector<std::string>& ref, int level,
                        bool& ok) {
        compressor c(level);
        decompressor d;
        for (int round = 0; round < 5; ++round) {
            const auto frames = c.multi_compress_to_buffer(in, pool);
            ok = ok && strings(frames) == ref && strings(d.multi_decompress_to_buffer(frames, pool)) == in;
        }
    };
    std::thread a(work, std::cref(inputs_a), std::cref(reference_a), 3, std::ref(ok_a));
    std::thread b(work, std::cref(inputs_b), std::cref(reference_b), 7, std::ref(ok_b));
    a.join();
    b.join();
    BOOST_TEST(ok_a);
    BOOST_TEST(ok_b);
}

// ---------------------------------------------------------------------------
// mapped files

BOOST_AUTO_TEST_CASE(mapped_file_of_frames)
{
    const std::vector<std::string> inputs = records(1500, 3000, 41);
    compressor c;
    decompressor d;
    temp_dir dir;
    // Half from zstdio, half from the zstd CLI, in one file.
    std::string file = joined(strings(c.multi_compress_to_buffer(inputs)));
    std::vector<std::string> expected = inputs;
    for (std::size_t i = 0; i < 20; ++i) {
        const std::string more = zstdio_test::text(1000 + i * 300, static_cast<std::uint32_t>(i));
        file += zstdio_test::zstd_cli("-q -c -5 --stream-size=" + std::to_string(more.size()), more);
        expected.push_back(more);
    }
    zstdio_test::write_file(dir.path("frames.zst"), file);
    const auto frames =
        buffer_with_segments::from_frames(boost::iostreams::mapped_file_source(dir.path("frames.zst")));
    BOOST_TEST_REQUIRE(frames.size() == expected.size());
    for (int threads : {0, 2})
        BOOST_TEST((strings(d.multi_decompress_to_buffer(frames, {}, threads)) == expected));

    // Records in a mapped file, compressed straight from the mapping.
    std::vector<segment> table;
    for (const auto& in : inputs)
        table.push_back({table.empty() ? 0 : table.back().offset + table.back().length, in.size()});
    zstdio_test::write_file(dir.path("records"), joined(inputs));
    const buffer_with_segments mapped(boost::iostreams::mapped_file_source(dir.path("records")), table);
    const auto reference = strings(c.multi_compress_to_buffer(inputs));
    for (int threads : {0, 2})
        BOOST_TEST((strings(c.multi_compress_to_buffer(mapped, threads)) == reference));
}

// ---------------------------------------------------------------------------
// errors name the failing input

BOOST_AUTO_TEST_CASE(corrupt_frame_is_named)
{
    const std::vector<std::string> inputs = records(5000, 2000, 51);
    compressor c;
    decompressor d;
    std::vector<std::string> frames = strings(c.multi_compress_to_buffer(inputs));
    const std::size_t bad = 4321;
    BOOST_TEST_REQUIRE(inputs[bad].size() > 100u);
    frames[bad][frames[bad].size() / 2] ^= 0x5A; // with a checksum: caught
    for (int threads : {0, 1, 2, -1}) {
        const zstd_error e = error_of([&] { d.multi_decompress_to_buffer(frames, {}, threads); });
        BOOST_TEST(mentions(e, "frame 4321:"), e.what());
        BOOST_TEST((e.condition() == errc::checksum_wrong || e.condition() == errc::corruption_detected));
    }
    // A bad header after it: the corrupt body at the lower index still wins.
    frames[4400] = "not a zstd frame at all";
    for (int threads : {0, 2, -1}) {
        const zstd_error e = error_of([&] { d.multi_decompress_to_buffer(frames, {}, threads); });
        BOOST_TEST(mentions(e, "frame 4321:"), e.what());
    }
    // A bad header before it: the lower index, whatever the thread count.
    frames[17] = "not a zstd frame at all";
    for (int threads : {0, 2, -1}) {
        const zstd_error e = error_of([&] { d.multi_decompress_to_buffer(frames, {}, threads); });
        BOOST_TEST(e.condition() == errc::not_zstd_frame);
        BOOST_TEST(mentions(e, "frame 17:"), e.what());
    }
    // The decompressor is still usable.
    BOOST_TEST(d.decompress(c.compress("after")) == "after");
}

BOOST_AUTO_TEST_CASE(bad_frames_are_named)
{
    compressor c;
    decompressor d;
    const std::vector<std::string> inputs = records(40, 5000, 61);
    const std::vector<std::string> good = strings(c.multi_compress_to_buffer(inputs));
    zstd_params no_size;
    no_size.content_size = false;
    auto with = [&](std::size_t i, std::string frame) {
        std::vector<std::string> v = good;
        v[i] = std::move(frame);
        return v;
    };
    struct {
        const char* what;
        std::vector<std::string> frames;
        errc condition;
        std::string index;
    } cases[] = {
        {"empty", with(5, ""), errc::not_zstd_frame, "frame 5:"},
        {"junk", with(6, "junk junk junk junk"), errc::not_zstd_frame, "frame 6:"},
        {"short header", with(7, good[7].substr(0, 5)), errc::truncated_input, "frame 7:"},
        {"truncated", with(8, good[8].substr(0, good[8].size() - 2)), errc::truncated_input, "frame 8:"},
        {"trailing junk", with(9, good[9] + "junk"), errc::not_zstd_frame, "frame 9:"},
        {"no content size", with(10, compressor(no_size).compress(inputs[10])), errc::content_size_unknown,
         "frame 10:"},
    };
    for (const auto& k : cases) {
        for (int threads : {0, 2}) {
            BOOST_TEST_CONTEXT(k.what << ", threads " << threads)
            {
            const zstd_error e = error_of([&] { d.multi_decompress_to_buffer(k.frames, {}, threads); });
            BOOST_TEST((e.condition() == k.condition), k.what << ": " << e.what());
            BOOST_TEST(mentions(e, k.index), k.what << ": " << e.what());
            }
        }
    }

    // A header that declares far more than its bytes could hold (~2 GB).
    zstd_params p;
    p.checksum = false;
    std::string liar = compressor(p).compress(std::string(70000, 'a'));
    const unsigned descriptor = static_cast<unsigned char>(liar[4]);
    BOOST_TEST_REQUIRE(descriptor >> 6 == 2u); // a 4-byte content size field
    const std::size_t fcs_pos = 5 + ((descriptor & 0x20) ? 0 : 1); // after the window byte, if any
    liar[fcs_pos + 3] = '\x7f';
    const zstd_error lie = error_of([&] { d.multi_decompress_to_buffer(with(11, liar)); });
    BOOST_TEST(lie.condition() == errc::corruption_detected);
    BOOST_TEST(mentions(lie, "frame 11:"), lie.what());
}

BOOST_AUTO_TEST_CASE(sizes_that_do_not_match_are_named)
{
    const std::vector<std::string> inputs = records(30, 3000, 71);
    compressor c;
    decompressor d;
    const auto frames = c.multi_compress_to_buffer(inputs);
    std::vector<std::uint64_t> sizes;
    for (const auto& in : inputs)
        sizes.push_back(in.size());
    BOOST_TEST((strings(d.multi_decompress_to_buffer(frames, sizes)) == inputs));

    // Wrong count of sizes: a bad argument.
    BOOST_CHECK_THROW(d.multi_decompress_to_buffer(frames, std::vector<std::uint64_t>(3, 1)), std::invalid_argument);

    // Against a declared size.
    auto wrong = sizes;
    wrong[12] += 1;
    zstd_error e = error_of([&] { d.multi_decompress_to_buffer(frames, wrong, 2); });
    BOOST_TEST(e.condition() == errc::bad_argument);
    BOOST_TEST(mentions(e, "frame 12:"), e.what());

    // Frames without content size: too small and too large, found while decoding.
    zstd_params no_size;
    no_size.content_size = false;
    const auto sizeless = compressor(no_size).multi_compress_to_buffer(inputs);
    BOOST_TEST_REQUIRE(inputs[13].size() > 10u);
    BOOST_TEST_REQUIRE(inputs[14].size() > 10u);
    auto small = sizes;
    small[13] -= 1;
    e = error_of([&] { d.multi_decompress_to_buffer(sizeless, small, 2); });
    BOOST_TEST(e.condition() == errc::bad_argument);
    BOOST_TEST(mentions(e, "frame 13:"), e.what());
    auto large = sizes;
    large[14] += 5;
    e = error_of([&] { d.multi_decompress_to_buffer(sizeless, large, 2); });
    BOOST_TEST(e.condition() == errc::bad_argument);
    BOOST_TEST(mentions(e, "frame 14:"), e.what());
    // A given size no frame of that length could hold.
    auto absurd = sizes;
    absurd[15] = std::uint64_t(1) << 50;
    e = error_of([&] { d.multi_decompress_to_buffer(sizeless, absurd); });
    BOOST_TEST(e.condition() == errc::bad_argument);
    BOOST_TEST(mentions(e, "frame 15:"), e.what());
}

BOOST_AUTO_TEST_CASE(max_output_size_applies_per_frame)
{
    const std::vector<std::string> inputs{std::string(100, 'a'), std::string(5000, 'b'), std::string(200, 'c')};
    zstd_params p;
    p.max_output_size = 1000;
    decompressor d(p);
    const auto frames = compressor().multi_compress_to_buffer(inputs);
    const zstd_error e = error_of([&] { d.multi_decompress_to_buffer(frames); });
    BOOST_TEST(e.condition() == errc::output_limit_exceeded);
    BOOST_TEST(mentions(e, "frame 1:"), e.what());
    const std::vector<std::string> small{inputs[0], inputs[2]};
    BOOST_TEST((strings(d.multi_decompress_to_buffer(compressor().multi_compress_to_buffer(small))) == small));

    // An earlier decompress() limit does not leak into the batch, nor the other way.
    decompressor plain;
    BOOST_CHECK_THROW(plain.decompress(frames[1].view(), 10), zstd_error);
    BOOST_TEST((strings(plain.multi_decompress_to_buffer(frames)) == inputs));
    BOOST_TEST(plain.decompress(frames[1].view()) == inputs[1]);
}

// ---------------------------------------------------------------------------
// content-dictionary chains

namespace {

// python-zstandard's documented recipe: frame 0 plain, frame i compressed with
// input i-1 as a raw-content dictionary.
std::vector<std::string> make_chain(const std::vector<std::string>& inputs, const zstd_params& base = {})
{
    std::vector<std::string> frames{compressor(base).compress(inputs[0])};
    for (std::size_t i = 1; i < inputs.size(); ++i) {
        zstd_params p = base;
        if (!inputs[i - 1].empty()) // an empty dictionary is no dictionary
            p.dict = zstd_dict(inputs[i - 1], dict_type::raw_content);
        frames.push_back(compressor(p).compress(inputs[i]));
    }
    return frames;
}

std::vector<std::string> growing_document(std::size_t versions)
{
    std::vector<std::string> v;
    std::string doc;
    for (std::size_t i = 0; i < versions; ++i) {
        doc += zstdio_test::text(200 + 37 * i, static_cast<std::uint32_t>(i + 1));
        if (i % 10 == 5)
            doc[doc.size() / 3] = '#'; // an edit, not only appends
        v.push_back(doc);
    }
    return v;
}

} // namespace

BOOST_AUTO_TEST_CASE(chain_of_a_growing_document)
{
    const std::vector<std::string> versions = growing_document(100);
    const std::vector<std::string> frames = make_chain(versions);
    decompressor d;
    BOOST_TEST(d.decompress_content_dict_chain(frames) == versions.back());
    // The chain is much smaller than compressing each version alone.
    std::size_t chain_size = 0, alone = 0;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        chain_size += frames[i].size();
        alone += compress(versions[i]).size();
    }
    BOOST_TEST(chain_size * 5 < alone);
    // Every prefix of the chain is a chain.
    for (std::size_t n : {1u, 2u, 50u}) {
        const std::vector<std::string> prefix(frames.begin(), frames.begin() + static_cast<std::ptrdiff_t>(n));
        BOOST_TEST(d.decompress_content_dict_chain(prefix) == versions[n - 1]);
    }
    // From a buffer of frames, and with a dictionary on the decompressor (not used).
    BOOST_TEST(d.decompress_content_dict_chain(buffer_with_segments::from_frames(joined(frames))) == versions.back());
    zstd_params with_dict;
    with_dict.dict = zstd_dict(std::string("unrelated dictionary bytes"), dict_type::raw_content);
    BOOST_TEST(decompressor(with_dict).decompress_content_dict_chain(frames) == versions.back());
}

BOOST_AUTO_TEST_CASE(chain_made_by_python_zstandard)
{
    // test/data/batch/make_python_chain.py, run with python-zstandard 0.20.
    const auto frames = buffer_with_segments::from_frames(zstdio_test::read_file(data_path("python_chain.zst")));
    BOOST_TEST(frames.size() == 30u);
    BOOST_TEST(decompressor().decompress_content_dict_chain(frames) ==
               zstdio_test::read_file(data_path("python_chain.last")));
}

BOOST_AUTO_TEST_CASE(chain_with_empty_links)
{
    const std::vector<std::string> versions{"", "first", "", "", "again", std::string(10000, 'z')};
    BOOST_TEST(decompressor().decompress_content_dict_chain(make_chain(versions)) == versions.back());
}

BOOST_AUTO_TEST_CASE(broken_chains_name_the_link)
{
    const std::vector<std::string> versions = growing_document(60);
    const std::vector<std::string> frames = make_chain(versions);
    decompressor d;

    BOOST_CHECK_THROW(d.decompress_content_dict_chain(std::vector<std::string>{}), std::invalid_argument);

    // A link compressed against the wrong predecessor.
    auto broken = frames;
    zstd_params wrong;
    wrong.dict = zstd_dict(versions[10], dict_type::raw_content);
    broken[40] = compressor(wrong).compress(versions[40]);
    zstd_error e = error_of([&] { d.decompress_content_dict_chain(broken); });
    BOOST_TEST(mentions(e, "chain link 40:"), e.what());
    BOOST_TEST((e.condition() == errc::checksum_wrong || e.condition() == errc::corruption_detected));

    // A link without content size.
    auto sizeless = frames;
    zstd_params no_size;
    no_size.content_size = false;
    no_size.dict = zstd_dict(versions[20], dict_type::raw_content);
    sizeless[21] = compressor(no_size).compress(versions[21]);
    e = error_of([&] { d.decompress_content_dict_chain(sizeless); });
    BOOST_TEST(e.condition() == errc::content_size_unknown);
    BOOST_TEST(mentions(e, "chain link 21:"), e.what());

    // Not zstd, truncated, corrupt.
    auto junk = frames;
    junk[3] = "junk junk junk";
    e = error_of([&] { d.decompress_content_dict_chain(junk); });
    BOOST_TEST(e.condition() == errc::not_zstd_frame);
    BOOST_TEST(mentions(e, "chain link 3:"), e.what());
    auto cut = frames;
    cut[0] = frames[0].substr(0, frames[0].size() - 1);
    e = error_of([&] { d.decompress_content_dict_chain(cut); });
    BOOST_TEST(e.condition() == errc::truncated_input);
    BOOST_TEST(mentions(e, "chain link 0:"), e.what());
    auto flipped = frames;
    flipped[59][flipped[59].size() / 2] ^= 0x33;
    e = error_of([&] { d.decompress_content_dict_chain(flipped); });
    BOOST_TEST(mentions(e, "chain link 59:"), e.what());

    // max_output_size applies per link.
    zstd_params limited;
    limited.max_output_size = versions[30].size();
    e = error_of([&] { decompressor(limited).decompress_content_dict_chain(frames); });
    BOOST_TEST(e.condition() == errc::output_limit_exceeded);
    BOOST_TEST(mentions(e, "chain link 31:"), e.what());
}

BOOST_AUTO_TEST_CASE(magicless_frames)
{
    const std::vector<std::string> inputs = records(500, 3000, 81);
    zstd_params p;
    p.advanced = compression_parameters().format(frame_format::magicless);
    const auto frames = compressor(p).multi_compress_to_buffer(inputs, 2);
    BOOST_TEST_REQUIRE(frames.size() == inputs.size());
    BOOST_TEST(frames[0].view().substr(0, 4) != frame_header);

    zstd_params read;
    read.format = frame_format::magicless;
    for (int threads : {0, 2})
        BOOST_TEST((strings(decompressor(read).multi_decompress_to_buffer(frames, {}, threads)) == inputs));
    // A zstd1 decoder does not take them for frames.
    const zstd_error e = error_of([&] { decompressor().multi_decompress_to_buffer(frames); });
    BOOST_TEST(e.condition() == errc::not_zstd_frame);
    BOOST_TEST(mentions(e, "frame 0:"), e.what());
}
