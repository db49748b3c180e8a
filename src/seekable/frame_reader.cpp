// zstdio — the reader behind seekable_source (see frame_reader.hpp).
#include "seekable/frame_reader.hpp"

#include <zstdio/error.hpp>
#include <zstdio/seekable_source.hpp>

#include "parallel/ordered_pipeline.hpp"
#include "parameters/threads.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

namespace zstdio {
namespace detail {

namespace {
// A large frame is streamed in pieces of this size; a read that goes back
// inside the last piece decodes nothing.
constexpr std::size_t stream_piece = 256 * 1024;
} // namespace

seekable_state::~seekable_state() = default;

void seekable_state::set_unsized(std::vector<std::size_t> frames)
{
    unsized = std::move(frames);
    confirmed_.reset(new std::atomic<bool>[unsized.size()]);
    for (std::size_t k = 0; k < unsized.size(); ++k)
        confirmed_[k].store(false, std::memory_order_relaxed);
    confirmed_prefix_.store(0, std::memory_order_relaxed);
}

void seekable_state::confirm_before(std::size_t i, frame_decoder& decoder) const
{
    const auto need = static_cast<std::size_t>(std::lower_bound(unsized.begin(), unsized.end(), i) - unsized.begin());
    if (confirmed_prefix_.load(std::memory_order_acquire) >= need)
        return;
    std::lock_guard<std::mutex> lock(confirm_mutex_);
    std::size_t k = confirmed_prefix_.load(std::memory_order_relaxed);
    for (; k < need; ++k) {
        if (confirmed_[k].load(std::memory_order_acquire))
            continue;
        decoder.start(*file, location(unsized[k]));
        decoder.finish(); // throws for a size or checksum the frame does not have
        confirmed_[k].store(true, std::memory_order_release);
    }
    confirmed_prefix_.store(need, std::memory_order_release);
}

void seekable_state::confirmed(std::size_t i) const noexcept
{
    const auto it = std::lower_bound(unsized.begin(), unsized.end(), i);
    if (it != unsized.end() && *it == i)
        confirmed_[static_cast<std::size_t>(it - unsized.begin())].store(true, std::memory_order_release);
}

void seekable_state::all_confirmed() const noexcept
{
    for (std::size_t k = 0; k < unsized.size(); ++k)
        confirmed_[k].store(true, std::memory_order_release);
    std::size_t prefix = confirmed_prefix_.load(std::memory_order_relaxed);
    while (prefix < unsized.size() &&
           !confirmed_prefix_.compare_exchange_weak(prefix, unsized.size(), std::memory_order_release))
    {
    }
}

frame_location seekable_state::location(std::size_t i) const
{
    const seek_table::entry e = table[i];
    frame_location f;
    f.index = i;
    f.offset = e.compressed_offset;
    f.compressed_size = e.compressed_size;
    f.content_size = e.decompressed_size;
    f.checksum = e.checksum;
    return f;
}

// Frames decoded ahead of a reader going through them in order: after frame
// i is read, frames i + 1, i + 2, ... (those of at most cached_frame_limit
// bytes) are decoded, 4 per decoding thread in flight, each whole and
// checked by a frame_decoder of its own as the reader's would.  N decoding
// threads are N - 1 workers and the reader's thread, which decodes frames
// no worker has taken while it waits (one thread is one worker).  A read of
// any other frame drops them.
class read_ahead {
public:
    read_ahead(const seekable_state& state, std::size_t threads)
        : state_(state), decoders_(threads), slots_(4 * threads),
          pipeline_(
              threads > 1 ? threads - 1 : 1, 4 * threads,
              [this](std::size_t slot, std::size_t worker) { decode(slot, worker); }, state.params.pool, threads > 1)
    {
    }

    /// Moves frame `i`, decoded ahead, into `window` (its content, checked)
    /// and returns true; false when it was not the next one decoded ahead
    /// (then nothing is ahead any more).  Throws what decoding it threw.
    bool take(std::size_t i, content_window& window)
    {
        if (pipeline_.empty() || slots_[pipeline_.head_slot()].frame != i) {
            pipeline_.stop();
            next_ = 0;
            return false;
        }
        slot& s = slots_[pipeline_.head_slot()];
        try {
            pipeline_.wait_head();
        } catch (...) {
            pipeline_.stop();
            next_ = 0;
            throw;
        }
        std::swap(window, s.content);
        pipeline_.pop();
        return true;
    }

