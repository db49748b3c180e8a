// zstdio CLI — which files an invocation works on (-r, --filelist, links)
// and what their outputs are called (suffixes, --output-dir-flat,
// --output-dir-mirror), as zstd 1.5 decides.
#ifndef ZSTDIO_CLI_FILE_NAMES_HPP
#define ZSTDIO_CLI_FILE_NAMES_HPP

#include "console.hpp"
#include "options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace zstdio_cli {

/// The inputs of `o`: command-line names, then the names listed in each
/// --filelist file; symbolic links dropped (with a warning) unless -f or
/// zstdcat; directories expanded into their files, in name order, with -r.
/// @throw reported_error when a --filelist cannot be read.
/// @return the list, or nullopt when every name given was a link (zstd then
///         exits with status 1); `given` tells how many names there were
///         before expansion (zstd tells "no input" from "empty directories").
std::optional<std::vector<std::string>> expand_inputs(const options& o, const console& con, std::size_t& given);

/// FILE.zst (or the --format suffix) in place, or in --output-dir-flat DIR.
std::string compressed_name(const std::string& input, const std::string& suffix, const std::optional<std::string>& dir);

/// FILE without .zst/.zstd/.gz/.xz/.lzma (.tzst/.tgz/.txz become .tar),
/// in place or in --output-dir-flat DIR.
/// @throw reported_error "F: unknown suffix (...expected). Can't derive ..."
std::string decompressed_name(const std::string& input, const std::optional<std::string>& dir);

/// With --output-dir-mirror ROOT: ROOT/ + the input's directory (leading
/// "./" and "/" removed), created with the source directory's mode.
/// nullopt for a name that cannot be mirrored (one with ".." in it).
std::optional<std::string> mirrored_directory(const std::string& input, const std::string& root);

/// Warns (verbosity 2) about inputs that share a base name when they all go
/// to one --output-dir-flat: their outputs would collide.
void warn_name_collisions(const std::vector<std::string>& inputs, const console& con);

/// True when `name` ends with a compressed-file suffix (--exclude-compressed):
/// .zst .tzst .gz .tgz .lzma .xz .txz .lz4 .tlz4.
bool has_compressed_suffix(const std::string& name);

} // namespace zstdio_cli

#endif
