// zstdio CLI — command-line parsing, following the zstd 1.5.4 CLI.
#include "options.hpp"

#include <zstdio/params.hpp>
#include <zstdio/seekable_compressor.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace zstdio_cli {
namespace {

const char* const only_numbers =
    "error: only numeric values with optional suffixes K, KB, KiB, M, MB, MiB are allowed ";

/// Reads a decimal number with an optional K / M suffix (then an optional
/// "i" and "B": 4K, 4KB, 4KiB), advancing `p` past it, as zstd reads every
/// number.  Returns false on overflow of `Int`.
template <class Int>
bool read_number(const char*& p, Int& value)
{
    Int result = 0;
    const Int max = std::numeric_limits<Int>::max();
    for (; *p >= '0' && *p <= '9'; ++p) {
        const Int digit = static_cast<Int>(*p - '0');
        if (result > (max - digit) / 10)
            return false;
        result = result * 10 + digit;
    }
    if (*p == 'K' || *p == 'M') {
        const int shift = *p == 'K' ? 10 : 20;
        if (result > (max >> shift))
            return false;
        result <<= shift;
        ++p;
        if (*p == 'i')
            ++p;
        if (*p == 'B')
            ++p;
    }
    value = result;
    return true;
}

/// A 32-bit unsigned number at `p` (advanced), or the zstd CLI's overflow error.
unsigned read_u32(const char*& p)
{
    unsigned v;
    if (!read_number(p, v))
        throw usage_error("error: numeric value overflows 32-bit unsigned int ");
    return v;
}

std::uint64_t read_size(const char*& p)
{
    std::uint64_t v;
    if (!read_number(p, v))
        throw usage_error("error: numeric value overflows size_t ");
    return v;
}

/// An offset of --range: a 64-bit number in zstd's syntax, with G (GiB) as
/// well as K and M, since offsets into big files need it.
std::uint64_t read_offset(const char*& p)
{
    if (*p < '0' || *p > '9')
        throw usage_error("error: --range takes FROM:TO or FROM+LENGTH, numbers with optional suffixes K, M, G ");
    std::uint64_t v;
    if (!read_number(p, v))
        throw usage_error("error: numeric value overflows 64-bit unsigned int ");
    if (*p == 'G') {
        if (v > (std::numeric_limits<std::uint64_t>::max() >> 30))
            throw usage_error("error: numeric value overflows 64-bit unsigned int ");
        v <<= 30;
        ++p;
        if (*p == 'i')
            ++p;
        if (*p == 'B')
            ++p;
    }
    return v;
}

/// --range's value: FROM:TO (either may be left out: 1M: is to the end,
/// :4K the first 4 KiB) or FROM+LENGTH.
byte_range parse_range(const char* p)
{
    byte_range r;
    if (*p != ':' && *p != '+')
        r.from = read_offset(p);
    if (*p == ':') {
        ++p;
        if (*p)
            r.to = read_offset(p);
    } else if (*p == '+') {
        ++p;
        const std::uint64_t length = read_offset(p);
        if (length > std::numeric_limits<std::uint64_t>::max() - r.from)
            throw usage_error("error: numeric value overflows 64-bit unsigned int ");
        r.to = r.from + length;
    } else {
        throw usage_error("error: --range takes FROM:TO or FROM+LENGTH, numbers with optional suffixes K, M, G ");
    }
    if (*p)
        throw usage_error(only_numbers);
    if (r.to && *r.to < r.from)
        throw usage_error("error: --range=FROM:TO ends before it starts ");
    return r;
}

int read_signed(const char*& p)
{
    const bool negative = *p == '-';
    if (negative)
        ++p;
    unsigned v;
    if (!read_number(p, v) || v > static_cast<unsigned>(std::numeric_limits<int>::max()))
        throw usage_error("error: numeric value overflows 32-bit int ");
    return negative ? -static_cast<int>(v) : static_cast<int>(v);
}

/// zstd's name matching: `name` is `test`, possibly followed by an extension.
bool name_is(const std::string& name, const char* test)
{
    const std::size_t n = std::strlen(test);
    return name.compare(0, n, test) == 0 && (name.size() == n || name[n] == '.');
}

/// Parses "key=#,key=#" lists (--zstd=, --train-cover=, --adapt=): calls
/// `field(key)` for each key and expects it to consume the number.
template <class Field>
bool parse_list(const char* p, Field field)
{
    while (*p) {
        const char* eq = std::strchr(p, '=');
        const char* comma = std::strchr(p, ',');
        std::string key;
        if (eq && (!comma || eq < comma)) {
            key.assign(p, eq);
            p = eq + 1;
        } else {
            // A key without a value ("shrink").
            const char* end = comma ? comma : p + std::strlen(p);
            key.assign(p, end);
            p = end;
            if (!field(key, nullptr))
                return false;
            if (*p == ',')
                ++p;
            continue;
        }
        if (!field(key, &p))
            return false;
        if (*p == ',')
            ++p;
        else if (*p)
            return false;
    }
    return true;
}

bool parse_cover(const char* text, cover_settings& c, bool fast)
{
    cover_settings parsed = c;
    parsed.k = 0; // zstd clears the settings when some are given
    parsed.d = 0;
    parsed.steps = 0;
    if (fast) {
        parsed.f = 0;
        parsed.accel = 0;
    }
    parsed.split = fast ? 0.75 : 1.0;
    parsed.shrink = false;
    parsed.shrink_max_regression = 1;
    const bool ok = parse_list(text, [&](const std::string& key, const char** p) {
        if (key == "shrink") {
            parsed.shrink = true;
            parsed.shrink_max_regression = p ? read_u32(*p) : 1;
            return true;
        }
        if (!p)
            return false;
        if (key == "k") parsed.k = read_u32(*p);
        else if (key == "d") parsed.d = read_u32(*p);
        else if (key == "steps") parsed.steps = read_u32(*p);
        else if (key == "split") parsed.split = read_u32(*p) / 100.0;
        else if (fast && key == "f") parsed.f = read_u32(*p);
        else if (fast && key == "accel") parsed.accel = read_u32(*p);
        else return false;
        return true;
    });
    if (ok)
        c = parsed;
    return ok;
}

bool parse_advanced(const char* text, advanced_settings& a)
{
    return parse_list(text, [&](const std::string& key, const char** p) {
        if (!p)
            return false;
        struct entry {
            const char* name;
            const char* short_name;
            unsigned advanced_settings::*field;
        };
        static const entry entries[] = {
            {"windowLog", "wlog", &advanced_settings::window_log},
            {"chainLog", "clog", &advanced_settings::chain_log},
            {"hashLog", "hlog", &advanced_settings::hash_log},
            {"searchLog", "slog", &advanced_settings::search_log},
            {"minMatch", "mml", &advanced_settings::min_match},
            {"targetLength", "tlen", &advanced_settings::target_length},
            {"strategy", "strat", &advanced_settings::strategy},
            {"overlapLog", "ovlog", &advanced_settings::overlap_log},
            {"ldmHashLog", "lhlog", &advanced_settings::ldm_hash_log},
            {"ldmMinMatch", "lmml", &advanced_settings::ldm_min_match},
            {"ldmBucketSizeLog", "lblog", &advanced_settings::ldm_bucket_size_log},
            {"ldmHashRateLog", "lhrlog", &advanced_settings::ldm_hash_rate_log},
        };
        for (const entry& e : entries)
            if (key == e.name || key == e.short_name) {
                a.*e.field = read_u32(*p);
                return true;
            }
        return false;
    });
}

/// ZSTD_CLEVEL, as zstd reads it: [+|-]digits, else ignored with a warning.
int environment_level(const char* env, std::vector<std::string>& warnings)
{
    const int fallback = zstdio::default_compression_level();
    if (!env)
        return fallback;
    const char* p = env;
    int sign = 1;
    if (*p == '-' || *p == '+') {
        sign = *p == '-' ? -1 : 1;
        ++p;
    }
    if (*p >= '0' && *p <= '9') {
        unsigned v;
        if (!read_number(p, v) || v > static_cast<unsigned>(std::numeric_limits<int>::max())) {
            warnings.push_back(std::string("Ignore environment variable setting ZSTD_CLEVEL=") + env +
                               ": numeric value too large ");
            return fallback;
        }
        if (*p == 0)
            return sign * static_cast<int>(v);
    }
    warnings.push_back(std::string("Ignore environment variable setting ZSTD_CLEVEL=") + env +
                       ": not a valid integer value ");
    return fallback;
}

int environment_threads(const char* env, std::vector<std::string>& warnings)
{
    if (!env)
        return 1;
    const char* p = env;
    if (*p >= '0' && *p <= '9') {
        unsigned v;
        if (!read_number(p, v) || v > 200) {
            warnings.push_back(std::string("Ignore environment variable setting ZSTD_NBTHREADS=") + env +
                               ": numeric value too large ");
            return 1;
        }
        if (*p == 0)
            return static_cast<int>(v);
    }
    warnings.push_back(std::string("Ignore environment variable setting ZSTD_NBTHREADS=") + env +
                       ": not a valid unsigned value ");
    return 1;
}

void set_format(options& o, output_format f)
{
    static const char* const suffixes[] = {".zst", ".gz", ".xz", ".lzma"};
    o.format = f;
    o.suffix = suffixes[static_cast<int>(f)];
}

/// The program name's presets (zstdcat = -dcf, unzstd = -d, zstdmt = -T0, gzip, xz, ...).
void apply_program_name(options& o)
{
    const std::string& n = o.program_name;
    auto cat = [&] {
        o.op = operation::decompress;
        o.force = o.force_stdout = o.follow_links = true;
        o.pass_through = true;
        o.output = standard_stream;
        o.verbosity = 1;
    };
    if (name_is(n, "zstdmt")) {
        o.threads = 0;
        o.single_thread = false;
    }
    if (name_is(n, "unzstd"))
        o.op = operation::decompress;
    if (name_is(n, "zstdcat") || name_is(n, "zcat") || name_is(n, "gzcat"))
        cat();
    if (name_is(n, "gzip")) {
        set_format(o, output_format::gzip);
        o.remove_source = true;
        o.level = o.dictionary_level = 6;
    }
    if (name_is(n, "gunzip")) {
        o.op = operation::decompress;
        o.remove_source = true;
    }
    if (name_is(n, "lzma")) {
        set_format(o, output_format::lzma);
        o.remove_source = true;
    }
    if (name_is(n, "unlzma") || name_is(n, "unxz")) {
        o.op = operation::decompress;
        o.remove_source = true;
    }
    if (name_is(n, "xz")) {
        set_format(o, output_format::xz);
        o.remove_source = true;
    }
}

} // namespace

