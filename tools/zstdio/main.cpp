// zstdio — a drop-in for the zstd command-line tool, built on the zstdio
// library.  See doc/cli.md.
#include "benchmark.hpp"
#include "console.hpp"
#include "file_names.hpp"
#include "files.hpp"
#include "listing.hpp"
#include "options.hpp"
#include "training.hpp"

#include <zstdio/params.hpp>

#include <boost/thread/thread.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>

using namespace zstdio_cli;

namespace {

/// What error lines start with: "zstd" under one of zstd's names (the tool is
/// its drop-in), "zstdio" under its own.
std::string message_prefix(const std::string& program)
{
    return program.compare(0, 6, "zstdio") == 0 ? "zstdio" : "zstd";
}

int print_version(const options& o)
{
    if (o.verbosity < 2) {
        std::printf("%s\n", zstdio::version_string().c_str());
        return 0;
    }
    std::fputs(welcome_message().c_str(), stdout);
    if (o.verbosity >= 3)
        std::printf("*** supports: zstd, gzip, lzma, xz, bzip2 (decompression)\n");
    return 0;
}

/// The checks and adjustments zstd makes between parsing and working
/// (threads, console checks, level cap, display levels).  Returns an exit
/// status to stop with, or -1 to go on.
int settle(options& o, console& con)
{
    con.print(3, welcome_message());
    if (o.threads == 0 && !o.single_thread) {
        o.threads = static_cast<int>(o.logical_cores ? boost::thread::hardware_concurrency()
                                                     : boost::thread::physical_concurrency());
        if (o.threads <= 0)
            o.threads = 1;
        con.print(3, format("Note: %d %s core(s) detected \n", o.threads, o.logical_cores ? "logical" : "physical"));
    }
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    options o;
    try {
        o = parse_arguments(argc, argv, std::getenv("ZSTD_CLEVEL"), std::getenv("ZSTD_NBTHREADS"));
    } catch (const usage_error& e) {
        if (e.bad_usage) {
            std::fputs("Incorrect parameters \n", stderr);
            std::string program = argc > 0 ? argv[0] : "zstd";
            program = program.substr(program.rfind('/') == std::string::npos ? 0 : program.rfind('/') + 1);
            std::fputs(usage_text(program).c_str(), stderr);
        } else {
            std::fprintf(stderr, "%s\n", e.what());
        }
        return 1;
    }
    // zstd reads its environment before its options: these warnings show
    // whatever -q says.
    for (const std::string& w : o.warnings)
        std::fprintf(stderr, "%s\n", w.c_str());
    if (o.version)
        return print_version(o);
    if (o.help_long) {
        std::fputs(advanced_usage_text(o.program_name).c_str(), stdout);
        return 0;
    }
    if (o.help_short) {
        std::fputs(usage_text(o.program_name).c_str(), stdout);
        return 0;
    }

    console con(o.verbosity, message_prefix(o.program_name));
    int status = settle(o, con);
    if (status < 0) {
        try {
            switch (o.op) {
            case operation::list: status = list_files(o, con); break;
            case operation::train: {
                // Samples come from the same expansion as files to compress
                // (-r, --filelist, links).
                std::size_t given = 0;
                std::optional<std::vector<std::string>> samples = expand_inputs(o, con, given);
                if (!samples) {
                    status = 1;
                    break;
                }
                o.inputs = std::move(*samples);
                status = train_dictionary_file(o, con);
                break;
            }
            case operation::bench: status = run_benchmark(o, con); break;
            default: status = process_files(o, con); break;
            }
        } catch (const std::exception& e) {
            con.error("error", reason_of(e));
            status = 1;
        }
    }
    if (o.pause) {
        std::fputs("Press enter to continue... \n", stderr);
        std::getchar();
    }
    return status;
}
