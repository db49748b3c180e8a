// zstdio — auto_decompressor's bodies (included at the end of
// zstdio/auto_decompressor.hpp).
//
// As the zstd filters: the decoding is compiled (detail::auto_decoder);
// these templates move bytes between the chain's devices and it.
#ifndef ZSTDIO_IMPL_AUTO_DECOMPRESSOR_HPP
#define ZSTDIO_IMPL_AUTO_DECOMPRESSOR_HPP

#include <zstdio/detail/device_io.hpp>

#include <boost/throw_exception.hpp>

#include <ios>
#include <memory>

namespace zstdio {

template <class Alloc>
struct basic_auto_decompressor<Alloc>::state : detail::decoding_buffer<Alloc> {
    state(const zstd_params& p, bool pass_through, std::size_t buffer_size)
        : detail::decoding_buffer<Alloc>(buffer_size), decoder(p, pass_through)
    {
    }

    void reset() noexcept
    {
        detail::filter_buffer<Alloc>::reset();
        decoder.reset();
    }

    detail::auto_decoder decoder;
};

template <class Alloc>
basic_auto_decompressor<Alloc>::basic_auto_decompressor(const zstd_params& params, bool pass_through,
                                                        std::streamsize buffer_size)
    : state_(std::make_shared<state>(params, pass_through,
                                     detail::buffer_size_or(buffer_size, decompression_input_size())))
{
}

template <class Alloc>
template <class Sink>
std::streamsize basic_auto_decompressor<Alloc>::write(Sink& snk, const char* s, std::streamsize n)
{
    state& st = *state_;
    return st.guarded([&] {
        if (st.mode != detail::filter_mode::writing && st.mode != detail::filter_mode::done)
            st.begin(detail::filter_mode::writing);
        if (st.mode == detail::filter_mode::writing) {
            auto emit = [&snk](const char* p, std::size_t size) { detail::write_all(snk, p, size); };
            const detail::output_callback callback(emit);
            detail::input_window in{s, static_cast<std::size_t>(n), 0};
            detail::output_window out = st.output();
            if (st.decoder.drive(in, out, &callback))
                st.mode = detail::filter_mode::done; // multi_frame = false: the rest is ignored
        }
        return n;
    });
}

template <class Alloc>
template <class Sink>
bool basic_auto_decompressor<Alloc>::flush(Sink&)
{
    return state_->mode != detail::filter_mode::failed;
}

template <class Alloc>
template <class Source>
std::streamsize basic_auto_decompressor<Alloc>::read(Source& src, char* s, std::streamsize n)
{
    state& st = *state_;
    return st.pull(
        src, s, n,
        [&](detail::input_window& in, detail::output_window& out) { return st.decoder.drive(in, out, nullptr); },
        [&](detail::output_window& out) { return st.decoder.finish(out, nullptr); });
}

template <class Alloc>
template <class Device>
void basic_auto_decompressor<Alloc>::close(Device& dev, std::ios_base::openmode which)
{
    state& st = *state_;
    detail::close_guard<state> guard{st};
    if constexpr (detail::is_sink_v<Device>) {
        if (which != std::ios_base::out || st.mode == detail::filter_mode::reading)
            return;
        if (st.mode == detail::filter_mode::failed)
            boost::throw_exception(*st.last_error); // an error the ostream turned into badbit is not lost
        if (st.mode != detail::filter_mode::writing)
            return; // nothing written (an empty stream), or the first member ended without multi_frame
        st.guarded([&] {
            auto emit = [&dev](const char* p, std::size_t size) { detail::write_all(dev, p, size); };
            const detail::output_callback callback(emit);
            detail::output_window out = st.output();
            return st.decoder.finish(out, &callback);
        });
    }
}

template <class Alloc>
std::streamsize basic_auto_decompressor<Alloc>::optimal_buffer_size() const noexcept
{
    return static_cast<std::streamsize>(decompression_output_size());
}

template <class Alloc>
std::size_t basic_auto_decompressor<Alloc>::memory_size() const noexcept
{
    return state_->decoder.memory_size() + state_->bytes.size();
}

template <class Alloc>
const std::optional<zstd_error>& basic_auto_decompressor<Alloc>::last_error() const noexcept
{
    return state_->last_error;
}

} // namespace zstdio

#endif
