// zstdio CLI — -b#: benchmark mode, shaped after zstd 1.5.4's
// programs/benchzstd.c and benchfn.c (what is timed, how long, what is
// printed where), measured with zstdio's compressor and decompressor.
#include "benchmark.hpp"

#include "file_names.hpp"

#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/params.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>
#include <sys/stat.h>

namespace zstdio_cli {
namespace {

constexpr double nanoseconds_per_second = 1e9;
constexpr double bytes_per_megabyte = 1e6; // zstd's speeds are in MB/s of 10^6 bytes
constexpr std::size_t synthetic_size = 10000000;
constexpr std::uint64_t largest_dictionary = 64 << 20;
constexpr std::size_t smallest_chunk = 32; // -B below this is ignored, as in zstd

/// A benchmark that cannot go on: zstd prints "Error <number> : <text>" (or
/// "Error : <text>" for a setting libzstd refuses, number 0) and exits with 1.
struct bench_error {
    int number;
    std::string text;
};

/// Results go to standard output, as zstd's, flushed at once so the progress
/// line moves.
class bench_output {
public:
    explicit bench_output(int verbosity) : verbosity_(verbosity) {}
    int verbosity() const noexcept { return verbosity_; }
    void show(int level, const std::string& text) const
    {
        if (verbosity_ < level)
            return;
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    }

private:
    int verbosity_;
};

/// Runs a piece of work over and over for a time budget (-i# seconds, at
/// least a millisecond) in rounds of about one second, and keeps the
/// fastest time per run.  A round too short to time reliably (under half
/// the round budget) is not counted; the number of runs per round grows
/// until a round lasts long enough.
class timed_runs {
public:
    explicit timed_runs(unsigned seconds)
        : budget_(seconds == 0 ? 1e6 : seconds * nanoseconds_per_second),
          round_budget_(std::min(nanoseconds_per_second, budget_))
    {
    }

    bool done() const noexcept { return spent_ >= budget_; }

    /// One round; returns the fastest nanoseconds per run seen so far.
    template <class Work>
    double measure(Work&& work)
    {
        for (;;) {
            const auto start = std::chrono::steady_clock::now();
            for (unsigned i = 0; i < runs_; ++i)
                work();
            const double elapsed =
                std::max(1.0, static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                      std::chrono::steady_clock::now() - start)
                                                      .count()));
            spent_ += elapsed;
            const double per_run = elapsed / runs_;
            if (elapsed > round_budget_ / 50)
                runs_ = static_cast<unsigned>(round_budget_ / std::min(fastest_, per_run)) + 1;
            else
                runs_ = std::min(runs_ * 10, std::numeric_limits<unsigned>::max() / 10);
            if (elapsed < round_budget_ / 2) // too short to trust
                continue;
            fastest_ = std::min(fastest_, per_run);
            return fastest_;
        }
    }

private:
    double budget_;
    double round_budget_;
    double spent_ = 0;
    double fastest_ = std::numeric_limits<double>::infinity();
    unsigned runs_ = 1;
};

/// A deterministic sample of `size` bytes in which a share `compressibility`
/// (0 to 1) of the bytes repeat earlier ones (at random distances up to
/// 32 KiB, in runs of 8 to 63 bytes) and the rest are random bytes.  Our own
/// generator: sizes differ from zstd's synthetic sample.
std::string synthetic_sample(std::size_t size, double compressibility)
{
    std::uint64_t state = 0x5A5D1CEu; // splitmix64, fixed seed
    const auto next = [&state] {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        return z ^ (z >> 31);
    };
    const auto chance = [&next] { return static_cast<double>(next() >> 11) / 9007199254740992.0; };
    std::string out;
    out.reserve(size);
    while (out.size() < size) {
        const std::size_t length = std::min<std::size_t>(size - out.size(), 8 + next() % 56);
        if (!out.empty() && chance() < compressibility) {
            const std::size_t distance = 1 + next() % std::min<std::size_t>(out.size(), 32 * 1024);
            const std::size_t from = out.size() - distance;
            for (std::size_t i = 0; i < length; ++i)
                out.push_back(out[from + i]); // may overlap what it writes: a run
        } else {
            for (std::size_t i = 0; i < length; i += 8) {
                const std::uint64_t r = next();
                for (std::size_t b = 0; b < 8 && i + b < length; ++b)
                    out.push_back(static_cast<char>(r >> (8 * b)));
            }
        }
    }
    return out;
}

