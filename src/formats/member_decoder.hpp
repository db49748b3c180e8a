// zstdio — private: one member of a gzip, bzip2, xz or .lzma stream, decoded
// by its own library (zlib, libbz2, liblzma), behind detail::auto_decoder.
//
// Why not Boost.Iostreams' gzip_decompressor, bzip2_decompressor and
// lzma_decompressor: none of them stops where its member ends.  After a gzip
// trailer, gzip_decompressor parses whatever follows as the next gzip header
// (a zstd frame there is gzip_error(bad_header), and the position is lost);
// bzip2_decompressor restarts on any byte left after a stream; and
// lzma_decompressor decodes with LZMA_CONCATENATED (and cannot read .lzma at
// all).  So a zstd frame after a gzip member, which `zstd -d` reads, could
// not be found.  These decoders make the same library calls, one member at a
// time, and leave the input just past its end.
#ifndef ZSTDIO_SRC_FORMATS_MEMBER_DECODER_HPP
#define ZSTDIO_SRC_FORMATS_MEMBER_DECODER_HPP

#include <zstdio/detail/context.hpp>
#include <zstdio/error.hpp>
#include <zstdio/format.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace zstdio {
namespace detail {

/// Decodes one member at a time.  Not thread safe.
class member_decoder {
public:
    virtual ~member_decoder() = default;

    /// Forgets the member being decoded: the next byte starts a new one.
    virtual void restart() = 0;

    /// One library step: decodes from `in` into `out`, advancing both.
    /// Returns true when the member ended: `in.pos` is then just past its
    /// last byte.  A step with no input may still deliver output the
    /// library held back.  Throws zstd_error for corrupt data
    /// (corruption_detected), a failed integrity check (checksum_wrong), or
    /// a member needing more memory than allowed (window_too_large).
    virtual bool decode(input_window& in, output_window& out) = 0;

    /// The input ended inside the member: throws zstd_error
    /// (truncated_input) saying so.  `produced`: the stream's output so far.
    [[noreturn]] virtual void truncated(std::uint64_t produced) const;

    /// Bytes of memory the library's state uses (an estimate).
    virtual std::size_t memory_size() const noexcept = 0;

    data_format format() const noexcept { return format_; }

protected:
    explicit member_decoder(data_format f) noexcept : format_(f) {}

    /// Throws zstd_error(`condition`, "decompressing <format>: `what`").
    [[noreturn]] void fail(errc condition, const std::string& what) const;

private:
    data_format format_;
};

/// gzip members (zlib, with zlib's own gzip header and trailer checks).
std::unique_ptr<member_decoder> make_gzip_decoder();
/// bzip2 streams (libbz2).
std::unique_ptr<member_decoder> make_bzip2_decoder();
/// xz streams or legacy .lzma streams (liblzma), refusing one that needs
/// more than `memory_limit` bytes of memory.
std::unique_ptr<member_decoder> make_lzma_decoder(data_format xz_or_lzma, std::uint64_t memory_limit);

} // namespace detail
} // namespace zstdio

#endif
