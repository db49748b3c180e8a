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

#include <functional>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <limits>
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
    {knob::literal_compression_mode, ZSTD_c_literalCompressionMode},
    {knob::src_size_hint, ZSTD_c_srcSizeHint},
    {knob::enable_dedicated_dict_search, ZSTD_c_enableDedicatedDictSearch},
    {knob::use_block_splitter, ZSTD_c_useBlockSplitter},
    {knob::use_row_match_finder, ZSTD_c_useRowMatchFinder},
    {knob::deterministic_ref_prefix, ZSTD_c_deterministicRefPrefix},
    {knob::prefetch_cdict_tables, ZSTD_c_prefetchCDictTables},
    {knob::max_block_size, ZSTD_c_maxBlockSize},
};
static_assert(std::size(all_knobs) == compression_parameters::knob_count, "a knob missing from all_knobs");

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

// A frame's blocks, from its header on: each block's type and the size field
// of its header (content bytes for raw and RLE blocks, compressed bytes for
// compressed ones).
struct block {
    int type; // 0 raw, 1 RLE, 2 compressed
    std::size_t size;
};
std::vector<block> blocks_of(const std::string& frame)
{
    std::vector<block> blocks;
    std::size_t pos = frame_header_size(frame);
    for (bool last = false; !last;) {
        BOOST_REQUIRE(pos + 3 <= frame.size());
        const auto byte = [&](std::size_t i) { return std::uint32_t{static_cast<unsigned char>(frame[pos + i])}; };
        const std::uint32_t header = byte(0) | byte(1) << 8 | byte(2) << 16;
        last = header & 1;
        const block b{static_cast<int>(header >> 1 & 3), header >> 3};
        pos += 3 + (b.type == 1 ? 1 : b.size);
        blocks.push_back(b);
    }
    return blocks;
}

