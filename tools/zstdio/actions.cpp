// zstdio CLI — compressing and decoding one input in any supported format.
#include "actions.hpp"

#include "adapt.hpp"
#include "lzma_alone.hpp"

#include <zstdio/error.hpp>
#include <zstdio/format.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/patch.hpp>
#include <zstdio/seekable_compressor.hpp>
#include <zstdio/seekable_source.hpp>
#include <zstdio/streaming.hpp>

#include <boost/iostreams/device/file_descriptor.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <algorithm>
#include <cstring>
#include <functional>
#include <stdexcept>

#include <unistd.h>

namespace io = boost::iostreams;

namespace zstdio_cli {
namespace {

constexpr std::size_t chunk_size = 1 << 17;

zstdio::parameter_switch to_switch(tri_state t)
{
    switch (t) {
    case tri_state::on: return zstdio::parameter_switch::enable;
    case tri_state::off: return zstdio::parameter_switch::disable;
    default: return zstdio::parameter_switch::automatic;
    }
}

/// libzstd's name for the error a frame failed with, as zstd prints it
/// ("Dictionary mismatch", "Restored data doesn't match checksum", ...).
std::string libzstd_error_name(const zstdio::zstd_error& e)
{
    switch (e.condition()) {
    case zstdio::errc::dictionary_mismatch: return "Dictionary mismatch";
    case zstdio::errc::not_zstd_frame: return "Unknown frame descriptor";
    default: break;
    }
    if (static_cast<int>(e.condition()) < 1000)
        return zstdio::zstd_category().message(static_cast<int>(e.condition()));
    return e.what();
}

} // namespace

zstdio::zstd_params compression_settings(const options& o, const std::optional<zstdio::zstd_dict>& dict,
                                         std::uint64_t patch_target_size)
{
    zstdio::zstd_params p(o.level);
    p.checksum = o.checksum.value_or(true);
    p.content_size = o.content_size;
    p.dict_id = o.dict_id;
    p.threads = o.single_thread ? 0 : o.threads;
    if (!o.patch_from)
        p.dict = dict;

    zstdio::compression_parameters a;
    bool any = false;
    auto set = [&](zstdio::compression_parameters::knob k, unsigned v) {
        if (v != 0) {
            a.set(k, static_cast<int>(v));
            any = true;
        }
    };
    using knob = zstdio::compression_parameters::knob;
    const advanced_settings& s = o.advanced;
    set(knob::window_log, s.window_log);
    set(knob::chain_log, s.chain_log);
    set(knob::hash_log, s.hash_log);
    set(knob::search_log, s.search_log);
    set(knob::min_match, s.min_match);
    set(knob::target_length, s.target_length);
    set(knob::strategy, s.strategy);
    if (p.threads > 0) {
        set(knob::overlap_log, s.overlap_log);
        set(knob::job_size, static_cast<unsigned>(o.block_size));
        if (o.rsyncable) {
            a.rsyncable(true);
            any = true;
        }
    }
    if (o.long_mode) {
        a.enable_long_distance_matching(true);
        any = true;
    }
    set(knob::ldm_hash_log, s.ldm_hash_log);
    set(knob::ldm_min_match, s.ldm_min_match);
    set(knob::ldm_bucket_size_log, s.ldm_bucket_size_log);
    set(knob::ldm_hash_rate_log, s.ldm_hash_rate_log);
    set(knob::target_cblock_size, static_cast<unsigned>(o.target_block_size));
    if (o.size_hint) {
        a.src_size_hint(static_cast<int>(std::min<std::uint64_t>(o.size_hint, 0x7fffffff)));
        any = true;
    }
    if (o.literals != tri_state::automatic) {
        a.literal_compression_mode(to_switch(o.literals));
        any = true;
    }
    if (o.row_match_finder != tri_state::automatic) {
        a.use_row_match_finder(to_switch(o.row_match_finder));
        any = true;
    }
    if (any)
        p.advanced = a;
    if (o.patch_from && dict)
        return zstdio::make_patch_params(*dict, patch_target_size, p);
    return p;
}

zstdio::zstd_params decompression_settings(const options& o, const std::optional<zstdio::zstd_dict>& dict)
{
    zstdio::zstd_params p;
    if (!o.patch_from)
        p.dict = dict;
    // zstd: the memory limit is the largest window accepted, 2^27 by
    // default or 2^windowLog of --long=# / --zstd=wlog=#.
    std::uint64_t limit = o.memory_limit;
    if (limit == 0)
        limit = std::uint64_t(1) << (o.advanced.window_log ? std::min(o.advanced.window_log, 31u) : 27u);
    int log = 10;
    while (log < 31 && (std::uint64_t(1) << (log + 1)) <= limit)
        ++log;
    p.window_log_max = log;
    p.verify_checksum = o.checksum.value_or(true); // -d --no-check: zstd skips the check
    // -T# (# > 1, or 0 = the cores): frames decoded by # threads.  zstd
    // decodes on one thread whatever -T says.
    p.threads = o.single_thread || o.threads <= 1 ? 0 : o.threads;
    if (o.patch_from && dict)
        return zstdio::apply_patch_params(*dict, p);
    return p;
}

// ---------------------------------------------------------------------------
// Compression

stream_compressor::stream_compressor(const options& o, const std::optional<zstdio::zstd_dict>& dict,
                                     const console& con, std::uint64_t patch_target_size)
    : options_(o), console_(con), params_(compression_settings(o, dict, patch_target_size)),
      input_buffer_(chunk_size)
{
    if (o.format == output_format::zstd) {
        if (o.adapt && params_.threads == 0)
            throw std::runtime_error("Adaptive mode is not compatible with single thread mode");
        if (o.rsyncable && params_.threads == 0)
            throw std::runtime_error("Rsyncable mode is not compatible with single thread mode");
        if (params_.threads == 0 && o.block_size)
            con.line(2, "Setting block size is useless in single-thread mode ");
        compressor_.emplace(params_);
    }
}

void stream_compressor::show_progress(const input_file& in, file_position where, std::uint64_t read,
                                      std::uint64_t written) const
{
    if (!console_.shows_progress())
        return;
    const int v = console_.verbosity();
    std::string text = "\r";
    if (where.count > 1) {
        const std::string& name = in.name();
        if (name.size() > 18)
            text += format("Compress: %zu/%zu files. Current: ...%s ", where.index + 1, where.count,
                           name.c_str() + name.size() - 15);
        else
            text += format("Compress: %zu/%zu files. Current: %*s ", where.index + 1, where.count,
                           static_cast<int>(18 - name.size()), name.c_str());
    }
    const readable_size r = make_readable(read, v);
    text += format("Read:%6.*f%4s ", r.precision, r.value, r.suffix);
    if (in.size() != zstdio::unknown_size) {
        const readable_size t = make_readable(in.size(), v);
        text += format("/%6.*f%4s", t.precision, t.value, t.suffix);
    }
    text += format(" ==> %2.f%%", static_cast<double>(written) / static_cast<double>(read + !read) * 100);
    console_.progress(text);
}

transfer stream_compressor::run(const input_file& in, int out_fd, file_position where)
{
    switch (options_.format) {
    case output_format::gzip:
        return run_filter(in, out_fd, where, [&](io::filtering_ostream& out) {
            out.push(io::gzip_compressor(io::gzip_params(std::clamp(options_.level, 1, 9))));
        });
    case output_format::xz:
        return run_filter(in, out_fd, where, [&](io::filtering_ostream& out) {
            out.push(io::lzma_compressor(io::lzma_params(static_cast<std::uint32_t>(std::clamp(options_.level, 0, 9)))));
        });
    case output_format::lzma:
        return run_filter(in, out_fd, where, [&](io::filtering_ostream& out) {
            out.push(lzma_alone_compressor(static_cast<std::uint32_t>(std::clamp(options_.level, 0, 9))));
        });
    default:
        if (!options_.seekable_frame_size)
            return run_zstd(in, out_fd, where);
        // Frames of a fixed size, each recording its content size, then the
        // seek table; -T# compresses frames in parallel, same bytes.
        return run_filter(in, out_fd, where, [&](io::filtering_ostream& out) {
            out.push(zstdio::seekable_compressor(params_, static_cast<std::size_t>(*options_.seekable_frame_size)));
        });
    }
}

transfer stream_compressor::run_zstd(const input_file& in, int out_fd, file_position where)
{
    // As zstd: --stream-size is the size of an input of unknown size (a
    // pipe); a regular file's own size wins.
    std::uint64_t pledged = in.size();
    if (pledged == zstdio::unknown_size && options_.stream_size)
        pledged = options_.stream_size;
    zstdio::compression_object frame = compressor_->compressobj(pledged);
    std::optional<level_adapter> adapter;
    if (options_.adapt)
        adapter.emplace(options_, console_);
    transfer t;
    for (;;) {
        const auto read_start = level_adapter::clock::now();
        const std::size_t got = read_some(in.fd(), input_buffer_.data(), input_buffer_.size());
        if (got == 0)
            break;
        t.in += got;
        output_buffer_.clear();
        const auto compress_start = level_adapter::clock::now();
        frame.compress(std::string_view(input_buffer_.data(), got), output_buffer_);
        const auto write_start = level_adapter::clock::now();
        write_all(out_fd, output_buffer_.data(), output_buffer_.size());
        t.out += output_buffer_.size();
        if (adapter)
            adapter->observe(frame, read_start, compress_start, write_start);
        show_progress(in, where, t.in, t.out);
    }
    output_buffer_.clear();
    frame.flush(zstdio::flush_mode::finish, output_buffer_);
    write_all(out_fd, output_buffer_.data(), output_buffer_.size());
    t.out += output_buffer_.size();
    return t;
}

transfer stream_compressor::run_filter(const input_file& in, int out_fd, file_position where,
                                       const std::function<void(io::filtering_ostream&)>& push_compressor)
{
    io_record written;
    transfer t;
    {
        io::filtering_ostream out;
        push_compressor(out);
        out.push(fd_sink(out_fd, &written));
        out.exceptions(std::ios_base::badbit);
        while (const std::size_t got = read_some(in.fd(), input_buffer_.data(), input_buffer_.size())) {
            out.write(input_buffer_.data(), static_cast<std::streamsize>(got));
            t.in += got;
            show_progress(in, where, t.in, written.bytes);
        }
        out.reset(); // ends the member (the seek table)
    }
    // Boost.Iostreams swallows a failure while closing the chain (the
    // member's last bytes are written then): the sink's record has it.
    if (!written.error.empty())
        throw write_error(written.error);
    t.out = written.bytes;
    return t;
}

// ---------------------------------------------------------------------------
// Decompression

stream_decompressor::stream_decompressor(const options& o, const std::optional<zstdio::zstd_dict>& dict,
                                         const console& con)
    : options_(o), console_(con), params_(decompression_settings(o, dict)), input_buffer_(chunk_size),
      output_buffer_(chunk_size, '\0')
{
}

reported_error stream_decompressor::zstd_failure(const zstdio::zstd_error& e, std::uint64_t window,
                                                    const std::string& shown) const
{
    if (e.condition() == zstdio::errc::truncated_input)
        return reported_error(shown + " : Read error (39) : premature end", false);
    if (e.condition() == zstdio::errc::window_too_large) {
        const std::uint64_t limit = std::uint64_t(1) << params_.window_log_max;
        int log = 0;
        while ((std::uint64_t(1) << log) < window)
            ++log;
        console_.line(1, format("%s : Window size larger than maximum : %llu > %llu ", shown.c_str(),
                                static_cast<unsigned long long>(window),
                                static_cast<unsigned long long>(options_.memory_limit ? options_.memory_limit : limit)));
        if (log <= 31)
            return reported_error(format("%s : Use --long=%d or --memory=%lluMB", shown.c_str(), log,
                                         static_cast<unsigned long long>((window >> 20) + ((window & 0xFFFFF) != 0))),
                                  false);
        return reported_error(shown + " : Window log larger than ZSTD_WINDOWLOG_MAX=31; not supported", false);
    }
    return reported_error(shown + " : Decoding error (36) : " + libzstd_error_name(e), false);
}

reported_error stream_decompressor::decoding_failure(const zstdio::zstd_error& e,
                                                    const zstdio::detail::auto_decoder& decoder,
                                                    const std::string& shown) const
{
    const bool truncated = e.condition() == zstdio::errc::truncated_input;
    // The library's words after "decompressing <format>: ".
    const std::string what = e.what();
    const std::string detail = what.substr(std::min(what.find(": ") + 2, what.size()));
    switch (decoder.format()) {
    case zstdio::data_format::gzip:
        return reported_error(shown + (truncated ? ": premature gz end" : ": inflate error: " + detail));
    case zstdio::data_format::xz:
    case zstdio::data_format::lzma:
        if (e.condition() == zstdio::errc::window_too_large)
            return reported_error(shown + ": " + detail + "; use --memory=# to allow more");
        return reported_error(shown + (truncated ? ": premature lzma end" : ": lzma_code decoding error: " + detail));
    case zstdio::data_format::bzip2:
        return reported_error(shown + (truncated ? ": premature bz2 end" : ": bz2 decoding error: " + detail));
    case zstdio::data_format::zstd: {
        const std::optional<zstdio::frame_parameters> h = decoder.zstd_context().frame_header();
        return zstd_failure(e, h ? h->window_size : 0, shown);
    }
    default:
        // Data of no known format (zstd: fewer than 4 bytes cannot even
        // hold a magic number).
        if (e.condition() == zstdio::errc::not_zstd_frame)
            return reported_error(shown + (decoder.pending().size() < 4 ? ": unknown header" : ": unsupported format"));
        return zstd_failure(e, 0, shown);
    }
}

transfer stream_decompressor::run(const input_file& in, int out_fd, bool pass_through, file_position where,
                                   const byte_range* window)
{
    const std::string& name = in.name();
    const std::string shown = display_name(name);
    io_record written;
    fd_sink sink(out_fd, &written);
    auto progress = [&] {
        if (!console_.shows_progress())
            return;
        const readable_size r = make_readable(written.bytes, console_.verbosity());
        if (where.count > 1) {
            const char* current = name.size() > 18 ? name.c_str() + name.size() - 15 : name.c_str();
            console_.progress(format("\rDecompress: %2zu/%2zu files. Current: %s%s : %.*f%s...    ", where.index + 1,
                                     where.count, name.size() > 18 ? "..." : "", current, r.precision, r.value,
                                     r.suffix));
        } else {
            console_.progress(format("\r%-20.20s : %.*f%s...     ", shown.c_str(), r.precision, r.value, r.suffix));
        }
    };
    std::uint64_t decoded = 0; // decompressed bytes so far, for the window
    bool window_done = false;  // its end reached: stop reading
    auto emit = [&](const char* bytes, std::size_t n) {
        if (n == 0 || window_done)
            return;
        if (!window) {
            sink.write(bytes, static_cast<std::streamsize>(n));
            progress();
            return;
        }
        const std::uint64_t start = decoded, end = decoded + n;
        decoded = end;
        const std::uint64_t from = std::max(start, window->from);
        const std::uint64_t to = window->to ? std::min(end, *window->to) : end;
        if (from < to) {
            sink.write(bytes + (from - start), static_cast<std::streamsize>(to - from));
            progress();
        }
        window_done = window->to && end >= *window->to;
    };
    const zstdio::detail::output_callback callback(emit);

    // Every member, whatever its format (zstd frames on workers with -T#),
    // by one decoder, as `zstd -d` reads them.
    std::optional<zstdio::detail::auto_decoder>& slot = decoders_[pass_through ? 1 : 0];
    if (!slot)
        slot.emplace(params_, pass_through);
    zstdio::detail::auto_decoder& decoder = *slot;
    decoder.reset();
    std::uint64_t read = 0;
    try {
        bool stopped = false;
        while (!stopped && !window_done) {
            const std::size_t got = read_some(in.fd(), input_buffer_.data(), input_buffer_.size());
            if (got == 0) {
                if (read == 0)
                    throw reported_error(shown + ": unexpected end of file");
                zstdio::detail::output_window out{output_buffer_.data(), output_buffer_.size(), 0};
                decoder.finish(out, &callback);
                break;
            }
            read += got;
            zstdio::detail::input_window bytes{input_buffer_.data(), got, 0};
            zstdio::detail::output_window out{output_buffer_.data(), output_buffer_.size(), 0};
            stopped = decoder.drive(bytes, out, &callback);
        }
    } catch (const zstdio::zstd_error& e) {
        throw decoding_failure(e, decoder, shown);
    }
    return {read, written.bytes, decoder.passing_through()};
}

transfer stream_decompressor::extract(const input_file& in, int out_fd, const byte_range& range, bool pass_through,
                                      file_position where)
{
    // Frames in a regular file can be read by position; anything else is
    // decoded from its start.
    char magic[4];
    const bool frames = in.regular_status() && ::pread(in.fd(), magic, sizeof magic, 0) == sizeof magic &&
                        zstdio::detect_format({magic, sizeof magic}) == zstdio::data_format::zstd;
    if (!frames)
        return run(in, out_fd, pass_through, where, &range);

    // The descriptor checked as the input (not its name again), read by
    // position under seekable_source's lock.
    const io::file_descriptor_source file(in.fd(), io::never_close_handle);
    zstdio::seekable_source source(file, params_);
    const std::uint64_t size = source.size();
    const std::uint64_t from = std::min(range.from, size);
    const std::uint64_t to = std::min(range.to.value_or(size), size);
    io_record written;
    fd_sink sink(out_fd, &written);
    source.seek(static_cast<io::stream_offset>(from), std::ios_base::beg);
    for (std::uint64_t left = to > from ? to - from : 0; left > 0;) {
        const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, input_buffer_.size()));
        const std::streamsize got = source.read(input_buffer_.data(), want);
        if (got <= 0) // cannot happen for a size() the frames were checked against
            throw reported_error(display_name(in.name()) + ": the frames end before the decompressed size");
        sink.write(input_buffer_.data(), got);
        left -= static_cast<std::uint64_t>(got);
        if (console_.shows_progress()) {
            const readable_size r = make_readable(written.bytes, console_.verbosity());
            console_.progress(format("\r%-20.20s : %.*f%s...     ", display_name(in.name()).c_str(), r.precision,
                                     r.value, r.suffix));
        }
    }
    return {in.size(), written.bytes, false};
}

} // namespace zstdio_cli