options parse_arguments(int argc, const char* const* argv, const char* env_level, const char* env_threads)
{
    options o;
    {
        std::string name = argc > 0 && argv[0] ? argv[0] : "zstd";
        const auto slash = name.rfind('/');
        if (slash != std::string::npos)
            name.erase(0, slash + 1);
        o.program_name = name;
    }
    o.level = o.dictionary_level = environment_level(env_level, o.warnings);
    o.threads = environment_threads(env_threads, o.warnings);
    o.adapt_min = zstdio::min_compression_level();
    o.adapt_max = zstdio::max_compression_level();
    apply_program_name(o);

    bool files_only = false;
    std::optional<int> fast_level;
    unsigned long_window = 0;

    for (int i = 1; i < argc; ++i) {
        const char* argument = argv[i];
        if (!argument)
            continue;
        if (files_only || argument[0] != '-' || std::strcmp(argument, "-") == 0) {
            o.inputs.emplace_back(argument);
            continue;
        }

        // The value of an option: after '=' in this argument, else the next
        // argument (which may not look like an option).
        auto field = [&](const char*& p) -> const char* {
            if (*p == '=') {
                const char* v = p + 1;
                p += std::strlen(p);
                return v;
            }
            if (*p != 0)
                throw usage_error("", true);
            if (++i >= argc)
                throw usage_error("error: missing command argument ");
            if (argv[i][0] == '-')
                throw usage_error("error: command cannot be separated from its argument by another command ");
            return argv[i];
        };
        auto number_field = [&](const char*& p, auto reader) {
            const char* v = field(p);
            const auto value = reader(v);
            if (*v != 0)
                throw usage_error(only_numbers);
            return value;
        };
        // "--name" exactly, or "--name" followed by '=' or nothing.
        auto with_value = [&](const char*& p, const char* name) {
            const std::size_t n = std::strlen(name);
            if (std::strncmp(p, name, n) != 0 || (p[n] != 0 && p[n] != '='))
                return false;
            p += n;
            return true;
        };

        if (argument[1] == '-') {
            const std::string a = argument;
            const char* p = argument;
            if (a == "--") files_only = true;
            else if (a == "--list") o.op = operation::list;
            else if (a == "--compress") o.op = operation::compress;
            else if (a == "--decompress" || a == "--uncompress") o.op = operation::decompress;
            else if (a == "--force") o.force = o.force_stdin = o.force_stdout = o.follow_links = o.allow_block_devices = true;
            else if (a == "--version") o.version = true;
            else if (a == "--help") o.help_long = true;
            else if (a == "--verbose") ++o.verbosity;
            else if (a == "--quiet") --o.verbosity;
            else if (a == "--stdout") { o.force_stdout = true; o.output = standard_stream; o.remove_source = false; }
            else if (a == "--ultra") o.ultra = true;
            else if (a == "--check") o.checksum = true;
            else if (a == "--no-check") o.checksum = false;
            else if (a == "--sparse") o.sparse = true;
            else if (a == "--no-sparse") o.sparse = false;
            else if (a == "--pass-through") o.pass_through = true;
            else if (a == "--no-pass-through") o.pass_through = false;
            else if (a == "--test") o.op = operation::test;
            else if (a == "--asyncio" || a == "--no-asyncio") {} // I/O overlap is always on (see doc/cli.md)
            else if (a == "--train") { o.op = operation::train; o.training = training_algorithm::fastcover; }
            else if (a == "--no-dictID") o.dict_id = false;
            else if (a == "--keep") o.remove_source = false;
            else if (a == "--rm") o.remove_source = true;
            else if (a == "--priority=rt") o.realtime_priority = true;
            else if (a == "--show-default-cparams") o.show_default_cparams = true;
            else if (a == "--content-size") o.content_size = true;
            else if (a == "--no-content-size") o.content_size = false;
            else if (a == "--adapt") o.adapt = true;
            else if (a == "--no-row-match-finder") o.row_match_finder = tri_state::off;
            else if (a == "--row-match-finder") o.row_match_finder = tri_state::on;
            else if (a.compare(0, 8, "--adapt=") == 0) {
                o.adapt = true;
                int lo = o.adapt_min, hi = o.adapt_max;
                const bool ok = parse_list(argument + 8, [&](const std::string& key, const char** q) {
                    if (!q)
                        return false;
                    if (key == "min") lo = read_signed(*q);
                    else if (key == "max") hi = read_signed(*q);
                    else return false;
                    return true;
                });
                if (!ok || lo > hi)
                    throw usage_error("", true);
                o.adapt_min = lo;
                o.adapt_max = hi;
            }
            else if (a == "--single-thread") { o.threads = 0; o.single_thread = true; }
            else if (a == "--format=zstd") set_format(o, output_format::zstd);
            else if (a == "--format=gzip") set_format(o, output_format::gzip);
            else if (a == "--format=xz") set_format(o, output_format::xz);
            else if (a == "--format=lzma") set_format(o, output_format::lzma);
            else if (name_is(o.program_name, "gzip") && a == "--best") o.level = o.dictionary_level = 9;
            else if (name_is(o.program_name, "gzip") && a == "--no-name") {} // nothing is stored anyway
            else if (a == "--rsyncable") o.rsyncable = true;
            else if (a == "--compress-literals") o.literals = tri_state::on;
            else if (a == "--no-compress-literals") o.literals = tri_state::off;
            else if (a == "--no-progress") o.progress = tri_state::off;
            else if (a == "--progress") o.progress = tri_state::on;
            else if (a == "--exclude-compressed") o.exclude_compressed = true;
            else if (a == "--fake-stdin-is-console") o.fake_stdin_console = true;
            else if (a == "--fake-stdout-is-console") o.fake_stdout_console = true;
            else if (a == "--fake-stderr-is-console") o.fake_stderr_console = true;
            else if (a == "--trace-file-stat") {} // a tracing build's option: no effect here
            else if (with_value(p, "--trace")) (void)field(p); // --trace FILE, as a tracing build: no effect
            else if (a.compare(0, 13, "--train-cover") == 0 && (a.size() == 13 || a[13] == '=')) {
                o.op = operation::train;
                o.training = training_algorithm::cover;
                if (a.size() == 13) {
                    o.cover = cover_settings{};
                    o.cover.d = o.cover.steps = 0;
                } else if (!parse_cover(argument + 14, o.cover, false)) {
                    throw usage_error("", true);
                }
            }
            else if (a.compare(0, 17, "--train-fastcover") == 0 && (a.size() == 17 || a[17] == '=')) {
                o.op = operation::train;
                o.training = training_algorithm::fastcover;
                if (a.size() == 17) {
                    o.fastcover = cover_settings{0, 0, 0, 0, 0, 0.75, false, 1};
                } else if (!parse_cover(argument + 18, o.fastcover, true)) {
                    throw usage_error("", true);
                }
            }
            else if (a.compare(0, 14, "--train-legacy") == 0 && (a.size() == 14 || a[14] == '=')) {
                o.op = operation::train;
                o.training = training_algorithm::legacy;
                if (a.size() > 14) {
                    const char* q = argument + 15;
                    if (std::strncmp(q, "s=", 2) == 0) q += 2;
                    else if (std::strncmp(q, "selectivity=", 12) == 0) q += 12;
                    else throw usage_error("", true);
                    o.selectivity = read_u32(q);
                    if (*q != 0)
                        throw usage_error("", true);
                }
            }
            else if (with_value(p, "--threads")) o.threads = static_cast<int>(number_field(p, read_u32));
            else if (with_value(p, "--memlimit") || with_value(p, "--memory") ||
                     with_value(p, "--memlimit-decompress"))
                o.memory_limit = number_field(p, read_u32);
            else if (with_value(p, "--block-size")) o.block_size = number_field(p, read_size);
            else if (with_value(p, "--maxdict")) o.max_dict = number_field(p, read_u32);
            else if (with_value(p, "--dictID")) o.dict_id_value = number_field(p, read_u32);
            else if (a.compare(0, 7, "--zstd=") == 0) {
                if (!parse_advanced(argument + 7, o.advanced))
                    throw usage_error("", true);
                set_format(o, output_format::zstd);
            }
            else if (with_value(p, "--stream-size")) o.stream_size = number_field(p, read_size);
            else if (with_value(p, "--target-compressed-block-size")) o.target_block_size = number_field(p, read_size);
            else if (with_value(p, "--size-hint")) o.size_hint = number_field(p, read_size);
            else if (with_value(p, "--output-dir-flat") || with_value(p, "--output-dir-mirror")) {
                const bool flat = a.compare(0, 17, "--output-dir-flat") == 0;
                const std::string dir = field(p);
                if (dir.empty())
                    throw usage_error("error: output dir cannot be empty string (did you mean to pass '.' instead?)");
                (flat ? o.output_dir_flat : o.output_dir_mirror) = dir;
            }
            else if (with_value(p, "--range")) o.range = parse_range(field(p));
            else if (a == "--seekable") o.seekable_frame_size = std::uint64_t{1} << 20;
            else if (with_value(p, "--seekable")) o.seekable_frame_size = number_field(p, read_size);
            else if (with_value(p, "--auto-threads")) o.logical_cores = std::strcmp(field(p), "logical") == 0;
            else if (with_value(p, "--patch-from")) o.patch_from = field(p);
            else if (with_value(p, "--filelist")) o.file_lists.emplace_back(field(p));
            else if (a.compare(0, 6, "--long") == 0 && (a.size() == 6 || a[6] == '=')) {
                o.long_mode = true;
                if (a.size() == 6) {
                    long_window = 27;
                } else {
                    const char* q = argument + 7;
                    long_window = read_u32(q);
                }
            }
            else if (a.compare(0, 6, "--fast") == 0 && (a.size() == 6 || a[6] == '=')) {
                if (a.size() == 6) {
                    fast_level = 1;
                } else {
                    const char* q = argument + 7;
                    unsigned v = read_u32(q);
                    const unsigned most = static_cast<unsigned>(-zstdio::min_compression_level());
                    v = std::min(v, most);
                    if (v == 0)
                        throw usage_error("", true);
                    fast_level = static_cast<int>(v);
                }
            }
            else throw usage_error("", true);
            continue;
        }

        // Short options; several may share one argument (-dcf, -19, -T4, -fo FILE).
        const char* p = argument + 1;
        while (*p) {
            if (*p >= '0' && *p <= '9') {
                o.level = o.dictionary_level = static_cast<int>(read_u32(p));
                fast_level.reset();
                continue;
            }
            const char c = *p++;
            switch (c) {
            case 'V': o.version = true; break;
            case 'H': o.help_long = true; break;
            case 'h': o.help_short = true; break;
            case 'z': o.op = operation::compress; break;
            case 'd':
                o.bench_decode_only = true;
                if (o.op != operation::bench)
                    o.op = operation::decompress;
                break;
            case 'c': o.force_stdout = true; o.output = standard_stream; o.remove_source = false; break;
            case 'n': break; // gzip's --no-name: nothing is stored anyway
            case 'D': o.dictionary = field(p); break;
            case 'f': o.force = o.force_stdin = o.force_stdout = o.follow_links = o.allow_block_devices = true; break;
            case 'v': ++o.verbosity; break;
            case 'q': --o.verbosity; break;
            case 'k': o.remove_source = false; break;
            case 'C': o.checksum = true; break;
            case 't': o.op = operation::test; break;
            case 'o': o.output = field(p); break;
            case 'M': o.memory_limit = read_u32(p); break;
            case 'l': o.op = operation::list; break;
            case 'r': o.recursive = true; break;
            case 'b': o.op = operation::bench; break;
            case 'e': o.bench_last_level = static_cast<int>(read_u32(p)); break;
            case 'i': o.bench_seconds = read_u32(p); break;
            case 'B': o.block_size = read_u32(p); break;
            case 'S': o.bench_separate = true; break;
            case 'T': o.threads = static_cast<int>(read_u32(p)); break;
            case 's': o.selectivity = read_u32(p); break;
            case 'p':
                if (*p >= '0' && *p <= '9')
                    (void)read_u32(p); // the benchmark's hidden extra parameter
                else
                    o.pause = true;
                break;
            case 'P': o.compressibility = read_u32(p) / 100.0; break;
            default: throw usage_error("", true);
            }
        }
    }

    if (fast_level)
        o.level = o.dictionary_level = -*fast_level;
    if (o.long_mode && o.advanced.window_log == 0)
        o.advanced.window_log = long_window;
    if (o.op == operation::train && !o.output)
        o.output = "dictionary";
    if (o.range && o.op != operation::decompress)
        throw usage_error("error: --range extracts decompressed bytes: use it with -d ");
    if (o.seekable_frame_size) {
        if (o.op != operation::compress)
            throw usage_error("error: --seekable writes compressed files: use it when compressing ");
        if (o.format != output_format::zstd)
            throw usage_error("error: --seekable writes the zstd format only ");
        if (*o.seekable_frame_size == 0 ||
            *o.seekable_frame_size > zstdio::seekable_compressor::max_frame_size)
            throw usage_error("error: --seekable=SIZE takes 1 byte to 1 GiB per frame ");
        if (o.adapt)
            throw usage_error("error: --seekable and --adapt cannot be used together ");
    }
    return o;
}

