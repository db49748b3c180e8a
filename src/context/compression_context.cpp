// zstdio — the compression half of the one context wrapper (see
// include/zstdio/detail/context.hpp).
#include <zstdio/detail/context.hpp>
#include <zstdio/error.hpp>

#include "context/context_cache.hpp"
#include "error/check.hpp"
#include "libzstd/experimental.hpp"
#include "parameters/apply.hpp"

#include <boost/throw_exception.hpp>

#include <string>

namespace zstdio {
namespace detail {

namespace {

ZSTD_EndDirective to_zstd(end_directive d) noexcept
{
    switch (d) {
    case end_directive::flush: return ZSTD_e_flush;
    case end_directive::end: return ZSTD_e_end;
    default: return ZSTD_e_continue;
    }
}

} // namespace

// ---------------------------------------------------------------------------
// compression_context

struct compression_context::impl {
    // From the context cache; back to it when this context is destroyed,
    // unless it met an error or ran workers (their threads are not kept).
    context_lease<ZSTD_CCtx> cctx;
    zstd_params params;
    // libzstd starts a frame (and resets its counts) at the first
    // ZSTD_compressStream2 call after a reset, not at the reset.
    bool frame_begun = false;
    // set_level() changed the context's level away from params.level.
    bool level_changed = false;

    // Puts params back after set_level(); the context must be between frames.
    void restore_level()
    {
        if (!level_changed)
            return;
        apply(cctx.get(), params, compression_parameter_list(params));
        level_changed = false;
    }
};

compression_context::compression_context(const zstd_params& p) : impl_(std::make_unique<impl>())
{
    impl_->params = p;
    if (p.threads != 0)
        impl_->cctx.discard();
    apply(impl_->cctx.get(), p, compression_parameter_list(p));
}

compression_context::compression_context(compression_context&&) noexcept = default;
compression_context& compression_context::operator=(compression_context&&) noexcept = default;
compression_context::~compression_context() = default;

const zstd_params& compression_context::params() const noexcept { return impl_->params; }

void compression_context::begin_frame(std::uint64_t pledged_size)
{
    ZSTD_CCtx* c = impl_->cctx.get();
    check(ZSTD_CCtx_reset(c, ZSTD_reset_session_only), "starting a frame");
    impl_->frame_begun = false;
    impl_->restore_level();
    reference_patch(c, impl_->params);
    if (pledged_size == unknown_size && impl_->params.source_size)
        pledged_size = *impl_->params.source_size;
    check(ZSTD_CCtx_setPledgedSrcSize(c, pledged_size == unknown_size ? ZSTD_CONTENTSIZE_UNKNOWN : pledged_size),
          "setting the source size");
}

void compression_context::set_level(int level)
{
    check_level(level);
    impl& m = *impl_;
    m.level_changed = true; // set first: a failure below must not leak into the next frame either
    if (!m.frame_begun) {
        // libzstd fixes a frame's parameters at its first
        // ZSTD_compressStream2 call, so until then the whole frame can have
        // the new level.  Everything is applied again because a dictionary's
        // CDict carries its own level, which wins over the context's.
        zstd_params p = m.params;
        p.level = level;
        if (p.advanced && p.advanced->get(compression_parameters::knob::compression_level))
            p.advanced->compression_level(level);
        apply(m.cctx.get(), p, compression_parameter_list(p));
    } else {
        // Mid-frame, libzstd accepts a new level and records it; with
        // workers, the next ZSTD_compressStream2 call hands it to every job
        // cut from then on (window unchanged); a single-threaded frame keeps
        // its parameters.
        check(ZSTD_CCtx_setParameter(m.cctx.get(), ZSTD_c_compressionLevel, level), "changing the compression level");
    }
}

std::size_t compression_context::compress(input_window& in, output_window& out, end_directive directive)
{
    ZSTD_inBuffer zin{in.data, in.size, in.pos};
    ZSTD_outBuffer zout{out.data, out.size, out.pos};
    impl_->frame_begun = true;
    const std::size_t r = ZSTD_compressStream2(impl_->cctx.get(), &zout, &zin, to_zstd(directive));
    in.pos = zin.pos;
    out.pos = zout.pos;
    if (!ZSTD_isError(r) && r == 0 && directive == end_directive::end)
        reference_patch(impl_->cctx.get(), impl_->params); // libzstd starts the next frame by itself
    if (ZSTD_isError(r)) {
        impl_->cctx.discard();
        if (ZSTD_getErrorCode(r) == ZSTD_error_srcSize_wrong)
            boost::throw_exception(zstd_error(
                errc::src_size_wrong, "compressing: the data does not match the pledged source size of the frame"));
        throw_zstd(r, "compressing");
    }
    return r;
}

bool compression_context::drive(input_window& in, output_window& out, end_directive directive,
                                const output_callback* emit)
{
    if (directive == end_directive::run && in.empty())
        return true;
    for (;;) {
        const std::size_t remaining = compress(in, out, directive);
        const bool full = out.full();
        if (emit) {
            (*emit)(out.data, out.pos);
            out.pos = 0;
        }
        if (directive == end_directive::run ? in.empty() : remaining == 0)
            return true;
        if (!emit && full)
            return false;
    }
}

std::size_t compression_context::compress_once(const void* src, std::size_t size, void* dst, std::size_t capacity)
{
    if (impl_->level_changed || impl_->params.patch_from) {
        // A prefix can be referenced only between frames.
        check(ZSTD_CCtx_reset(impl_->cctx.get(), ZSTD_reset_session_only), "starting a frame");
        impl_->restore_level();
        reference_patch(impl_->cctx.get(), impl_->params);
    }
    impl_->frame_begun = true;
    const std::size_t r = ZSTD_compress2(impl_->cctx.get(), dst, capacity, src, size);
    if (ZSTD_isError(r))
        impl_->cctx.discard();
    if (ZSTD_isError(r) && ZSTD_getErrorCode(r) == ZSTD_error_dstSize_tooSmall)
        boost::throw_exception(zstd_error(errc::dst_size_too_small,
                                          "compressing: the output buffer of " + std::to_string(capacity) +
                                              " bytes is too small for the frame"));
    return check(r, "compressing");
}

std::size_t compression_context::memory_size() const noexcept { return ZSTD_sizeof_CCtx(impl_->cctx.get()); }

frame_progression compression_context::progression() const noexcept
{
    // Until then libzstd still reports the previous frame.
    if (!impl_->frame_begun)
        return {};
    return experimental::progression(impl_->cctx.get());
}

int compression_context::parameter(int libzstd_parameter) const
{
    return experimental::parameter(impl_->cctx.get(), static_cast<ZSTD_cParameter>(libzstd_parameter));
}

} // namespace detail
} // namespace zstdio
