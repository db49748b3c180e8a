// zstdio — patch-from parameters: the zstd CLI's window and long-mode rules
// for --patch-from (programs/fileio.c, FIO_adjustParamsForPatchFromMode and
// FIO_adjustMemLimitForPatchFromMode), as library calls.
#include <zstdio/patch.hpp>
#include <zstdio/error.hpp>

#include "parameters/apply.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace zstdio {

namespace {

/// floor(log2(n)) + 1: the bits of n (1 for 0, as zstd's highbit + 1).
int bits_of(std::uint64_t n) noexcept
{
    int bits = 1;
    while (n >>= 1)
        ++bits;
    return bits;
}

/// The smallest log with 2^log >= n.
int ceil_log2(std::uint64_t n) noexcept
{
    int log = 0;
    while (log < 63 && (std::uint64_t{1} << log) < n)
        ++log;
    return log;
}

/// `base` with the reference in patch_from, checked.
zstd_params with_reference(const zstd_dict& reference, const zstd_params& base)
{
    zstd_params p = base;
    p.patch_from = reference;
    detail::check_patch_from(p);
    return p;
}

} // namespace

zstd_params make_patch_params(const zstd_dict& reference, std::uint64_t target_size, const zstd_params& base)
{
    if (target_size == unknown_size)
        boost::throw_exception(std::invalid_argument(
            "zstdio: make_patch_params needs the size of the target (a patch's window spans it)"));
    zstd_params p = with_reference(reference, base);
    const int max_log = detail::max_window_log();
    if (target_size > (std::uint64_t{1} << max_log))
        boost::throw_exception(zstd_error(errc::parameter_unsupported,
                                          "a patch target of " + std::to_string(target_size) +
                                              " bytes is larger than libzstd's largest window (" +
                                              std::to_string(std::uint64_t{1} << max_log) + " bytes)"));
    const int window_log = std::clamp(bits_of(target_size), 10, max_log);

    // The level's own match finder: beyond its cycle, only long-distance
    // matching still finds the reference's copies.
    const compression_parameters level = compression_parameters::from_level(p.level, target_size, reference.size());
    const int cycle_log = level.chain_log() - (level.strategy() >= strategy::btlazy2 ? 1 : 0);

    compression_parameters advanced = p.advanced.value_or(compression_parameters{});
    advanced.window_log(window_log);
    if (window_log > cycle_log)
        advanced.enable_long_distance_matching(true);
    p.advanced = advanced;
    p.source_size = target_size;
    p.window_log_max = std::max(p.window_log_max, window_log);
    return p;
}

zstd_params apply_patch_params(const zstd_dict& reference, const zstd_params& base)
{
    zstd_params p = with_reference(reference, base);
    p.window_log_max = std::max(p.window_log_max, std::clamp(ceil_log2(reference.size()), 10, detail::max_window_log()));
    return p;
}

} // namespace zstdio
