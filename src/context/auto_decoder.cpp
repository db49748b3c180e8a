// zstdio — the decoder of a stream of members of any format
// (include/zstdio/detail/auto_decoder.hpp).
//
// Between members, the first bytes (at most format_magic_size, kept in
// `held`) tell the next member's format.  A member is then decoded by its
// decoder, which stops just past the member's end, and the next one is
// told again: zstd frames by the stream_decoder's context one frame at a
// time, or, when it has workers, whole runs of zstd and skippable frames by
// its parallel decoder, which stops before other data; gzip, bzip2, xz and
// .lzma by src/formats/.
#include <zstdio/detail/auto_decoder.hpp>

#include <zstdio/detail/stream_decoder.hpp>
#include <zstdio/error.hpp>

#include "formats/member_decoder.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace zstdio {
namespace detail {
namespace {

/// The zstd frames of the stream, one at a time, by the stream's context.
class zstd_frame_decoder final : public member_decoder {
public:
    explicit zstd_frame_decoder(decompression_context& c) noexcept : member_decoder(data_format::zstd), context_(c) {}
    void restart() override {} // the auto decoder resumes the context with the stream's counts
    bool decode(input_window& in, output_window& out) override { return context_.decompress(in, out); }
    [[noreturn]] void truncated(std::uint64_t produced) const override
    {
        context_.finish(); // throws its own words for a frame cut short
        member_decoder::truncated(produced);
    }
    std::size_t memory_size() const noexcept override { return 0; } // counted with the stream_decoder

private:
    decompression_context& context_;
};

std::string hex(std::string_view bytes)
{
    std::string s;
    for (const char c : bytes) {
        char b[4];
        std::snprintf(b, sizeof b, "%s%02x", s.empty() ? "" : " ", static_cast<unsigned char>(c));
        s += b;
    }
    return s;
}

constexpr std::size_t format_count = static_cast<std::size_t>(data_format::lzma) + 1;

} // namespace

struct auto_decoder::impl {
    enum class state {
        between,       // the next bytes start a member
        member,        // `current` decodes a member
        zstd_parallel, // the stream_decoder's workers decode zstd frames
        passing,       // pass-through: the rest is copied
        done,          // multi_frame = false and a member with content ended
    };

    impl(const zstd_params& p, bool pass) : zstd(p), zstd_member(zstd.context()), pass_through(pass)
    {
        if (p.format != frame_format::zstd1)
            boost::throw_exception(std::invalid_argument(
                "zstdio: auto_decompressor tells formats by their magic numbers: params.format must be zstd1"));
    }

    void reset() noexcept
    {
        zstd.reset();
        st = state::between;
        current = nullptr;
        held.clear();
        produced = consumed = frames = data_frames = 0;
    }

    std::uint64_t limit() const noexcept { return zstd.params().max_output_size; }

    // ---- between members

    // Moves bytes from `in` to `held` until they tell a format (or, at the
    // end of input, whatever they are), and starts that member.  Returns
    // false when more input is needed or the stream is over.
    bool detect(input_window& in, bool at_end)
    {
        auto undecided = [&] { return detect_format(held) == data_format::unknown && (held.empty() || magic_prefix(held)); };
        while (undecided() && !in.empty())
            held.push_back(in.data[in.pos++]);
        if (held.empty() || (undecided() && !at_end))
            return false;
        const data_format f = detect_format(held);
        if (f == data_format::unknown) {
            if (!pass_through) {
                // Named by its first format_magic_size bytes (fewer at the
                // end), whatever the read sizes.
                while (held.size() < format_magic_size && !in.empty())
                    held.push_back(in.data[in.pos++]);
                if (held.size() < format_magic_size && !at_end)
                    return false;
                boost::throw_exception(zstd_error(
                    errc::not_zstd_frame, "decompressing: unknown format at input offset " + std::to_string(consumed) +
                                              ": the bytes " + hex(held) +
                                              " do not start a zstd, gzip, bzip2, xz or lzma member"));
            }
            st = state::passing;
        } else {
            start(f);
        }
        return true;
    }

