// zstdio — seekable_source (seekable_source.hpp).
#include <zstdio/seekable_source.hpp>
#include <zstdio/error.hpp>

#include "frame/walker.hpp"
#include "parameters/apply.hpp"
#include "seekable/frame_reader.hpp"

#include <boost/iostreams/device/mapped_file.hpp>
#include <boost/throw_exception.hpp>

#include <filesystem>
#include <limits>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace zstdio {

namespace detail {
void frame_reader_deleter::operator()(frame_reader* r) const noexcept { delete r; }
} // namespace detail

namespace {

using detail::seekable_state;

void read_positional(const void* object, std::uint64_t offset, char* dst, std::size_t n)
{
    static_cast<const detail::random_access_source*>(object)->read(offset, dst, n);
}

// The frames must lie where the table says: each one measured (header and
// block headers) at its table offset ends exactly at the next, and a header
// that records its content size agrees with the table.  Returns the frames
// whose header does not record it.
std::vector<std::size_t> check_frames_against_table(const seekable_state& s)
{
    std::vector<std::size_t> unsized;
    const detail::random_access_source& file = *s.file;
    const std::uint64_t end = s.table.compressed_size();
    const detail::positional_bytes positional{end, &file, &read_positional};
    for (std::size_t i = 0; i < s.table.frame_count(); ++i) {
        const seek_table::entry e = s.table[i];
        const std::string where = "seekable zstd: frame " + std::to_string(i) + " (compressed offset " +
                                  std::to_string(e.compressed_offset) + ")";
        detail::frame_extent extent;
        try {
            if (const char* data = file.data())
                extent = detail::measure_frame(
                    std::string_view(data + e.compressed_offset, static_cast<std::size_t>(end - e.compressed_offset)),
                    frame_format::zstd1);
            else
                extent = detail::measure_frame(positional, e.compressed_offset, frame_format::zstd1);
        } catch (const zstd_error& x) {
            boost::throw_exception(zstd_error(x.condition(), where + ", where the seek table places it: " + x.what()));
        }
        if (extent.size != e.compressed_size)
            boost::throw_exception(zstd_error(errc::corruption_detected,
                                              where + ": the seek table gives it " +
                                                  std::to_string(e.compressed_size) +
                                                  " compressed bytes, but the frame there is " +
                                                  std::to_string(extent.size) + " bytes"));
        const frame_parameters& fp = extent.parameters;
        if (!fp.is_skippable && !fp.content_size)
            unsized.push_back(i);
        const std::uint64_t content = fp.is_skippable ? 0 : fp.content_size.value_or(e.decompressed_size);
        if (content != e.decompressed_size)
            boost::throw_exception(zstd_error(
                errc::corruption_detected,
                where + ": the seek table gives it " + std::to_string(e.decompressed_size) +
                    " bytes of content, but " +
                    (fp.is_skippable ? std::string("it is a skippable frame (no content)")
                                     : "its header declares " + std::to_string(content))));
    }
    return unsized;
}

std::shared_ptr<const detail::random_access_source> map_file(const std::string& path)
{
    // Boost cannot map an empty file: it is no zstd data anyway.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size == 0)
        boost::throw_exception(
            zstd_error(errc::not_zstd_frame, "seekable zstd: " + path + " is empty: no zstd frame"));
    try {
        boost::iostreams::mapped_file_source file(path);
        return detail::make_random_access(file);
    } catch (const std::ios_base::failure& e) {
        // libstdc++ ends what() with the category's words, which the new
        // failure adds again.
        std::string why = e.what();
        const std::string suffix = ": " + e.code().message();
        if (why.size() > suffix.size() && why.compare(why.size() - suffix.size(), suffix.size(), suffix) == 0)
            why.resize(why.size() - suffix.size());
        boost::throw_exception(std::ios_base::failure("zstdio: cannot open " + path + " for seekable reading: " + why));
    }
}

} // namespace

seekable_source::seekable_source(const std::string& path, const zstd_params& p) : seekable_source(map_file(path), p)
{
}

