// zstdio CLI — the command line, as the zstd 1.5 CLI speaks it.
#ifndef ZSTDIO_CLI_OPTIONS_HPP
#define ZSTDIO_CLI_OPTIONS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace zstdio_cli {

/// What the tool is asked to do.
enum class operation { compress, decompress, test, list, train, bench };

/// The format written when compressing (--format=, or the program name).
enum class output_format { zstd, gzip, xz, lzma };

/// A three-way switch: libzstd decides, forced on, forced off.
enum class tri_state { automatic, on, off };

/// --train, --train-cover[=...], --train-fastcover[=...], --train-legacy[=...].
enum class training_algorithm { fastcover, cover, legacy };

/// --range=FROM:TO or --range=FROM+LENGTH: the decompressed bytes [from, to)
/// to extract.  Offsets past the end are clamped to it (as `tail -c` and
/// `dd` do); `to` unset means the end.
struct byte_range {
    std::uint64_t from = 0;
    std::optional<std::uint64_t> to;
};

/// The name standing for standard input / output.
inline const std::string standard_stream = "-";

/// Settings of the cover and fastcover dictionary builders, with the zstd
/// CLI's defaults; k = 0 or d = 0 means "optimize" (search for the best).
struct cover_settings {
    unsigned k = 0;
    unsigned d = 8;
    unsigned f = 20;     ///< fastcover only
    unsigned steps = 4;
    unsigned accel = 1;  ///< fastcover only
    double split = 1.0;  ///< share of samples used for training (1.0 for cover, 0.75 for fastcover)
    bool shrink = false; ///< shrink[=#]: the smallest dictionary within # % of the best
    unsigned shrink_max_regression = 1;
};

/// Match-finder settings given with --zstd=wlog=#,clog=#,... (0 = not given)
/// and --long's window.
struct advanced_settings {
    unsigned window_log = 0, chain_log = 0, hash_log = 0, search_log = 0, min_match = 0,
             target_length = 0, strategy = 0, overlap_log = 0;
    unsigned ldm_hash_log = 0, ldm_min_match = 0, ldm_bucket_size_log = 0, ldm_hash_rate_log = 0;
};

/// Everything the command line (and program name, and ZSTD_CLEVEL /
/// ZSTD_NBTHREADS) says, with the zstd CLI's defaults.
struct options {
    std::string program_name = "zstd"; ///< base name of argv[0], used in messages
    operation op = operation::compress;

    // --- levels --------------------------------------------------------
    int level = 3;            ///< from ZSTD_CLEVEL, -#, --fast[=#] (capped at 19 or 22 later)
    bool ultra = false;       ///< --ultra: levels above 19
    int dictionary_level = 3; ///< compression level a trained dictionary is tuned for

    // --- where output goes ----------------------------------------------
    std::optional<std::string> output; ///< -o FILE, or "-" for -c / --stdout
    std::optional<std::string> output_dir_flat;   ///< --output-dir-flat DIR
    std::optional<std::string> output_dir_mirror; ///< --output-dir-mirror DIR
    std::string suffix = ".zst";   ///< of compressed files (.gz, .xz, .lzma with --format)
    bool force = false;            ///< -f: overwrite, links, devices, console, pass-through
    bool force_stdout = false;     ///< -c or -f: write to a console
    bool force_stdin = false;      ///< -f: read from a console
    bool follow_links = false;     ///< -f or zstdcat: operate on symbolic links
    bool allow_block_devices = false; ///< -f
    bool remove_source = false;    ///< --rm (the default is -k)
    bool sparse = true;            ///< --[no-]sparse (accepted; see doc/cli.md)

    // --- inputs ----------------------------------------------------------
    std::vector<std::string> inputs;     ///< in command-line order; "-" is standard input
    std::vector<std::string> file_lists; ///< --filelist FILE
    bool recursive = false;              ///< -r
    bool exclude_compressed = false;     ///< --exclude-compressed

    // --- messages ----------------------------------------------------------
    int verbosity = 2;                  ///< 0 -qq, 1 -q, 2 default, 3 -v, 4 -vv ...
    tri_state progress = tri_state::automatic; ///< --[no-]progress
    bool fake_stdin_console = false;    ///< --fake-stdin-is-console (for tests)
    bool fake_stdout_console = false;   ///< --fake-stdout-is-console
    bool fake_stderr_console = false;   ///< --fake-stderr-is-console
    bool show_default_cparams = false;  ///< --show-default-cparams