std::string welcome_message()
{
    return "*** Zstandard CLI (" + std::to_string(sizeof(void*) * 8) + "-bit) v" + zstdio::version_string() +
           ", zstdio " + std::to_string(ZSTDIO_VERSION_MAJOR) + "." + std::to_string(ZSTDIO_VERSION_MINOR) +
           "." + std::to_string(ZSTDIO_VERSION_PATCH) + " ***\n";
}

std::string usage_text(const std::string& program)
{
    return "Compress or decompress the INPUT file(s); reads from STDIN if INPUT is `-` or not provided.\n"
           "\n"
           "Usage: " + program + " [OPTIONS...] [INPUT... | -] [-o OUTPUT]\n"
           "\n"
           "Options:\n"
           "  -o OUTPUT                     Write output to a single file, OUTPUT.\n"
           "  -k, --keep                    Preserve INPUT file(s). [Default]\n"
           "  --rm                          Remove INPUT file(s) after successful (de)compression.\n"
           "\n"
           "  -#                            Compression level, `#` from 1 to 19: lower is faster,\n"
           "                                higher compresses better. [Default: 3]\n"
           "\n"
           "  -d, --decompress              Decompress.\n"
           "  -D DICT                       Use DICT as the dictionary for compression or decompression.\n"
           "\n"
           "  -f, --force                   Disable input and output checks: overwrite existing files, read\n"
           "                                from and write to a console, follow links, read block devices,\n"
           "                                and pass unrecognized formats through as-is.\n"
           "\n"
           "  -h                            Display short usage and exit.\n"
           "  -H, --help                    Display full help and exit.\n"
           "  -V, --version                 Display the program version and exit.\n"
           "\n";
}

