// zstdio CLI — where output goes: standard output, or a file that appears
// only when it is complete.
#ifndef ZSTDIO_CLI_OUTPUT_FILE_HPP
#define ZSTDIO_CLI_OUTPUT_FILE_HPP

#include <string>

namespace zstdio_cli {

/// An output that never leaves a partial file behind.
///
/// A named output is written to a hidden temporary file in the same directory
/// and renamed onto its name by commit(); until then (error, exception,
/// Ctrl-C) the temporary file is removed and an existing file of that name is
/// untouched.  Without `force`, an existing file is never replaced, both when
/// the output is opened and at commit.  "-" is standard output.
class output_file {
public:
    /// @throw std::runtime_error "already exists; not overwritten" (without
    ///        force), or the system's reason the temporary file cannot be made.
    output_file(const std::string& name, bool force);
    ~output_file(); ///< removes the temporary file unless committed
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;

    int fd() const noexcept { return fd_; }
    const std::string& name() const noexcept { return name_; }
    bool is_stdout() const noexcept { return temp_.empty(); }

    /// Gives the file its final name with permission bits `mode`.
    /// @throw std::runtime_error with the system's reason.
    void commit(unsigned mode);

private:
    void discard() noexcept;

    std::string name_;
    std::string temp_; ///< empty for standard output
    int fd_ = -1;
    bool force_;
    bool committed_ = false;
};

/// True when `name` exists (any kind of file).
bool file_exists(const std::string& name);

} // namespace zstdio_cli

#endif
