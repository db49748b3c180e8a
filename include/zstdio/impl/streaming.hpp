// zstdio — streaming bodies: the templates of compression_object,
// decompression_object and copy_stream() (included at the end of
// zstdio/compressor.hpp).
//
// All of them only move bytes between the caller and one fixed buffer; the
// zstd work is done by the (de)compressor's detail context (compiled).
#ifndef ZSTDIO_IMPL_STREAMING_HPP
#define ZSTDIO_IMPL_STREAMING_HPP

#include <zstdio/detail/device_io.hpp>

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <string>

namespace zstdio {
// ---------------------------------------------------------------------------
// compression_object

template <class Emit>
void compression_object::run(std::string_view chunk, detail::end_directive directive, Emit emit, const char* call)
{
    check_usable(call);
    try {
        detail::input_window in{chunk.data(), chunk.size(), 0};
        detail::output_window out{buffer_.get(), buffer_size_, 0};
        const detail::output_callback callback(emit);
        context_->drive(in, out, directive, &callback);
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
        return; // libzstd holds no output back: every drive drains it
    try {
        detail::input_window in{chunk.data(), chunk.size(), 0};
        detail::output_window out{buffer_.get(), buffer_size_, 0};
        const detail::output_callback callback(emit);
        if (context_->drive(in, out, !across_frames_, &callback)) {
            ended_ = true;
            unused_.append(in.data + in.pos, in.size - in.pos);
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
    auto emit = [&](const char* p, std::size_t n) {
        writer.write(p, n);
        result.bytes_written += n;
    };
    const detail::output_callback callback(emit);
    context_.begin_frame(size);
    detail::input_window in{buffers.input.get(), 0, 0};
    detail::output_window out{buffers.output.get(), buffers.output_size, 0};
    while (reader.next(in)) {
        result.bytes_read += in.size;
        context_.drive(in, out, detail::end_directive::run, &callback);
    }
    context_.drive(in, out, detail::end_directive::end, &callback);
    return result;
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
    auto emit = [&](const char* p, std::size_t n) {
        if (size != unknown_size && n > size - result.bytes_written)
            boost::throw_exception(zstd_error(errc::src_size_wrong, "decompressing: the content is larger than the expected " +
                                                       std::to_string(size) + " bytes"));
        writer.write(p, n);
        result.bytes_written += n;
    };
    const detail::output_callback callback(emit);
    context_.reset();
    const bool one_frame = !params().multi_frame;
    bool done = false;
    detail::input_window in{buffers.input.get(), 0, 0};
    detail::output_window out{buffers.output.get(), buffers.output_size, 0};
    while (!done && reader.next(in)) {
        result.bytes_read += in.size;
        done = context_.drive(in, out, one_frame, &callback);
    }
    if (!done) {
        context_.finish(); // the source ended inside a frame, or held none
        if (one_frame)
            boost::throw_exception(zstd_error(errc::not_zstd_frame,
                             "decompressing: the input holds only skippable frames, no zstd frame"));
    }
    if (size != unknown_size && result.bytes_written != size)
        boost::throw_exception(zstd_error(errc::src_size_wrong, "decompressing: the content is " +
                                                   std::to_string(result.bytes_written) +
                                                   " bytes, not the expected " + std::to_string(size)));
    return result;
}

} // namespace zstdio

#endif
