// zstdio — parameters: compression_parameters, constants, and the one routine
// that applies parameters to libzstd contexts.
#include <zstdio/params.hpp>

#include "apply.hpp"
#include "dictionary_access.hpp"

#include <boost/throw_exception.hpp>

#include <iterator>
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
using dknob = decompression_parameters::knob;

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
[[maybe_unused]] constexpr auto missing_dparameter = static_cast<ZSTD_dParameter>(9999);
#ifndef ZSTD_d_disableHuffmanAssembly
#define ZSTD_d_disableHuffmanAssembly missing_dparameter
#endif

template <class Knob, class Param>
struct knob_info {
    Knob k;
    const char* name;
    Param param;
    bool experimental;
};

// Indexed by knob, generated from the lists that generate the enums.
#define ZSTDIO_KNOB_INFO(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS) {knob::NAME, #NAME, LIBZSTD, EXPERIMENTAL},
constexpr knob_info<knob, ZSTD_cParameter> knob_table[] = {ZSTDIO_COMPRESSION_KNOBS(ZSTDIO_KNOB_INFO)};
#undef ZSTDIO_KNOB_INFO
#define ZSTDIO_KNOB_INFO(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS) {dknob::NAME, #NAME, LIBZSTD, EXPERIMENTAL},
constexpr knob_info<dknob, ZSTD_dParameter> dknob_table[] = {ZSTDIO_DECOMPRESSION_KNOBS(ZSTDIO_KNOB_INFO)};
#undef ZSTDIO_KNOB_INFO

// The enum and the table must agree knob for knob, or info(k) reads another
// knob's row: a hand edit of the enum (a value given, a knob added outside
// the list) fails here.
template <class Knob, class Info, std::size_t N>
constexpr bool rows_follow_the_enum(const Info (&table)[N]) noexcept
{
    for (std::size_t i = 0; i < N; ++i)
        if (table[i].k != static_cast<Knob>(i) || table[i].name == nullptr || table[i].name[0] == '\0')
            return false;
    return true;
}
static_assert(std::size(knob_table) == compression_parameters::knob_count,
              "compression_parameters::knob and ZSTDIO_COMPRESSION_KNOBS differ in length");
static_assert(rows_follow_the_enum<knob>(knob_table),
              "compression_parameters::knob and ZSTDIO_COMPRESSION_KNOBS differ in order");
static_assert(std::size(dknob_table) == decompression_parameters::knob_count,
              "decompression_parameters::knob and ZSTDIO_DECOMPRESSION_KNOBS differ in length");
static_assert(rows_follow_the_enum<dknob>(dknob_table),
              "decompression_parameters::knob and ZSTDIO_DECOMPRESSION_KNOBS differ in order");

const knob_info<knob, ZSTD_cParameter>& info(knob k) noexcept { return knob_table[static_cast<std::size_t>(k)]; }
const knob_info<dknob, ZSTD_dParameter>& info(dknob k) noexcept { return dknob_table[static_cast<std::size_t>(k)]; }

// A knob's bounds in the loaded libzstd (ZSTD_cParam_getBounds or
// ZSTD_dParam_getBounds); a knob it lacks is an error, never bounds [0, 0].
template <class Knob, class Param>
parameter_bounds libzstd_bounds(const knob_info<Knob, Param>& row, ZSTD_bounds (*get_bounds)(Param))
{
    if (row.experimental)
        detail::require_experimental(row.name);
    const ZSTD_bounds b = get_bounds(row.param);
    if (ZSTD_isError(b.error))
        boost::throw_exception(zstd_error(errc::library_mismatch, std::string("the linked libzstd ") +
                                                                      ZSTD_versionString() + " has no parameter " +
                                                                      row.name));
    return {b.lowerBound, b.upperBound};
}

// decompression_parameters::verify_checksum has zstd_params' sense (1 =
// check); libzstd's ZSTD_d_forceIgnoreChecksum the opposite (1 = skip).
static_assert(ZSTD_d_validateChecksum == 0 && ZSTD_d_ignoreChecksum == 1);
int libzstd_value(dknob k, int value) noexcept { return k == dknob::verify_checksum ? 1 - value : value; }

} // namespace

// ---------------------------------------------------------------------------
// compression_parameters

parameter_bounds compression_parameters::bounds(knob k) { return libzstd_bounds(info(k), ZSTD_cParam_getBounds); }

const char* compression_parameters::name(knob k) noexcept { return info(k).name; }

