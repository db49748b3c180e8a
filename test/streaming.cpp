// Tests for zstdio/streaming.hpp: compressobj(), decompressobj(), copy_stream().
#include <zstdio/streaming.hpp>

#define BOOST_TEST_MODULE streaming
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/frame.hpp>

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/device/file.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <sstream>
#include <type_traits>
#include <utility>
#include <vector>

namespace io = boost::iostreams;
using namespace zstdio;
using zstdio_test::random_bytes;
using zstdio_test::repetitive;
using zstdio_test::text;
using zstdio_test::zstd_cli;

namespace {

// A predicate for BOOST_CHECK_EXCEPTION: a zstd_error with this condition.
auto is(errc expected)
{
    return [expected](const zstd_error& e) {
        BOOST_TEST_INFO("what(): " << e.what());
        BOOST_TEST(static_cast<int>(e.condition()) == static_cast<int>(expected));
        return e.condition() == expected;
    };
}

// Decodes every frame of `frames` with a fresh decompression object; the input
// must end at the end of a frame.
std::string decode(const std::string& frames, const zstd_params& params = {})
{
    decompressor d(params);
    decompression_object obj = d.decompressobj(true);
    std::string out = obj.decompress(frames);
    obj.finish();
    BOOST_TEST(obj.eof());
    return out;
}

// compress(data) then flush(): the frame (in this order: the operands of +
// are not sequenced).
std::string whole_frame(compression_object& obj, std::string_view data)
{
    std::string frame = obj.compress(data);
    frame += obj.flush();
    return frame;
}

// A chunk size: often small or empty, sometimes above 256 KiB.
std::size_t random_chunk(std::mt19937& rng)
{
    switch (rng() % 6) {
    case 0: return 0;
    case 1: return rng() % 16;
    case 2: return rng() % 4096;
    case 3: return rng() % 70000;
    case 4: return 131072;
    default: return 256 * 1024 + rng() % 100000;
    }
}

std::vector<std::string> test_inputs()
{
    return {std::string(), text(700000, 3), random_bytes(400000, 4), repetitive(1 << 20)};
}

// Compresses `data` in random chunks with random block flushes, through all
// three output forms; checks every flush point decodes on its own to the
// input so far.  Returns the finished frame.
std::string compress_interleaved(compressor& c, const std::string& data, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    compression_object obj = c.compressobj();
    std::string out;
    std::size_t pos = 0;
    int flushes = 0;
    while (pos < data.size()) {
        const std::size_t n = std::min(random_chunk(rng), data.size() - pos);
        const std::string_view chunk(data.data() + pos, n);
        switch (rng() % 3) {
        case 0: out += obj.compress(chunk); break;
        case 1: obj.compress(chunk, out); break;
        default: obj.compress(chunk, std::back_inserter(out)); break;
        }
        pos += n;
        if (rng() % 4 == 0 && flushes < 8) {
            ++flushes;
            if (rng() % 2)
                obj.flush(flush_mode::block, out);
            else
                out += obj.flush(flush_mode::block);
            // Everything so far decodes, without the end of the frame.
            decompressor d;
            decompression_object reader = d.decompressobj();
            const std::string got = reader.decompress(out);
            BOOST_TEST((got == data.substr(0, pos)), "flush point at " << pos << " of " << data.size());
            BOOST_TEST(!reader.eof());
            // (Before any input, a flush may have nothing to write yet.)
            BOOST_CHECK_EXCEPTION(reader.finish(), zstd_error,
                                  is(out.empty() ? errc::not_zstd_frame : errc::truncated_input));
        }
    }
    out += obj.flush();
    BOOST_TEST(obj.finished());
    return out;
}

// A Boost.Iostreams sink that takes at most 5 bytes per write, and nothing
// every other call (as a non-blocking sink may); with `dead`, never anything.
struct trickle_sink {
    using char_type = char;
    using category = io::sink_tag;
    std::string* out;
    bool dead = false;
    int calls = 0;
    std::streamsize write(const char* s, std::streamsize n)
    {
        if (dead || ++calls % 2 == 0)
            return 0;
        const std::streamsize w = std::min<std::streamsize>(n, 5);
        out->append(s, static_cast<std::size_t>(w));
        return w;
    }
};

// A Boost.Iostreams source handing out 3 bytes per read, and nothing every
// other call; with `dead`, never anything.
struct trickle_source {
    using char_type = char;
    using category = io::source_tag;
    std::string data;
    bool dead = false;
    std::size_t pos = 0;
    int calls = 0;
    std::streamsize read(char* s, std::streamsize n)
    {
        if (dead || ++calls % 2 == 0)
            return 0;
        if (pos == data.size())
            return -1;
        const std::size_t k = std::min<std::size_t>({static_cast<std::size_t>(n), 3, data.size() - pos});
        std::copy(data.data() + pos, data.data() + pos + k, s);
        pos += k;
        return static_cast<std::streamsize>(k);
    }
};

// A streambuf that takes `room` bytes, then fails.
struct limited_buffer : std::streambuf {
    explicit limited_buffer(std::size_t room) : room(room) {}
    std::size_t room;
    int_type overflow(int_type ch) override
    {
        if (room == 0 || traits_type::eq_int_type(ch, traits_type::eof()))
            return traits_type::eof();
        --room;
        return ch;
    }
};

} // namespace

// ---------------------------------------------------------------------------
// compressobj

