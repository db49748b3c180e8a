// zstdio benchmark for issue #13 (seekable zstd): seekable_source and
// seekable_compressor against the plain zstd filters and libzstd, on the same
// data in one run.
//
//   seekable FILE [--level 3] [--frame-size BYTES] [--frame-sizes LIST] [--reads N]
//                 [--reps 5] [--slice BYTES] [--only NAME] [--no-check]
//
// FILE is loaded into memory (its first --slice bytes, if given) and written
// once, untimed, as a seekable file of --frame-size frames (default 1 MiB) at
// --level (default 3) by seekable_compressor: the input of the reading
// contenders, which read it in memory (array_source).  Every contender runs
// once untimed with its output checked (skipped by --no-check), then --reps
// rounds run every group as (untimed ref), ref, c1, ref, c2, ..., ref
// (support/paired.hpp); a contender's ratio in a round is the mean time of the
// two reference runs around it over its own time (> 1 = faster than the
// reference).  The table gives the median and range of the ratios and the
// best run.  Times are the thread's CPU time, except the thread-scaling group
// (wall-clock time: what a second core buys).  MB = 10^6 bytes.
//
// Groups (reference first):
// - read: "zstd_decompressor read" (a filtering_istream over the seekable
//   file's bytes: every frame decoded, the table skipped) vs "seekable_source
//   read" (opening included: table read, frames walked; then
//   io::stream<seekable_source> read in 128 KiB pieces).
// - random: --reads N random 4 KiB reads (default 500), each inside one frame
//   (offsets drawn per run from the same seed).  "native frame decode": the
//   frame holding the offset (looked up in the table) decoded by one reused
//   ZSTD_DCtx with ZSTD_decompressDCtx into a frame-sized buffer, then the
//   4 KiB copied out, vs "seekable_source read_at" (one source opened before
//   the timing; each read decodes its frame), and "read_at, frame decoded
//   last": N reads at random offsets inside the one frame read just before
//   (no decoding expected).
// - write: "zstd_compressor write" (one frame, a filtering_ostream over an
//   array_sink, 128 KiB writes) vs "seekable_compressor threads=0 write" (the
//   same chain).
// - threads (wall time): "seekable_compressor threads=0 wall" vs
//   "seekable_compressor threads=2 wall".
// Then, untimed by pairs, the frame-size table: for each of --frame-sizes
// (default 65536,262144,1048576,4194304) the file's size against one frame
// (the zstd_compressor output) and the median thread CPU time of --reads
// random 4 KiB read_at() calls (each decoding its frame), in µs.
//
// --only NAME runs only the contenders whose name contains NAME (several:
// NAME|NAME; "table" selects the frame-size table), for profiling with
//   valgrind --tool=callgrind --toggle-collect='*timed_run*'
//       seekable FILE --slice 16000000 --reps 1 --no-check --only NAME
#include <zstdio/filter.hpp>
#include <zstdio/seekable.hpp>

#include "support/clock.hpp"
#include "support/native.hpp"
#include "support/options.hpp"
#include "support/paired.hpp"

#include <zstd.h>

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <boost/iostreams/stream.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace io = boost::iostreams;
using zstdio_bench::check_zstd;
using zstdio_bench::dctx_ptr;
using zstdio_bench::thread_seconds;
using zstdio_bench::wall_seconds;

