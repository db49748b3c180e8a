// zstdio — the one error check: libzstd's error codes as zstd_error.
#include "error/check.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <string>

namespace zstdio {
namespace detail {

void throw_zstd(std::size_t code, const char* doing)
{
    const ZSTD_ErrorCode e = ZSTD_getErrorCode(code);
    std::string what = std::string(doing) + ": ";
    errc condition = static_cast<errc>(e);
    switch (e) {
    case ZSTD_error_prefix_unknown:
        condition = errc::not_zstd_frame;
        what += "not zstd data (no zstd frame magic number where a frame should start)";
        break;
    case ZSTD_error_checksum_wrong:
        what += "checksum mismatch: the decompressed data does not match the frame's checksum (corrupt input)";
        break;
    case ZSTD_error_corruption_detected:
        what += "corrupt zstd data (" + std::string(ZSTD_getErrorName(code)) + ")";
        break;
    case ZSTD_error_memory_allocation:
        what += "out of memory";
        break;
    default:
        what += ZSTD_getErrorName(code);
        break;
    }
    boost::throw_exception(zstd_error(condition, what));
}

} // namespace detail
} // namespace zstdio
