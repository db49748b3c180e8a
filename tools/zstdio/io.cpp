// zstdio CLI — file descriptor devices.
#include "io.hpp"

#include <zstdio/params.hpp>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace zstdio_cli {

std::size_t read_some(int fd, char* s, std::size_t n)
{
    for (;;) {
        const ssize_t got = ::read(fd, s, n);
        if (got >= 0)
            return static_cast<std::size_t>(got);
        if (errno != EINTR)
            throw std::runtime_error(std::string("read error: ") + std::strerror(errno));
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
    std::streamsize done = 0;
    while (done < n) {
        const ssize_t w = ::write(fd_, s + done, static_cast<std::size_t>(n - done));
        if (w < 0) {
            if (errno == EINTR)
                continue;
            const std::string reason = std::string("write error: ") + std::strerror(errno);
            if (record_->error.empty())
                record_->error = reason;
            throw std::ios_base::failure(reason);
        }
        done += w;
    }
    record_->bytes += static_cast<std::uint64_t>(n);
    return n;
}

input_file::input_file(const std::string& name) : size_(zstdio::unknown_size)
{
    if (name == "-") {
        fd_ = 0;
        is_stdin_ = true;
        return;
    }
    struct stat st;
    if (::stat(name.c_str(), &st) != 0)
        throw std::runtime_error(std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        throw std::runtime_error("is a directory");
    fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
        throw std::runtime_error(std::strerror(errno));
    if (S_ISREG(st.st_mode)) {
        size_ = static_cast<std::uint64_t>(st.st_size);
        mode_ = st.st_mode & 07777;
    }
    device_ = st.st_dev;
    inode_ = st.st_ino;
}

input_file::~input_file()
{
    if (!is_stdin_ && fd_ >= 0)
        ::close(fd_);
}

bool input_file::same_file(const std::string& path) const
{
    struct stat st;
    return !is_stdin_ && ::stat(path.c_str(), &st) == 0 && st.st_dev == device_ && st.st_ino == inode_;
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
