// zstdio tests — running the zstdio tool (and the real zstd) from the CLI
// test programs: cli_list, cli_modes and cli_seekable.
//
// b2 hands those programs the built tool as an input file (test/Jamfile):
// its path follows `--` on their command line.  Run by hand:
// `cli_list -- path/to/zstdio` from the repository's root.
#ifndef ZSTDIO_TEST_SUPPORT_CLI_RUNNER_HPP
#define ZSTDIO_TEST_SUPPORT_CLI_RUNNER_HPP

#include "support.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace zstdio_test {

/// The absolute path of the argument (after the program's name) whose file
/// name is `zstdio`; throws std::runtime_error naming the program if none.
std::string tool_among(const std::vector<std::string>& args);
/// A symbolic link `dir/name` to `target`; returns its path.
std::string link_as(const std::string& target, const temp_dir& dir, const std::string& name);

/// The tool under test: the absolute path of the command-line argument whose
/// file name is `zstdio`.  Throws std::runtime_error naming the test program
/// when there is none.  (Inline, as is tool_as_zstd(): the support library
/// itself does not link Boost.Test.)
inline const std::string& tool()
{
    static const std::string path = [] {
        const auto& suite = boost::unit_test::framework::master_test_suite();
        const std::vector<std::string> args(suite.argv, suite.argv + suite.argc);
        return tool_among(args);
    }();
    return path;
}

/// The tool reachable as `<private dir>/zstd` through a symbolic link, so
/// that it speaks as zstd does ("zstd: ..." messages).
inline const std::string& tool_as_zstd()
{
    static const temp_dir bin;
    static const std::string path = link_as(tool(), bin, "zstd");
    return path;
}

/// What a command did: exit status, stdout, stderr.
struct outcome {
    int status;
    std::string out;
    std::string err;
};

/// Runs a shell command in `dir`, stdin from /dev/null unless the command
/// redirects it, and captures stdout and stderr apart.  The "*** ... ***"
/// banner that -v adds to stderr is dropped: it names the program.
outcome run_in(const temp_dir& dir, const std::string& command);

/// Test precondition: the `zstd` on PATH is 1.5.4, the version the tool's
/// messages copy.  Cases comparing with it are skipped, with a message,
/// otherwise.
struct zstd_154 {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const
    {
        static const bool found = run("zstd --version").output.find("v1.5.4,") != std::string::npos;
        boost::test_tools::assertion_result r(found);
        if (!found)
            r.message() << "zstd 1.5.4 is not on PATH: the comparisons with zstd are skipped";
        return r;
    }
};

} // namespace zstdio_test

#endif
