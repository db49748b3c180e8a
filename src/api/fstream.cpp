// zstdio — ifstream and ofstream (include/zstdio/fstream.hpp).
#include <zstdio/fstream.hpp>

#include <zstdio/filter.hpp>

#include <boost/iostreams/device/file.hpp>

namespace zstdio {

namespace io = boost::iostreams;

// ---------------------------------------------------------------------------
// ifstream

ifstream::ifstream() : std::istream(nullptr) { rdbuf(&buffer_); }

ifstream::ifstream(const std::string& path, const zstd_params& params, bool pass_through) : ifstream()
{
    open(path, params, pass_through);
}

ifstream::~ifstream() = default;

void ifstream::open(const std::string& path, const zstd_params& params, bool pass_through)
{
    auto_decompressor filter(params, pass_through); // throws for bad params before anything changes
    io::file_source file(path, std::ios_base::in | std::ios_base::binary);
    if (is_open() || !file.is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    buffer_.push(filter);
    buffer_.push(file);
    filter_ = filter;
    clear();
}

bool ifstream::is_open() const noexcept { return !buffer_.empty(); }

void ifstream::close()
{
    if (!is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    buffer_.reset();
    filter_.reset();
}

std::optional<zstd_error> ifstream::last_error() const
{
    if (!filter_)
        return std::nullopt;
    return filter_->last_error();
}

// ---------------------------------------------------------------------------
// ofstream

ofstream::ofstream() : std::ostream(nullptr) { rdbuf(&buffer_); }

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
    io::file_sink file(path, std::ios_base::out | std::ios_base::trunc | std::ios_base::binary);
    if (!file.is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    buffer_.push(filter);
    buffer_.push(file);
    clear();
}

bool ofstream::is_open() const noexcept { return !buffer_.empty(); }

void ofstream::close()
{
    if (!is_open()) {
        setstate(std::ios_base::failbit);
        return;
    }
    try {
        buffer_.reset(); // writes what is buffered, ends the frame, closes the file
    } catch (...) {
        if (exceptions() & std::ios_base::badbit)
            throw;
        setstate(std::ios_base::badbit);
    }
}

} // namespace zstdio
