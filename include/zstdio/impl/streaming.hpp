// zstdio — streaming bodies: the templates of compression_object,
// decompression_object and copy_stream() (included at the end of
// zstdio/compressor.hpp).
//
// All of them only move bytes between the caller and one fixed buffer; the
// zstd work is done by the (de)compressor's detail context (compiled).
#ifndef ZSTDIO_IMPL_STREAMING_HPP
#define ZSTDIO_IMPL_STREAMING_HPP

#include <boost/iostreams/input_sequence.hpp>
#include <boost/iostreams/operations.hpp>
#include <boost/iostreams/output_sequence.hpp>
#include <boost/iostreams/traits.hpp>
#include <boost/throw_exception.hpp>

#include <algorithm>
#include <ios>
#include <memory>
#include <type_traits>

namespace zstdio {
namespace detail {

/// A non-blocking Boost device may move 0 bytes at times; this many in a row
/// means it never will (a file_sink that failed to open, a dead peer), which
/// copy_stream() reports instead of waiting forever.
inline constexpr int idle_call_limit = 1024;

/// The input and output buffers of one copy_stream() call.
struct copy_buffers {
    copy_buffers(std::size_t in_size, std::size_t out_size)
        : input(std::make_unique<char[]>(in_size)), output(std::make_unique<char[]>(out_size)),
          input_size(in_size), output_size(out_size)
    {
    }
    std::unique_ptr<char[]> input;
    std::unique_ptr<char[]> output;
    std::size_t input_size;
    std::size_t output_size;
};

/// Hands out a source's bytes in pieces of at most `read_size`: read into a
/// buffer from a std::istream or a Boost Source, or pointed to in place in a
/// Boost Direct source (array_source, mapped_file_source).
template <class Source>
class input_reader {
public:
    input_reader(Source& source, char* buffer, std::size_t read_size)
        : source_(source), buffer_(buffer), read_size_(read_size)
    {
        // boost::iostreams::read goes to the streambuf, past the stream's
        // state: refuse a stream that failed to open rather than read nothing.
        if constexpr (std::is_base_of_v<std::ios_base, Source>)
            if (source.fail())
                boost::throw_exception(std::ios_base::failure("zstdio: the input stream is in a failed state"));
    }

    /// The next piece in `in` (never empty); false at the end of the source.
    bool next(input_window& in)
    {
        if constexpr (boost::iostreams::is_direct<Source>::value) {
            if (!started_) {
                const auto seq = boost::iostreams::input_sequence(source_);
                begin_ = seq.first;
                end_ = seq.second;
                started_ = true;
            }
            if (begin_ == end_)
                return false;
            const std::size_t n = std::min(read_size_, static_cast<std::size_t>(end_ - begin_));
            in = {begin_, n, 0};
            begin_ += n;
            return true;
        } else {
            for (int idle = 0; idle < idle_call_limit; ++idle) {
                const std::streamsize got =
                    boost::iostreams::read(source_, buffer_, static_cast<std::streamsize>(read_size_));
                if (got < 0)
                    return false;
                if (got > 0) {
                    in = {buffer_, static_cast<std::size_t>(got), 0};
                    return true;
                }
            }
            boost::throw_exception(std::ios_base::failure("zstdio: the source keeps giving no data (reading failed)"));
        }
    }

private:
    Source& source_;
    char* buffer_;
    std::size_t read_size_;
    const char* begin_ = nullptr; // Direct sources: what is left
    const char* end_ = nullptr;
    bool started_ = false;
};

/// Writes all of a piece to a std::ostream, a Boost Sink or a Boost Direct
/// sink (array_sink: std::ios_base::failure when it is full).
template <class Sink>
class output_writer {
public:
    explicit output_writer(Sink& sink) : sink_(sink)
    {
        if constexpr (std::is_base_of_v<std::ios_base, Sink>)
            if (sink.fail())
                boost::throw_exception(std::ios_base::failure("zstdio: the output stream is in a failed state"));
    }