std::string advanced_usage_text(const std::string& program)
{
    const std::string max_level = std::to_string(zstdio::max_compression_level());
    return welcome_message() + "\n" + usage_text(program) +
           "Advanced options:\n"
           "  -c, --stdout                  Write to STDOUT (even if it is a console) and keep the INPUT file(s).\n"
           "\n"
           "  -v, --verbose                 Verbose output; repeat for more.\n"
           "  -q, --quiet                   Suppress warnings; twice to suppress errors.\n"
           "\n"
           "  --[no-]progress               Show/hide the progress counter. [Default: shown on a console]\n"
           "\n"
           "  -r                            Operate recursively on directories.\n"
           "  --filelist LIST               Read a list of files to operate on from LIST.\n"
           "  --output-dir-flat DIR         Store processed files in DIR.\n"
           "  --output-dir-mirror DIR       Store processed files in DIR, respecting the original directory structure.\n"
           "\n"
           "  --[no-]check                  Add XXH64 integrity checksums during compression. [Default: Add, Validate]\n"
           "                                With -d, ignore/validate checksums during decompression.\n"
           "\n"
           "  --                            Treat remaining arguments after `--` as files.\n"
           "\n"
           "Advanced compression options:\n"
           "  --ultra                       Enable levels beyond 19, up to " + max_level + "; requires more memory.\n"
           "  --fast[=#]                    Use very fast compression levels. [Default: 1]\n"
           "  --adapt[=min=#,max=#]         Dynamically adapt the compression level to I/O conditions.\n"
           "  --long[=#]                    Enable long distance matching with window log #. [Default: 27]\n"
           "  --patch-from=REF              Use REF as the reference point for Zstandard's diff engine.\n"
           "\n"
           "  -T#                           Spawn # compression threads. [Default: 1; pass 0 for core count.]\n"
           "  --single-thread               Share a single thread for I/O and compression (slightly different than `-T1`).\n"
           "  --auto-threads={physical|logical}\n"
           "                                Use physical/logical cores when using `-T0`. [Default: Physical]\n"
           "\n"
           "  -B#                           Set job size to #. [Default: 0 (automatic)]\n"
           "  --rsyncable                   Compress using a rsync-friendly method (`-B` sets block size).\n"
           "\n"
           "  --exclude-compressed          Only compress files that are not already compressed.\n"
           "\n"
           "  --stream-size=#               Specify size of streaming input from STDIN.\n"
           "  --size-hint=#                 Optimize compression parameters for streaming input of approximately size #.\n"
           "  --target-compressed-block-size=#\n"
           "                                Generate compressed blocks of approximately # size.\n"
           "\n"
           "  --no-dictID                   Don't write `dictID` into the header (dictionary compression only).\n"
           "  --[no-]compress-literals      Force (un)compressed literals.\n"
           "  --[no-]row-match-finder       Explicitly enable/disable the fast, row-based matchfinder for\n"
           "                                the 'greedy', 'lazy', and 'lazy2' strategies.\n"
           "  --zstd=wlog=#,clog=#,hlog=#,slog=#,mml=#,tlen=#,strat=#,ovlog=#,lhlog=#,lmml=#,lblog=#,lhrlog=#\n"
           "                                Set match-finder parameters (long names such as windowLog= too).\n"
           "  --[no-]content-size           Write the content size in the frame header. [Default: when known]\n"
           "\n"
           "  --format=zstd                 Compress files to the `.zst` format. [Default]\n"
           "  --seekable[=SIZE]             Write zstd's seekable format: a frame per SIZE bytes\n"
           "                                [Default: 1 MiB], then a seek table; -T# compresses frames in parallel.\n"
           "  --format=gzip                 Compress files to the `.gz` format.\n"
           "  --format=xz                   Compress files to the `.xz` format.\n"
           "  --format=lzma                 Compress files to the `.lzma` format.\n"
           "\n"
           "Advanced decompression options:\n"
           "  -l                            Print information about Zstandard-compressed files.\n"
           "  --test                        Test compressed file integrity.\n"
           "  -M#                           Set the memory usage limit to # megabytes.\n"
           "  --[no-]sparse                 Enable sparse mode. [Default: Enabled for files, disabled for STDOUT.]\n"
           "  --range=FROM:TO               Write only the decompressed bytes FROM to TO (or FROM+LENGTH);\n"
           "                                needs -c or -o. Seekable files decode only the frames needed.\n"
           "  --[no-]pass-through           Pass through uncompressed files as-is. [Default: " +
           std::string(name_is(program, "zstdcat") || name_is(program, "zcat") || name_is(program, "gzcat")
                           ? "Enabled"
                           : "Disabled") +
           "]\n"
           "\n"
           "Dictionary builder:\n"
           "  --train                       Create a dictionary from a training set of files.\n"
           "\n"
           "  --train-cover[=k=#,d=#,steps=#,split=#,shrink[=#]]\n"
           "                                Use the cover algorithm (with optional arguments).\n"
           "  --train-fastcover[=k=#,d=#,f=#,steps=#,split=#,accel=#,shrink[=#]]\n"
           "                                Use the fast cover algorithm (with optional arguments).\n"
           "\n"
           "  --train-legacy[=s=#]          Use the legacy algorithm with selectivity #. [Default: 9]\n"
           "  -o NAME                       Use NAME as dictionary name. [Default: dictionary]\n"
           "  --maxdict=#                   Limit dictionary to specified size #. [Default: 112640]\n"
           "  --dictID=#                    Force dictionary ID to #. [Default: Random]\n"
           "\n"
           "Benchmark options:\n"
           "  -b#                           Perform benchmarking with compression level #. [Default: 3]\n"
           "  -e#                           Test all compression levels up to #; starting level is `-b#`. [Default: 1]\n"
           "  -i#                           Set the minimum evaluation to time # seconds. [Default: 3]\n"
           "  -B#                           Cut file into independent chunks of size #. [Default: No chunking]\n"
           "  -S                            Output one benchmark result per input file. [Default: Consolidated result]\n"
           "  --priority=rt                 Set process priority to real-time.\n";
}

} // namespace zstdio_cli
