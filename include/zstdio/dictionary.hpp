/// @file
/// Dictionaries: zstd_dict, and training new ones from samples.
#ifndef ZSTDIO_DICTIONARY_HPP
#define ZSTDIO_DICTIONARY_HPP

#include <zstdio/config.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
/// on first use and cached.  With only a level set, the CDict is made as
/// ZSTD_createCDict(bytes, level) makes it, so frames are byte-identical to a
/// libzstd program referencing such a CDict.  All member functions are safe
/// to call from many threads at once on the same or on copied handles.
///
/// Give it to zstd_params::dict to compress with it and to offer it to every
/// frame decompressed.
class ZSTDIO_DECL zstd_dict {
public:
    /// Copies `bytes`.  Throws zstd_error (errc::dictionary_corrupted) when
    /// `type` is `full` (or `automatic` and the dictionary magic is present)
    /// and libzstd cannot load the dictionary, and std::invalid_argument for
    /// empty bytes.
    ///
    /// Dictionaries use libzstd's stable API (ZSTD_createCDict,
    /// ZSTD_createDDict), so they work with any libzstd 1.4+ loaded at run
    /// time.  Two cases need its experimental API and then throw
    /// zstd_error (errc::library_mismatch) at first use when the loaded
    /// libzstd is not the version zstdio was built against: `raw_content`
    /// bytes that start with the dictionary magic, and compressing with
    /// explicit match-finder settings (window_log, hash_log, chain_log,
    /// search_log, min_match, target_length, strategy).
    explicit zstd_dict(std::string_view bytes, dict_type type = dict_type::automatic);
    /// The same from `size` bytes at `data` (copied).
    zstd_dict(const void* data, std::size_t size, dict_type type = dict_type::automatic);

    /// The dictionary id written in frames (0 for raw content).
    std::uint32_t id() const noexcept;
    /// Size of the dictionary bytes.
    std::size_t size() const noexcept;
    /// The dictionary bytes (e.g. to save them to a file).
    std::string_view as_bytes() const noexcept;
    /// How the bytes are used: `full` or `raw_content` (automatic is resolved).
    dict_type type() const noexcept;
    /// Segment size k the cover trainer chose (0 unless trained by
    /// train_cover_dictionary()).
    unsigned k() const noexcept;
    /// Dmer size d the cover trainer chose (0 unless trained by
    /// train_cover_dictionary()).
    unsigned d() const noexcept;

    /// Two handles are equal when they share the same dictionary object
    /// (equal bytes loaded twice make two different objects).
    friend bool operator==(const zstd_dict& a, const zstd_dict& b) noexcept { return a.impl_ == b.impl_; }
    /// Not the same dictionary object.
    friend bool operator!=(const zstd_dict& a, const zstd_dict& b) noexcept { return a.impl_ != b.impl_; }

private:
    friend struct detail::dict_access;
    struct impl;
    std::shared_ptr<impl> impl_;
};

/// Options of the legacy trainer (train_dictionary), libzstd's
/// ZDICT_trainFromBuffer_legacy.  Zero means libzstd's default everywhere.
struct train_options {
    /// How selective the trainer is about the segments it keeps: 0 = default
    /// (9); larger keeps fewer, more frequent ones (smaller, sometimes better
    /// dictionaries).
    unsigned selectivity = 0;
    /// Compression level the dictionary's entropy tables are tuned for;
    /// 0 = default (3).
    int level = 0;
    /// Id written into the dictionary; 0 = a random id.
    std::uint32_t dict_id = 0;
    /// Progress messages on stderr from libzstd: 0 (none) to 4 (most).
    int notifications = 0;
};

