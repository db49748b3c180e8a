/// @file
/// Parameters: zstd_params, compression and decompression parameters, library constants.
#ifndef ZSTDIO_PARAMS_HPP
#define ZSTDIO_PARAMS_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/knobs.hpp>
#include <zstdio/dictionary.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the parameter classes below make of each row of the knob lists in
// detail/knobs.hpp; undefined at the end of this header.
#define ZSTDIO_DETAIL_KNOB_ENUMERATOR(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS) NAME,
#define ZSTDIO_DETAIL_KNOB_COUNT(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS) +1
#define ZSTDIO_DETAIL_KNOB_ACCESSORS(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS)                 \
    ZSTDIO_DETAIL_KNOB_ACCESSORS_##ACCESSORS(NAME, TYPE)
#define ZSTDIO_DETAIL_KNOB_ACCESSORS_plain(NAME, TYPE)                                             \
    TYPE NAME() const noexcept { return static_cast<TYPE>(get(knob::NAME).value_or(0)); }          \
    auto& NAME(TYPE v) { return set(knob::NAME, static_cast<int>(v)); }
#define ZSTDIO_DETAIL_KNOB_ACCESSORS_custom(NAME, TYPE)

namespace zstdio {

class executor;


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
inline constexpr int best_speed = 1;          ///< the fastest positive level
inline constexpr int default_compression = 3; ///< libzstd's and the zstd CLI's default level
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
    int min; ///< smallest accepted value
    int max; ///< largest accepted value
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
///
/// doc/parameters.md lists every knob with its range and default; the ones
/// with more to say:
/// - `literal_compression_mode`: Huffman-compress literals.  `automatic`
///   (libzstd's default) does except at negative levels (strategy fast with a
///   target_length); `disable` never does (faster, larger frames; the zstd
///   CLI's --no-compress-literals); `enable` always tries, also at negative
///   levels (--compress-literals).
/// - `src_size_hint`: a guess of the input size for frames whose size is not
///   known (streamed without a pledged size): libzstd picks the window and
///   tables as for an input of this size (the zstd CLI's --size-hint).  0 =
///   no hint.  [0, INT_MAX]; an underestimate can cost much compression
///   ratio.  No effect when the size is known.
/// - `enable_dedicated_dict_search`: digest dictionaries into libzstd's
///   read-optimised "dedicated dictionary search" structure (faster
///   compression with a dictionary for the greedy, lazy and lazy2
///   strategies; other strategies ignore it).  Decided when the dictionary is
///   digested: zstdio then digests it with these full parameters
///   (ZSTD_createCDict_advanced2).  No effect without a dictionary.
/// - `use_block_splitter`: split blocks where the data changes character.
///   `automatic` (libzstd's default) does for btopt and stronger strategies
///   with windows of 128 KiB or more (level 16 and up on large inputs);
///   `enable` / `disable` force it.
/// - `use_row_match_finder`: the row-based match finder for the greedy, lazy
///   and lazy2 strategies (levels 5 to 12 on large inputs).  `automatic`
///   (libzstd's default) uses it when the window is above 16 KiB (above 128
///   KiB on CPUs without 128-bit SIMD); `disable` uses the older hash chains
///   (slower, different frames); other strategies ignore it.
/// - `deterministic_ref_prefix`: load dictionary content as if it were never
///   adjacent in memory to the input, so frames do not depend on where the
///   bytes lie.  zstdio always references digested dictionaries, whose bytes
///   are never adjacent to the input, so its frames are the same either way;
///   for code ported from libzstd that sets it.
/// - `prefetch_cdict_tables`: prefetch a digested dictionary's tables when
///   libzstd uses them in place (mid-sized inputs): speed only, frames do not
///   change.  `automatic` (libzstd's default) is currently `disable`.
/// - `max_block_size`: largest block, in content bytes: [1024, 131072];
///   unset = 131072 (128 KiB).  Smaller blocks let a decoder start sooner and
///   cost ratio.
class ZSTDIO_DECL compression_parameters {
public:
    /// Every knob, in the order they are applied (the list is
    /// ZSTDIO_COMPRESSION_KNOBS in zstdio/detail/knobs.hpp).
    enum class knob : int { ZSTDIO_COMPRESSION_KNOBS(ZSTDIO_DETAIL_KNOB_ENUMERATOR) };
    /// How many knobs there are.
    static constexpr std::size_t knob_count = 0 ZSTDIO_COMPRESSION_KNOBS(ZSTDIO_DETAIL_KNOB_COUNT);

