// zstdio — private: the one error check and the one parameter routine.
//
// Every libzstd call whose result can be an error goes through check(); every
// context (filters, one-shot, streaming objects, batch) and every digested
// dictionary gets its parameters from compression_parameter_list(), so a setting means
// the same thing everywhere.
#ifndef ZSTDIO_SRC_APPLY_HPP
#define ZSTDIO_SRC_APPLY_HPP

#include "zstd_api.hpp"

#include <zstdio/error.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/params.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zstdio {
namespace detail {

/// Throws zstd_error for a libzstd error code; `doing` says what was being
/// done ("compressing", "loading the dictionary", ...).
[[noreturn]] ZSTDIO_DECL void throw_zstd(std::size_t code, const char* doing);

/// Returns `code` unless it is a libzstd error, which it throws.
inline std::size_t check(std::size_t code, const char* doing)
{
    if (ZSTD_isError(code))
        throw_zstd(code, doing);
    return code;
}

/// The most content `size` compressed bytes can describe: a 3-byte block
/// header and one RLE byte can stand for a full 128 KiB block.  A header (or
/// a caller's size) claiming more is wrong; refusing it bounds what untrusted
/// input can make us allocate.
constexpr std::uint64_t largest_possible_content(std::size_t size) noexcept
{
    return (static_cast<std::uint64_t>(size) / 4 + 1) * ZSTD_BLOCKSIZE_MAX;
}

/// Checks a frame's declared content size before an output of that size is
/// allocated: above `limit` (0 = none) is errc::output_limit_exceeded, more
/// than `compressed_size` bytes can hold is errc::corruption_detected.
/// `where` starts the message ("decompressing", "chain link 7", ...).
void check_declared_content(std::uint64_t declared, std::size_t compressed_size, std::uint64_t limit,
                            const std::string& where);

/// One frame at the start of `bytes` (frame.hpp's reader, header read once).
struct frame_extent {
    frame_parameters parameters;
    std::size_t size; ///< compressed size of the whole frame, skippable or not
};
/// Throws what get_frame_parameters and find_frame_compressed_size throw.
frame_extent measure_frame(std::string_view bytes, frame_format format);

/// What a decoder with `p` will decode of `data`, found by walking its frames
/// with frame.hpp (the one frame walker, any format) before decoding.
struct frame_walk {
    std::size_t size;      ///< bytes to decode: all, or up to the end of the
                           ///< first frame with content without multi_frame
    std::uint64_t content; ///< sum of the declared content sizes, or unknown_size
};
/// Checks every header against p.window_log_max and throws the precise
/// zstd_error of the first frame that is truncated, malformed or not zstd.
/// Empty `data` is errc::not_zstd_frame.
frame_walk walk_frames(std::string_view data, const zstd_params& p);

/// Throws zstd_error(library_mismatch) unless the loaded libzstd is the one
/// zstdio was compiled against (experimental API is only stable within one
/// version).  `what` names the feature that needs it.
void require_experimental(const char* what);

/// Throws std::invalid_argument unless min_compression_level() <= level <=
/// max_compression_level().
void check_level(int level);

/// libzstd's parameter for a knob.
ZSTD_cParameter to_zstd(compression_parameters::knob k) noexcept;

/// True for knobs that exist only in libzstd's experimental API.
bool is_experimental(compression_parameters::knob k) noexcept;

/// Worker threads for a `threads` setting: negative = all logical CPUs.
int resolve_threads(int threads) noexcept;

/// The (parameter, value) pairs that configure compression for `p`, in the
/// order they must be applied: level, frame flags, threads, then every set
/// knob of p.advanced.  Dictionary and pledged size are not parameters.
using parameter_list = std::vector<std::pair<ZSTD_cParameter, int>>;
parameter_list compression_parameter_list(const zstd_params& p);

/// Applies compression_parameter_list(p) to a context and references the
/// dictionary's CDict for these parameters (if any).  The pledged size is set
/// per frame by the caller.
void apply(ZSTD_CCtx* cctx, const zstd_params& p, const parameter_list& list);

/// Applies window_log_max, format and the dictionary's DDict.
void apply(ZSTD_DCtx* dctx, const zstd_params& p);

} // namespace detail
} // namespace zstdio

#endif
