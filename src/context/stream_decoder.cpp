// zstdio — the decoder behind the filters and copy_stream (see
// include/zstdio/detail/stream_decoder.hpp).
#include <zstdio/detail/stream_decoder.hpp>

#include "frame/walker.hpp"
#include "parallel/parallel_decoder.hpp"
#include "parameters/threads.hpp"

#include <algorithm>
#include <atomic>
#include <optional>
#include <string_view>
#include <vector>

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

namespace zstdio {
namespace detail {

void parallel_decoder_deleter::operator()(parallel_decoder* d) const noexcept { delete d; }

namespace {
std::size_t decoding_workers(const zstd_params& p) noexcept
{
    const int n = resolve_threads(p.threads);
    return n > 0 && p.multi_frame && p.format == frame_format::zstd1 ? static_cast<std::size_t>(n) : 0;
}
} // namespace

stream_decoder::stream_decoder(const zstd_params& p) : context_(p), workers_(decoding_workers(context_.params())) {}

stream_decoder::stream_decoder(stream_decoder&& other) noexcept
    : context_(std::move(other.context_)), workers_(other.workers_), parallel_(std::move(other.parallel_))
{
    if (parallel_)
        parallel_->rebind(context_); // it decodes with the context it was given
}

stream_decoder& stream_decoder::operator=(stream_decoder&& other) noexcept
{
    if (this != &other) {
        parallel_.reset();
        context_ = std::move(other.context_);
        workers_ = other.workers_;
        parallel_ = std::move(other.parallel_);
        if (parallel_)
            parallel_->rebind(context_);
    }
    return *this;
}
stream_decoder::~stream_decoder() = default;

void stream_decoder::reset() noexcept
{
    if (parallel_)
        parallel_->reset();
    context_.reset();
}

bool stream_decoder::drive(input_window& in, output_window& out, bool stop_after_frame, const output_callback* emit)
{
    if (workers_ == 0 || stop_after_frame)
        return context_.drive(in, out, stop_after_frame, emit);
    return parallel().drive(in, out, emit);
}

parallel_decoder& stream_decoder::parallel()
{
    if (!parallel_)
        parallel_.reset(new parallel_decoder(context_, workers_));
    return *parallel_;
}

void stream_decoder::stop_at_other_data()
{
    if (workers_ > 0)
        parallel().stop_at_other_data();
}

std::string_view stream_decoder::unused() const noexcept { return parallel_ ? parallel_->unused() : std::string_view(); }

bool stream_decoder::finish(output_window& out, const output_callback* emit)
{
    if (parallel_)
        return parallel_->finish(out, emit);
    input_window none{nullptr, 0, 0};
    context_.drive(none, out, false, emit); // libzstd may still hold decoded output
    if (!emit && out.full())
        return false;
    context_.finish();
    return true;
}

namespace {
// Frames decoded by one worker's decompress_walked(): consecutive, whole.
struct frame_group {
    std::size_t offset = 0, size = 0;     // compressed
    std::size_t content_offset = 0, content = 0;
};
constexpr std::size_t group_content = std::size_t{1} << 20;

// The groups of the frames of `bytes`, or none when a frame does not
// record its content size or the content is above `capacity`.
std::vector<frame_group> group_frames(std::string_view bytes, std::size_t capacity, frame_format format)
{
    std::vector<frame_group> groups;
    frame_walker walker(bytes, format);
    frame_group g;
    std::size_t content = 0;
    while (!walker.done()) {
        const std::size_t at = walker.offset();
        const frame_extent e = walker.next();
        if (!e.parameters.is_skippable && !e.parameters.content_size)
            return {};
        const std::uint64_t c = e.parameters.is_skippable ? 0 : *e.parameters.content_size;
        if (c > capacity - content)
            return {};
        if (g.size == 0) {
            g.offset = at;
            g.content_offset = content;
        }
        g.size += e.size;
        g.content += static_cast<std::size_t>(c);
        content += static_cast<std::size_t>(c);
        if (g.content >= group_content) {
            groups.push_back(g);
            g = frame_group();
        }
    }
    if (g.size > 0)
        groups.push_back(g);
    return groups;
}
} // namespace

std::size_t stream_decoder::decompress_walked(const void* src, std::size_t size, void* dst, std::size_t capacity)
{
    std::vector<frame_group> groups;
    const std::uint64_t limit = params().max_output_size;
    if (workers_ > 0)
        groups = group_frames({static_cast<const char*>(src), size},
                              limit != 0 && limit < capacity ? static_cast<std::size_t>(limit) : capacity,
                              params().format);
    if (groups.size() < 2)
        return context_.decompress_walked(src, size, dst, capacity);
    if (!pool_)
        pool_ = params().pool ? params().pool : std::make_shared<executor>(static_cast<int>(workers_));
    zstd_params p = params();
    p.max_output_size = 0;
    // At most workers_ threads, even on a larger shared executor: each
    // takes the next group until none is left.
    const std::size_t threads = std::min(workers_, groups.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    pool_->run(threads, [&](std::size_t, std::size_t) {
        try {
            decompression_context ctx(p);
            for (std::size_t i = next++; i < groups.size() && !failed; i = next++) {
                const frame_group& g = groups[i];
                if (ctx.decompress_walked(static_cast<const char*>(src) + g.offset, g.size,
                                          static_cast<char*>(dst) + g.content_offset, g.content) != g.content)
                    failed = true; // decoded short: the serial decode below says why
            }
        } catch (const zstd_error&) {
            failed = true;
        }
    });
    if (failed) // decoded again in this thread: serial decoding's error
        return context_.decompress_walked(src, size, dst, capacity);
    return groups.back().content_offset + groups.back().content;
}

std::uint64_t stream_decoder::data_frames() const noexcept
{
    return parallel_ ? parallel_->data_frames() : context_.data_frames();
}

std::size_t stream_decoder::memory_size() const noexcept
{
    return context_.memory_size() + (parallel_ ? parallel_->memory_size() : 0);
}

} // namespace detail
} // namespace zstdio
