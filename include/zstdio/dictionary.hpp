// zstdio — dictionaries: zstd_dict, and training new ones from samples.
#ifndef ZSTDIO_DICTIONARY_HPP
#define ZSTDIO_DICTIONARY_HPP

#include <zstdio/config.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace zstdio {

/// How the bytes of a zstd_dict are read.
enum class dict_type {
    automatic,   ///< a zstd dictionary if it starts with the dictionary magic, else raw content
    raw_content, ///< any bytes, used as history ("prefix"); id() is 0
    full,        ///< must be a zstd dictionary (magic, id, entropy tables, content)
};

namespace detail {
struct dict_access;
}

/// A compression dictionary: an immutable handle with shared ownership.
///
/// Copies are cheap and share the bytes and the digested forms libzstd needs
/// (one CDict per set of compression parameters, one DDict), which are built
/// on first use and cached.  All member functions are safe to call from many
/// threads at once on the same or on copied handles.
///
/// Give it to zstd_params::dict to compress with it and to offer it to every
/// frame decompressed.
class ZSTDIO_DECL zstd_dict {
public:
    /// Copies `bytes`.  Throws zstd_error (errc::dictionary_corrupted) when
    /// `type` is `full` (or `automatic` and the dictionary magic is present)
    /// and libzstd cannot load the dictionary, and std::invalid_argument for
    /// empty bytes.
    explicit zstd_dict(std::string_view bytes, dict_type type = dict_type::automatic);
    zstd_dict(const void* data, std::size_t size, dict_type type = dict_type::automatic);

    /// The dictionary id written in frames (0 for raw content).
    std::uint32_t id() const noexcept;
    /// Size of the dictionary bytes.
    std::size_t size() const noexcept;
    /// The dictionary bytes (e.g. to save them to a file).
    std::string_view as_bytes() const noexcept;
    /// How the bytes are used: `full` or `raw_content` (automatic is resolved).
    dict_type type() const noexcept;
    /// Cover parameters the trainer chose (0 unless trained by cover/fastcover).
    unsigned k() const noexcept;
    unsigned d() const noexcept;

    /// Two handles are equal when they share the same dictionary object.
    friend bool operator==(const zstd_dict& a, const zstd_dict& b) noexcept { return a.impl_ == b.impl_; }
    friend bool operator!=(const zstd_dict& a, const zstd_dict& b) noexcept { return a.impl_ != b.impl_; }

private:
    friend struct detail::dict_access;
    struct impl;
    std::shared_ptr<impl> impl_;
};

} // namespace zstdio

#endif
