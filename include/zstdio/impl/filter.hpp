// zstdio — filter bodies (included at the end of zstdio/filter.hpp).
//
// The filters are thin: the zstd work is done by detail::compression_context
// and detail::decompression_context (compiled); these templates only move
// bytes between the chain's devices and the filter's buffer.
#ifndef ZSTDIO_IMPL_FILTER_HPP
#define ZSTDIO_IMPL_FILTER_HPP

#include <zstdio/detail/device_io.hpp>
#include <zstdio/detail/io_buffer.hpp>
#include <zstdio/detail/stream_decoder.hpp>

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <ios>
#include <memory>
#include <optional>
#include <type_traits>

namespace zstdio {
namespace detail {

/// The filter's stream position: nothing yet, writing or reading a stream,
/// reading finished, or failed (the error is kept).
enum class filter_mode { idle, writing, reading, done, failed };

inline std::size_t buffer_size_or(std::streamsize requested, std::size_t recommended)
{
    if (requested < 0)
        boost::throw_exception(std::invalid_argument("zstdio: buffer_size must not be negative"));
    return requested == 0 ? recommended : static_cast<std::size_t>(requested);
}

/// True for devices close() may write to (Boost instantiates close() for
/// sources too, where the output branch must not be compiled).
template <class Device>
inline constexpr bool is_sink_v =
    std::is_convertible_v<typename boost::iostreams::category_of<Device>::type, boost::iostreams::output>;

/// What both filters keep between calls: the I/O buffer (the output buffer
/// when writing, the input buffer when reading) and where the stream is.
template <class Alloc>
struct filter_buffer {
    explicit filter_buffer(std::size_t size) : bytes(size) {}

    void reset() noexcept
    {
        mode = filter_mode::idle;
        in_pos = in_end = 0;
        source_eof = false;
    }

    /// Reading: the unconsumed input.
    input_window input() const noexcept { return {bytes.data(), in_end, in_pos}; }
    /// Writing: the whole buffer, empty.
    output_window output() noexcept { return {bytes.data(), bytes.size(), 0}; }

    /// close(): true when `which` ends a stream this filter was writing (or a
    /// stream that never got any data).
    bool closes_written_stream(std::ios_base::openmode which) const noexcept
    {
        return which == std::ios_base::out && mode != filter_mode::reading && mode != filter_mode::done;
    }

    /// read(): what to return after producing `out`; -1 once the stream is over.
    std::streamsize read_result(const output_window& out) const noexcept
    {
        if (out.pos == 0 && mode == filter_mode::done)
            return -1;
        return static_cast<std::streamsize>(out.pos);
    }

    /// Reading: refills the input buffer from `src` once it is used up.
    /// Returns false when the source has nothing for now (non-blocking).
    template <class Source>
    bool refill(Source& src)
    {
        if (in_pos != in_end || source_eof)
            return true;
        const std::streamsize got = boost::iostreams::read(src, bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (got == 0)
            return false;
        source_eof = got < 0;
        in_pos = 0;
        in_end = got < 0 ? 0 : static_cast<std::size_t>(got);
        return true;
    }

    char_buffer<Alloc> bytes;
    filter_mode mode = filter_mode::idle;
    std::size_t in_pos = 0; // reading: unconsumed input is bytes[in_pos, in_end)
    std::size_t in_end = 0;
    bool source_eof = false;
};

/// Runs `directive` (flush or end) to completion, writing the output to `snk`.
template <class Alloc, class Sink>
void finish_directive(compression_context& context, filter_buffer<Alloc>& buffer, Sink& snk,
                      end_directive directive)
{
    auto emit = [&snk](const char* p, std::size_t n) { write_all(snk, p, n); };
    const output_callback callback(emit);
    input_window none{nullptr, 0, 0};
    output_window out = buffer.output();
    context.drive(none, out, directive, &callback);
}

/// What the decompressing filters keep: filter_buffer, and the error that
/// ended the stream, kept so that a user whose std::istream only shows
/// badbit can ask what happened.
template <class Alloc>
struct decoding_buffer : filter_buffer<Alloc> {
    using filter_buffer<Alloc>::filter_buffer;

    void begin(filter_mode m)
    {
        last_error.reset();
        this->mode = m;
    }

    // Runs `step`, keeping any zstd_error it throws as last_error.
    template <class Step>
    auto guarded(Step step)
    {
        if (this->mode == filter_mode::failed)
            boost::throw_exception(*last_error);
        try {
            return step();
        } catch (const zstd_error& e) {
            last_error = e;
            this->mode = filter_mode::failed;
            throw;
        }
    }