/// Size of a regular file, or nothing (missing, a directory, a device).
std::optional<std::uint64_t> regular_file_size(const std::string& name)
{
    struct stat st;
    if (::stat(name.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return static_cast<std::uint64_t>(st.st_size);
}

struct file_closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

/// Appends `size` bytes of `name` to `bytes`, showing "Loading NAME..." as
/// zstd does.
void load_file(const std::string& name, std::uint64_t size, std::string& bytes, const bench_output& out)
{
    const std::unique_ptr<std::FILE, file_closer> f(std::fopen(name.c_str(), "rb"));
    if (!f)
        throw bench_error{10, "impossible to open file " + name};
    out.show(2, "Loading " + name + "...       \r");
    const std::size_t at = bytes.size();
    bytes.resize(at + static_cast<std::size_t>(size));
    if (std::fread(&bytes[at], 1, static_cast<std::size_t>(size), f.get()) != size)
        throw bench_error{11, "could not read " + name};
}

/// What is benchmarked: the inputs back to back, and each one's size.
struct bench_input {
    std::string bytes;
    std::vector<std::size_t> sizes;
    std::string name; ///< shown in the result line
};

bench_input load_inputs(const std::vector<std::string>& files, const bench_output& out)
{
    bench_input input;
    std::vector<std::uint64_t> sizes;
    for (const std::string& file : files) {
        const std::optional<std::uint64_t> size = regular_file_size(file);
        if (!size)
            throw bench_error{9, "Error loading files"};
        sizes.push_back(*size);
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        load_file(files[i], sizes[i], input.bytes, out);
        input.sizes.push_back(static_cast<std::size_t>(sizes[i]));
    }
    if (input.bytes.empty())
        throw bench_error{12, "no data to bench"};
    input.name = files.size() > 1 ? " " + std::to_string(files.size()) + " files" : files.front();
    return input;
}

/// The -D dictionary; none for an empty file, as libzstd.
std::optional<zstdio::zstd_dict> load_dictionary(const options& o, const console& con, const bench_output& out)
{
    if (!o.dictionary)
        return std::nullopt;
    const std::string& name = *o.dictionary;
    const std::optional<std::uint64_t> size = regular_file_size(name);
    if (!size) {
        const int error = errno;
        con.line(1, "error loading " + name + " : " + std::strerror(error != 0 ? error : EINVAL) + " ");
        throw bench_error{9, "benchmark aborted"};
    }
    if (*size > largest_dictionary)
        throw bench_error{10, "dictionary file " + name + " too large"};
    std::string bytes;
    load_file(name, *size, bytes, out);
    if (bytes.empty())
        return std::nullopt;
    try {
        return zstdio::zstd_dict(bytes);
    } catch (const std::exception& e) {
        throw bench_error{0, name + ": " + reason_of(e)};
    }
}

/// The library's settings for one level, as zstd -b sets its context: no
/// checksum (zstd -b writes none), content size and dictionary id recorded.
zstdio::zstd_params compression_settings(const options& o, int level,
                                         const std::optional<zstdio::zstd_dict>& dict)
{
    zstdio::zstd_params p(std::clamp(level, zstdio::min_compression_level(), zstdio::max_compression_level()));
    p.checksum = false;
    p.threads = o.threads > 1 ? o.threads : 0; // -T1 and --single-thread: no worker thread
    p.dict = dict;
    using knob = zstdio::compression_parameters::knob;
    const advanced_settings& a = o.advanced;
    const std::pair<knob, unsigned> given[] = {
        {knob::window_log, a.window_log},       {knob::chain_log, a.chain_log},
        {knob::hash_log, a.hash_log},           {knob::search_log, a.search_log},
        {knob::min_match, a.min_match},         {knob::target_length, a.target_length},
        {knob::strategy, a.strategy},           {knob::ldm_hash_log, a.ldm_hash_log},
        {knob::ldm_min_match, a.ldm_min_match}, {knob::ldm_bucket_size_log, a.ldm_bucket_size_log},
        {knob::ldm_hash_rate_log, a.ldm_hash_rate_log},
    };
    zstdio::compression_parameters cp;
    bool any = false;
    for (const auto& [k, value] : given) {
        if (value != 0) {
            cp.set(k, static_cast<int>(value));
            any = true;
        }
    }
    if (o.long_mode) {
        cp.enable_long_distance_matching(true);
        any = true;
    }
    const auto switch_of = [](tri_state t) {
        return t == tri_state::on ? zstdio::parameter_switch::enable : zstdio::parameter_switch::disable;
    };
    if (o.literals != tri_state::automatic) {
        cp.literal_compression_mode(switch_of(o.literals));
        any = true;
    }
    if (o.row_match_finder != tri_state::automatic) {
        cp.use_row_match_finder(switch_of(o.row_match_finder));
        any = true;
    }
    if (any)
        p.advanced = cp;
    return p;
}

/// One independent frame: the bytes it holds and where they decode to.
struct chunk {
    std::string_view original; ///< empty with -d
    std::string room;          ///< compress_bound(original) bytes for the frame
    std::string_view frame;    ///< the compressed bytes
    std::size_t decoded_at = 0;
    std::size_t decoded_size = 0;
};

/// Cuts every input into chunks of `chunk_size` bytes (0: one per input).
std::vector<chunk> cut(const bench_input& input, std::size_t chunk_size)
{
    std::vector<chunk> chunks;
    std::size_t at = 0;
    for (const std::size_t size : input.sizes) {
        const std::size_t piece = chunk_size == 0 ? size : chunk_size;
        for (std::size_t done = 0; done < size; done += piece) {
            chunk c;
            c.original = std::string_view(input.bytes).substr(at + done, std::min(piece, size - done));
            c.room.resize(zstdio::compress_bound(c.original.size()));
            c.decoded_at = at + done;
            c.decoded_size = c.original.size();
            chunks.push_back(std::move(c));
        }
        at += size;
    }
    return chunks;
}

/// With -d: every input is one chunk of zstd frames, decoded to the sizes
/// their headers record.
std::vector<chunk> frames_of(const bench_input& input)
{
    std::vector<chunk> chunks;
    std::size_t at = 0, decoded = 0;
    for (const std::size_t size : input.sizes) {
        chunk c;
        c.frame = std::string_view(input.bytes).substr(at, size);
        at += size;
        if (size == 0)
            continue;
        std::uint64_t content = 0;
        try {
            for (const zstdio::frame_info& f : zstdio::list_frames(c.frame)) {
                if (!f.parameters.content_size)
                    throw bench_error{32, "Decompressed size cannot be determined: cannot benchmark"};
                content += *f.parameters.content_size;
            }
        } catch (const std::exception&) {
            throw bench_error{32, "Error while trying to assess decompressed size: data may be invalid"};
        }
        if (content > std::numeric_limits<std::size_t>::max() - decoded)
            throw bench_error{32, "decompressed size is too large for local system"};
        c.decoded_at = decoded;
        c.decoded_size = static_cast<std::size_t>(content);
        decoded += c.decoded_size;
        chunks.push_back(std::move(c));
    }
    return chunks;
}

/// The name as zstd shows it: without its directory, its last 17 characters.
std::string shown_name(const std::string& name)
{
    const std::size_t slash = name.rfind('/');
    std::string shown = slash == std::string::npos ? name : name.substr(slash + 1);
    if (shown.size() > 17)
        shown.erase(0, shown.size() - 17);
    return shown;
}

/// Says where the first decoded byte differs from the original, as zstd
/// does, and fails.
[[noreturn]] void report_mismatch(const std::vector<chunk>& chunks, std::string_view original,
                                  std::string_view decoded, const std::string& name)
{
    std::size_t pos = 0;
    while (pos < original.size() && pos < decoded.size() && original[pos] == decoded[pos])
        ++pos;
    std::size_t index = 0;
    while (index + 1 < chunks.size() && chunks[index + 1].decoded_at <= pos)
        ++index;
    const std::size_t in_chunk = pos - chunks[index].decoded_at;
    std::string text = format("!!! WARNING !!! %14s : decoded data differ from the original   \n", name.c_str());
    text += format("Decoding error at pos %zu (sample %zu, block %zu, pos %zu) \n", pos, index,
                   in_chunk / (128 * 1024), in_chunk);
    const auto bytes_around = [pos](std::string_view s) {
        std::string line;
        for (std::size_t n = std::min<std::size_t>(pos, 5); n > 0; --n)
            line += format("%02X ", static_cast<unsigned char>(s[pos - n]));
        line += pos < s.size() ? format(" :%02X:  ", static_cast<unsigned char>(s[pos])) : " :--:  ";
        for (std::size_t n = 1; n < 3 && pos + n < s.size(); ++n)
            line += format("%02X ", static_cast<unsigned char>(s[pos + n]));
        return line;
    };
    text += "origin: " + bytes_around(original) + " \ndecode: " + bytes_around(decoded) + " \n";
    std::fputs(text.c_str(), stderr);
    throw bench_error{30, "decompression error: the round trip does not give the original back"};
}

/// Benchmarks one level on one input (zstd's BMK_benchCLevel and
/// BMK_benchMemAdvancedNoAlloc): the progress line, then "LEVEL#" over its
/// mark.
void bench_level(const bench_input& input, int level, const std::optional<zstdio::zstd_dict>& dict,
                 const options& o, const console& con, const bench_output& out)
{
    const std::string name = shown_name(input.name);
    if (o.realtime_priority) {
        con.line(2, "Note : switching to real-time priority ");
        (void)::setpriority(PRIO_PROCESS, 0, -20); // best effort, as zstd
    }
    const bool decode_only = o.bench_decode_only;
    const std::size_t chunk_size =
        o.block_size >= smallest_chunk && !decode_only ? static_cast<std::size_t>(o.block_size) : 0;
    if (out.verbosity() == 1)
        out.show(1, format("bench %s : input %zu bytes, %u seconds, %u KB blocks\n",
                           zstdio::version_string().c_str(), input.bytes.size(), o.bench_seconds,
                           static_cast<unsigned>(o.block_size >> 10)));

    std::vector<chunk> chunks = decode_only ? frames_of(input) : cut(input, chunk_size);
    std::size_t decoded_total = 0;
    for (const chunk& c : chunks)
        decoded_total += c.decoded_size;
    std::string decoded(decoded_total, '\0');

    std::optional<zstdio::compressor> compressor;
    std::optional<zstdio::decompressor> decompressor;
    try {
        if (!decode_only)
            compressor.emplace(compression_settings(o, level, dict));
        zstdio::zstd_params d;
        d.dict = dict;
        d.window_log_max = std::max(27, static_cast<int>(o.advanced.window_log)); // frames of --long=#
        decompressor.emplace(d);
    } catch (const std::exception& e) {
        throw bench_error{0, reason_of(e)};
    }

    const std::uint64_t original_size = decoded_total;
    std::uint64_t compressed_size = decode_only ? input.bytes.size() : 0;
    double ratio = decode_only ? static_cast<double>(original_size) / static_cast<double>(compressed_size) : 0;
    double compression_speed = 0, decompression_speed = 0; // bytes per second, the best seen
    const auto compress_all = [&] {
        std::uint64_t total = 0;
        for (chunk& c : chunks) {
            const std::size_t n = compressor->compress(c.original, c.room.data(), c.room.size());
            c.frame = std::string_view(c.room.data(), n);
            total += n;
        }
        compressed_size = total;
    };
    const auto decompress_all = [&] {
        for (chunk& c : chunks) {
            const std::size_t n = decompressor->decompress(c.frame, decoded.data() + c.decoded_at, c.decoded_size);
            if (n != c.decoded_size)
                throw std::runtime_error("a frame decodes to " + std::to_string(n) + " bytes instead of " +
                                         std::to_string(c.decoded_size));
        }
    };
    const auto result_line = [&](const char* mark, bool with_decompression) {
        const int ratio_digits = ratio < 10 ? 3 : 2;
        std::string line = format("%2s-%-17.17s :%10llu ->%10llu (x%5.*f), %6.*f MB/s", mark, name.c_str(),
                                  static_cast<unsigned long long>(original_size),
                                  static_cast<unsigned long long>(compressed_size), ratio_digits, ratio,
                                  compression_speed < 10 * bytes_per_megabyte ? 2 : 1,
                                  compression_speed / bytes_per_megabyte);
        line += with_decompression ? format(", %6.1f MB/s\r", decompression_speed / bytes_per_megabyte) : " \r";
        return line;
    };

    static const char* const marks[] = {" |", " /", " =", " \\"};
    std::size_t mark = 0;
    timed_runs compression_runs(o.bench_seconds), decompression_runs(o.bench_seconds);
    bool compressed = decode_only, decompressed = false;
    out.show(2, "\r" + std::string(70, ' ') + "\r");
    out.show(2, format("%2s-%-17.17s :%10llu -> \r", marks[mark], name.c_str(),
                       static_cast<unsigned long long>(original_size)));
    while (!(compressed && decompressed)) {
        if (!compressed) {
            try {
                const double ns = compression_runs.measure(compress_all);
                compression_speed =
                    std::max(compression_speed, static_cast<double>(original_size) * nanoseconds_per_second / ns);
            } catch (const std::exception& e) {
                throw bench_error{30, "compression error: " + reason_of(e)};
            }
            ratio = static_cast<double>(original_size) / static_cast<double>(std::max<std::uint64_t>(compressed_size, 1));
            out.show(2, result_line(marks[mark], false));
            compressed = compression_runs.done();
        }
        if (!decompressed) {
            try {
                const double ns = decompression_runs.measure(decompress_all);
                decompression_speed =
                    std::max(decompression_speed, static_cast<double>(original_size) * nanoseconds_per_second / ns);
            } catch (const std::exception& e) {
                throw bench_error{30, "decompression error: " + reason_of(e)};
            }
            out.show(2, result_line(marks[mark], true));
            decompressed = decompression_runs.done();
        }
        mark = (mark + 1) % 4;
    }
    if (!decode_only && decoded != input.bytes)
        report_mismatch(chunks, input.bytes, decoded, name);
    if (out.verbosity() == 1)
        out.show(1, format("-%-3i%11llu (%5.3f) %6.2f MB/s %6.1f MB/s  %s\n", level,
                           static_cast<unsigned long long>(compressed_size), ratio,
                           compression_speed / bytes_per_megabyte, decompression_speed / bytes_per_megabyte,
                           name.c_str()));
    out.show(2, format("%2i#\n", level));
}

/// Benchmarks `files` (one result for all of them) at one level; the files
/// and the dictionary are read again for each level, as zstd does.
void bench_files(const std::vector<std::string>& files, int level, const options& o, const console& con,
                 const bench_output& out)
{
    if (files.empty())
        throw bench_error{14, "No Files to Benchmark"};
    for (const std::string& file : files)
        if (!regular_file_size(file))
            throw bench_error{9, "Error loading files"};
    const std::optional<zstdio::zstd_dict> dict = load_dictionary(o, con, out);
    const bench_input input = load_inputs(files, out);
    bench_level(input, level, dict, o, con, out);
}

} // namespace

int run_benchmark(const options& o, const console& con)
{
    const bench_output out(con.verbosity());
    try {
        if (o.format != output_format::zstd) {
            con.line(1, "benchmark mode is only compatible with zstd format ");
            return 1;
        }
        std::size_t given = 0;
        const std::optional<std::vector<std::string>> inputs = expand_inputs(o, con, given);
        if (!inputs)
            return 1; // every name was a symbolic link (already said)
        const int most = zstdio::max_compression_level();
        const int first = std::min(o.level, most);
        const int last = std::max(std::min(o.bench_last_level, most), first);
        if (last > first)
            con.line(3, "Benchmarking levels from " + std::to_string(first) + " to " + std::to_string(last));

        if (inputs->empty()) {
            bench_input synthetic;
            synthetic.bytes = synthetic_sample(synthetic_size, o.compressibility);
            synthetic.sizes.push_back(synthetic.bytes.size());
            synthetic.name = format("Synthetic %2u%%", static_cast<unsigned>(o.compressibility * 100));
            for (int level = first; level <= last; ++level)
                bench_level(synthetic, level, std::nullopt, o, con, out);
        } else if (o.bench_separate) {
            for (const std::string& file : *inputs) {
                con.line(3, "Benchmarking " + file + " ");
                for (int level = first; level <= last; ++level)
                    bench_files({file}, level, o, con, out);
            }
        } else {
            for (int level = first; level <= last; ++level)
                bench_files(*inputs, level, o, con, out);
        }
        return 0;
    } catch (const reported_error& e) {
        con.report(e);
        return 1;
    } catch (const bench_error& e) {
        con.line(1, (e.number != 0 ? "Error " + std::to_string(e.number) + " : " : std::string("Error : ")) +
                        e.text + " ");
        return 1;
    }
}

} // namespace zstdio_cli
