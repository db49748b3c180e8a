// zstdio CLI — stderr messages and size formatting.
#include "console.hpp"

#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <vector>

#include <unistd.h>

namespace zstdio_cli {

void console::error(const std::string& file, const std::string& reason) const
{
    if (verbosity_ >= 1)
        std::fprintf(stderr, "%s: %s: %s \n", prefix_.c_str(), display_name(file).c_str(), reason.c_str());
}

void console::report(const reported_error& e) const
{
    if (verbosity_ < 1 || *e.what() == 0)
        return;
    if (e.with_prefix)
        std::fprintf(stderr, "%s: %s \n", prefix_.c_str(), e.what());
    else
        std::fprintf(stderr, "%s \n", e.what());
}

void console::report_current(const std::string& file) const
{
    clear_progress();
    try {
        throw;
    } catch (const reported_error& e) {
        report(e);
    } catch (const std::exception& e) {
        report(reported_error(display_name(file) + ": " + reason_of(e)));
    }
}

bool console::confirm(const std::string& question, const std::string& refusal, bool stdin_is_input) const
{
    if (stdin_is_input) {
        std::fputs("stdin is an input - not proceeding.\n", stderr);
        return false;
    }
    std::fputs(question.c_str(), stderr);
    int ch = std::getchar();
    const bool yes = ch == 'y' || ch == 'Y';
    if (!yes)
        std::fprintf(stderr, "%s \n", refusal.c_str());
    while (ch != EOF && ch != '\n')
        ch = std::getchar();
    return yes;
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

void console::summary(const std::string& text) const
{
    if (shows_summary() && verbosity_ >= 1)
        std::fputs(text.c_str(), stderr);
}

void console::progress(const std::string& text) const
{
    if (!shows_progress() || verbosity_ < 1)
        return;
    using namespace std::chrono;
    const long long now = duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
    if (now - last_progress_ < 150000 && verbosity_ < 4)
        return;
    last_progress_ = now;
    std::fputs(text.c_str(), stderr);
    if (verbosity_ >= 4)
        std::fflush(stderr);
}

void console::clear_progress() const
{
    if (shows_progress() && verbosity_ >= 1)
        std::fprintf(stderr, "\r%79s\r", "");
}

readable_size make_readable(std::uint64_t bytes, int verbosity)
{
    if (verbosity > 3) {
        if (bytes >= (1ull << 53))
            return {static_cast<double>(bytes) / (1ull << 20), 2, " MiB"};
        return {static_cast<double>(bytes), 0, " B"};
    }
    static const char* const units[] = {" B", " KiB", " MiB", " GiB", " TiB", " PiB", " EiB"};
    int unit = 0;
    while (unit < 6 && bytes >= (1ull << (10 * (unit + 1))))
        ++unit;
    readable_size r{static_cast<double>(bytes) / static_cast<double>(1ull << (10 * unit)), 0, units[unit]};
    if (r.value >= 100 || static_cast<std::uint64_t>(r.value) == bytes)
        r.precision = 0;
    else if (r.value >= 10)
        r.precision = 1;
    else if (r.value > 1)
        r.precision = 2;
    else
        r.precision = 3;
    return r;
}

std::string format(const char* fmt, ...)
{
    std::va_list args;
    va_start(args, fmt);
    std::va_list again;
    va_copy(again, args);
    const int n = std::vsnprintf(nullptr, 0, fmt, args);
    va_end(args);
    std::vector<char> text(static_cast<std::size_t>(n > 0 ? n : 0) + 1);
    std::vsnprintf(text.data(), text.size(), fmt, again);
    va_end(again);
    return std::string(text.data(), static_cast<std::size_t>(n > 0 ? n : 0));
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
