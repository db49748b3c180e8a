// zstdio — private: every call zstdio makes into libzstd's experimental API.
//
// Experimental entry points (ZSTD_STATIC_LINKING_ONLY in zstd.h,
// ZDICT_STATIC_LINKING_ONLY in zdict.h) are only stable within one libzstd
// version.  libzstd/experimental.cpp is the one source file that defines those
// macros and makes those calls; every other source sees the stable API only
// (libzstd/zstd.hpp).  The wrappers below take and return zstdio's types or
// the stable API's.  Each calls require_experimental() (version_gate.hpp)
// before it calls libzstd, except frame_header() and progression(), which
// decoding and progress reports need whatever libzstd is loaded
// (doc/architecture.md, "Experimental libzstd API").
#ifndef ZSTDIO_SRC_LIBZSTD_EXPERIMENTAL_HPP
#define ZSTDIO_SRC_LIBZSTD_EXPERIMENTAL_HPP

#include "libzstd/knob_mapping.hpp"
#include "libzstd/zstd.hpp"

#include <zstdio/detail/context.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/params.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zstdio {
namespace detail {
namespace experimental {

// ---------------------------------------------------------------------------
// Exempt from the version gate.

/// libzstd's ZSTD_frameHeader, in plain types.
struct frame_header_fields {
    bool skippable = false;
    /// Content size, ZSTD_CONTENTSIZE_UNKNOWN when the header does not record
    /// it; for a skippable frame, the size of its user data.
    std::uint64_t content_size = 0;
    std::uint64_t window_size = 0;
    std::uint32_t dict_id = 0;
    bool checksum = false;
    /// Bytes of the header, magic number included (8 for a skippable frame).
    std::size_t header_size = 0;
};

/// Reads the frame header at the start of `size` bytes at `src`
/// (ZSTD_getFrameHeader_advanced).  Returns 0 with `out` filled, or the
/// bytes the header needs when `size` is short, or a libzstd error code.
std::size_t frame_header(frame_header_fields& out, const char* src, std::size_t size, frame_format format) noexcept;

/// Progress of the frame `cctx` is compressing (ZSTD_getFrameProgression).
frame_progression progression(const ZSTD_CCtx* cctx) noexcept;

// ---------------------------------------------------------------------------
// Behind the version gate: each throws zstd_error(errc::library_mismatch)
// unless the loaded libzstd is the one zstdio was compiled against.

/// The match-finder parameters libzstd picks for a level, given the source
/// size (unknown_size = unknown) and dictionary size (ZSTD_getCParams).
struct level_parameters {
    int window_log, chain_log, hash_log, search_log, min_match, target_length, strategy;
};
level_parameters parameters_for_level(int level, std::uint64_t source_size, std::size_t dict_size);

/// Memory of a single-threaded compression context configured with `list`
/// (ZSTD_estimateCCtxSize_usingCCtxParams).  Throws zstd_error.
std::size_t estimate_compression_context(const parameter_list& list);

/// The window logs libzstd accepts (ZSTD_WINDOWLOG_MIN, ZSTD_WINDOWLOG_MAX):
/// constants of the zstd.h zstdio was compiled with, no call, so no gate.
parameter_bounds window_log_range() noexcept;

/// Memory of a streaming decoder for windows up to 2^window_log
/// (ZSTD_estimateDStreamSize).
std::size_t estimate_decompression_context(int window_log);

/// `dict` digested for compression with exactly `list`, read as raw content
/// or as a full dictionary (ZSTD_createCDict_advanced2, by reference: the
/// bytes must outlive it); null when libzstd refuses the bytes.  `why` names
/// the feature that needs the experimental API.  Throws zstd_error.
ZSTD_CDict* create_cdict(std::string_view dict, bool raw_content, const parameter_list& list, const char* why);

/// `dict` digested for decompression (ZSTD_createDDict_advanced, by
/// reference), as create_cdict().
ZSTD_DDict* create_ddict(std::string_view dict, bool raw_content, const char* why);

/// The value a context holds for a parameter (ZSTD_CCtx_getParameter,
/// ZSTD_DCtx_getParameter).  Throws zstd_error for a parameter libzstd lacks.
int parameter(const ZSTD_CCtx* cctx, ZSTD_cParameter param);
int parameter(ZSTD_DCtx* dctx, ZSTD_dParameter param);

/// libzstd's legacy trainer (ZDICT_trainFromBuffer_legacy) into `buffer`,
/// whose size is the dictionary's capacity.  Returns ZDICT's result: the
/// dictionary's size or an error code.
std::size_t train_legacy(std::string& buffer, const sample_set& samples, const train_options& options);

/// libzstd's cover or fastcover trainer (options.fast), optimizing k and d
/// with options.optimize (ZDICT_[optimize]TrainFromBuffer_[fast]cover) on
/// `threads` threads, into `buffer` as train_legacy().  `k` and `d` receive
/// the values used.
std::size_t train_cover(std::string& buffer, const sample_set& samples, const cover_options& options,
                        unsigned threads, unsigned& k, unsigned& d);

} // namespace experimental
} // namespace detail
} // namespace zstdio

#endif