    // --- compression -------------------------------------------------------
    output_format format = output_format::zstd;
    std::optional<bool> checksum;       ///< --check / -C / --no-check (both directions)
    bool content_size = true;           ///< --[no-]content-size
    bool dict_id = true;                ///< --no-dictID
    int threads = 1;                    ///< -T#, --threads=#, ZSTD_NBTHREADS; 0 = one per core
    bool single_thread = false;         ///< --single-thread: no worker thread at all
    bool logical_cores = false;         ///< --auto-threads=logical (default physical)
    std::size_t block_size = 0;         ///< -B#, --block-size=#: job size (compression),
                                        ///< chunk size (--train, -b)
    bool rsyncable = false;             ///< --rsyncable
    bool long_mode = false;             ///< --long[=#]
    advanced_settings advanced;         ///< --zstd=..., --long=# (window_log)
    bool adapt = false;                 ///< --adapt[=min=#,max=#]
    int adapt_min = -131072, adapt_max = 22; ///< replaced by the library's bounds when parsing
    std::uint64_t stream_size = 0;      ///< --stream-size=#: 0 = not given
    std::uint64_t size_hint = 0;        ///< --size-hint=#
    std::uint64_t target_block_size = 0; ///< --target-compressed-block-size=#
    tri_state literals = tri_state::automatic;          ///< --[no-]compress-literals
    tri_state row_match_finder = tri_state::automatic;  ///< --[no-]row-match-finder
    std::optional<std::string> dictionary;  ///< -D DICT
    std::optional<std::string> patch_from;  ///< --patch-from=REF

    // --- decompression -----------------------------------------------------
    std::uint32_t memory_limit = 0;       ///< -M#, --memory=#: bytes; 0 = not given
    std::optional<bool> pass_through;     ///< --[no-]pass-through; unset = default
    std::optional<byte_range> range;      ///< --range=FROM:TO (doc/cli.md, "Beyond zstd")
    /// --seekable[=SIZE]: write zstd's seekable format, a frame per SIZE
    /// bytes of input (default 1 MiB; doc/cli.md, "Beyond zstd").
    std::optional<std::uint64_t> seekable_frame_size;

    // --- dictionary builder --------------------------------------------------
    training_algorithm training = training_algorithm::fastcover;
    cover_settings cover;                 ///< --train-cover=...
    cover_settings fastcover{0, 8, 20, 4, 1, 0.75, false, 1}; ///< --train / --train-fastcover=...
    unsigned selectivity = 9;             ///< --train-legacy=s=#, -s#
    std::uint32_t max_dict = 112640;      ///< --maxdict=# (110 KiB)
    std::uint32_t dict_id_value = 0;      ///< --dictID=#: 0 = random

    // --- benchmark -------------------------------------------------------------
    int bench_last_level = -1000000;      ///< -e#: last level (default: the -b level)
    unsigned bench_seconds = 3;           ///< -i#
    bool bench_separate = false;          ///< -S: one result per file
    bool bench_decode_only = false;       ///< -b -d: inputs are .zst, time decoding only
    double compressibility = 0.5;         ///< -P#: of the synthetic sample
    bool realtime_priority = false;       ///< --priority=rt

    bool help_short = false;              ///< -h
    bool help_long = false;               ///< -H, --help
    bool version = false;                 ///< -V, --version
    bool pause = false;                   ///< -p: wait for Enter at the end

    /// ZSTD_CLEVEL / ZSTD_NBTHREADS values ignored, in zstd's words (shown whatever
    /// the verbosity: zstd reads its environment before -q).
    std::vector<std::string> warnings;
};

/// A command line that cannot be obeyed.  what() is the message zstd prints
/// (e.g. "error: numeric value overflows 32-bit unsigned int"); `bad_usage`
/// means "Incorrect parameters" plus the short usage.  Exit status 1.
struct usage_error : std::runtime_error {
    explicit usage_error(const std::string& message, bool bad_usage = false)
        : std::runtime_error(message), bad_usage(bad_usage)
    {
    }
    bool bad_usage;
};

/// Reads argv the way `zstd` 1.5 does: short flags combine (`-dcf`, `-19`,
/// `-T4`, `-o FILE`, `-oFILE`), long flags with `=` or a separate argument,
/// `--` ends the options; the program name (zstdcat, unzstd, zstdmt, gzip,
/// ...) and ZSTD_CLEVEL / ZSTD_NBTHREADS set defaults first.
/// @param environment_level  value of ZSTD_CLEVEL, if set
/// @param environment_threads value of ZSTD_NBTHREADS, if set
/// @throw usage_error
options parse_arguments(int argc, const char* const* argv, const char* environment_level = nullptr,
                        const char* environment_threads = nullptr);

/// The text `zstd -h` prints (short), and `-H` / `--help` (everything).
std::string usage_text(const std::string& program_name);
std::string advanced_usage_text(const std::string& program_name);

/// "*** Zstandard CLI (64-bit) v1.5.4, by Yann Collet ***"-like banner
/// (the tool's own name and the linked libzstd's version).
std::string welcome_message();

} // namespace zstdio_cli

#endif
