// zstdio — the decompression half of the one context wrapper (see
// include/zstdio/detail/context.hpp).
#include <zstdio/detail/context.hpp>
#include <zstdio/error.hpp>

#include "context/context_cache.hpp"
#include "context/dictionary_choice.hpp"
#include "error/check.hpp"
#include "frame/header.hpp"
#include "frame/limits.hpp"
#include "frame/walker.hpp"
#include "libzstd/experimental.hpp"
#include "parameters/apply.hpp"

#include <zstdio/frame.hpp>

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>

namespace zstdio {
namespace detail {

// ---------------------------------------------------------------------------
// decompression_context

struct decompression_context::impl {
    explicit impl(const zstd_params& p) : params(resolve_decompression(p)), dictionaries(params) {}

    // From the context cache; back to it when this context is destroyed,
    // unless it met an error.
    context_lease<ZSTD_DCtx> dctx;
    zstd_params params;
    std::uint64_t output_limit = 0; // 0 = unlimited

    // Dictionaries by id (zstd_params::dicts): with choose_per_frame, each
    // frame's header is read before libzstd sees the frame and the DDict it
    // names is referenced (libzstd takes a dictionary only between frames).
    dictionary_choice dictionaries;
    bool choose_per_frame = false;
    bool dictionary_chosen = false;         // for the current frame
    const ZSTD_DDict* referenced = nullptr; // what dctx references now
    std::size_t withheld = 0; // bytes of `header` taken from the input, not yet given to libzstd

    bool in_frame = false;
    bool header_checked = false;
    std::uint64_t frames = 0;
    std::uint64_t data_frames = 0;
    std::uint64_t produced = 0;
    std::uint64_t produced_at_frame_start = 0;
    std::uint64_t declared_content = ZSTD_CONTENTSIZE_UNKNOWN; // of the current frame, once its header is read
    std::array<char, max_frame_header_size> header{};
    std::size_t header_len = 0;     // bytes of `header` known
    std::size_t frame_consumed = 0; // bytes of the current frame libzstd has consumed

    void start_frame() noexcept
    {
        in_frame = true;
        header_checked = false;
        header_len = 0;
        frame_consumed = 0;
        produced_at_frame_start = produced;
        declared_content = ZSTD_CONTENTSIZE_UNKNOWN;
        dictionary_chosen = false;
        withheld = 0;
    }

    // References the dictionary a frame naming `dict_id` needs, between
    // frames.  Throws zstd_error (dictionary_mismatch) for an id not given.
    void reference_dictionary_for(std::uint32_t dict_id)
    {
        const ZSTD_DDict* wanted = dictionaries.for_frame(dict_id);
        if (wanted != referenced) {
            check(ZSTD_DCtx_refDDict(dctx.get(), wanted), "referencing the dictionary");
            referenced = wanted;
        }
    }

    // With choose_per_frame, before libzstd sees the current frame: once its
    // header is whole, references the dictionary it names and returns true.
    // A header split between inputs is taken into `header` (withheld from
    // libzstd) and false is returned: the next input completes it.  Bytes
    // that are no frame header are left for libzstd to report.
    bool choose_dictionary(input_window& in)
    {
        experimental::frame_header_fields fh;
        const std::size_t r = experimental::frame_header(fh, header.data(), header_len, params.format);
        if (!ZSTD_isError(r) && r > 0) {
            // All of `in` is in `header` (a header needs at most its size).
            const std::size_t taken = in.size - in.pos;
            in.pos = in.size;
            withheld += taken;
            frame_consumed += taken;
            return false;
        }
        dictionary_chosen = true;
        if (!ZSTD_isError(r) && !fh.skippable) {
            try {
                reference_dictionary_for(fh.dict_id);
            } catch (...) {
                dctx.discard();
                throw;
            }
        }
        return true;
    }

    // Gives libzstd the header bytes withheld by choose_dictionary().  They
    // are fewer than the header, so libzstd takes them all.
    void release_withheld(output_window& out)
    {
        ZSTD_inBuffer zin{header.data(), withheld, 0};
        ZSTD_outBuffer zout{out.data + out.pos, 0, 0};
        withheld = 0;
        const std::size_t r = ZSTD_decompressStream(dctx.get(), &zout, &zin);
        if (ZSTD_isError(r)) {
            dctx.discard();
            throw_decode_error(r);
        }
    }

