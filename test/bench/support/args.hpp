// Command-line parsing of the benchmark programs in test/bench/: an input FILE
// and --options, some with a value, and lists like "--levels 1,3".  A bad
// command line (an input file that cannot be read or is empty included)
// prints "PROGRAM: WHY" and "usage: SYNOPSIS" to stderr and exits with
// status 2.
#ifndef ZSTDIO_TEST_BENCH_SUPPORT_ARGS_HPP
#define ZSTDIO_TEST_BENCH_SUPPORT_ARGS_HPP

#include "files.hpp"

#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace zstdio_bench {

/// Prints "<program>: <why>" and "usage: <synopsis>" to stderr and exits
/// with status 2.
[[noreturn]] inline void usage(const std::string& program, const std::string& synopsis, const std::string& why)
{
    std::cerr << program << ": " << why << "\nusage: " << synopsis << "\n";
    std::exit(2);
}

/// read_file(path, slice) (files.hpp) for a program that needs a non-empty
/// input: usage() saying "cannot open <path>" or "<path> is empty" otherwise.
inline std::string read_input(const std::string& program, const std::string& synopsis, const std::string& path,
                              std::size_t slice = 0)
{
    std::string data;
    try {
        data = read_file(path, slice);
    } catch (const std::runtime_error& e) {
        usage(program, synopsis, e.what());
    }
    if (data.empty())
        usage(program, synopsis, path + " is empty");
    return data;
}

/// The options the programs that time one input at several levels share:
/// FILE, --levels 1,3 (compression levels), --reps N (rounds), --slice BYTES
/// (only the first BYTES of FILE; 0 = all of it) and --only NAME (only the
/// contenders NAME selects).
struct run_options {
    std::string file;
    std::vector<int> levels{1, 3};
    int reps = 3;
    std::size_t slice = 0;
    std::string only;
};

/// Walks argv[1..argc-1] one argument at a time:
///
///     zstdio_bench::arguments args(argc, argv, "prog", "prog FILE [--reps N]");
///     while (args.next())
///         if (args.arg() == "--reps") reps = std::stoi(args.value());
///         else args.file(file);
///
/// Not thread-safe; argv must outlive it.
class arguments {
public:
    arguments(int argc, char** argv, std::string program, std::string synopsis)
        : argc_(argc), argv_(argv), program_(std::move(program)), synopsis_(std::move(synopsis))
    {
    }

    /// Moves to the next argument; false when there is none.
    bool next()
    {
        if (i_ + 1 >= argc_)
            return false;
        arg_ = argv_[++i_];
        return true;
    }

    /// The current argument.
    const std::string& arg() const { return arg_; }

    /// The argument after the current option, consumed; usage() when there
    /// is none.
    std::string value()
    {
        if (i_ + 1 >= argc_)
            usage(arg_ + " needs a value");
        return argv_[++i_];
    }

    /// Takes the current argument as the input file (a later one replaces
    /// it); usage("unknown option ...") when it starts with '-'.
    void file(std::string& into) const
    {
        if (!arg_.empty() && arg_[0] == '-')
            usage("unknown option " + arg_);
        into = arg_;
    }

    /// Takes the current argument if it is one of the options of
    /// run_options (above), with its value, or else as the input file
    /// (file()).
    void common(run_options& o);

    /// usage() unless there is an input `file`, at least one level and one
    /// repetition.
    void require(const std::string& file, std::size_t levels, int reps) const
    {
        if (file.empty())
            usage("no input file");
        if (levels == 0 || reps < 1)
            usage("need at least one level and one repetition");
    }

    /// zstdio_bench::usage() with this program's name and synopsis.
    [[noreturn]] void usage(const std::string& why) const { zstdio_bench::usage(program_, synopsis_, why); }

private:
    int argc_;
    char** argv_;
    std::string program_;
    std::string synopsis_;
    int i_ = 0;
    std::string arg_;
};

/// The integers of a comma-separated list ("1,3"; "" gives none).  Throws
/// what std::stoi throws for an item that is not a number.
inline std::vector<int> int_list(const std::string& s)
{
    std::vector<int> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');)
        out.push_back(std::stoi(item));
    return out;
}

inline void arguments::common(run_options& o)
{
    if (arg_ == "--levels")
        o.levels = int_list(value());
    else if (arg_ == "--reps")
        o.reps = std::stoi(value());
    else if (arg_ == "--slice")
        o.slice = std::stoull(value());
    else if (arg_ == "--only")
        o.only = value();
    else
        file(o.file);
}

} // namespace zstdio_bench

#endif