/// Options of the cover trainer (train_cover_dictionary), libzstd's
/// ZDICT_trainFromBuffer_cover / _fastCover and their optimizing forms.
struct cover_options {
    /// Segment size in bytes (k >= d).  0 = let the optimizer choose.
    unsigned k = 0;
    /// Dmer size, 6 to 16 (6 or 8 are good).  0 = let the optimizer choose.
    unsigned d = 0;
    /// Try several k and d on a train/test split of the samples and keep the
    /// dictionary that compresses the test part best (slow: many trainings).
    /// Without it, k and d must be given.
    bool optimize = false;
    /// Optimizer: number of k values tried; 0 = default (40; 4 for fast).
    unsigned steps = 0;
    /// Optimizer threads: 0 or 1 = the calling thread only, negative = one
    /// per logical CPU.
    int threads = 0;
    /// Use the fastcover algorithm (libzstd's `zstd --train` default):
    /// samples are hashed, much faster, usually slightly larger output.
    bool fast = false;
    /// fastcover only: log2 of its frequency table, 0 = default (20).
    unsigned f = 0;
    /// fastcover only: speed/accuracy trade-off 1 to 10, 0 = default (1).
    unsigned accel = 0;
    /// Compression level the entropy tables are tuned for; 0 = default (3).
    int level = 0;
    /// Id written into the dictionary; 0 = a random id.
    std::uint32_t dict_id = 0;
    /// Progress messages on stderr from libzstd: 0 (none) to 4 (most).
    int notifications = 0;
};

/// Trains a dictionary of at most `size` bytes from samples with libzstd's
/// legacy trainer (`zstd --train-legacy`).
///
/// @param size     capacity of the dictionary; at least 256 bytes.
/// @param samples  any forward range whose elements are contiguous byte buffers:
///                 std::string, std::string_view, std::vector<char>,
///                 buffer_segment... (anything with data() and size()).
///                 Each element is one sample: a record like those the
///                 dictionary will compress.  libzstd wants about 100 times
///                 `size` bytes of samples in total for a good dictionary.
/// @param options  the trainer's settings; the defaults are libzstd's.
/// @return a `full` dictionary (id() from `options.dict_id` or random).
/// @throw std::invalid_argument for a size below 256, or options out of range;
///        zstd_error (errc::dictionary_creation_failed) when there are no,
///        too few or too small samples, or libzstd cannot build a
///        dictionary from them (the message says which); zstd_error
///        (errc::library_mismatch) when the loaded libzstd is not the
///        version zstdio was built against (the trainers are experimental API).
/// Thread safe: calls may run at once.
template <class Samples>
zstd_dict train_dictionary(std::size_t size, const Samples& samples, const train_options& options = {});

/// Trains a dictionary of at most `size` bytes with the cover (or fastcover)
/// algorithm, python-zstandard's train_dictionary.
///
/// With `options.optimize` the optimizer picks k and d (any k or d given is
/// kept fixed) and the result's k() and d() report its choice; without it,
/// `options.k` and `options.d` are required.
///
/// @param size capacity of the dictionary; at least 256 bytes.
/// @param samples like train_dictionary; cover needs at least 5 samples
///        (10 when optimizing, which holds some back for testing).
/// @param options k and d, or `optimize`, and the other settings.
/// @return a `full` dictionary whose k() and d() are those used.
/// @throw std::invalid_argument for a size below 256, missing k or d without
///        optimize, or options out of range; zstd_error
///        (errc::dictionary_creation_failed) when there are too few or too
///        small samples, or libzstd cannot build a dictionary from them;
///        errc::library_mismatch as train_dictionary.
/// Thread safe: calls may run at once.
template <class Samples>
zstd_dict train_cover_dictionary(std::size_t size, const Samples& samples, const cover_options& options);

namespace detail {
/// Every sample concatenated, and each one's size: the form libzstd's
/// trainers take.
struct sample_set {
    std::string bytes;
    std::vector<std::size_t> sizes;
};
ZSTDIO_DECL zstd_dict train_legacy(std::size_t size, const sample_set& samples, const train_options& options);
ZSTDIO_DECL zstd_dict train_cover(std::size_t size, const sample_set& samples, const cover_options& options);
} // namespace detail

} // namespace zstdio

#include <zstdio/impl/dictionary.hpp>

#endif
