// zstdio CLI — the command line, as the zstd CLI speaks it.
#ifndef ZSTDIO_CLI_OPTIONS_HPP
#define ZSTDIO_CLI_OPTIONS_HPP

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace zstdio_cli {

/// What the tool is asked to do.
enum class operation { compress, decompress, test, list, train };

/// The name standing for standard input / output.
inline const std::string standard_stream = "-";

/// Everything the command line says, with zstd's defaults.
struct options {
    operation op = operation::compress;
    int level = 3;                      ///< after --ultra / --fast are resolved
    bool to_stdout = false;             ///< -c
    std::optional<std::string> output;  ///< -o FILE (one output for every input)
    bool force = false;                 ///< -f: overwrite, write to a console
    bool remove_source = false;         ///< --rm (the default is -k)
    int verbosity = 2;                  ///< 0 -qq, 1 -q, 2 default, 3 -v, 4 -vv
    std::optional<std::string> dictionary; ///< -D DICT
    int threads = 0;                    ///< -T#: 0 = calling thread, -1 = all cores (-T0)
    std::optional<int> long_window;     ///< --long[=#]: window log for long matching
    bool checksum = true;               ///< --check / --no-check
    std::size_t max_dict = 112640;      ///< --maxdict=# (zstd's default, 110 KiB)
    std::vector<std::string> inputs;    ///< files; "-" (or none) is standard input
    bool help = false;
    bool version = false;
    std::vector<std::string> warnings;  ///< things worth telling (level reduced...)
};

/// A command line that cannot be obeyed; what() says why.
struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Reads argv the way `zstd` does: short flags combine (`-dcf`, `-19`, `-T4`),
/// `--long[=#]`, `--fast[=#]`, `--ultra`, `--` ends the options.
/// @throw usage_error for an unknown option or a bad number.
options parse_arguments(int argc, char** argv);

/// The text `zstdio -h` prints.
std::string usage_text();

} // namespace zstdio_cli

#endif
