// zstdio — seekable_compressor bodies (included at the end of
// zstdio/seekable_compressor.hpp).
//
// The filter only hands the chain's bytes and its sink to
// detail::seekable_writer (compiled), which cuts, compresses and writes the
// frames.
#ifndef ZSTDIO_IMPL_SEEKABLE_COMPRESSOR_HPP
#define ZSTDIO_IMPL_SEEKABLE_COMPRESSOR_HPP

#include <zstdio/detail/device_io.hpp>

namespace zstdio {

template <class Alloc>
template <class Sink>
std::streamsize basic_seekable_compressor<Alloc>::write(Sink& snk, const char* s, std::streamsize n)
{
    auto emit = [&snk](const char* p, std::size_t size) { detail::write_all(snk, p, size); };
    writer_->write(s, static_cast<std::size_t>(n), detail::output_callback(emit));
    return n;
}

template <class Alloc>
template <class Sink>
bool basic_seekable_compressor<Alloc>::flush(Sink& snk)
{
    auto emit = [&snk](const char* p, std::size_t size) { detail::write_all(snk, p, size); };
    writer_->flush(detail::output_callback(emit));
    return true;
}

template <class Alloc>
template <class Sink>
void basic_seekable_compressor<Alloc>::close(Sink& snk)
{
    auto emit = [&snk](const char* p, std::size_t size) { detail::write_all(snk, p, size); };
    writer_->close(detail::output_callback(emit));
}

} // namespace zstdio

#endif
