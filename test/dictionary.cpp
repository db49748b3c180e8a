// Tests for zstdio/dictionary.hpp: zstd_dict with the filters and contexts,
// interoperability with `zstd --train` / `zstd -D`, training, errors, threads.
#include <zstdio/dictionary.hpp>

#define BOOST_TEST_MODULE dictionary
#include <boost/test/unit_test.hpp>

#include <zstdio/compressor.hpp>
#include <zstdio/error.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/params.hpp>

#include "support/records.hpp"
#include "support/support.hpp"
#include "support/thrown.hpp"

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <boost/iostreams/close.hpp>
#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <array>
#include <list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace zstdio;
using zstdio_test::error_of;
using zstdio_test::invalid_argument_message;
using zstdio_test::json_records;
using zstdio_test::quote;

namespace io = boost::iostreams;

namespace {

zstd_params with_dict(const zstd_dict& d, int level = 3)
{
    zstd_params p(level);
    p.dict = d;
    return p;
}

std::string filter_compress(const std::string& data, const zstd_params& p)
{
    std::string out;
    io::filtering_ostream os;
    os.push(zstd_compressor(p));
    os.push(io::back_inserter(out));
    os.write(data.data(), static_cast<std::streamsize>(data.size()));
    io::close(os);
    return out;
}

std::string filter_decompress(const std::string& frame, const zstd_params& p)
{
    std::string out;
    io::filtering_istream is;
    is.push(zstd_decompressor(p));
    is.push(io::array_source(frame.data(), frame.size()));
    io::copy(is, io::back_inserter(out));
    return out;
}

// 2,000 records as training samples, and other records to compress.
const std::vector<std::string>& samples()
{
    static const auto s = json_records(2000, 100, 1000, 11);
    return s;
}
const std::vector<std::string>& records()
{
    static const auto r = json_records(300, 100, 1000, 12);
    return r;
}

std::size_t total_compressed(const std::vector<std::string>& rs, const zstd_params& p)
{
    compressor c(p);
    std::size_t total = 0;
    for (const auto& r : rs)
        total += c.compress(r).size();
    return total;
}

// Every record through compressor and decompressor, and through the filters.
void check_round_trips(const zstd_dict& d)
{
    compressor c(with_dict(d));
    decompressor dc(with_dict(d));
    for (std::size_t i = 0; i < records().size(); i += 7) {
        const std::string& r = records()[i];
        const std::string frame = c.compress(r);
        BOOST_TEST(get_frame_parameters(frame).dict_id == d.id());
        BOOST_TEST(dc.decompress(frame) == r);
        BOOST_TEST(filter_decompress(filter_compress(r, with_dict(d)), with_dict(d)) == r);
    }
}

struct cctx_deleter {
    void operator()(ZSTD_CCtx* c) const noexcept { ZSTD_freeCCtx(c); }
};
struct cdict_deleter {
    void operator()(ZSTD_CDict* c) const noexcept { ZSTD_freeCDict(c); }
};

} // namespace

