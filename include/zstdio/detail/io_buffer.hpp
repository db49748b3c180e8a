/// @file
/// Implementation, not a public header: the filters' I/O buffers (namespace
/// zstdio::detail).
#ifndef ZSTDIO_DETAIL_IO_BUFFER_HPP
#define ZSTDIO_DETAIL_IO_BUFFER_HPP

#include <zstdio/config.hpp>

#include <cstddef>
#include <memory>
#include <type_traits>

namespace zstdio {
namespace detail {

/// An uninitialised buffer of `size` bytes from the context cache (see
/// <zstdio/context_cache.hpp>): an idle one of that size, or a new one.
/// Throws std::bad_alloc.
ZSTDIO_DECL char* take_io_buffer(std::size_t size);

/// Returns a buffer from take_io_buffer() to the cache, which keeps it or
/// frees it.
ZSTDIO_DECL void give_back_io_buffer(char* data, std::size_t size) noexcept;

/// A filter's I/O buffer, left uninitialised (every byte is written before
/// it is read).  With the default allocator it comes from the context cache:
/// a filter made per message then costs no allocation of its 128 KiB, and
/// no page faults when the allocator would have given the memory back to the
/// system in between.  Other allocators are used as given.
template <class Alloc>
class char_buffer {
    using allocator = typename std::allocator_traits<Alloc>::template rebind_alloc<char>;
    using traits = std::allocator_traits<allocator>;
    static constexpr bool cached = std::is_same_v<allocator, std::allocator<char>>;

public:
    explicit char_buffer(std::size_t size) : data_(allocate(size)), size_(size) {}
    ~char_buffer()
    {
        if constexpr (cached)
            give_back_io_buffer(data_, size_);
        else
            traits::deallocate(allocator_, data_, size_);
    }
    char_buffer(const char_buffer&) = delete;
    char_buffer& operator=(const char_buffer&) = delete;

    char* data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }

private:
    char* allocate(std::size_t size)
    {
        if constexpr (cached)
            return take_io_buffer(size);
        else
            return traits::allocate(allocator_, size);
    }

    allocator allocator_;
    char* data_; // plain pointers, as Boost.Iostreams' own buffers assume
    std::size_t size_;
};

} // namespace detail
} // namespace zstdio

#endif
