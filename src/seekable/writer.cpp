// zstdio — seekable zstd's writing: detail::seekable_writer, the compiled
// half of seekable_compressor (include/zstdio/detail/seekable_writer.hpp).
//
// Input is copied into frame slots; a full slot is a frame to compress.  With
// one thread there is one slot, compressed as soon as it is full.  With N
// worker threads there are two batches of 2N slots: while the writer's
// executor compresses one batch (on a thread of its own plus the pool's, each
// frame by the context of the thread that takes it), the writing thread fills
// the other; when that one is full, the writer waits for the first, writes
// its frames in order and hands over the second.  Either way every frame is
// compress_frame(): one ZSTD_compress2 by a single-threaded context into a
// buffer of the compress bound, so the bytes do not depend on the number of
// threads.
#include <zstdio/detail/seekable_writer.hpp>
#include <zstdio/error.hpp>
#include <zstdio/executor.hpp>
#include <zstdio/seek_table.hpp>

#include "frame/little_endian.hpp"
#include "libzstd/zstd.hpp"
#include "parameters/threads.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cstring>
#include <exception>
#include <future>
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

// A growable byte buffer that never holds more than it is asked for
// (a frame slot must not reserve 1 GiB for a 10-byte file).
class byte_buffer {
public:
    char* data() const noexcept { return data_.get(); }
    std::size_t capacity() const noexcept { return capacity_; }
    // Makes room for `size` bytes, keeping the first `keep`.
    void reserve(std::size_t size, std::size_t keep)
    {
        if (size <= capacity_)
            return;
        std::unique_ptr<char[]> bigger(new char[size]);
        if (keep > 0)
            std::memcpy(bigger.get(), data_.get(), keep);
        data_ = std::move(bigger);
        capacity_ = size;
    }

private:
    std::unique_ptr<char[]> data_;
    std::size_t capacity_ = 0;
};

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
        : params(frame_params(p)), frame_size(size), checksum(writes_checksum(p)), pledged(p.source_size)
    {
        const int threads = resolve_threads(p.threads);
        workers = threads > 1 ? static_cast<std::size_t>(threads) : 1;
        batch = workers > 1 ? 2 * workers : 1;
        slots.resize(workers > 1 ? 2 * batch : 1);
        contexts.resize(workers);
        contexts[0].emplace(params); // settings are checked here, at construction
    }

    zstd_params params;
    std::size_t frame_size;
    bool checksum;
    std::optional<std::uint64_t> pledged; // the user's source_size: the whole file

    std::size_t workers;                  // threads compressing frames (1 = the writer's own)
    std::size_t batch;                    // frames compressed together
    std::unique_ptr<executor> pool;       // made at the first batch of several frames
    std::vector<std::optional<compression_context>> contexts; // one per worker, made on first use
    std::vector<frame_slot> slots;        // frames_in_flight() of them: one or two batches
    std::size_t filling_batch = 0;        // slots of batch b: [b * batch, (b + 1) * batch)
    std::size_t full = 0;                 // of the filling batch: [0, full) are frames; slot `full` fills

    seek_table table;
    std::uint64_t written = 0;             // content bytes taken in the current file
    std::exception_ptr error;              // a failure ends the file: thrown again until close()

    // The batch being compressed on another thread, if any.  Declared last:
    // destroyed first, it waits for that work before what it uses goes.
    std::size_t compressing_count = 0;
    std::future<void> compressing;

    frame_slot& slot(std::size_t b, std::size_t i) noexcept { return slots[b * batch + i]; }
    frame_slot& filling() noexcept { return slot(filling_batch, full); }

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

    // Compresses the first `n` frames of batch `b`, in the calling thread
    // and the pool's.
    void compress_batch(std::size_t b, std::size_t n)
    {
        if (n == 1 || workers == 1) {
            for (std::size_t i = 0; i < n; ++i)
                compress_frame(context(0), slot(b, i));
            return;
        }
        if (!pool)
            pool = std::make_unique<executor>(static_cast<int>(workers));
        pool->run(n, [this, b](std::size_t i, std::size_t worker) { compress_frame(context(worker), slot(b, i)); });
    }

    // Emits the first `n` (compressed) frames of batch `b` in order and
    // records them in the table.
    void emit_batch(std::size_t b, std::size_t n, const output_callback& emit)
    {
        for (std::size_t i = 0; i < n; ++i) {
            frame_slot& f = slot(b, i);
            std::optional<std::uint32_t> sum;
            if (checksum) // a frame's checksum is its last 4 bytes: what the table records
                sum = read_le32(f.output.data() + f.output_size - 4);
            table.add_frame(f.output_size, f.input_size, sum);
            emit(f.output.data(), f.output_size);
            f.input_size = 0;
        }
    }

    // Waits for the batch compressed on another thread (rethrowing its
    // failure) and emits it.
    void finish_compressing(const output_callback& emit)
    {
        if (!compressing.valid())
            return;
        const std::size_t count = compressing_count;
        compressing_count = 0;
        compressing.get();
        emit_batch(1 - filling_batch, count, emit);
    }

    // The filling batch is full: with several workers it is compressed on
    // another thread while the writing thread fills the other batch.
    void batch_full(const output_callback& emit)
    {
        if (workers == 1) {
            write_pending(emit);
            return;
        }
        finish_compressing(emit);
        const std::size_t b = filling_batch;
        compressing_count = full;
        compressing = std::async(std::launch::async, [this, b, n = full] { compress_batch(b, n); });
        filling_batch = 1 - filling_batch;
        full = 0;
    }

    // Everything taken so far, compressed and emitted in order.
    void write_pending(const output_callback& emit)
    {
        finish_compressing(emit);
        const std::size_t n = full;
        if (n == 0)
            return;
        compress_batch(filling_batch, n);
        emit_batch(filling_batch, n, emit);
        full = 0;
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
        if (compressing.valid())
            compressing.wait(); // its result (or failure) belongs to the file being dropped
        compressing = std::future<void>();
        compressing_count = 0;
        for (frame_slot& s : slots)
            s.input_size = 0;
        filling_batch = 0;
        full = 0;
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
            if (slot.input_size == m.frame_size && ++m.full == m.batch)
                m.batch_full(emit);
        }
    });
}

void seekable_writer::flush(const output_callback& emit)
{
    impl& m = *impl_;
    m.guarded([&] {
        if (m.full < m.batch && m.filling().input_size > 0)
            ++m.full;
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
        if (m.full < m.batch && m.filling().input_size > 0)
            ++m.full;
        // An empty file is one empty frame and its table, as zstd's contrib
        // writer makes it: every zstd decoder reads it as empty content.
        if (m.full == 0 && m.table.frame_count() == 0 && !m.compressing.valid())
            m.full = 1;
        m.write_pending(emit);
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
    if (impl_->compressing.valid())
        impl_->compressing.wait(); // its thread is growing output buffers
    std::size_t n = 0;
    for (const frame_slot& s : impl_->slots)
        n += s.input.capacity() + s.output.capacity();
    for (const auto& c : impl_->contexts)
        if (c)
            n += c->memory_size();
    return n;
}

} // namespace detail
} // namespace zstdio
