// zstdio — detail: reading from and writing to what a caller hands zstdio (a
// std::istream / std::ostream, a Boost.Iostreams Source or Sink, a Direct
// device such as array_source, or the next link of a filter chain).  The one
// place where zstdio moves bytes to and from devices.
#ifndef ZSTDIO_DETAIL_DEVICE_IO_HPP
#define ZSTDIO_DETAIL_DEVICE_IO_HPP

#include <zstdio/detail/context.hpp>

#include <boost/iostreams/detail/adapter/non_blocking_adapter.hpp>
#include <boost/iostreams/input_sequence.hpp>
#include <boost/iostreams/operations.hpp>
#include <boost/iostreams/output_sequence.hpp>
#include <boost/iostreams/traits.hpp>

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cstddef>
#include <ios>
#include <memory>
#include <type_traits>
#include <utility>

namespace zstdio {
namespace detail {

/// Boost hands a filter's close() the next link wrapped in a
/// non_blocking_adapter, whose write() retries for ever while the device
/// takes nothing (a full disk under std::filebuf): a hang at close, which
/// zstdio must not have.  The adapter offers no way to give up, so zstdio
/// writes to the device it wraps (the adapter's `device_` member, public in
/// every Boost release since 1.33) and output_writer's bounded retries apply.
/// This is the only use of a Boost implementation detail in zstdio: should a
/// Boost release drop the member, the detection below falls back to writing
/// through the adapter (correct output; a dead sink would then hang as it
/// does with Boost's own filters).
template <class Adapter, class = void>
struct has_wrapped_device : std::false_type {};
template <class Adapter>
struct has_wrapped_device<Adapter, std::void_t<decltype(std::declval<Adapter&>().device_)>> : std::true_type {};

template <class Device>
auto& unwrap_adapter(boost::iostreams::non_blocking_adapter<Device>& adapter) noexcept
{
    if constexpr (has_wrapped_device<boost::iostreams::non_blocking_adapter<Device>>::value)
        return adapter.device_;
    else
        return adapter;
}
template <class Device>
Device& unwrap_adapter(Device& device) noexcept
{
    return device;
}

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

/// Writes all of [data, data + size) to `sink` (see output_writer): what a
/// filter writes to the next link of its chain.  (A Direct sink keeps its
/// position in an output_writer: write to one through a writer kept for the
/// whole stream.)
template <class Sink>
void write_all(Sink& sink, const char* data, std::size_t size)
{
    static_assert(!boost::iostreams::is_direct<Sink>::value, "keep one output_writer for a Direct sink");
    output_writer<std::remove_reference_t<decltype(unwrap_adapter(sink))>>(unwrap_adapter(sink)).write(data, size);
}

} // namespace detail
} // namespace zstdio

#endif