compression_parameters& compression_parameters::set(knob k, int value)
{
    const parameter_bounds b = bounds(k);
    detail::check_range(info(k).name, value, b.min, b.max);
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

// ---------------------------------------------------------------------------
// decompression_parameters

parameter_bounds decompression_parameters::bounds(knob k)
{
    const parameter_bounds b = libzstd_bounds(info(k), ZSTD_dParam_getBounds);
    if (k == knob::verify_checksum)
        return {libzstd_value(k, b.max), libzstd_value(k, b.min)};
    return b;
}

const char* decompression_parameters::name(knob k) noexcept { return info(k).name; }

decompression_parameters& decompression_parameters::set(knob k, int value)
{
    const parameter_bounds b = bounds(k);
    detail::check_range(info(k).name, value, b.min, b.max);
    values_[index(k)] = value;
    return *this;
}

decompression_parameters& decompression_parameters::unset(knob k) noexcept
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
        boost::throw_exception(zstd_error(errc::memory_allocation, "cannot allocate compression parameters"));
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
    detail::check_range("window_log", window_log, ZSTD_WINDOWLOG_MIN, ZSTD_WINDOWLOG_MAX);
    detail::require_experimental("estimate_decompression_context_size");
    return ZSTD_estimateDStreamSize(std::size_t{1} << window_log);
}

// ---------------------------------------------------------------------------
// The one parameter routine.

namespace detail {

void require_experimental(const char* what)
{
    if (ZSTD_versionNumber() != ZSTD_VERSION_NUMBER)
        boost::throw_exception(zstd_error(errc::library_mismatch,
                                          std::string(what) +
                                              " needs libzstd's experimental API, which is only usable with "
                                              "the libzstd version zstdio was built against (" ZSTD_VERSION_STRING
                                              "); the loaded library is " +
                                              ZSTD_versionString()));
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
        // Checked as the knob is (experimental API, bounds).
        const parameter_bounds b = compression_parameters::bounds(compression_parameters::knob::format);
        check_range("format", static_cast<int>(p.format), b.min, b.max);
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
    check_range("compression level", level, ZSTD_minCLevel(), ZSTD_maxCLevel());
}

void apply(ZSTD_CCtx* cctx, const zstd_params& p, const parameter_list& list)
{
    check_level(p.level);
    for (const auto& [param, value] : list) {
        const std::size_t r = ZSTD_CCtx_setParameter(cctx, param, value);
        if (ZSTD_isError(r)) {
            if (param == ZSTD_c_nbWorkers && ZSTD_getErrorCode(r) == ZSTD_error_parameter_unsupported)
                boost::throw_exception(zstd_error(errc::parameter_unsupported,
                                                  "threads = " + std::to_string(value) +
                                                      " needs a libzstd built with multithreading support (" +
                                                      ZSTD_getErrorName(r) + ")"));
            throw_zstd(r, "setting a compression parameter");
        }
    }
    if (p.dict)
        check(ZSTD_CCtx_refCDict(cctx, dict_access::cdict(*p.dict, list)), "referencing the dictionary");
}

zstd_params resolve_decompression(const zstd_params& p)
{
    zstd_params r = p;
    if (p.advanced_decompression) {
        const decompression_parameters& d = *p.advanced_decompression;
        if (const auto v = d.get(dknob::window_log_max))
            r.window_log_max = *v;
        if (const auto v = d.get(dknob::format))
            r.format = static_cast<frame_format>(*v);
        if (const auto v = d.get(dknob::verify_checksum))
            r.verify_checksum = *v != 0;
    }
    return r;
}

void apply(ZSTD_DCtx* dctx, const zstd_params& p)
{
    // The fields, checked as knobs (bounds, experimental API), then the set
    // knobs of advanced_decompression over them.
    decompression_parameters effective;
    effective.window_log_max(p.window_log_max);
    if (p.format != frame_format::zstd1)
        effective.format(p.format);
    if (!p.verify_checksum)
        effective.verify_checksum(false);
    for (std::size_t i = 0; i < decompression_parameters::knob_count; ++i) {
        const auto k = static_cast<dknob>(i);
        if (p.advanced_decompression && p.advanced_decompression->get(k))
            effective.set(k, *p.advanced_decompression->get(k));
        if (const auto v = effective.get(k))
            check(ZSTD_DCtx_setParameter(dctx, info(k).param, libzstd_value(k, *v)),
                  ("setting " + std::string(info(k).name)).c_str());
    }
    if (p.dict)
        check(ZSTD_DCtx_refDDict(dctx, dict_access::ddict(*p.dict)), "referencing the dictionary");
}

} // namespace detail
} // namespace zstdio