    void start(data_format f)
    {
        if (f == data_format::zstd && zstd.has_workers() && (limit() == 0 || produced == 0)) {
            // The workers count the output from 0: with a limit, only at the
            // start of the stream.
            zstd.reset();
            zstd.stop_at_other_data();
            st = state::zstd_parallel;
            return;
        }
        if (f == data_format::zstd) {
            zstd.context().resume(frames, data_frames, produced); // the limit counts the whole stream
            current = &zstd_member;
        } else {
            std::unique_ptr<member_decoder>& d = decoders[static_cast<std::size_t>(f)];
            if (!d)
                d = make(f);
            else
                d->restart();
            current = d.get();
        }
        st = state::member;
    }

    std::unique_ptr<member_decoder> make(data_format f) const
    {
        switch (f) {
        case data_format::gzip: return make_gzip_decoder();
        case data_format::bzip2: return make_bzip2_decoder();
        default: {
            // liblzma's memory use is about the dictionary size: the same
            // bound as a zstd window.
            const std::uint64_t window = std::uint64_t{1} << zstd.params().window_log_max;
            return make_lzma_decoder(f, window + (std::uint64_t{1} << 20));
        }
        }
    }

    void end_member(bool with_content)
    {
        st = !zstd.params().multi_frame && with_content ? state::done : state::between;
        current = nullptr;
    }

    // ---- one member

    // Runs `current` over `src`: returns true when the member ended, false
    // when `src` is used up with all output delivered, or (pull) `out` is
    // full.
    bool step_member(input_window& src, output_window& out, const output_callback* emit)
    {
        for (;;) {
            const std::size_t in_before = src.pos, out_before = out.pos;
            // With a limit, never let the decoder write more than one byte
            // past it (as decompression_context does).
            std::size_t room = out.size - out.pos;
            if (limit() != 0 && room > limit() - produced + 1)
                room = static_cast<std::size_t>(limit() - produced + 1);
            output_window view{out.data, out.pos + room, out.pos};
            const bool ended = current->decode(src, view);
            out.pos = view.pos;
            consumed += src.pos - in_before;
            produced += out.pos - out_before;
            if (limit() != 0 && produced > limit())
                boost::throw_exception(zstd_error(errc::output_limit_exceeded,
                                                  "decompressing: output exceeds max_output_size = " +
                                                      std::to_string(limit()) + " bytes"));
            const bool full = out.full();
            if (emit) {
                (*emit)(out.data, out.pos);
                out.pos = 0;
            }
            if (ended) {
                if (current == &zstd_member) {
                    const bool with_content = zstd.context().data_frames() > data_frames;
                    frames = zstd.context().frames();
                    data_frames = zstd.context().data_frames();
                    end_member(with_content);
                } else {
                    end_member(true);
                }
                return true;
            }
            if (full && !emit)
                return false;
            if (src.pos == in_before && view.pos == out_before) {
                // No progress: the decoder needs more input.
                if (!src.empty())
                    boost::throw_exception(zstd_error(errc::generic, std::string("decompressing ") +
                                                                         format_name(current->format()) +
                                                                         ": the decoder made no progress"));
                return false;
            }
        }
    }

    // ---- zstd frames on workers

    // Returns true when the workers stopped before other data: `held` then
    // holds what they took and did not decode.
    bool step_parallel(input_window& src, output_window& out, const output_callback* emit, bool at_end)
    {
        std::uint64_t emitted = 0;
        auto counting = [&](const char* p, std::size_t n) {
            emitted += n;
            (*emit)(p, n);
        };
        const output_callback counted(counting);
        const std::size_t in_before = src.pos, out_before = out.pos;
        const bool stopped = at_end ? zstd.finish(out, emit ? &counted : nullptr)
                                    : zstd.drive(src, out, false, emit ? &counted : nullptr);
        consumed += src.pos - in_before;
        produced += emit ? emitted : out.pos - out_before;
        if (!stopped)
            return false;
        consumed -= zstd.unused().size();
        frames = data_frames = zstd.data_frames();
        st = state::between;
        return true;
    }

    // ---- pass-through

    void deliver(const char* p, std::size_t n, output_window& out, const output_callback* emit)
    {
        if (limit() != 0 && n > limit() - produced)
            boost::throw_exception(zstd_error(errc::output_limit_exceeded,
                                              "decompressing: output exceeds max_output_size = " +
                                                  std::to_string(limit()) + " bytes"));
        produced += n;
        consumed += n;
        if (emit) {
            (*emit)(p, n);
            return;
        }
        std::copy(p, p + n, out.data + out.pos);
        out.pos += n;
    }