    compression_parameters() = default;

    /// The parameters libzstd picks for `level` given the input and dictionary
    /// sizes (ZSTD_getCParams): window_log, chain_log, hash_log, search_log,
    /// min_match, target_length and strategy, all set, plus compression_level
    /// (python-zstandard's get_compression_parameters).  A source_size of 0
    /// means unknown, as in libzstd.  Throws std::invalid_argument for a level
    /// out of range, and zstd_error (errc::library_mismatch) when the loaded
    /// libzstd is not the one zstdio was built against (ZSTD_getCParams is
    /// experimental API).
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

    /// @name Knobs
    /// One pair per knob: a getter, `T window_log() const` (0 = not set), and
    /// a chainable setter, `compression_parameters& window_log(T)`, that
    /// checks the value like set().  What each knob does, its range and its
    /// default: the class comment and doc/parameters.md.
    ///@{
    ZSTDIO_COMPRESSION_KNOBS(ZSTDIO_DETAIL_KNOB_ACCESSORS)
    ///@}

    /// Long-distance matching: true = on, false = off.  Unset, libzstd
    /// decides (1.5.x turns it on for btopt and above with windows of 128 MiB
    /// or more).  Stored as libzstd's switch value (1 = on, 2 = off).
    ///@{
    bool enable_long_distance_matching() const noexcept { return get(knob::enable_long_distance_matching) == 1; }
    compression_parameters& enable_long_distance_matching(bool on);
    ///@}

    /// Bytes a compression context with these parameters needs
    /// (ZSTD_estimateCCtxSize_usingCCtxParams; as single-threaded: threads,
    /// job_size and overlap_log are ignored).  Throws zstd_error
    /// (library_mismatch) when the loaded libzstd is not the one zstdio was
    /// built against (the estimate is experimental API).
    std::size_t estimated_context_size() const;

    /// Equal when the same knobs are set to the same values.
    friend bool operator==(const compression_parameters& a, const compression_parameters& b) noexcept
    {
        return a.values_ == b.values_;
    }
    /// Not operator==.
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

/// Every decompression parameter libzstd lets a user set, the counterpart of
/// compression_parameters and built the same way: a getter and a chainable
/// setter per knob (`d.window_log_max(30).disable_huffman_assembly(true)`),
/// set(), get(), unset(), bounds() and name() by `knob`.  A knob never set
/// reads 0 (false) and leaves the matching zstd_params field, or libzstd's
/// default, in force; a set knob overrides that field for decoding, as the
/// knobs of zstd_params::advanced override the compression fields.
///
/// - `window_log_max`: largest window accepted, as a power of two; overrides
///   zstd_params::window_log_max (libzstd's ZSTD_d_windowLogMax).
/// - `format`: overrides zstd_params::format for decoding only
///   (ZSTD_d_format).
/// - `verify_checksum`: true checks each frame's checksum, false skips the
///   check; overrides zstd_params::verify_checksum.  libzstd's
///   ZSTD_d_forceIgnoreChecksum with the opposite sense (1 here = 0 there),
///   so the name and meaning are zstd_params'.
/// - `ref_multiple_ddicts`: keep every digested dictionary referenced, and
///   pick for each frame the one whose id the frame names
///   (ZSTD_d_refMultipleDDicts).  With zstd_params::dict alone nothing
///   changes.  zstd_params::dicts does not need it (zstdio chooses each
///   frame's dictionary itself; libzstd's choice keeps the previous frame's
///   dictionary for a frame that names no id).  A context that enabled it is
///   freed after use, not cached: libzstd's set of dictionaries survives a
///   context reset.
/// - `disable_huffman_assembly`: decode Huffman-coded literals with the C
///   code instead of libzstd's x86-64 assembly (ZSTD_d_disableHuffmanAssembly,
///   in libzstd 1.5.4, not in 1.5.0): same output, for benchmarking or
///   working around a suspected assembly bug.
///
/// Setters check the value against ZSTD_dParam_getBounds of the linked
/// libzstd and throw std::invalid_argument ("zstdio: window_log_max = 32 is
/// out of range [10, 31]").  Every knob but window_log_max is libzstd's
/// experimental API: bounds(), set() and applying it throw zstd_error
/// (errc::library_mismatch) unless the loaded libzstd is the version zstdio
/// was built against, or when that version lacks the knob.  A value type:
/// copy freely, no thread concerns.
class ZSTDIO_DECL decompression_parameters {
public:
    /// Every knob, in the order they are applied (the list is
    /// ZSTDIO_DECOMPRESSION_KNOBS in zstdio/detail/knobs.hpp).
    enum class knob : int { ZSTDIO_DECOMPRESSION_KNOBS(ZSTDIO_DETAIL_KNOB_ENUMERATOR) };
    /// How many knobs there are.
    static constexpr std::size_t knob_count = 0 ZSTDIO_DECOMPRESSION_KNOBS(ZSTDIO_DETAIL_KNOB_COUNT);

