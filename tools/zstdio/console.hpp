// zstdio CLI — what the tool tells the user on stderr, and how sizes read.
#ifndef ZSTDIO_CLI_CONSOLE_HPP
#define ZSTDIO_CLI_CONSOLE_HPP

#include <cstdint>
#include <exception>
#include <string>

namespace zstdio_cli {

/// Messages on stderr, filtered by verbosity as zstd does: 0 nothing (-qq),
/// 1 errors (-q), 2 results and warnings (default), 3 details (-v), 4 and
/// more, internals (-vv ...).  Not thread safe.
class console {
public:
    /// @param prefix what error lines start with: "zstd" when the tool is
    ///        called by one of zstd's names, else "zstdio".
    console(int verbosity, std::string prefix) : verbosity_(verbosity), prefix_(std::move(prefix)) {}
    int verbosity() const noexcept { return verbosity_; }
    void set_verbosity(int v) noexcept { verbosity_ = v; }
    const std::string& prefix() const noexcept { return prefix_; }

    /// "zstd: FILE: reason \n" at verbosity 1 (zstd's own shape; the trailing
    /// blank is zstd's too).
    void error(const std::string& file, const std::string& reason) const;
    /// `text` and a newline, shown from verbosity `level`.
    void line(int level, const std::string& text) const;
    /// `text` as is, shown from verbosity `level`.
    void print(int level, const std::string& text) const;

private:
    int verbosity_;
    std::string prefix_;
};

/// The reason an exception carries, without a leading "zstdio: ".
std::string reason_of(const std::exception& e);

/// zstd's human-readable size with `precision` digits after the point:
/// "700 B", "97.7 KiB", "1.22 MiB" (as zstd's UTIL_HumanReadableSize).
std::string human_size(std::uint64_t bytes);

/// Fixed-point text: format_fixed(2.8169, 3) = "2.817".
std::string format_fixed(double value, int decimals);

/// How the tool names standard input and output in messages, as zstd does:
/// "/*stdin*\" and "/*stdout*\".
std::string display_name(const std::string& file);
std::string display_output_name(const std::string& file);

/// True when the descriptor is a terminal.
bool is_console(int fd) noexcept;

} // namespace zstdio_cli

#endif
