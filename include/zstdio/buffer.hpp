/// @file
/// Buffers with segments: many byte strings in one allocation.
///
/// The input and output of the batch calls (batch.hpp), after python-zstandard's
/// BufferWithSegments family: one backing allocation plus a table of
/// (offset, length) pairs, so thousands of small records cost one allocation
/// instead of thousands.
#ifndef ZSTDIO_BUFFER_HPP
#define ZSTDIO_BUFFER_HPP

#include <zstdio/config.hpp>

#include <boost/iostreams/device/mapped_file.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zstdio {

/// Where one segment lies in its buffer: `length` bytes from `offset`.
/// 64-bit on every platform, so a table can be saved and read back anywhere.
struct segment {
    std::uint64_t offset = 0; ///< where it starts, in bytes from the buffer start
    std::uint64_t length = 0; ///< number of bytes (0 = an empty segment)
};

/// Same offset and length.
inline bool operator==(const segment& a, const segment& b) noexcept
{
    return a.offset == b.offset && a.length == b.length;
}
/// Different offset or length.
inline bool operator!=(const segment& a, const segment& b) noexcept { return !(a == b); }

namespace detail {
/// What every view of a buffer shares: the bytes, their owner and the table.
/// Immutable once built, so views may be read from many threads at once.
struct segmented_storage {
    const char* data = nullptr;
    std::size_t size = 0;
    std::vector<segment> segments;
    std::shared_ptr<const void> owner; ///< keeps `data` alive (string, heap block, mapped file)
};
using storage_ptr = std::shared_ptr<const segmented_storage>;
} // namespace detail

/// One segment of a buffer_with_segments: a read-only view of its bytes that
/// keeps the whole buffer alive (python-zstandard's BufferSegment).
///
/// Cheap to copy (one shared reference).  A contiguous byte buffer: `data()`
/// and `size()`, so a range of segments is itself valid batch input.
/// Thread safety: const, shareable across threads.
class buffer_segment {
public:
    /// An empty segment belonging to no buffer.
    buffer_segment() noexcept = default;

    /// The first byte (nullptr for a default-constructed segment).
    const char* data() const noexcept { return data_; }
    /// Number of bytes.
    std::size_t size() const noexcept { return size_; }
    /// True when size() is 0.
    bool empty() const noexcept { return size_ == 0; }
    /// Where the segment starts in its buffer.
    std::uint64_t offset() const noexcept { return offset_; }
    /// The bytes as a view (valid while this segment or its buffer lives).
    std::string_view view() const noexcept { return {data_, size_}; }
    /// The same as view(), so a segment goes wherever a std::string_view does.
    operator std::string_view() const noexcept { return view(); }
    /// A copy of the bytes.
    std::string to_string() const { return std::string(data_, size_); }

private:
    friend class buffer_with_segments;
    buffer_segment(detail::storage_ptr parent, const char* data, std::size_t size, std::uint64_t offset) noexcept
        : parent_(std::move(parent)), data_(data), size_(size), offset_(offset)
    {
    }

    detail::storage_ptr parent_;
    const char* data_ = nullptr;
    std::size_t size_ = 0;
    std::uint64_t offset_ = 0;
};

/// The segment table of a buffer_with_segments (python-zstandard's
/// BufferSegments): a contiguous array of `segment`, kept alive with the
/// buffer.  `data()` points at `size()` segments, e.g. to save the table.
class buffer_segments {
public:
    /// The element type.
    using value_type = segment;
    /// Iterates the table in order.
    using const_iterator = const segment*;

    /// An empty table belonging to no buffer.
    buffer_segments() noexcept = default;

    /// Number of segments.
    std::size_t size() const noexcept { return storage_ ? storage_->segments.size() : 0; }
    /// True when there are no segments.
    bool empty() const noexcept { return size() == 0; }
    /// The first of size() contiguous segments (nullptr for an empty table
    /// belonging to no buffer).
    const segment* data() const noexcept { return storage_ ? storage_->segments.data() : nullptr; }
    /// Segment `i`, unchecked (like std::vector).
    const segment& operator[](std::size_t i) const noexcept { return data()[i]; }
    /// The first segment.
    const segment* begin() const noexcept { return data(); }
    /// Past the last segment.
    const segment* end() const noexcept { return data() + size(); }

private:
    friend class buffer_with_segments;
    explicit buffer_segments(detail::storage_ptr s) noexcept : storage_(std::move(s)) {}
    detail::storage_ptr storage_;
};

