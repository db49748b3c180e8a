// zstdio CLI — progress line.
#include "progress.hpp"

#include "console.hpp"
#include "io.hpp"

#include <zstdio/params.hpp>

#include <cstdio>

namespace zstdio_cli {

progress_line::progress_line(std::string name, int verbosity)
    : name_(display_name(name)), enabled_(verbosity >= 2 && is_console(2)),
      start_(std::chrono::steady_clock::now()), last_(start_)
{
}

void progress_line::update(std::uint64_t in, std::uint64_t out, std::uint64_t total_in)
{
    if (!enabled_)
        return;
    using namespace std::chrono;
    const auto now = steady_clock::now();
    if (now - start_ < milliseconds(500) || now - last_ < milliseconds(200))
        return;
    last_ = now;
    const double seconds = duration<double>(now - start_).count();
    const double rate = static_cast<double>(in) / 1e6 / seconds;
    std::string text = "\r" + name_ + " : " + human_size(in);
    if (total_in != zstdio::unknown_size && total_in > 0)
        text += " of " + human_size(total_in);
    text += " => " + human_size(out);
    if (in > 0)
        text += " (" + format_fixed(100.0 * static_cast<double>(out) / static_cast<double>(in), 2) + "%)";
    text += "  " + format_fixed(rate, 1) + " MB/s   ";
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
    shown_ = true;
}

void progress_line::clear()
{
    if (!shown_)
        return;
    std::fprintf(stderr, "\r%79s\r", "");
    std::fflush(stderr);
    shown_ = false;
}

} // namespace zstdio_cli