namespace {

constexpr std::size_t chunk = 128 * 1024; // what a stream user writes or reads at a time
constexpr std::size_t read_size = 4096;   // a random read

struct options : zstdio_bench::run_options {
    int level = 3;
    std::size_t frame_size = 1 << 20;
    std::string frame_sizes = "65536,262144,1048576,4194304";
    int reads = 500;
    bool check = true;
};

const std::string program = "seekable";
const std::string synopsis = "seekable FILE [--level 3] [--frame-size BYTES] [--frame-sizes LIST] [--reads N] "
                             "[--reps N] [--slice BYTES] [--only NAME] [--no-check]";

options parse(int argc, char** argv)
{
    options o;
    o.reps = 5;
    zstdio_bench::command_line cl(program, synopsis);
    cl.add_run_options(o, "time only the contenders whose name contains NAME (several: NAME|NAME; "
                          "\"table\": the frame-size table) (default: all)");
    cl.options().add_options()("level", zstdio_bench::po::value(&o.level)->default_value(o.level),
                               "compression level")(
        "frame-size", zstdio_bench::po::value(&o.frame_size)->default_value(o.frame_size)->value_name("BYTES"),
        "frame size of the timed groups")(
        "frame-sizes", zstdio_bench::po::value(&o.frame_sizes)->default_value(o.frame_sizes)->value_name("LIST"),
        "frame sizes of the frame-size table, comma-separated")(
        "reads", zstdio_bench::po::value(&o.reads)->default_value(o.reads)->value_name("N"),
        "random reads per run")("no-check", zstdio_bench::switch_off(o.check),
                                "skip the checked run of every contender");
    cl.parse(argc, argv);
    cl.require(o.file, 1, o.reps);
    if (o.reads < 1 || o.frame_size < read_size)
        cl.usage("need --reads >= 1 and --frame-size >= 4096");
    return o;
}

enum class clock_kind { thread_cpu, wall };

struct contender {
    std::string name;
    std::string reference; // empty: a reference
    clock_kind clock = clock_kind::thread_cpu;
    double bytes = 0;      // for MB/s: content bytes per run (0: show µs per read instead)
    double per_run = 1;    // operations per run (µs per operation)
    std::function<void(bool verify)> run;
    zstdio_bench::contender timing;
};

// One timed run; kept out of line so callgrind can collect just this.
[[gnu::noinline]] double timed_run(contender& c)
{
    if (c.clock == clock_kind::wall) {
        const double t0 = wall_seconds();
        c.run(false);
        return wall_seconds() - t0;
    }
    const double t0 = thread_seconds();
    c.run(false);
    return thread_seconds() - t0;
}

// Random offsets of `n` reads of read_size bytes, each inside one frame of `t`.
std::vector<std::uint64_t> offsets_in_frames(const zstdio::seek_table& t, int n, std::uint32_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<std::uint64_t> out;
    while (out.size() < static_cast<std::size_t>(n)) {
        const zstdio::seek_table::entry e = t[static_cast<std::size_t>(rng() % t.frame_count())];
        if (e.decompressed_size < read_size)
            continue;
        out.push_back(e.decompressed_offset + rng() % (e.decompressed_size - read_size + 1));
    }
    return out;
}

class bench {
public:
    explicit bench(const options& o) : opt_(o), data_(zstdio_bench::read_input(program, synopsis, o.file, o.slice))
    {
        sink_.resize(ZSTD_compressBound(data_.size()) + (1 << 20));
        read_buffer_.resize(chunk);
        std::cerr << "writing the seekable file (frames of " << o.frame_size << " bytes)" << std::endl;
        file_ = seekable_file(o.frame_size, 0);
        table_ = zstdio::seek_table::read(file_).value();
        frame_buffer_.resize(o.frame_size);
    }

    void add_all();
    void measure();
    void print() const;
    void frame_size_table() const;

private:
    std::string_view data() const { return data_; }

    void add(std::string name, std::string reference, clock_kind clock, double bytes, double per_run,
             std::function<void(bool)> run)
    {
        if (!zstdio_bench::selected(opt_.only, name))
            return;
        contender c;
        c.name = std::move(name);
        c.reference = std::move(reference);
        c.clock = clock;
        c.bytes = bytes;
        c.per_run = per_run;
        c.run = std::move(run);
        contenders_.push_back(std::move(c));
    }

    zstdio::zstd_params params(int threads) const
    {
        zstdio::zstd_params p(opt_.level);
        p.threads = threads;
        return p;
    }

    // `data_` through `filter` in a filtering_ostream to an array_sink over sink_.
    template <class Filter>
    void write_through(const Filter& filter)
    {
        io::filtering_ostream out;
        out.push(filter);
        io::array_sink snk(sink_.data(), sink_.size());
        out.push(snk);
        for (std::size_t pos = 0; pos < data_.size(); pos += chunk)
            out.write(data_.data() + pos, static_cast<std::streamsize>(std::min(chunk, data_.size() - pos)));
        out.reset(); // closes: the last frame (and the seek table)
    }

    std::string seekable_file(std::size_t frame_size, int threads) const
    {
        std::string out;
        io::filtering_ostream os;
        os.push(zstdio::seekable_compressor(params(threads), frame_size));
        os.push(io::back_inserter(out));
        for (std::size_t pos = 0; pos < data_.size(); pos += chunk)
            os.write(data_.data() + pos, static_cast<std::streamsize>(std::min(chunk, data_.size() - pos)));
        os.reset();
        return out;
    }

    void verify(std::string_view got, const char* what) const
    {
        if (got != data())
            throw std::runtime_error(std::string(what) + ": output differs from the input");
    }

