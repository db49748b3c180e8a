/// @file
/// Implementation, not a public header: bytes read by position from a Boost
/// device or memory (namespace zstdio::detail).
//
// The seek table and the seekable reader read a compressed file where they
// need it (its tail, one frame), from many threads at once.  A device in
// memory (array_source, mapped_file_source: Boost's direct devices) is read
// in place; any other seekable Source is read under a mutex (seek, then
// read).  The compiled code sees only random_access_source.
#ifndef ZSTDIO_DETAIL_RANDOM_ACCESS_HPP
#define ZSTDIO_DETAIL_RANDOM_ACCESS_HPP

#include <zstdio/config.hpp>

#include <boost/iostreams/categories.hpp>
#include <boost/iostreams/input_sequence.hpp>
#include <boost/iostreams/operations.hpp>
#include <boost/iostreams/positioning.hpp>

#include <cstddef>
#include <cstdint>
#include <ios>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

namespace zstdio {
namespace detail {

/// Bytes of a known size, read by position; thread safe.
class ZSTDIO_DECL random_access_source {
public:
    random_access_source(const random_access_source&) = delete;
    random_access_source& operator=(const random_access_source&) = delete;
    virtual ~random_access_source();

    /// Number of bytes.
    std::uint64_t size() const noexcept { return size_; }
    /// The bytes, when they are in memory; else nullptr.
    const char* data() const noexcept { return data_; }

    /// Copies the `n` bytes at `offset` to `dst`.  Throws
    /// std::invalid_argument when they are not all below size(), zstd_error
    /// (truncated_input) when the device gives fewer (the file shrank), and
    /// what the device throws.
    void read(std::uint64_t offset, char* dst, std::size_t n) const;

protected:
    random_access_source(const char* data, std::uint64_t size) noexcept : data_(data), size_(size) {}
    /// Bytes not in memory: the constructor of a derived class sets the size.
    void set_size(std::uint64_t size) noexcept { size_ = size; }

private:
    /// Copies up to `n` bytes at `offset` (within size()) to `dst`; returns
    /// how many (fewer only at the device's end).  Only called when data()
    /// is null.
    virtual std::size_t read_device(std::uint64_t offset, char* dst, std::size_t n) const;

    const char* data_;
    std::uint64_t size_;
};

/// `size` bytes at `data`, kept alive by `owner` (may be null).
class memory_source final : public random_access_source {
public:
    memory_source(const char* data, std::uint64_t size, std::shared_ptr<const void> owner = nullptr) noexcept
        : random_access_source(data, size), owner_(std::move(owner))
    {
    }

private:
    std::shared_ptr<const void> owner_;
};

/// True for a Boost.Iostreams device whose category has `Tag`.
template <class T, class Tag, class = void>
struct device_has : std::false_type {};
template <class T, class Tag>
struct device_has<T, Tag, std::void_t<typename T::category, typename T::char_type>>
    : std::bool_constant<std::is_convertible_v<typename T::category, boost::iostreams::device_tag> &&
                         std::is_convertible_v<typename T::category, Tag> &&
                         std::is_same_v<typename T::char_type, char>> {};

/// A Source of chars zstdio can read by position: direct (array_source,
/// mapped_file_source: the bytes are in memory) or input-seekable
/// (file_source, a user's device).
template <class T>
inline constexpr bool is_random_access_device_v =
    (device_has<T, boost::iostreams::direct_tag>::value && device_has<T, boost::iostreams::input>::value) ||
    device_has<T, boost::iostreams::input_seekable>::value;

/// A copy of a direct device, which keeps its bytes alive, and where they are.
template <class Device>
struct direct_device {
    explicit direct_device(const Device& d) : device(d)
    {
        const auto range = boost::iostreams::input_sequence(device);
        data = range.first;
        size = static_cast<std::uint64_t>(range.second - range.first);
    }
    Device device;
    const char* data = nullptr;
    std::uint64_t size = 0;
};

/// An input-seekable device, read under a mutex: seek, then read.
template <class Device>
class seekable_device_source final : public random_access_source {
public:
    explicit seekable_device_source(const Device& device) : random_access_source(nullptr, 0), device_(device)
    {
        const std::streampos end = boost::iostreams::seek(device_, 0, std::ios_base::end);
        set_size(static_cast<std::uint64_t>(boost::iostreams::position_to_offset(end)));
    }

private:
    std::size_t read_device(std::uint64_t offset, char* dst, std::size_t n) const override
    {
        std::lock_guard<std::mutex> lock(mutex_);
        boost::iostreams::seek(device_, static_cast<boost::iostreams::stream_offset>(offset), std::ios_base::beg);
        std::size_t got = 0;
        while (got < n) {
            const std::streamsize r =
                boost::iostreams::read(device_, dst + got, static_cast<std::streamsize>(n - got));
            if (r <= 0) // -1: end of the device; 0: a non-blocking device with nothing now
                break;
            got += static_cast<std::size_t>(r);
        }
        return got;
    }

    mutable std::mutex mutex_;
    mutable Device device_;
};

/// The random_access_source of a copy of `device`.
template <class Device>
std::shared_ptr<const random_access_source> make_random_access(const Device& device)
{
    static_assert(is_random_access_device_v<Device>,
                  "zstdio: a seekable zstd source is read by position: give a Boost.Iostreams Source of char "
                  "that is direct (array_source, mapped_file_source) or input-seekable (file_source)");
    if constexpr (device_has<Device, boost::iostreams::direct_tag>::value) {
        // The device (and what keeps its bytes alive) moves into the owner;
        // the source points into it.
        auto owner = std::make_shared<const direct_device<Device>>(device);
        return std::make_shared<memory_source>(owner->data, owner->size, owner);
    } else {
        return std::make_shared<seekable_device_source<Device>>(device);
    }
}

} // namespace detail
} // namespace zstdio

#endif
