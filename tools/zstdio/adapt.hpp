// zstdio CLI — --adapt: the compression level follows the speed of I/O.
#ifndef ZSTDIO_CLI_ADAPT_HPP
#define ZSTDIO_CLI_ADAPT_HPP

#include "console.hpp"
#include "options.hpp"

#include <zstdio/streaming.hpp>

#include <chrono>

namespace zstdio_cli {

/// Watches where a compression loop spends its time and moves the level of
/// the frame being written (compression_object::set_level, which libzstd
/// applies to the jobs not yet started; --adapt needs worker threads):
///
/// - when compressing takes more of the time than reading and writing
///   together (the workers are the bottleneck: the output could take more),
///   one level lighter: "faster speed , lighter compression";
/// - when reading or writing takes more than twice the compression time (a
///   slow pipe or disk: the workers wait), one level stronger: "slower speed
///   , higher compression".
///
/// Decisions are taken at most every 100 ms of work, within
/// --adapt=min=#,max=# (level 0 is skipped), and shown from verbosity 6
/// (-vvvv) with zstd's wording.
class level_adapter {
public:
    using clock = std::chrono::steady_clock;
    level_adapter(const options& o, const console& con);

    /// One turn of the loop: it read from `read_start` to `compress_start`,
    /// compressed until `write_start`, and has just finished writing.
    void observe(zstdio::compression_object& frame, clock::time_point read_start, clock::time_point compress_start,
                 clock::time_point write_start);

    int level() const noexcept { return level_; }

private:
    const console& console_;
    int level_, min_, max_;
    clock::duration io_{}, compress_{};
    clock::time_point last_decision_;
};

} // namespace zstdio_cli

#endif
