// zstdio — seekable zstd's writing: detail::seekable_writer, the compiled
// half of seekable_compressor (include/zstdio/detail/seekable_writer.hpp).
//
// Input is copied into frame slots; a full slot is a frame to compress.  With
// one thread there is one slot, compressed as soon as it is full.  With N
// worker threads there is a ring of 4N slots: the writing thread fills slots
// in order and hands each full one over; N workers (running on the writer's
// executor, from a thread of its own) take frames in order as they come; the
// writing thread writes finished frames in order, and waits only when every
// slot holds a frame not yet written.  Either way every frame is
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
#include <condition_variable>
#include <future>
#include <mutex>
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
        slots.resize(workers > 1 ? 4 * workers : 1);
        states.resize(slots.size());
        contexts.resize(workers);
        contexts[0].emplace(params); // settings are checked here, at construction
    }
    ~impl() { stop_workers(); }

    zstd_params params;
    std::size_t frame_size;
    bool checksum;
    std::optional<std::uint64_t> pledged; // the user's source_size: the whole file

    std::size_t workers;                  // threads compressing frames (1 = the writer's own)
    std::unique_ptr<executor> pool;       // made when the workers start
    std::vector<std::optional<compression_context>> contexts; // one per worker, made on first use
    std::vector<frame_slot> slots;        // frames_in_flight() of them: frame k uses slots[k % size]

    // Frames are numbered from 0 in the file: [0, emitted) are written,
    // [emitted, handed) are with the workers (taken: [emitted, taken)), and
    // frame `handed` fills.  Guarded by `mutex` where workers run.
    std::uint64_t emitted = 0;
    std::uint64_t handed = 0;
    std::uint64_t taken = 0;
    struct slot_state {
        bool done = false;
        std::exception_ptr error;
    };
    std::vector<slot_state> states;       // of each slot's frame
    bool stopping = false;
    std::mutex mutex;
    std::condition_variable work_ready;   // a frame was handed, or stopping
    std::condition_variable frame_done;

    seek_table table;
    std::uint64_t written = 0;             // content bytes taken in the current file
    std::exception_ptr error;              // a failure ends the file: thrown again until close()

    // The workers' run, while they run.  Declared last: destroyed first.
    std::future<void> running;

    frame_slot& slot_of(std::uint64_t frame) noexcept { return slots[frame % slots.size()]; }
    frame_slot& filling() noexcept { return slot_of(handed); }

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

    // Writes frame `emitted` (compressed) and records it in the table.
    void emit_frame(const output_callback& emit)
    {
        frame_slot& f = slot_of(emitted);
        std::optional<std::uint32_t> sum;
        if (checksum) // a frame's checksum is its last 4 bytes: what the table records
            sum = read_le32(f.output.data() + f.output_size - 4);
        table.add_frame(f.output_size, f.input_size, sum);
        f.input_size = 0;
        ++emitted;
        emit(f.output.data(), f.output_size);
    }

    // A worker: compresses frames in order as they are handed, until stopped.
    void work(std::size_t worker)
    {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            work_ready.wait(lock, [&] { return taken < handed || stopping; });
            if (taken == handed)
                return; // stopping, nothing left
            const std::uint64_t frame = taken++;
            lock.unlock();
            std::exception_ptr failure;
            try {
                compress_frame(context(worker), slot_of(frame));
            } catch (...) {
                failure = std::current_exception();
            }
            lock.lock();
            slot_state& st = states[frame % slots.size()];
            st.done = true;
            st.error = failure;
            frame_done.notify_all();
        }
    }

    void start_workers()
    {
        if (running.valid())
            return;
        if (!pool)
            pool = std::make_unique<executor>(static_cast<int>(workers));
        stopping = false;
        running = std::async(std::launch::async, [this] {
            pool->run(workers, [this](std::size_t, std::size_t worker) { work(worker); });
        });
    }

    void stop_workers() noexcept
    {
        if (!running.valid())
            return;
        {
            std::lock_guard<std::mutex> lock(mutex);
            stopping = true;
        }
        work_ready.notify_all();
        running.wait(); // work() catches what compressing throws
        running = std::future<void>();
    }

    // Waits for frame `emitted` and writes it; its failure is thrown.
    void emit_next(const output_callback& emit)
    {
        std::exception_ptr failure;
        {
            std::unique_lock<std::mutex> lock(mutex);
            slot_state& st = states[emitted % slots.size()];
            frame_done.wait(lock, [&] { return st.done; });
            st.done = false;
            failure = std::exchange(st.error, nullptr);
        }
        if (failure)
            std::rethrow_exception(failure);
        emit_frame(emit);
    }

    // The filling frame is complete: compressed now (one thread), or handed
    // to the workers, writing finished frames and waiting while all slots
    // are taken.
    void frame_full(const output_callback& emit)
    {
        if (workers == 1) {
            compress_frame(context(0), filling());
            ++handed;
            emit_frame(emit);
            return;
        }
        start_workers();
        {
            std::lock_guard<std::mutex> lock(mutex);
            ++handed;
        }
        work_ready.notify_one();
        while (handed - emitted == slots.size() || next_is_done())
            emit_next(emit);
    }

    bool next_is_done()
    {
        if (emitted == handed)
            return false;
        std::lock_guard<std::mutex> lock(mutex);
        return states[emitted % slots.size()].done;
    }

    // Everything taken so far, compressed and written in order.
    void write_pending(const output_callback& emit)
    {
        if (filling().input_size > 0)
            frame_full(emit);
        while (emitted < handed)
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
        stop_workers(); // frames still with them belong to the file being dropped
        for (frame_slot& s : slots)
            s.input_size = 0;
        for (slot_state& st : states)
            st = slot_state();
        emitted = handed = taken = 0;
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
    if (!m.running.valid()) // else the workers' contexts are in use on their threads
        for (const auto& c : m.contexts)
            if (c)
                n += c->memory_size();
    return n;
}

} // namespace detail
} // namespace zstdio