/// Many byte strings in one backing allocation plus a table of `segment`s
/// (python-zstandard's BufferWithSegments).
///
/// The bytes are either owned (moved in or copied at construction) or a
/// memory-mapped file, so a file of concatenated frames can be given to
/// multi_decompress_to_buffer() without reading it into memory.  Segments may
/// overlap, leave gaps or be empty; one that lies outside the bytes is refused
/// at construction.
///
/// A shared, immutable handle: copies are cheap and share the bytes, and any
/// copy, segment or table keeps them alive.  Safe to read from many threads.
class ZSTDIO_DECL buffer_with_segments {
public:
    /// What iterating or indexing yields (by value).
    using value_type = buffer_segment;
    /// Type of sizes and indexes.
    using size_type = std::size_t;
    class const_iterator;
    /// Iteration is read-only: the same as const_iterator.
    using iterator = const_iterator;

    /// No bytes, no segments.
    buffer_with_segments() noexcept = default;

    /// Takes `bytes` (moved, not copied) and the table.
    /// @throw std::invalid_argument when a segment lies outside `bytes`, naming it.
    buffer_with_segments(std::string bytes, std::vector<segment> segments);

    /// Copies `size` bytes from `data`.
    /// @throw std::invalid_argument when a segment lies outside them.
    buffer_with_segments(const void* data, std::size_t size, std::vector<segment> segments);

    /// Wraps an open memory-mapped file (the mapping stays open while any
    /// copy, segment or table of this buffer lives); nothing is copied.
    /// @throw std::invalid_argument when `file` is not open or a segment lies
    ///        outside it.
    buffer_with_segments(boost::iostreams::mapped_file_source file, std::vector<segment> segments);

    /// Wraps `size` bytes at `data` that `owner` keeps alive (any shared
    /// object: a heap block, a string, a mapping); nothing is copied.
    /// @throw std::invalid_argument when a segment lies outside the bytes.
    buffer_with_segments(std::shared_ptr<const void> owner, const char* data, std::size_t size,
                         std::vector<segment> segments);

    /// A buffer over concatenated zstd frames with one segment per frame
    /// (skippable frames are left out), e.g. a file written by several
    /// `zstd` runs or by saving a batch's output.
    /// @throw zstd_error (truncated_input or not_zstd_frame) naming the byte
    ///        offset where the bytes stop being whole zstd frames.
    static buffer_with_segments from_frames(boost::iostreams::mapped_file_source file);
    /// The same over `bytes` (moved, not copied).
    /// @throw zstd_error as the overload taking a mapped file.
    static buffer_with_segments from_frames(std::string bytes);

    /// Number of segments.
    std::size_t size() const noexcept { return storage_ ? storage_->segments.size() : 0; }
    /// True when there are no segments.
    bool empty() const noexcept { return size() == 0; }

    /// Segment `i`, unchecked (precondition i < size()).
    buffer_segment operator[](std::size_t i) const noexcept
    {
        const segment& s = storage_->segments[i];
        return buffer_segment(storage_, storage_->data + s.offset, static_cast<std::size_t>(s.length), s.offset);
    }
    /// Segment `i`; @throw std::out_of_range when i >= size().
    buffer_segment at(std::size_t i) const;

    /// The bytes of segment `i` as a view (no reference counting; valid while
    /// the buffer lives).  Unchecked.
    std::string_view view(std::size_t i) const noexcept
    {
        const segment& s = storage_->segments[i];
        return {storage_->data + s.offset, static_cast<std::size_t>(s.length)};
    }

    /// Size of the backing bytes (python-zstandard's len(buffer.tobytes())).
    std::size_t data_size() const noexcept { return storage_ ? storage_->size : 0; }
    /// The backing bytes.
    const char* data() const noexcept { return storage_ ? storage_->data : nullptr; }
    /// A copy of all backing bytes (python-zstandard's tobytes()).
    std::string to_string() const { return std::string(data(), data_size()); }
    /// The segment table.
    buffer_segments segments() const noexcept { return buffer_segments(storage_); }

    /// The first segment.
    const_iterator begin() const noexcept;
    /// Past the last segment.
    const_iterator end() const noexcept;

private:
    detail::storage_ptr storage_;
};

/// Iterates the segments of a buffer_with_segments in order, yielding
/// buffer_segment values.
class buffer_with_segments::const_iterator {
public:
    /// An input iterator: it yields values, not references.
    using iterator_category = std::input_iterator_tag;
    /// What it yields.
    using value_type = buffer_segment;
    /// Distance between two iterators.
    using difference_type = std::ptrdiff_t;
    /// No pointer type: segments are values.
    using pointer = void;
    /// operator*() returns a value.
    using reference = buffer_segment;

    /// A singular iterator (compare or assign only).
    const_iterator() noexcept = default;
    /// The current segment (by value; it keeps the buffer alive).
    buffer_segment operator*() const noexcept { return (*buffer_)[index_]; }
    /// Moves to the next segment.
    const_iterator& operator++() noexcept
    {
        ++index_;
        return *this;
    }
    /// Moves to the next segment; returns the iterator before the move.
    const_iterator operator++(int) noexcept
    {
        const_iterator old = *this;
        ++index_;
        return old;
    }
    /// Same position (iterators of the same buffer).
    friend bool operator==(const const_iterator& a, const const_iterator& b) noexcept { return a.index_ == b.index_; }
    /// Different positions (iterators of the same buffer).
    friend bool operator!=(const const_iterator& a, const const_iterator& b) noexcept { return a.index_ != b.index_; }

private:
    friend class buffer_with_segments;
    const_iterator(const buffer_with_segments* b, std::size_t i) noexcept : buffer_(b), index_(i) {}
    const buffer_with_segments* buffer_ = nullptr;
    std::size_t index_ = 0;
};

