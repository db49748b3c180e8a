// zstdio — compressor bodies: the templates of compressor::copy_stream() and
// decompressor::copy_stream() (included at the end of zstdio/compressor.hpp).
//
// They only move bytes between the devices and two fixed buffers; the zstd
// work is done by the (de)compressor's detail context (compiled).
#ifndef ZSTDIO_IMPL_COMPRESSOR_HPP
#define ZSTDIO_IMPL_COMPRESSOR_HPP

#include <zstdio/detail/device_io.hpp>
#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <string>
#include <type_traits>

namespace zstdio {

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
        context_.finish(out, &callback); // the source ended inside a frame, or held none
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
