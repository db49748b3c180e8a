// zstdio — parallel decoding of a stream of frames (see parallel_decoder.hpp).
//
// States, in the calling thread:
// - parallel: input is appended to `pending` and cut into whole frames,
//   each handed to the pipeline as a job; jobs are delivered in order.
// - serial: `serial` decodes one frame in this thread, from `pending` and
//   then the caller's input (serial_source::input), or from a job's input
//   (serial_source::job: a frame a worker could not decode, or whose
//   output would pass max_output_size).  When the frame ends, back to
//   parallel.
// A frame goes serial only once every job before it is delivered, and
// `serial` is resumed with the stream's counts, so its output and errors
// are those of one context decoding the whole stream.
#include "parallel/parallel_decoder.hpp"

#include <zstdio/error.hpp>

#include "frame/header.hpp"
#include "frame/little_endian.hpp"
#include "frame/walker.hpp"
#include "parallel/byte_buffer.hpp"
#include "parallel/ordered_pipeline.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

namespace zstdio {
namespace detail {

namespace {

// Input kept before it is cut into frames: a whole job and a little more,
// so that a frame of job_limit bytes can be seen whole.
constexpr std::size_t pending_limit = parallel_decoder::job_limit + (std::size_t{1} << 20);

// One frame: its compressed bytes, then its content.
struct job {
    byte_buffer input;
    std::size_t input_size = 0;
    byte_buffer output;
    std::size_t output_size = 0;
    bool skippable = false;
    std::uint64_t declared = unknown_size; // content size in the header
    bool ok = false;                        // decoded whole, ending exactly at input_size
};

zstd_params unlimited(zstd_params p)
{
    p.max_output_size = 0; // the decoder counts the stream's output itself
    return p;
}

enum class serial_source { none, pending, input, job };

} // namespace

struct parallel_decoder::impl {
    // `threads` decode: threads - 1 workers and this thread, which decodes
    // frames queued behind the one it waits for (owner_works); one thread
    // is one worker.
    impl(decompression_context& s, std::size_t threads)
        : serial_context(&s), worker_params(unlimited(s.params())), jobs(frames_per_worker * threads),
          contexts(threads), pipeline(
                                 threads > 1 ? threads - 1 : 1, frames_per_worker * threads,
                                 [this](std::size_t slot, std::size_t worker) { decode_job(slot, worker); },
                                 s.params().pool, threads > 1)
    {
    }

    decompression_context* serial_context; // the caller's
    zstd_params worker_params;
    std::vector<job> jobs; // job k of the pipeline is jobs[k % size]
    std::vector<std::optional<decompression_context>> contexts; // one per decoding thread, made on first use
    ordered_pipeline pipeline;

    std::vector<char> pending; // input not cut into frames: pending[pending_pos, size)
    std::size_t pending_pos = 0;
    bool input_ended = false;
    bool serial_next = false; // the frame at the start of pending is decoded by `serial`
    bool stop_at_other = false; // stop_at_other_data()
    bool other_data = false;    // pending starts with bytes that are no frame: stopped

    serial_source source = serial_source::none;
    input_window job_input{nullptr, 0, 0}; // serial_source::job: the head job's frame
    bool serial_may_hold = false;          // `serial` filled its output last time

    // Whole frames delivered, and bytes of the head job delivered.
    std::uint64_t frames = 0;
    std::uint64_t data_frames = 0;
    std::uint64_t produced = 0;
    std::size_t delivered = 0;

    decompression_context& serial() const noexcept { return *serial_context; }

    std::string_view pending_bytes() const noexcept
    {
        return {pending.data() + pending_pos, pending.size() - pending_pos};
    }

    // ---- workers

    decompression_context& context(std::size_t worker)
    {
        std::optional<decompression_context>& c = contexts[worker];
        if (!c)
            c.emplace(worker_params);
        return *c;
    }

