// zstdio — bytes read by position (include/zstdio/detail/random_access.hpp).
#include <zstdio/detail/random_access.hpp>
#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <cstring>
#include <stdexcept>
#include <string>

namespace zstdio {
namespace detail {

random_access_source::~random_access_source() = default;

std::size_t random_access_source::read_device(std::uint64_t, char*, std::size_t) const { return 0; }

void random_access_source::read(std::uint64_t offset, char* dst, std::size_t n) const
{
    if (offset > size_ || n > size_ - offset)
        boost::throw_exception(std::invalid_argument("zstdio: reading " + std::to_string(n) + " bytes at offset " +
                                                     std::to_string(offset) + " of a source of " +
                                                     std::to_string(size_) + " bytes"));
    if (n == 0)
        return;
    if (data_) {
        std::memcpy(dst, data_ + offset, n);
        return;
    }
    const std::size_t got = read_device(offset, dst, n);
    if (got != n)
        boost::throw_exception(zstd_error(errc::truncated_input,
                                          "the compressed input ended early: " + std::to_string(n) +
                                              " bytes at offset " + std::to_string(offset) + " were asked for, " +
                                              std::to_string(got) + " could be read (was the file changed?)"));
}

} // namespace detail
} // namespace zstdio
