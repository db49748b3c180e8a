/// @file
/// Patch-from: compressing a target against a reference, and applying such a
/// patch (`zstd --patch-from=REF`), with every compressor and decoder.
#ifndef ZSTDIO_PATCH_HPP
#define ZSTDIO_PATCH_HPP

#include <zstdio/config.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/params.hpp>

#include <cstdint>

namespace zstdio {

/// Parameters that compress a target of `target_size` bytes into a small
/// patch against `reference`, by the zstd CLI's rules for `--patch-from`:
///
/// - `patch_from` = `reference` (libzstd's prefix: the frame copies from it);
/// - the window spans the target: `advanced->window_log` = bits of
///   `target_size` (floor(log2) + 1), at least 10 and at most libzstd's
///   largest (31), replacing any window_log of `base`;
/// - long-distance matching is turned on when that window is beyond what the
///   level's match finder covers (its cycle log: chain_log, minus one for the
///   binary-tree strategies btlazy2 and up, of
///   compression_parameters::from_level(level, target_size,
///   reference.size())), as zstd's "long mode automatically triggered";
/// - `source_size` = `target_size` (pledged: the frame records it, and a
///   target of another size is errc::src_size_wrong);
/// - `window_log_max` raised to the window, so the same parameters also
///   decode the patch.
///
/// Everything else comes from `base` (level, checksum, threads, knobs).
/// Copy the result freely: the reference's bytes are shared, not copied.
/// Frames made with it decode with zstd's `--patch-from=REF -d` and with
/// apply_patch_params().  As with zstd, threads (`base.threads`) make larger
/// patches: libzstd's workers let only the first job see the reference.
///
/// @param reference the old version; its bytes are used as raw content.
/// @param target_size the exact size of the new version.
/// @param base level and other settings (a level converts implicitly).
/// @throw std::invalid_argument when `target_size` is unknown_size (zstd:
///        "--patch-from with stdin requires --stream-size"), when `base.dict`
///        is set, or for a level out of range; zstd_error
///        (errc::parameter_unsupported) when the reference or the target is
///        larger than libzstd's largest window (2 GiB), and
///        (errc::library_mismatch) when the loaded libzstd is not the one
///        zstdio was built against (the level's parameters are experimental
///        API).
/// Thread safe.
ZSTDIO_DECL zstd_params make_patch_params(const zstd_dict& reference, std::uint64_t target_size,
                                          const zstd_params& base = {});

/// Parameters that apply patches made against `reference`: `patch_from` =
/// `reference`, and `window_log_max` raised to fit the reference (never
/// lowered), as zstd's `-d --patch-from` raises its memory limit to the
/// reference's size.  A patch whose target is larger than both the
/// reference and 2^base.window_log_max still fails with
/// errc::window_too_large: raise window_log_max (or decode with the
/// make_patch_params() that made it).  Each frame is decoded against the
/// reference; a patch made from another reference fails with
/// errc::checksum_wrong or errc::corruption_detected (the frames record no
/// dictionary id that could tell).
///
/// @throw std::invalid_argument when `base.dict` is set; zstd_error
///        (errc::parameter_unsupported) for a reference above 2 GiB.
/// Thread safe.
ZSTDIO_DECL zstd_params apply_patch_params(const zstd_dict& reference, const zstd_params& base = {});

} // namespace zstdio

#endif
