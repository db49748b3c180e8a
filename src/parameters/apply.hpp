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
/// dictionary's CDict for these parameters (if any), or the patch reference
/// for the next frame.  The pledged size is set per frame by the caller.
void apply(ZSTD_CCtx* cctx, const zstd_params& p, const parameter_list& list);

/// libzstd's largest window log (31 on 64-bit systems).
int max_window_log() noexcept;

/// Throws std::invalid_argument when p.patch_from is combined with p.dict or
/// p.dicts, and zstd_error (parameter_unsupported) for a reference larger than
/// libzstd's largest window.
void check_patch_from(const zstd_params& p);

/// References p.patch_from (if set) as the prefix of the next frame.
/// libzstd forgets a prefix once a frame has started, so the contexts call
/// this before every frame (at the start of a frame, the context between
/// frames).
void reference_patch(ZSTD_CCtx* cctx, const zstd_params& p);
void reference_patch(ZSTD_DCtx* dctx, const zstd_params& p);

/// `p` with the set knobs of p.advanced_decompression written into the
/// fields they override (window_log_max, format, verify_checksum): what a
/// decompression_context keeps as its params(), so that every check reading
/// those fields (frame walker, window limit, format) sees what libzstd does.
zstd_params resolve_decompression(const zstd_params& p);

/// Applies the decompression fields and the set knobs of
/// p.advanced_decompression over them (std::invalid_argument out of bounds),
/// then references the dictionary's DDict or the patch reference for the
/// next frame.
void apply(ZSTD_DCtx* dctx, const zstd_params& p);

} // namespace detail
} // namespace zstdio

#endif
