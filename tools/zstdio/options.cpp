// zstdio CLI — command-line parsing.
#include "options.hpp"

#include <zstdio/params.hpp>

#include <cctype>
#include <limits>

namespace zstdio_cli {
namespace {

// A decimal number with an optional K/KB/KiB/M/MB/MiB suffix, as zstd reads
// --maxdict=# and friends.
unsigned long long parse_number(const std::string& text, const std::string& option)
{
    std::size_t i = 0;
    unsigned long long value = 0;
    if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0])))
        throw usage_error(option + ": a number is expected, not '" + text + "'");
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
        if (value > (std::numeric_limits<unsigned long long>::max() - 9) / 10)
            throw usage_error(option + ": number too large");
        value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    const std::string suffix = text.substr(i);
    if (suffix.empty())
        return value;
    if (suffix == "K" || suffix == "KB" || suffix == "KiB")
        return value << 10;
    if (suffix == "M" || suffix == "MB" || suffix == "MiB")
        return value << 20;
    throw usage_error(option + ": unknown size suffix '" + suffix + "'");
}

int parse_small(const std::string& text, const std::string& option)
{
    const unsigned long long v = parse_number(text, option);
    if (v > 1000000)
        throw usage_error(option + ": " + text + " is too large");
    return static_cast<int>(v);
}

// "--name=value" -> value, when `arg` starts with "--name=".
bool long_value(const std::string& arg, const std::string& name, std::string& value)
{
    const std::string prefix = name + "=";
    if (arg.compare(0, prefix.size(), prefix) != 0)
        return false;
    value = arg.substr(prefix.size());
    return true;
}

} // namespace

