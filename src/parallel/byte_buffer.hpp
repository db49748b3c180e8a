// zstdio — private: the buffer of a job in an ordered_pipeline.
#ifndef ZSTDIO_SRC_PARALLEL_BYTE_BUFFER_HPP
#define ZSTDIO_SRC_PARALLEL_BYTE_BUFFER_HPP

#include <cstddef>
#include <cstring>
#include <memory>

namespace zstdio {
namespace detail {

/// A growable byte buffer that holds no more than it is asked for (a frame
/// slot must not reserve 1 GiB for a 10-byte file) and never zero-fills:
/// the compressor or decoder writes every byte before it is read.
class byte_buffer {
public:
    char* data() const noexcept { return data_.get(); }
    std::size_t capacity() const noexcept { return capacity_; }
    /// Makes room for `size` bytes, keeping the first `keep`.
    void reserve(std::size_t size, std::size_t keep)
    {
        if (size <= capacity_)
            return;
        std::unique_ptr<char[]> bigger(new char[size]);
        if (keep > 0)
            std::memcpy(bigger.get(), data_.get(), keep);
        data_ = std::move(bigger);
        capacity_ = size;
    }

private:
    std::unique_ptr<char[]> data_;
    std::size_t capacity_ = 0;
};

} // namespace detail
} // namespace zstdio

#endif
