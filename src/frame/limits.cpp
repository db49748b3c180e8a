// zstdio — the limits a frame is checked against (see limits.hpp).
#include "frame/limits.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

namespace zstdio {
namespace detail {

namespace {

std::string describe_size(unsigned long long bytes)
{
    static const char* const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    unsigned long long value = bytes;
    while (value >= 1024 && value % 1024 == 0 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    return std::to_string(value) + " " + units[unit];
}

} // namespace

void throw_window_too_large(unsigned long long window, int window_log_max)
{
    const std::string need = window != 0 ? "a window of " + describe_size(window) : "a larger window";
    boost::throw_exception(zstd_error(errc::window_too_large,
                                      "decompressing: the frame needs " + need +
                                          ", above window_log_max = " + std::to_string(window_log_max) + " (" +
                                          describe_size(1ull << window_log_max) +
                                          "); raise window_log_max to decode it (zstd CLI: --long=N or --memory=)"));
}

void check_declared_content(std::uint64_t declared, std::size_t compressed_size, std::uint64_t limit,
                            const std::string& where)
{
    if (limit != 0 && declared > limit)
        boost::throw_exception(zstd_error(errc::output_limit_exceeded,
                                          where + ": the frames declare " + std::to_string(declared) +
                                              " bytes of content, above max_output_size = " + std::to_string(limit) +
                                              " bytes"));
    if (declared > largest_possible_content(compressed_size))
        boost::throw_exception(zstd_error(errc::corruption_detected,
                                          where + ": corrupt frame header: it declares " + std::to_string(declared) +
                                              " bytes of content, more than " + std::to_string(compressed_size) +
                                              " compressed bytes can hold"));
}

} // namespace detail
} // namespace zstdio
