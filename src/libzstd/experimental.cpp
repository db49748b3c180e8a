// zstdio — every call into libzstd's experimental API (see experimental.hpp),
// and the knob table, which names libzstd's experimental parameters.
//
// The one source file that defines ZSTD_STATIC_LINKING_ONLY and
// ZDICT_STATIC_LINKING_ONLY.
#define ZSTD_STATIC_LINKING_ONLY
#define ZDICT_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zdict.h>

#include "libzstd/experimental.hpp"

#include "error/check.hpp"
#include "libzstd/version_gate.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <iterator>
#include <memory>

namespace zstdio {
namespace detail {

// ---------------------------------------------------------------------------
// The knob table (knob_mapping.hpp).

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

// Indexed by knob, generated from the lists that generate the enums.
#define ZSTDIO_KNOB_INFO(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS) {knob::NAME, #NAME, LIBZSTD, EXPERIMENTAL},
constexpr compression_knob_row knob_table[] = {ZSTDIO_COMPRESSION_KNOBS(ZSTDIO_KNOB_INFO)};
#undef ZSTDIO_KNOB_INFO
#define ZSTDIO_KNOB_INFO(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS) {dknob::NAME, #NAME, LIBZSTD, EXPERIMENTAL},
constexpr decompression_knob_row dknob_table[] = {ZSTDIO_DECOMPRESSION_KNOBS(ZSTDIO_KNOB_INFO)};
#undef ZSTDIO_KNOB_INFO

// The enum and the table must agree knob for knob, or knob_info(k) reads
// another knob's row: a hand edit of the enum (a value given, a knob added
// outside the list) fails here.
template <class Knob, class Row, std::size_t N>
constexpr bool rows_follow_the_enum(const Row (&table)[N]) noexcept
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

// libzstd_value() inverts verify_checksum into ZSTD_d_forceIgnoreChecksum.
static_assert(ZSTD_d_validateChecksum == 0 && ZSTD_d_ignoreChecksum == 1);

// Constants the stable sources keep without the experimental header.
static_assert(max_frame_header_size == ZSTD_FRAMEHEADERSIZE_MAX);

} // namespace

const compression_knob_row& knob_info(knob k) noexcept { return knob_table[static_cast<std::size_t>(k)]; }
const decompression_knob_row& knob_info(dknob k) noexcept { return dknob_table[static_cast<std::size_t>(k)]; }

namespace experimental {

namespace {

struct cctx_params_deleter {
    void operator()(ZSTD_CCtx_params* p) const noexcept { ZSTD_freeCCtxParams(p); }
};
using cctx_params_ptr = std::unique_ptr<ZSTD_CCtx_params, cctx_params_deleter>;

// ZSTD_CCtx_params holding `list`; `doing` words a failure.
cctx_params_ptr make_cctx_params(const parameter_list& list, const char* doing)
{
    cctx_params_ptr cp(ZSTD_createCCtxParams());
    if (!cp)
        boost::throw_exception(zstd_error(errc::memory_allocation, "cannot allocate compression parameters"));
    for (const auto& [param, value] : list)
        check(ZSTD_CCtxParams_setParameter(cp.get(), param, value), doing);
    return cp;
}

ZSTD_dictContentType_e content_type(bool raw_content) noexcept
{
    return raw_content ? ZSTD_dct_rawContent : ZSTD_dct_fullDict;
}

ZDICT_params_t common_params(int level, std::uint32_t dict_id, int notifications) noexcept
{
    ZDICT_params_t z{};
    z.compressionLevel = level;
    z.notificationLevel = static_cast<unsigned>(notifications);
    z.dictID = dict_id;
    return z;
}

} // namespace

// ---------------------------------------------------------------------------
// Exempt from the version gate (doc/architecture.md says why).

std::size_t frame_header(frame_header_fields& out, const char* src, std::size_t size, frame_format format) noexcept
{
    ZSTD_frameHeader fh{};
    const std::size_t r = ZSTD_getFrameHeader_advanced(&fh, src, size, static_cast<ZSTD_format_e>(format));
    if (r != 0)
        return r;
    out.skippable = fh.frameType == ZSTD_skippableFrame;
    out.content_size = fh.frameContentSize;
    out.window_size = fh.windowSize;
    out.dict_id = fh.dictID;
    out.checksum = fh.checksumFlag != 0;
    // libzstd leaves headerSize 0 for a skippable frame.
    out.header_size = out.skippable ? ZSTD_SKIPPABLEHEADERSIZE : fh.headerSize;
    return 0;
}

frame_progression progression(const ZSTD_CCtx* cctx) noexcept
{
    const ZSTD_frameProgression fp = ZSTD_getFrameProgression(cctx);
    return {fp.ingested, fp.consumed, fp.produced, fp.flushed, fp.currentJobID, fp.nbActiveWorkers};
}

// ---------------------------------------------------------------------------
// Behind the version gate.

level_parameters parameters_for_level(int level, std::uint64_t source_size, std::size_t dict_size)
{
    require_experimental("from_level");
    const ZSTD_compressionParameters c =
        ZSTD_getCParams(level, source_size == unknown_size ? ZSTD_CONTENTSIZE_UNKNOWN : source_size, dict_size);
    return {static_cast<int>(c.windowLog),    static_cast<int>(c.chainLog),  static_cast<int>(c.hashLog),
            static_cast<int>(c.searchLog),    static_cast<int>(c.minMatch), static_cast<int>(c.targetLength),
            static_cast<int>(c.strategy)};
}

std::size_t estimate_compression_context(const parameter_list& list)
{
    require_experimental("estimated_context_size");
    const cctx_params_ptr cp = make_cctx_params(list, "estimating the context size");
    return check(ZSTD_estimateCCtxSize_usingCCtxParams(cp.get()), "estimating the context size");
}

parameter_bounds window_log_range() noexcept { return {ZSTD_WINDOWLOG_MIN, ZSTD_WINDOWLOG_MAX}; }

std::size_t estimate_decompression_context(int window_log)
{
    require_experimental("estimate_decompression_context_size");
    return ZSTD_estimateDStreamSize(std::size_t{1} << window_log);
}

ZSTD_CDict* create_cdict(std::string_view dict, bool raw_content, const parameter_list& list, const char* why)
{
    require_experimental(why);
    const cctx_params_ptr cp = make_cctx_params(list, "digesting the dictionary");
    return ZSTD_createCDict_advanced2(dict.data(), dict.size(), ZSTD_dlm_byRef, content_type(raw_content), cp.get(),
                                      ZSTD_defaultCMem);
}

ZSTD_DDict* create_ddict(std::string_view dict, bool raw_content, const char* why)
{
    require_experimental(why);
    return ZSTD_createDDict_advanced(dict.data(), dict.size(), ZSTD_dlm_byRef, content_type(raw_content),
                                     ZSTD_defaultCMem);
}

int parameter(const ZSTD_CCtx* cctx, ZSTD_cParameter param)
{
    require_experimental("reading a compression parameter");
    int value = 0;
    check(ZSTD_CCtx_getParameter(cctx, param, &value), "reading a compression parameter");
    return value;
}

int parameter(ZSTD_DCtx* dctx, ZSTD_dParameter param)
{
    require_experimental("reading a decompression parameter");
    int value = 0;
    check(ZSTD_DCtx_getParameter(dctx, param, &value), "reading a decompression parameter");
    return value;
}

std::size_t train_legacy(std::string& buffer, const sample_set& samples, const train_options& options)
{
    require_experimental("dictionary training");
    ZDICT_legacy_params_t p{};
    p.selectivityLevel = options.selectivity;
    p.zParams = common_params(options.level, options.dict_id, options.notifications);
    return ZDICT_trainFromBuffer_legacy(buffer.data(), buffer.size(), samples.bytes.data(), samples.sizes.data(),
                                        static_cast<unsigned>(samples.sizes.size()), p);
}

std::size_t train_cover(std::string& buffer, const sample_set& samples, const cover_options& options,
                        unsigned threads, unsigned& k, unsigned& d)
{
    require_experimental("dictionary training");
    const ZDICT_params_t z = common_params(options.level, options.dict_id, options.notifications);
    const unsigned count = static_cast<unsigned>(samples.sizes.size());
    std::size_t r;
    if (options.fast) {
        ZDICT_fastCover_params_t p{};
        p.k = options.k;
        p.d = options.d;
        p.f = options.f;
        p.accel = options.accel;
        p.steps = options.steps;
        p.nbThreads = threads;
        p.zParams = z;
        if (options.optimize) {
            r = ZDICT_optimizeTrainFromBuffer_fastCover(buffer.data(), buffer.size(), samples.bytes.data(),
                                                        samples.sizes.data(), count, &p);
        } else {
            p.splitPoint = 1.0; // train on every sample
            r = ZDICT_trainFromBuffer_fastCover(buffer.data(), buffer.size(), samples.bytes.data(),
                                                samples.sizes.data(), count, p);
        }
        k = p.k;
        d = p.d;
        return r;
    }
    ZDICT_cover_params_t p{};
    p.k = options.k;
    p.d = options.d;
    p.steps = options.steps;
    p.nbThreads = threads;
    p.zParams = z;
    if (options.optimize)
        r = ZDICT_optimizeTrainFromBuffer_cover(buffer.data(), buffer.size(), samples.bytes.data(),
                                                samples.sizes.data(), count, &p);
    else
        r = ZDICT_trainFromBuffer_cover(buffer.data(), buffer.size(), samples.bytes.data(), samples.sizes.data(),
                                        count, p);
    k = p.k;
    d = p.d;
    return r;
}

} // namespace experimental
} // namespace detail
} // namespace zstdio
