// zstdio — ifstream and ofstream (include/zstdio/fstream.hpp).
//
// The files are file descriptors (Boost's file_descriptor devices), not
// std::filebuf: a read or write error then throws instead of looking like
// the end of the file, and a write that fails when the file is closed (a
// full disk) is reported.  Each open() makes a new filtering streambuf:
// Boost's filtering streambufs keep pointers into the chain they had.
#include <zstdio/fstream.hpp>

#include <zstdio/filter.hpp>

#include <boost/iostreams/device/file_descriptor.hpp>

#include <exception>
#include <memory>

namespace zstdio {

namespace io = boost::iostreams;

namespace {

/// A file descriptor sink that keeps the first error it throws: Boost's
/// chains swallow a failure of the file while they close (the frame's last
/// bytes are written then), and close() must still report it.
class recording_sink {
public:
    using char_type = char;
    struct category : io::sink_tag, io::closable_tag {};

    recording_sink(io::file_descriptor_sink file, std::shared_ptr<std::exception_ptr> error)
        : file_(std::move(file)), error_(std::move(error))
    {
    }
    std::streamsize write(const char* s, std::streamsize n)
    {
        return recorded<std::streamsize>([&] { return file_.write(s, n); });
    }
    void close()
    {
        recorded<int>([&] {
            file_.close();
            return 0;
        });
    }

private:
    template <class Result, class Step>
    Result recorded(Step step)
    {
        try {
            return step();
        } catch (...) {
            if (!*error_)
                *error_ = std::current_exception();
            throw;
        }
    }

    io::file_descriptor_sink file_;
    std::shared_ptr<std::exception_ptr> error_;
};

// Sets `stream`'s buffer to `buffer` keeping its state (rdbuf() clears it).
void switch_buffer(std::ios& stream, std::streambuf* buffer)
{
    const std::ios_base::iostate state = stream.rdstate();
    stream.rdbuf(buffer);
    stream.clear(state);
}
} // namespace

// ---------------------------------------------------------------------------
// ifstream

ifstream::ifstream() : std::istream(nullptr) { rdbuf(&closed_); }

ifstream::ifstream(const std::string& path, const zstd_params& params, bool pass_through) : ifstream()
{
    open(path, params, pass_through);
}

ifstream::~ifstream() = default;

void ifstream::open(const std::string& path, const zstd_params& params, bool pass_through)
{
    auto_decompressor filter(params, pass_through); // throws for bad params before anything changes
    if (is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    io::file_descriptor_source file;
    try {
        file.open(path, std::ios_base::in | std::ios_base::binary);
    } catch (const std::ios_base::failure&) {
    }
    if (!file.is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    buffer_.emplace();
    buffer_->push(filter);
    buffer_->push(file);
    filter_ = filter;
    rdbuf(&*buffer_); // clears the state
}

bool ifstream::is_open() const noexcept { return buffer_.has_value(); }

void ifstream::close()
{
    if (!is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    switch_buffer(*this, &closed_);
    buffer_.reset();
}

std::optional<zstd_error> ifstream::last_error() const
{
    if (!filter_)
        return std::nullopt;
    return filter_->last_error();
}

// ---------------------------------------------------------------------------
// ofstream

ofstream::ofstream() : std::ostream(nullptr) { rdbuf(&closed_); }

ofstream::ofstream(const std::string& path, const zstd_params& params) : ofstream() { open(path, params); }

ofstream::~ofstream()
{
    if (!is_open())
        return;
    try {
        exceptions(std::ios_base::goodbit);
        close();
    } catch (...) { // a destructor cannot report it: close() can
    }
}

void ofstream::open(const std::string& path, const zstd_params& params)
{
    zstd_compressor filter(params); // throws for bad params before the file is touched
    if (is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    io::file_descriptor_sink file;
    try {
        file.open(path, std::ios_base::out | std::ios_base::trunc | std::ios_base::binary);
    } catch (const std::ios_base::failure&) {
    }
    if (!file.is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    error_ = std::make_shared<std::exception_ptr>();
    buffer_.emplace();
    buffer_->push(filter);
    buffer_->push(recording_sink(file, error_));
    rdbuf(&*buffer_); // clears the state
}

bool ofstream::is_open() const noexcept { return buffer_.has_value(); }

void ofstream::close()
{
    if (!is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    // What the stream wrote into the buffer goes down the chain (Boost
    // swallows a failure there), then the chain's close ends the frame and
    // closes the file (a failure of the file there is swallowed too: the
    // sink kept it).
    std::exception_ptr error;
    try {
        buffer_->pubsync();
        buffer_->reset();
    } catch (...) {
        error = std::current_exception();
    }
    if (!error)
        error = *error_;
    switch_buffer(*this, &closed_);
    buffer_.reset();
    error_.reset();
    if (!error)
        return;
    if (exceptions() & std::ios_base::badbit)
        std::rethrow_exception(error);
    setstate(std::ios_base::badbit);
}

} // namespace zstdio
