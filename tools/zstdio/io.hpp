// zstdio CLI — file descriptors as Boost.Iostreams devices, with byte
// counts, and input files opened as zstd opens them.
#ifndef ZSTDIO_CLI_IO_HPP
#define ZSTDIO_CLI_IO_HPP

#include <boost/iostreams/categories.hpp>

#include <cstdint>
#include <ios>
#include <stdexcept>
#include <string>

#include <sys/stat.h>

namespace zstdio_cli {

/// A failed write to the output ("Write error : No space left on device
/// (cannot write block)"): reported with the output's name, not the input's.
struct write_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Bytes that went through a device, and the first system error it met.
/// Devices are copied when pushed on a chain, so they point to one of these.
struct io_record {
    std::uint64_t bytes = 0;
    std::string error; ///< "Read error : ..." / "Write error : ..." text
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

/// Writes all bytes to a file descriptor (not owned), or throws write_error
/// naming the system error (ENOSPC: "No space left on device"), also kept
/// in the record (Boost.Iostreams swallows failures while closing).  A descriptor < 0 discards the bytes (-t counts them).
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

/// What an input may be, beyond regular files and FIFOs (zstd's rules).
struct input_policy {
    bool allow_block_devices = false; ///< -f
};

/// An input file opened for reading (or standard input for "-"); closes it.
class input_file {
public:
    /// @throw reported_error with zstd's line: "can't stat F : reason --
    ///        ignored", "F is a directory -- ignored", "F is not a regular
    ///        file -- ignored", "F: reason".
    input_file(const std::string& name, const input_policy& policy = {});
    ~input_file();
    input_file(const input_file&) = delete;
    input_file& operator=(const input_file&) = delete;

    int fd() const noexcept { return fd_; }
    const std::string& name() const noexcept { return name_; }
    bool is_stdin() const noexcept { return is_stdin_; }
    /// Size of a regular file, else unknown (zstdio::unknown_size).
    std::uint64_t size() const noexcept { return size_; }
    /// The file's status when it is a regular file (its metadata is copied
    /// onto the output), else nullptr.
    const struct stat* regular_status() const noexcept { return is_regular_ ? &status_ : nullptr; }
    /// Device and inode, to recognise an output that is the input itself.
    bool same_file(const std::string& path) const;

private:
    std::string name_;
    int fd_ = -1;
    bool is_stdin_ = false;
    bool is_regular_ = false;
    std::uint64_t size_;
    struct stat status_ {};
};

/// Reads up to `n` bytes, retrying on EINTR; 0 at end of file.
/// @throw std::runtime_error with the system's reason.
std::size_t read_some(int fd, char* s, std::size_t n);

/// Writes all `n` bytes, retrying on EINTR and short writes.
/// @throw std::runtime_error with the system's reason.
void write_all(int fd, const char* s, std::size_t n);

/// The whole content of a file (for dictionaries and training samples).
/// @throw std::runtime_error with the system's reason.
std::string read_whole_file(const std::string& name);

/// True when two paths name the same file (device and inode).
bool same_file(const std::string& a, const std::string& b);

} // namespace zstdio_cli

#endif