inline buffer_with_segments::const_iterator buffer_with_segments::begin() const noexcept { return {this, 0}; }
inline buffer_with_segments::const_iterator buffer_with_segments::end() const noexcept { return {this, size()}; }

/// Several buffer_with_segments seen as one sequence of segments
/// (python-zstandard's BufferWithSegmentsCollection): segment `i` of the
/// collection is found across the buffers in order.  What the batch calls
/// return: one buffer per piece of work, in input order.
///
/// Holds shared handles to its buffers; cheap to move, copies share the bytes.
/// Safe to read from many threads.
class ZSTDIO_DECL buffer_with_segments_collection {
public:
    /// What iterating or indexing yields (by value).
    using value_type = buffer_segment;
    /// Type of sizes and indexes.
    using size_type = std::size_t;
    class const_iterator;
    /// Iteration is read-only: the same as const_iterator.
    using iterator = const_iterator;

    /// No buffers, no segments.
    buffer_with_segments_collection() = default;
    /// The buffers, in order (buffers without segments are allowed).
    explicit buffer_with_segments_collection(std::vector<buffer_with_segments> buffers);

    /// Total number of segments over all buffers.
    std::size_t size() const noexcept { return first_.empty() ? 0 : first_.back(); }
    /// True when no buffer has a segment.
    bool empty() const noexcept { return size() == 0; }
    /// Segment `i` of the whole sequence, unchecked (O(log buffers)).
    buffer_segment operator[](std::size_t i) const noexcept;
    /// Segment `i`; @throw std::out_of_range when i >= size().
    buffer_segment at(std::size_t i) const;
    /// The bytes of segment `i` as a view, unchecked.
    std::string_view view(std::size_t i) const noexcept;

    /// Number of buffers.
    std::size_t buffer_count() const noexcept { return buffers_.size(); }
    /// Buffer `j` (unchecked).
    const buffer_with_segments& buffer(std::size_t j) const noexcept { return buffers_[j]; }
    /// Sum of the buffers' data_size().
    std::size_t data_size() const noexcept;

    /// The first segment of the first buffer that has one.
    const_iterator begin() const noexcept;
    /// Past the last segment.
    const_iterator end() const noexcept;

private:
    std::size_t next_nonempty(std::size_t j) const noexcept
    {
        while (j < buffers_.size() && buffers_[j].empty())
            ++j;
        return j;
    }

    std::vector<buffer_with_segments> buffers_;
    std::vector<std::size_t> first_; // first_[j] = segments before buffer j; first_.back() = total
};

/// Iterates every segment of a collection in order.
class buffer_with_segments_collection::const_iterator {
public:
    /// An input iterator: it yields values, not references.
    using iterator_category = std::input_iterator_tag;
    /// What it yields.
    using value_type = buffer_segment;
    /// Distance between two iterators.
    using difference_type = std::ptrdiff_t;
    /// No pointer type: segments are values.
    using pointer = void;
    /// operator*() returns a value.
    using reference = buffer_segment;

    /// A singular iterator (compare or assign only).
    const_iterator() noexcept = default;
    /// The current segment (by value; it keeps its buffer alive).
    buffer_segment operator*() const noexcept { return collection_->buffers_[buffer_][segment_]; }
    /// Moves to the next segment, across buffers.
    const_iterator& operator++() noexcept
    {
        if (++segment_ == collection_->buffers_[buffer_].size()) {
            segment_ = 0;
            buffer_ = collection_->next_nonempty(buffer_ + 1);
        }
        return *this;
    }
    /// Moves to the next segment; returns the iterator before the move.
    const_iterator operator++(int) noexcept
    {
        const_iterator old = *this;
        ++*this;
        return old;
    }
    /// Same position (iterators of the same collection).
    friend bool operator==(const const_iterator& a, const const_iterator& b) noexcept
    {
        return a.buffer_ == b.buffer_ && a.segment_ == b.segment_;
    }
    /// Different positions (iterators of the same collection).
    friend bool operator!=(const const_iterator& a, const const_iterator& b) noexcept { return !(a == b); }

private:
    friend class buffer_with_segments_collection;
    const_iterator(const buffer_with_segments_collection* c, std::size_t b) noexcept : collection_(c), buffer_(b) {}
    const buffer_with_segments_collection* collection_ = nullptr;
    std::size_t buffer_ = 0;
    std::size_t segment_ = 0;
};

} // namespace zstdio

#endif
