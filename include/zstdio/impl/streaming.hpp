// zstdio — streaming bodies: the templates of compression_object and
// decompression_object (included at the end of zstdio/streaming.hpp).
//
// They only move bytes between the caller and one fixed buffer; the zstd work
// is done by the (de)compressor's detail context (compiled).
#ifndef ZSTDIO_IMPL_STREAMING_HPP
#define ZSTDIO_IMPL_STREAMING_HPP

#include <algorithm>
#include <string_view>

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

} // namespace zstdio

#endif
