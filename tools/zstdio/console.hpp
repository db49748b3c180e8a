// zstdio CLI — what the tool tells the user on stderr, and how sizes read.
#ifndef ZSTDIO_CLI_CONSOLE_HPP
#define ZSTDIO_CLI_CONSOLE_HPP

#include <cstdint>
#include <exception>
#include <string>

namespace zstdio_cli {

/// Messages on stderr, filtered by verbosity as zstd does:
/// 0 nothing, 1 errors, 2 + results (default), 3 + details (-v).
class console {
public:
    explicit console(int verbosity) : verbosity_(verbosity) {}
    int verbosity() const noexcept { return verbosity_; }

    /// "zstdio: FILE: reason" (shown from verbosity 1).
    void error(const std::string& file, const std::string& reason) const;
    /// "zstdio: warning: text" (shown from verbosity 2).
    void warning(const std::string& text) const;
    /// A line shown from verbosity `level`.
    void line(int level, const std::string& text) const;

private:
    int verbosity_;
};

/// The reason an exception carries, without a leading "zstdio: ".
std::string reason_of(const std::exception& e);

/// "1.42 KiB", "97.7 KiB", "700 B": three significant digits, as zstd prints sizes.
std::string human_size(std::uint64_t bytes);

/// Fixed-point text: format_fixed(2.8169, 3) = "2.817".
std::string format_fixed(double value, int decimals);

/// How the tool names standard input and output in messages.
std::string display_name(const std::string& file);

} // namespace zstdio_cli

#endif
