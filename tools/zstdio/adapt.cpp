// zstdio CLI — --adapt.
#include "adapt.hpp"

#include <algorithm>

namespace zstdio_cli {

level_adapter::level_adapter(const options& o, const console& con)
    : console_(con), level_(std::clamp(o.level, o.adapt_min, o.adapt_max)), min_(o.adapt_min), max_(o.adapt_max),
      last_decision_(clock::now())
{
}

void level_adapter::observe(zstdio::compression_object& frame, clock::time_point read_start,
                            clock::time_point compress_start, clock::time_point write_start)
{
    const clock::time_point now = clock::now();
    io_ += (compress_start - read_start) + (now - write_start);
    compress_ += write_start - compress_start;
    if (now - last_decision_ < std::chrono::milliseconds(100))
        return;
    last_decision_ = now;
    int next = level_;
    if (compress_ > io_) {
        console_.line(6, "faster speed , lighter compression ");
        next = std::max(level_ - 1, min_);
        if (next == 0)
            next = level_ > 0 && min_ <= -1 ? -1 : 1;
    } else if (io_ > 2 * compress_) {
        console_.line(6, "slower speed , higher compression ");
        next = std::min(level_ + 1, max_);
        if (next == 0)
            next = 1;
    }
    io_ = compress_ = {};
    if (next != level_ && next >= min_ && next <= max_) {
        level_ = next;
        frame.set_level(level_);
    }
}

} // namespace zstdio_cli
