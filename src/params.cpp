// zstdio — parameters: compression_parameters, constants, and the one routine
// that applies parameters to libzstd contexts.
#include <zstdio/params.hpp>

#include "apply.hpp"
#include "dictionary_access.hpp"

#include <stdexcept>
#include <string>
#include <memory>
#include <thread>

namespace zstdio {

unsigned version_number() noexcept { return ZSTD_versionNumber(); }
std::string version_string() { return ZSTD_versionString(); }
unsigned compiled_version_number() noexcept { return ZSTD_VERSION_NUMBER; }
int min_compression_level() noexcept { return ZSTD_minCLevel(); }
int max_compression_level() noexcept { return ZSTD_maxCLevel(); }
int default_compression_level() noexcept { return ZSTD_defaultCLevel(); }
std::size_t compression_input_size() noexcept { return ZSTD_CStreamInSize(); }
std::size_t compression_output_size() noexcept { return ZSTD_CStreamOutSize(); }
std::size_t decompression_input_size() noexcept { return ZSTD_DStreamInSize(); }
std::size_t decompression_output_size() noexcept { return ZSTD_DStreamOutSize(); }

namespace {

using knob = compression_parameters::knob;

struct knob_info {
    const char* name;
    ZSTD_cParameter param;
    bool experimental;
};

// Experimental parameters are macros, added over 1.5.x.  One the libzstd
// zstdio is compiled against lacks maps to a number that is no parameter, so
// bounds() and set() report it as missing (errc::library_mismatch) instead of
// the build failing.
[[maybe_unused]] constexpr auto missing_parameter = static_cast<ZSTD_cParameter>(999);
#ifndef ZSTD_c_useBlockSplitter
#define ZSTD_c_useBlockSplitter missing_parameter
#endif
#ifndef ZSTD_c_prefetchCDictTables
#define ZSTD_c_prefetchCDictTables missing_parameter
#endif
#ifndef ZSTD_c_maxBlockSize
#define ZSTD_c_maxBlockSize missing_parameter
#endif

// Indexed by knob; the order is the order of application.
constexpr knob_info knob_table[compression_parameters::knob_count] = {
    {"compression_level", ZSTD_c_compressionLevel, false},
    {"window_log", ZSTD_c_windowLog, false},
    {"hash_log", ZSTD_c_hashLog, false},
    {"chain_log", ZSTD_c_chainLog, false},
    {"search_log", ZSTD_c_searchLog, false},
    {"min_match", ZSTD_c_minMatch, false},
    {"target_length", ZSTD_c_targetLength, false},
    {"strategy", ZSTD_c_strategy, false},
    {"enable_long_distance_matching", ZSTD_c_enableLongDistanceMatching, false},
    {"ldm_hash_log", ZSTD_c_ldmHashLog, false},
    {"ldm_min_match", ZSTD_c_ldmMinMatch, false},
    {"ldm_bucket_size_log", ZSTD_c_ldmBucketSizeLog, false},
    {"ldm_hash_rate_log", ZSTD_c_ldmHashRateLog, false},
    {"content_size", ZSTD_c_contentSizeFlag, false},
    {"checksum", ZSTD_c_checksumFlag, false},
    {"dict_id", ZSTD_c_dictIDFlag, false},
    {"threads", ZSTD_c_nbWorkers, false},
    {"job_size", ZSTD_c_jobSize, false},
    {"overlap_log", ZSTD_c_overlapLog, false},
    {"format", ZSTD_c_format, true},
    {"target_cblock_size", ZSTD_c_targetCBlockSize, true},
    {"rsyncable", ZSTD_c_rsyncable, true},
    {"force_max_window", ZSTD_c_forceMaxWindow, true},
    {"literal_compression_mode", ZSTD_c_literalCompressionMode, true},
    {"src_size_hint", ZSTD_c_srcSizeHint, true},
    {"enable_dedicated_dict_search", ZSTD_c_enableDedicatedDictSearch, true},
    {"use_block_splitter", ZSTD_c_useBlockSplitter, true},
    {"use_row_match_finder", ZSTD_c_useRowMatchFinder, true},
    {"deterministic_ref_prefix", ZSTD_c_deterministicRefPrefix, true},
    {"prefetch_cdict_tables", ZSTD_c_prefetchCDictTables, true},
    {"max_block_size", ZSTD_c_maxBlockSize, true},
};

static_assert(knob_table[compression_parameters::knob_count - 1].name != nullptr, "a knob without a table entry");

const knob_info& info(knob k) noexcept { return knob_table[static_cast<std::size_t>(k)]; }

} // namespace

// ---------------------------------------------------------------------------
// compression_parameters

parameter_bounds compression_parameters::bounds(knob k)
{
    if (info(k).experimental)
        detail::require_experimental(info(k).name);
    const ZSTD_bounds b = ZSTD_cParam_getBounds(info(k).param);
    if (ZSTD_isError(b.error))
        throw zstd_error(errc::library_mismatch,
                         std::string("the linked libzstd ") + ZSTD_versionString() + " has no parameter " +
                             info(k).name);
    return {b.lowerBound, b.upperBound};
}

const char* compression_parameters::name(knob k) noexcept { return info(k).name; }

compression_parameters& compression_parameters::set(knob k, int value)
{
    const parameter_bounds b = bounds(k);
    if (value < b.min || value > b.max)
        throw std::invalid_argument(std::string("zstdio: ") + info(k).name + " = " + std::to_string(value) +
                                    " is out of range [" + std::to_string(b.min) + ", " +
                                    std::to_string(b.max) + "]");
    values_[index(k)] = value;
    return *this;
}

compression_parameters& compression_parameters::enable_long_distance_matching(bool on)
{
    // libzstd >= 1.5.1 takes a switch (0 auto, 1 on, 2 off) where 0 no longer
    // means off; older ones take 0/1.
    return set(knob::enable_long_distance_matching, on ? 1 : bounds(knob::enable_long_distance_matching).max >= 2 ? 2 : 0);
}

compression_parameters& compression_parameters::unset(knob k) noexcept
{
    values_[index(k)].reset();
    return *this;
}

compression_parameters compression_parameters::from_level(int level, std::uint64_t source_size,
                                                          std::size_t dict_size)
{
    const ZSTD_compressionParameters c =
        ZSTD_getCParams(level, source_size == unknown_size ? ZSTD_CONTENTSIZE_UNKNOWN : source_size, dict_size);
    compression_parameters p;
    p.compression_level(level)
        .window_log(static_cast<int>(c.windowLog))
        .chain_log(static_cast<int>(c.chainLog))
        .hash_log(static_cast<int>(c.hashLog))
        .search_log(static_cast<int>(c.searchLog))
        .min_match(static_cast<int>(c.minMatch))
        .target_length(static_cast<int>(c.targetLength))
        .strategy(static_cast<zstdio::strategy>(c.strategy));
    return p;
}

std::size_t compression_parameters::estimated_context_size() const
{
    struct params_deleter {
        void operator()(ZSTD_CCtx_params* p) const noexcept { ZSTD_freeCCtxParams(p); }
    };
    detail::require_experimental("estimated_context_size");
    std::unique_ptr<ZSTD_CCtx_params, params_deleter> cp(ZSTD_createCCtxParams());
    if (!cp)
        throw zstd_error(errc::memory_allocation, "cannot allocate compression parameters");
    for (std::size_t i = 0; i < knob_count; ++i) {
        const knob k = static_cast<knob>(i);
        // The estimate is for single-threaded compression (libzstd refuses
        // an estimate with workers).
        if (values_[i] && k != knob::threads && k != knob::job_size && k != knob::overlap_log)
            detail::check(ZSTD_CCtxParams_setParameter(cp.get(), info(k).param, *values_[i]),
                          "estimating the context size");
    }
    return detail::check(ZSTD_estimateCCtxSize_usingCCtxParams(cp.get()), "estimating the context size");
}

std::size_t estimate_decompression_context_size(int window_log)
{
    if (window_log < ZSTD_WINDOWLOG_MIN || window_log > ZSTD_WINDOWLOG_MAX)
        throw std::invalid_argument("zstdio: window_log " + std::to_string(window_log) + " is out of range [" +
                                    std::to_string(ZSTD_WINDOWLOG_MIN) + ", " +
                                    std::to_string(ZSTD_WINDOWLOG_MAX) + "]");
    detail::require_experimental("estimate_decompression_context_size");
    return ZSTD_estimateDStreamSize(std::size_t{1} << window_log);
}

// ---------------------------------------------------------------------------
// The one parameter routine.

namespace detail {

void require_experimental(const char* what)
{
    if (ZSTD_versionNumber() != ZSTD_VERSION_NUMBER)
        throw zstd_error(errc::library_mismatch,
                         std::string(what) + " needs libzstd's experimental API, which is only usable with "
                                             "the libzstd version zstdio was built against (" ZSTD_VERSION_STRING
                                             "); the loaded library is " +
                             ZSTD_versionString());
}

ZSTD_cParameter to_zstd(compression_parameters::knob k) noexcept { return info(k).param; }

bool is_experimental(compression_parameters::knob k) noexcept { return info(k).experimental; }

int resolve_threads(int threads) noexcept
{
    if (threads >= 0)
        return threads;
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

parameter_list compression_parameter_list(const zstd_params& p)
{
    parameter_list list;
    list.reserve(8 + compression_parameters::knob_count);
    list.emplace_back(ZSTD_c_compressionLevel, p.level);
    list.emplace_back(ZSTD_c_checksumFlag, p.checksum ? 1 : 0);
    list.emplace_back(ZSTD_c_contentSizeFlag, p.content_size ? 1 : 0);
    list.emplace_back(ZSTD_c_dictIDFlag, p.dict_id ? 1 : 0);
    if (const int workers = resolve_threads(p.threads); workers > 0)
        list.emplace_back(ZSTD_c_nbWorkers, workers);
    if (p.format != frame_format::zstd1) {
        require_experimental("format = magicless");
        list.emplace_back(ZSTD_c_format, static_cast<int>(p.format));
    }
    if (p.advanced) {
        for (std::size_t i = 0; i < compression_parameters::knob_count; ++i) {
            const auto k = static_cast<compression_parameters::knob>(i);
            if (const auto v = p.advanced->get(k)) {
                if (is_experimental(k))
                    require_experimental(compression_parameters::name(k));
                list.emplace_back(to_zstd(k), *v);
            }
        }
    }
    return list;
}

void check_level(int level)
{
    if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel())
        throw std::invalid_argument("zstdio: compression level " + std::to_string(level) + " is out of range [" +
                                    std::to_string(ZSTD_minCLevel()) + ", " + std::to_string(ZSTD_maxCLevel()) +
                                    "]");
}

void apply(ZSTD_CCtx* cctx, const zstd_params& p, const parameter_list& list)
{
    check_level(p.level);
    for (const auto& [param, value] : list) {
        const std::size_t r = ZSTD_CCtx_setParameter(cctx, param, value);
        if (ZSTD_isError(r)) {
            if (param == ZSTD_c_nbWorkers && ZSTD_getErrorCode(r) == ZSTD_error_parameter_unsupported)
                throw zstd_error(errc::parameter_unsupported,
                                 "threads = " + std::to_string(value) +
                                     " needs a libzstd built with multithreading support (" +
                                     ZSTD_getErrorName(r) + ")");
            throw_zstd(r, "setting a compression parameter");
        }
    }
    if (p.dict)
        check(ZSTD_CCtx_refCDict(cctx, dict_access::cdict(*p.dict, list)), "referencing the dictionary");
}

void apply(ZSTD_DCtx* dctx, const zstd_params& p)
{
    const ZSTD_bounds b = ZSTD_dParam_getBounds(ZSTD_d_windowLogMax);
    if (p.window_log_max < b.lowerBound || p.window_log_max > b.upperBound)
        throw std::invalid_argument("zstdio: window_log_max = " + std::to_string(p.window_log_max) +
                                    " is out of range [" + std::to_string(b.lowerBound) + ", " +
                                    std::to_string(b.upperBound) + "]");
    check(ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, p.window_log_max), "setting window_log_max");
    if (p.format != frame_format::zstd1) {
        require_experimental("format = magicless");
        check(ZSTD_DCtx_setParameter(dctx, ZSTD_d_format, static_cast<int>(p.format)), "setting the format");
    }
    if (!p.verify_checksum) {
        require_experimental("verify_checksum = false");
        check(ZSTD_DCtx_setParameter(dctx, ZSTD_d_forceIgnoreChecksum, ZSTD_d_ignoreChecksum),
              "turning the checksum check off");
    }
    if (p.dict)
        check(ZSTD_DCtx_refDDict(dctx, dict_access::ddict(*p.dict)), "referencing the dictionary");
}

} // namespace detail
} // namespace zstdio
