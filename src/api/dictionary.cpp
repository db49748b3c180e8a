// zstdio — zstd_dict: bytes, id, and the cached digested forms.
#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>

#include "api/dictionary_access.hpp"
#include "frame/little_endian.hpp"
#include "libzstd/experimental.hpp"

#include <boost/throw_exception.hpp>

#include <map>
#include <mutex>
#include <stdexcept>

namespace zstdio {

namespace {
struct cdict_deleter {
    void operator()(ZSTD_CDict* d) const noexcept { ZSTD_freeCDict(d); }
};
struct ddict_deleter {
    void operator()(ZSTD_DDict* d) const noexcept { ZSTD_freeDDict(d); }
};
using cdict_ptr = std::unique_ptr<ZSTD_CDict, cdict_deleter>;
using ddict_ptr = std::unique_ptr<ZSTD_DDict, ddict_deleter>;

bool has_dictionary_magic(const std::string& bytes)
{
    return bytes.size() >= 4 && detail::read_le32(bytes.data()) == ZSTD_MAGIC_DICTIONARY;
}
} // namespace

struct zstd_dict::impl {
    std::string bytes;
    dict_type type = dict_type::raw_content;
    std::uint32_t id = 0;
    unsigned k = 0;
    unsigned d = 0;

    std::mutex mutex; // guards the caches below
    std::map<detail::parameter_list, cdict_ptr> cdicts;
    ddict_ptr ddict;

    // True when libzstd's stable, auto-detecting API reads the bytes as this
    // type: everything but raw content that starts with the dictionary magic.
    bool stable_api_reads_type() const noexcept
    {
        return type == dict_type::full || !has_dictionary_magic(bytes);
    }

    // Builds the DDict; caller holds the mutex.  The stable ZSTD_createDDict
    // (which copies the bytes) wherever it reads the type right, so that a
    // libzstd update does not stop dictionaries from working.
    const ZSTD_DDict* digest_for_decompression()
    {
        if (!ddict) {
            if (stable_api_reads_type()) {
                ddict.reset(ZSTD_createDDict(bytes.data(), bytes.size()));
            } else {
                ddict.reset(detail::experimental::create_ddict(
                    bytes, type != dict_type::full, "a raw_content dictionary that starts with the dictionary magic"));
            }
            if (!ddict)
                boost::throw_exception(zstd_error(errc::dictionary_corrupted,
                                                  "cannot load the dictionary (" + std::to_string(bytes.size()) +
                                                      " bytes): not a valid zstd dictionary"));
        }
        return ddict.get();
    }
};

zstd_dict::zstd_dict(std::string_view bytes, dict_type type) : zstd_dict(bytes.data(), bytes.size(), type) {}

zstd_dict::zstd_dict(const void* data, std::size_t size, dict_type type) : impl_(std::make_shared<impl>())
{
    if (size == 0)
        boost::throw_exception(std::invalid_argument("zstdio: a dictionary cannot be empty"));
    impl_->bytes.assign(static_cast<const char*>(data), size);
    if (type == dict_type::automatic)
        type = has_dictionary_magic(impl_->bytes) ? dict_type::full : dict_type::raw_content;
    if (type == dict_type::full && !has_dictionary_magic(impl_->bytes))
        boost::throw_exception(
            zstd_error(errc::dictionary_corrupted,
                       "not a zstd dictionary: the bytes do not start with the dictionary magic 0xEC30A437 "
                       "(use dict_type::raw_content to use arbitrary bytes as a dictionary)"));
    if (type == dict_type::full && size < 8) // libzstd's auto-detection would take it as raw content
        boost::throw_exception(
            zstd_error(errc::dictionary_corrupted,
                       "not a zstd dictionary: " + std::to_string(size) + " bytes, too short for a dictionary header"));
    impl_->type = type;
    if (type == dict_type::full) {
        impl_->id = ZSTD_getDictID_fromDict(impl_->bytes.data(), impl_->bytes.size());
        // Load it now so a corrupt dictionary fails here, not at first use.
        impl_->digest_for_decompression();
    }
}

std::uint32_t zstd_dict::id() const noexcept { return impl_->id; }
std::size_t zstd_dict::size() const noexcept { return impl_->bytes.size(); }
std::string_view zstd_dict::as_bytes() const noexcept { return impl_->bytes; }
dict_type zstd_dict::type() const noexcept { return impl_->type; }
unsigned zstd_dict::k() const noexcept { return impl_->k; }
unsigned zstd_dict::d() const noexcept { return impl_->d; }

namespace detail {

const ZSTD_CDict* dict_access::cdict(const zstd_dict& d, const parameter_list& list)
{
    zstd_dict::impl& m = *d.impl_;
    std::lock_guard<std::mutex> lock(m.mutex);
    auto& slot = m.cdicts[list];
    if (!slot) {
        // A CDict made by the advanced API carries no compression level, and
        // libzstd then takes every match-finder setting from the CDict except
        // the window, which it derives from the default level 3: a level-19
        // frame of a large input would come out at a mix of levels 3 and 19.
        // So when only the level is asked for, digest it the way
        // ZSTD_createCDict(dict, level) does (what a libzstd user would write,
        // and frames are identical to theirs); explicit match-finder settings
        // need the advanced API.
        int level = ZSTD_CLEVEL_DEFAULT;
        bool explicit_cparams = false;
        const ZSTD_cParameter dedicated_dict_search =
            knob_info(compression_parameters::knob::enable_dedicated_dict_search).param;
        for (const auto& [param, value] : list) {
            switch (param) {
            case ZSTD_c_compressionLevel: level = value; break;
            case ZSTD_c_windowLog:
            case ZSTD_c_hashLog:
            case ZSTD_c_chainLog:
            case ZSTD_c_searchLog:
            case ZSTD_c_minMatch:
            case ZSTD_c_targetLength:
            case ZSTD_c_strategy: explicit_cparams = true; break;
            default:
                // Only a CDict digested with it uses the dedicated search
                // structure; the context's own setting is ignored.
                if (param == dedicated_dict_search && value != 0)
                    explicit_cparams = true;
                break;
            }
        }
        // ZSTD_createCDict (stable API, copies the bytes) reads the content
        // type from the bytes; a raw dictionary that happens to start with the
        // magic, and explicit match-finder settings, need the experimental API.
        if (!explicit_cparams && m.stable_api_reads_type()) {
            slot.reset(ZSTD_createCDict(m.bytes.data(), m.bytes.size(), level));
        } else {
            slot.reset(experimental::create_cdict(m.bytes, m.type != dict_type::full, list,
                                                  explicit_cparams ? "a dictionary with explicit match-finder "
                                                                     "parameters"
                                                                   : "a raw_content dictionary that starts with "
                                                                     "the dictionary magic"));
        }
        if (!slot) {
            m.cdicts.erase(list);
            boost::throw_exception(zstd_error(errc::dictionary_corrupted,
                                              "cannot digest the dictionary (" + std::to_string(m.bytes.size()) +
                                                  " bytes) for compression"));
        }
    }
    return slot.get();
}

const ZSTD_DDict* dict_access::ddict(const zstd_dict& d)
{
    zstd_dict::impl& m = *d.impl_;
    std::lock_guard<std::mutex> lock(m.mutex);
    return m.digest_for_decompression();
}

zstd_dict dict_access::make_trained(std::string bytes, unsigned k, unsigned d)
{
    zstd_dict dict(bytes, dict_type::full);
    dict.impl_->k = k;
    dict.impl_->d = d;
    return dict;
}

} // namespace detail
} // namespace zstdio
