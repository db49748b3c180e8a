// zstdio — batch compression, batch decompression, content-dictionary chains.
//
// Every frame goes through detail::compression_context / decompression_context
// (parameters, dictionaries, limits and error messages as everywhere else);
// this file only plans the work, sizes the output and names the failing input.
#include <zstdio/batch.hpp>
#include <zstdio/error.hpp>

#include "frame/limits.hpp"
#include "frame/walker.hpp"
#include "libzstd/zstd.hpp"
#include "parameters/threads.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>

namespace zstdio {
namespace detail {

namespace {

// Least work per piece before a second thread is worth starting: about half a
// millisecond at level 3 compression / at decoding speed, well above the cost
// of waking a thread (python-zstandard always used every thread it was given).
constexpr std::uint64_t compress_piece_bytes = 128 * 1024;   // input bytes
constexpr std::uint64_t decompress_piece_bytes = 128 * 1024; // compressed input bytes
// Pieces per thread: more than one, so a thread slowed by other load on the
// machine does not hold the whole call back.
constexpr std::size_t pieces_per_thread = 4;

struct free_deleter {
    void operator()(void* p) const noexcept { std::free(p); }
};
using block_ptr = std::unique_ptr<char, free_deleter>;

block_ptr allocate(std::size_t size, const char* what)
{
    block_ptr block(static_cast<char*>(std::malloc(size == 0 ? 1 : size)));
    if (!block)
        boost::throw_exception(
            zstd_error(errc::memory_allocation,
                       std::string(what) + ": cannot allocate " + std::to_string(size) + " bytes of output"));
    return block;
}

// A buffer_with_segments owning `block` (shrunk to `used` bytes first: the
// capacity was an upper bound).
buffer_with_segments adopt(block_ptr block, std::size_t capacity, std::size_t used, std::vector<segment> table)
{
    if (used < capacity) {
        // Shrinking in place (glibc: mremap for large blocks) costs no copy.
        if (void* smaller = std::realloc(block.get(), used == 0 ? 1 : used)) {
            block.release();
            block.reset(static_cast<char*>(smaller));
        }
    }
    char* data = block.get();
    std::shared_ptr<const void> owner(block.release(), free_deleter{});
    return buffer_with_segments(std::move(owner), data, used, std::move(table));
}

// Threads a call may use: its executor's, or `threads` resolved (0 and 1 = 1).
std::size_t available_threads(executor* pool, int threads) noexcept
{
    if (pool)
        return pool->threads();
    const int n = resolve_threads(threads);
    return n < 1 ? 1 : static_cast<std::size_t>(n);
}

// Cuts inputs [0, n) into at most `wanted` pieces of contiguous inputs with
// about equal weight; returns the boundaries (pieces + 1 entries).
template <class Weight>
std::vector<std::size_t> plan(std::size_t n, std::uint64_t total, std::size_t threads, std::uint64_t piece_bytes,
                              Weight weight)
{
    std::size_t wanted = 1;
    if (threads > 1 && n > 1) {
        const std::uint64_t by_work = std::max<std::uint64_t>(1, total / piece_bytes);
        wanted = static_cast<std::size_t>(std::min<std::uint64_t>({n, threads * pieces_per_thread, by_work}));
    }
    std::vector<std::size_t> bounds{0};
    if (wanted == 1) {
        bounds.push_back(n);
        return bounds;
    }
    const std::uint64_t target = total / wanted;
    std::uint64_t in_piece = 0;
    for (std::size_t i = 0; i < n; ++i) {
        in_piece += weight(i);
        if (in_piece >= target && i + 1 < n && bounds.size() < wanted) {
            bounds.push_back(i + 1);
            in_piece = 0;
        }
    }
    bounds.push_back(n);
    return bounds;
}

// Runs piece(p, worker) for every piece: inline when there is one, else on
// `pool` or on a pool made for this call.
void run_pieces(std::size_t pieces, executor* pool, std::size_t threads, const executor::task& piece)
{
    if (pieces == 1) {
        piece(0, 0);
    } else if (pool) {
        pool->run(pieces, piece);
    } else {
        executor local(static_cast<int>(std::min(threads, pieces)));
        local.run(pieces, piece);
    }
}

// Contexts for the threads of one call; worker 0 (the calling thread) uses
// the caller's own, the others get one built from the same params on first use.
template <class Context>
class context_set {
public:
    context_set(Context& caller, std::size_t workers) : caller_(caller), others_(workers) {}
    Context& get(std::size_t worker)
    {
        if (worker == 0)
            return caller_;
        auto& slot = others_[worker];
        if (!slot)
            slot.emplace(caller_.params());
        return *slot;
    }

private:
    Context& caller_;
    std::vector<std::optional<Context>> others_;
};

// "what" for an input: the error of the context, prefixed with the index.
[[noreturn]] void rethrow_for(const zstd_error& e, const char* kind, std::size_t index)
{
    boost::throw_exception(
        zstd_error(e.condition(), std::string(kind) + " " + std::to_string(index) + ": " + e.what()));
}

// What a decoder reads of an input (`size`) and the content size it declares
// (`content`): of its first frame with content, or of all its frames with
// multi_frame; unknown_size when a frame does not record it.  The one frame
// walker checks the frames (and their windows) first.
detail::frame_walk walk(std::string_view frame, const zstd_params& p, const char* kind, std::size_t index)
{
    try {
        return detail::walk_frames(frame, p);
    } catch (const zstd_error& e) {
        rethrow_for(e, kind, index);
    }
}

} // namespace

// ---------------------------------------------------------------------------

std::vector<std::string_view> byte_views(const buffer_with_segments& inputs)
{
    std::vector<std::string_view> views;
    views.reserve(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i)
        views.push_back(inputs.view(i));
    return views;
}

std::vector<std::string_view> byte_views(const buffer_with_segments_collection& inputs)
{
    std::vector<std::string_view> views;
    views.reserve(inputs.size());
    for (std::size_t j = 0; j < inputs.buffer_count(); ++j) {
        const buffer_with_segments& b = inputs.buffer(j);
        for (std::size_t i = 0; i < b.size(); ++i)
            views.push_back(b.view(i));
    }
    return views;
}

// ---------------------------------------------------------------------------

buffer_with_segments_collection multi_compress(compression_context& caller,
                                               const std::vector<std::string_view>& inputs, executor* pool,
                                               int threads)
{
    const std::size_t n = inputs.size();
    if (n == 0)
        return {};
    std::uint64_t total = 0;
    for (const auto& in : inputs)
        total += in.size();
    const std::size_t available = available_threads(pool, threads);
    const std::vector<std::size_t> bounds =
        plan(n, total, available, compress_piece_bytes, [&](std::size_t i) { return inputs[i].size(); });
    const std::size_t pieces = bounds.size() - 1;

    std::vector<buffer_with_segments> results(pieces);
    context_set<compression_context> contexts(caller, std::min(pieces, available));
    run_pieces(pieces, pool, available, [&](std::size_t p, std::size_t worker) {
        compression_context& ctx = contexts.get(worker);
        const std::size_t first = bounds[p], last = bounds[p + 1];
        // Sized from the work: every frame fits in its compress_bound.
        std::size_t capacity = 0;
        for (std::size_t i = first; i < last; ++i)
            capacity += ZSTD_compressBound(inputs[i].size());
        block_ptr block = allocate(capacity, "multi_compress_to_buffer");
        std::vector<segment> table;
        table.reserve(last - first);
        std::size_t used = 0;
        for (std::size_t i = first; i < last; ++i) {
            std::size_t size = 0;
            try {
                size = ctx.compress_once(inputs[i].data(), inputs[i].size(), block.get() + used, capacity - used);
            } catch (const zstd_error& e) {
                rethrow_for(e, "input", i);
            }
            table.push_back({used, size});
            used += size;
        }
        results[p] = adopt(std::move(block), capacity, used, std::move(table));
    });
    return buffer_with_segments_collection(std::move(results));
}

buffer_with_segments_collection multi_decompress(decompression_context& caller,
                                                 const std::vector<std::string_view>& frames,
                                                 const std::vector<std::uint64_t>& decompressed_sizes,
                                                 executor* pool, int threads)
{
    const std::size_t n = frames.size();
    if (!decompressed_sizes.empty() && decompressed_sizes.size() != n)
        boost::throw_exception(std::invalid_argument(
            "zstdio: multi_decompress_to_buffer: " + std::to_string(decompressed_sizes.size()) +
            " decompressed sizes for " + std::to_string(n) + " frames (give one per frame, or none)"));
    if (n == 0)
        return {};

    const zstd_params& params = caller.params();
    const std::uint64_t limit = params.max_output_size;
    const bool sizes_given = !decompressed_sizes.empty();

    // The output size of frame i, checked: every allocation is bounded by
    // what the compressed bytes can hold and by max_output_size.  `walked`:
    // the bytes to decode, so that decoding does not walk the frames again.
    const auto output_size = [&](std::size_t i, std::size_t& walked) -> std::uint64_t {
        const detail::frame_walk w = walk(frames[i], params, "frame", i);
        walked = w.size;
        const std::uint64_t declared = w.content;
        std::uint64_t size = declared;
        if (sizes_given) {
            size = decompressed_sizes[i];
            if (declared != unknown_size && declared != size)
                boost::throw_exception(zstd_error(errc::bad_argument,
                                                  "frame " + std::to_string(i) + ": decompressed_sizes gives " +
                                                      std::to_string(size) + " bytes but the frame declares " +
                                                      std::to_string(declared)));
        } else if (declared == unknown_size) {
            boost::throw_exception(
                zstd_error(errc::content_size_unknown,
                           "frame " + std::to_string(i) +
                               ": the frame does not record its content size; give it in decompressed_sizes"));
        }
        if (size > detail::largest_possible_content(frames[i].size()))
            boost::throw_exception(
                zstd_error(sizes_given ? errc::bad_argument : errc::corruption_detected,
                           "frame " + std::to_string(i) + ": " +
                               (sizes_given ? "decompressed_sizes gives " : "corrupt frame header: it declares ") +
                               std::to_string(size) + " bytes of content, more than its " +
                               std::to_string(frames[i].size()) + " compressed bytes can hold"));
        if (limit != 0 && size > limit)
            boost::throw_exception(
                zstd_error(errc::output_limit_exceeded,
                           "frame " + std::to_string(i) + ": " + std::to_string(size) +
                               " bytes of content, above max_output_size = " + std::to_string(limit) + " bytes"));
        return size;
    };

    // Pieces are planned on compressed bytes, so that reading the headers is
    // part of the parallel work too (it is a few percent of decoding small
    // frames: done up front it would cap the speed-up of two threads).
    std::uint64_t total = 0;
    for (const auto& f : frames)
        total += f.size();
    const std::size_t available = available_threads(pool, threads);
    const std::vector<std::size_t> bounds =
        plan(n, total, available, decompress_piece_bytes, [&](std::size_t i) { return frames[i].size(); });
    const std::size_t pieces = bounds.size() - 1;

    // The caller's context may carry the limit of an earlier decompress() call;
    // sizes are checked per frame, so decode without one and restore it after.
    struct restore_limit {
        decompression_context& ctx;
        ~restore_limit() { ctx.reset(); }
    } restore{caller};

    std::vector<buffer_with_segments> results(pieces);
    context_set<decompression_context> contexts(caller, std::min(pieces, available));
    run_pieces(pieces, pool, available, [&](std::size_t p, std::size_t worker) {
        const std::size_t first = bounds[p], last = bounds[p + 1];
        // Sizes first (one allocation per piece).  A bad header stops the
        // sizing, but frames before it are still decoded: their errors have
        // lower indexes and win, whatever the pieces are.
        std::vector<std::size_t> sizes, walked(last - first);
        sizes.reserve(last - first);
        std::optional<zstd_error> header_error;
        std::size_t capacity = 0;
        for (std::size_t i = first; i < last; ++i) {
            try {
                sizes.push_back(static_cast<std::size_t>(output_size(i, walked[i - first])));
            } catch (const zstd_error& e) {
                header_error = e;
                break;
            }
            capacity += sizes.back();
        }
        const std::size_t stop = first + sizes.size();

        decompression_context& ctx = contexts.get(worker);
        ctx.set_max_output_size(0);
        block_ptr block = allocate(capacity, "multi_decompress_to_buffer");
        std::vector<segment> table;
        table.reserve(last - first);
        std::size_t used = 0;
        for (std::size_t i = first; i < stop; ++i) {
            const std::size_t size = sizes[i - first];
            std::size_t produced = 0;
            try {
                produced = ctx.decompress_walked(frames[i].data(), walked[i - first], block.get() + used, size);
            } catch (const zstd_error& e) {
                if (sizes_given && e.condition() == errc::dst_size_too_small)
                    boost::throw_exception(zstd_error(errc::bad_argument,
                                                      "frame " + std::to_string(i) +
                                                          ": decompresses to more than the " + std::to_string(size) +
                                                          " bytes given in decompressed_sizes"));
                rethrow_for(e, "frame", i);
            }
            if (produced != size)
                boost::throw_exception(zstd_error(errc::bad_argument,
                                                  "frame " + std::to_string(i) + ": decompresses to " +
                                                      std::to_string(produced) + " bytes, not the " +
                                                      std::to_string(size) + " given in decompressed_sizes"));
            table.push_back({used, size});
            used += size;
        }
        if (header_error)
            boost::throw_exception(*header_error);
        results[p] = adopt(std::move(block), capacity, used, std::move(table));
    });
    return buffer_with_segments_collection(std::move(results));
}

// ---------------------------------------------------------------------------

std::string decompress_chain(const decompression_context& caller, const std::vector<std::string_view>& frames)
{
    if (frames.empty())
        boost::throw_exception(std::invalid_argument("zstdio: decompress_content_dict_chain: the chain is empty"));

    // The chain brings its own dictionaries: the decompressor's are not used.
    zstd_params params = caller.params();
    params.dict.reset();
    params.dicts.clear();
    params.patch_from.reset();
    params.multi_frame = false;
    decompression_context ctx(params);
    const std::uint64_t limit = params.max_output_size;
    ctx.set_max_output_size(0); // checked per link below

    // Two buffers, swapped each link: the previous content is the dictionary
    // of the current frame.  They only grow, so a chain allocates a few times.
    std::unique_ptr<char[]> previous, current;
    std::size_t previous_size = 0, previous_capacity = 0, current_capacity = 0;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const detail::frame_walk w = walk(frames[i], params, "chain link", i);
        const std::uint64_t declared = w.content;
        const auto fail = [&](errc condition, const std::string& what) {
            boost::throw_exception(zstd_error(condition, "chain link " + std::to_string(i) + ": " + what));
        };
        if (declared == unknown_size)
            fail(errc::content_size_unknown,
                 "the frame does not record its content size (every frame of a chain must)");
        detail::check_declared_content(declared, frames[i].size(), limit, "chain link " + std::to_string(i));
        const std::size_t size = static_cast<std::size_t>(declared);
        if (size > current_capacity) {
            current.reset(new char[size]);
            current_capacity = size;
        }
        // Link 0 has no dictionary; an empty predecessor means none either.
        ctx.reference_prefix(i == 0 ? nullptr : previous.get(), i == 0 ? 0 : previous_size);
        std::size_t produced = 0;
        try {
            produced = ctx.decompress_walked(frames[i].data(), w.size, current.get(), size);
        } catch (const zstd_error& e) {
            fail(e.condition(), e.what() + (i == 0 ? std::string{}
                                                   : " (was it compressed with the content of link " +
                                                         std::to_string(i - 1) + " as its raw-content dictionary?)"));
        }
        if (produced != size)
            fail(errc::corruption_detected, "the frame decodes to " + std::to_string(produced) + " bytes, not the " +
                                                std::to_string(size) + " it declares");
        std::swap(previous, current);
        std::swap(previous_capacity, current_capacity);
        previous_size = size;
    }
    return std::string(previous.get(), previous_size);
}

} // namespace detail
} // namespace zstdio