    /// A decompressing filter's read(): fills `s` (up to `n` bytes) with what
    /// `drive(in, out)` decodes from `src` (true: the stream ended before its
    /// input) and, once `src` has ended, what `finish(out)` still delivers
    /// (true: done; it throws when the input ended inside a frame or member).
    /// Errors are kept in last_error.
    template <class Source, class Drive, class Finish>
    std::streamsize pull(Source& src, char* s, std::streamsize n, Drive drive, Finish finish)
    {
        return guarded([&]() -> std::streamsize {
            if (this->mode == filter_mode::done)
                return -1;
            if (this->mode != filter_mode::reading)
                begin(filter_mode::reading);
            output_window out{s, static_cast<std::size_t>(n), 0};
            while (!out.full() && this->refill(src)) {
                input_window in = this->input();
                const bool stopped = drive(in, out);
                this->in_pos = in.pos;
                if (stopped) {
                    this->mode = filter_mode::done;
                    break;
                }
                // At the end of the source, with everything decoded and
                // delivered (the buffer did not fill), the stream is over or
                // truncated.
                if (this->source_eof && in.empty() && !out.full()) {
                    if (out.pos > 0)
                        break; // deliver what was decoded; the next read reports the end
                    // False when what the decoder held back (or workers
                    // decoded) fills `out` first.
                    if (finish(out))
                        this->mode = filter_mode::done;
                    break;
                }
            }
            return this->read_result(out);
        });
    }

    std::optional<zstd_error> last_error;
};

/// Resets a filter's state when a close() ends, whether or not it throws.
template <class State>
struct close_guard {
    State& state;
    ~close_guard() { state.reset(); }
};

} // namespace detail

// ---------------------------------------------------------------------------
// basic_zstd_compressor

template <class Alloc>
struct basic_zstd_compressor<Alloc>::state : detail::filter_buffer<Alloc> {
    state(const zstd_params& p, std::size_t buffer_size) : detail::filter_buffer<Alloc>(buffer_size), context(p) {}

    void begin(detail::filter_mode m)
    {
        context.begin_frame();
        this->mode = m;
    }

    detail::compression_context context;
};

template <class Alloc>
basic_zstd_compressor<Alloc>::basic_zstd_compressor(const zstd_params& params, std::streamsize buffer_size)
    : state_(std::make_shared<state>(params, detail::buffer_size_or(buffer_size, compression_output_size())))
{
}

template <class Alloc>
template <class Sink>
std::streamsize basic_zstd_compressor<Alloc>::write(Sink& snk, const char* s, std::streamsize n)
{
    state& st = *state_;
    if (st.mode != detail::filter_mode::writing)
        st.begin(detail::filter_mode::writing);
    auto emit = [&snk](const char* p, std::size_t size) { detail::write_all(snk, p, size); };
    const detail::output_callback callback(emit);
    detail::input_window in{s, static_cast<std::size_t>(n), 0};
    detail::output_window out = st.output();
    st.context.drive(in, out, detail::end_directive::run, &callback);
    return n;
}

template <class Alloc>
template <class Sink>
bool basic_zstd_compressor<Alloc>::flush(Sink& snk)
{
    state& st = *state_;
    if (st.mode == detail::filter_mode::writing) // else nothing was written since the frame began
        detail::finish_directive(st.context, st, snk, detail::end_directive::flush);
    return true;
}

template <class Alloc>
template <class Source>
std::streamsize basic_zstd_compressor<Alloc>::read(Source& src, char* s, std::streamsize n)
{
    state& st = *state_;
    if (st.mode == detail::filter_mode::done)
        return -1;
    if (st.mode != detail::filter_mode::reading)
        st.begin(detail::filter_mode::reading);
    detail::output_window out{s, static_cast<std::size_t>(n), 0};
    while (!out.full() && st.refill(src)) {
        detail::input_window in = st.input();
        const bool met =
            st.context.drive(in, out, st.source_eof ? detail::end_directive::end : detail::end_directive::run, nullptr);
        st.in_pos = in.pos;
        if (st.source_eof && met) {
            st.mode = detail::filter_mode::done;
            break;
        }
    }
    return st.read_result(out);
}

template <class Alloc>
template <class Device>
void basic_zstd_compressor<Alloc>::close(Device& dev, std::ios_base::openmode which)
{
    state& st = *state_;
    detail::close_guard<state> guard{st};
    if constexpr (detail::is_sink_v<Device>) {
        if (!st.closes_written_stream(which))
            return;
        finish_frame(dev);
    }
}

template <class Alloc>
template <class Sink>
void basic_zstd_compressor<Alloc>::finish_frame(Sink& dev)
{
    state& st = *state_;
    // One frame per open/close cycle, even when nothing was written.
    if (st.mode != detail::filter_mode::writing)
        st.begin(detail::filter_mode::writing);
    detail::finish_directive(st.context, st, dev, detail::end_directive::end);
}

template <class Alloc>
std::streamsize basic_zstd_compressor<Alloc>::optimal_buffer_size() const noexcept
{
    return static_cast<std::streamsize>(compression_input_size());
}

template <class Alloc>
std::size_t basic_zstd_compressor<Alloc>::memory_size() const noexcept
{
    return state_->context.memory_size() + state_->bytes.size();
}

template <class Alloc>
frame_progression basic_zstd_compressor<Alloc>::progression() const noexcept
{
    return state_->context.progression();
}

// ---------------------------------------------------------------------------
// basic_zstd_decompressor

template <class Alloc>
struct basic_zstd_decompressor<Alloc>::state : detail::decoding_buffer<Alloc> {
    state(const zstd_params& p, std::size_t buffer_size) : detail::decoding_buffer<Alloc>(buffer_size), context(p) {}

