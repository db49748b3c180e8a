// zstdio — private: the digested forms of a zstd_dict, for the contexts.
#ifndef ZSTDIO_SRC_API_DICTIONARY_ACCESS_HPP
#define ZSTDIO_SRC_API_DICTIONARY_ACCESS_HPP

#include "libzstd/knob_mapping.hpp"

#include <zstdio/dictionary.hpp>

namespace zstdio {
namespace detail {

struct dict_access {
    /// The CDict digested with exactly these parameters, built once per
    /// distinct list and cached in the dictionary.  Thread safe.
    static const ZSTD_CDict* cdict(const zstd_dict& d, const parameter_list& list);
    /// The DDict, built once.  Thread safe.
    static const ZSTD_DDict* ddict(const zstd_dict& d);
    /// A dictionary made by a trainer that knows its cover parameters.
    static zstd_dict make_trained(std::string bytes, unsigned k, unsigned d);
};

} // namespace detail
} // namespace zstdio

#endif
