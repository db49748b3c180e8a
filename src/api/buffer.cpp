// zstdio — buffer_with_segments and buffer_with_segments_collection.
#include <zstdio/buffer.hpp>
#include <zstdio/error.hpp>
#include <zstdio/frame.hpp>

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <stdexcept>

namespace zstdio {

namespace {

// Builds the shared storage after checking every segment lies inside the bytes.
detail::storage_ptr make_storage(std::shared_ptr<const void> owner, const char* data, std::size_t size,
                                 std::vector<segment> segments)
{
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const segment& s = segments[i];
        if (s.offset > size || s.length > size - s.offset)
            boost::throw_exception(std::invalid_argument(
                "zstdio: segment " + std::to_string(i) + " (offset " + std::to_string(s.offset) + ", length " +
                std::to_string(s.length) + ") lies outside the buffer of " + std::to_string(size) + " bytes"));
    }
    auto storage = std::make_shared<detail::segmented_storage>();
    storage->data = data;
    storage->size = size;
    storage->segments = std::move(segments);
    storage->owner = std::move(owner);
    return storage;
}

// One segment per (non-skippable) frame of `data`, found by the one frame
// walker (frame.hpp), whose errors name the failing frame and its offset.
std::vector<segment> frame_table(const char* data, std::size_t size)
{
    std::vector<segment> table;
    try {
        for (const frame_info& f : list_frames({data, size}))
            if (!f.parameters.is_skippable)
                table.push_back({f.offset, f.compressed_size});
    } catch (const zstd_error& e) {
        boost::throw_exception(zstd_error(e.condition(), "splitting frames: " + std::string(e.what())));
    }
    return table;
}

} // namespace

// ---------------------------------------------------------------------------
// buffer_with_segments

buffer_with_segments::buffer_with_segments(std::string bytes, std::vector<segment> segments)
{
    auto owned = std::make_shared<const std::string>(std::move(bytes));
    const char* data = owned->data();
    const std::size_t size = owned->size();
    storage_ = make_storage(std::move(owned), data, size, std::move(segments));
}

buffer_with_segments::buffer_with_segments(const void* data, std::size_t size, std::vector<segment> segments)
    : buffer_with_segments(std::string(static_cast<const char*>(data), size), std::move(segments))
{
}

buffer_with_segments::buffer_with_segments(boost::iostreams::mapped_file_source file, std::vector<segment> segments)
{
    if (!file.is_open())
        boost::throw_exception(std::invalid_argument("zstdio: buffer_with_segments: the mapped file is not open"));
    auto mapping = std::make_shared<const boost::iostreams::mapped_file_source>(std::move(file));
    const char* data = mapping->data();
    const std::size_t size = mapping->size();
    storage_ = make_storage(std::move(mapping), data, size, std::move(segments));
}

buffer_with_segments::buffer_with_segments(std::shared_ptr<const void> owner, const char* data, std::size_t size,
                                           std::vector<segment> segments)
    : storage_(make_storage(std::move(owner), data, size, std::move(segments)))
{
}

buffer_with_segments buffer_with_segments::from_frames(boost::iostreams::mapped_file_source file)
{
    if (!file.is_open())
        boost::throw_exception(std::invalid_argument("zstdio: buffer_with_segments: the mapped file is not open"));
    std::vector<segment> table = frame_table(file.data(), file.size());
    return buffer_with_segments(std::move(file), std::move(table));
}

buffer_with_segments buffer_with_segments::from_frames(std::string bytes)
{
    std::vector<segment> table = frame_table(bytes.data(), bytes.size());
    return buffer_with_segments(std::move(bytes), std::move(table));
}

buffer_segment buffer_with_segments::at(std::size_t i) const
{
    if (i >= size())
        boost::throw_exception(std::out_of_range("zstdio: segment " + std::to_string(i) + " of a buffer with " +
                                                 std::to_string(size()) + " segments"));
    return (*this)[i];
}

// ---------------------------------------------------------------------------
// buffer_with_segments_collection

buffer_with_segments_collection::buffer_with_segments_collection(std::vector<buffer_with_segments> buffers)
    : buffers_(std::move(buffers))
{
    first_.reserve(buffers_.size() + 1);
    std::size_t total = 0;
    for (const auto& b : buffers_) {
        first_.push_back(total);
        total += b.size();
    }
    first_.push_back(total);
}

buffer_segment buffer_with_segments_collection::operator[](std::size_t i) const noexcept
{
    // The last buffer whose first index is <= i and that holds segments.
    const auto it = std::upper_bound(first_.begin(), first_.end() - 1, i);
    const std::size_t j = static_cast<std::size_t>(it - first_.begin()) - 1;
    return buffers_[j][i - first_[j]];
}

std::string_view buffer_with_segments_collection::view(std::size_t i) const noexcept
{
    const auto it = std::upper_bound(first_.begin(), first_.end() - 1, i);
    const std::size_t j = static_cast<std::size_t>(it - first_.begin()) - 1;
    return buffers_[j].view(i - first_[j]);
}

buffer_segment buffer_with_segments_collection::at(std::size_t i) const
{
    if (i >= size())
        boost::throw_exception(std::out_of_range("zstdio: segment " + std::to_string(i) + " of a collection with " +
                                                 std::to_string(size()) + " segments"));
    return (*this)[i];
}

std::size_t buffer_with_segments_collection::data_size() const noexcept
{
    std::size_t total = 0;
    for (const auto& b : buffers_)
        total += b.data_size();
    return total;
}

buffer_with_segments_collection::const_iterator buffer_with_segments_collection::begin() const noexcept
{
    return {this, next_nonempty(0)};
}

buffer_with_segments_collection::const_iterator buffer_with_segments_collection::end() const noexcept
{
    return {this, buffers_.size()};
}

} // namespace zstdio
