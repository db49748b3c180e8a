// Command lines of the benchmark programs in test/bench/, parsed with
// Boost.Program_options: --options (each with its value as the next argument
// or after '=') and operands (an input FILE, or the numbers of bench_batch),
// each bound to a variable whose value before parsing is the default --help
// shows.
//
// As the scripts and documented commands expect, a later occurrence of an
// option (or a later FILE) replaces an earlier one, so that options appended
// to a documented command line (test/bench/table.sh) win; values may start
// with '-' (--levels -1,3); there are no short options, so a negative operand
// is a number.  A bad command line (an input file that cannot be read or is
// empty included) prints "PROGRAM: WHY" and "usage: SYNOPSIS" to stderr and
// exits with status 2; --help prints the synopsis and the options with their
// defaults to stdout and exits with status 0.
#ifndef ZSTDIO_TEST_BENCH_SUPPORT_OPTIONS_HPP
#define ZSTDIO_TEST_BENCH_SUPPORT_OPTIONS_HPP

#include "files.hpp"

#include <boost/program_options.hpp>

#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace zstdio_bench {

namespace po = boost::program_options;

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

/// Whether --only `only` selects the contender called `name`: `only` is
/// empty (everything), or one of its '|'-separated patterns is part of `name`.
inline bool selected(const std::string& only, const std::string& name)
{
    if (only.empty())
        return true;
    std::stringstream patterns(only);
    for (std::string p; std::getline(patterns, p, '|');)
        if (name.find(p) != std::string::npos)
            return true;
    return false;
}

/// The command line argv[0..argc-1] as one line a shell reads back: the
/// arguments separated by spaces, those with characters other than letters,
/// digits and -_=./,:+ in single quotes.
inline std::string command_text(int argc, char** argv)
{
    std::string out;
    for (int i = 0; i < argc; ++i) {
        const std::string a = argv[i];
        const bool plain = !a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789-_=./,:+") == std::string::npos;
        out += (i ? " " : "") + (plain ? a : "'" + a + "'");
    }
    return out;
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

/// A --no-THING switch: sets `flag` to false when given.
inline po::typed_value<bool>* switch_off(bool& flag)
{
    return po::bool_switch()->notifier([&flag](bool on) {
        if (on)
            flag = false;
    });
}

/// One program's command line:
///
///     zstdio_bench::command_line cl("prog", "prog FILE [--reps N]");
///     cl.options().add_options()("reps", po::value(&reps)->default_value(reps), "rounds");
///     cl.add_file(file);
///     cl.parse(argc, argv);
///
/// The variables bound to the options must outlive parse().
class command_line {
public:
    command_line(std::string program, std::string synopsis)
        : program_(std::move(program)), synopsis_(std::move(synopsis))
    {
    }

    /// The options --help lists.
    po::options_description& options() { return visible_; }

    /// Options --help does not list (the one behind an operand like FILE,
    /// which the synopsis shows).
    po::options_description& hidden() { return hidden_; }

    /// The next `count` operands are values of the option `name` (declared
    /// in options() or hidden()); -1: every remaining operand, the last one
    /// winning.  More operands than declared are a usage error.
    void operand(const char* name, int count) { operands_.add(name, count); }

    /// The input FILE: the operand (a later one replaces an earlier one).
    void add_file(std::string& file)
    {
        hidden_.add_options()("file", po::value(&file), "the input file");
        operand("file", -1);
    }

    /// FILE (add_file()) and --levels,
    /// --reps, --slice, --only, bound to `o`, whose values are the defaults;
    /// `only` tells --help how the program selects with --only NAME.
    void add_run_options(run_options& o,
                         const char* only = "time only the contenders whose name contains NAME (default: all)")
    {
        std::string levels;
        for (int l : o.levels)
            levels += (levels.empty() ? "" : ",") + std::to_string(l);
        add_file(o.file);
        visible_.add_options()
            ("levels", po::value<std::string>()->default_value(levels)->value_name("LIST")
                 ->notifier([&o](const std::string& s) {
                     try {
                         o.levels = int_list(s);
                     } catch (const std::exception&) {
                         throw po::error("bad --levels " + s);
                     }
                 }),
             "compression levels, comma-separated")
            ("reps", po::value(&o.reps)->default_value(o.reps)->value_name("N"), "rounds")
            ("slice", po::value(&o.slice)->default_value(o.slice)->value_name("BYTES"),
             "time only the first BYTES of FILE (0: all of it)")
            ("only", po::value(&o.only)->value_name("NAME"), only);
    }

    /// Parses argv[1..argc-1] into the bound variables (notifiers run), or
    /// prints --help and exits 0, or usage() on a bad command line.
    void parse(int argc, char** argv)
    {
        visible_.add_options()("help", "print this and exit");
        po::options_description all;
        all.add(visible_).add(hidden_);
        namespace style = po::command_line_style;
        po::variables_map vm;
        try {
            po::parsed_options parsed = po::command_line_parser(argc, argv)
                                            .options(all)
                                            .positional(operands_)
                                            .style(style::allow_long | style::long_allow_adjacent |
                                                   style::long_allow_next)
                                            .run();
            keep_last(parsed.options);
            po::store(parsed, vm);
            if (vm.count("help")) {
                std::cout << "usage: " << synopsis_ << "\n\n" << visible_;
                std::exit(0);
            }
            po::notify(vm);
        } catch (const po::error& e) {
            usage(e.what());
        }
    }

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
    /// Drops every occurrence of an option but its last (operands included:
    /// they carry the name of their option by now).
    static void keep_last(std::vector<po::option>& parsed)
    {
        std::set<std::string> seen;
        std::vector<po::option> kept;
        for (auto it = parsed.rbegin(); it != parsed.rend(); ++it)
            if (seen.insert(it->string_key).second)
                kept.insert(kept.begin(), *it);
        parsed = std::move(kept);
    }

    std::string program_;
    std::string synopsis_;
    po::options_description visible_{"options"};
    po::options_description hidden_;
    po::positional_options_description operands_;
};

} // namespace zstdio_bench

#endif