    // Keeps the first bytes of the current frame, for error messages.  The
    // bytes at in.pos are the frame's bytes from offset frame_consumed on, so
    // a second look at input libzstd did not consume rewrites the same bytes.
    void capture_header(const input_window& in) noexcept
    {
        if (frame_consumed >= header.size())
            return;
        const std::size_t n = std::min(header.size() - frame_consumed, in.size - in.pos);
        if (n == 0)
            return; // in.data may be null (an empty window): memcpy must not see it
        std::memcpy(header.data() + frame_consumed, in.data + in.pos, n);
        header_len = std::max(header_len, frame_consumed + n);
    }

    // True when the captured header starts a skippable frame.
    bool skippable_header() const noexcept
    {
        return is_skippable_magic({header.data(), header_len}, params.format);
    }

    // Refuses a frame that declares more content than max_output_size before
    // decoding any of it.
    void check_declared_size()
    {
        if (header_checked)
            return;
        const std::optional<frame_parameters> fh = peek_header({header.data(), header_len}, params.format);
        if (!fh)
            return; // incomplete header (or an error libzstd will report itself)
        header_checked = true;
        if (fh->is_skippable)
            return;
        declared_content = fh->content_size.value_or(ZSTD_CONTENTSIZE_UNKNOWN);
        // libzstd checks window_log_max only when it needs a window buffer:
        // a frame whose content fits the output buffer given is decoded in
        // one pass without that check, so whether a stream fails would
        // depend on read sizes.  Check every frame (found by fuzzing).
        if (fh->window_size > (std::uint64_t{1} << params.window_log_max))
            throw_window_too_large(fh->window_size, params.window_log_max);
        if (output_limit == 0)
            return;
        if (fh->content_size && *fh->content_size > output_limit - produced_at_frame_start)
            boost::throw_exception(
                zstd_error(errc::output_limit_exceeded,
                           "decompressing: the frame declares " + std::to_string(*fh->content_size) +
                               " bytes of content, which would bring the output to " +
                               std::to_string(produced_at_frame_start + *fh->content_size) +
                               " bytes, above max_output_size = " + std::to_string(output_limit) + " bytes"));
    }

    // At the end of a frame: its content must be the size its header
    // declares.  libzstd 1.5.4's incremental decoder does not check this when
    // the last block is empty, so a frame cut short behind a lying header
    // would end cleanly with short output when read in small pieces, and fail
    // when read in one (found by fuzzing: the filters disagreed).
    void check_content_size() const
    {
        const std::uint64_t content = produced - produced_at_frame_start;
        if (declared_content != ZSTD_CONTENTSIZE_UNKNOWN && content != declared_content)
            boost::throw_exception(zstd_error(errc::corruption_detected,
                                              "decompressing: corrupt frame: it decodes to " + std::to_string(content) +
                                                  " bytes but its header declares " +
                                                  std::to_string(declared_content)));
    }

    [[noreturn]] void throw_limit() const
    {
        boost::throw_exception(
            zstd_error(errc::output_limit_exceeded,
                       "decompressing: output exceeds max_output_size = " + std::to_string(output_limit) + " bytes"));
    }

    // Decodes the frames in the `size` bytes at `src` in one call into the
    // `room` bytes at `dst` (the end of the `capacity` bytes of a
    // decompress_walked() call); returns the bytes written.
    std::size_t decode_once(const char* src, std::size_t size, char* dst, std::size_t room, std::size_t capacity)
    {
        const std::size_t r = ZSTD_decompressDCtx(dctx.get(), dst, room, src, size);
        if (ZSTD_isError(r))
            throw_once_error(r, src, size, capacity);
        return r;
    }

    // Reports the error `code` of decode_once() on the `size` bytes at
    // `src`, which start with the frame that failed.
    [[noreturn]] void throw_once_error(std::size_t code, const char* src, std::size_t size, std::size_t capacity)
    {
        dctx.discard();
        // The frame's header, for the error messages (dictionary ids).
        start_frame();
        capture_header(input_window{src, size, 0});
        in_frame = false;
        if (ZSTD_getErrorCode(code) == ZSTD_error_dstSize_tooSmall) {
            if (output_limit != 0 && capacity == output_limit)
                throw_limit();
            boost::throw_exception(
                zstd_error(errc::dst_size_too_small,
                           "decompressing: the output buffer of " + std::to_string(capacity) + " bytes is too small"));
        }
        throw_decode_error(code);
    }