    decompression_parameters() = default;

    /// Sets any knob; throws std::invalid_argument when out of bounds.
    decompression_parameters& set(knob k, int value);
    /// Forgets a knob, so the zstd_params field or libzstd's default applies.
    decompression_parameters& unset(knob k) noexcept;
    /// The value set, if any.
    std::optional<int> get(knob k) const noexcept { return values_[index(k)]; }

    /// The knob's bounds in the linked libzstd; throws zstd_error
    /// (library_mismatch) when libzstd does not know the knob.
    static parameter_bounds bounds(knob k);
    /// The knob's name as used in messages, e.g. "window_log_max".
    static const char* name(knob k) noexcept;

    /// @name Knobs
    /// One pair per knob: a getter, `T window_log_max() const` (0 = not set),
    /// and a chainable setter, `decompression_parameters& window_log_max(T)`,
    /// that checks the value like set().  What each knob does: the class
    /// comment and doc/parameters.md.
    ///@{
    ZSTDIO_DECOMPRESSION_KNOBS(ZSTDIO_DETAIL_KNOB_ACCESSORS)
    ///@}

    /// Equal when the same knobs are set to the same values.
    friend bool operator==(const decompression_parameters& a, const decompression_parameters& b) noexcept
    {
        return a.values_ == b.values_;
    }
    /// Not operator==.
    friend bool operator!=(const decompression_parameters& a, const decompression_parameters& b) noexcept
    {
        return !(a == b);
    }

private:
    static constexpr std::size_t index(knob k) noexcept { return static_cast<std::size_t>(k); }
    std::array<std::optional<int>, knob_count> values_{};
};

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
    /// Worker threads: 0 = work in the calling thread, N > 0 = N workers,
    /// negative = one per logical CPU.  Compressing: N libzstd workers.
    /// Decoding (zstd_decompressor, decompressor::decompress and
    /// copy_stream; see doc/parallel.md): frames of at most 8 MiB are
    /// decoded by N threads, N - 1 workers and the calling thread (which
    /// decodes queued frames while it waits for the next one in order; with
    /// N = 1 one worker decodes and the calling thread only delivers), 4
    /// frames per thread in flight, with the output and errors of serial
    /// decoding; larger frames, and input of one frame, are decoded in the
    /// calling thread alone.
    int threads = 0;
    /// The executor the workers of parallel decoding, read-ahead and the
    /// seekable writer run on (threads of `threads` are taken from it); null
    /// (default) = each stream makes one of its own when it starts workers.
    /// Share one executor between many short streams to start threads once.
    /// Ignored by libzstd's own workers (compression with threads).
    std::shared_ptr<executor> pool;
    /// The exact number of bytes the frame will hold, if known; it is written
    /// in the header and a different actual size is an error.
    std::optional<std::uint64_t> source_size;
    /// Full parameter control; its set knobs override `level`'s choices and the
    /// flags above.
    std::optional<compression_parameters> advanced;

