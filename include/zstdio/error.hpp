/// @file
/// Errors: zstd_error and its error category.
#ifndef ZSTDIO_ERROR_HPP
#define ZSTDIO_ERROR_HPP

#include <zstdio/config.hpp>

#include <boost/iostreams/detail/ios.hpp> // BOOST_IOSTREAMS_FAILURE

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>

namespace zstdio {

/// Error conditions reported in a zstd_error's code().
///
/// Values below 1000 are libzstd's own `ZSTD_ErrorCode` values (stable since
/// libzstd 1.3.1; the most useful ones are named here, any other still
/// arrives with its libzstd number).  Values from 1000 are zstdio's own.
enum class errc {
    // libzstd's ZSTD_ErrorCode
    generic = 1,
    prefix_unknown = 10,            ///< not a zstd frame (libzstd's view)
    version_unsupported = 12,
    frame_parameter_unsupported = 14,
    window_too_large = 16,          ///< frame window above window_log_max
    corruption_detected = 20,
    checksum_wrong = 22,
    literals_header_wrong = 24,
    dictionary_corrupted = 30,
    dictionary_wrong = 32,
    dictionary_creation_failed = 34,
    parameter_unsupported = 40,
    parameter_out_of_bound = 42,
    stage_wrong = 60,               ///< call not allowed now (e.g. compress after finish)
    memory_allocation = 64,
    dst_size_too_small = 70,
    src_size_wrong = 72,

    // zstdio's own
    truncated_input = 1000,         ///< input ended inside a frame
    output_limit_exceeded,          ///< more output than max_output_size
    not_zstd_frame,                 ///< input is not zstd data (or is empty)
    dictionary_mismatch,            ///< frame needs another dictionary, or none
    bad_argument,                   ///< an argument the data contradict (misuse is std::invalid_argument)
    library_mismatch,               ///< linked libzstd lacks what was asked
    content_size_unknown,           ///< frame has no content size and no limit was given
};

/// The error category of every zstdio error code; its name is "zstd".
/// message() gives libzstd's text for libzstd codes.  Thread safe.
ZSTDIO_DECL const std::error_category& zstd_category() noexcept;

/// Makes an error_code in zstd_category().
inline std::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), zstd_category()};
}

/// The exception every zstd failure throws, like Boost's gzip_error: it is a
/// `BOOST_IOSTREAMS_FAILURE` (`std::ios_base::failure`), so code that catches
/// iostreams failures catches it too.  what() says what happened in words a
/// user can act on; code() tells which condition it was.
///
/// code() (inherited from std::system_error) is in zstd_category().
class ZSTDIO_DECL zstd_error : public BOOST_IOSTREAMS_FAILURE {
public:
    /// An error with code() = make_error_code(condition) and what() = `what`.
    zstd_error(errc condition, const std::string& what);

    /// The message given at construction, without a category suffix.
    const char* what() const noexcept override;

    /// The condition as an errc (the same as code().value()).
    errc condition() const noexcept;

private:
    std::string message_;
};

namespace detail {

/// "zstdio: `what` = `value` is out of range [`min`, `max`]": the one wording
/// of every argument outside its bounds (`what` names it as the user wrote
/// it: "window_log", "compression level", "cover d").
ZSTDIO_DECL std::string out_of_range_message(std::string_view what, long long value, long long min,
                                             long long max);

/// Throws std::invalid_argument(out_of_range_message(...)), through
/// boost::throw_exception, unless min <= value <= max.
ZSTDIO_DECL void check_range(std::string_view what, long long value, long long min, long long max);

} // namespace detail
} // namespace zstdio

namespace std {
template <>
struct is_error_code_enum<zstdio::errc> : true_type {};
} // namespace std

#endif
