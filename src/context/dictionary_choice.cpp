// zstdio — which dictionary decodes a frame (see dictionary_choice.hpp).
#include "context/dictionary_choice.hpp"

#include "api/dictionary_access.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <stdexcept>

namespace zstdio {
namespace detail {

namespace {

// The same dictionary: one handle, or two handles on equal bytes.
bool same_dictionary(const zstd_dict& a, const zstd_dict& b) noexcept
{
    return a == b || (a.type() == b.type() && a.as_bytes() == b.as_bytes());
}

} // namespace

dictionary_choice::dictionary_choice(const zstd_params& p) : default_(p.dict), per_frame_(!p.dicts.empty())
{
    if (default_)
        default_ddict_ = dict_access::ddict(*default_);
    if (!per_frame_)
        return;
    by_id_.reserve(p.dicts.size() + 1);
    for (std::size_t i = 0; i < p.dicts.size(); ++i) {
        const zstd_dict& d = p.dicts[i];
        if (d.id() == 0)
            boost::throw_exception(std::invalid_argument(
                "zstdio: dicts[" + std::to_string(i) +
                "] has no dictionary id (raw content, or id 0): frames cannot name it, so it can only be given "
                "as dict"));
        by_id_.push_back({d.id(), d, nullptr});
    }
    if (p.dict && p.dict->id() != 0)
        by_id_.push_back({p.dict->id(), *p.dict, nullptr});
    std::stable_sort(by_id_.begin(), by_id_.end(), [](const entry& a, const entry& b) { return a.id < b.id; });
    // Equal ids are now neighbours: the same dictionary is kept once, two
    // different ones cannot both answer for the id.
    auto out = by_id_.begin();
    for (auto it = by_id_.begin(); it != by_id_.end(); ++it) {
        if (out != by_id_.begin() && (out - 1)->id == it->id) {
            if (!same_dictionary((out - 1)->dict, it->dict))
                boost::throw_exception(std::invalid_argument(
                    "zstdio: two different dictionaries have the same dictionary id " + std::to_string(it->id) +
                    " (in dict and dicts): a frame naming it could not tell which to use"));
            continue;
        }
        *out++ = *it;
    }
    by_id_.erase(out, by_id_.end());
    for (entry& e : by_id_)
        e.ddict = dict_access::ddict(e.dict);
}

const ZSTD_DDict* dictionary_choice::for_frame(std::uint32_t dict_id) const
{
    if (dict_id == 0)
        return default_ddict_;
    const auto it = std::lower_bound(by_id_.begin(), by_id_.end(), dict_id,
                                     [](const entry& e, std::uint32_t id) { return e.id < id; });
    if (it == by_id_.end() || it->id != dict_id)
        throw_dictionary_mismatch(dict_id, offered());
    return it->ddict;
}

std::string dictionary_choice::offered() const
{
    if (!per_frame_) {
        if (!default_)
            return "no dictionary was given";
        return "the dictionary given has id " + std::to_string(default_->id());
    }
    std::string ids;
    for (std::size_t i = 0; i < by_id_.size(); ++i) {
        if (i > 0)
            ids += i + 1 == by_id_.size() ? " and " : ", ";
        ids += std::to_string(by_id_[i].id);
    }
    std::string text = by_id_.size() == 1 ? "the dictionary given has id " + ids
                                          : "the dictionaries given have ids " + ids;
    if (default_ && default_->id() == 0)
        text += " (and dict, raw content without an id)";
    return text;
}

void throw_dictionary_mismatch(std::uint32_t needed, const std::string& offered)
{
    const std::string wanted = needed != 0 ? "dictionary id " + std::to_string(needed)
                                           : "a dictionary (its id is not recorded in the frame)";
    boost::throw_exception(
        zstd_error(errc::dictionary_mismatch, "decompressing: the frame was compressed with " + wanted + ", but " + offered));
}

} // namespace detail
} // namespace zstdio
