// zstdio — a zstd-compatible command-line tool built on zstdio's
// Boost.Iostreams filters.  See doc/cli.md.
#include "console.hpp"
#include "files.hpp"
#include "listing.hpp"
#include "options.hpp"
#include "training.hpp"

#include <zstdio/params.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    using namespace zstdio_cli;
    options o;
    try {
        o = parse_arguments(argc, argv);
    } catch (const usage_error& e) {
        std::fprintf(stderr, "zstdio: %s\n(zstdio -h lists the options)\n", e.what());
        return 1;
    }
    if (o.help) {
        std::fputs(usage_text().c_str(), stdout);
        return 0;
    }
    if (o.version) {
        std::printf("zstdio command line interface, libzstd v%s\n", zstdio::version_string().c_str());
        return 0;
    }
    const console con(o.verbosity);
    for (const auto& w : o.warnings)
        con.warning(w);
    try {
        switch (o.op) {
        case operation::list: return list_files(o, con);
        case operation::train: return train_dictionary_file(o, con);
        default: return process_files(o, con);
        }
    } catch (const std::exception& e) {
        con.error("error", reason_of(e));
        return 1;
    }
}
