// zstdio — streaming objects: compressobj() / decompressobj() (see
// include/zstdio/streaming.hpp).  The loops are templates in
// impl/streaming.hpp; here are the parts that do not depend on where the
// output goes.
#include <zstdio/streaming.hpp>

#include <zstdio/compressor.hpp> // compressobj() and decompressobj() are defined here

#include <boost/throw_exception.hpp>

#include <utility>

namespace zstdio {

namespace {

// Appends to a std::string: the caller's, or the one returned.
struct append_to {
    std::string& out;
    void operator()(const char* p, std::size_t n) const { out.append(p, n); }
};

} // namespace

// ---------------------------------------------------------------------------
// compression_object

compression_object::compression_object(detail::compression_context& context, std::uint64_t size)
    : context_(&context), buffer_(std::make_unique<char[]>(compression_output_size())),
      buffer_size_(compression_output_size())
{
    context.begin_frame(size);
}

compression_object::compression_object(compression_object&& other) noexcept
    : context_(std::exchange(other.context_, nullptr)), buffer_(std::move(other.buffer_)),
      buffer_size_(std::exchange(other.buffer_size_, 0)), status_(other.status_), error_(std::move(other.error_))
{
}

compression_object& compression_object::operator=(compression_object&& other) noexcept
{
    if (this != &other) {
        context_ = std::exchange(other.context_, nullptr);
        buffer_ = std::move(other.buffer_);
        buffer_size_ = std::exchange(other.buffer_size_, 0);
        status_ = other.status_;
        error_ = std::move(other.error_);
    }
    return *this;
}

compression_object::~compression_object() = default;

void compression_object::check_usable(const char* call) const
{
    if (!context_)
        boost::throw_exception(
            zstd_error(errc::stage_wrong, std::string("compression_object: ") + call + " on a moved-from object"));
    switch (status_) {
    case status::open: return;
    case status::finished:
        boost::throw_exception(zstd_error(errc::stage_wrong,
                                          std::string("compression_object: ") + call +
                                              " after flush(flush_mode::finish): the frame is complete; "
                                              "start another with compressor::compressobj()"));
    case status::failed: boost::throw_exception(*error_);
    }
}

std::string compression_object::compress(std::string_view chunk)
{
    std::string out;
    compress(chunk, out);
    return out;
}

std::size_t compression_object::compress(std::string_view chunk, std::string& out)
{
    const std::size_t before = out.size();
    run(chunk, detail::end_directive::run, append_to{out}, "compress()");
    return out.size() - before;
}

std::string compression_object::flush(flush_mode mode)
{
    std::string out;
    flush(mode, out);
    return out;
}

std::size_t compression_object::flush(flush_mode mode, std::string& out)
{
    const std::size_t before = out.size();
    run({}, mode == flush_mode::block ? detail::end_directive::flush : detail::end_directive::end, append_to{out},
        "flush()");
    return out.size() - before;
}

void compression_object::set_level(int level)
{
    check_usable("set_level()");
    context_->set_level(level);
}

bool compression_object::finished() const noexcept { return status_ == status::finished; }

frame_progression compression_object::frame_progression() const noexcept
{
    return context_ ? context_->progression() : zstdio::frame_progression{};
}

std::size_t compression_object::memory_size() const noexcept
{
    return context_ ? context_->memory_size() + buffer_size_ : 0;
}

// ---------------------------------------------------------------------------
// decompression_object

decompression_object::decompression_object(detail::decompression_context& context, bool read_across_frames)
    : context_(&context), buffer_(std::make_unique<char[]>(decompression_output_size())),
      buffer_size_(decompression_output_size()), across_frames_(read_across_frames)
{
    context.reset();
}

decompression_object::decompression_object(decompression_object&& other) noexcept
    : context_(std::exchange(other.context_, nullptr)), buffer_(std::move(other.buffer_)),
      buffer_size_(std::exchange(other.buffer_size_, 0)), across_frames_(other.across_frames_),
      ended_(other.ended_), unused_(std::move(other.unused_)), error_(std::move(other.error_))
{
}

decompression_object& decompression_object::operator=(decompression_object&& other) noexcept
{
    if (this != &other) {
        context_ = std::exchange(other.context_, nullptr);
        buffer_ = std::move(other.buffer_);
        buffer_size_ = std::exchange(other.buffer_size_, 0);
        across_frames_ = other.across_frames_;
        ended_ = other.ended_;
        unused_ = std::move(other.unused_);
        error_ = std::move(other.error_);
    }
    return *this;
}

decompression_object::~decompression_object() = default;

void decompression_object::check_usable() const
{
    if (!context_)
        boost::throw_exception(zstd_error(errc::stage_wrong, "decompression_object: used after being moved from"));
    if (error_)
        boost::throw_exception(*error_);
}

std::string decompression_object::decompress(std::string_view chunk)
{
    std::string out;
    decompress(chunk, out);
    return out;
}

std::size_t decompression_object::decompress(std::string_view chunk, std::string& out)
{
    const std::size_t before = out.size();
    run(chunk, append_to{out});
    return out.size() - before;
}

bool decompression_object::eof() const noexcept
{
    if (!context_ || error_)
        return false;
    if (!across_frames_)
        return ended_;
    return !context_->in_frame() && context_->frames() > 0;
}

const std::string& decompression_object::unused_data() const noexcept { return unused_; }

void decompression_object::finish() const
{
    check_usable();
    if (ended_)
        return;
    try {
        context_->finish(); // throws when the input ended inside a frame or held none
        if (!across_frames_)
            boost::throw_exception(zstd_error(errc::not_zstd_frame,
                                              "decompressing: the input holds only skippable frames, no zstd frame"));
    } catch (const zstd_error& e) {
        error_ = e; // the object stays failed, as after any other error
        throw;
    }
}

bool decompression_object::read_across_frames() const noexcept { return across_frames_; }

std::size_t decompression_object::memory_size() const noexcept
{
    return context_ ? context_->memory_size() + buffer_size_ : 0;
}

// ---------------------------------------------------------------------------
// the factories

compression_object compressor::compressobj(std::uint64_t size) & { return compression_object(context_, size); }

decompression_object decompressor::decompressobj() & { return decompressobj(params().multi_frame); }

decompression_object decompressor::decompressobj(bool read_across_frames) &
{
    return decompression_object(context_.context(), read_across_frames);
}

} // namespace zstdio
