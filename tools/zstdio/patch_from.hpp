// zstdio CLI — --patch-from=REF set up as zstd sets it up before the first
// byte (programs/fileio.c): the sizes it needs and refuses, and its notes.
// The window and long-mode rules themselves are the library's
// (zstdio::make_patch_params / apply_patch_params, used by actions.cpp).
#ifndef ZSTDIO_CLI_PATCH_FROM_HPP
#define ZSTDIO_CLI_PATCH_FROM_HPP

#include "console.hpp"
#include "options.hpp"

#include <zstdio/params.hpp>

#include <cstdint>
#include <string>

namespace zstdio_cli {

/// The exit status of zstd's refusals below ("zstd: error 42 : ...").
inline constexpr int patch_from_refused = 42;

/// The size a patch's window is made for: --stream-size=# when given, else
/// the input's size (a regular file), else zstdio::unknown_size.
std::uint64_t patch_target_size(const options& o, const std::string& input);

/// zstd's limits: compressing, the target's size must be known ("Using
/// --patch-from with stdin requires --stream-size"); in both directions the
/// reference, the target and the memory limit must fit libzstd's largest
/// window ("Can't handle files larger than 2 GB").  Prints zstd's line and
/// returns false when one is not met.
bool patch_from_within_limits(const options& o, const console& con, std::uint64_t reference_size,
                              std::uint64_t target_size);

/// zstd's notes before compressing a patch with `made`
/// (compression_settings()): the window capped, "long mode automatically
/// triggered" unless --long was given, and the optimal parser's advice at
/// levels using btopt or stronger.  All at verbosity 1, as zstd 1.5.4.
void show_patch_notes(const options& o, const console& con, const zstdio::zstd_params& made,
                      std::uint64_t reference_size, std::uint64_t target_size);

} // namespace zstdio_cli

#endif
