// zstdio CLI — the progress line on stderr for long work.
#ifndef ZSTDIO_CLI_PROGRESS_HPP
#define ZSTDIO_CLI_PROGRESS_HPP

#include <chrono>
#include <cstdint>
#include <string>

namespace zstdio_cli {

/// A one-line progress report ("FILE : 120 MiB => 31.4 MiB (26.17%)
/// 212.4 MB/s"), rewritten in place on stderr.
///
/// It shows only when stderr is a terminal and the verbosity is at least 2,
/// and only once the work has lasted half a second, so short jobs and
/// redirected stderr stay silent.  Updates are limited to a few per second.
class progress_line {
public:
    progress_line(std::string name, int verbosity);
    ~progress_line() { clear(); }
    progress_line(const progress_line&) = delete;
    progress_line& operator=(const progress_line&) = delete;

    /// Bytes read and written so far; `total_in` is the input size if known
    /// (zstdio::unknown_size otherwise).  Cheap to call often.
    void update(std::uint64_t in, std::uint64_t out, std::uint64_t total_in);
    /// Erases the line (before a result or an error is printed).
    void clear();

private:
    std::string name_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
};

} // namespace zstdio_cli

#endif
