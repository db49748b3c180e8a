/// @file
/// seekable_source: a Boost.Iostreams device that reads the decompressed
/// content of a zstd file at any offset.
#ifndef ZSTDIO_SEEKABLE_SOURCE_HPP
#define ZSTDIO_SEEKABLE_SOURCE_HPP

#include <zstdio/config.hpp>
#include <zstdio/detail/random_access.hpp>
#include <zstdio/params.hpp>
#include <zstdio/seek_table.hpp>

#include <boost/iostreams/categories.hpp>
#include <boost/iostreams/positioning.hpp>

#include <cstddef>
#include <cstdint>
#include <ios>
#include <memory>
#include <string>
#include <type_traits>

namespace zstdio {

namespace detail {
struct seekable_state;
class frame_reader;
/// Deletes a frame_reader (an incomplete type here).
struct frame_reader_deleter {
    void operator()(frame_reader* r) const noexcept;
};
} // namespace detail

/// The decompressed content of a zstd file, readable at any offset: a
/// Boost.Iostreams input-seekable device.
///
/// ```
/// zstdio::seekable_source src("data.zst");
/// boost::iostreams::stream<zstdio::seekable_source> in(src);
/// in.seekg(1000000);                    // decodes one frame, not a million bytes
/// char buf[100];
/// in.read(buf, sizeof buf);
/// ```
///
/// **The file.** Best is zstd's seekable format (written by
/// seekable_compressor, zstd's contrib seekable library, or any tool that
/// follows it): frames of a bounded size and a seek table at the end.  A
/// file without a table is indexed on opening (seek_table::index(): the
/// frames' headers are read, and a frame whose header does not record its
/// content size is decoded once to measure it), so any zstd file works:
/// the output of `zstd` (usually one frame), concatenated frames, skippable
/// frames between them.  Random access costs the decoding of the frame
/// holding the offset, from its start: fast for files of many small frames,
/// a decode from the start for a single-frame file.
///
/// **Checks.**  The bytes of the file are untrusted.  Opening checks the
/// table (seek_table::read()) and then walks the frames' headers and block
/// headers (not their data): each frame must end exactly where the table
/// says, and a frame whose header records its content size must agree with
/// the table.  Decoding a frame checks that it decodes to exactly the
/// table's size and, when the table has checksums, to its checksum.  A
/// frame of at most cached_frame_limit bytes of content is decoded whole and
/// checked before any of its bytes is returned; a larger frame is streamed,
/// never handing out a byte past the table's size, and its size and
/// checksum are checked when a read reaches its end.  A failed check is a
/// zstd_error naming the frame, never a wrong byte from that frame.  A
/// frame whose header does not record its content size (zstd's contrib
/// writer leaves it out) is decoded once, and checked against the table,
/// before the first read in any later frame, whose offset rests on it: the
/// first random read far into such a file costs a decode of the unsized
/// frames before it (once per file, shared by copies and threads).
///
/// **Copies** share the file, the table and the read_at() readers (Boost
/// copies a device into each stream); each copy has its own position and
/// its own cached frame for read() and seek().
///
/// **Threads.**  read_at() and the other const members may be called from
/// many threads at once, on one object or on copies; read() and seek() move
/// this copy's position and need exclusive access to it, like any stream.
///
/// **Memory.**  A reader holds one decompression context and the content
/// of one frame (up to cached_frame_limit; 256 KiB of a larger frame); with
/// `threads` = N, read() also holds 4N frames decoded ahead and N contexts.
/// Each copy that reads has one reader, and read_at() keeps up to 4 idle
/// readers for reuse.
class ZSTDIO_DECL seekable_source {
public:
    /// Boost.Iostreams: a device of chars.
    using char_type = char;
    /// Boost.Iostreams: an input-seekable device with an optimal buffer size.
    struct category : boost::iostreams::input_seekable,
                      boost::iostreams::device_tag,
                      boost::iostreams::optimally_buffered_tag {};

    /// Frames whose content is at most this many bytes (8 MiB) are decoded
    /// whole, checked, and kept for the next read in the same frame; larger
    /// frames are streamed in 256 KiB pieces.
    static constexpr std::uint64_t cached_frame_limit = std::uint64_t{8} << 20;

