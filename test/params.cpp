// Tests for zstdio/params.hpp: every knob's bounds, that every knob reaches
// the frame, and that frames are byte-identical to libzstd's own with the
// same parameters.
#include <zstdio/params.hpp>

#define BOOST_TEST_MODULE params
#include <boost/test/unit_test.hpp>

#include <zstdio/compressor.hpp>
#include <zstdio/error.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/frame.hpp>

#include "support/print_optional.hpp"
#include "support/support.hpp"
#include "support/thrown.hpp"

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <boost/iostreams/close.hpp>
#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <memory>
#include <stdexcept>
#include <string>

using namespace zstdio;
using knob = compression_parameters::knob;
using zstdio_test::invalid_argument_message;
using zstdio_test::text;

namespace {

struct knob_case {
    knob k;
    ZSTD_cParameter param;
};
const knob_case all_knobs[] = {
    {knob::compression_level, ZSTD_c_compressionLevel},
    {knob::window_log, ZSTD_c_windowLog},
    {knob::hash_log, ZSTD_c_hashLog},
    {knob::chain_log, ZSTD_c_chainLog},
    {knob::search_log, ZSTD_c_searchLog},
    {knob::min_match, ZSTD_c_minMatch},
    {knob::target_length, ZSTD_c_targetLength},
    {knob::strategy, ZSTD_c_strategy},
    {knob::enable_long_distance_matching, ZSTD_c_enableLongDistanceMatching},
    {knob::ldm_hash_log, ZSTD_c_ldmHashLog},
    {knob::ldm_min_match, ZSTD_c_ldmMinMatch},
    {knob::ldm_bucket_size_log, ZSTD_c_ldmBucketSizeLog},
    {knob::ldm_hash_rate_log, ZSTD_c_ldmHashRateLog},
    {knob::content_size, ZSTD_c_contentSizeFlag},
    {knob::checksum, ZSTD_c_checksumFlag},
    {knob::dict_id, ZSTD_c_dictIDFlag},
    {knob::threads, ZSTD_c_nbWorkers},
    {knob::job_size, ZSTD_c_jobSize},
    {knob::overlap_log, ZSTD_c_overlapLog},
    {knob::format, ZSTD_c_format},
    {knob::target_cblock_size, ZSTD_c_targetCBlockSize},
    {knob::rsyncable, ZSTD_c_rsyncable},
    {knob::force_max_window, ZSTD_c_forceMaxWindow},
};

struct cctx_deleter {
    void operator()(ZSTD_CCtx* c) const noexcept { ZSTD_freeCCtx(c); }
};

// What libzstd itself makes from the same (parameter, value) pairs.
std::string libzstd_frame(const std::string& data, const std::vector<std::pair<ZSTD_cParameter, int>>& params)
{
    std::unique_ptr<ZSTD_CCtx, cctx_deleter> c(ZSTD_createCCtx());
    for (const auto& [p, v] : params)
        BOOST_REQUIRE(!ZSTD_isError(ZSTD_CCtx_setParameter(c.get(), p, v)));
    std::string out(ZSTD_compressBound(data.size()), '\0');
    const std::size_t n = ZSTD_compress2(c.get(), out.data(), out.size(), data.data(), data.size());
    BOOST_REQUIRE(!ZSTD_isError(n));
    out.resize(n);
    return out;
}

// The (parameter, value) pairs for a compression_parameters, as a libzstd
// user would write them, plus zstdio's defaults (level 3, checksum on).
std::vector<std::pair<ZSTD_cParameter, int>> raw_params(const compression_parameters& cp, int level = 3)
{
    std::vector<std::pair<ZSTD_cParameter, int>> list{{ZSTD_c_compressionLevel, level}, {ZSTD_c_checksumFlag, 1}};
    for (const auto& kc : all_knobs)
        if (const auto v = cp.get(kc.k))
            list.emplace_back(kc.param, *v);
    return list;
}

zstd_params advanced(const compression_parameters& cp, int level = 3)
{
    zstd_params p(level);
    p.advanced = cp;
    return p;
}

// Long-distance repeats: 8 MiB of noise, then its 4 KiB pieces again in
// another order.  The regular match finder's small hash table has long
// forgotten most of the first copy; long-distance matching has not.
std::string far_repeats()
{
    const std::string noise = zstdio_test::random_bytes(8 << 20, 7);
    std::string data = noise;
    const std::size_t piece = 4096, pieces = noise.size() / piece;
    for (std::size_t i = 0; i < pieces; ++i)
        data.append(noise, (i * 7919) % pieces * piece, piece);
    return data;
}

} // namespace

