// zstdio CLI — where output goes, safely: standard output, a regular file
// that appears only when complete, or a device / FIFO written in place.
#ifndef ZSTDIO_CLI_OUTPUT_FILE_HPP
#define ZSTDIO_CLI_OUTPUT_FILE_HPP

#include <string>

#include <sys/stat.h>

namespace zstdio_cli {

class console;

/// How an output may treat what already exists at its name.
struct output_policy {
    bool overwrite = false;     ///< -f: replace an existing regular file without asking
    bool stdin_is_input = false; ///< no y/n question can be asked on stdin
};

/// An output that never damages anything:
///
/// - "-" is standard output.
/// - A name that is not a regular file (a character or block device such as
///   /dev/null, a FIFO, a socket) is opened and written in place; it is never
///   removed, replaced or truncated to a regular file.
/// - Otherwise the data go to a hidden temporary file in the same directory
///   (mode 0600), which commit() gives the final name (and the input's mode,
///   owner and times).  Until then (error, exception, SIGINT / SIGTERM /
///   SIGHUP / SIGPIPE) the temporary file is removed and an existing file of
///   that name is untouched.
///
/// An existing symbolic link is kept: the file it points to is replaced.
/// An existing regular file is replaced only with `overwrite`, or when the
/// user answers y to zstd's question (asked on the terminal when the
/// verbosity is above 1 and stdin is not an input).  Not thread safe; one
/// pending temporary file per process (the signal handler removes it).
class output_file {
public:
    /// @throw std::runtime_error with zstd's wording ("already exists; not
    ///        overwritten", the system's reason the file cannot be made).
    output_file(const std::string& name, const output_policy& policy, const console& con);
    ~output_file(); ///< removes the temporary file unless committed
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;

    int fd() const noexcept { return fd_; }
    const std::string& name() const noexcept { return name_; }
    bool is_stdout() const noexcept { return kind_ == kind::standard_output; }
    /// True for a regular file made through a temporary file.
    bool is_regular() const noexcept { return kind_ == kind::regular; }

    /// Flushes and closes the output (a write error there, such as a full
    /// disk, throws) and gives a regular file its final name.  `source`, when
    /// given, is the input's status: the output takes its permission bits,
    /// group, owner, access and modification times, as zstd does; without
    /// it a new file gets 0666 less the umask.
    /// @throw std::runtime_error with the system's reason.
    void commit(const struct stat* source);

private:
    enum class kind { standard_output, special, regular };
    void discard() noexcept;

    std::string name_;
    std::string temp_;
    kind kind_ = kind::regular;
    bool overwrite_;
    int fd_ = -1;
    bool committed_ = false;
};

/// Removes an input after a successful run (--rm), as zstd does: only a
/// regular file; anything else is left with a warning (verbosity 2), which
/// is not a failure (zstd exits 0).
/// @return false, with a message printed, when unlinking a regular file failed.
bool remove_input(const std::string& name, const console& con);

} // namespace zstdio_cli

#endif