    // Turns a libzstd decoding error into a message about this frame.
    [[noreturn]] void throw_decode_error(std::size_t code) const
    {
        const std::optional<frame_parameters> fh = peek_header({header.data(), header_len}, params.format);
        switch (ZSTD_getErrorCode(code)) {
        case ZSTD_error_frameParameter_windowTooLarge:
            throw_window_too_large(fh ? fh->window_size : 0, params.window_log_max);
        case ZSTD_error_dictionary_wrong: throw_dictionary_mismatch(fh ? fh->dict_id : 0, dictionaries.offered());
        case ZSTD_error_prefix_unknown:
            boost::throw_exception(
                zstd_error(errc::not_zstd_frame,
                           frames == 0 ? "decompressing: not zstd data (the input does not start with a zstd "
                                         "frame magic number)"
                                       : "decompressing: not zstd data after " + std::to_string(frames) +
                                   " complete frame(s): trailing bytes are not a zstd frame"));
        case ZSTD_error_checksum_wrong:
        case ZSTD_error_corruption_detected:
            if (params.patch_from)
                throw_zstd(code, ("decompressing against the patch_from reference (" +
                                  std::to_string(params.patch_from->size()) + " bytes; was the patch made from it?)")
                                     .c_str());
            throw_zstd(code, "decompressing");
        default: throw_zstd(code, "decompressing");
        }
    }
};

decompression_context::decompression_context(const zstd_params& p) : impl_(std::make_unique<impl>(p))
{
    impl& m = *impl_;
    m.output_limit = p.max_output_size;
    apply(m.dctx.get(), m.params);
    m.choose_per_frame = m.dictionaries.per_frame();
    m.referenced = m.dictionaries.for_frame(0); // what apply() referenced: params.dict, or none
    // libzstd's own choice among several dictionaries keeps every DDict this
    // context references in a set that resetting the context does not
    // empty: such a context must not serve a later decoder, whose
    // dictionaries may be others (or freed).
    if (m.params.advanced_decompression && m.params.advanced_decompression->ref_multiple_ddicts())
        m.dctx.discard();
}

decompression_context::decompression_context(decompression_context&&) noexcept = default;
decompression_context& decompression_context::operator=(decompression_context&&) noexcept = default;
decompression_context::~decompression_context() = default;

const zstd_params& decompression_context::params() const noexcept { return impl_->params; }

void decompression_context::reset() noexcept
{
    // A session reset cannot fail (only parameter resets depend on the stage).
    ZSTD_DCtx_reset(impl_->dctx.get(), ZSTD_reset_session_only);
    impl_->output_limit = impl_->params.max_output_size;
    impl_->in_frame = false;
    impl_->frames = 0;
    impl_->data_frames = 0;
    impl_->produced = 0;
    impl_->header_len = 0;
    impl_->withheld = 0;
}

void decompression_context::resume(std::uint64_t frames, std::uint64_t data_frames, std::uint64_t produced) noexcept
{
    reset();
    impl_->frames = frames;
    impl_->data_frames = data_frames;
    impl_->produced = produced;
}

bool decompression_context::decompress(input_window& in, output_window& out)
{
    impl& m = *impl_;
    if (!m.in_frame && !in.empty()) {
        m.start_frame();
        reference_patch(m.dctx.get(), m.params); // libzstd drops it after each frame
    }
    if (m.in_frame && m.frame_consumed < m.header.size()) {
        m.capture_header(in);
        m.check_declared_size();
    }
    if (m.choose_per_frame && m.in_frame && !m.dictionary_chosen) {
        if (!m.choose_dictionary(in))
            return false;
        if (m.withheld > 0)
            m.release_withheld(out);
    }
    const std::size_t in_start = in.pos;

    // With a limit, never let libzstd write more than one byte past it.
    std::size_t room = out.size - out.pos;
    const std::uint64_t limit = m.output_limit;
    if (limit != 0 && room > limit - m.produced + 1)
        room = static_cast<std::size_t>(limit - m.produced + 1);

    ZSTD_inBuffer zin{in.data, in.size, in.pos};
    ZSTD_outBuffer zout{out.data + out.pos, room, 0};
    const std::size_t r = ZSTD_decompressStream(m.dctx.get(), &zout, &zin);
    in.pos = zin.pos;
    out.pos += zout.pos;
    m.produced += zout.pos;
    m.frame_consumed += in.pos - in_start;
    if (ZSTD_isError(r)) {
        m.dctx.discard();
        m.throw_decode_error(r);
    }
    if (limit != 0 && m.produced > limit)
        m.throw_limit();
    if (r == 0 && m.in_frame) {
        m.check_content_size();
        m.in_frame = false;
        ++m.frames;
        if (!m.skippable_header())
            ++m.data_frames;
        return true;
    }
    return false;
}

bool decompression_context::drive(input_window& in, output_window& out, bool stop_after_frame,
                                  const output_callback* emit)
{
    for (;;) {
        const std::uint64_t data_frames_before = impl_->data_frames;
        const bool frame_ended = decompress(in, out);
        const bool full = out.full();
        if (emit) {
            (*emit)(out.data, out.pos);
            out.pos = 0;
        }
        if (stop_after_frame && frame_ended && impl_->data_frames > data_frames_before)
            return true;
        // libzstd may hold more output only when it filled the buffer.
        if (full) {
            if (!emit)
                return false;
        } else if (in.empty()) {
            return false;
        }
    }
}

std::optional<frame_parameters> decompression_context::frame_header() const noexcept
{
    return peek_header({impl_->header.data(), impl_->header_len}, impl_->params.format);
}

bool decompression_context::in_frame() const noexcept { return impl_->in_frame; }
std::uint64_t decompression_context::frames() const noexcept { return impl_->frames; }
std::uint64_t decompression_context::data_frames() const noexcept { return impl_->data_frames; }
std::uint64_t decompression_context::produced() const noexcept { return impl_->produced; }

void decompression_context::set_max_output_size(std::uint64_t limit) noexcept { impl_->output_limit = limit; }

void decompression_context::finish() const
{
    if (impl_->in_frame)
        boost::throw_exception(zstd_error(errc::truncated_input,
                                          "decompressing: the input ends inside a zstd frame (truncated after " +
                                              std::to_string(impl_->produced) + " bytes of output)"));
    if (impl_->frames == 0)
        boost::throw_exception(zstd_error(errc::not_zstd_frame, "decompressing: empty input, no zstd frame"));
}

std::size_t decompression_context::decompress_once(const void* src, std::size_t size, void* dst,
                                                   std::size_t capacity)
{
    const frame_walk walk = walk_frames({static_cast<const char*>(src), size}, impl_->params);
    return decompress_walked(src, walk.size, dst, capacity);
}

std::size_t decompression_context::decompress_walked(const void* src, std::size_t size, void* dst,
                                                     std::size_t capacity)
{
    impl& m = *impl_;
    m.frames = 0;
    m.in_frame = false;
    if (m.output_limit != 0 && capacity > m.output_limit)
        capacity = static_cast<std::size_t>(m.output_limit);
    if (m.params.patch_from) {
        // Used for every frame of this call; it can be referenced only
        // between frames.
        ZSTD_DCtx_reset(m.dctx.get(), ZSTD_reset_session_only);
        reference_patch(m.dctx.get(), m.params);
    }
    const char* const bytes = static_cast<const char*>(src);
    char* const out = static_cast<char*>(dst);
    if (!m.choose_per_frame) {
        m.produced = m.decode_once(bytes, size, out, capacity, capacity);
        return m.produced;
    }
    // libzstd decodes all the frames of one call with one dictionary: with
    // dictionaries by id, one call per frame, each with its own.
    std::size_t done = 0;
    frame_walker frames({bytes, size}, m.params.format);
    while (!frames.done()) {
        const std::size_t start = frames.offset();
        const frame_extent f = frames.next();
        if (f.parameters.is_skippable)
            continue;
        m.reference_dictionary_for(f.parameters.dict_id);
        done += m.decode_once(bytes + start, f.size, out + done, capacity - done, capacity);
    }
    m.produced = done;
    return done;
}

std::size_t decompression_context::memory_size() const noexcept { return ZSTD_sizeof_DCtx(impl_->dctx.get()); }

void decompression_context::reference_prefix(const void* data, std::size_t size)
{
    // The stable ZSTD_DCtx_refPrefix reads the prefix as raw content
    // (ZSTD_dct_rawContent), whatever its first bytes: no experimental call.
    check(ZSTD_DCtx_refPrefix(impl_->dctx.get(), data, size), "referencing the dictionary content of the next frame");
    impl_->choose_per_frame = false;
    impl_->referenced = nullptr;
    impl_->params.patch_from.reset(); // replaced, as the dictionary is
}

int decompression_context::parameter(int libzstd_parameter) const
{
    return experimental::parameter(impl_->dctx.get(), static_cast<ZSTD_dParameter>(libzstd_parameter));
}

} // namespace detail
} // namespace zstdio