    // Decodes a job's frame into its output; any failure leaves ok false
    // (the frame is then decoded again by `serial`, which reports it).
    void decode_job(std::size_t slot, std::size_t worker)
    {
        job& j = jobs[slot];
        j.ok = false;
        j.output_size = 0;
        if (j.skippable) {
            j.ok = true;
            return;
        }
        try {
            decompression_context& ctx = context(worker);
            ctx.reset();
            const bool known = j.declared != unknown_size;
            std::size_t room = known ? static_cast<std::size_t>(j.declared)
                                     : std::min(job_limit, std::max<std::size_t>(64 * 1024, 4 * j.input_size));
            j.output.reserve(room, 0);
            input_window in{j.input.data(), j.input_size, 0};
            for (;;) {
                output_window out{j.output.data(), room, j.output_size};
                const std::size_t in_before = in.pos;
                const bool ended = ctx.decompress(in, out);
                const bool progress = in.pos != in_before || out.pos != j.output_size;
                j.output_size = out.pos;
                if (ended) {
                    j.ok = in.empty();
                    return;
                }
                if (progress)
                    continue;
                if (!out.full() || known || room == job_limit)
                    return; // the frame does not end in its bytes, or is too large for a job
                room = std::min(job_limit, 2 * room);
                j.output.reserve(room, j.output_size);
            }
        } catch (...) {
            // `serial` decodes the frame again and throws its error.
            contexts[worker].reset(); // a context that failed is not reused
        }
    }

    // ---- cutting input into jobs

    // True when the incomplete frame at the start of `bytes` will not fit
    // a job: no use waiting for the rest of it.
    static bool too_large_for_a_job(std::string_view bytes) noexcept
    {
        if (bytes.size() >= job_limit)
            return true;
        const std::optional<frame_parameters> h = peek_header(bytes, frame_format::zstd1);
        if (!h)
            return false;
        if (h->is_skippable)
            return std::uint64_t{h->skippable_size} + 8 > job_limit;
        return h->content_size && *h->content_size > job_limit;
    }

    static bool starts_a_frame(std::string_view bytes) noexcept
    {
        return bytes.size() >= 4 && (read_le32(bytes.data()) == magic_number ||
                                     is_skippable_magic(bytes, frame_format::zstd1));
    }

    // Hands the whole frames at the start of `bytes` to the workers while
    // slots are free; returns how many bytes they took.  Stops at a frame
    // that is incomplete (waiting for more), or for `serial` (serial_next),
    // or at other data: those flags then mean the frame at bytes + result.
    std::size_t cut(std::string_view bytes)
    {
        std::size_t taken = 0;
        while (!serial_next && !other_data && !pipeline.full()) {
            const std::string_view rest = bytes.substr(taken);
            if (rest.empty())
                break;
            if (stop_at_other && (rest.size() >= 4 || input_ended) && !starts_a_frame(rest)) {
                other_data = true;
                break;
            }
            if (stop_at_other && rest.size() < 4)
                break; // too few bytes to tell a frame from other data: wait for more, or the end

            frame_extent e;
            try {
                e = measure_frame(rest, frame_format::zstd1);
            } catch (const zstd_error& x) {
                if (x.condition() == errc::truncated_input && !input_ended && !too_large_for_a_job(rest))
                    break; // wait for the rest of the frame
                serial_next = true; // `serial` decodes it, or says what is wrong
                break;
            }
            // A lone frame is decoded here: workers start only for a
            // stream with a frame after it (or frames in flight already).
            if (pipeline.empty() && e.size == rest.size()) {
                if (input_ended)
                    serial_next = true;
                break;
            }
            const frame_parameters& fp = e.parameters;
            if (e.size > job_limit || (!fp.is_skippable && fp.content_size && *fp.content_size > job_limit)) {
                serial_next = true;
                break;
            }
            job& j = jobs[pipeline.next_slot()];
            j.input.reserve(e.size, 0);
            std::memcpy(j.input.data(), rest.data(), e.size);
            j.input_size = e.size;
            j.skippable = fp.is_skippable;
            j.declared = fp.is_skippable ? 0 : fp.content_size.value_or(unknown_size);
            pipeline.hand();
            taken += e.size;
        }
        return taken;
    }

