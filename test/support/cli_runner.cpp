// zstdio tests — running the zstdio tool (see cli_runner.hpp).
#include "cli_runner.hpp"

#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;

namespace zstdio_test {

std::string tool_among(const std::vector<std::string>& args)
{
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!arg.empty() && arg[0] != '-' && fs::path(arg).filename() == "zstdio")
            return fs::absolute(arg).string();
    }
    throw std::runtime_error((args.empty() ? std::string("this test") : args[0]) +
                             ": pass the path of the built zstdio tool as an argument "
                             "(b2 does this: see test/Jamfile)");
}

std::string link_as(const std::string& target, const temp_dir& dir, const std::string& name)
{
    const std::string link = dir.path(name);
    fs::create_symlink(target, link);
    return link;
}

outcome run_in(const temp_dir& dir, const std::string& command)
{
    temp_dir capture;
    // run() appends 2>&1 to the whole command: the inner redirections win.
    const command_result r = run("((cd " + quote(dir.path(".")) + " && " + command + ") < /dev/null > " +
                                 quote(capture.path("out")) + " 2> " + quote(capture.path("err")) + ")");
    outcome o{r.status, read_file(capture.path("out")), {}};
    const std::string err = read_file(capture.path("err"));
    for (std::size_t at = 0; at < err.size();) {
        std::size_t end = err.find('\n', at);
        end = end == std::string::npos ? err.size() : end + 1;
        if (err.compare(at, 4, "*** ") != 0)
            o.err += err.substr(at, end - at);
        at = end;
    }
    return o;
}

} // namespace zstdio_test