BOOST_AUTO_TEST_CASE(bounds_are_libzstds_and_rejected_one_past_each_edge)
{
    for (const auto& kc : all_knobs) {
        const char* name = compression_parameters::name(kc.k);
        BOOST_TEST_CONTEXT(name)
        {
            const ZSTD_bounds b = ZSTD_cParam_getBounds(kc.param);
            BOOST_REQUIRE(!ZSTD_isError(b.error));
            const parameter_bounds ours = compression_parameters::bounds(kc.k);
            BOOST_TEST(ours.min == b.lowerBound);
            BOOST_TEST(ours.max == b.upperBound);

            compression_parameters p;
            BOOST_TEST(!p.get(kc.k));
            p.set(kc.k, b.lowerBound);
            BOOST_TEST(p.get(kc.k) == b.lowerBound);
            p.set(kc.k, b.upperBound);
            BOOST_TEST(p.get(kc.k) == b.upperBound);
            p.unset(kc.k);
            BOOST_TEST(!p.get(kc.k));

            const std::string range =
                "[" + std::to_string(b.lowerBound) + ", " + std::to_string(b.upperBound) + "]";
            for (int bad : {b.lowerBound - 1, b.upperBound + 1}) {
                if ((bad < b.lowerBound) != (b.lowerBound - 1 < b.lowerBound))
                    continue; // overflow at INT_MIN/INT_MAX
                const std::string what = invalid_argument_message([&] { p.set(kc.k, bad); });
                BOOST_TEST(what.find(name) != std::string::npos, what);
                BOOST_TEST(what.find(range) != std::string::npos, what);
                BOOST_TEST(!p.get(kc.k)); // a refused value leaves the knob alone
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(named_setters_and_getters)
{
    compression_parameters p;
    p.window_log(24).hash_log(20).chain_log(21).search_log(5).min_match(4).target_length(64).strategy(
        strategy::btopt);
    BOOST_TEST(p.window_log() == 24);
    BOOST_TEST(p.hash_log() == 20);
    BOOST_TEST(p.chain_log() == 21);
    BOOST_TEST(p.search_log() == 5);
    BOOST_TEST(p.min_match() == 4);
    BOOST_TEST(p.target_length() == 64);
    BOOST_TEST(int(p.strategy()) == int(ZSTD_btopt));
    p.enable_long_distance_matching(true).ldm_hash_log(20).ldm_min_match(64).ldm_bucket_size_log(4).ldm_hash_rate_log(
        7);
    BOOST_TEST(p.enable_long_distance_matching());
    BOOST_TEST(*p.get(knob::enable_long_distance_matching) == int(ZSTD_ps_enable));
    p.enable_long_distance_matching(false);
    BOOST_TEST(!p.enable_long_distance_matching());
    BOOST_TEST(*p.get(knob::enable_long_distance_matching) == int(ZSTD_ps_disable));
    BOOST_TEST(p.ldm_hash_log() == 20);
    BOOST_TEST(p.ldm_min_match() == 64);
    BOOST_TEST(p.ldm_bucket_size_log() == 4);
    BOOST_TEST(p.ldm_hash_rate_log() == 7);
    p.content_size(false).checksum(false).dict_id(false).threads(2).job_size(1 << 20).overlap_log(5);
    BOOST_TEST(!p.content_size());
    BOOST_TEST(p.get(knob::checksum) == 0);
    BOOST_TEST(p.threads() == 2);
    BOOST_TEST(p.job_size() == (1 << 20));
    BOOST_TEST(p.overlap_log() == 5);
    p.format(frame_format::magicless).target_cblock_size(1024).rsyncable(true).force_max_window(true);
    BOOST_TEST(int(p.format()) == int(ZSTD_f_zstd1_magicless));
    BOOST_TEST(p.target_cblock_size() == 1024);
    BOOST_TEST(p.rsyncable());
    BOOST_TEST(p.force_max_window());
    BOOST_CHECK_THROW(p.window_log(ZSTD_WINDOWLOG_MAX + 1), std::invalid_argument);
    BOOST_TEST(p.window_log() == 24);
    // Copies are values.
    compression_parameters q = p;
    BOOST_TEST((q == p));
    q.unset(knob::window_log);
    BOOST_TEST((q != p));
}

BOOST_AUTO_TEST_CASE(enums_and_constants_match_libzstd)
{
    BOOST_TEST(int(strategy::fast) == int(ZSTD_fast));
    BOOST_TEST(int(strategy::dfast) == int(ZSTD_dfast));
    BOOST_TEST(int(strategy::lazy2) == int(ZSTD_lazy2));
    BOOST_TEST(int(strategy::btultra2) == int(ZSTD_btultra2));
    BOOST_TEST(int(frame_format::magicless) == int(ZSTD_f_zstd1_magicless));
    BOOST_TEST(version_number() == ZSTD_versionNumber());
    BOOST_TEST(version_string() == ZSTD_versionString());
    BOOST_TEST(compiled_version_number() == unsigned(ZSTD_VERSION_NUMBER));
    BOOST_TEST(min_compression_level() == ZSTD_minCLevel());
    BOOST_TEST(max_compression_level() == ZSTD_maxCLevel());
    BOOST_TEST(default_compression_level() == ZSTD_defaultCLevel());
    BOOST_TEST(zstd::best_compression == ZSTD_maxCLevel());
    BOOST_TEST(compression_input_size() == ZSTD_CStreamInSize());
    BOOST_TEST(compression_output_size() == ZSTD_CStreamOutSize());
    BOOST_TEST(decompression_input_size() == ZSTD_DStreamInSize());
    BOOST_TEST(decompression_output_size() == ZSTD_DStreamOutSize());
    BOOST_TEST(magic_number == unsigned(ZSTD_MAGICNUMBER));
    BOOST_TEST(skippable_magic_start == unsigned(ZSTD_MAGIC_SKIPPABLE_START));
    const std::string frame = compress("x");
    BOOST_TEST(frame.substr(0, 4) == std::string(frame_header));
}

BOOST_AUTO_TEST_CASE(from_level_is_get_compression_parameters)
{
    for (int level : {-5, 1, 3, 9, 19, 22}) {
        for (std::uint64_t size : {std::uint64_t{1000}, std::uint64_t{200000}, unknown_size}) {
            for (std::size_t dict : {std::size_t{0}, std::size_t{16384}}) {
                const auto p = compression_parameters::from_level(level, size, dict);
                const ZSTD_compressionParameters c =
                    ZSTD_getCParams(level, size == unknown_size ? ZSTD_CONTENTSIZE_UNKNOWN : size, dict);
                BOOST_TEST(p.compression_level() == level);
                BOOST_TEST(p.window_log() == int(c.windowLog));
                BOOST_TEST(p.chain_log() == int(c.chainLog));
                BOOST_TEST(p.hash_log() == int(c.hashLog));
                BOOST_TEST(p.search_log() == int(c.searchLog));
                BOOST_TEST(p.min_match() == int(c.minMatch));
                BOOST_TEST(p.target_length() == int(c.targetLength));
                BOOST_TEST(int(p.strategy()) == int(c.strategy));
                BOOST_TEST(!p.get(knob::checksum)); // only the match finder is fixed
            }
        }
    }
    BOOST_CHECK_THROW(compression_parameters::from_level(ZSTD_maxCLevel() + 1), std::invalid_argument);
    // Parameters from a level compress exactly as that level does.
    const std::string data = text(300000);
    BOOST_TEST(compress(data, advanced(compression_parameters::from_level(19, data.size()), 19)) ==
               compress(data, zstd_params(19)));
}

BOOST_AUTO_TEST_CASE(frames_identical_to_libzstd)
{
    const std::string data = text(1 << 20) + zstdio_test::random_bytes(100000) + text(300000, 5);
    std::vector<compression_parameters> sets;
    sets.push_back(compression_parameters());
    sets.push_back(compression_parameters::from_level(7));
    sets.push_back(compression_parameters().window_log(18).strategy(strategy::lazy2).search_log(4));
    sets.push_back(compression_parameters().hash_log(12).chain_log(13).min_match(7).target_length(32));
    sets.push_back(compression_parameters().strategy(strategy::btultra2).target_length(999));
    sets.push_back(compression_parameters().enable_long_distance_matching(true).window_log(24).ldm_hash_log(18)
                       .ldm_min_match(32).ldm_bucket_size_log(2).ldm_hash_rate_log(5));
    sets.push_back(compression_parameters().enable_long_distance_matching(false).window_log(27).strategy(
        strategy::btopt));
    sets.push_back(compression_parameters().content_size(false).checksum(false).dict_id(false));
    sets.push_back(compression_parameters().threads(2).job_size(512 * 1024).overlap_log(3));
    sets.push_back(compression_parameters().threads(2).rsyncable(true));
    sets.push_back(compression_parameters().format(frame_format::magicless));
    sets.push_back(compression_parameters().target_cblock_size(1500));
    sets.push_back(compression_parameters().force_max_window(true).window_log(21));
    sets.push_back(compression_parameters().compression_level(-3));
    int index = 0;
    for (const auto& cp : sets) {
        BOOST_TEST_CONTEXT("parameter set " << index++)
        {
            const std::string ours = compressor(advanced(cp)).compress(data);
            BOOST_TEST((ours == libzstd_frame(data, raw_params(cp))));
        }
    }
    // zstd_params' own fields are the same knobs.
    zstd_params p(12);
    p.checksum = false;
    p.content_size = false;
    p.threads = 2;
    BOOST_TEST((compress(data, p) == libzstd_frame(data, {{ZSTD_c_compressionLevel, 12},
                                                          {ZSTD_c_checksumFlag, 0},
                                                          {ZSTD_c_contentSizeFlag, 0},
                                                          {ZSTD_c_nbWorkers, 2}})));
}

BOOST_AUTO_TEST_CASE(knobs_reach_the_frame)
{
    const std::string data = text(3 << 20);
    // checksum and content size flags, via zstd_params and via advanced.
    for (bool on : {false, true}) {
        zstd_params p;
        p.checksum = on;
        p.content_size = on;
        frame_parameters f = get_frame_parameters(compress(data, p));
        BOOST_TEST(f.has_checksum == on);
        BOOST_TEST(f.content_size.has_value() == on);
        f = get_frame_parameters(compress(data, advanced(compression_parameters().checksum(on).content_size(on))));
        BOOST_TEST(f.has_checksum == on);
        BOOST_TEST(f.content_size.has_value() == on);
    }
    // window_log, in the filter's frame too (streamed: no content size).
    for (int wl : {12, 19, 21}) { // below the 3 MiB input: larger windows shrink to it
        const zstd_params p = advanced(compression_parameters().window_log(wl));
        BOOST_TEST(get_frame_parameters(compress(data, p)).window_size == (std::uint64_t{1} << wl));
        std::string streamed;
        {
            boost::iostreams::filtering_ostream out;
            out.push(zstd_compressor(p));
            out.push(boost::iostreams::back_inserter(streamed));
            out.write(data.data(), static_cast<std::streamsize>(data.size()));
        }
        const frame_parameters f = get_frame_parameters(streamed);
        BOOST_TEST(f.window_size == (std::uint64_t{1} << wl));
        BOOST_TEST(!f.content_size);
        BOOST_TEST(decompressor().decompress(streamed, data.size()).size() == data.size());
    }
    // A strategy change changes the frame; a fast level is bigger than a slow one.
    BOOST_TEST(compress(data, advanced(compression_parameters().strategy(strategy::fast))).size() >
               compress(data, advanced(compression_parameters().strategy(strategy::btultra2))).size());
}

BOOST_AUTO_TEST_CASE(magicless_needs_the_magicless_decoder)
{
    const std::string data = text(100000);
    for (const zstd_params& writer : {[] {
                                          zstd_params p;
                                          p.format = frame_format::magicless;
                                          return p;
                                      }(),
                                      advanced(compression_parameters().format(frame_format::magicless))}) {
        const std::string frame = compress(data, writer);
        BOOST_TEST(frame.substr(0, 4) != std::string(frame_header));
        try {
            decompress(frame);
            BOOST_FAIL("a standard decoder read a magicless frame");
        } catch (const zstd_error& e) {
            BOOST_TEST(int(e.condition()) == int(errc::not_zstd_frame));
        }
        zstd_params reader;
        reader.format = frame_format::magicless;
        BOOST_TEST(decompress(frame, reader) == data);
        // And the magicless decoder refuses standard frames.
        BOOST_CHECK_THROW(decompress(compress(data), reader), zstd_error);
        // Through a filter too.
        std::string out;
        {
            boost::iostreams::filtering_ostream os;
            os.push(zstd_decompressor(reader));
            os.push(boost::iostreams::back_inserter(out));
            os.write(frame.data(), static_cast<std::streamsize>(frame.size()));
        }
        BOOST_TEST(out == data);
    }
}

BOOST_AUTO_TEST_CASE(long_distance_matching_finds_far_repeats)
{
    const std::string data = far_repeats();
    const auto base = compression_parameters().window_log(24);
    const std::size_t off = compress(data, advanced(compression_parameters(base).enable_long_distance_matching(false), 1)).size();
    const std::string on_frame = compress(data, advanced(compression_parameters(base).enable_long_distance_matching(true), 1));
    BOOST_TEST_MESSAGE("ldm off " << off << " bytes, on " << on_frame.size());
    BOOST_TEST(on_frame.size() * 10 < off * 7); // the second copy nearly vanishes
    BOOST_TEST(decompress(on_frame) == data);
}

BOOST_AUTO_TEST_CASE(threads_compress_in_parallel_and_round_trip)
{
    const std::string data = text(8 << 20);
    compressor c(advanced(compression_parameters().threads(2).job_size(1 << 20)));
    const std::string frame = c.compress(data);
    BOOST_TEST(decompress(frame) == data);
    // Single-threaded frames differ: the worker split is visible in the output.
    BOOST_TEST((frame != compress(data)));
    zstd_params all;
    all.threads = -1;
    BOOST_TEST(decompress(compress(data, all)) == data);
}

BOOST_AUTO_TEST_CASE(levels_out_of_range)
{
    BOOST_CHECK_THROW(compressor(zstd_params(ZSTD_maxCLevel() + 1)), std::invalid_argument);
    BOOST_CHECK_THROW(compressor(zstd_params(ZSTD_minCLevel() - 1)), std::invalid_argument);
    zstd_params p;
    p.window_log_max = ZSTD_WINDOWLOG_MAX + 1;
    BOOST_CHECK_THROW(decompressor{p}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(window_log_max_limits_the_streaming_decoder)
{
    const std::string data = text(3 << 20);
    const std::string frame = compress(data, advanced(compression_parameters().window_log(21)));
    const auto stream_decode = [&](int window_log_max) {
        zstd_params p;
        p.window_log_max = window_log_max;
        std::string out;
        boost::iostreams::filtering_ostream os;
        os.push(zstd_decompressor(p));
        os.push(boost::iostreams::back_inserter(out));
        os.write(frame.data(), static_cast<std::streamsize>(frame.size()));
        boost::iostreams::close(os);
        return out;
    };
    try {
        stream_decode(20);
        BOOST_FAIL("window above window_log_max accepted");
    } catch (const zstd_error& e) {
        BOOST_TEST(int(e.condition()) == int(errc::window_too_large));
        BOOST_TEST(std::string(e.what()).find("2 MiB") != std::string::npos, e.what());
    }
    BOOST_TEST(stream_decode(21) == data);
}

BOOST_AUTO_TEST_CASE(context_size_estimates)
{
    const std::size_t small = compression_parameters().window_log(14).estimated_context_size();
    const std::size_t large = compression_parameters().window_log(24).estimated_context_size();
    BOOST_TEST(small > 0u);
    BOOST_TEST(small < large);
    BOOST_TEST(compression_parameters::from_level(19).estimated_context_size() >
               compression_parameters::from_level(1).estimated_context_size());
    // Equal to libzstd's own estimate for a level.
    BOOST_TEST(compression_parameters::from_level(5).estimated_context_size() == ZSTD_estimateCCtxSize(5));
    // Threads do not make it fail.
    BOOST_TEST(compression_parameters().threads(2).estimated_context_size() > 0u);
    BOOST_TEST(estimate_decompression_context_size(20) < estimate_decompression_context_size(27));
    BOOST_TEST(estimate_decompression_context_size() == ZSTD_estimateDStreamSize(std::size_t{1} << 27));
    BOOST_CHECK_THROW(estimate_decompression_context_size(ZSTD_WINDOWLOG_MAX + 1), std::invalid_argument);
}
