// zstdio — the version gate (see version_gate.hpp).
#include "libzstd/version_gate.hpp"

#include "libzstd/zstd.hpp"

#include <zstdio/error.hpp>

#include <boost/throw_exception.hpp>

#include <string>

namespace zstdio {
namespace detail {

void require_experimental(const char* what)
{
    if (ZSTD_versionNumber() != ZSTD_VERSION_NUMBER)
        boost::throw_exception(zstd_error(errc::library_mismatch,
                                          std::string(what) +
                                              " needs libzstd's experimental API, which is only usable with "
                                              "the libzstd version zstdio was built against (" ZSTD_VERSION_STRING
                                              "); the loaded library is " +
                                              ZSTD_versionString()));
}

} // namespace detail
} // namespace zstdio