// A frame streamed with compressobj(): no pledged size, so libzstd picks its
// parameters without knowing the size.
std::string streamed(const std::string& data, const zstd_params& p)
{
    compressor c(p);
    compression_object obj = c.compressobj();
    std::string frame = obj.compress(data);
    frame += obj.flush();
    return frame;
}

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
            for (const long long wide : {static_cast<long long>(b.lowerBound) - 1,
                                         static_cast<long long>(b.upperBound) + 1}) {
                if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
                    continue; // no int lies outside a bound at INT_MIN / INT_MAX (src_size_hint)
                const int bad = static_cast<int>(wide);
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
    p.literal_compression_mode(parameter_switch::disable)
        .src_size_hint(1 << 20)
        .enable_dedicated_dict_search(true)
        .use_block_splitter(parameter_switch::enable)
        .use_row_match_finder(parameter_switch::disable)
        .deterministic_ref_prefix(true)
        .prefetch_cdict_tables(parameter_switch::enable)
        .max_block_size(4096);
    BOOST_TEST(int(p.literal_compression_mode()) == int(ZSTD_ps_disable));
    BOOST_TEST(p.src_size_hint() == (1 << 20));
    BOOST_TEST(p.enable_dedicated_dict_search());
    BOOST_TEST(int(p.use_block_splitter()) == int(ZSTD_ps_enable));
    BOOST_TEST(int(p.use_row_match_finder()) == int(ZSTD_ps_disable));
    BOOST_TEST(p.deterministic_ref_prefix());
    BOOST_TEST(int(p.prefetch_cdict_tables()) == int(ZSTD_ps_enable));
    BOOST_TEST(p.max_block_size() == 4096);
    // Unset switches read `automatic`, libzstd's default.
    BOOST_TEST(int(compression_parameters().use_row_match_finder()) == int(parameter_switch::automatic));
    // Named setters check bounds too, naming the knob.
    for (const auto& set_bad : std::vector<std::function<void()>>{
             [&] { p.max_block_size(1023); },
             [&] { p.max_block_size(ZSTD_BLOCKSIZE_MAX + 1); },
             [&] { p.src_size_hint(-1); },
             [&] { p.literal_compression_mode(static_cast<parameter_switch>(3)); },
             [&] { p.use_block_splitter(static_cast<parameter_switch>(-1)); },
             [&] { p.use_row_match_finder(static_cast<parameter_switch>(3)); },
             [&] { p.prefetch_cdict_tables(static_cast<parameter_switch>(3)); },
         })
        BOOST_TEST(invalid_argument_message(set_bad).find("out of range") != std::string::npos);
    BOOST_TEST(invalid_argument_message([&] { p.max_block_size(100); }) ==
               "zstdio: max_block_size = 100 is out of range [1024, 131072]");
    BOOST_TEST(p.max_block_size() == 4096); // refused values change nothing
    BOOST_TEST(int(p.literal_compression_mode()) == int(ZSTD_ps_disable));
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
    BOOST_TEST(int(parameter_switch::automatic) == int(ZSTD_ps_auto));
    BOOST_TEST(int(parameter_switch::enable) == int(ZSTD_ps_enable));
    BOOST_TEST(int(parameter_switch::disable) == int(ZSTD_ps_disable));
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
    sets.push_back(compression_parameters().literal_compression_mode(parameter_switch::disable));
    sets.push_back(
        compression_parameters().compression_level(-3).literal_compression_mode(parameter_switch::enable));
    sets.push_back(compression_parameters().src_size_hint(5000)); // the size is known: no effect
    sets.push_back(compression_parameters().compression_level(7).use_row_match_finder(parameter_switch::disable));
    sets.push_back(compression_parameters().compression_level(7).use_row_match_finder(parameter_switch::enable));
    sets.push_back(compression_parameters().use_block_splitter(parameter_switch::enable));
    sets.push_back(compression_parameters().compression_level(17).use_block_splitter(parameter_switch::disable));
    sets.push_back(compression_parameters().deterministic_ref_prefix(true).prefetch_cdict_tables(
        parameter_switch::enable));
    sets.push_back(compression_parameters().enable_dedicated_dict_search(true));
    sets.push_back(compression_parameters().max_block_size(3000));
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

// Every knob, set to a value other than libzstd's default, is what libzstd's
// context then holds: the knobs whose effect a frame cannot show
// (deterministic_ref_prefix, prefetch_cdict_tables) reach libzstd too.
BOOST_AUTO_TEST_CASE(every_knob_reaches_the_libzstd_context)
{
    for (const auto& kc : all_knobs) {
        BOOST_TEST_CONTEXT(compression_parameters::name(kc.k))
        {
            const parameter_bounds b = compression_parameters::bounds(kc.k);
            const int value = b.max == 1 ? 1 : b.max - 1; // not 0 (unset) nor a flag's default
            zstd_params p;
            p.advanced = compression_parameters().set(kc.k, value);
            BOOST_TEST(detail::compression_context(p).parameter(kc.param) == value);
        }
    }
}

BOOST_AUTO_TEST_CASE(literal_compression_mode_reaches_the_frame)
{
    const std::string data = text(1 << 20);
    const std::size_t automatic = compress(data).size();
    const std::string plain =
        compress(data, advanced(compression_parameters().literal_compression_mode(parameter_switch::disable)));
    BOOST_TEST_MESSAGE("level 3: literals compressed " << automatic << " bytes, not compressed " << plain.size());
    BOOST_TEST(plain.size() > automatic); // the literals are stored as they are
    BOOST_TEST(decompress(plain) == data);
    // Negative levels leave literals alone unless told.
    const std::size_t fast = compress(data, zstd_params(-5)).size();
    const std::string fast_huffman =
        compress(data, advanced(compression_parameters().literal_compression_mode(parameter_switch::enable), -5));
    BOOST_TEST_MESSAGE("level -5: " << fast << " bytes, with literals compressed " << fast_huffman.size());
    BOOST_TEST(fast_huffman.size() < fast);
    BOOST_TEST(decompress(fast_huffman) == data);
}

BOOST_AUTO_TEST_CASE(row_match_finder_reaches_the_frame)
{
    const std::string data = text(2 << 20, 3);
    const auto with = [&](parameter_switch s) {
        return compress(data, advanced(compression_parameters().use_row_match_finder(s), 7));
    };
    const std::string rows = with(parameter_switch::enable);
    const std::string chains = with(parameter_switch::disable);
    BOOST_TEST((rows != chains)); // two different match finders
    BOOST_TEST((rows == compress(data, zstd_params(7)))); // level 7's default on x86/ARM SIMD
    BOOST_TEST(decompress(rows) == data);
    BOOST_TEST(decompress(chains) == data);
}

BOOST_AUTO_TEST_CASE(src_size_hint_sizes_a_streamed_frame)
{
    const std::string data = text(300000, 4);
    const zstd_params plain; // level 3, size unknown: a 2 MiB window
    const std::string unhinted = streamed(data, plain);
    BOOST_TEST(get_frame_parameters(unhinted).window_size == std::uint64_t{1} << 21);
    for (int hint : {1000, 50000, 300000}) {
        BOOST_TEST_CONTEXT("hint " << hint)
        {
            const std::string hinted = streamed(data, advanced(compression_parameters().src_size_hint(hint)));
            const frame_parameters f = get_frame_parameters(hinted);
            BOOST_TEST(!f.content_size);
            // libzstd sizes the window for the hint, as if the size were known.
            const ZSTD_compressionParameters c = ZSTD_getCParams(3, static_cast<unsigned long long>(hint), 0);
            BOOST_TEST(f.window_size == std::uint64_t{1} << c.windowLog);
            BOOST_TEST(f.window_size < get_frame_parameters(unhinted).window_size);
            BOOST_TEST(decompressor().decompress(hinted, data.size()) == data);
        }
    }
    // A known size wins over the hint.
    BOOST_TEST((compress(data, advanced(compression_parameters().src_size_hint(1000))) == compress(data)));
}

BOOST_AUTO_TEST_CASE(block_splitter_reaches_the_frame)
{
    // Text, noise and other text: blocks worth splitting where it changes.
    const std::string data = text(400000, 5) + zstdio_test::random_bytes(50000, 5) + text(300000, 6);
    const auto with = [&](parameter_switch s, int level) {
        return compress(data, advanced(compression_parameters().use_block_splitter(s), level));
    };
    const std::string split19 = with(parameter_switch::enable, 19);
    const std::string whole19 = with(parameter_switch::disable, 19);
    BOOST_TEST((split19 != whole19));
    BOOST_TEST((split19 == compress(data, zstd_params(19)))); // on by default at level 19
    BOOST_TEST(decompress(whole19) == data);
    const std::string split3 = with(parameter_switch::enable, 3);
    BOOST_TEST((split3 != compress(data))); // off by default at level 3
    BOOST_TEST(decompress(split3) == data);
}

BOOST_AUTO_TEST_CASE(max_block_size_bounds_every_block)
{
    const std::string noise = zstdio_test::random_bytes(65536, 8);
    const std::string small = compress(noise, advanced(compression_parameters().max_block_size(4096)));
    const std::vector<block> blocks = blocks_of(small);
    BOOST_TEST(blocks.size() == 16u);
    for (const block& b : blocks) {
        BOOST_TEST(b.type == 0); // raw: the size field is the content size
        BOOST_TEST(b.size == 4096u);
    }
    BOOST_TEST(blocks_of(compress(noise)).size() == 1u);
    BOOST_TEST(decompress(small) == noise);
    // Compressible data too: at least one block per 1024 bytes.
    const std::string data = text(100000, 9);
    const std::string frame = compress(data, advanced(compression_parameters().max_block_size(1024)));
    BOOST_TEST(blocks_of(frame).size() >= data.size() / 1024);
    BOOST_TEST(decompress(frame) == data);
}

// What a libzstd user writes for a dictionary digested with full parameters.
std::string libzstd_dict_frame(const std::string& data, const std::string& dict,
                               const std::vector<std::pair<ZSTD_cParameter, int>>& params)
{
    struct params_deleter {
        void operator()(ZSTD_CCtx_params* p) const noexcept { ZSTD_freeCCtxParams(p); }
    };
    struct cdict_deleter {
        void operator()(ZSTD_CDict* d) const noexcept { ZSTD_freeCDict(d); }
    };
    std::unique_ptr<ZSTD_CCtx_params, params_deleter> cp(ZSTD_createCCtxParams());
    for (const auto& [p, v] : params)
        BOOST_REQUIRE(!ZSTD_isError(ZSTD_CCtxParams_setParameter(cp.get(), p, v)));
    std::unique_ptr<ZSTD_CDict, cdict_deleter> cdict(ZSTD_createCDict_advanced2(
        dict.data(), dict.size(), ZSTD_dlm_byCopy, ZSTD_dct_rawContent, cp.get(), ZSTD_defaultCMem));
    BOOST_REQUIRE(cdict);
    std::unique_ptr<ZSTD_CCtx, cctx_deleter> c(ZSTD_createCCtx());
    for (const auto& [p, v] : params)
        BOOST_REQUIRE(!ZSTD_isError(ZSTD_CCtx_setParameter(c.get(), p, v)));
    BOOST_REQUIRE(!ZSTD_isError(ZSTD_CCtx_refCDict(c.get(), cdict.get())));
    std::string out(ZSTD_compressBound(data.size()), '\0');
    const std::size_t n = ZSTD_compress2(c.get(), out.data(), out.size(), data.data(), data.size());
    BOOST_REQUIRE(!ZSTD_isError(n));
    out.resize(n);
    return out;
}

BOOST_AUTO_TEST_CASE(dedicated_dict_search_reaches_the_dictionary)
{
    const std::string sample = text(100000, 12);
    const std::string data = sample.substr(5000, 20000) + text(20000, 13);
    for (int level : {5, 7, 9}) { // greedy, lazy, lazy2: the strategies that have it
        BOOST_TEST_CONTEXT("level " << level)
        {
            zstd_params p(level);
            p.dict = zstd_dict(sample, dict_type::raw_content);
            const std::string normal = compress(data, p);
            p.advanced = compression_parameters().enable_dedicated_dict_search(true);
            const std::string dedicated = compress(data, p);
            BOOST_TEST((dedicated != normal));
            BOOST_TEST(decompress(dedicated, p) == data);
            BOOST_TEST((dedicated == libzstd_dict_frame(data, sample,
                                                        {{ZSTD_c_compressionLevel, level},
                                                         {ZSTD_c_checksumFlag, 1},
                                                         {ZSTD_c_enableDedicatedDictSearch, 1}})));
        }
    }
}

BOOST_AUTO_TEST_CASE(speed_only_dictionary_knobs_keep_the_frame)
{
    // deterministic_ref_prefix and prefetch_cdict_tables change how libzstd
    // works, not what it writes (that they reach it is checked above).
    const std::string sample = text(100000, 14);
    const std::string data = sample.substr(1000, 30000) + text(30000, 15);
    zstd_params plain(3);
    plain.dict = zstd_dict(sample, dict_type::raw_content);
    zstd_params p = plain;
    p.advanced =
        compression_parameters().deterministic_ref_prefix(true).prefetch_cdict_tables(parameter_switch::enable);
    BOOST_TEST((compress(data, p) == compress(data, plain)));
    BOOST_TEST((streamed(data, p) == streamed(data, plain)));
    BOOST_TEST(decompress(compress(data, p), p) == data);
}

// --- decompression_parameters ------------------------------------------------

namespace {

using dknob = decompression_parameters::knob;

struct dknob_case {
    dknob k;
    ZSTD_dParameter param;
    bool inverted; // verify_checksum: 1 = check, libzstd's forceIgnoreChecksum: 1 = skip
};
const dknob_case all_dknobs[] = {
    {dknob::window_log_max, ZSTD_d_windowLogMax, false},
    {dknob::format, ZSTD_d_format, false},
    {dknob::verify_checksum, ZSTD_d_forceIgnoreChecksum, true},
    {dknob::ref_multiple_ddicts, ZSTD_d_refMultipleDDicts, false},
    {dknob::disable_huffman_assembly, ZSTD_d_disableHuffmanAssembly, false},
};
static_assert(std::size(all_dknobs) == decompression_parameters::knob_count, "a knob missing from all_dknobs");

zstd_params decoding(const decompression_parameters& d)
{
    zstd_params p;
    p.advanced_decompression = d;
    return p;
}

int libzstd_setting(const zstd_params& p, ZSTD_dParameter param)
{
    return detail::decompression_context(p).parameter(param);
}

} // namespace

BOOST_AUTO_TEST_CASE(decompression_bounds_are_libzstds_and_rejected_one_past_each_edge)
{
    for (const auto& kc : all_dknobs) {
        const char* name = decompression_parameters::name(kc.k);
        BOOST_TEST_CONTEXT(name)
        {
            const ZSTD_bounds b = ZSTD_dParam_getBounds(kc.param);
            BOOST_REQUIRE(!ZSTD_isError(b.error));
            const parameter_bounds ours = decompression_parameters::bounds(kc.k);
            BOOST_TEST(ours.min == (kc.inverted ? 1 - b.upperBound : b.lowerBound));
            BOOST_TEST(ours.max == (kc.inverted ? 1 - b.lowerBound : b.upperBound));

            decompression_parameters p;
            BOOST_TEST(!p.get(kc.k));
            p.set(kc.k, ours.min);
            BOOST_TEST(p.get(kc.k) == ours.min);
            p.set(kc.k, ours.max);
            BOOST_TEST(p.get(kc.k) == ours.max);
            p.unset(kc.k);
            BOOST_TEST(!p.get(kc.k));
            for (int bad : {ours.min - 1, ours.max + 1}) {
                const std::string what = invalid_argument_message([&] { p.set(kc.k, bad); });
                BOOST_TEST(what == "zstdio: " + std::string(name) + " = " + std::to_string(bad) +
                                       " is out of range [" + std::to_string(ours.min) + ", " +
                                       std::to_string(ours.max) + "]");
                BOOST_TEST(!p.get(kc.k));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(decompression_named_setters_and_getters)
{
    decompression_parameters d;
    BOOST_TEST(d.window_log_max() == 0); // 0 = not set
    d.window_log_max(30).format(frame_format::magicless).verify_checksum(false).ref_multiple_ddicts(true)
        .disable_huffman_assembly(true);
    BOOST_TEST(d.window_log_max() == 30);
    BOOST_TEST(int(d.format()) == int(ZSTD_f_zstd1_magicless));
    BOOST_TEST(!d.verify_checksum());
    BOOST_TEST(d.get(dknob::verify_checksum) == 0);
    BOOST_TEST(d.ref_multiple_ddicts());
    BOOST_TEST(d.disable_huffman_assembly());
    BOOST_TEST(invalid_argument_message([&] { d.window_log_max(ZSTD_WINDOWLOG_MAX + 1); }).find("window_log_max") !=
               std::string::npos);
    BOOST_TEST(invalid_argument_message([&] { d.format(static_cast<frame_format>(2)); }) ==
               "zstdio: format = 2 is out of range [0, 1]");
    BOOST_TEST(d.window_log_max() == 30);
    decompression_parameters e = d;
    BOOST_TEST((e == d));
    e.unset(dknob::format);
    BOOST_TEST((e != d));
    BOOST_TEST(std::string(decompression_parameters::name(dknob::disable_huffman_assembly)) ==
               "disable_huffman_assembly");
}

// Each knob set to a value other than libzstd's default is what the libzstd
// context then holds; ref_multiple_ddicts and disable_huffman_assembly change
// nothing a single-dictionary decoder can show, so this is their check.
BOOST_AUTO_TEST_CASE(every_decompression_knob_reaches_the_libzstd_context)
{
    for (const auto& kc : all_dknobs) {
        BOOST_TEST_CONTEXT(decompression_parameters::name(kc.k))
        {
            const parameter_bounds b = decompression_parameters::bounds(kc.k);
            // Not libzstd's default: a window limit other than 27, the
            // other value of each flag.
            const int value = kc.k == dknob::window_log_max ? b.max - 1 : kc.inverted ? 0 : 1;
            const int got = libzstd_setting(decoding(decompression_parameters().set(kc.k, value)), kc.param);
            BOOST_TEST(got == (kc.inverted ? 1 - value : value));
        }
    }
    // Unset, the zstd_params fields are what libzstd holds.
    zstd_params p;
    p.window_log_max = 22;
    p.verify_checksum = false;
    BOOST_TEST(libzstd_setting(p, ZSTD_d_windowLogMax) == 22);
    BOOST_TEST(libzstd_setting(p, ZSTD_d_forceIgnoreChecksum) == int(ZSTD_d_ignoreChecksum));
    BOOST_TEST(libzstd_setting(zstd_params(), ZSTD_d_refMultipleDDicts) == int(ZSTD_rmd_refSingleDDict));
    // With a dictionary too: the knob is applied before the dictionary is
    // referenced, as libzstd requires for its multiple-dictionary table.
    zstd_params with_dict = decoding(decompression_parameters().ref_multiple_ddicts(true));
    const std::string sample = text(20000, 21);
    with_dict.dict = zstd_dict(sample, dict_type::raw_content);
    BOOST_TEST(libzstd_setting(with_dict, ZSTD_d_refMultipleDDicts) == int(ZSTD_rmd_refMultipleDDicts));
    zstd_params writer;
    writer.dict = with_dict.dict;
    const std::string data = sample.substr(100, 5000) + text(5000, 22);
    BOOST_TEST(decompress(compress(data, writer), with_dict) == data);
}

BOOST_AUTO_TEST_CASE(decompression_knobs_override_the_fields)
{
    const std::string data = text(3 << 20);
    const std::string frame = compress(data, advanced(compression_parameters().window_log(21)));
    // window_log_max: the knob wins over the field, in one-shot and streaming
    // decoders alike, and params() show the limit in force.
    zstd_params strict = decoding(decompression_parameters().window_log_max(20));
    strict.window_log_max = 27;
    BOOST_TEST(decompressor(strict).params().window_log_max == 20);
    const auto stream_decode = [](const std::string& input, const zstd_params& p) {
        std::string out;
        boost::iostreams::filtering_ostream os;
        os.push(zstd_decompressor(p));
        os.push(boost::iostreams::back_inserter(out));
        os.write(input.data(), static_cast<std::streamsize>(input.size()));
        boost::iostreams::close(os);
        return out;
    };
    const auto one_shot = [](const std::string& input, const zstd_params& p) { return decompress(input, p); };
    for (const auto& decode :
         std::vector<std::function<std::string(const std::string&, const zstd_params&)>>{one_shot, stream_decode}) {
        BOOST_TEST(zstdio_test::error_of([&] { decode(frame, strict); }).condition() == errc::window_too_large);
        zstd_params lenient = decoding(decompression_parameters().window_log_max(21));
        lenient.window_log_max = 20;
        BOOST_TEST(decode(frame, lenient) == data);
    }

    // format: reads magicless frames; the field still decides the writing.
    zstd_params magicless_writer;
    magicless_writer.format = frame_format::magicless;
    const std::string magicless = compress(data, magicless_writer);
    const zstd_params reader = decoding(decompression_parameters().format(frame_format::magicless));
    BOOST_TEST(decompress(magicless, reader) == data);
    BOOST_TEST(stream_decode(magicless, reader) == data);
    BOOST_TEST(int(decompressor(reader).params().format) == int(frame_format::magicless));
    BOOST_CHECK_THROW(decompress(frame, reader), zstd_error); // a standard frame is not magicless
    BOOST_TEST(compress(data, reader).substr(0, 4) == std::string(frame_header));

    // verify_checksum: false skips the check even with the field at true,
    // true restores it over a field at false.
    std::string damaged = compress(text(50000, 9));
    damaged[damaged.size() - 1] ^= 0x01;
    BOOST_TEST(zstdio_test::error_of([&] { decompress(damaged); }).condition() == errc::checksum_wrong);
    BOOST_TEST(decompress(damaged, decoding(decompression_parameters().verify_checksum(false))) == text(50000, 9));
    zstd_params checking = decoding(decompression_parameters().verify_checksum(true));
    checking.verify_checksum = false;
    BOOST_TEST(zstdio_test::error_of([&] { decompress(damaged, checking); }).condition() == errc::checksum_wrong);
}

BOOST_AUTO_TEST_CASE(fields_are_checked_like_knobs)
{
    zstd_params p;
    p.format = static_cast<frame_format>(2);
    BOOST_TEST(invalid_argument_message([&] { decompressor{p}; }) == "zstdio: format = 2 is out of range [0, 1]");
    BOOST_TEST(invalid_argument_message([&] { compressor{p}; }) == "zstdio: format = 2 is out of range [0, 1]");
    p = zstd_params();
    p.window_log_max = 9;
    BOOST_TEST(invalid_argument_message([&] { decompressor{p}; }).find("window_log_max = 9 is out of range [10, ") !=
               std::string::npos);
}