BOOST_AUTO_TEST_CASE(construction_and_accessors)
{
    BOOST_CHECK_THROW(zstd_dict(std::string_view()), std::invalid_argument);
    const zstd_dict raw("some bytes to use as history, any bytes at all");
    BOOST_TEST(raw.id() == 0u);
    BOOST_TEST(int(raw.type()) == int(dict_type::raw_content));
    BOOST_TEST(raw.as_bytes() == "some bytes to use as history, any bytes at all");
    BOOST_TEST(raw.size() == raw.as_bytes().size());
    BOOST_TEST(raw.k() == 0u);
    BOOST_TEST(raw.d() == 0u);
    const zstd_dict copy = raw;
    BOOST_TEST((copy == raw));
    BOOST_TEST((zstd_dict(raw.as_bytes()) != raw)); // another object

    const zstd_error e = error_of([] { zstd_dict("not a dictionary", dict_type::full); });
    BOOST_TEST(int(e.condition()) == int(errc::dictionary_corrupted));
    BOOST_TEST(std::string(e.what()).find("magic") != std::string::npos);

    train_options o;
    o.dict_id = 31337;
    const zstd_dict trained = train_dictionary(8192, samples(), o);
    BOOST_TEST(trained.id() == 31337u);
    BOOST_TEST(int(trained.type()) == int(dict_type::full));
    BOOST_TEST(trained.size() <= 8192u);
    BOOST_TEST(trained.k() == 0u); // legacy trainer
    // Reloaded from its bytes, automatically recognised as a full dictionary.
    const zstd_dict reloaded(trained.as_bytes());
    BOOST_TEST(reloaded.id() == 31337u);
    BOOST_TEST(int(reloaded.type()) == int(dict_type::full));
    // Forced raw: the same bytes used as plain history, no id.
    BOOST_TEST(zstd_dict(trained.as_bytes(), dict_type::raw_content).id() == 0u);
    // A dictionary whose entropy tables are damaged is refused when loaded.
    std::string damaged(trained.as_bytes());
    for (std::size_t i = 8; i < 100; ++i)
        damaged[i] = static_cast<char>(0xFF);
    BOOST_TEST(int(error_of([&] { zstd_dict(damaged, dict_type::full); }).condition()) ==
               int(errc::dictionary_corrupted));
    // The magic and too few bytes for a header: libzstd would quietly take
    // these as raw content, a full dictionary refuses them.
    BOOST_TEST(int(error_of([&] { zstd_dict(trained.as_bytes().substr(0, 7), dict_type::full); }).condition()) ==
               int(errc::dictionary_corrupted));
    BOOST_TEST(int(error_of([&] { zstd_dict(trained.as_bytes().substr(0, 7)); }).condition()) ==
               int(errc::dictionary_corrupted));
    BOOST_TEST(int(zstd_dict(trained.as_bytes().substr(0, 7), dict_type::raw_content).type()) ==
               int(dict_type::raw_content));
}

BOOST_AUTO_TEST_CASE(trained_dictionary_improves_small_records)
{
    cover_options o;
    o.k = 200;
    o.d = 8;
    const zstd_dict d = train_cover_dictionary(16384, samples(), o);
    const std::size_t without = total_compressed(records(), zstd_params());
    const std::size_t with = total_compressed(records(), with_dict(d));
    BOOST_TEST_MESSAGE("300 records: " << without << " bytes without dictionary, " << with << " with");
    BOOST_TEST(with * 2 < without);
    check_round_trips(d);
}

BOOST_AUTO_TEST_CASE(zstd_cli_dictionaries_work_here)
{
    zstdio_test::temp_dir dir;
    std::string files;
    for (std::size_t i = 0; i < 500; ++i) {
        zstdio_test::write_file(dir.path("s" + std::to_string(i)), samples()[i]);
        files += " " + quote(dir.path("s" + std::to_string(i)));
    }
    const auto trained =
        zstdio_test::run("zstd -q -f --train" + files + " --maxdict=8192 --dictID=777 -o " + quote(dir.path("dict")));
    BOOST_REQUIRE_MESSAGE(trained.status == 0, trained.output);
    const zstd_dict d(zstdio_test::read_file(dir.path("dict")));
    BOOST_TEST(d.id() == 777u);
    BOOST_TEST(int(d.type()) == int(dict_type::full));
    check_round_trips(d);

    // Frames both ways with the CLI.
    const std::string& record = records()[3];
    const std::string ours = compress(record, with_dict(d));
    BOOST_TEST(zstdio_test::zstd_cli("-d -D " + quote(dir.path("dict")), ours) == record);
    const std::string theirs = zstdio_test::zstd_cli("-19 -D " + quote(dir.path("dict")), record);
    BOOST_TEST(get_frame_parameters(theirs).dict_id == 777u);
    // From stdin, the CLI does not record the content size: give a limit.
    BOOST_TEST(decompressor(with_dict(d)).decompress(theirs, 1 << 20) == record);
    BOOST_TEST(filter_decompress(theirs, with_dict(d)) == record);
}