    // Copies `src` (all of it when pushing, what fits when pulling).
    void pass(input_window& src, output_window& out, const output_callback* emit)
    {
        const std::size_t n = emit ? src.size - src.pos : std::min(src.size - src.pos, out.size - out.pos);
        deliver(src.data + src.pos, n, out, emit);
        src.pos += n;
    }

    // ---- the loop

    // Runs the state machine over `held`, then `in`.  at_end: `in` is empty
    // and no more input comes.  Returns as drive() and finish() do.
    bool run(input_window& in, output_window& out, const output_callback* emit, bool at_end)
    {
        for (;;) {
            if (st == state::done) {
                in.pos = in.size; // the rest is ignored
                held.clear();
                return true;
            }
            if (st == state::between) {
                if (detect(in, at_end))
                    continue;
                return at_end; // more input needed, or the stream is over
            }
            if (!emit && out.full())
                return false;
            if (!held.empty()) {
                input_window h{held.data(), held.size(), 0};
                if (st == state::zstd_parallel && step_parallel(h, out, emit, false)) {
                    held = std::string(zstd.unused()) + held.substr(h.pos);
                    continue;
                }
                if (st == state::member)
                    step_member(h, out, emit);
                else if (st == state::passing)
                    pass(h, out, emit);
                held.erase(0, h.pos);
                continue;
            }
            if (in.empty() && !at_end)
                return false;
            switch (st) {
            case state::passing:
                pass(in, out, emit);
                if (at_end)
                    return true;
                break;
            case state::zstd_parallel:
                if (step_parallel(in, out, emit, at_end))
                    held = zstd.unused();
                break;
            default:
                // Ends the member, or uses up `in` (and, at the end, flushes
                // what the decoder held back).
                if (!step_member(in, out, emit) && at_end && (emit || !out.full()))
                    current->truncated(produced);
                break;
            }
        }
    }

    stream_decoder zstd;
    zstd_frame_decoder zstd_member;
    std::array<std::unique_ptr<member_decoder>, format_count> decoders; // by data_format, made on first use
    bool pass_through;
    state st = state::between;
    member_decoder* current = nullptr;
    std::string held;            // bytes taken from the input and not yet decoded
    std::uint64_t produced = 0;  // output of the stream
    std::uint64_t consumed = 0;  // input decoded (or passed through): where `held` starts
    std::uint64_t frames = 0;    // zstd frames ended, for the context's messages
    std::uint64_t data_frames = 0;
};

auto_decoder::auto_decoder(const zstd_params& p, bool pass_through) : impl_(std::make_unique<impl>(p, pass_through)) {}
auto_decoder::auto_decoder(auto_decoder&&) noexcept = default;
auto_decoder& auto_decoder::operator=(auto_decoder&&) noexcept = default;
auto_decoder::~auto_decoder() = default;

const zstd_params& auto_decoder::params() const noexcept { return impl_->zstd.params(); }
void auto_decoder::reset() noexcept { impl_->reset(); }

bool auto_decoder::drive(input_window& in, output_window& out, const output_callback* emit)
{
    return impl_->run(in, out, emit, false);
}

bool auto_decoder::finish(output_window& out, const output_callback* emit)
{
    input_window none{nullptr, 0, 0};
    return impl_->run(none, out, emit, true);
}

data_format auto_decoder::format() const noexcept
{
    switch (impl_->st) {
    case impl::state::member: return impl_->current->format();
    case impl::state::zstd_parallel: return data_format::zstd;
    default: return data_format::unknown;
    }
}

bool auto_decoder::passing_through() const noexcept { return impl_->st == impl::state::passing; }
std::string_view auto_decoder::pending() const noexcept { return impl_->held; }
const decompression_context& auto_decoder::zstd_context() const noexcept { return impl_->zstd.context(); }

std::size_t auto_decoder::memory_size() const noexcept
{
    std::size_t n = impl_->zstd.memory_size();
    for (const auto& d : impl_->decoders)
        if (d)
            n += d->memory_size();
    return n;
}

} // namespace detail
} // namespace zstdio
