// zstdio — private: the one parameter routine.
//
// Every context (filters, one-shot, streaming objects, batch) and every
// digested dictionary gets its parameters from compression_parameter_list(),
// so a setting means the same thing everywhere.
#ifndef ZSTDIO_SRC_PARAMETERS_APPLY_HPP
#define ZSTDIO_SRC_PARAMETERS_APPLY_HPP

#include "libzstd/knob_mapping.hpp"

#include <zstdio/params.hpp>

namespace zstdio {
namespace detail {

/// Throws std::invalid_argument unless min_compression_level() <= level <=
/// max_compression_level().
void check_level(int level);

/// The (parameter, value) pairs that configure compression for `p`, in the
/// order they must be applied: level, frame flags, threads, then every set
/// knob of p.advanced.  Dictionary and pledged size are not parameters.
parameter_list compression_parameter_list(const zstd_params& p);

/// Applies compression_parameter_list(p) to a context and references the
/// dictionary's CDict for these parameters (if any).  The pledged size is set
/// per frame by the caller.
void apply(ZSTD_CCtx* cctx, const zstd_params& p, const parameter_list& list);

/// `p` with the set knobs of p.advanced_decompression written into the
/// fields they override (window_log_max, format, verify_checksum): what a
/// decompression_context keeps as its params(), so that every check reading
/// those fields (frame walker, window limit, format) sees what libzstd does.
zstd_params resolve_decompression(const zstd_params& p);

/// Applies the decompression fields and the set knobs of
/// p.advanced_decompression over them (std::invalid_argument out of bounds),
/// then references the dictionary's DDict.
void apply(ZSTD_DCtx* dctx, const zstd_params& p);

} // namespace detail
} // namespace zstdio

#endif
