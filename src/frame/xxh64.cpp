// zstdio — XXH64 (see xxh64.hpp), from the xxHash specification
// (doc/xxhash_spec.md in the xxHash repository).
#include "frame/xxh64.hpp"

#include <cstring>

namespace zstdio {
namespace detail {

namespace {

constexpr std::uint64_t prime1 = 0x9E3779B185EBCA87u;
constexpr std::uint64_t prime2 = 0xC2B2AE3D27D4EB4Fu;
constexpr std::uint64_t prime3 = 0x165667B19E3779F9u;
constexpr std::uint64_t prime4 = 0x85EBCA77C2B2AE63u;
constexpr std::uint64_t prime5 = 0x27D4EB2F165667C5u;

constexpr std::uint64_t rotl(std::uint64_t v, int r) noexcept { return (v << r) | (v >> (64 - r)); }

// Little-endian loads, whatever the host's byte order.
std::uint64_t load64(const unsigned char* p) noexcept
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}
std::uint64_t load32(const unsigned char* p) noexcept
{
    std::uint64_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

constexpr std::uint64_t round(std::uint64_t acc, std::uint64_t lane) noexcept
{
    return rotl(acc + lane * prime2, 31) * prime1;
}

constexpr std::uint64_t merge(std::uint64_t acc, std::uint64_t lane) noexcept
{
    return (acc ^ round(0, lane)) * prime1 + prime4;
}

} // namespace

void xxh64::reset(std::uint64_t seed) noexcept
{
    seed_ = seed;
    acc_[0] = seed + prime1 + prime2;
    acc_[1] = seed + prime2;
    acc_[2] = seed;
    acc_[3] = seed - prime1;
    total_ = 0;
    buffered_ = 0;
}

void xxh64::update(const void* data, std::size_t size) noexcept
{
    if (size == 0)
        return;
    const auto* p = static_cast<const unsigned char*>(data);
    total_ += size;
    if (buffered_ > 0) {
        const std::size_t n = size < 32 - buffered_ ? size : 32 - buffered_;
        std::memcpy(stripe_ + buffered_, p, n);
        buffered_ += n;
        p += n;
        size -= n;
        if (buffered_ < 32)
            return;
        for (int i = 0; i < 4; ++i)
            acc_[i] = round(acc_[i], load64(stripe_ + 8 * i));
        buffered_ = 0;
    }
    for (; size >= 32; p += 32, size -= 32)
        for (int i = 0; i < 4; ++i)
            acc_[i] = round(acc_[i], load64(p + 8 * i));
    if (size > 0) {
        std::memcpy(stripe_, p, size);
        buffered_ = size;
    }
}

std::uint64_t xxh64::digest() const noexcept
{
    std::uint64_t h;
    if (total_ >= 32) {
        h = rotl(acc_[0], 1) + rotl(acc_[1], 7) + rotl(acc_[2], 12) + rotl(acc_[3], 18);
        for (int i = 0; i < 4; ++i)
            h = merge(h, acc_[i]);
    } else {
        h = seed_ + prime5;
    }
    h += total_;
    const unsigned char* p = stripe_;
    std::size_t left = buffered_;
    for (; left >= 8; p += 8, left -= 8)
        h = rotl(h ^ round(0, load64(p)), 27) * prime1 + prime4;
    if (left >= 4) {
        h = rotl(h ^ (load32(p) * prime1), 23) * prime2 + prime3;
        p += 4;
        left -= 4;
    }
    for (; left > 0; ++p, --left)
        h = rotl(h ^ (*p * prime5), 11) * prime1;
    h ^= h >> 33;
    h *= prime2;
    h ^= h >> 29;
    h *= prime3;
    h ^= h >> 32;
    return h;
}

std::uint32_t content_checksum(const void* data, std::size_t size) noexcept
{
    xxh64 h;
    h.update(data, size);
    return static_cast<std::uint32_t>(h.digest());
}

} // namespace detail
} // namespace zstdio