    void write(const char* s, std::size_t n)
    {
        if constexpr (boost::iostreams::is_direct<Sink>::value) {
            if (!started_) {
                const auto seq = boost::iostreams::output_sequence(sink_);
                begin_ = seq.first;
                end_ = seq.second;
                started_ = true;
            }
            if (n > static_cast<std::size_t>(end_ - begin_))
                boost::throw_exception(std::ios_base::failure("zstdio: the output device is full"));
            std::copy(s, s + n, begin_);
            begin_ += n;
        } else {
            // A std::ostream that takes nothing has failed; a Boost sink may
            // take nothing at times, but not idle_call_limit times in a row.
            constexpr int limit = std::is_base_of_v<std::ios_base, Sink> ? 1 : idle_call_limit;
            int idle = 0;
            while (n > 0) {
                const std::streamsize w = boost::iostreams::write(sink_, s, static_cast<std::streamsize>(n));
                if (w > 0) {
                    s += w;
                    n -= static_cast<std::size_t>(w);
                    idle = 0;
                } else if (w < 0 || ++idle == limit) {
                    if constexpr (std::is_base_of_v<std::ios_base, Sink>)
                        sink_.setstate(std::ios_base::badbit);
                    boost::throw_exception(std::ios_base::failure("zstdio: writing to the sink failed"));
                }
            }
        }
    }

private:
    Sink& sink_;
    char* begin_ = nullptr; // Direct sinks: the room left
    char* end_ = nullptr;
    bool started_ = false;
};

} // namespace detail

// ---------------------------------------------------------------------------
// compression_object

template <class Emit>
void compression_object::run(std::string_view chunk, detail::end_directive directive, Emit emit, const char* call)
{
    check_usable(call);
    if (chunk.empty() && directive == detail::end_directive::run)
        return;
    try {
        detail::input_window in{chunk.data(), chunk.size(), 0};
        for (;;) {
            detail::output_window out{buffer_.get(), buffer_size_, 0};
            const std::size_t remaining = context_->compress(in, out, directive);
            emit(static_cast<const char*>(out.data), out.pos);
            // run: done once the chunk is consumed (libzstd may keep some of
            // it); flush and end: done once libzstd holds nothing back.
            if (directive == detail::end_directive::run ? in.empty() : remaining == 0)
                break;
        }
    } catch (const zstd_error& e) {
        status_ = status::failed;
        error_ = e;
        throw;
    } catch (...) {
        status_ = status::failed;
        error_ = zstd_error(errc::stage_wrong,
                            "compression_object: an earlier call failed while writing its output; the frame "
                            "cannot go on");
        throw;
    }
    if (directive == detail::end_directive::end)
        status_ = status::finished;
}

template <class OutputIt>
OutputIt compression_object::compress(std::string_view chunk, OutputIt out)
{
    run(chunk, detail::end_directive::run, [&out](const char* p, std::size_t n) { out = std::copy(p, p + n, out); },
        "compress()");
    return out;
}

template <class OutputIt>
OutputIt compression_object::flush(flush_mode mode, OutputIt out)
{
    run({}, mode == flush_mode::block ? detail::end_directive::flush : detail::end_directive::end,
        [&out](const char* p, std::size_t n) { out = std::copy(p, p + n, out); }, "flush()");
    return out;
}

// ---------------------------------------------------------------------------
// decompression_object

template <class Emit>
void decompression_object::run(std::string_view chunk, Emit emit)
{
    check_usable();
    if (ended_) {
        unused_.append(chunk.data(), chunk.size());
        return;
    }
    if (chunk.empty())
        return; // libzstd holds no output back: every step drains it below
    try {
        detail::input_window in{chunk.data(), chunk.size(), 0};
        for (;;) {
            detail::output_window out{buffer_.get(), buffer_size_, 0};
            frame_start_.observe(*context_, in);
            const bool frame_ended = context_->decompress(in, out);
            emit(static_cast<const char*>(out.data), out.pos);
            if (frame_ended && !across_frames_ && !frame_start_.skippable()) {
                ended_ = true;
                unused_.append(in.data + in.pos, in.size - in.pos);
                return;
            }
            // A full buffer may mean libzstd has more output for this input.
            if (in.empty() && !out.full())
                return;
        }
    } catch (const zstd_error& e) {
        error_ = e;
        throw;
    } catch (...) {
        error_ = zstd_error(errc::stage_wrong,
                            "decompression_object: an earlier call failed while writing its output; the stream "
                            "cannot go on");
        throw;
    }
}

template <class OutputIt>
OutputIt decompression_object::decompress(std::string_view chunk, OutputIt out)
{
    run(chunk, [&out](const char* p, std::size_t n) { out = std::copy(p, p + n, out); });
    return out;
}

// ---------------------------------------------------------------------------
// copy_stream

template <class Source, class Sink>
copy_result compressor::copy_stream(Source&& source, Sink&& sink, std::uint64_t size, std::size_t read_size,
                                    std::size_t write_size)
{
    using source_type = std::remove_reference_t<Source>;
    using sink_type = std::remove_reference_t<Sink>;
    detail::copy_buffers buffers(read_size != 0 ? read_size : compression_input_size(),
                                 write_size != 0 ? write_size : compression_output_size());
    detail::input_reader<source_type> reader(source, buffers.input.get(), buffers.input_size);
    detail::output_writer<sink_type> writer(sink);
    copy_result result;
    context_.begin_frame(size);
    detail::input_window in{buffers.input.get(), 0, 0};
    detail::end_directive directive = detail::end_directive::run;
    for (;;) {
        if (in.empty() && directive == detail::end_directive::run) {
            if (reader.next(in))
                result.bytes_read += in.size;
            else
                directive = detail::end_directive::end;
        }
        detail::output_window out{buffers.output.get(), buffers.output_size, 0};
        const std::size_t remaining = context_.compress(in, out, directive);
        writer.write(out.data, out.pos);
        result.bytes_written += out.pos;
        if (directive == detail::end_directive::end && remaining == 0)
            return result;
    }
}

template <class Source, class Sink>
copy_result decompressor::copy_stream(Source&& source, Sink&& sink, std::uint64_t size, std::size_t read_size,
                                      std::size_t write_size)
{
    using source_type = std::remove_reference_t<Source>;
    using sink_type = std::remove_reference_t<Sink>;
    detail::copy_buffers buffers(read_size != 0 ? read_size : decompression_input_size(),
                                 write_size != 0 ? write_size : decompression_output_size());
    detail::input_reader<source_type> reader(source, buffers.input.get(), buffers.input_size);
    detail::output_writer<sink_type> writer(sink);
    copy_result result;
    context_.reset();
    detail::frame_start frame_start;
    const bool one_frame = !params().multi_frame;
    bool done = false;
    detail::input_window in{buffers.input.get(), 0, 0};
    while (!done && reader.next(in)) {
        result.bytes_read += in.size;
        bool more_output;
        do {
            detail::output_window out{buffers.output.get(), buffers.output_size, 0};
            frame_start.observe(context_, in);
            const bool frame_ended = context_.decompress(in, out);
            if (size != unknown_size && out.pos > size - result.bytes_written)
                boost::throw_exception(zstd_error(errc::src_size_wrong,
                                                  "decompressing: the content is larger than the expected " +
                                                      std::to_string(size) + " bytes"));
            writer.write(out.data, out.pos);
            result.bytes_written += out.pos;
            if (frame_ended && one_frame && !frame_start.skippable()) {
                done = true;
                break;
            }
            more_output = out.full();
        } while (!in.empty() || more_output);
    }
    if (!done) {
        context_.finish(); // the source ended inside a frame, or held none
        if (one_frame)
            boost::throw_exception(zstd_error(errc::not_zstd_frame,
                                              "decompressing: the input holds only skippable frames, no zstd frame"));
    }
    if (size != unknown_size && result.bytes_written != size)
        boost::throw_exception(zstd_error(errc::src_size_wrong,
                                          "decompressing: the content is " + std::to_string(result.bytes_written) +
                                              " bytes, not the expected " + std::to_string(size)));
    return result;
}

} // namespace zstdio

#endif