seekable_source::seekable_source(std::shared_ptr<const detail::random_access_source> file, const zstd_params& p)
{
    auto s = std::make_shared<seekable_state>();
    s->params = p;
    s->decoding = detail::resolve_decompression(p);
    if (s->decoding.format != frame_format::zstd1)
        boost::throw_exception(std::invalid_argument(
            "zstdio: seekable zstd needs frames with magic numbers: format = magicless is not supported"));
    s->file = std::move(file);
    if (s->file->size() == 0)
        boost::throw_exception(zstd_error(errc::not_zstd_frame, "seekable zstd: empty input, no zstd frame"));
    if (std::optional<seek_table> t = seek_table::read(*s->file)) {
        s->table = std::move(*t);
        s->has_seek_table = true;
        s->set_unsized(check_frames_against_table(*s));
        if (p.max_output_size != 0 && s->table.decompressed_size() > p.max_output_size)
            boost::throw_exception(zstd_error(errc::output_limit_exceeded,
                                              "seekable zstd: the seek table gives " +
                                                  std::to_string(s->table.decompressed_size()) +
                                                  " bytes of content, above max_output_size = " +
                                                  std::to_string(p.max_output_size) + " bytes"));
    } else {
        s->table = seek_table::index(*s->file, p);
    }
    state_ = std::move(s);
}

seekable_source::seekable_source(const seekable_source& other) : state_(other.state_), position_(other.position_) {}

seekable_source& seekable_source::operator=(const seekable_source& other)
{
    if (this != &other) {
        reader_.reset();
        state_ = other.state_;
        position_ = other.position_;
    }
    return *this;
}

seekable_source::seekable_source(seekable_source&& other) noexcept = default;
seekable_source& seekable_source::operator=(seekable_source&& other) noexcept = default;
seekable_source::~seekable_source() = default;

std::uint64_t seekable_source::size() const noexcept { return state_->table.decompressed_size(); }
const seek_table& seekable_source::table() const noexcept { return state_->table; }
bool seekable_source::has_seek_table() const noexcept { return state_->has_seek_table; }
const zstd_params& seekable_source::params() const noexcept { return state_->params; }

std::streamsize seekable_source::read(char* s, std::streamsize n)
{
    if (n <= 0)
        return 0;
    if (position_ >= size())
        return -1;
    if (!reader_)
        reader_.reset(new detail::frame_reader(*state_, true));
    const std::size_t got = reader_->read(position_, s, static_cast<std::size_t>(n));
    position_ += got;
    return static_cast<std::streamsize>(got);
}

std::streampos seekable_source::seek(boost::iostreams::stream_offset off, std::ios_base::seekdir way)
{
    constexpr auto max = std::numeric_limits<boost::iostreams::stream_offset>::max();
    const std::uint64_t base = way == std::ios_base::beg ? 0 : way == std::ios_base::cur ? position_ : size();
    // base <= max for any position a seek could reach; larger ones saturate.
    const auto from = static_cast<boost::iostreams::stream_offset>(std::min<std::uint64_t>(base, max));
    if (off < -from)
        boost::throw_exception(std::invalid_argument("zstdio: seekable_source: seeking " + std::to_string(off) +
                                                     " bytes from offset " + std::to_string(from) +
                                                     " goes before the start"));
    if (off > 0 && off > max - from)
        boost::throw_exception(std::invalid_argument("zstdio: seekable_source: seeking " + std::to_string(off) +
                                                     " bytes from offset " + std::to_string(from) +
                                                     " overflows the position"));
    position_ = static_cast<std::uint64_t>(from + off);
    return boost::iostreams::offset_to_position(from + off);
}

std::size_t seekable_source::read_at(std::uint64_t offset, char* dst, std::size_t n) const
{
    const seekable_state& s = *state_;
    std::unique_ptr<detail::frame_reader> reader;
    {
        std::lock_guard<std::mutex> lock(s.pool_mutex);
        if (!s.idle.empty()) {
            reader = std::move(s.idle.back());
            s.idle.pop_back();
        }
    }
    if (!reader)
        reader = std::make_unique<detail::frame_reader>(s);
    const std::size_t got = reader->read(offset, dst, n); // a reader that threw is dropped
    std::lock_guard<std::mutex> lock(s.pool_mutex);
    if (s.idle.size() < seekable_state::max_idle)
        s.idle.push_back(std::move(reader));
    return got;
}

void seekable_source::verify() const
{
    const seekable_state& s = *state_;
    detail::frame_decoder decoder(s.decoding);
    for (std::size_t i = 0; i < s.table.frame_count(); ++i) {
        decoder.start(*s.file, s.location(i));
        decoder.finish();
    }
    s.all_confirmed();
}

} // namespace zstdio
