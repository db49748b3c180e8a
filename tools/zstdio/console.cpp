// zstdio CLI — stderr messages and size formatting.
#include "console.hpp"

#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace zstdio_cli {

void console::error(const std::string& file, const std::string& reason) const
{
    if (verbosity_ >= 1)
        std::fprintf(stderr, "%s: %s: %s \n", prefix_.c_str(), display_name(file).c_str(), reason.c_str());
}

void console::line(int level, const std::string& text) const
{
    if (verbosity_ >= level)
        std::fprintf(stderr, "%s\n", text.c_str());
}

void console::print(int level, const std::string& text) const
{
    if (verbosity_ >= level)
        std::fputs(text.c_str(), stderr);
}

std::string reason_of(const std::exception& e)
{
    const char* what = e.what();
    const char prefix[] = "zstdio: ";
    if (std::strncmp(what, prefix, sizeof prefix - 1) == 0)
        what += sizeof prefix - 1;
    return what;
}

std::string format_fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string human_size(std::uint64_t bytes)
{
    // Three significant digits, as zstd prints sizes: 700 B, 97.7 KiB, 1.22 MiB, 627 KiB.
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024)
        return std::to_string(bytes) + " B";
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 6) {
        value /= 1024;
        ++unit;
    }
    const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return format_fixed(value, decimals) + " " + units[unit];
}

std::string display_name(const std::string& file)
{
    return file == "-" ? "/*stdin*\\" : file;
}

std::string display_output_name(const std::string& file)
{
    return file == "-" ? "/*stdout*\\" : file;
}

bool is_console(int fd) noexcept { return ::isatty(fd) == 1; }

} // namespace zstdio_cli
