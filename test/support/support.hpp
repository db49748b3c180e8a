// zstdio tests — shared helpers: test data, temporary files, the zstd CLI.
#ifndef ZSTDIO_TEST_SUPPORT_HPP
#define ZSTDIO_TEST_SUPPORT_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace zstdio_test {

/// Incompressible bytes, reproducible from `seed`.
std::string random_bytes(std::size_t size, std::uint32_t seed = 1);
/// English-like text (words from a small vocabulary, lines), compresses ~3-4x.
std::string text(std::size_t size, std::uint32_t seed = 1);
/// Highly compressible bytes (long repeats), compresses > 100x.
std::string repetitive(std::size_t size);

/// A new version of `old`, as an edit of a file makes one: in every
/// `spacing` bytes (of more than 200), 16 bytes changed, 32 new bytes
/// inserted and 24 deleted; the new bytes are random_bytes from `seed`.
std::string edited(const std::string& old, std::size_t spacing, std::uint32_t seed = 7);

/// Sizes worth round-tripping: 0, 1, around block/buffer edges, up to ~1 MiB.
std::vector<std::size_t> interesting_sizes();

/// `v` as `bytes` little-endian bytes.
std::string little_endian(std::uint64_t v, int bytes);
/// The little-endian 32-bit value at `s[at]`.
std::uint32_t get_le32(const std::string& s, std::size_t at);
/// Writes `v` little-endian at `s[at]`.
void set_le32(std::string& s, std::size_t at, std::uint32_t v);

/// The bytes scripts/seekable-contrib.sh gives zstd's contrib seekable
/// compressor to make test/data/seekable/ (its gen.c must agree): "lines"
/// are numbered lines of words, anything else a 32-bit LCG from `seed` over
/// 8 letters.
std::string contrib_input(const std::string& kind, std::size_t size, std::uint32_t seed);

/// A temporary directory removed (with its contents) on destruction.
class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    /// Path of a file named `name` inside the directory.
    std::string path(const std::string& name) const;

private:
    std::string dir_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

/// Result of a shell command.
struct command_result {
    int status;         ///< exit status (or -1 if it did not exit normally)
    std::string output; ///< stdout and stderr together
};
/// Runs `command` with /bin/sh.
command_result run(const std::string& command);
/// Quotes a path for the shell.
std::string quote(const std::string& s);

/// Runs the real `zstd` CLI with `args` on `input` (given on stdin); returns
/// its stdout.  Throws std::runtime_error with zstd's message if it fails.
std::string zstd_cli(const std::string& args, const std::string& input);
/// Same, but returns status and output (stderr) without throwing.
command_result zstd_cli_status(const std::string& args, const std::string& input);

/// The folder with zstd's golden files: $ZSTDIO_TESTDATA/zstd-golden, else
/// ../shared/testdata/zstd-golden from the working directory.  Throws if absent.
std::string golden_dir();
/// Files in a folder, sorted, full paths.
std::vector<std::string> list_files(const std::string& dir);

} // namespace zstdio_test

#endif
