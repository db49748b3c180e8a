// zstdio — private: what copies of a seekable_source share, and the reader
// that turns decompressed offsets into frames to decode.
#ifndef ZSTDIO_SRC_SEEKABLE_FRAME_READER_HPP
#define ZSTDIO_SRC_SEEKABLE_FRAME_READER_HPP

#include <zstdio/detail/random_access.hpp>
#include <zstdio/params.hpp>
#include <zstdio/seek_table.hpp>

#include "seekable/frame_decoder.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace zstdio {
namespace detail {

class frame_reader;

/// The content window of a frame_reader: resize() leaves new bytes
/// uninitialised (and drops the old ones when it must grow), since the
/// decoder writes every byte before it is read.  A std::string would zero a
/// whole frame before each decode: 7 % of a sequential read's instructions.
class content_window {
public:
    char* data() const noexcept { return data_.get(); }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    void clear() noexcept { size_ = 0; }
    void resize(std::size_t n)
    {
        if (n > capacity_) {
            data_.reset(); // the old bytes are not needed: give them back first
            capacity_ = 0;
            data_.reset(new char[n]);
            capacity_ = n;
        }
        size_ = n;
    }

private:
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

/// The file, its table and the idle readers of read_at(): shared by every
/// copy of a seekable_source, immutable but for the pool.
struct seekable_state {
    std::shared_ptr<const random_access_source> file;
    seek_table table;
    bool has_seek_table = false;
    zstd_params params;   ///< as given
    zstd_params decoding; ///< resolved (resolve_decompression)

    /// The idle readers read_at() reuses (at most max_idle).
    static constexpr std::size_t max_idle = 4;
    mutable std::mutex pool_mutex;
    mutable std::vector<std::unique_ptr<frame_reader>> idle;

    /// Frames of the table whose header does not record their content
    /// size (zstd's contrib writer leaves it out), in order.  Only decoding
    /// shows whether the table's size for such a frame is true, and the
    /// offsets of every later frame depend on it: before a frame is read,
    /// the unsized frames before it are decoded once (confirm_before()).
    std::vector<std::size_t> unsized;

    ~seekable_state();

    /// What the decoder must know of frame `i` of the table.
    frame_location location(std::size_t i) const;

    /// Makes sure every unsized frame before frame `i` decodes to the
    /// table's size, decoding with `decoder` those that no reader has
    /// decoded whole yet.  Thread safe; a frame is decoded once, whoever
    /// asks first.
    /// @throw zstd_error naming the first frame that does not.
    void confirm_before(std::size_t i, frame_decoder& decoder) const;
    /// Records that frame `i` was decoded whole and checked.
    void confirmed(std::size_t i) const noexcept;
    /// Records that every frame was (verify()).
    void all_confirmed() const noexcept;
    /// Sets `unsized` (in order); called once, before the state is shared.
    void set_unsized(std::vector<std::size_t> frames);

private:
    mutable std::mutex confirm_mutex_;
    /// confirmed_[k]: unsized[k] decoded and checked.
    mutable std::unique_ptr<std::atomic<bool>[]> confirmed_;
    /// unsized[0 .. confirmed_prefix_) are all confirmed.
    mutable std::atomic<std::size_t> confirmed_prefix_{0};
};

class read_ahead;
/// Deletes a read_ahead (defined in frame_reader.cpp).
struct read_ahead_deleter {
    void operator()(read_ahead* r) const noexcept;
};

/// Reads content by decompressed offset: finds the frames in the table,
/// decodes them with its own frame_decoder and keeps the last frame's
/// content (all of a frame up to seekable_source::cached_frame_limit, else
/// the last 256 KiB piece, with the decoder positioned after it).  Not
/// thread safe.
class frame_reader {
public:
    /// With `read_ahead` and params.threads, frames after the one read are
    /// decoded ahead by workers while the reads go through them in order
    /// (seekable_source::read()); read_at() readers have none.
    explicit frame_reader(const seekable_state& state, bool read_ahead = false);
    ~frame_reader();

    /// Copies up to `n` bytes at `offset` to `dst`; returns how many (less
    /// only at the end of the content).  After a throw the reader holds no
    /// frame and may be used again.
    std::size_t read(std::uint64_t offset, char* dst, std::size_t n);

private:
    void copy_from_frame(std::size_t i, std::uint64_t within, char* dst, std::size_t n);
    void start(std::size_t i);

    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    const seekable_state& state_;
    frame_decoder decoder_;
    std::size_t frame_ = none;       // the frame whose content window_ holds
    content_window window_;          // its content from window_start_ on
    std::uint64_t window_start_ = 0; // offset of window_[0] in the frame's content
    std::unique_ptr<read_ahead, read_ahead_deleter> ahead_;
};

} // namespace detail
} // namespace zstdio

#endif
