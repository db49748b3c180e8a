// zstdio — the one parameter routine (see apply.hpp).
#include "parameters/apply.hpp"

#include "api/dictionary_access.hpp"
#include "error/check.hpp"
#include "libzstd/version_gate.hpp"
#include "parameters/threads.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zstdio {
namespace detail {

namespace {
using dknob = decompression_parameters::knob;
} // namespace

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
        list.emplace_back(knob_info(compression_parameters::knob::format).param, static_cast<int>(p.format));
    }
    if (p.advanced) {
        for (std::size_t i = 0; i < compression_parameters::knob_count; ++i) {
            const auto k = static_cast<compression_parameters::knob>(i);
            if (const auto v = p.advanced->get(k)) {
                const compression_knob_row& row = knob_info(k);
                if (row.experimental)
                    require_experimental(row.name);
                list.emplace_back(row.param, *v);
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
    check_patch_from(p);
    if (p.dict)
        check(ZSTD_CCtx_refCDict(cctx, dict_access::cdict(*p.dict, list)), "referencing the dictionary");
    reference_patch(cctx, p);
}

int max_window_log() noexcept { return ZSTD_cParam_getBounds(ZSTD_c_windowLog).upperBound; }

void check_patch_from(const zstd_params& p)
{
    if (!p.patch_from)
        return;
    if (p.dict || !p.dicts.empty())
        boost::throw_exception(std::invalid_argument(
            std::string("zstdio: zstd_params::") + (p.dict ? "dict" : "dicts") +
            " and patch_from cannot both be set (libzstd takes one dictionary or one reference per frame)"));
    const std::uint64_t limit = std::uint64_t{1} << max_window_log();
    if (p.patch_from->size() > limit)
        boost::throw_exception(zstd_error(errc::parameter_unsupported,
                                          "a patch reference of " + std::to_string(p.patch_from->size()) +
                                              " bytes is larger than libzstd's largest window (" +
                                              std::to_string(limit) + " bytes)"));
}

void reference_patch(ZSTD_CCtx* cctx, const zstd_params& p)
{
    if (p.patch_from) {
        const std::string_view bytes = p.patch_from->as_bytes();
        check(ZSTD_CCtx_refPrefix(cctx, bytes.data(), bytes.size()), "referencing the patch reference");
    }
}

void reference_patch(ZSTD_DCtx* dctx, const zstd_params& p)
{
    if (p.patch_from) {
        // The stable ZSTD_DCtx_refPrefix reads the bytes as raw content,
        // whatever their first bytes.
        const std::string_view bytes = p.patch_from->as_bytes();
        check(ZSTD_DCtx_refPrefix(dctx, bytes.data(), bytes.size()), "referencing the patch reference");
    }
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
        if (const auto v = effective.get(k)) {
            const decompression_knob_row& row = knob_info(k);
            // The message is built only on failure: this runs for every
            // decoder made, and a string per knob showed in the profile of
            // a filter per 1 KB message.
            const std::size_t r = ZSTD_DCtx_setParameter(dctx, row.param, libzstd_value(k, *v));
            if (ZSTD_isError(r))
                throw_zstd(r, ("setting " + std::string(row.name)).c_str());
        }
    }
    check_patch_from(p);
    if (p.dict)
        check(ZSTD_DCtx_refDDict(dctx, dict_access::ddict(*p.dict)), "referencing the dictionary");
    reference_patch(dctx, p);
}

} // namespace detail
} // namespace zstdio
