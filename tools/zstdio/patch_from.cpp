// zstdio CLI — --patch-from's set-up, as zstd's (see patch_from.hpp).
#include "patch_from.hpp"

#include <zstdio/error.hpp>

#include <algorithm>

#include <sys/stat.h>

namespace zstdio_cli {
namespace {

/// libzstd's largest window on 64-bit systems (ZSTD_WINDOWLOG_MAX = 31).
constexpr int largest_window_log = 31;

void refuse(const console& con, const std::string& reason)
{
    con.print(1, con.prefix() + ": error " + std::to_string(patch_from_refused) + " : " + reason + " \n");
}

} // namespace

std::uint64_t patch_target_size(const options& o, const std::string& input)
{
    if (o.stream_size)
        return o.stream_size;
    struct stat st;
    if (input != standard_stream && ::stat(input.c_str(), &st) == 0 && S_ISREG(st.st_mode))
        return static_cast<std::uint64_t>(st.st_size);
    return zstdio::unknown_size;
}

bool patch_from_within_limits(const options& o, const console& con, std::uint64_t reference_size,
                              std::uint64_t target_size)
{
    if (o.op == operation::compress && target_size == zstdio::unknown_size) {
        refuse(con, "Using --patch-from with stdin requires --stream-size");
        return false;
    }
    const std::uint64_t largest = std::uint64_t{1} << largest_window_log;
    const std::uint64_t target = o.op == operation::compress ? target_size : 0;
    if (std::max({std::uint64_t{o.memory_limit}, reference_size, target}) > largest) {
        refuse(con, "Can't handle files larger than " + std::to_string(largest >> 30) + " GB\n");
        return false;
    }
    return true;
}

void show_patch_notes(const options& o, const console& con, const zstdio::zstd_params& made,
                      std::uint64_t reference_size, std::uint64_t target_size)
{
    int bits = 1;
    for (std::uint64_t n = target_size; n >>= 1;)
        ++bits;
    if (bits > largest_window_log)
        con.print(1, "Max window log exceeded by file (compression ratio will suffer)\n");
    if (!o.long_mode && made.advanced && made.advanced->enable_long_distance_matching())
        con.print(1, "long mode automatically triggered\n");
    zstdio::compression_parameters level;
    try {
        level = zstdio::compression_parameters::from_level(o.level, target_size,
                                                           static_cast<std::size_t>(reference_size));
    } catch (const zstdio::zstd_error&) {
        return; // the level's parameters are experimental API: no advice when another libzstd is loaded
    }
    if (level.strategy() >= zstdio::strategy::btopt)
        con.print(1, "[Optimal parser notes] Consider the following to improve patch size at the cost of speed:\n"
                     "- Use --single-thread mode in the zstd cli\n"
                     "- Set a larger targetLength (e.g. --zstd=targetLength=4096)\n"
                     "- Set a larger chainLog (e.g. --zstd=chainLog=30)\n"
                     "Also consider playing around with searchLog and hashLog\n");
}

} // namespace zstdio_cli