    /// Opens the file at `path`, memory-mapped (Boost's
    /// mapped_file_source), and reads its seek table or indexes it.
    /// @param path a zstd file.
    /// @param p decoding settings: `dict` (offered to every frame),
    ///        `window_log_max`, `verify_checksum` (false skips the frames'
    ///        checksums and the table's), `advanced_decompression`;
    ///        `max_output_size` (0 = none) bounds the decompressed size()
    ///        (errc::output_limit_exceeded above it).  `format` must be
    ///        zstd1.  `threads` (N > 0, or negative: one per logical CPU):
    ///        read() decodes the frames after the one it reads ahead, on N
    ///        workers (4 frames per worker in flight, frames of at most
    ///        cached_frame_limit bytes of content), with the same bytes and
    ///        errors; read_at() and verify() decode in the calling thread.
    ///        `multi_frame` is not used: every frame is read.
    /// @throw std::ios_base::failure when the file cannot be opened or
    ///        mapped; zstd_error errc::not_zstd_frame for an empty file,
    ///        and what seek_table::read() and seek_table::index() throw,
    ///        and errc::corruption_detected (or the frame walker's error:
    ///        not_zstd_frame, truncated_input) when a frame does not lie
    ///        where the table says or its header contradicts the table;
    ///        std::invalid_argument for format = magicless.
    explicit seekable_source(const std::string& path, const zstd_params& p = {});

    /// Reads a copy of `device`: any Boost.Iostreams Source of chars that
    /// is direct (array_source, mapped_file_source: read in place) or
    /// input-seekable (file_source, a user's device: read by seeking, under
    /// a mutex).  The device holds the whole file.
    /// @throw as the constructor taking a path (after opening), and what
    ///        the device throws.
    template <class Device, class = std::enable_if_t<detail::is_random_access_device_v<Device> &&
                                                     !std::is_same_v<Device, seekable_source>>>
    explicit seekable_source(const Device& device, const zstd_params& p = {})
        : seekable_source(detail::make_random_access(device), p)
    {
    }

    /// Shares the file, table and readers; the position is copied, the
    /// cached frame is not.
    seekable_source(const seekable_source& other);
    /// As the copy constructor.
    seekable_source& operator=(const seekable_source& other);
    /// Takes `other`'s state; `other` may only be destroyed or assigned.
    seekable_source(seekable_source&& other) noexcept;
    /// As the move constructor.
    seekable_source& operator=(seekable_source&& other) noexcept;
    ~seekable_source();

    /// The decompressed size: the sum of the frames' content.
    std::uint64_t size() const noexcept;
    /// The seek table: read from the file, or built by indexing it.
    const seek_table& table() const noexcept;
    /// True when the file ends with a seek table (false: it was indexed).
    bool has_seek_table() const noexcept;
    /// The settings given at construction.
    const zstd_params& params() const noexcept;

    /// Boost.Iostreams read: copies up to `n` bytes from the position to
    /// `s` and moves the position past them.  Returns how many (less than
    /// `n` only at the end), or -1 at the end.  Reading inside the frame
    /// read last costs no decoding (for frames up to cached_frame_limit);
    /// reading on in a large frame decodes only what follows.
    /// @throw zstd_error when a frame is corrupt or contradicts the table
    ///        (the position is then unchanged); what the device throws.
    std::streamsize read(char* s, std::streamsize n);

    /// Boost.Iostreams seek: moves the position to `off` from the start,
    /// the position or the end (size()), and returns it.  Positions past
    /// the end are allowed (reads there are at the end).  Decodes nothing.
    /// @throw std::invalid_argument for a position before the start.
    std::streampos seek(boost::iostreams::stream_offset off, std::ios_base::seekdir way);

    /// The position of read().
    std::uint64_t position() const noexcept { return position_; }

    /// Buffer size a stream should use over this device: 128 KiB (libzstd's
    /// recommended output size).  Boost's default for devices, 4 KiB, makes
    /// `io::stream<seekable_source>` call read() 32 times as often.
    std::streamsize optimal_buffer_size() const noexcept { return 128 * 1024; }

    /// Copies up to `n` bytes of content from `offset` to `dst`, without
    /// moving the position; returns how many (less than `n` only when the
    /// content ends first; 0 when offset >= size()).  Safe from many
    /// threads at once: each call decodes with its own reader (taken from a
    /// shared pool of idle ones, each with its own context and cached
    /// frame).
    /// @throw zstd_error as read(); `dst` may then have been written to.
    std::size_t read_at(std::uint64_t offset, char* dst, std::size_t n) const;

    /// Decodes every frame and checks it against the table (its end, its
    /// size, its checksum), like `zstd -t`; nothing is kept.  Thread safe.
    /// @throw zstd_error for the first frame that fails.
    void verify() const;

private:
    seekable_source(std::shared_ptr<const detail::random_access_source> file, const zstd_params& p);

    std::shared_ptr<const detail::seekable_state> state_;
    std::unique_ptr<detail::frame_reader, detail::frame_reader_deleter> reader_;
    std::uint64_t position_ = 0;
};

} // namespace zstdio

#endif
