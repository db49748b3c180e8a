// zstdio CLI — file descriptor devices and input files.
#include "io.hpp"

#include "console.hpp"

#include <zstdio/params.hpp>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace zstdio_cli {

std::size_t read_some(int fd, char* s, std::size_t n)
{
    for (;;) {
        const ssize_t got = ::read(fd, s, n);
        if (got >= 0)
            return static_cast<std::size_t>(got);
        if (errno != EINTR)
            throw std::runtime_error(std::string("Read error : ") + std::strerror(errno));
    }
}

void write_all(int fd, const char* s, std::size_t n)
{
    std::size_t done = 0;
    while (done < n) {
        const ssize_t w = ::write(fd, s + done, n - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            throw write_error(std::string("Write error : ") + std::strerror(errno) +
                                     " (cannot write block)");
        }
        done += static_cast<std::size_t>(w);
    }
}

std::streamsize fd_source::read(char* s, std::streamsize n)
{
    std::size_t got;
    try {
        got = read_some(fd_, s, static_cast<std::size_t>(n));
    } catch (const std::exception& e) {
        if (record_->error.empty())
            record_->error = e.what();
        throw std::ios_base::failure(e.what());
    }
    record_->bytes += got;
    return got == 0 ? -1 : static_cast<std::streamsize>(got);
}

std::streamsize fd_sink::write(const char* s, std::streamsize n)
{
    if (fd_ >= 0) {
        try {
            write_all(fd_, s, static_cast<std::size_t>(n));
        } catch (const write_error& e) {
            if (record_->error.empty())
                record_->error = e.what();
            throw;
        }
    }
    record_->bytes += static_cast<std::uint64_t>(n);
    return n;
}

input_file::input_file(const std::string& name, const input_policy& policy)
    : name_(name), size_(zstdio::unknown_size)
{
    if (name == "-") {
        fd_ = 0;
        is_stdin_ = true;
        return;
    }
    if (::stat(name.c_str(), &status_) != 0)
        throw reported_error("can't stat " + name + " : " + std::strerror(errno) + " -- ignored");
    if (S_ISDIR(status_.st_mode))
        throw reported_error(name + " is a directory -- ignored");
    if (!S_ISREG(status_.st_mode) && !S_ISFIFO(status_.st_mode) &&
        !(policy.allow_block_devices && S_ISBLK(status_.st_mode)))
        throw reported_error(name + " is not a regular file -- ignored");
    fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
        throw reported_error(name + ": " + std::strerror(errno));
    if (S_ISREG(status_.st_mode)) {
        is_regular_ = true;
        size_ = static_cast<std::uint64_t>(status_.st_size);
    }
}

input_file::~input_file()
{
    if (!is_stdin_ && fd_ >= 0)
        ::close(fd_);
}

bool input_file::same_file(const std::string& path) const
{
    struct stat st;
    return !is_stdin_ && ::stat(path.c_str(), &st) == 0 && st.st_dev == status_.st_dev &&
           st.st_ino == status_.st_ino;
}

bool same_file(const std::string& a, const std::string& b)
{
    struct stat sa, sb;
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

std::string read_whole_file(const std::string& name)
{
    input_file in(name);
    std::string bytes;
    char chunk[1 << 16];
    while (const std::size_t got = read_some(in.fd(), chunk, sizeof chunk))
        bytes.append(chunk, got);
    return bytes;
}

} // namespace zstdio_cli