BOOST_AUTO_TEST_CASE(compress_and_block_flush_interleavings_round_trip)
{
    std::uint32_t seed = 1;
    for (int level : {1, 3, -5}) {
        compressor c(level);
        for (const std::string& data : test_inputs()) {
            const std::string frame = compress_interleaved(c, data, seed++);
            BOOST_TEST((decode(frame) == data));
            BOOST_TEST((zstd_cli("-d -q", frame) == data));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_output_forms_give_the_same_bytes)
{
    const std::string data = text(500000, 7);
    compressor c;
    std::string returned, appended = "prefix";
    std::vector<char> iterated;
    {
        compression_object obj = c.compressobj();
        returned += obj.compress(data);
        returned += obj.flush(flush_mode::block);
        returned += obj.compress(data.substr(0, 1000));
        returned += obj.flush();
    }
    {
        compression_object obj = c.compressobj();
        std::size_t n = obj.compress(data, appended);
        n += obj.flush(flush_mode::block, appended);
        n += obj.compress(data.substr(0, 1000), appended);
        n += obj.flush(flush_mode::finish, appended);
        BOOST_TEST(n == appended.size() - 6);
    }
    {
        compression_object obj = c.compressobj();
        auto it = obj.compress(data, std::back_inserter(iterated));
        it = obj.flush(flush_mode::block, it);
        it = obj.compress(data.substr(0, 1000), it);
        obj.flush(flush_mode::finish, it);
    }
    // A raw pointer into a buffer known to be large enough.
    std::vector<char> buffer(compress_bound(data.size() + 1000) + 64);
    char* end;
    {
        compression_object obj = c.compressobj();
        end = obj.compress(data, buffer.data());
        end = obj.flush(flush_mode::block, end);
        end = obj.compress(data.substr(0, 1000), end);
        end = obj.flush(flush_mode::finish, end);
    }
    BOOST_TEST(appended.substr(0, 6) == "prefix");
    BOOST_TEST((appended.substr(6) == returned));
    BOOST_TEST((std::string(iterated.begin(), iterated.end()) == returned));
    BOOST_TEST((std::string(buffer.data(), end) == returned));
    BOOST_TEST((decode(returned) == data + data.substr(0, 1000)));
}

BOOST_AUTO_TEST_CASE(compress_often_returns_nothing_until_a_block_is_full)
{
    compressor c;
    compression_object obj = c.compressobj();
    const std::string data = text(1000, 2);
    // A few bytes: nothing to show yet (the frame header waits for content).
    BOOST_TEST(obj.compress(data).empty());
    const std::string flushed = obj.flush(flush_mode::block);
    BOOST_TEST(!flushed.empty());
    BOOST_TEST((decode(flushed + obj.flush()) == data));
}

BOOST_AUTO_TEST_CASE(an_empty_frame)
{
    compressor c;
    compression_object obj = c.compressobj();
    const std::string frame = obj.flush();
    BOOST_TEST(frame.substr(0, 4) == std::string(frame_header));
    BOOST_TEST(decode(frame).empty());
    BOOST_TEST(zstd_cli("-d -q", frame).empty());
}

BOOST_AUTO_TEST_CASE(a_declared_size_goes_in_the_header)
{
    const std::string data = text(300000, 5);
    compressor c;
    compression_object sized = c.compressobj(data.size());
    std::string frame = whole_frame(sized, data);
    // One-shot decompression needs the content size in the header...
    BOOST_TEST((decompressor().decompress(frame) == data));

    // ...which a frame of unknown size lacks.
    compression_object unsized = c.compressobj();
    frame = whole_frame(unsized, data);
    BOOST_CHECK_EXCEPTION(decompressor().decompress(frame), zstd_error, is(errc::content_size_unknown));
    BOOST_TEST((decode(frame) == data));

    // params().source_size is the default size.
    zstd_params p;
    p.source_size = data.size();
    compressor pledged(p);
    compression_object obj = pledged.compressobj();
    frame = whole_frame(obj, data);
    BOOST_TEST((decompressor().decompress(frame) == data));
}

BOOST_AUTO_TEST_CASE(a_declared_size_that_is_not_met_throws)
{
    compressor c;
    const std::string data = text(5000, 1);
    {
        compression_object obj = c.compressobj(data.size() + 1);
        obj.compress(data);
        BOOST_CHECK_EXCEPTION(obj.flush(), zstd_error, is(errc::src_size_wrong));
        // The failed object keeps failing with the same error.
        BOOST_CHECK_EXCEPTION(obj.compress("x"), zstd_error, is(errc::src_size_wrong));
        BOOST_TEST(!obj.finished());
    }
    {
        compression_object obj = c.compressobj(data.size() - 1);
        BOOST_CHECK_EXCEPTION((obj.compress(data), obj.flush()), zstd_error, is(errc::src_size_wrong));
    }
    // The compressor is fine afterwards.
    compression_object obj = c.compressobj(data.size());
    BOOST_TEST((decode(whole_frame(obj, data)) == data));
}

BOOST_AUTO_TEST_CASE(calls_after_finish_throw)
{
    compressor c;
    compression_object obj = c.compressobj();
    obj.compress("hello");
    const std::string frame = obj.flush(flush_mode::finish);
    BOOST_TEST(obj.finished());
    BOOST_CHECK_EXCEPTION(obj.flush(flush_mode::finish), zstd_error, is(errc::stage_wrong));
    BOOST_CHECK_EXCEPTION(obj.flush(flush_mode::block), zstd_error, is(errc::stage_wrong));
    BOOST_CHECK_EXCEPTION(obj.compress("more"), zstd_error, is(errc::stage_wrong));
    std::string out;
    BOOST_CHECK_EXCEPTION(obj.compress("", out), zstd_error, is(errc::stage_wrong));
    BOOST_TEST(decode(frame) == "hello");

    // A moved-from object refuses every call.
    compression_object other = c.compressobj();
    compression_object taken = std::move(other);
    BOOST_CHECK_EXCEPTION(other.compress("x"), zstd_error, is(errc::stage_wrong));
    BOOST_CHECK_EXCEPTION(other.flush(), zstd_error, is(errc::stage_wrong));
    BOOST_TEST(other.memory_size() == 0u);
    BOOST_TEST(decode(whole_frame(taken, "x")) == "x");
}

BOOST_AUTO_TEST_CASE(a_new_object_starts_a_new_frame)
{
    // An abandoned object does not leak into the next frame.
    compressor c;
    {
        compression_object abandoned = c.compressobj();
        abandoned.compress(text(200000, 1));
    }
    compression_object obj = c.compressobj();
    BOOST_TEST(decode(whole_frame(obj, "fresh")) == "fresh");
}

BOOST_AUTO_TEST_CASE(frame_progression_and_memory_size)
{
    const std::string data = text(1 << 20, 9);
    compressor c;
    compression_object obj = c.compressobj();
    std::string frame = obj.compress(data);
    frame_progression p = obj.frame_progression();
    BOOST_TEST(p.ingested == data.size());
    BOOST_TEST(p.consumed <= p.ingested);
    BOOST_TEST(p.produced >= frame.size());
    frame += obj.flush();
    p = obj.frame_progression();
    BOOST_TEST(p.ingested == data.size());
    BOOST_TEST(p.consumed == data.size());
    BOOST_TEST(p.produced > 0u);
    BOOST_TEST(p.produced <= frame.size());
    BOOST_TEST(c.frame_progression().produced == p.produced);
    BOOST_TEST(c.progression().produced == p.produced);

    BOOST_TEST(c.memory_size() > 0u);
    BOOST_TEST(obj.memory_size() == c.memory_size() + compression_output_size());

    decompressor d;
    decompression_object dobj = d.decompressobj();
    BOOST_TEST(dobj.decompress(frame).size() == data.size());
    BOOST_TEST(dobj.memory_size() == d.memory_size() + decompression_output_size());
    BOOST_TEST(d.memory_size() > 0u);

    // The filter answers to both names.
    zstd_compressor f;
    BOOST_TEST(f.frame_progression().ingested == f.progression().ingested);
}

BOOST_AUTO_TEST_CASE(frame_progression_with_workers)
{
    // What the zstd CLI's --adapt reads while libzstd's workers compress.
    const std::string data = text(4 << 20, 22);
    const std::size_t job = 512 * 1024;
    zstd_params p(3);
    p.advanced = compression_parameters().threads(2).job_size(static_cast<int>(job));
    compressor c(p);
    for (int frame_number = 0; frame_number < 2; ++frame_number) {
        BOOST_TEST_CONTEXT("frame " << frame_number)
        {
            compression_object obj = c.compressobj();
            // A new frame starts at zero, not at the last frame's counts.
            frame_progression fp = obj.frame_progression();
            BOOST_TEST(fp.ingested == 0u);
            BOOST_TEST(fp.produced == 0u);
            BOOST_TEST(fp.current_job == 0u);
            std::string frame;
            std::uint64_t given = 0;
            unsigned last_job = 0;
            for (std::size_t pos = 0; pos < data.size(); pos += 300000) {
                const std::string_view chunk = std::string_view(data).substr(pos, 300000);
                obj.compress(chunk, frame);
                given += chunk.size();
                fp = obj.frame_progression();
                BOOST_TEST(fp.ingested == given); // every byte given is taken
                BOOST_TEST(fp.consumed <= fp.ingested);
                BOOST_TEST(fp.flushed <= fp.produced);
                BOOST_TEST(fp.flushed == frame.size()); // handed out = what we received
                // libzstd counts the unfinished jobs in its table (queued ones
                // and the one being prepared included), so the count can exceed
                // the workers, never the jobs started plus that one.
                BOOST_TEST(fp.active_workers <= fp.current_job + 1);
                BOOST_TEST(fp.current_job >= last_job);
                BOOST_TEST(fp.current_job <= given / job); // a job starts when job_size bytes wait
                last_job = fp.current_job;
            }
            BOOST_TEST(last_job >= 4u); // the workers have been busy
            obj.flush(flush_mode::finish, frame);
            fp = obj.frame_progression();
            BOOST_TEST(fp.ingested == data.size());
            BOOST_TEST(fp.consumed == data.size());
            BOOST_TEST(fp.produced == frame.size());
            BOOST_TEST(fp.flushed == frame.size());
            BOOST_TEST(fp.current_job >= data.size() / job);
            BOOST_TEST(fp.active_workers == 0u);
            BOOST_TEST(decode(frame) == data);
        }
    }
    // Single-threaded: no jobs, no workers, flushed reported as produced.
    compressor single;
    compression_object obj = single.compressobj();
    std::string frame = obj.compress(data.substr(0, 1 << 20));
    frame_progression fp = obj.frame_progression();
    BOOST_TEST(fp.ingested == 1u << 20);
    BOOST_TEST(fp.current_job == 0u);
    BOOST_TEST(fp.active_workers == 0u);
    BOOST_TEST(fp.flushed == fp.produced);
    obj.flush(flush_mode::finish, frame);
    // The next frame of the same compressor starts at zero.
    compression_object next = single.compressobj();
    BOOST_TEST(next.frame_progression().ingested == 0u);
    BOOST_TEST(next.frame_progression().produced == 0u);
}

BOOST_AUTO_TEST_CASE(a_dictionary_applies)
{
    const std::string sample = text(20000, 11);
    zstd_params p;
    p.dict = zstd_dict(sample, dict_type::raw_content);
    compressor c(p);
    compression_object obj = c.compressobj();
    const std::string data = sample.substr(100, 5000);
    const std::string frame = whole_frame(obj, data);
    BOOST_TEST(frame.size() < 200u); // the content is in the dictionary
    BOOST_TEST(decode(frame, p) == data);
    BOOST_CHECK_THROW(decode(frame), zstd_error);
}

// ---------------------------------------------------------------------------
// threads

BOOST_AUTO_TEST_CASE(every_thread_count_round_trips)
{
    const std::string data = text(3 << 20, 21) + random_bytes(500000, 2);
    for (int threads : {0, 1, 2, -1, 64}) {
        BOOST_TEST_CONTEXT("threads = " << threads)
        {
            zstd_params p;
            p.threads = threads;
            compressor c(p);
            const std::string frame = compress_interleaved(c, data, 100 + static_cast<std::uint32_t>(threads));
            BOOST_TEST((decode(frame) == data));
            BOOST_TEST((zstd_cli("-d -q", frame) == data));

            std::istringstream in(data);
            std::ostringstream out;
            const copy_result r = c.copy_stream(in, out, data.size());
            BOOST_TEST(r.bytes_read == data.size());
            BOOST_TEST(r.bytes_written == out.str().size());
            BOOST_TEST((decompressor().decompress(out.str()) == data));
            BOOST_TEST((zstd_cli("-d -q", out.str()) == data));
        }
    }
}

// ---------------------------------------------------------------------------
// set_level

namespace {

// One frame of `data` from `c`: compress() in 256 KiB chunks (as a CLI reads),
// with set_level(level) once `switch_at` bytes were given, if a level is
// given.
std::string compress_switching(compressor& c, const std::string& data, std::size_t switch_at,
                               std::optional<int> level)
{
    compression_object obj = c.compressobj();
    std::string frame;
    const std::size_t chunk = 256 * 1024;
    for (std::size_t pos = 0; pos < data.size();) {
        if (pos == switch_at && level)
            obj.set_level(*level);
        const std::size_t end = std::min({pos + chunk, data.size(), pos < switch_at ? switch_at : data.size()});
        obj.compress(std::string_view(data).substr(pos, end - pos), frame);
        pos = end;
    }
    if (switch_at == data.size() && level)
        obj.set_level(*level);
    obj.flush(flush_mode::finish, frame);
    return frame;
}

} // namespace

BOOST_AUTO_TEST_CASE(set_level_mid_frame_with_workers)
{
    // What --adapt does: 19 to 1 halfway through a multi-threaded frame.
    const std::string data = text(2 << 20, 40);
    zstd_params p(19);
    // Jobs of 512 KiB.  (Unset, a level-19 job would be 4 windows, 32 MiB,
    // and never less than the overlap with the previous job, 8 MiB at
    // overlap_log 9: the whole input would still wait in one job at the
    // switch and all of it would be at level 1.)
    p.advanced = compression_parameters().threads(2).job_size(512 * 1024).overlap_log(4);
    compressor c(p);
    const std::string stay = compress_switching(c, data, data.size() / 2, std::nullopt);
    const std::string switched = compress_switching(c, data, data.size() / 2, 1);
    const std::string all_fast = compress_switching(c, data, 0, 1);
    BOOST_TEST_MESSAGE("level 19: " << stay.size() << " bytes; 19 then 1: " << switched.size()
                                    << "; 1 from the start: " << all_fast.size());
    // The jobs cut before the change stay at 19, the later ones are at 1.
    BOOST_TEST(switched.size() > stay.size() + stay.size() / 20);
    BOOST_TEST(switched.size() < all_fast.size());
    BOOST_TEST((decode(switched) == data));
    BOOST_TEST((zstd_cli("-d -q", switched) == data));
    BOOST_TEST((decode(stay) == data));
    // Header unchanged: the window stays level 19's.
    BOOST_TEST(get_frame_parameters(switched).window_size == get_frame_parameters(stay).window_size);
    // The compressor keeps its level: the next frame is level 19's again.
    BOOST_TEST(c.params().level == 19);
    const std::string small = text(100000, 41);
    BOOST_TEST((c.compress(small) == compressor(p).compress(small)));
}

BOOST_AUTO_TEST_CASE(set_level_before_the_first_data_sets_the_whole_frame)
{
    const std::string data = text(600000, 42);
    const std::string sample = text(50000, 43);
    for (int threads : {0, 2}) {
        for (bool with_dict : {false, true}) {
            BOOST_TEST_CONTEXT("threads " << threads << (with_dict ? ", dictionary" : ""))
            {
                zstd_params p(19);
                p.threads = threads;
                if (with_dict)
                    p.dict = zstd_dict(sample, dict_type::raw_content);
                zstd_params fast = p;
                fast.level = 1;
                compressor c(p), reference(fast);
                // (A dictionary's digest carries its level: zstdio digests it
                // again for the new level.)
                BOOST_TEST((compress_switching(c, data, 0, 1) == compress_switching(reference, data, 0, std::nullopt)));
                // Level 0 is libzstd's default, 3.
                zstd_params three = p;
                three.level = 3;
                compressor default_level(three);
                BOOST_TEST((compress_switching(c, data, 0, 0) ==
                            compress_switching(default_level, data, 0, std::nullopt)));
                // Then the compressor's own level again.
                BOOST_TEST((c.compress(data) == compressor(p).compress(data)));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(set_level_mid_frame_without_workers_keeps_the_frame)
{
    // libzstd fixes a single-threaded frame's parameters at its start.
    const std::string data = text(600000, 44);
    compressor c(zstd_params(19));
    const std::string stay = compress_switching(c, data, 300000, std::nullopt);
    BOOST_TEST((compress_switching(c, data, 300000, 1) == stay));
    BOOST_TEST((compress_switching(c, data, data.size(), 1) == stay)); // after everything, before the end
    // ...and would apply it to the context's next frame: zstdio restores the
    // compressor's level for every kind of next frame.
    BOOST_TEST(c.params().level == 19);
    BOOST_TEST((compress_switching(c, data, 0, std::nullopt) == stay));
    compress_switching(c, data, 300000, 1);
    BOOST_TEST((c.compress(data) == compressor(zstd_params(19)).compress(data)));
    compress_switching(c, data, 300000, 1);
    std::istringstream in(data);
    std::ostringstream out;
    c.copy_stream(in, out);
    BOOST_TEST((out.str() == stay));
}

BOOST_AUTO_TEST_CASE(set_level_errors)
{
    const std::string data = text(200000, 45);
    compressor c;
    compression_object obj = c.compressobj();
    std::string frame = obj.compress(data.substr(0, 1000));
    for (int bad : {max_compression_level() + 1, min_compression_level() - 1}) {
        try {
            obj.set_level(bad);
            BOOST_FAIL("level " << bad << " accepted");
        } catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            BOOST_TEST(what.find("compression level = " + std::to_string(bad)) != std::string::npos, what);
            BOOST_TEST(what.find("[" + std::to_string(min_compression_level()) + ", " +
                                 std::to_string(max_compression_level()) + "]") != std::string::npos,
                       what);
        }
    }
    // The object goes on.
    obj.set_level(5);
    obj.compress(data.substr(1000), frame);
    obj.flush(flush_mode::finish, frame);
    BOOST_TEST((decode(frame) == data));
    BOOST_CHECK_EXCEPTION(obj.set_level(3), zstd_error, is(errc::stage_wrong));
    compression_object moved = c.compressobj();
    compression_object taker = std::move(moved);
    BOOST_CHECK_EXCEPTION(moved.set_level(3), zstd_error, is(errc::stage_wrong));
    taker.set_level(3);
}

// ---------------------------------------------------------------------------
// decompressobj

// The objects borrow the context of the compressor or decompressor that made
// them, so making one from a temporary (a dangling object) does not compile.
template <class T, class = void>
struct makes_objects : std::false_type {};
template <class T>
struct makes_objects<T, std::void_t<decltype(std::declval<T>().decompressobj()),
                                    decltype(std::declval<T>().decompressobj(true))>> : std::true_type {};
template <class T, class = void>
struct makes_compression_objects : std::false_type {};
template <class T>
struct makes_compression_objects<T, std::void_t<decltype(std::declval<T>().compressobj())>> : std::true_type {};
static_assert(makes_objects<decompressor&>::value, "decompressobj() on a decompressor object");
static_assert(!makes_objects<decompressor>::value, "no decompressobj() on a temporary");
static_assert(makes_compression_objects<compressor&>::value, "compressobj() on a compressor object");
static_assert(!makes_compression_objects<compressor>::value, "no compressobj() on a temporary");

BOOST_AUTO_TEST_CASE(decompressobj_decodes_any_chunking)
{
    std::uint32_t seed = 50;
    for (const std::string& data : test_inputs()) {
        const std::string frame = zstdio::compress(data);
        std::mt19937 rng(seed++);
        decompressor d;
        decompression_object obj = d.decompressobj();
        std::string out;
        std::size_t pos = 0;
        while (pos < frame.size()) {
            const std::size_t n = std::min<std::size_t>(rng() % 3 ? rng() % 64 : rng() % 300000, frame.size() - pos);
            BOOST_TEST(!obj.eof());
            switch (rng() % 3) {
            case 0: out += obj.decompress(frame.substr(pos, n)); break;
            case 1: obj.decompress(frame.substr(pos, n), out); break;
            default: obj.decompress(frame.substr(pos, n), std::back_inserter(out)); break;
            }
            pos += n;
        }
        BOOST_TEST(obj.eof());
        obj.finish();
        BOOST_TEST((out == data));
    }
}

BOOST_AUTO_TEST_CASE(decompressobj_reads_what_the_zstd_cli_writes)
{
    const std::string data = text(2 << 20, 31);
    for (const char* args : {"-q -c -1", "-q -c -19", "-q -c -T2 -3", "-q -c --long=25 -3"}) {
        BOOST_TEST_CONTEXT(args)
        {
            const std::string frame = zstd_cli(args, data);
            BOOST_TEST((decode(frame) == data));
        }
    }
}

BOOST_AUTO_TEST_CASE(one_frame_mode_keeps_trailing_bytes_in_unused_data)
{
    const std::string data = text(200000, 4);
    const std::string frame = zstdio::compress(data);
    const std::string trailing = "trailing garbage, not zstd";
    decompressor d;

    // All at once.
    {
        decompression_object obj = d.decompressobj(false);
        BOOST_TEST(!obj.read_across_frames());
        BOOST_TEST((obj.decompress(frame + trailing) == data));
        BOOST_TEST(obj.eof());
        BOOST_TEST(obj.unused_data() == trailing);
        // Bytes given after the end are unused too.
        BOOST_TEST(obj.decompress("more").empty());
        BOOST_TEST(obj.unused_data() == trailing + "more");
        obj.finish();
    }
    // A byte at a time.
    {
        decompression_object obj = d.decompressobj(false);
        std::string out;
        for (char ch : frame + trailing)
            obj.decompress(std::string_view(&ch, 1), out);
        BOOST_TEST((out == data));
        BOOST_TEST(obj.eof());
        BOOST_TEST(obj.unused_data() == trailing);
    }
    // A second frame is unused data as well; multi_frame = false chooses this
    // mode by default.
    {
        zstd_params p;
        p.multi_frame = false;
        decompressor single(p);
        decompression_object obj = single.decompressobj();
        const std::string second = zstdio::compress("second");
        BOOST_TEST((obj.decompress(frame + second) == data));
        BOOST_TEST(obj.unused_data() == second);
    }
    // Without trailing bytes, nothing is unused.
    {
        decompression_object obj = d.decompressobj(false);
        BOOST_TEST((obj.decompress(frame) == data));
        BOOST_TEST(obj.eof());
        BOOST_TEST(obj.unused_data().empty());
    }
}

BOOST_AUTO_TEST_CASE(one_frame_mode_skips_skippable_frames)
{
    // A skippable frame (magic 0x184D2A5?, 4-byte length, payload) before the
    // zstd frame: the zstd frame is "the first frame".
    const std::string skippable = std::string("\x50\x2a\x4d\x18\x05\x00\x00\x00", 8) + "meta!";
    const std::string frame = zstdio::compress("content");
    decompressor d;
    decompression_object obj = d.decompressobj(false);
    std::string out;
    for (char ch : skippable)
        obj.decompress(std::string_view(&ch, 1), out);
    BOOST_TEST(!obj.eof());
    obj.decompress(frame + "rest", out);
    BOOST_TEST(out == "content");
    BOOST_TEST(obj.eof());
    BOOST_TEST(obj.unused_data() == "rest");

    // Only a skippable frame: no zstd frame was found.
    decompression_object lone = d.decompressobj(false);
    BOOST_TEST(lone.decompress(skippable).empty());
    BOOST_TEST(!lone.eof());
    BOOST_CHECK_EXCEPTION(lone.finish(), zstd_error, is(errc::not_zstd_frame));
}

BOOST_AUTO_TEST_CASE(across_frames_mode)
{
    const std::string a = text(150000, 1), b = random_bytes(1000, 2);
    const std::string fa = zstdio::compress(a), fb = zstdio::compress(b);
    decompressor d; // multi_frame is on by default
    decompression_object obj = d.decompressobj();
    BOOST_TEST(obj.read_across_frames());
    BOOST_TEST(!obj.eof());
    std::string out = obj.decompress(fa.substr(0, 100));
    BOOST_TEST(!obj.eof()); // inside a frame
    out += obj.decompress(fa.substr(100));
    BOOST_TEST(obj.eof()); // at a frame boundary
    out += obj.decompress(fb.substr(0, 10));
    BOOST_TEST(!obj.eof());
    out += obj.decompress(fb.substr(10) + fa);
    BOOST_TEST(obj.eof());
    obj.finish();
    BOOST_TEST((out == a + b + a));
    BOOST_TEST(obj.unused_data().empty());

    // Across frames, bytes after a frame must be another frame.
    decompression_object garbage = d.decompressobj();
    BOOST_CHECK_EXCEPTION(garbage.decompress(fb + "garbage!"), zstd_error, is(errc::not_zstd_frame));
    // The error sticks.
    BOOST_CHECK_EXCEPTION(garbage.decompress(fb), zstd_error, is(errc::not_zstd_frame));
    BOOST_CHECK_EXCEPTION(garbage.finish(), zstd_error, is(errc::not_zstd_frame));
    BOOST_TEST(!garbage.eof());
}

BOOST_AUTO_TEST_CASE(decompressobj_detects_truncated_and_bad_input)
{
    const std::string data = text(300000, 8);
    const std::string frame = zstdio::compress(data);
    decompressor d;
    for (std::size_t cut : {std::size_t{1}, std::size_t{3}, std::size_t{10}, frame.size() / 2, frame.size() - 1}) {
        for (bool across : {false, true}) {
            BOOST_TEST_CONTEXT("cut at " << cut << ", across = " << across)
            {
                decompression_object obj = d.decompressobj(across);
                const std::string out = obj.decompress(frame.substr(0, cut));
                BOOST_TEST(!obj.eof());
                BOOST_TEST(out.size() <= data.size());
                BOOST_TEST((out == data.substr(0, out.size())));
                BOOST_CHECK_EXCEPTION(obj.finish(), zstd_error, is(errc::truncated_input));
                // An error from finish() leaves the object failed like any
                // other: the rest of the frame does not resume it (found by
                // the decompressobj fuzz target).
                BOOST_CHECK_EXCEPTION(obj.decompress(frame.substr(cut)), zstd_error, is(errc::truncated_input));
                BOOST_CHECK_EXCEPTION(obj.finish(), zstd_error, is(errc::truncated_input));
                BOOST_TEST(!obj.eof());
            }
        }
    }
    {
        decompression_object obj = d.decompressobj();
        BOOST_CHECK_EXCEPTION(obj.finish(), zstd_error, is(errc::not_zstd_frame));
        BOOST_CHECK_EXCEPTION(obj.decompress(frame), zstd_error, is(errc::not_zstd_frame));
    }
    {
        decompression_object obj = d.decompressobj();
        BOOST_CHECK_EXCEPTION(obj.decompress("this is not zstd data"), zstd_error, is(errc::not_zstd_frame));
    }
    {
        std::string corrupt = frame;
        corrupt[corrupt.size() / 2] ^= 0x55;
        decompression_object obj = d.decompressobj();
        BOOST_CHECK_THROW(obj.decompress(corrupt), zstd_error);
    }
    {
        std::string bad_checksum = frame;
        bad_checksum[bad_checksum.size() - 1] ^= 0x01; // the last byte is the checksum's
        decompression_object obj = d.decompressobj();
        BOOST_CHECK_EXCEPTION(obj.decompress(bad_checksum), zstd_error, is(errc::checksum_wrong));
    }
}

BOOST_AUTO_TEST_CASE(decompression_limits_apply)
{
    const std::string data = text(100000, 12);
    compressor c;
    compression_object cobj = c.compressobj(); // no content size in the header
    const std::string frame = whole_frame(cobj, data);

    zstd_params limited;
    limited.max_output_size = 50000;
    decompressor d(limited);
    {
        decompression_object obj = d.decompressobj();
        BOOST_CHECK_EXCEPTION(obj.decompress(frame), zstd_error, is(errc::output_limit_exceeded));
    }
    {
        // Counted over everything the object decodes, not per call or frame.
        decompression_object obj = d.decompressobj();
        const std::string small = zstdio::compress(data.substr(0, 30000));
        BOOST_TEST(obj.decompress(small).size() == 30000u);
        BOOST_CHECK_EXCEPTION(obj.decompress(small), zstd_error, is(errc::output_limit_exceeded));
    }
    {
        std::istringstream in(frame);
        std::ostringstream out;
        BOOST_CHECK_EXCEPTION(d.copy_stream(in, out), zstd_error, is(errc::output_limit_exceeded));
        BOOST_TEST(out.str().size() <= 50000u);
    }

    // A frame whose window is above window_log_max.
    zstd_params wide;
    wide.advanced = compression_parameters().window_log(25);
    compressor wc(wide);
    compression_object wobj = wc.compressobj();
    const std::string wide_frame = whole_frame(wobj, data);
    zstd_params narrow;
    narrow.window_log_max = 20;
    decompressor nd(narrow);
    {
        decompression_object obj = nd.decompressobj();
        BOOST_CHECK_EXCEPTION(obj.decompress(wide_frame), zstd_error, is(errc::window_too_large));
    }
    {
        std::istringstream in(wide_frame);
        std::ostringstream out;
        BOOST_CHECK_EXCEPTION(nd.copy_stream(in, out), zstd_error, is(errc::window_too_large));
    }
    BOOST_TEST((decode(wide_frame) == data)); // the default 27 accepts it
}

// ---------------------------------------------------------------------------
// copy_stream

BOOST_AUTO_TEST_CASE(copy_stream_istream_to_ostream_counts_the_bytes)
{
    for (std::size_t size : zstdio_test::interesting_sizes()) {
        BOOST_TEST_CONTEXT("size " << size)
        {
            const std::string data = text(size, static_cast<std::uint32_t>(size));
            compressor c;
            std::istringstream in(data);
            std::ostringstream out;
            const copy_result r = c.copy_stream(in, out);
            const std::string frame = out.str();
            BOOST_TEST(r.bytes_read == data.size());
            BOOST_TEST(r.bytes_written == frame.size());
            BOOST_TEST((decode(frame) == data));

            decompressor d;
            std::istringstream fin(frame);
            std::ostringstream fout;
            const copy_result back = d.copy_stream(fin, fout);
            BOOST_TEST(back.bytes_read == frame.size());
            BOOST_TEST(back.bytes_written == data.size());
            BOOST_TEST((fout.str() == data));
        }
    }
}

BOOST_AUTO_TEST_CASE(copy_stream_with_boost_devices)
{
    const std::string data = text(600000, 13);
    compressor c(1);
    decompressor d;

    // array_source -> back_insert_device, temporaries accepted.
    std::string frame;
    copy_result r = c.copy_stream(io::array_source(data.data(), data.size()),
                                  io::back_insert_device<std::string>(frame));
    BOOST_TEST(r.bytes_read == data.size());
    BOOST_TEST(r.bytes_written == frame.size());
    std::string back;
    r = d.copy_stream(io::array_source(frame.data(), frame.size()), io::back_inserter(back));
    BOOST_TEST(r.bytes_read == frame.size());
    BOOST_TEST(r.bytes_written == data.size());
    BOOST_TEST((back == data));

    // Devices that move a few bytes at a time, and at times none.
    std::string trickled;
    r = c.copy_stream(trickle_source{data}, trickle_sink{&trickled});
    BOOST_TEST(r.bytes_read == data.size());
    BOOST_TEST(r.bytes_written == trickled.size());
    back.clear();
    r = d.copy_stream(trickle_source{trickled}, trickle_sink{&back});
    BOOST_TEST(r.bytes_written == data.size());
    BOOST_TEST((back == data));

    // Files: Boost's file devices and std::fstream, file to file.
    zstdio_test::temp_dir dir;
    zstdio_test::write_file(dir.path("in"), data);
    r = c.copy_stream(io::file_source(dir.path("in"), std::ios::binary),
                      io::file_sink(dir.path("in.zst"), std::ios::binary), data.size());
    BOOST_TEST(r.bytes_read == data.size());
    const std::string file_frame = zstdio_test::read_file(dir.path("in.zst"));
    BOOST_TEST(r.bytes_written == file_frame.size());
    BOOST_TEST((zstd_cli("-d -q", file_frame) == data));
    {
        std::ifstream in(dir.path("in.zst"), std::ios::binary);
        std::ofstream out(dir.path("out"), std::ios::binary);
        r = d.copy_stream(in, out);
    }
    BOOST_TEST(r.bytes_read == file_frame.size());
    BOOST_TEST(r.bytes_written == data.size());
    BOOST_TEST((zstdio_test::read_file(dir.path("out")) == data));

    // std::stringstream (an iostream) works on both sides.
    std::stringstream src(data), dst;
    r = c.copy_stream(src, dst);
    BOOST_TEST((decode(dst.str()) == data));
}

BOOST_AUTO_TEST_CASE(copy_stream_read_and_write_sizes)
{
    const std::string data = text(200000, 14) + random_bytes(70000, 3);
    compressor c;
    decompressor d;
    for (std::size_t read_size : {1, 7, 4096, 1 << 20}) {
        for (std::size_t write_size : {1, 13, 65536}) {
            BOOST_TEST_CONTEXT("read_size " << read_size << ", write_size " << write_size)
            {
                std::string frame;
                copy_result r = c.copy_stream(io::array_source(data.data(), data.size()),
                                              io::back_inserter(frame), unknown_size, read_size, write_size);
                BOOST_TEST(r.bytes_read == data.size());
                BOOST_TEST(r.bytes_written == frame.size());
                std::string back;
                r = d.copy_stream(io::array_source(frame.data(), frame.size()), io::back_inserter(back),
                                  unknown_size, read_size, write_size);
                BOOST_TEST(r.bytes_read == frame.size());
                BOOST_TEST(r.bytes_written == data.size());
                BOOST_TEST((back == data));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(copy_stream_declared_size)
{
    const std::string data = text(400000, 15);
    compressor c;
    {
        std::istringstream in(data);
        std::ostringstream out;
        c.copy_stream(in, out, data.size());
        BOOST_TEST((decompressor().decompress(out.str()) == data)); // content size recorded
    }
    {
        // A short source.
        std::istringstream in(data);
        std::ostringstream out;
        BOOST_CHECK_EXCEPTION(c.copy_stream(in, out, data.size() + 1), zstd_error, is(errc::src_size_wrong));
    }
    {
        // A long source.
        std::istringstream in(data);
        std::ostringstream out;
        BOOST_CHECK_EXCEPTION(c.copy_stream(in, out, data.size() - 1000), zstd_error, is(errc::src_size_wrong));
    }
    {
        // The compressor is fine afterwards.
        std::istringstream in(data);
        std::ostringstream out;
        c.copy_stream(in, out);
        BOOST_TEST((decode(out.str()) == data));
    }

    // Decompressing: `size` is the content expected.
    const std::string frame = zstdio::compress(data);
    decompressor d;
    {
        std::string back;
        const copy_result r = d.copy_stream(io::array_source(frame.data(), frame.size()), io::back_inserter(back),
                                            data.size());
        BOOST_TEST(r.bytes_written == data.size());
    }
    {
        std::string back;
        BOOST_CHECK_EXCEPTION(d.copy_stream(io::array_source(frame.data(), frame.size()), io::back_inserter(back),
                                            data.size() + 1),
                              zstd_error, is(errc::src_size_wrong));
    }
    {
        std::string back;
        BOOST_CHECK_EXCEPTION(d.copy_stream(io::array_source(frame.data(), frame.size()), io::back_inserter(back),
                                            1000),
                              zstd_error, is(errc::src_size_wrong));
        BOOST_TEST(back.size() <= 1000u); // never more than expected reaches the sink
    }
}

BOOST_AUTO_TEST_CASE(copy_stream_decompression_errors)
{
    const std::string data = text(300000, 16);
    const std::string frame = zstdio::compress(data);
    decompressor d;
    auto copy = [&d](const std::string& input) {
        std::string out;
        d.copy_stream(io::array_source(input.data(), input.size()), io::back_inserter(out));
        return out;
    };
    for (std::size_t cut : {std::size_t{1}, std::size_t{5}, frame.size() / 3, frame.size() - 1})
        BOOST_CHECK_EXCEPTION(copy(frame.substr(0, cut)), zstd_error, is(errc::truncated_input));
    BOOST_CHECK_EXCEPTION(copy(frame + frame.substr(0, 20)), zstd_error, is(errc::truncated_input));
    BOOST_CHECK_EXCEPTION(copy(""), zstd_error, is(errc::not_zstd_frame));
    BOOST_CHECK_EXCEPTION(copy("not zstd at all"), zstd_error, is(errc::not_zstd_frame));
    BOOST_CHECK_EXCEPTION(copy(frame + "garbage"), zstd_error, is(errc::not_zstd_frame));

    // Every frame by default...
    BOOST_TEST((copy(frame + frame) == data + data));
    // ...or only the first zstd frame.
    zstd_params p;
    p.multi_frame = false;
    decompressor single(p);
    std::string out;
    const std::string input = frame + "ignored garbage";
    const copy_result r = single.copy_stream(io::array_source(input.data(), input.size()), io::back_inserter(out));
    BOOST_TEST((out == data));
    BOOST_TEST(r.bytes_written == data.size());
}

BOOST_AUTO_TEST_CASE(copy_stream_reports_failing_streams)
{
    const std::string data = random_bytes(100000, 1);
    compressor c;
    zstdio_test::temp_dir dir;
    {
        std::ofstream unopened(dir.path("no-such-dir/out"));
        std::istringstream in(data);
        BOOST_CHECK_THROW(c.copy_stream(in, unopened), std::ios_base::failure);
    }
    {
        std::ifstream unopened(dir.path("no-such-file"));
        std::ostringstream out;
        BOOST_CHECK_THROW(c.copy_stream(unopened, out), std::ios_base::failure);
    }
    {
        // A stream that stops taking bytes half way: an error, not a hang.
        limited_buffer buf(1000);
        std::ostream limited(&buf);
        std::istringstream in(data);
        BOOST_CHECK_THROW(c.copy_stream(in, limited), std::ios_base::failure);
        BOOST_TEST(limited.bad());
        const std::string frame = zstdio::compress(data);
        std::istringstream fin(frame);
        decompressor d;
        BOOST_CHECK_THROW(d.copy_stream(fin, limited), std::ios_base::failure);
    }
    {
        // Boost devices that never move a byte: an error, not a hang.
        std::string out;
        BOOST_CHECK_THROW(c.copy_stream(trickle_source{data}, trickle_sink{&out, true}), std::ios_base::failure);
        BOOST_CHECK_THROW(c.copy_stream(trickle_source{data, true}, trickle_sink{&out}), std::ios_base::failure);
        decompressor d;
        BOOST_CHECK_THROW(d.copy_stream(trickle_source{data, true}, trickle_sink{&out}), std::ios_base::failure);
        // A file_sink that could not open.
        std::istringstream in(data);
        BOOST_CHECK_THROW(c.copy_stream(in, io::file_sink(dir.path("no-such-dir/out"))), std::ios_base::failure);
    }
    {
        // A full array_sink.
        std::vector<char> small(100);
        std::istringstream in(data);
        BOOST_CHECK_THROW(c.copy_stream(in, io::array_sink(small.data(), small.size())), std::ios_base::failure);
    }
}
