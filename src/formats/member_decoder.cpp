// zstdio — what every member decoder shares (src/formats/member_decoder.hpp).
#include "formats/member_decoder.hpp"

#include <boost/throw_exception.hpp>

namespace zstdio {
namespace detail {

void member_decoder::fail(errc condition, const std::string& what) const
{
    boost::throw_exception(zstd_error(condition, std::string("decompressing ") + format_name(format_) + ": " + what));
}

void member_decoder::truncated(std::uint64_t produced) const
{
    // "an xz", "an lzma": the names are said letter by letter.
    const bool an = format_ == data_format::xz || format_ == data_format::lzma;
    fail(errc::truncated_input, std::string("the input ends inside ") + (an ? "an " : "a ") + format_name(format_) +
                                    " member (truncated after " + std::to_string(produced) +
                                    " bytes of output)");
}

} // namespace detail
} // namespace zstdio
