// zstdio — parameters: compression_parameters, decompression_parameters and
// the constants of params.hpp.
#include <zstdio/params.hpp>
#include <zstdio/error.hpp>

#include "libzstd/experimental.hpp"
#include "libzstd/knob_mapping.hpp"
#include "libzstd/version_gate.hpp"

#include <boost/throw_exception.hpp>

#include <stdexcept>
#include <string>

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

using detail::knob_info;
using detail::libzstd_value;

// A knob's bounds in the loaded libzstd (ZSTD_cParam_getBounds or
// ZSTD_dParam_getBounds); a knob it lacks is an error, never bounds [0, 0].
template <class Knob, class Param>
parameter_bounds libzstd_bounds(const detail::knob_row<Knob, Param>& row, ZSTD_bounds (*get_bounds)(Param))
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

} // namespace

// ---------------------------------------------------------------------------
// compression_parameters

parameter_bounds compression_parameters::bounds(knob k) { return libzstd_bounds(knob_info(k), ZSTD_cParam_getBounds); }

const char* compression_parameters::name(knob k) noexcept { return knob_info(k).name; }

compression_parameters& compression_parameters::set(knob k, int value)
{
    const parameter_bounds b = bounds(k);
    detail::check_range(knob_info(k).name, value, b.min, b.max);
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
    const parameter_bounds b = libzstd_bounds(knob_info(k), ZSTD_dParam_getBounds);
    if (k == knob::verify_checksum)
        return {libzstd_value(k, b.max), libzstd_value(k, b.min)};
    return b;
}

const char* decompression_parameters::name(knob k) noexcept { return knob_info(k).name; }

decompression_parameters& decompression_parameters::set(knob k, int value)
{
    const parameter_bounds b = bounds(k);
    detail::check_range(knob_info(k).name, value, b.min, b.max);
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
    const detail::experimental::level_parameters c =
        detail::experimental::parameters_for_level(level, source_size, dict_size);
    compression_parameters p;
    p.compression_level(level)
        .window_log(c.window_log)
        .chain_log(c.chain_log)
        .hash_log(c.hash_log)
        .search_log(c.search_log)
        .min_match(c.min_match)
        .target_length(c.target_length)
        .strategy(static_cast<zstdio::strategy>(c.strategy));
    return p;
}

std::size_t compression_parameters::estimated_context_size() const
{
    detail::parameter_list list;
    for (std::size_t i = 0; i < knob_count; ++i) {
        const knob k = static_cast<knob>(i);
        // The estimate is for single-threaded compression (libzstd refuses
        // an estimate with workers).
        if (values_[i] && k != knob::threads && k != knob::job_size && k != knob::overlap_log)
            list.emplace_back(knob_info(k).param, *values_[i]);
    }
    return detail::experimental::estimate_compression_context(list);
}

std::size_t estimate_decompression_context_size(int window_log)
{
    const parameter_bounds range = detail::experimental::window_log_range();
    detail::check_range("window_log", window_log, range.min, range.max);
    return detail::experimental::estimate_decompression_context(window_log);
}

} // namespace zstdio