options parse_arguments(int argc, char** argv)
{
    options o;
    std::optional<int> numeric_level;
    std::optional<int> fast_level;
    bool ultra = false;
    bool options_ended = false;

    auto next_argument = [&](int& i, const std::string& flag) -> std::string {
        if (i + 1 >= argc)
            throw usage_error(flag + ": missing argument");
        return argv[++i];
    };

    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (options_ended || arg.empty() || arg[0] != '-' || arg == standard_stream) {
            o.inputs.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_ended = true;
            continue;
        }
        if (arg.compare(0, 2, "--") == 0) {
            std::string value;
            if (arg == "--decompress" || arg == "--uncompress") o.op = operation::decompress;
            else if (arg == "--compress") o.op = operation::compress;
            else if (arg == "--stdout") o.to_stdout = true;
            else if (arg == "--force") o.force = true;
            else if (arg == "--keep") o.remove_source = false;
            else if (arg == "--rm") o.remove_source = true;
            else if (arg == "--quiet") --o.verbosity;
            else if (arg == "--verbose") ++o.verbosity;
            else if (arg == "--test") o.op = operation::test;
            else if (arg == "--list") o.op = operation::list;
            else if (arg == "--check") o.checksum = true;
            else if (arg == "--no-check") o.checksum = false;
            else if (arg == "--ultra") ultra = true;
            else if (arg == "--long") o.long_window = 27;
            else if (long_value(arg, "--long", value)) o.long_window = parse_small(value, "--long");
            else if (arg == "--fast") fast_level = 1;
            else if (long_value(arg, "--fast", value)) fast_level = parse_small(value, "--fast");
            else if (arg == "--train") o.op = operation::train;
            else if (long_value(arg, "--maxdict", value))
                o.max_dict = static_cast<std::size_t>(parse_number(value, "--maxdict"));
            else if (long_value(arg, "--threads", value)) o.threads = parse_small(value, "--threads");
            else if (arg == "--help") o.help = true;
            else if (arg == "--version") o.version = true;
            else throw usage_error(arg + ": unknown option");
            continue;
        }
        // Short flags, combinable: -dcf, -19, -T4, -vv, -D dict, -o out.
        for (std::size_t j = 1; j < arg.size(); ++j) {
            const char c = arg[j];
            if (std::isdigit(static_cast<unsigned char>(c))) {
                std::size_t end = j;
                while (end < arg.size() && std::isdigit(static_cast<unsigned char>(arg[end])))
                    ++end;
                numeric_level = parse_small(arg.substr(j, end - j), "-#");
                j = end - 1;
                continue;
            }
            switch (c) {
            case 'd': o.op = operation::decompress; break;
            case 'z': o.op = operation::compress; break;
            case 'c': o.to_stdout = true; break;
            case 'f': o.force = true; break;
            case 'k': o.remove_source = false; break;
            case 'q': --o.verbosity; break;
            case 'v': ++o.verbosity; break;
            case 't': o.op = operation::test; break;
            case 'l': o.op = operation::list; break;
            case 'h':
            case 'H': o.help = true; break;
            case 'V': o.version = true; break;
            case 'D':
            case 'o': {
                // The value is the rest of this argument, or the next one.
                std::string value = arg.substr(j + 1);
                if (value.empty())
                    value = next_argument(i, std::string("-") + c);
                (c == 'D' ? o.dictionary : o.output) = value;
                j = arg.size();
                break;
            }
            case 'T': {
                std::size_t end = j + 1;
                while (end < arg.size() && std::isdigit(static_cast<unsigned char>(arg[end])))
                    ++end;
                if (end == j + 1)
                    throw usage_error("-T: a number of threads is expected (-T0 = all cores)");
                const int n = parse_small(arg.substr(j + 1, end - j - 1), "-T");
                o.threads = n == 0 ? -1 : n;
                j = end - 1;
                break;
            }
            default: throw usage_error(std::string("-") + c + ": unknown option");
            }
        }
    }

    // Levels, as zstd resolves them: --fast=N wins, then -#, capped at 19
    // unless --ultra, and at the library's maximum.
    if (fast_level) {
        if (*fast_level == 0)
            throw usage_error("--fast: the acceleration must be at least 1");
        o.level = -std::min(*fast_level, -zstdio::min_compression_level());
    } else if (numeric_level) {
        int level = *numeric_level;
        if (level == 0)
            level = zstdio::default_compression_level(); // libzstd: 0 = default
        const int cap = ultra ? zstdio::max_compression_level() : 19;
        if (level > cap) {
            o.warnings.push_back("compression level higher than max, reduced to " + std::to_string(cap) +
                                 (ultra ? "" : " (use --ultra for levels up to " +
                                                   std::to_string(zstdio::max_compression_level()) + ")"));
            level = cap;
        }
        o.level = level;
    }
    if (o.long_window && (*o.long_window < 10 || *o.long_window > 31))
        throw usage_error("--long: the window log must be between 10 and 31");
    if (o.inputs.empty() && o.op != operation::train)
        o.inputs.push_back(standard_stream);
    return o;
}

std::string usage_text()
{
    return "Usage: zstdio [OPTIONS...] [INPUT... | -] [-o OUTPUT]\n"
           "Compress or decompress INPUT files with zstd (reads stdin when INPUT is - or absent).\n"
           "\n"
           "  -#            compression level 1-19 (default 3); --ultra unlocks 20-22\n"
           "  --fast[=N]    fast level -N (default 1)\n"
           "  -d            decompress            -t  test compressed files\n"
           "  -l            list frame information (-lv: in detail)\n"
           "  -c            write to standard output\n"
           "  -o FILE       write every output to FILE\n"
           "  -f            overwrite existing files, write to a console\n"
           "  -k            keep input files (default)   --rm  remove them after success\n"
           "  -q / -v       quieter / more verbose\n"
           "  -D DICT       use the dictionary DICT\n"
           "  -T#           compress with # worker threads (-T0: one per core)\n"
           "  --long[=#]    long distance matching with a window of 2^# (default 27);\n"
           "                when decompressing, accept windows up to 2^#\n"
           "  --check / --no-check   write a checksum in each frame (default: yes)\n"
           "  --train FILES -o DICT [--maxdict=#]   train a dictionary (default 110 KiB)\n"
           "  -V            version               -h  this help\n";
}

} // namespace zstdio_cli