    void cut_pending()
    {
        pending_pos += cut(pending_bytes());
        if (pending_pos == pending.size()) {
            pending.clear();
            pending_pos = 0;
        }
    }

    // Takes what input `pending` has room for, and cuts it into jobs.
    void take(input_window& in)
    {
        if (pending_pos == pending.size() && !serial_next && !other_data) {
            // Whole frames in the caller's input go to the workers from
            // there, without a copy into `pending` first.
            in.pos += cut({in.data + in.pos, in.size - in.pos});
        }
        // While every slot is busy, input waits in the caller's window
        // (whole frames are cut from there when a slot frees): `pending`
        // then holds little more than a frame not yet whole, so it stays
        // small and warm in cache.
        if (pipeline.full() && !serial_next && !other_data)
            return;
        const std::size_t have = pending.size() - pending_pos;
        const std::size_t k = std::min(in.size - in.pos, pending_limit > have ? pending_limit - have : 0);
        if (k > 0) {
            // Bytes already cut are dropped once they are half the buffer:
            // moving the rest costs no more than copying them in did.
            if (pending_pos > 0 && pending_pos >= pending.size() / 2) {
                pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(pending_pos));
                pending_pos = 0;
            }
            pending.insert(pending.end(), in.data + in.pos, in.data + in.pos + k);
            in.pos += k;
        }
        cut_pending();
    }

    // ---- delivering

    static void hand_out(const char* data, std::size_t n, output_window& out, const output_callback* emit,
                         std::size_t& taken)
    {
        if (emit) {
            if (n > 0)
                (*emit)(data, n);
            taken = n;
            return;
        }
        taken = std::min(n, out.size - out.pos);
        if (taken > 0)
            std::memcpy(out.data + out.pos, data, taken);
        out.pos += taken;
    }

    // Delivers the head job (waiting for it), or starts decoding it again
    // with `serial`.
    void deliver_head(output_window& out, const output_callback* emit)
    {
        job& j = jobs[pipeline.wait_head()];
        const std::uint64_t limit = serial().params().max_output_size;
        if (delivered == 0 && (!j.ok || (limit != 0 && j.output_size > limit - std::min(limit, produced)))) {
            serial().resume(frames, data_frames, produced);
            job_input = {j.input.data(), j.input_size, 0};
            source = serial_source::job;
            return;
        }
        std::size_t taken = 0;
        hand_out(j.output.data() + delivered, j.output_size - delivered, out, emit, taken);
        delivered += taken;
        if (delivered < j.output_size)
            return;
        ++frames;
        if (!j.skippable)
            ++data_frames;
        produced += j.output_size;
        delivered = 0;
        pipeline.pop();
        cut_pending(); // a slot is free
    }

    // One step of `serial`; false when it needs input it does not have.
    bool serial_step(input_window& in, output_window& out, const output_callback* emit)
    {
        if (source == serial_source::pending && pending_pos == pending.size())
            source = serial_source::input; // then straight from the caller's input
        input_window pending_window{pending.data(), pending.size(), pending_pos};
        input_window& src = source == serial_source::job       ? job_input
                            : source == serial_source::pending ? pending_window
                                                                : in;
        if (src.empty() && source != serial_source::job && !serial_may_hold) {
            if (input_ended)
                serial().finish(); // the input ends inside this frame: serial's error
            return false;
        }
        const std::size_t out_before = out.pos;
        const bool ended = serial().decompress(src, out);
        // libzstd may hold decoded output only when it filled `out`.
        serial_may_hold = out.full();
        if (source == serial_source::pending)
            pending_pos = pending_window.pos;
        if (emit) {
            (*emit)(out.data + out_before, out.pos - out_before);
            out.pos = out_before;
        }
        if (ended) {
            if (source == serial_source::job) {
                if (!job_input.empty())
                    boost::throw_exception(zstd_error(errc::generic, "decompressing: internal error: a frame "
                                                                     "ended before the bytes measured for it"));
                pipeline.pop();
            }
            frames = serial().frames();
            data_frames = serial().data_frames();
            produced = serial().produced();
            source = serial_source::none;
            serial_may_hold = false;
            serial_next = false;
            cut_pending();
        } else if (source == serial_source::job && job_input.empty() && out.pos == out_before && !out.full()) {
            boost::throw_exception(zstd_error(errc::generic, "decompressing: internal error: a frame "
                                                             "measured whole did not end"));
        }
        return true;
    }

