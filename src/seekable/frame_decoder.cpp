// zstdio — one frame of a seekable file, decoded and checked (see
// frame_decoder.hpp).
#include "seekable/frame_decoder.hpp"

#include <zstdio/error.hpp>

#include "frame/little_endian.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <cstdio>

namespace zstdio {
namespace detail {

namespace {

constexpr std::size_t input_piece = 128 * 1024;
constexpr std::size_t discard_piece = 128 * 1024;

// The context never limits output itself: the decoder bounds each step by
// the frame's content size, and a measured frame by its own limit.
zstd_params unlimited(zstd_params p)
{
    p.max_output_size = 0;
    return p;
}

std::string hex32(std::uint32_t v)
{
    char s[16];
    std::snprintf(s, sizeof s, "0x%08X", static_cast<unsigned>(v));
    return s;
}

} // namespace

std::string frame_name(const frame_location& f)
{
    return "frame " + std::to_string(f.index) + " (compressed offset " + std::to_string(f.offset) + ")";
}

frame_decoder::frame_decoder(const zstd_params& p)
    : context_(unlimited(p)), verify_checksum_(context_.params().verify_checksum)
{
}

void frame_decoder::start(const random_access_source& src, const frame_location& f, std::uint64_t limit,
                          bool check_checksum)
{
    source_ = &src;
    frame_ = f;
    limit_ = limit;
    check_checksum_ = check_checksum && verify_checksum_ && f.checksum.has_value();
    context_.reset();
    produced_ = 0;
    ended_ = false;
    idle_steps_ = 0;
    hash_.reset();
    if (check_checksum_)
        check_own_checksum();
    if (const char* data = src.data()) {
        // In memory: the decoder reads the frame in place.
        in_ = {data + f.offset, static_cast<std::size_t>(f.compressed_size), 0};
        fed_ = f.compressed_size;
    } else {
        in_ = {input_.data(), 0, 0};
        fed_ = 0;
    }
}

void frame_decoder::check_own_checksum()
{
    // A frame that ends with its own checksum has its content checked against
    // it by libzstd (verify_checksum is on here).  The table's checksum is the
    // same value (the low 32 bits of the content's XXH64), so comparing the
    // two values checks the content against the table without hashing it a
    // second time (7 % of a sequential read's instructions).
    if (frame_.compressed_size < 9)
        return;
    char head[5], tail[4];
    source_->read(frame_.offset, head, sizeof head);
    if (read_le32(head) != magic_number || (static_cast<unsigned char>(head[4]) & 0x04) == 0)
        return; // no checksum of its own (or not a zstd frame: decoding says so)
    source_->read(frame_.offset + frame_.compressed_size - 4, tail, sizeof tail);
    const std::uint32_t own = read_le32(tail);
    if (own != *frame_.checksum)
        fail(errc::checksum_wrong, "the frame's own checksum is " + hex32(own) + ", the seek table records " +
                                       hex32(*frame_.checksum));
    check_checksum_ = false;
}

void frame_decoder::fail(errc condition, const std::string& what) const
{
    boost::throw_exception(zstd_error(condition, "seekable zstd: " + frame_name(frame_) + ": " + what));
}

std::size_t frame_decoder::step(char* dst, std::size_t room)
{
    if (in_.empty() && fed_ < frame_.compressed_size) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(input_piece, frame_.compressed_size - fed_));
        input_.resize(n);
        source_->read(frame_.offset + fed_, input_.data(), n);
        fed_ += n;
        in_ = {input_.data(), n, 0};
    }
    const std::size_t in_before = in_.pos;
    output_window out{dst, room, 0};
    bool frame_ended;
    try {
        frame_ended = context_.decompress(in_, out);
    } catch (const zstd_error& e) {
        fail(e.condition(), e.what());
    }
    if (check_checksum_)
        hash_.update(dst, out.pos);
    produced_ += out.pos;
    if (frame_.content_size != unknown_size && produced_ > frame_.content_size)
        fail(errc::corruption_detected, "it decodes to more than the " + std::to_string(frame_.content_size) +
                                            " bytes of content the seek table gives it");
    if (limit_ != unknown_size && produced_ > limit_)
        fail(errc::output_limit_exceeded, "its content brings the output above max_output_size (" +
                                              std::to_string(limit_) + " bytes were left of it)");
    if (frame_ended) {
        check_end();
        return out.pos;
    }
    if (out.pos == 0 && in_.pos == in_before) {
        // No input left to give and no output: the frame goes on past the
        // bytes it was given.
        if (in_.empty() && fed_ == frame_.compressed_size)
            fail(errc::corruption_detected, "the frame does not end within the " +
                                                std::to_string(frame_.compressed_size) +
                                                " compressed bytes the seek table gives it");
        if (++idle_steps_ > 16)
            fail(errc::corruption_detected, "decoding makes no progress");
    } else {
        idle_steps_ = 0;
    }
    return out.pos;
}

void frame_decoder::check_end()
{
    const std::uint64_t consumed = fed_ - (in_.size - in_.pos);
    if (consumed != frame_.compressed_size)
        fail(errc::corruption_detected, "the frame ends after " + std::to_string(consumed) + " of the " +
                                            std::to_string(frame_.compressed_size) +
                                            " compressed bytes the seek table gives it");
    if (frame_.content_size != unknown_size && produced_ != frame_.content_size)
        fail(errc::corruption_detected, "it decodes to " + std::to_string(produced_) + " bytes, the seek table says " +
                                            std::to_string(frame_.content_size));
    if (check_checksum_) {
        const auto actual = static_cast<std::uint32_t>(hash_.digest());
        if (actual != *frame_.checksum)
            fail(errc::checksum_wrong, "the checksum of its content is " + hex32(actual) +
                                           ", the seek table records " + hex32(*frame_.checksum));
    }
    ended_ = true;
}

std::size_t frame_decoder::decode(char* dst, std::size_t n)
{
    const bool known = frame_.content_size != unknown_size;
    std::size_t got = 0;
    while (!ended_ && got < n) {
        std::size_t room = n - got;
        if (known)
            room = static_cast<std::size_t>(std::min<std::uint64_t>(room, frame_.content_size - produced_));
        if (room == 0)
            break;
        got += step(dst + got, room);
    }
    // All the content the table promises is out: the frame must end here,
    // checked before those last bytes are handed over.
    if (known && !ended_ && produced_ == frame_.content_size) {
        char extra;
        while (!ended_)
            step(&extra, 1); // a byte more fails in step()
    }
    return got;
}

std::uint64_t frame_decoder::finish()
{
    if (scratch_.empty())
        scratch_.resize(discard_piece);
    while (!ended_)
        decode(scratch_.data(), scratch_.size());
    return produced_;
}

} // namespace detail
} // namespace zstdio
