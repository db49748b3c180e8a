// zstdio — private: which dictionary decodes a frame (zstd_params::dict and
// zstd_params::dicts, chosen by the id the frame names).
//
// decompression_context asks it once per frame, before libzstd sees the
// frame, and references the DDict it names; the rules are params.hpp's
// (zstd_params::dicts) and doc/dictionaries.md's.
#ifndef ZSTDIO_SRC_CONTEXT_DICTIONARY_CHOICE_HPP
#define ZSTDIO_SRC_CONTEXT_DICTIONARY_CHOICE_HPP

#include "libzstd/zstd.hpp"

#include <zstdio/params.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zstdio {
namespace detail {

/// The dictionaries a decoder was given, by id.  Built from a zstd_params
/// when a decoder is made; immutable, so a context may consult it from its
/// own thread while copies of the same handles serve other decoders.
class dictionary_choice {
public:
    /// Checks p.dicts: std::invalid_argument for an entry without an id, and
    /// for two different dictionaries (by handle and bytes) with the same id.
    explicit dictionary_choice(const zstd_params& p);

    /// True when frames must be matched to dictionaries one by one (p.dicts
    /// is not empty); otherwise p.dict, referenced once, serves every frame.
    bool per_frame() const noexcept { return per_frame_; }

    /// The DDict for a frame naming `dict_id` (0 = none): the dictionary with
    /// that id, or for 0 p.dict's (null when there is none).  Throws
    /// zstd_error (errc::dictionary_mismatch) for an id no dictionary has.
    const ZSTD_DDict* for_frame(std::uint32_t dict_id) const;

    /// "the dictionary given has id 5", "the dictionaries given have ids 1,
    /// 2 and 3", "no dictionary was given": the end of every message about a
    /// frame that needs another dictionary.
    std::string offered() const;

private:
    // Each dictionary with its DDict, resolved once (a lock each) so that a
    // frame costs a lookup.
    struct entry {
        std::uint32_t id;
        zstd_dict dict; // keeps the DDict alive
        const ZSTD_DDict* ddict;
    };
    std::optional<zstd_dict> default_;   // p.dict
    const ZSTD_DDict* default_ddict_ = nullptr;
    std::vector<entry> by_id_;           // sorted by id, one per id
    bool per_frame_ = false;
};

/// Throws zstd_error (errc::dictionary_mismatch): "decompressing: the frame
/// was compressed with dictionary id `needed` (0: an id not recorded in the
/// frame), but `offered`".
[[noreturn]] void throw_dictionary_mismatch(std::uint32_t needed, const std::string& offered);

} // namespace detail
} // namespace zstdio

#endif
