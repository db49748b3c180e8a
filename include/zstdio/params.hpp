// zstdio — parameters: zstd_params, compression_parameters, library constants.
#ifndef ZSTDIO_PARAMS_HPP
#define ZSTDIO_PARAMS_HPP

#include <zstdio/config.hpp>
#include <zstdio/dictionary.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zstdio {

/// "Size not known", for source sizes and pledged sizes.
inline constexpr std::uint64_t unknown_size = ~std::uint64_t{0};

/// The first four bytes of every zstd frame, as an integer (little endian)...
inline constexpr std::uint32_t magic_number = 0xFD2FB528u;
/// ...and as the bytes found in a file.
inline constexpr std::string_view frame_header{"\x28\xb5\x2f\xfd", 4};
/// Skippable frames start with a magic in [skippable_magic_start, +15].
inline constexpr std::uint32_t skippable_magic_start = 0x184D2A50u;

/// Levels for Boost.Iostreams gzip users: mirrors boost::iostreams::gzip.
namespace zstd {
inline constexpr int best_speed = 1;
inline constexpr int default_compression = 3;
inline constexpr int best_compression = 22; ///< libzstd's maximum level
} // namespace zstd

/// Library facts, read from the libzstd that is actually loaded.
ZSTDIO_DECL unsigned version_number() noexcept;          ///< e.g. 10504 for 1.5.4
ZSTDIO_DECL std::string version_string();                ///< e.g. "1.5.4"
ZSTDIO_DECL unsigned compiled_version_number() noexcept; ///< libzstd zstdio was built against
ZSTDIO_DECL int min_compression_level() noexcept;        ///< most negative "fast" level
ZSTDIO_DECL int max_compression_level() noexcept;        ///< 22
ZSTDIO_DECL int default_compression_level() noexcept;    ///< 3
ZSTDIO_DECL std::size_t compression_input_size() noexcept;    ///< ZSTD_CStreamInSize()
ZSTDIO_DECL std::size_t compression_output_size() noexcept;   ///< ZSTD_CStreamOutSize()
ZSTDIO_DECL std::size_t decompression_input_size() noexcept;  ///< ZSTD_DStreamInSize()
ZSTDIO_DECL std::size_t decompression_output_size() noexcept; ///< ZSTD_DStreamOutSize()

/// libzstd's match-finding strategies, fastest first.
enum class strategy { fast = 1, dfast, greedy, lazy, lazy2, btlazy2, btopt, btultra, btultra2 };

/// Frame formats: standard, or without the 4-byte magic number (smaller, but
/// only a decoder told `format = magicless` reads it).
enum class frame_format { zstd1 = 0, magicless = 1 };

/// A three-way switch for libzstd features that it can turn on or off by
/// itself (libzstd's ZSTD_paramSwitch_e, same values): `automatic` lets
/// libzstd decide from the other parameters (its default), `enable` and
/// `disable` force the feature on or off.
enum class parameter_switch { automatic = 0, enable = 1, disable = 2 };

/// Inclusive bounds of a parameter.
struct parameter_bounds {
    int min;
    int max;
};

/// Every compression parameter libzstd has (python-zstandard's
/// ZstdCompressionParameters).
///
/// Each knob is a getter and a chainable setter of the same name:
/// `p.window_log(24).strategy(strategy::btopt)`.  A knob that was never set
/// reads 0 and is left at libzstd's default (for most knobs libzstd itself
/// treats 0 as "default").  Set knobs are applied on top of the level, in the
/// order of `knob`, so a compression_parameters from from_level() fixes every
/// choice while one with just `window_log` set changes only that.
///
/// Setters check the value against ZSTD_cParam_getBounds of the linked
/// libzstd and throw std::invalid_argument naming the parameter and its range.
/// The experimental knobs (format and everything after it in `knob`) are
/// libzstd's ZSTD_STATIC_LINKING_ONLY parameters: their bounds can be read
/// and they can be set and applied only when the loaded libzstd is the
/// version zstdio was compiled against; otherwise bounds(), set() and
/// applying them throw zstd_error (errc::library_mismatch).  A value type:
/// copy freely, no thread concerns.
class ZSTDIO_DECL compression_parameters {
public:
    /// Every knob, in the order they are applied.
    enum class knob : int {
        compression_level,
        window_log,
        hash_log,
        chain_log,
        search_log,
        min_match,
        target_length,
        strategy,
        enable_long_distance_matching,
        ldm_hash_log,
        ldm_min_match,
        ldm_bucket_size_log,
        ldm_hash_rate_log,
        content_size,
        checksum,
        dict_id,
        threads,
        job_size,
        overlap_log,
        format,
        target_cblock_size,
        rsyncable,
        force_max_window,
        literal_compression_mode,
        src_size_hint,
        enable_dedicated_dict_search,
        use_block_splitter,
        use_row_match_finder,
        deterministic_ref_prefix,
        prefetch_cdict_tables,
        max_block_size,
    };
    static constexpr std::size_t knob_count = static_cast<std::size_t>(knob::max_block_size) + 1;

