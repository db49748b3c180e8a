// zstdio — private: the knobs of params.hpp as libzstd's parameters.
//
// One row per knob of include/zstdio/detail/knobs.hpp: its name, libzstd's
// parameter and whether that parameter is experimental.  The rows are defined
// in libzstd/experimental.cpp, because they name libzstd's experimental
// parameters, which exist only with ZSTD_STATIC_LINKING_ONLY.
#ifndef ZSTDIO_SRC_LIBZSTD_KNOB_MAPPING_HPP
#define ZSTDIO_SRC_LIBZSTD_KNOB_MAPPING_HPP

#include "libzstd/zstd.hpp"

#include <zstdio/params.hpp>

#include <utility>
#include <vector>

namespace zstdio {
namespace detail {

template <class Knob, class Param>
struct knob_row {
    Knob k;
    const char* name;
    Param param;       ///< libzstd's parameter
    bool experimental; ///< libzstd's experimental API: behind the version gate
};
using compression_knob_row = knob_row<compression_parameters::knob, ZSTD_cParameter>;
using decompression_knob_row = knob_row<decompression_parameters::knob, ZSTD_dParameter>;

/// The row of a knob.
const compression_knob_row& knob_info(compression_parameters::knob k) noexcept;
const decompression_knob_row& knob_info(decompression_parameters::knob k) noexcept;

/// The value libzstd takes for a decompression knob's value:
/// decompression_parameters::verify_checksum has zstd_params' sense (1 =
/// check), libzstd's ZSTD_d_forceIgnoreChecksum the opposite (1 = skip).
inline int libzstd_value(decompression_parameters::knob k, int value) noexcept
{
    return k == decompression_parameters::knob::verify_checksum ? 1 - value : value;
}

/// The (parameter, value) pairs that configure a compression context or a
/// digested dictionary (parameters/apply.hpp makes them).
using parameter_list = std::vector<std::pair<ZSTD_cParameter, int>>;

} // namespace detail
} // namespace zstdio

#endif
