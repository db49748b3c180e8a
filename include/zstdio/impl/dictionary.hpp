// zstdio — dictionary training templates (included at the end of
// zstdio/dictionary.hpp): gather any range of byte buffers into the one
// contiguous buffer + sizes libzstd's trainers take.
#ifndef ZSTDIO_IMPL_DICTIONARY_HPP
#define ZSTDIO_IMPL_DICTIONARY_HPP

#include <iterator>
#include <type_traits>

namespace zstdio {
namespace detail {

/// Bytes in one sample: size() elements of data()'s type (void = bytes).
template <class Buffer>
std::size_t sample_bytes(const Buffer& b)
{
    using element = std::remove_cv_t<std::remove_pointer_t<decltype(std::data(b))>>;
    if constexpr (std::is_void_v<element>)
        return static_cast<std::size_t>(std::size(b));
    else
        return static_cast<std::size_t>(std::size(b)) * sizeof(element);
}

template <class Samples>
sample_set gather_samples(const Samples& samples)
{
    sample_set set;
    std::size_t total = 0;
    for (const auto& s : samples)
        total += sample_bytes(s);
    set.bytes.reserve(total);
    for (const auto& s : samples) {
        const std::size_t n = sample_bytes(s);
        set.bytes.append(static_cast<const char*>(static_cast<const void*>(std::data(s))), n);
        set.sizes.push_back(n);
    }
    return set;
}

} // namespace detail

template <class Samples>
zstd_dict train_dictionary(std::size_t size, const Samples& samples, const train_options& options)
{
    return detail::train_legacy(size, detail::gather_samples(samples), options);
}

template <class Samples>
zstd_dict train_cover_dictionary(std::size_t size, const Samples& samples, const cover_options& options)
{
    return detail::train_cover(size, detail::gather_samples(samples), options);
}

} // namespace zstdio

#endif