    /// Frame `i` was read: decodes the frames after it ahead.
    void fill(std::size_t i)
    {
        next_ = std::max(next_, i + 1);
        while (!pipeline_.full() && next_ < state_.table.frame_count() &&
               state_.table[next_].decompressed_size <= seekable_source::cached_frame_limit) {
            slots_[pipeline_.next_slot()].frame = next_++;
            pipeline_.hand();
        }
    }

private:
    struct slot {
        std::size_t frame = 0;
        content_window content;
    };

    void decode(std::size_t index, std::size_t worker)
    {
        std::optional<frame_decoder>& d = decoders_[worker];
        if (!d)
            d.emplace(state_.decoding);
        slot& s = slots_[index];
        const std::uint64_t size = state_.table[s.frame].decompressed_size;
        d->start(*state_.file, state_.location(s.frame));
        s.content.resize(static_cast<std::size_t>(size));
        d->decode(s.content.data(), s.content.size());
        if (!d->ended())
            boost::throw_exception(zstd_error(errc::generic, "seekable zstd: internal error: " +
                                                                 frame_name(d->frame()) + " did not end"));
    }

    const seekable_state& state_;
    std::vector<std::optional<frame_decoder>> decoders_; // one per decoding thread
    std::vector<slot> slots_;
    std::size_t next_ = 0; // the next frame to hand
    ordered_pipeline pipeline_; // last: stopped first
};

void read_ahead_deleter::operator()(read_ahead* r) const noexcept { delete r; }

frame_reader::frame_reader(const seekable_state& state, bool ahead) : state_(state), decoder_(state.decoding)
{
    const int workers = resolve_threads(state.params.threads);
    if (ahead && workers > 0)
        ahead_.reset(new read_ahead(state, static_cast<std::size_t>(workers)));
}

frame_reader::~frame_reader() = default;

void frame_reader::start(std::size_t i)
{
    frame_ = none; // until the frame's first bytes are in
    window_.clear();
    window_start_ = 0;
    // The offsets of frame i rest on the sizes of the frames before it.
    state_.confirm_before(i, decoder_);
    decoder_.start(*state_.file, state_.location(i));
}

void frame_reader::copy_from_frame(std::size_t i, std::uint64_t within, char* dst, std::size_t n)
{
    const std::uint64_t content = state_.table[i].decompressed_size;
    if (content <= seekable_source::cached_frame_limit) {
        // Decoded whole and checked (end, size, checksum) before use.
        if (frame_ != i) {
            frame_ = none;
            if (ahead_ && ahead_->take(i, window_)) {
                window_start_ = 0; // frames before i were read, so confirmed
            } else {
                start(i);
                window_.resize(static_cast<std::size_t>(content));
                decoder_.decode(window_.data(), window_.size());
                if (!decoder_.ended())
                    boost::throw_exception(zstd_error(errc::generic, "seekable zstd: internal error: " +
                                                                         frame_name(decoder_.frame()) + " did not end"));
            }
            state_.confirmed(i);
            frame_ = i;
            if (ahead_)
                ahead_->fill(i);
        }
        std::memcpy(dst, window_.data() + within, n);
        return;
    }
    // Streamed: the decoder goes forward from the last piece, or starts the
    // frame again for an offset before it.
    while (n > 0) {
        if (frame_ != i || within < window_start_)
            start(i);
        const std::uint64_t window_end = window_start_ + window_.size();
        if (within < window_end) {
            const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n, window_end - within));
            std::memcpy(dst, window_.data() + (within - window_start_), k);
            dst += k;
            within += k;
            n -= k;
            continue;
        }
        frame_ = none; // until the piece is in
        window_start_ = window_end;
        window_.resize(stream_piece);
        window_.resize(decoder_.decode(window_.data(), window_.size()));
        if (window_.empty()) // the decoder checks that the frame holds `content` bytes
            boost::throw_exception(zstd_error(errc::generic, "seekable zstd: internal error: " +
                                                                 frame_name(decoder_.frame()) + " ended early"));
        if (decoder_.ended())
            state_.confirmed(i);
        frame_ = i;
    }
}

std::size_t frame_reader::read(std::uint64_t offset, char* dst, std::size_t n)
{
    const seek_table& table = state_.table;
    const std::uint64_t size = table.decompressed_size();
    if (offset >= size || n == 0)
        return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, size - offset));
    try {
        for (std::size_t done = 0; done < n;) {
            const std::size_t i = table.frame_at(offset + done);
            const seek_table::entry e = table[i];
            const std::uint64_t within = offset + done - e.decompressed_offset;
            const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n - done, e.decompressed_size - within));
            copy_from_frame(i, within, dst + done, k);
            done += k;
        }
    } catch (...) {
        frame_ = none;
        throw;
    }
    return n;
}

} // namespace detail
} // namespace zstdio
