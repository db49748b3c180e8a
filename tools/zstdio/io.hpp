// zstdio CLI — file descriptors as Boost.Iostreams devices, with byte counts.
#ifndef ZSTDIO_CLI_IO_HPP
#define ZSTDIO_CLI_IO_HPP

#include <boost/iostreams/categories.hpp>

#include <cstdint>
#include <ios>
#include <string>

namespace zstdio_cli {

/// Bytes that went through a device, and the first system error it met.
/// Devices are copied when pushed on a chain, so they point to one of these.
struct io_record {
    std::uint64_t bytes = 0;
    std::string error; ///< strerror text of a failed read or write
};

/// Reads a file descriptor (not owned).  A failed read throws
/// std::ios_base::failure and is kept in the record, because std::istream
/// turns the exception into badbit.
class fd_source {
public:
    using char_type = char;
    using category = boost::iostreams::source_tag;
    fd_source(int fd, io_record* record) : fd_(fd), record_(record) {}
    std::streamsize read(char* s, std::streamsize n);

private:
    int fd_;
    io_record* record_;
};

/// Writes all bytes to a file descriptor (not owned), or throws
/// std::ios_base::failure naming the system error.
class fd_sink {
public:
    using char_type = char;
    using category = boost::iostreams::sink_tag;
    fd_sink(int fd, io_record* record) : fd_(fd), record_(record) {}
    std::streamsize write(const char* s, std::streamsize n);

private:
    int fd_;
    io_record* record_;
};

/// An input file opened for reading (or standard input for "-"); closes it.
class input_file {
public:
    /// @throw std::runtime_error with the system's reason (missing, a
    ///        directory, unreadable).
    explicit input_file(const std::string& name);
    ~input_file();
    input_file(const input_file&) = delete;
    input_file& operator=(const input_file&) = delete;

    int fd() const noexcept { return fd_; }
    bool is_stdin() const noexcept { return is_stdin_; }
    /// Size of a regular file, else unknown (zstdio::unknown_size).
    std::uint64_t size() const noexcept { return size_; }
    /// Permission bits of a regular file (copied onto the output), else 0666.
    unsigned mode() const noexcept { return mode_; }
    /// Device and inode, to recognise an output that is the input itself.
    bool same_file(const std::string& path) const;

private:
    int fd_ = -1;
    bool is_stdin_ = false;
    std::uint64_t size_;
    unsigned mode_ = 0666;
    std::uint64_t device_ = 0, inode_ = 0;
};

/// Reads up to `n` bytes, retrying on EINTR; 0 at end of file.
/// @throw std::runtime_error with the system's reason.
std::size_t read_some(int fd, char* s, std::size_t n);

/// The whole content of a file (for dictionaries and training samples).
/// @throw std::runtime_error with the system's reason.
std::string read_whole_file(const std::string& name);

} // namespace zstdio_cli

#endif
