// zstdio CLI — --train, --train-cover, --train-fastcover, --train-legacy: the
// dictionary builder, driven the way zstd 1.5.4 drives libzstd's trainers
// (programs/dibio.c): the same files become the same samples in the same
// order, so both tools build byte-identical dictionaries, with zstd's
// warnings, error numbers and exit statuses.
#include "training.hpp"

#include "io.hpp"

#include <zstdio/dictionary.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace zstdio_cli {
namespace {

constexpr std::uint64_t kib = 1024, mib = 1024 * 1024;
/// A whole file is one sample of at most its first 128 KiB (dibio's
/// SAMPLESIZE_MAX); -B# cuts files into samples instead.
constexpr std::uint64_t largest_sample = 128 * kib;
/// zstd trains on at most 2 GB of samples.
constexpr std::uint64_t most_sample_bytes = 2048 * mib;
/// Fewer samples than this is zstd's error 14.
constexpr std::uint64_t fewest_samples = 5;
/// zstd's fatal errors are printed whatever the verbosity.
constexpr int always = std::numeric_limits<int>::min();

/// A failure that ends the tool with `status`, shown as zstd shows it:
/// "Error <status> : <text>".
struct fatal_error {
    int status;
    std::string text;
};

/// libzstd could not build a dictionary from the samples: zstd reports it on
/// one line at verbosity 1 and exits with status 1.
struct training_failure {
    std::string reason;
};

/// A setting the library's trainers do not offer yet; exit status 1.
struct unsupported_setting {
    std::string text;
};

/// Size of a regular file; -1 for anything else (missing, a directory, a
/// device), which zstd counts as a sample it then cannot load.
std::int64_t regular_file_size(const std::string& name)
{
    struct stat st;
    if (::stat(name.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    return static_cast<std::int64_t>(st.st_size);
}

/// Puts the sample files in zstd's pseudo-random order: when the samples do
/// not all fit (-M#), the ones loaded are spread over the whole set rather
/// than the first few, and with the same order zstd and zstdio train the same
/// dictionary.  A Fisher-Yates shuffle driven by zstd's fixed-seed generator.
void shuffle_like_zstd(std::vector<std::string>& files)
{
    std::uint32_t state = 0xFD2FB528u;
    const auto next = [&state] {
        state *= 2654435761u;
        state ^= 2246822519u;
        state = (state << 13) | (state >> 19);
        return state >> 5;
    };
    for (std::size_t i = files.size(); i > 1; --i) {
        const std::size_t j = next() % i;
        std::swap(files[j], files[i - 1]);
    }
}

/// What the sample files hold, counted before anything is loaded.
struct sample_census {
    std::uint64_t count = 0; ///< samples, including files that will not load
    std::int64_t bytes = 0;  ///< bytes to load (less one per such file, as zstd counts)
    bool huge_file = false;  ///< a whole-file sample over twice the 128 KiB kept
};

sample_census count_samples(const std::vector<std::string>& files, std::uint64_t chunk, const console& con)
{
    sample_census census;
    for (const std::string& file : files) {
        const std::int64_t size = regular_file_size(file);
        if (size == 0) {
            con.line(3, "Sample file '" + file + "' has zero size, skipping...");
            continue;
        }
        // A file whose size is unknown counts as -1 byte and, whole, as one
        // sample, which zstd skips only when loading.
        if (chunk > 0) {
            if (size > 0)
                census.count += (static_cast<std::uint64_t>(size) + chunk - 1) / chunk;
            census.bytes += size;
            continue;
        }
        census.count += 1;
        if (size > static_cast<std::int64_t>(largest_sample)) {
            census.huge_file |= size > static_cast<std::int64_t>(2 * largest_sample);
            con.line(3, "Sample file '" + file + "' is too large, limiting to " +
                            std::to_string(largest_sample / kib) + " KB");
        }
        census.bytes += std::min<std::int64_t>(size, largest_sample);
    }
    con.line(4, "Found training data " + std::to_string(files.size()) + " files, " +
                    std::to_string(census.bytes / kib) + " KB, " + std::to_string(census.count) + " samples");
    return census;
}

/// Every sample loaded, back to back, and a view of each.
struct sample_set {
    std::string bytes;
    std::vector<std::size_t> sizes;

    std::vector<std::string_view> views() const
    {
        std::vector<std::string_view> v;
        v.reserve(sizes.size());
        std::size_t at = 0;
        for (const std::size_t n : sizes) {
            v.emplace_back(bytes.data() + at, n);
            at += n;
        }
        return v;
    }
};

struct file_closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using file_handle = std::unique_ptr<std::FILE, file_closer>;

/// "Loading FILE..." on stderr at most six times a second (every time from
/// -vv), as zstd's progress line.
class loading_display {
public:
    explicit loading_display(const console& con) : con_(con) {}
    void show(const std::string& file)
    {
        if (con_.verbosity() < 2)
            return;
        const auto now = std::chrono::steady_clock::now();
        if (shown_ && now - last_ <= std::chrono::microseconds(1000000 / 6) && con_.verbosity() < 4)
            return;
        shown_ = true;
        last_ = now;
        con_.print(2, "Loading " + file + "...       \r");
        if (con_.verbosity() >= 4)
            std::fflush(stderr);
    }

private:
    const console& con_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_;
};

/// Loads at most `budget` bytes in at most `most` samples, as zstd does: a
/// whole file (or its first 128 KiB) per sample, or with -B# pieces of
/// `chunk` bytes.  Loading stops at the first file whose first sample does
/// not fit; the remaining pieces of a cut file are dropped once one does not
/// fit.
sample_set load_samples(const std::vector<std::string>& files, std::uint64_t chunk, std::uint64_t budget,
                        std::uint64_t most, const std::string& prefix, const console& con)
{
    sample_set set;
    loading_display display(con);
    const auto read_piece = [&set](std::FILE* f, std::size_t n, const std::string& file) {
        const std::size_t at = set.bytes.size();
        set.bytes.resize(at + n);
        if (std::fread(&set.bytes[at], 1, n, f) != n)
            throw fatal_error{11, "Pb reading " + file};
        set.sizes.push_back(n);
    };
    for (const std::string& file : files) {
        if (set.sizes.size() >= most)
            break;
        const std::int64_t size = regular_file_size(file);
        if (size <= 0)
            continue;
        const file_handle f(std::fopen(file.c_str(), "rb"));
        if (!f)
            throw fatal_error{10, prefix + ": dictBuilder: " + file + " " + std::strerror(errno) + " "};
        display.show(file);
        const std::uint64_t file_size = static_cast<std::uint64_t>(size);
        const std::uint64_t first = std::min(file_size, chunk > 0 ? chunk : largest_sample);
        if (set.bytes.size() + first > budget)
            break;
        read_piece(f.get(), static_cast<std::size_t>(first), file);
        if (chunk == 0)
            continue;
        for (std::uint64_t done = first; done < file_size && set.sizes.size() < most;) {
            const std::uint64_t piece = std::min(file_size - done, chunk);
            if (set.bytes.size() + piece > budget)
                break;
            read_piece(f.get(), static_cast<std::size_t>(piece), file);
            done += piece;
        }
    }
    con.print(2, "\r" + std::string(79, ' ') + "\r");
    con.line(4, "Loaded " + std::to_string(set.bytes.size() / kib) + " KB total training data, " +
                    std::to_string(set.sizes.size()) + " nb samples ");
    return set;
}

/// How to train, from the command line: the library's options for the
/// algorithm chosen.
struct training_plan {
    training_algorithm algorithm = training_algorithm::fastcover;
    zstdio::train_options legacy;
    zstdio::cover_options cover;
    cover_settings settings; ///< as given, for the report after optimizing
    double default_split = 0.75;
};

/// Checks the settings before any sample is read.  Split and shrink only
/// matter while optimizing (libzstd's trainers ignore them when k and d are
/// both given); the library has neither yet.
/// @throw unsupported_setting
training_plan plan_training(const options& o)
{
    training_plan plan;
    plan.algorithm = o.training;
    const int notifications = std::clamp(o.verbosity, 0, 4); // libzstd's own progress, as zstd shows it
    if (o.training == training_algorithm::legacy) {
        plan.legacy.selectivity = o.selectivity;
        plan.legacy.level = o.dictionary_level;
        plan.legacy.dict_id = o.dict_id_value;
        plan.legacy.notifications = notifications;
        return plan;
    }
    const bool fast = o.training == training_algorithm::fastcover;
    const std::string flag = fast ? "--train-fastcover" : "--train-cover";
    const cover_settings& s = fast ? o.fastcover : o.cover;
    plan.settings = s;
    plan.default_split = fast ? 0.75 : 1.0;
    zstdio::cover_options& c = plan.cover;
    c.optimize = s.k == 0 || s.d == 0;
    if (c.optimize && s.split > 0 && s.split != plan.default_split)
        throw unsupported_setting{flag + ": split=" + std::to_string(static_cast<unsigned>(s.split * 100)) +
                                  " is not supported yet (zstdio's trainer always uses split=" +
                                  std::to_string(static_cast<unsigned>(plan.default_split * 100)) + ")"};
    if (c.optimize && s.shrink)
        throw unsupported_setting{flag + ": shrink is not supported yet by zstdio's trainer"};
    c.k = s.k;
    c.d = s.d;
    c.steps = s.steps;
    c.fast = fast;
    if (fast) {
        c.f = s.f;
        c.accel = s.accel;
    }
    c.threads = std::max(o.threads, 1); // -T0 is resolved to the core count before
    c.level = o.dictionary_level;
    c.dict_id = o.dict_id_value;
    c.notifications = notifications;
    return plan;
}

/// What the optimizer chose, as zstd prints it after an optimizing run.
std::string chosen_settings(const zstdio::zstd_dict& dict, const training_plan& plan)
{
    const cover_settings& s = plan.settings;
    const double split = s.split > 0 ? s.split : plan.default_split;
    std::string text = "k=" + std::to_string(dict.k()) + "\nd=" + std::to_string(dict.d()) + "\n";
    if (plan.cover.fast)
        text += "f=" + std::to_string(s.f != 0 ? s.f : 20) + "\n";
    text += "steps=" + std::to_string(s.steps != 0 ? s.steps : 40) + "\nsplit=" +
            std::to_string(static_cast<unsigned>(split * 100)) + "\n";
    if (plan.cover.fast)
        text += "accel=" + std::to_string(s.accel != 0 ? s.accel : 1) + "\n";
    return text;
}

/// Trains as planned and prints what the optimizer picked.
/// @throw training_failure
zstdio::zstd_dict train(const training_plan& plan, std::size_t size, const sample_set& samples,
                        const console& con)
{
    try {
        const std::vector<std::string_view> views = samples.views();
        if (plan.algorithm == training_algorithm::legacy)
            return zstdio::train_dictionary(size, views, plan.legacy);
        zstdio::zstd_dict dict = zstdio::train_cover_dictionary(size, views, plan.cover);
        if (plan.cover.optimize)
            con.print(2, chosen_settings(dict, plan));
        return dict;
    } catch (const std::exception& e) {
        throw training_failure{reason_of(e)};
    }
}

/// Saves the dictionary under `name`, replacing any file of that name as zstd
/// does, but never leaving a partial one: the bytes go to a temporary file in
/// the same directory, renamed onto `name` once complete.  "-" is standard
/// output.  Failures are zstd's errors 3 (cannot create), 4 (write), 5 (flush).
void save_dictionary(const std::string& name, std::string_view bytes)
{
    const auto write_or_fail = [&name](int fd, std::string_view data) {
        try {
            write_all(fd, data.data(), data.size());
        } catch (const std::exception&) {
            throw fatal_error{4, display_output_name(name) + " : write error"};
        }
    };
    if (name == standard_stream) {
        write_or_fail(STDOUT_FILENO, bytes);
        return;
    }
    const std::size_t slash = name.rfind('/');
    const std::string directory = slash == std::string::npos ? "" : name.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
    std::string temporary = directory + "." + base + ".XXXXXX";
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0)
        throw fatal_error{3, "cannot open " + name + " "};
    struct temporary_file {
        const std::string& path;
        int fd;
        bool kept = false;
        ~temporary_file()
        {
            if (fd >= 0)
                ::close(fd);
            if (!kept)
                ::unlink(path.c_str());
        }
    } guard{temporary, fd};

    // The permissions a newly created file gets (0666 less the umask), or
    // those of the file replaced, as writing over it would keep them.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode_t mode = 0666 & ~mask;
    struct stat existing;
    if (::stat(name.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
        mode = existing.st_mode & 07777;
    write_or_fail(fd, bytes);
    if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0 || ::close(std::exchange(guard.fd, -1)) != 0)
        throw fatal_error{5, name + " : flush error"};
    if (::rename(temporary.c_str(), name.c_str()) != 0)
        throw fatal_error{3, "cannot open " + name + " "};
    guard.kept = true;
}

} // namespace

int train_dictionary_file(const options& o, const console& con)
{
    const std::string target = o.output.value_or("dictionary");
    try {
        const training_plan plan = plan_training(o);
        std::vector<std::string> files = o.inputs; // expanded by main.cpp (-r, --filelist, links)
        con.line(3, "Shuffling input files");
        shuffle_like_zstd(files);
        const std::uint64_t chunk = o.block_size;
        const sample_census census = count_samples(files, chunk, con);

        std::int64_t budget = std::clamp<std::int64_t>(census.bytes, 0, most_sample_bytes);
        if (o.memory_limit != 0) {
            con.line(2, "!  Warning : setting manual memory limit for dictionary training data at " +
                            std::to_string(o.memory_limit / mib) + " MB ");
            budget = std::min<std::int64_t>(budget, o.memory_limit);
        }
        if (census.huge_file) {
            con.line(2, "!  Warning : some sample(s) are very large ");
            con.line(2, "!  Note that dictionary is only useful for small samples. ");
            con.line(2, "!  As a consequence, only the first " + std::to_string(largest_sample) +
                            " bytes of each sample are loaded ");
        }
        if (census.count < fewest_samples) {
            con.line(2, "!  Warning : nb of samples too low for proper processing ! ");
            con.line(2, "!  Please provide _one file per sample_. ");
            con.line(2, "!  Alternatively, split files into fixed-size blocks representative of samples, with -B# ");
            throw fatal_error{14, "nb of samples too low"};
        }
        if (census.bytes < static_cast<std::int64_t>(o.max_dict) * 8) {
            con.line(2, "!  Warning : data size of samples too small for target dictionary size ");
            con.line(2, "!  Samples should be about 100x larger than target dictionary size ");
        }
        if (budget < census.bytes)
            con.line(1, "Training samples set too large (" + std::to_string(census.bytes / mib) +
                            " MB); training on " + std::to_string(budget / mib) + " MB only...");

        const sample_set samples =
            load_samples(files, chunk, static_cast<std::uint64_t>(budget), census.count, con.prefix(), con);
        const zstdio::zstd_dict dict = train(plan, o.max_dict, samples, con);
        con.line(2, "Save dictionary of size " + std::to_string(dict.size()) + " into file " +
                        display_output_name(target) + " ");
        save_dictionary(target, dict.as_bytes());
        return 0;
    } catch (const unsupported_setting& e) {
        con.line(1, con.prefix() + ": " + e.text + " ");
        return 1;
    } catch (const training_failure& e) {
        con.line(1, "dictionary training failed : " + e.reason + " ");
        return 1;
    } catch (const fatal_error& e) {
        con.line(always, "Error " + std::to_string(e.status) + " : " + e.text);
        return e.status;
    }
}

} // namespace zstdio_cli
