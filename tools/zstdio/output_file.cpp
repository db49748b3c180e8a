// zstdio CLI — temporary-file-and-rename output, removed on error or Ctrl-C.
#include "output_file.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace zstdio_cli {
namespace {

// The temporary file being written, for the signal handler (one at a time).
char pending_temp[4096];
volatile std::sig_atomic_t have_pending = 0;

extern "C" void remove_pending_and_die(int sig)
{
    if (have_pending)
        ::unlink(pending_temp); // async-signal-safe
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_handlers_once()
{
    static const bool installed = [] {
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE})
            std::signal(sig, remove_pending_and_die);
        return true;
    }();
    (void)installed;
}

std::string directory_of(const std::string& name)
{
    const auto slash = name.rfind('/');
    return slash == std::string::npos ? std::string() : name.substr(0, slash + 1);
}

std::string base_of(const std::string& name)
{
    const auto slash = name.rfind('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

} // namespace

bool file_exists(const std::string& name)
{
    struct stat st;
    return ::lstat(name.c_str(), &st) == 0;
}

output_file::output_file(const std::string& name, bool force) : name_(name), force_(force)
{
    if (name == "-") {
        fd_ = 1;
        return;
    }
    if (!force && file_exists(name))
        throw std::runtime_error("already exists; not overwritten (use -f to overwrite)");
    std::string pattern = directory_of(name) + "." + base_of(name) + ".XXXXXX";
    if (pattern.size() >= sizeof pending_temp)
        throw std::runtime_error("file name too long");
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    install_handlers_once();
    fd_ = ::mkostemp(buffer.data(), O_CLOEXEC);
    if (fd_ < 0)
        throw std::runtime_error(std::string("cannot create the output file: ") + std::strerror(errno));
    temp_ = buffer.data();
    std::memcpy(pending_temp, temp_.c_str(), temp_.size() + 1);
    have_pending = 1;
}

output_file::~output_file()
{
    if (!committed_)
        discard();
}

void output_file::discard() noexcept
{
    if (temp_.empty())
        return;
    have_pending = 0;
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    ::unlink(temp_.c_str());
}

void output_file::commit(unsigned mode)
{
    if (temp_.empty()) {
        committed_ = true;
        return;
    }
    // Like zstd, the output gets the input's permissions (the umask applies
    // to new files made from standard input).
    if (mode == 0666) {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode &= ~mask;
    }
    ::fchmod(fd_, static_cast<mode_t>(mode));
    if (::close(fd_) != 0) {
        fd_ = -1;
        throw std::runtime_error(std::string("write error: ") + std::strerror(errno));
    }
    fd_ = -1;
    if (force_) {
        if (::rename(temp_.c_str(), name_.c_str()) != 0)
            throw std::runtime_error(std::string("cannot rename the output file: ") + std::strerror(errno));
    } else {
        // link() fails when the name was taken meanwhile: never clobber it.
        if (::link(temp_.c_str(), name_.c_str()) != 0) {
            if (errno == EEXIST)
                throw std::runtime_error("already exists; not overwritten (use -f to overwrite)");
            if (file_exists(name_) || ::rename(temp_.c_str(), name_.c_str()) != 0)
                throw std::runtime_error(std::string("cannot create the output file: ") + std::strerror(errno));
        }
        ::unlink(temp_.c_str());
    }
    have_pending = 0;
    committed_ = true;
}

} // namespace zstdio_cli