    // --- both directions ---------------------------------------------------
    /// Dictionary used to compress (its id is written in each frame unless
    /// dict_id is false), and used to decode every frame that names its id
    /// or no id (with `dicts`, frames naming another id use that one).
    std::optional<zstd_dict> dict;
    /// Patch-from (`zstd --patch-from=REF`): the reference a patch is made
    /// from and applied to.  Compressing, every frame may copy from these
    /// bytes as if they came just before its content (libzstd's prefix,
    /// ZSTD_CCtx_refPrefix, with the context's own window and long-distance
    /// matching, unlike a digested `dict`); decoding, every frame is decoded
    /// against them (ZSTD_DCtx_refPrefix).  The bytes are used as raw content
    /// whatever the handle's type; the handle keeps them alive, so copies of
    /// the params are cheap.  Such frames record no dictionary id: a patch
    /// applied to another reference fails with errc::checksum_wrong (when it
    /// has a checksum, the default) or errc::corruption_detected, and one
    /// decoded without its reference with errc::corruption_detected.  To get
    /// small patches of large files, build the params with
    /// make_patch_params() (zstdio/patch.hpp), which sets the window and
    /// long-distance matching as the zstd CLI does.  Cannot be combined with
    /// `dict` or `dicts` (std::invalid_argument); a reference above 2 GiB is
    /// zstd_error (errc::parameter_unsupported).
    std::optional<zstd_dict> patch_from;

    // --- decompression -----------------------------------------------------
    /// More dictionaries for decoding, chosen by id: each frame that names a
    /// dictionary id is decoded with the dictionary of that id among `dict`
    /// and `dicts` (a record store that rotates dictionaries reads records of
    /// every generation with one decoder).  A frame naming no id (written
    /// with dict_id = false, or without a dictionary) is decoded with `dict`
    /// if given, else with none.  Empty (default) = `dict` alone, as before.
    ///
    /// Honoured by every decoder: zstd_decompressor (both chain directions),
    /// decompressor (one-shot, streaming objects, copy_stream, batch),
    /// parallel decoding and seekable_source.  Compressors ignore it (they
    /// use `dict`).  Each dictionary is digested once (zstd_dict caches its
    /// DDict) and switching between frames costs a pointer swap.
    ///
    /// Errors: a frame naming an id that neither `dict` nor `dicts` has is
    /// zstd_error (errc::dictionary_mismatch) "decompressing: the frame was
    /// compressed with dictionary id 7, but the dictionaries given have ids
    /// 1, 2 and 3".  When a decoder is made, std::invalid_argument for an
    /// entry with no id (raw content, or a full dictionary whose id is 0:
    /// such a dictionary can only be `dict`) and for two different
    /// dictionaries with the same id; the same dictionary twice (the same
    /// handle or equal bytes, e.g. the current one as `dict` and again in
    /// `dicts`) is allowed.  A decoder that has decoded a content-dictionary
    /// chain link (decompress_content_dict_chain) uses neither.  Thread
    /// safety: as zstd_dict, the handles may be shared by any number of
    /// decoders in any threads.
    std::vector<zstd_dict> dicts;

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
    /// is `magicless` (advanced->format(), if set, overrides it for writing,
    /// advanced_decompression->format() for reading).
    frame_format format = frame_format::zstd1;
    /// Full decompression parameter control; its set knobs override
    /// window_log_max, verify_checksum and format for decoding.  A decoder's
    /// params() show the fields with those overrides applied.
    std::optional<decompression_parameters> advanced_decompression;
};

} // namespace zstdio

#undef ZSTDIO_DETAIL_KNOB_ENUMERATOR
#undef ZSTDIO_DETAIL_KNOB_COUNT
#undef ZSTDIO_DETAIL_KNOB_ACCESSORS
#undef ZSTDIO_DETAIL_KNOB_ACCESSORS_plain
#undef ZSTDIO_DETAIL_KNOB_ACCESSORS_custom

#endif