    compression_parameters() = default;

    /// The parameters libzstd picks for `level` given the input and dictionary
    /// sizes (ZSTD_getCParams): window_log, chain_log, hash_log, search_log,
    /// min_match, target_length and strategy, all set, plus compression_level
    /// (python-zstandard's get_compression_parameters).  A source_size of 0
    /// means unknown, as in libzstd.  Throws std::invalid_argument for a level
    /// out of range.
    static compression_parameters from_level(int level, std::uint64_t source_size = unknown_size,
                                             std::size_t dict_size = 0);

    /// Sets any knob; throws std::invalid_argument when out of bounds.
    compression_parameters& set(knob k, int value);
    /// Forgets a knob, so libzstd's default applies again.
    compression_parameters& unset(knob k) noexcept;
    /// The value set, if any.
    std::optional<int> get(knob k) const noexcept { return values_[index(k)]; }

    /// The knob's bounds in the linked libzstd; throws zstd_error
    /// (library_mismatch) when libzstd does not know the knob.
    static parameter_bounds bounds(knob k);
    /// The knob's name as used in messages, e.g. "window_log".
    static const char* name(knob k) noexcept;

    // Named accessors: getter (0 = not set) and chainable setter.
#define ZSTDIO_KNOB(NAME, TYPE)                                                                   \
    TYPE NAME() const noexcept { return static_cast<TYPE>(get(knob::NAME).value_or(0)); }          \
    compression_parameters& NAME(TYPE v) { return set(knob::NAME, static_cast<int>(v)); }
    ZSTDIO_KNOB(compression_level, int)
    ZSTDIO_KNOB(window_log, int)
    ZSTDIO_KNOB(hash_log, int)
    ZSTDIO_KNOB(chain_log, int)
    ZSTDIO_KNOB(search_log, int)
    ZSTDIO_KNOB(min_match, int)
    ZSTDIO_KNOB(target_length, int)
    ZSTDIO_KNOB(strategy, zstdio::strategy)
    /// Long-distance matching: true = on, false = off.  Unset, libzstd
    /// decides (1.5.x turns it on for btopt and above with windows of 128 MiB
    /// or more).  Stored as libzstd's switch value (1 = on, 2 = off).
    bool enable_long_distance_matching() const noexcept { return get(knob::enable_long_distance_matching) == 1; }
    compression_parameters& enable_long_distance_matching(bool on);
    ZSTDIO_KNOB(ldm_hash_log, int)
    ZSTDIO_KNOB(ldm_min_match, int)
    ZSTDIO_KNOB(ldm_bucket_size_log, int)
    ZSTDIO_KNOB(ldm_hash_rate_log, int)
    ZSTDIO_KNOB(content_size, bool)
    ZSTDIO_KNOB(checksum, bool)
    ZSTDIO_KNOB(dict_id, bool)
    ZSTDIO_KNOB(threads, int)
    ZSTDIO_KNOB(job_size, int)
    ZSTDIO_KNOB(overlap_log, int)
    ZSTDIO_KNOB(format, frame_format)
    ZSTDIO_KNOB(target_cblock_size, int)
    ZSTDIO_KNOB(rsyncable, bool)
    ZSTDIO_KNOB(force_max_window, bool)
    /// Huffman-compress literals: `automatic` (libzstd's default) does except
    /// at negative levels (strategy fast with a target_length); `disable`
    /// never does (faster, larger frames; the zstd CLI's
    /// --no-compress-literals); `enable` always tries, also at negative
    /// levels (--compress-literals).
    ZSTDIO_KNOB(literal_compression_mode, parameter_switch)
    /// A guess of the input size for frames whose size is not known (streamed
    /// without a pledged size): libzstd picks the window and tables as for an
    /// input of this size (the zstd CLI's --size-hint).  0 = no hint.  [0,
    /// INT_MAX]; an underestimate can cost much compression ratio.  No effect
    /// when the size is known.
    ZSTDIO_KNOB(src_size_hint, int)
    /// Digest dictionaries into libzstd's read-optimised "dedicated dictionary
    /// search" structure (faster compression with a dictionary for the greedy,
    /// lazy and lazy2 strategies; other strategies ignore it).  Decided when
    /// the dictionary is digested: zstdio then digests it with these full
    /// parameters (ZSTD_createCDict_advanced2).  No effect without a dictionary.
    ZSTDIO_KNOB(enable_dedicated_dict_search, bool)
    /// Split blocks where the data changes character: `automatic` (libzstd's
    /// default) does for btopt and stronger strategies with windows of 128 KiB
    /// or more (level 16 and up on large inputs); `enable` / `disable` force
    /// it.
    ZSTDIO_KNOB(use_block_splitter, parameter_switch)
    /// The row-based match finder for the greedy, lazy and lazy2 strategies
    /// (levels 5 to 12 on large inputs): `automatic` (libzstd's default) uses
    /// it when the window is above 16 KiB (above 128 KiB on CPUs without
    /// 128-bit SIMD); `disable` uses the older hash chains (slower, different
    /// frames); other strategies ignore it.
    ZSTDIO_KNOB(use_row_match_finder, parameter_switch)
    /// Load dictionary content as if it were never adjacent in memory to the
    /// input, so frames do not depend on where the bytes lie.  zstdio always
    /// references digested dictionaries, whose bytes are never adjacent to the
    /// input, so its frames are the same either way; for code ported from
    /// libzstd that sets it.
    ZSTDIO_KNOB(deterministic_ref_prefix, bool)
    /// Prefetch a digested dictionary's tables when libzstd uses them in place
    /// (mid-sized inputs): speed only, frames do not change.  `automatic`
    /// (libzstd's default) is currently `disable`.
    ZSTDIO_KNOB(prefetch_cdict_tables, parameter_switch)
    /// Largest block, in content bytes: [1024, 131072]; unset = 131072 (128
    /// KiB).  Smaller blocks let a decoder start sooner and cost ratio.
    ZSTDIO_KNOB(max_block_size, int)
#undef ZSTDIO_KNOB

