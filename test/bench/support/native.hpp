// libzstd's own API as the benchmark programs in test/bench/ use it for their
// reference contenders: the error check, RAII handles (unique_ptr with a
// deleter) for contexts and digested dictionaries, a compression context set
// up like zstdio's default, and the length of the frames in a buffer.
//
// Include it after any `#define ZSTD_STATIC_LINKING_ONLY` of the program.
#ifndef ZSTDIO_TEST_BENCH_SUPPORT_NATIVE_HPP
#define ZSTDIO_TEST_BENCH_SUPPORT_NATIVE_HPP

#include <zstd.h>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

namespace zstdio_bench {

/// Returns `code`, or throws std::runtime_error("<what>: <libzstd's error
/// name>") when it is a libzstd error code.
inline std::size_t check_zstd(std::size_t code, const char* what)
{
    if (ZSTD_isError(code))
        throw std::runtime_error(std::string(what) + ": " + ZSTD_getErrorName(code));
    return code;
}

struct cctx_deleter {
    void operator()(ZSTD_CCtx* c) const noexcept { ZSTD_freeCCtx(c); }
};
struct dctx_deleter {
    void operator()(ZSTD_DCtx* d) const noexcept { ZSTD_freeDCtx(d); }
};
struct cdict_deleter {
    void operator()(ZSTD_CDict* d) const noexcept { ZSTD_freeCDict(d); }
};
struct ddict_deleter {
    void operator()(ZSTD_DDict* d) const noexcept { ZSTD_freeDDict(d); }
};
using cctx_ptr = std::unique_ptr<ZSTD_CCtx, cctx_deleter>;
using dctx_ptr = std::unique_ptr<ZSTD_DCtx, dctx_deleter>;
using cdict_ptr = std::unique_ptr<ZSTD_CDict, cdict_deleter>;
using ddict_ptr = std::unique_ptr<ZSTD_DDict, ddict_deleter>;

/// A new compression context at `level` with a checksum in every frame
/// (zstdio's and the zstd CLI's default), everything else libzstd's default.
/// Throws std::runtime_error when libzstd refuses a parameter.
inline cctx_ptr make_cctx(int level)
{
    cctx_ptr c(ZSTD_createCCtx());
    check_zstd(ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, level), "level");
    check_zstd(ZSTD_CCtx_setParameter(c.get(), ZSTD_c_checksumFlag, 1), "checksum");
    return c;
}

/// Length of the whole frames at the start of `p` (`capacity` bytes, zeroed
/// past the frames before they were written: a zero magic number ends them).
inline std::size_t frames_length(const char* p, std::size_t capacity)
{
    std::size_t pos = 0;
    while (capacity - pos >= 4) {
        const std::size_t n = ZSTD_findFrameCompressedSize(p + pos, capacity - pos);
        if (ZSTD_isError(n))
            break;
        pos += n;
    }
    return pos;
}

} // namespace zstdio_bench

#endif
