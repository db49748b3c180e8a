// zstdio CLI — compressing and decompressing through filtering streams.
#include "actions.hpp"

#include <zstdio/error.hpp>
#include <zstdio/filter.hpp>

#include <boost/iostreams/filtering_stream.hpp>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace io = boost::iostreams;

namespace zstdio_cli {

zstdio::zstd_params compression_settings(const options& o, const std::optional<zstdio::zstd_dict>& dict)
{
    zstdio::zstd_params p(o.level);
    p.checksum = o.checksum;
    p.threads = o.threads;
    p.dict = dict;
    if (o.long_window) {
        zstdio::compression_parameters advanced;
        advanced.enable_long_distance_matching(true).window_log(*o.long_window);
        p.advanced = advanced;
    }
    return p;
}

zstdio::zstd_params decompression_settings(const options& o, const std::optional<zstdio::zstd_dict>& dict)
{
    zstdio::zstd_params p;
    p.dict = dict;
    p.window_log_max = std::max(27, o.long_window.value_or(27));
    return p;
}

transfer compress_stream(const input_file& in, int out_fd, zstdio::zstd_params params, progress_line& progress)
{
    if (in.size() != zstdio::unknown_size)
        params.source_size = in.size();
    io_record written;
    transfer t;
    {
        io::filtering_ostream out;
        out.push(zstdio::zstd_compressor(params));
        out.push(fd_sink(out_fd, &written));
        // Let write() rethrow the filter's own exception instead of only
        // setting badbit, so the message names the real cause.  (Set once the
        // chain is complete: an empty chain is bad.)
        out.exceptions(std::ios_base::badbit);

        std::vector<char> chunk(zstdio::compression_input_size());
        while (const std::size_t got = read_some(in.fd(), chunk.data(), chunk.size())) {
            out.write(chunk.data(), static_cast<std::streamsize>(got));
            t.in += got;
            progress.update(t.in, written.bytes, in.size());
        }
        // Ends the frame; unlike the destructor, reset() reports a failure.
        out.reset();
    }
    t.out = written.bytes;
    return t;
}

transfer decompress_stream(const input_file& in, int out_fd, const zstdio::zstd_params& params,
                           progress_line& progress)
{
    io_record read_record;
    io_record written;
    fd_sink sink(out_fd, &written);
    transfer t;

    // Our copy of the filter shares its state with the one in the chain, so
    // it can say why the stream went bad.
    zstdio::zstd_decompressor decompressor(params);
    io::filtering_istream stream;
    stream.push(decompressor);
    stream.push(fd_source(in.fd(), &read_record), static_cast<std::streamsize>(zstdio::decompression_input_size()));

    std::vector<char> chunk(zstdio::decompression_output_size());
    while (stream) {
        stream.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const std::streamsize got = stream.gcount();
        if (got > 0) {
            if (out_fd >= 0)
                sink.write(chunk.data(), got);
            t.out += static_cast<std::uint64_t>(got);
        }
        progress.update(read_record.bytes, t.out, in.size());
    }
    if (stream.bad()) {
        // std::istream turned the exception into badbit: ask where it came from.
        if (decompressor.last_error())
            throw *decompressor.last_error();
        throw std::runtime_error(read_record.error.empty() ? "read error" : read_record.error);
    }
    t.in = read_record.bytes;
    return t;
}

} // namespace zstdio_cli