    /// Bytes a compression context with these parameters needs
    /// (ZSTD_estimateCCtxSize_usingCCtxParams; as single-threaded: threads,
    /// job_size and overlap_log are ignored).  Throws zstd_error
    /// (library_mismatch) when the loaded libzstd is not the one zstdio was
    /// built against (the estimate is experimental API).
    std::size_t estimated_context_size() const;

    friend bool operator==(const compression_parameters& a, const compression_parameters& b) noexcept
    {
        return a.values_ == b.values_;
    }
    friend bool operator!=(const compression_parameters& a, const compression_parameters& b) noexcept
    {
        return !(a == b);
    }

private:
    static constexpr std::size_t index(knob k) noexcept { return static_cast<std::size_t>(k); }
    std::array<std::optional<int>, knob_count> values_{};
};

/// Bytes a decompression context needs for frames with windows up to
/// 2^window_log (ZSTD_estimateDCtxSize plus the streaming window).
ZSTDIO_DECL std::size_t estimate_decompression_context_size(int window_log = 27);

/// Everything that configures compression and decompression, like Boost's
/// gzip_params: one struct for both directions, implicitly constructible from
/// a level so `zstd_compressor(19)` works.  A value type.
struct zstd_params {
    /// Implicit on purpose: `zstd_compressor(19)`.
    zstd_params(int level = zstd::default_compression) : level(level) {}

    // --- compression -----------------------------------------------------
    /// min_compression_level() (negative = fast) to max_compression_level().
    int level = zstd::default_compression;
    /// Write a 32-bit content checksum at the end of each frame (as zstd CLI).
    bool checksum = true;
    /// Write the content size in the frame header when it is known.
    bool content_size = true;
    /// Write the dictionary id in the frame header when a dictionary is used.
    bool dict_id = true;
    /// Worker threads: 0 = compress in the calling thread, N > 0 = N libzstd
    /// workers, negative = one per logical CPU.
    int threads = 0;
    /// The exact number of bytes the frame will hold, if known; it is written
    /// in the header and a different actual size is an error.
    std::optional<std::uint64_t> source_size;
    /// Full parameter control; its set knobs override `level`'s choices and the
    /// flags above.
    std::optional<compression_parameters> advanced;

    // --- both directions ---------------------------------------------------
    /// Dictionary used to compress, and offered to every frame decompressed.
    std::optional<zstd_dict> dict;

    // --- decompression -----------------------------------------------------
    /// Largest window accepted, as a power of two (27 = 128 MiB, as the zstd
    /// CLI).  Frames needing more fail with errc::window_too_large in every
    /// decoder: filters, streaming objects and one-shot calls alike.
    int window_log_max = 27;
    /// Most bytes one stream or call may produce; 0 = unlimited.  Exceeding it
    /// is errc::output_limit_exceeded.
    std::uint64_t max_output_size = 0;
    /// Decode every concatenated frame (true, as the zstd CLI) or stop after
    /// the first.
    bool multi_frame = true;
    /// Check each frame's content checksum, when it has one (true).  false
    /// skips the check (zstd -d --no-check; libzstd's forceIgnoreChecksum):
    /// faster, and a frame whose data no longer match its checksum decodes
    /// without error.  Experimental in libzstd: false needs the libzstd
    /// zstdio was built against (else zstd_error, errc::library_mismatch).
    bool verify_checksum = true;
    /// Frame format in both directions: the compressor writes frames without
    /// the magic number and the decompressor reads only such frames when it
    /// is `magicless` (advanced->format(), if set, overrides it for writing).
    frame_format format = frame_format::zstd1;
};

} // namespace zstdio

#endif
