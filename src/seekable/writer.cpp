// zstdio — seekable zstd's writing: detail::seekable_writer, the compiled
// half of seekable_compressor (include/zstdio/detail/seekable_writer.hpp).
//
// Input is copied into frame slots; a full slot is a frame to compress.  With
// one thread there is one slot, compressed as soon as it is full.  With N
// worker threads there is a ring of 4N slots (an ordered_pipeline,
// src/parallel/): the writing thread fills slots in order and hands each full
// one over; N workers take frames in order as they come; the writing thread
// writes finished frames in order, and waits only when every slot holds a
// frame not yet written.  Either way every frame is
// compress_frame(): one ZSTD_compress2 by a single-threaded context into a
// buffer of the compress bound, so the bytes do not depend on the number of
// threads.
#include <zstdio/detail/seekable_writer.hpp>
#include <zstdio/error.hpp>
#include <zstdio/executor.hpp>
#include <zstdio/seek_table.hpp>

#include "frame/little_endian.hpp"
#include "libzstd/zstd.hpp"
#include "parallel/byte_buffer.hpp"
#include "parallel/ordered_pipeline.hpp"
#include "parameters/threads.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace zstdio {
namespace detail {

namespace {

using knob = compression_parameters::knob;

// The parameters of every frame: the user's, single-threaded (the writer's
// own workers give the parallelism, and libzstd's would change the bytes),
// with the content size in the header (seekable_source checks the table
// against it) and no pledged size (each frame has its own, known size).
zstd_params frame_params(zstd_params p)
{
    p.threads = 0;
    p.source_size.reset();
    p.content_size = true;
    if (p.advanced) {
        p.advanced->unset(knob::threads);
        p.advanced->unset(knob::job_size);
        p.advanced->unset(knob::overlap_log);
        p.advanced->unset(knob::content_size);
    }
    return p;
}

// Whether frames end with a checksum: zstd_params::checksum, unless the
// advanced parameters set it.
bool writes_checksum(const zstd_params& p) noexcept
{
    if (p.advanced)
        if (const std::optional<int> v = p.advanced->get(knob::checksum))
            return *v != 0;
    return p.checksum;
}

bool writes_magicless(const zstd_params& p) noexcept
{
    if (p.advanced)
        if (const std::optional<int> v = p.advanced->get(knob::format))
            return *v == static_cast<int>(frame_format::magicless);
    return p.format == frame_format::magicless;
}

// One frame: its content, then its compressed bytes.
struct frame_slot {
    byte_buffer input;
    std::size_t input_size = 0;
    byte_buffer output;
    std::size_t output_size = 0;
};

} // namespace

struct seekable_writer::impl {
    impl(const zstd_params& p, std::size_t size)
        : params(frame_params(p)), frame_size(size), checksum(writes_checksum(p)), pledged(p.source_size),
          workers(worker_count(p.threads)), slots(workers > 1 ? 4 * workers : 1), contexts(workers),
          pipeline(
              workers, slots.size(),
              [this](std::size_t slot, std::size_t worker) { compress_frame(context(worker), slots[slot]); }, p.pool)
    {
        contexts[0].emplace(params); // settings are checked here, at construction
    }

    static std::size_t worker_count(int threads) noexcept
    {
        const int n = resolve_threads(threads);
        return n > 1 ? static_cast<std::size_t>(n) : 1;
    }

    zstd_params params;
    std::size_t frame_size;
    bool checksum;
    std::optional<std::uint64_t> pledged; // the user's source_size: the whole file

    std::size_t workers;                  // threads compressing frames (1 = the writer's own)
    std::vector<frame_slot> slots;        // frames_in_flight() of them: the pipeline's slots
    std::vector<std::optional<compression_context>> contexts; // one per worker, made on first use

    seek_table table;
    std::uint64_t written = 0;            // content bytes taken in the current file
    std::exception_ptr error;             // a failure ends the file: thrown again until close()

    // With workers: frames handed in order, compressed by the workers,
    // written in order.  Declared last: stopped first.
    ordered_pipeline pipeline;

    frame_slot& filling() noexcept { return slots[workers == 1 ? 0 : pipeline.next_slot()]; }

    compression_context& context(std::size_t worker)
    {
        std::optional<compression_context>& c = contexts[worker];
        if (!c)
            c.emplace(params);
        return *c;
    }

    // The one way a frame is compressed.
    void compress_frame(compression_context& ctx, frame_slot& slot)
    {
        const std::size_t bound = ZSTD_compressBound(slot.input_size);
        slot.output.reserve(bound, 0);
        slot.output_size = ctx.compress_once(slot.input.data(), slot.input_size, slot.output.data(), bound);
    }

    // Writes a compressed frame and records it in the table.
    void emit_frame(frame_slot& f, const output_callback& emit)
    {
        std::optional<std::uint32_t> sum;
        if (checksum) // a frame's checksum is its last 4 bytes: what the table records
            sum = read_le32(f.output.data() + f.output_size - 4);
        table.add_frame(f.output_size, f.input_size, sum);
        f.input_size = 0;
        emit(f.output.data(), f.output_size);
    }

