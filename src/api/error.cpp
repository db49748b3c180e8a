// zstdio — error category and zstd_error.
#include <zstdio/error.hpp>

#include "libzstd/zstd.hpp"

#include <boost/throw_exception.hpp>

#include <stdexcept>

namespace zstdio {
namespace {

class category final : public std::error_category {
public:
    const char* name() const noexcept override { return "zstd"; }

    std::string message(int value) const override
    {
        switch (static_cast<errc>(value)) {
        case errc::truncated_input: return "input ended inside a zstd frame";
        case errc::output_limit_exceeded: return "output exceeds max_output_size";
        case errc::not_zstd_frame: return "not zstd data";
        case errc::dictionary_mismatch: return "dictionary mismatch";
        case errc::bad_argument: return "bad argument";
        case errc::library_mismatch: return "linked libzstd does not support this";
        case errc::content_size_unknown: return "frame content size unknown";
        default: break;
        }
        return ZSTD_getErrorString(static_cast<ZSTD_ErrorCode>(value));
    }
};

} // namespace

const std::error_category& zstd_category() noexcept
{
    static const category instance;
    return instance;
}

zstd_error::zstd_error(errc condition, const std::string& what)
    : BOOST_IOSTREAMS_FAILURE(what, make_error_code(condition)), message_(what)
{
}

const char* zstd_error::what() const noexcept { return message_.c_str(); }

errc zstd_error::condition() const noexcept { return static_cast<errc>(code().value()); }

// The public errc mirrors libzstd's codes by number; make sure it still does.
static_assert(static_cast<int>(errc::prefix_unknown) == ZSTD_error_prefix_unknown);
static_assert(static_cast<int>(errc::window_too_large) == ZSTD_error_frameParameter_windowTooLarge);
static_assert(static_cast<int>(errc::corruption_detected) == ZSTD_error_corruption_detected);
static_assert(static_cast<int>(errc::checksum_wrong) == ZSTD_error_checksum_wrong);
static_assert(static_cast<int>(errc::dictionary_corrupted) == ZSTD_error_dictionary_corrupted);
static_assert(static_cast<int>(errc::dictionary_wrong) == ZSTD_error_dictionary_wrong);
static_assert(static_cast<int>(errc::dictionary_creation_failed) == ZSTD_error_dictionaryCreation_failed);
static_assert(static_cast<int>(errc::parameter_unsupported) == ZSTD_error_parameter_unsupported);
static_assert(static_cast<int>(errc::parameter_out_of_bound) == ZSTD_error_parameter_outOfBound);
static_assert(static_cast<int>(errc::stage_wrong) == ZSTD_error_stage_wrong);
static_assert(static_cast<int>(errc::memory_allocation) == ZSTD_error_memory_allocation);
static_assert(static_cast<int>(errc::dst_size_too_small) == ZSTD_error_dstSize_tooSmall);
static_assert(static_cast<int>(errc::src_size_wrong) == ZSTD_error_srcSize_wrong);
static_assert(static_cast<int>(errc::version_unsupported) == ZSTD_error_version_unsupported);
static_assert(static_cast<int>(errc::frame_parameter_unsupported) == ZSTD_error_frameParameter_unsupported);
static_assert(static_cast<int>(errc::literals_header_wrong) == ZSTD_error_literals_headerWrong);

} // namespace zstdio

namespace zstdio {
namespace detail {

std::string out_of_range_message(std::string_view what, long long value, long long min, long long max)
{
    std::string message = "zstdio: ";
    message += what;
    message += " = " + std::to_string(value) + " is out of range [" + std::to_string(min) + ", " +
               std::to_string(max) + "]";
    return message;
}

void check_range(std::string_view what, long long value, long long min, long long max)
{
    if (value < min || value > max)
        boost::throw_exception(std::invalid_argument(out_of_range_message(what, value, min, max)));
}

} // namespace detail
} // namespace zstdio
