// zstdio CLI — temporary-file-and-rename output for regular files, in-place
// output for devices and FIFOs, removal of the temporary file on error or
// signal.
#include "output_file.hpp"

#include "console.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

namespace zstdio_cli {
namespace {

// The temporary file being written, for the signal handler (one at a time).
char pending_temp[4096];
volatile std::sig_atomic_t have_pending = 0;
// While the temporary file is being created its name is not known yet: a
// signal then waits until it is (else the new file would stay behind).
volatile std::sig_atomic_t creating = 0;
volatile std::sig_atomic_t deferred_signal = 0;

extern "C" void remove_pending_and_die(int sig)
{
    if (creating) {
        deferred_signal = sig;
        return;
    }
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

std::runtime_error system_error(const std::string& what)
{
    return std::runtime_error(what.empty() ? std::strerror(errno) : what + ": " + std::strerror(errno));
}

/// zstd's question before replacing a file; true when the user says y.
bool user_confirms(const std::string& name, const output_policy& policy, const console& con)
{
    if (con.verbosity() <= 1)
        throw reported_error(name + " already exists; not overwritten ");
    std::fprintf(stderr, "%s: %s already exists; ", con.prefix().c_str(), name.c_str());
    // zstd's refusal is "Not overwritten  \n", to which it adds " \n".
    return con.confirm("overwrite (y/n) ? ", "Not overwritten  \n", policy.stdin_is_input);
}

} // namespace

output_file::output_file(const std::string& name, const output_policy& policy, const console& con)
    : name_(name), overwrite_(policy.overwrite)
{
    if (name == "-") {
        kind_ = kind::standard_output;
        fd_ = 1;
        return;
    }
    struct stat st;
    const bool exists = ::stat(name.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            throw std::runtime_error("is a directory");
        // A device, FIFO or socket: write into it, never replace it.
        kind_ = kind::special;
        fd_ = ::open(name.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd_ < 0)
            throw system_error("");
        return;
    }
    if (exists && !overwrite_) {
        if (!user_confirms(name, policy, con))
            throw reported_error(""); // the question and its answer are on the screen
        overwrite_ = true;
    }
    // An existing symbolic link stays a link: the file it points to is the
    // one replaced, as writing through the link would do.
    struct stat link_status;
    if (exists && ::lstat(name.c_str(), &link_status) == 0 && S_ISLNK(link_status.st_mode)) {
        char* target = ::realpath(name.c_str(), nullptr);
        if (!target)
            throw system_error("");
        name_ = target;
        std::free(target);
    }
    std::string pattern = directory_of(name_) + "." + base_of(name_) + ".XXXXXX";
    if (pattern.size() >= sizeof pending_temp)
        throw std::runtime_error("file name too long");
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    install_handlers_once();
    creating = 1;
    fd_ = ::mkostemp(buffer.data(), O_CLOEXEC);
    const int error = errno;
    if (fd_ >= 0) {
        std::memcpy(pending_temp, buffer.data(), buffer.size());
        std::atomic_signal_fence(std::memory_order_seq_cst); // the name before the flag
        have_pending = 1;
    }
    creating = 0;
    if (deferred_signal)
        remove_pending_and_die(deferred_signal);
    errno = error;
    if (fd_ < 0)
        throw system_error("");
    temp_ = buffer.data();
}

output_file::~output_file()
{
    if (!committed_)
        discard();
}

void output_file::discard() noexcept
{
    if (kind_ == kind::special && fd_ >= 0)
        ::close(fd_);
    if (kind_ != kind::regular)
        return;
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    ::unlink(temp_.c_str());
    have_pending = 0; // after the unlink: a signal before it removes the file too
}

void output_file::commit(const struct stat* source)
{
    if (kind_ == kind::standard_output) {
        committed_ = true;
        return;
    }
    if (kind_ == kind::special) {
        const int fd = fd_;
        fd_ = -1;
        committed_ = true;
        if (::close(fd) != 0)
            throw system_error("");
        return;
    }
    if (source) {
        // As zstd (and gzip): times, then group, permissions, owner.
        const struct timespec times[2] = {source->st_atim, source->st_mtim};
        int ignored = ::futimens(fd_, times);
        ignored = ::fchown(fd_, static_cast<uid_t>(-1), source->st_gid);
        ::fchmod(fd_, source->st_mode & 0777);
        ignored = ::fchown(fd_, source->st_uid, static_cast<gid_t>(-1));
        (void)ignored; // as zstd: metadata that cannot be copied is not an error
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd_, 0666 & ~mask);
    }
    // fsync is not needed for atomicity against other processes; close()
    // reports delayed write errors (NFS, full disk).
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0)
        throw system_error("");
    if (overwrite_) {
        if (::rename(temp_.c_str(), name_.c_str()) != 0)
            throw system_error("");
    } else {
        // link() fails when the name was taken meanwhile: never clobber it.
        if (::link(temp_.c_str(), name_.c_str()) != 0) {
            if (errno == EEXIST)
                throw reported_error(name_ + " already exists; not overwritten ");
            struct stat st;
            if (::lstat(name_.c_str(), &st) == 0 || ::rename(temp_.c_str(), name_.c_str()) != 0)
                throw system_error("");
        }
        ::unlink(temp_.c_str());
    }
    have_pending = 0;
    committed_ = true;
}

bool remove_input(const std::string& name, const console& con)
{
    struct stat st;
    if (::stat(name.c_str(), &st) != 0) {
        con.print(2, format("%s: Failed to stat %s while trying to remove it\n", con.prefix().c_str(), name.c_str()));
        return true;
    }
    if (!S_ISREG(st.st_mode)) {
        con.print(2, format("%s: Refusing to remove non-regular file %s\n", con.prefix().c_str(), name.c_str()));
        return true; // the input stays; the run still succeeded
    }
    if (::unlink(name.c_str()) != 0) {
        con.error(name, std::strerror(errno));
        return false;
    }
    return true;
}

} // namespace zstdio_cli