    void reset() noexcept
    {
        detail::filter_buffer<Alloc>::reset();
        context.reset();
    }

    // Without multi_frame, decoding stops after the first frame with content
    // (skippable frames before it are skipped, as everywhere).
    bool stops_after_frame() const noexcept { return !context.params().multi_frame; }
    bool stopped() const noexcept { return stops_after_frame() && context.data_frames() > 0; }

    detail::stream_decoder context;
};

template <class Alloc>
basic_zstd_decompressor<Alloc>::basic_zstd_decompressor(const zstd_params& params, std::streamsize buffer_size)
    : state_(std::make_shared<state>(params, detail::buffer_size_or(buffer_size, decompression_input_size())))
{
}

template <class Alloc>
template <class Sink>
std::streamsize basic_zstd_decompressor<Alloc>::write(Sink& snk, const char* s, std::streamsize n)
{
    state& st = *state_;
    return st.guarded([&] {
        if (st.mode != detail::filter_mode::writing)
            st.begin(detail::filter_mode::writing);
        if (!st.stopped()) {
            auto emit = [&snk](const char* p, std::size_t size) { detail::write_all(snk, p, size); };
            const detail::output_callback callback(emit);
            detail::input_window in{s, static_cast<std::size_t>(n), 0};
            detail::output_window out = st.output();
            st.context.drive(in, out, st.stops_after_frame(), &callback);
        }
        return n; // after the first frame without multi_frame, the rest is ignored
    });
}

template <class Alloc>
template <class Sink>
bool basic_zstd_decompressor<Alloc>::flush(Sink&)
{
    return state_->mode != detail::filter_mode::failed;
}

template <class Alloc>
template <class Source>
std::streamsize basic_zstd_decompressor<Alloc>::read(Source& src, char* s, std::streamsize n)
{
    state& st = *state_;
    return st.pull(
        src, s, n,
        [&](detail::input_window& in, detail::output_window& out) {
            return st.context.drive(in, out, st.stops_after_frame(), nullptr);
        },
        [&](detail::output_window& out) { return st.context.finish(out, nullptr); });
}

template <class Alloc>
template <class Device>
void basic_zstd_decompressor<Alloc>::close(Device& dev, std::ios_base::openmode which)
{
    state& st = *state_;
    detail::close_guard<state> guard{st};
    if constexpr (detail::is_sink_v<Device>) {
        if (!st.closes_written_stream(which))
            return;
        if (st.mode == detail::filter_mode::failed)
            boost::throw_exception(*st.last_error); // an error the ostream turned into badbit is not lost
        finish_stream(dev);
    }
}

template <class Alloc>
template <class Sink>
void basic_zstd_decompressor<Alloc>::finish_stream(Sink& dev)
{
    state& st = *state_;
    st.guarded([&] {
        auto emit = [&dev](const char* p, std::size_t size) { detail::write_all(dev, p, size); };
        const detail::output_callback callback(emit);
        detail::output_window out = st.output();
        // libzstd, or the workers, may still hold decoded output; throws when
        // the input ended inside a frame or held none.
        if (st.mode == detail::filter_mode::writing && !st.stopped())
            st.context.finish(out, &callback);
        else
            st.context.context().finish();
        return 0;
    });
}

template <class Alloc>
std::streamsize basic_zstd_decompressor<Alloc>::optimal_buffer_size() const noexcept
{
    return static_cast<std::streamsize>(decompression_output_size());
}

template <class Alloc>
std::size_t basic_zstd_decompressor<Alloc>::memory_size() const noexcept
{
    return state_->context.memory_size() + state_->bytes.size();
}

template <class Alloc>
const std::optional<zstd_error>& basic_zstd_decompressor<Alloc>::last_error() const noexcept
{
    return state_->last_error;
}

} // namespace zstdio

#endif