    void start_serial()
    {
        serial().resume(frames, data_frames, produced);
        source = serial_source::pending;
    }

    // The one loop: `wait_for_all` when the input has ended.
    bool run(input_window& in, output_window& out, const output_callback* emit, bool wait_for_all)
    {
        const std::size_t out_start = out.pos;
        for (;;) {
            if (!emit && out.full())
                return false;
            // Pulling, output delivered by this call is handed back before a
            // serial step, which may throw: the error must not take it along.
            if (!emit && out.pos != out_start && (source != serial_source::none || serial_next))
                return false;
            if (source != serial_source::none) {
                if (!serial_step(in, out, emit))
                    return false;
                continue;
            }
            take(in);
            if (!pipeline.empty()) {
                if (in.empty() && !wait_for_all && !pipeline.head_done())
                    return false; // nothing ready: more input first
                deliver_head(out, emit);
                continue;
            }
            if (serial_next) {
                start_serial();
                continue;
            }
            if (other_data)
                return true;
            if (in.empty())
                return false; // everything taken is delivered (or waits in pending)
        }
    }
};

parallel_decoder::parallel_decoder(decompression_context& serial, std::size_t threads)
    : impl_(std::make_unique<impl>(serial, threads < 1 ? 1 : threads))
{
}

parallel_decoder::~parallel_decoder() = default;

bool parallel_decoder::drive(input_window& in, output_window& out, const output_callback* emit)
{
    return impl_->run(in, out, emit, false) && impl_->other_data;
}

void parallel_decoder::stop_at_other_data() noexcept { impl_->stop_at_other = true; }

std::string_view parallel_decoder::unused() const noexcept
{
    return impl_->other_data ? impl_->pending_bytes() : std::string_view();
}

bool parallel_decoder::finish(output_window& out, const output_callback* emit)
{
    impl& m = *impl_;
    m.input_ended = true;
    input_window none{nullptr, 0, 0};
    m.run(none, out, emit, true);
    if (!m.pipeline.empty() || m.source != serial_source::none || m.serial_next)
        return false; // `out` filled first, or holds output to hand back before a serial step
    if (m.other_data)
        return true;
    if (!m.pending_bytes().empty()) // cut() left a frame it could not measure
        boost::throw_exception(zstd_error(errc::generic, "decompressing: internal error: input left undecoded"));
    m.serial().resume(m.frames, m.data_frames, m.produced);
    m.serial().finish(); // no frame at all: serial's error
    return true;
}

void parallel_decoder::rebind(decompression_context& serial) noexcept { impl_->serial_context = &serial; }

void parallel_decoder::reset() noexcept
{
    impl& m = *impl_;
    m.pipeline.stop();
    m.pending.clear();
    m.pending_pos = 0;
    m.input_ended = false;
    m.serial_next = false;
    m.stop_at_other = false;
    m.other_data = false;
    m.source = serial_source::none;
    m.serial_may_hold = false;
    m.frames = m.data_frames = m.produced = 0;
    m.delivered = 0;
}

std::uint64_t parallel_decoder::data_frames() const noexcept { return impl_->data_frames; }

std::size_t parallel_decoder::memory_size() const noexcept
{
    const impl& m = *impl_;
    std::size_t n = m.pending.capacity();
    for (const job& j : m.jobs)
        n += j.input.capacity() + j.output.capacity();
    if (!m.pipeline.running())
        for (const auto& c : m.contexts)
            if (c)
                n += c->memory_size();
    return n;
}

} // namespace detail
} // namespace zstdio
