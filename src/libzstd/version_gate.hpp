// zstdio — private: the version gate in front of libzstd's experimental API.
//
// Experimental entry points (ZSTD_STATIC_LINKING_ONLY) are only stable within
// one libzstd version: each is called only after require_experimental(), so a
// libzstd update makes them fail with a zstd_error instead of calling into a
// changed ABI.  doc/architecture.md lists the calls that are exempt, and why.
#ifndef ZSTDIO_SRC_LIBZSTD_VERSION_GATE_HPP
#define ZSTDIO_SRC_LIBZSTD_VERSION_GATE_HPP

namespace zstdio {
namespace detail {

/// Throws zstd_error(library_mismatch) unless the loaded libzstd is the one
/// zstdio was compiled against.  `what` names the feature that needs it.
void require_experimental(const char* what);

} // namespace detail
} // namespace zstdio

#endif