    const options& opt_;
    std::string data_;
    std::string file_;               // the seekable file read by the reading groups
    zstdio::seek_table table_;       // its table
    std::string sink_;               // where writers write
    std::string read_buffer_;        // 128 KiB reads
    std::string frame_buffer_;       // the native frame decoder's output
    std::vector<contender> contenders_;
};

void bench::add_all()
{
    const double size = static_cast<double>(data_.size());

    // ---- sequential read ----------------------------------------------------
    add("zstd_decompressor read", "", clock_kind::thread_cpu, size, 1, [this](bool verify) {
        io::filtering_istream in;
        in.push(zstdio::zstd_decompressor());
        in.push(io::array_source(file_.data(), file_.size()));
        std::string got;
        while (in.read(read_buffer_.data(), chunk) || in.gcount() > 0)
            if (verify)
                got.append(read_buffer_.data(), static_cast<std::size_t>(in.gcount()));
        if (in.bad())
            throw std::runtime_error("zstd_decompressor read failed");
        if (verify)
            this->verify(got, "zstd_decompressor read");
    });
    add("seekable_source read", "zstd_decompressor read", clock_kind::thread_cpu, size, 1, [this](bool verify) {
        io::stream<zstdio::seekable_source> in(zstdio::seekable_source(io::array_source(file_.data(), file_.size())));
        std::string got;
        while (in.read(read_buffer_.data(), chunk) || in.gcount() > 0)
            if (verify)
                got.append(read_buffer_.data(), static_cast<std::size_t>(in.gcount()));
        if (in.bad())
            throw std::runtime_error("seekable_source read failed");
        if (verify)
            this->verify(got, "seekable_source read");
    });

    // ---- random reads -------------------------------------------------------
    const auto offsets = std::make_shared<std::vector<std::uint64_t>>(offsets_in_frames(table_, opt_.reads, 7));
    const double reads = static_cast<double>(opt_.reads);
    auto dctx = std::make_shared<dctx_ptr>(ZSTD_createDCtx());
    add("native frame decode, 4 KiB", "", clock_kind::thread_cpu, 0, reads, [this, offsets, dctx](bool verify) {
        char out[read_size];
        for (const std::uint64_t off : *offsets) {
            const zstdio::seek_table::entry e = table_[table_.frame_at(off)];
            check_zstd(ZSTD_decompressDCtx(dctx->get(), frame_buffer_.data(), frame_buffer_.size(),
                                           file_.data() + e.compressed_offset, e.compressed_size),
                       "decompressDCtx");
            std::memcpy(out, frame_buffer_.data() + (off - e.decompressed_offset), read_size);
            if (verify && std::memcmp(out, data_.data() + off, read_size) != 0)
                throw std::runtime_error("native frame decode: wrong bytes");
        }
    });
    auto source = std::make_shared<zstdio::seekable_source>(io::array_source(file_.data(), file_.size()));
    add("seekable_source read_at, 4 KiB", "native frame decode, 4 KiB", clock_kind::thread_cpu, 0, reads,
        [this, offsets, source](bool verify) {
            char out[read_size];
            for (const std::uint64_t off : *offsets) {
                if (source->read_at(off, out, read_size) != read_size ||
                    (verify && std::memcmp(out, data_.data() + off, read_size) != 0))
                    throw std::runtime_error("read_at: wrong bytes");
            }
        });
    add("read_at in the frame decoded last, 4 KiB", "native frame decode, 4 KiB", clock_kind::thread_cpu, 0, reads,
        [this, offsets, source](bool verify) {
            // Offsets inside the frame of the first random offset, read just before.
            const zstdio::seek_table::entry e = table_[table_.frame_at(offsets->front())];
            char out[read_size];
            source->read_at(e.decompressed_offset, out, 1);
            std::uint64_t x = 12345;
            for (std::size_t i = 0; i < offsets->size(); ++i) {
                x = x * 6364136223846793005u + 1442695040888963407u;
                const std::uint64_t off = e.decompressed_offset + (x >> 11) % (e.decompressed_size - read_size + 1);
                if (source->read_at(off, out, read_size) != read_size ||
                    (verify && std::memcmp(out, data_.data() + off, read_size) != 0))
                    throw std::runtime_error("read_at in the last frame: wrong bytes");
            }
        });

    // ---- writing ------------------------------------------------------------
    const auto checked_write = [this](const std::string& name, std::size_t frame_size, int threads) {
        return [this, name, frame_size, threads](bool verify) {
            if (!verify) {
                write_through(zstdio::seekable_compressor(params(threads), frame_size));
                return;
            }
            const std::string file = seekable_file(frame_size, threads);
            if (file != file_)
                throw std::runtime_error(name + ": not the bytes of the reference file");
        };
    };
    add("zstd_compressor write", "", clock_kind::thread_cpu, size, 1, [this](bool verify) {
        if (!verify) {
            write_through(zstdio::zstd_compressor(params(0)));
            return;
        }
        std::string out;
        {
            io::filtering_ostream os(zstdio::zstd_compressor(params(0)) | io::back_inserter(out));
            os.write(data_.data(), static_cast<std::streamsize>(data_.size()));
        }
        std::string back;
        io::filtering_istream in(zstdio::zstd_decompressor() | io::array_source(out.data(), out.size()));
        while (in.read(read_buffer_.data(), chunk) || in.gcount() > 0)
            back.append(read_buffer_.data(), static_cast<std::size_t>(in.gcount()));
        this->verify(back, "zstd_compressor write");
    });
    add("seekable_compressor threads=0 write", "zstd_compressor write", clock_kind::thread_cpu, size, 1,
        checked_write("seekable_compressor threads=0 write", opt_.frame_size, 0));
    add("seekable_compressor threads=0 wall", "", clock_kind::wall, size, 1,
        checked_write("seekable_compressor threads=0 wall", opt_.frame_size, 0));
    add("seekable_compressor threads=2 wall", "seekable_compressor threads=0 wall", clock_kind::wall, size, 1,
        checked_write("seekable_compressor threads=2 wall", opt_.frame_size, 2));
}

void bench::measure()
{
    for (contender& c : contenders_) {
        if (!opt_.check)
            break;
        std::cerr << "check  " << c.name << std::endl;
        c.run(true);
    }
    // Paired groups (support/paired.hpp).  Only timed_run() is timed, and
    // the untimed run does not go through it.
    zstdio_bench::run_paired(
        contenders_, opt_.reps, [](const contender&, const contender&) { return true; },
        [](contender& c) { return timed_run(c); }, [](contender& c) { c.run(false); });
}

void bench::print() const
{
    std::printf("input: %s, %zu bytes; level %d; frames of %zu bytes (%zu frames, file %zu bytes); %d rounds\n\n",
                opt_.file.c_str(), data_.size(), opt_.level, opt_.frame_size, table_.frame_count(), file_.size(),
                opt_.reps);
    std::printf("| contender | clock | best | ratio (median) | ratio (range) | reference |\n");
    std::printf("| --- | --- | ---: | ---: | ---: | --- |\n");
    for (const contender& c : contenders_) {
        const zstdio_bench::ratio_cells cells(c.timing.ratios);
        char best[64];
        if (c.bytes > 0)
            std::snprintf(best, sizeof best, "%.1f MB/s", c.bytes / 1e6 / c.timing.best);
        else
            std::snprintf(best, sizeof best, "%.1f µs/read", c.timing.best * 1e6 / c.per_run);
        std::printf("| %s | %s | %s | %s | %s | %s |\n", c.name.c_str(),
                    c.clock == clock_kind::wall ? "wall" : "thread CPU", best, cells.median, cells.range,
                    c.reference.c_str());
    }
}

void bench::frame_size_table() const
{
    if (!zstdio_bench::selected(opt_.only, "table"))
        return;
    std::string one_frame;
    {
        io::filtering_ostream os(zstdio::zstd_compressor(params(0)) | io::back_inserter(one_frame));
        os.write(data_.data(), static_cast<std::streamsize>(data_.size()));
    }
    std::printf("\nframe-size table: one frame (zstd_compressor) = %zu bytes; %d random 4 KiB read_at() per size, "
                "thread CPU time\n\n",
                one_frame.size(), opt_.reads);
    std::printf("| frame size | frames | file bytes | size vs one frame | read 4 KiB median µs | "
                "native frame decode median µs |\n");
    std::printf("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (const int fs : zstdio_bench::int_list(opt_.frame_sizes)) {
        std::cerr << "table: frames of " << fs << std::endl;
        const std::string file = seekable_file(static_cast<std::size_t>(fs), -1);
        const zstdio::seekable_source src(io::array_source(file.data(), file.size()));
        const std::vector<std::uint64_t> offsets = offsets_in_frames(src.table(), opt_.reads, 11);
        std::vector<double> ours, native;
        char out[read_size];
        for (const std::uint64_t off : offsets) {
            const double t0 = thread_seconds();
            src.read_at(off, out, read_size);
            ours.push_back(thread_seconds() - t0);
        }
        dctx_ptr d(ZSTD_createDCtx());
        std::string buffer(static_cast<std::size_t>(fs), '\0');
        for (const std::uint64_t off : offsets) {
            const double t0 = thread_seconds();
            const zstdio::seek_table::entry e = src.table()[src.table().frame_at(off)];
            check_zstd(ZSTD_decompressDCtx(d.get(), buffer.data(), buffer.size(), file.data() + e.compressed_offset,
                                           e.compressed_size),
                       "decompressDCtx");
            std::memcpy(out, buffer.data() + (off - e.decompressed_offset), read_size);
            native.push_back(thread_seconds() - t0);
        }
        std::printf("| %d | %zu | %zu | %.3f | %.0f | %.0f |\n", fs, src.table().frame_count(), file.size(),
                    static_cast<double>(file.size()) / static_cast<double>(one_frame.size()),
                    zstdio_bench::median(ours) * 1e6, zstdio_bench::median(native) * 1e6);
    }
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const options opt = parse(argc, argv);
        bench b(opt);
        b.add_all();
        b.measure();
        b.print();
        b.frame_size_table();
    } catch (const std::exception& e) {
        std::cerr << "seekable: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