    // Waits for the oldest frame with the workers and writes it; its
    // failure is thrown.
    void emit_next(const output_callback& emit)
    {
        frame_slot& f = slots[pipeline.wait_head()];
        pipeline.pop();
        emit_frame(f, emit);
    }

    // The filling frame is complete: compressed now (one thread), or handed
    // to the workers, writing finished frames and waiting while all slots
    // are taken.
    void frame_full(const output_callback& emit)
    {
        if (workers == 1) {
            compress_frame(context(0), slots[0]);
            emit_frame(slots[0], emit);
            return;
        }
        pipeline.hand();
        while (pipeline.full() || pipeline.head_done())
            emit_next(emit);
    }

    // Everything taken so far, compressed and written in order.
    void write_pending(const output_callback& emit)
    {
        if (filling().input_size > 0)
            frame_full(emit);
        while (!pipeline.empty())
            emit_next(emit);
    }

    // Runs `step`; a failure is kept, so that the rest of the file is not
    // written as if nothing happened.
    template <class Step>
    void guarded(Step step)
    {
        if (error)
            std::rethrow_exception(error);
        try {
            step();
        } catch (...) {
            error = std::current_exception();
            throw;
        }
    }

    void reset() noexcept
    {
        pipeline.stop(); // frames still with the workers belong to the file being dropped
        for (frame_slot& s : slots)
            s.input_size = 0;
        table = seek_table();
        written = 0;
        error = nullptr;
    }
};

seekable_writer::seekable_writer(const zstd_params& p, std::size_t frame_size)
{
    if (frame_size < 1 || frame_size > max_frame_size)
        boost::throw_exception(std::invalid_argument(
            out_of_range_message("seekable_compressor frame_size", static_cast<long long>(frame_size), 1,
                                 static_cast<long long>(max_frame_size)) +
            " (a frame of at most 1 GiB of content, as zstd's contrib seekable writer)"));
    if (writes_magicless(p))
        boost::throw_exception(std::invalid_argument(
            "zstdio: seekable zstd needs frames with magic numbers: format = magicless is not supported"));
    impl_ = std::make_unique<impl>(p, frame_size);
}

seekable_writer::~seekable_writer() = default;

void seekable_writer::write(const char* s, std::size_t n, const output_callback& emit)
{
    impl& m = *impl_;
    m.guarded([&] {
        if (m.pledged && n > *m.pledged - m.written)
            boost::throw_exception(zstd_error(errc::src_size_wrong,
                                              "seekable_compressor: more data than the pledged source size of " +
                                                  std::to_string(*m.pledged) + " bytes"));
        m.written += n;
        while (n > 0) {
            frame_slot& slot = m.filling();
            const std::size_t take = std::min(n, m.frame_size - slot.input_size);
            const std::size_t needed = slot.input_size + take;
            if (needed > slot.input.capacity()) // grow geometrically, never past a frame
                slot.input.reserve(std::min(m.frame_size, std::max(needed, 2 * slot.input.capacity())),
                                   slot.input_size);
            std::memcpy(slot.input.data() + slot.input_size, s, take);
            slot.input_size = needed;
            s += take;
            n -= take;
            if (slot.input_size == m.frame_size)
                m.frame_full(emit);
        }
    });
}

void seekable_writer::flush(const output_callback& emit)
{
    impl& m = *impl_;
    m.guarded([&] {
        m.write_pending(emit);
    });
}

void seekable_writer::close(const output_callback& emit)
{
    impl& m = *impl_;
    struct reset_at_exit {
        impl& m;
        ~reset_at_exit() { m.reset(); }
    } guard{m};
    m.guarded([&] {
        m.write_pending(emit);
        // An empty file is one empty frame and its table, as zstd's contrib
        // writer makes it: every zstd decoder reads it as empty content.
        if (m.table.frame_count() == 0) {
            m.frame_full(emit);
            m.write_pending(emit);
        }
        if (m.pledged && m.written != *m.pledged)
            boost::throw_exception(zstd_error(errc::src_size_wrong,
                                              "seekable_compressor: " + std::to_string(m.written) +
                                                  " bytes written, not the pledged source size of " +
                                                  std::to_string(*m.pledged)));
        const std::string table = m.table.serialize();
        emit(table.data(), table.size());
    });
}

std::size_t seekable_writer::frame_size() const noexcept { return impl_->frame_size; }
std::size_t seekable_writer::frames_in_flight() const noexcept { return impl_->slots.size(); }
std::size_t seekable_writer::frames_written() const noexcept { return impl_->table.frame_count(); }

std::size_t seekable_writer::memory_size() const noexcept
{
    // Workers may be growing output buffers: with workers, each slot's output
    // is counted at its bound (the most it will hold), read from the input's
    // capacity, which only the writing thread changes.
    const impl& m = *impl_;
    std::size_t n = 0;
    for (const frame_slot& s : m.slots)
        n += s.input.capacity() +
             (m.workers == 1 ? s.output.capacity() : (s.input.capacity() ? ZSTD_compressBound(s.input.capacity()) : 0));
    if (!m.pipeline.running()) // else the workers' contexts are in use on their threads
        for (const auto& c : m.contexts)
            if (c)
                n += c->memory_size();
    return n;
}

} // namespace detail
} // namespace zstdio
