/// @file
/// zstdio::ifstream and zstdio::ofstream: a compressed file as a std::istream
/// or std::ostream in one line.
#ifndef ZSTDIO_FSTREAM_HPP
#define ZSTDIO_FSTREAM_HPP

#include <zstdio/auto_decompressor.hpp>
#include <zstdio/config.hpp>
#include <zstdio/error.hpp>
#include <zstdio/params.hpp>

#include <boost/iostreams/filtering_streambuf.hpp>

#include <exception>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>

namespace zstdio {

/// Reads a file of any format auto_decompressor decodes (zstd, gzip, bzip2,
/// xz, .lzma, members of several in a row):
/// `zstdio::ifstream in("log.gz"); std::getline(in, line);`.
///
/// - Opens like std::ifstream: a file that cannot be opened sets failbit
///   and is_open() is false.
/// - A decoding error (corrupt, truncated or unknown data) sets badbit, so
///   a read loop ends with bad(), never with a clean eof(); last_error()
///   says what happened.  With `exceptions(std::ios::badbit)` the read
///   throws the zstd_error itself.
/// - Not thread safe; not copyable (as std::ifstream).
class ZSTDIO_DECL ifstream : public std::istream {
public:
    /// A stream with no file: is_open() is false.
    ifstream();
    /// Opens `path` (see open()).
    explicit ifstream(const std::string& path, const zstd_params& params = {}, bool pass_through = false);
    ifstream(const ifstream&) = delete;
    ifstream& operator=(const ifstream&) = delete;
    ~ifstream() override;

    /// Opens `path` for reading, decoded by an auto_decompressor(params,
    /// pass_through).  Sets failbit when a file is already open or `path`
    /// cannot be opened; clears the state on success (as C++11's
    /// std::ifstream::open).
    /// @throw std::invalid_argument for `params` auto_decompressor refuses.
    void open(const std::string& path, const zstd_params& params = {}, bool pass_through = false);
    /// True between a successful open() and close().
    bool is_open() const noexcept;
    /// Closes the file; sets failbit when none was open.
    void close();

    /// The error that stopped decoding (badbit), if any.
    std::optional<zstd_error> last_error() const;

private:
    std::stringbuf closed_{std::ios_base::in}; // while no file is open: reads end at once
    std::optional<boost::iostreams::filtering_istreambuf> buffer_;
    std::optional<auto_decompressor> filter_; // a copy sharing the chain's state
};

/// Writes a zstd file: `zstdio::ofstream out("x.zst", 19); out << text;`.
///
/// - Opens like std::ofstream (the file is created or truncated): a file
///   that cannot be opened sets failbit and is_open() is false.
/// - Everything written goes into one zstd frame, compressed with `params`
///   (level, checksum on by default, threads, dictionary, ...); flush()
///   ends a zstd block so that a reader sees what was written so far.
/// - close() ends the frame and closes the file.  A failure there sets
///   badbit, or, with badbit in exceptions(), throws the error (zstd_error,
///   or the std::ios_base::failure of the file).  A failure while writing
///   sets badbit (and throws it with that exception mask) as with any
///   std::ostream.  The destructor closes too, but cannot report: call
///   close() and check the state to know the file is complete.
/// - Not thread safe; not copyable (as std::ofstream).
class ZSTDIO_DECL ofstream : public std::ostream {
public:
    /// A stream with no file: is_open() is false.
    ofstream();
    /// Opens `path` (see open()).
    explicit ofstream(const std::string& path, const zstd_params& params = {});
    ofstream(const ofstream&) = delete;
    ofstream& operator=(const ofstream&) = delete;
    /// Closes (see close()), ignoring errors.
    ~ofstream() override;

    /// Creates or truncates `path` and starts a zstd frame with `params`.
    /// Sets failbit when a file is already open or `path` cannot be
    /// opened; clears the state on success.
    /// @throw std::invalid_argument / zstd_error for settings libzstd
    ///        refuses.
    void open(const std::string& path, const zstd_params& params = {});
    /// True between a successful open() and close().
    bool is_open() const noexcept;
    /// Ends the frame and closes the file; sets failbit when none was open,
    /// badbit (or throws, see the class description) when it fails.
    void close();

private:
    std::stringbuf closed_{std::ios_base::in}; // while no file is open: writes fail
    std::optional<boost::iostreams::filtering_ostreambuf> buffer_;
    std::shared_ptr<std::exception_ptr> error_; // the file's first failure
};

} // namespace zstdio

#endif
