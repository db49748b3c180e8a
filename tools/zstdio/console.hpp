// zstdio CLI — what the tool tells the user on stderr, and how sizes read.
#ifndef ZSTDIO_CLI_CONSOLE_HPP
#define ZSTDIO_CLI_CONSOLE_HPP

#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>

namespace zstdio_cli {

/// A failure that carries the exact line zstd prints for it: with the
/// prefix, "zstd: " + what() + " \n" ("zstd: f is a directory -- ignored");
/// without, what() + " \n" ("f.zst : Decoding error (36) : Dictionary
/// mismatch").  Shown at verbosity 1; an empty line is not shown (the
/// failure was already told).
struct reported_error : std::runtime_error {
    explicit reported_error(const std::string& line, bool with_prefix = true)
        : std::runtime_error(line), with_prefix(with_prefix)
    {
    }
    bool with_prefix;
};

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
    /// A reported_error's line.
    void report(const reported_error& e) const;
    /// Reports the exception being handled (call from a catch block): a
    /// reported_error as it is, anything else as "zstd: FILE: reason".
    /// Clears the progress counter first.
    void report_current(const std::string& file) const;
    /// zstd's y/n question on stderr, answered on stdin: true for y or Y.
    /// Otherwise prints `refusal` (with a blank and a newline) and returns
    /// false; when stdin is an input, says so and returns false at once.
    bool confirm(const std::string& question, const std::string& refusal, bool stdin_is_input) const;
    /// `text` and a newline, shown from verbosity `level`.
    void line(int level, const std::string& text) const;
    /// `text` as is, shown from verbosity `level`.
    void print(int level, const std::string& text) const;

    /// Whether per-file results and progress show: results from verbosity 2
    /// or with --progress; the progress counter unless --no-progress or
    /// stderr is not a console (see set_progress).
    void set_progress(bool always, bool never) noexcept { progress_always_ = always, progress_never_ = never; }
    bool shows_summary() const noexcept { return verbosity_ >= 2 || progress_always_; }
    bool shows_progress() const noexcept { return !progress_never_ && shows_summary(); }
    /// A result line (zstd's DISPLAY_SUMMARY), as is.
    void summary(const std::string& text) const;
    /// The progress counter: rewrites the line, at most every 150 ms
    /// (always from -vv), starting with "\r".
    void progress(const std::string& text) const;
    /// Erases the progress counter's line.
    void clear_progress() const;

private:
    int verbosity_;
    std::string prefix_;
    bool progress_always_ = false;
    bool progress_never_ = false;
    mutable long long last_progress_ = -1000000; ///< microseconds, steady clock
};

/// A size as zstd shows it: value, digits after the point and unit (" B",
/// " KiB", ...).  From -vv (verbosity > 3) sizes are not scaled.
struct readable_size {
    double value;
    int precision;
    const char* suffix;
};
readable_size make_readable(std::uint64_t bytes, int verbosity);
/// printf-style text, for zstd's message formats.
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

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