BOOST_AUTO_TEST_CASE(our_dictionaries_work_with_zstd_cli)
{
    zstdio_test::temp_dir dir;
    std::vector<zstd_dict> dicts;
    train_options t;
    t.dict_id = 1001;
    dicts.push_back(train_dictionary(8192, samples(), t));
    cover_options c;
    c.k = 100;
    c.d = 6;
    c.dict_id = 1002;
    dicts.push_back(train_cover_dictionary(8192, samples(), c));
    c.fast = true;
    c.dict_id = 1003;
    dicts.push_back(train_cover_dictionary(8192, samples(), c));
    dicts.emplace_back(samples()[0] + samples()[1] + samples()[2]); // raw content

    for (const auto& d : dicts) {
        BOOST_TEST_CONTEXT("dictionary id " << d.id())
        {
            zstdio_test::write_file(dir.path("dict"), std::string(d.as_bytes()));
            const std::string& record = records()[5];
            const std::string ours = compress(record, with_dict(d, 9));
            BOOST_TEST(zstdio_test::zstd_cli("-d -D " + quote(dir.path("dict")), ours) == record);
            const std::string theirs = zstdio_test::zstd_cli("-D " + quote(dir.path("dict")), record);
            BOOST_TEST(get_frame_parameters(theirs).dict_id == d.id());
            BOOST_TEST(decompressor(with_dict(d)).decompress(theirs, 1 << 20) == record);
            // Without the dictionary the CLI fails.
            BOOST_TEST(zstdio_test::zstd_cli_status("-d", ours).status != 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(raw_content_dictionaries)
{
    const std::string history = samples()[0] + samples()[1] + samples()[2] + samples()[3];
    const zstd_dict d(history, dict_type::raw_content);
    BOOST_TEST(d.id() == 0u);
    const std::size_t with = total_compressed(records(), with_dict(d));
    const std::size_t without = total_compressed(records(), zstd_params());
    BOOST_TEST(with < without);
    check_round_trips(d);
    // A record that repeats the history compresses to almost nothing.
    BOOST_TEST(compress(history, with_dict(d)).size() < 40u);
    // Raw dictionaries record no id, so a frame cannot say it needs one; the
    // checksum catches decoding without it.
    const std::string frame = compress(history, with_dict(d));
    BOOST_TEST(get_frame_parameters(frame).dict_id == 0u);
    BOOST_CHECK_THROW(decompress(frame), zstd_error);

    // Raw content that starts with the dictionary magic (the bytes of a
    // trained dictionary, forced raw) is history too, in both directions.
    const zstd_dict trained = train_dictionary(4096, samples());
    const zstd_dict forced(trained.as_bytes(), dict_type::raw_content);
    const std::string tail(trained.as_bytes().substr(trained.size() - 1000));
    const std::string forced_frame = compress(tail, with_dict(forced));
    BOOST_TEST(get_frame_parameters(forced_frame).dict_id == 0u);
    BOOST_TEST(forced_frame.size() < 60u); // the record repeats the history
    BOOST_TEST(decompress(forced_frame, with_dict(forced)) == tail);
    check_round_trips(forced);
}

BOOST_AUTO_TEST_CASE(wrong_and_missing_dictionaries_name_the_id)
{
    train_options a, b;
    a.dict_id = 424242;
    b.dict_id = 515151;
    const zstd_dict da = train_dictionary(4096, samples(), a);
    const zstd_dict db = train_dictionary(4096, samples(), b);
    const std::string frame = compress(records()[0], with_dict(da));

    const auto check_error = [&](const zstd_error& e, const std::string& have) {
        BOOST_TEST(int(e.condition()) == int(errc::dictionary_mismatch));
        BOOST_TEST(std::string(e.what()).find("424242") != std::string::npos, e.what());
        BOOST_TEST(std::string(e.what()).find(have) != std::string::npos, e.what());
    };
    check_error(error_of([&] { decompress(frame); }), "no dictionary");
    check_error(error_of([&] { decompress(frame, with_dict(db)); }), "515151");
    check_error(error_of([&] { filter_decompress(frame, zstd_params()); }), "no dictionary");
    check_error(error_of([&] { filter_decompress(frame, with_dict(db)); }), "515151");
    // The right one works.
    BOOST_TEST(decompress(frame, with_dict(da)) == records()[0]);
}

BOOST_AUTO_TEST_CASE(cover_optimize_chooses_k_and_d)
{
    const std::vector<std::string> few(samples().begin(), samples().begin() + 600);
    cover_options o;
    o.optimize = true;
    o.steps = 4;
    o.threads = 2;
    const zstd_dict d = train_cover_dictionary(4096, few, o);
    BOOST_TEST_MESSAGE("cover chose k = " << d.k() << ", d = " << d.d());
    BOOST_TEST(d.k() >= 50u);
    BOOST_TEST((d.d() == 6u || d.d() == 8u));
    BOOST_TEST(d.k() >= d.d());
    check_round_trips(d);
    // A d given is kept while k is searched.
    o.d = 8;
    BOOST_TEST(train_cover_dictionary(4096, few, o).d() == 8u);
    // fastcover optimizes too.
    o.fast = true;
    o.d = 0;
    const zstd_dict f = train_cover_dictionary(4096, few, o);
    BOOST_TEST(f.k() > 0u);
    BOOST_TEST(f.d() > 0u);
    // Manual mode reports what it was given and needs both.
    cover_options m;
    m.k = 120;
    m.d = 6;
    const zstd_dict md = train_cover_dictionary(4096, few, m);
    BOOST_TEST(md.k() == 120u);
    BOOST_TEST(md.d() == 6u);
    m.k = 0;
    BOOST_TEST(invalid_argument_message([&] { train_cover_dictionary(4096, few, m); }).find("k and d") !=
               std::string::npos);
    m.k = 120;
    m.d = 0;
    BOOST_CHECK_THROW(train_cover_dictionary(4096, few, m), std::invalid_argument);
    m.d = 20;
    BOOST_CHECK_THROW(train_cover_dictionary(4096, few, m), std::invalid_argument);
    m.d = 8;
    m.k = 4;
    BOOST_CHECK_THROW(train_cover_dictionary(4096, few, m), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(too_few_or_too_small_samples)
{
    cover_options c;
    c.k = 64;
    c.d = 8;
    const std::vector<std::string> none;
    const std::vector<std::string> three = {"abc", "def", "ghi"};
    const std::vector<std::string> tiny(20, "x");
    for (const auto* set : {&none, &three, &tiny}) {
        BOOST_TEST(int(error_of([&] { train_dictionary(1024, *set); }).condition()) ==
                   int(errc::dictionary_creation_failed));
        const zstd_error e = error_of([&] { train_cover_dictionary(1024, *set, c); });
        BOOST_TEST(int(e.condition()) != int(errc::generic));
    }
    BOOST_TEST(std::string(error_of([&] { train_dictionary(1024, none); }).what()).find("no samples") !=
               std::string::npos);
    BOOST_TEST(std::string(error_of([&] { train_cover_dictionary(1024, three, c); }).what()).find("at least 5 samples") !=
               std::string::npos);
    // Identical samples: nothing to learn, but never a crash.
    const std::vector<std::string> same(200, std::string(300, 'a'));
    for (int run = 0; run < 2; ++run) {
        try {
            if (run == 0)
                train_dictionary(1024, same);
            else
                train_cover_dictionary(1024, same, c);
        } catch (const zstd_error& e) {
            BOOST_TEST_MESSAGE("identical samples: " << e.what());
        }
    }
    BOOST_CHECK_THROW(train_dictionary(100, samples()), std::invalid_argument);
    train_options bad;
    bad.notifications = 5;
    BOOST_CHECK_THROW(train_dictionary(4096, samples(), bad), std::invalid_argument);
    bad.notifications = 0;
    bad.level = 99;
    BOOST_CHECK_THROW(train_dictionary(4096, samples(), bad), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(samples_may_be_any_range_of_byte_buffers)
{
    const std::vector<std::string> strings(samples().begin(), samples().begin() + 400);
    std::vector<std::vector<char>> vectors;
    std::vector<std::string_view> views;
    std::list<std::string> list;
    for (const auto& s : strings) {
        vectors.emplace_back(s.begin(), s.end());
        views.emplace_back(s);
        list.push_back(s);
    }
    cover_options o;
    o.k = 64;
    o.d = 8;
    o.dict_id = 99;
    const std::string expected(train_cover_dictionary(4096, strings, o).as_bytes());
    BOOST_TEST(train_cover_dictionary(4096, vectors, o).as_bytes() == expected);
    BOOST_TEST(train_cover_dictionary(4096, views, o).as_bytes() == expected);
    BOOST_TEST(train_cover_dictionary(4096, list, o).as_bytes() == expected);
    // A wide element type counts bytes, not elements.
    std::vector<std::vector<std::uint16_t>> wide(400, std::vector<std::uint16_t>(100, 0x4142));
    const zstd_dict w = train_cover_dictionary(1024, wide, o);
    BOOST_TEST(w.size() > 0u);
}

BOOST_AUTO_TEST_CASE(frames_identical_to_libzstd_cdict)
{
    // A raw libzstd user: ZSTD_createCDict(dict, level) + ZSTD_CCtx_refCDict.
    const zstd_dict d = train_dictionary(16384, samples());
    const std::string large = zstdio_test::text(3 << 20);
    for (int level : {1, 3, 19}) {
        std::unique_ptr<ZSTD_CDict, cdict_deleter> cdict(
            ZSTD_createCDict(d.as_bytes().data(), d.size(), level));
        std::unique_ptr<ZSTD_CCtx, cctx_deleter> cctx(ZSTD_createCCtx());
        ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
        ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
        ZSTD_CCtx_refCDict(cctx.get(), cdict.get());
        compressor ours(with_dict(d, level));
        for (const std::string* input : {&records()[0], &records()[1], &large}) {
            std::string raw(ZSTD_compressBound(input->size()), '\0');
            raw.resize(ZSTD_compress2(cctx.get(), raw.data(), raw.size(), input->data(), input->size()));
            BOOST_TEST((ours.compress(*input) == raw), "level " << level << ", " << input->size() << " bytes");
        }
    }
    // So the level is honoured on large inputs with a dictionary.
    BOOST_TEST(compress(large, with_dict(d, 19)).size() < compress(large, with_dict(d, 1)).size());
}

BOOST_AUTO_TEST_CASE(shared_dictionary_from_many_threads)
{
    cover_options o;
    o.k = 100;
    o.d = 8;
    const zstd_dict d = train_cover_dictionary(16384, samples(), o);
    // Reference frames, made in this thread before any other uses the dictionary.
    std::vector<std::string> expected[4];
    const int levels[4] = {1, 3, 7, 3};
    const zstd_dict fresh(d.as_bytes()); // nothing digested yet
    for (int t = 0; t < 4; ++t) {
        compressor c(with_dict(d, levels[t]));
        for (const auto& r : records())
            expected[t].push_back(c.compress(r));
    }
    bool ok[4] = {false, false, false, false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            compressor c(with_dict(fresh, levels[t])); // digests concurrently
            decompressor dc(with_dict(fresh));
            bool good = true;
            for (int rep = 0; rep < 3; ++rep) {
                for (std::size_t i = 0; i < records().size(); ++i) {
                    const std::string frame = c.compress(records()[i]);
                    good = good && frame == expected[t][i] && dc.decompress(frame) == records()[i];
                }
            }
            ok[t] = good;
        });
    }
    for (auto& th : threads)
        th.join();
    for (int t = 0; t < 4; ++t)
        BOOST_TEST(ok[t], "thread " << t);
}

BOOST_AUTO_TEST_CASE(golden_dictionaries)
{
    const std::string golden = zstdio_test::golden_dir();
    const std::string http = zstdio_test::read_file(golden + "/golden-compression/http");
    const zstd_dict d(zstdio_test::read_file(golden + "/golden-dictionaries/http-dict-missing-symbols"));
    for (int level = min_compression_level() < -5 ? -5 : 1; level <= max_compression_level(); level += 3) {
        const std::string frame = compress(http, with_dict(d, level));
        BOOST_TEST(decompress(frame, with_dict(d)) == http, "level " << level);
        BOOST_TEST(filter_decompress(filter_compress(http, with_dict(d, level)), with_dict(d)) == http);
    }
    // A dictionary with a zero-weight Huffman symbol: loads, or fails clearly.
    const std::string zero = zstdio_test::read_file(golden + "/dict-files/zero-weight-dict");
    try {
        const zstd_dict z(zero);
        for (int level : {1, 3, 19})
            BOOST_TEST(decompress(compress(http, with_dict(z, level)), with_dict(z)) == http);
    } catch (const zstd_error& e) {
        BOOST_TEST(int(e.condition()) == int(errc::dictionary_corrupted));
        // libzstd's own loader must agree that it is unusable.
        BOOST_TEST(ZSTD_createDDict(zero.data(), zero.size()) == nullptr);
    }
}

BOOST_AUTO_TEST_CASE(cached_digests_per_parameter_set)
{
    const zstd_dict d = train_dictionary(8192, samples());
    // The same dictionary serves several parameter sets at once, each frame
    // like the one its own set makes alone.
    zstd_params fast = with_dict(d, 1), strong = with_dict(d, 19), tuned = with_dict(d, 3);
    tuned.advanced = compression_parameters().window_log(17).strategy(strategy::lazy2);
    const std::string& r = records()[9];
    const std::string f1 = compress(r, fast), f2 = compress(r, strong), f3 = compress(r, tuned);
    BOOST_TEST((compress(r, with_dict(zstd_dict(d.as_bytes()), 1)) == f1));
    BOOST_TEST((compress(r, with_dict(zstd_dict(d.as_bytes()), 19)) == f2));
    for (const auto* f : {&f1, &f2, &f3})
        BOOST_TEST(decompress(*f, with_dict(d)) == r);
}
