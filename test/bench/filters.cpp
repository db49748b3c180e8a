// zstdio benchmark: the filters and the one-shot calls against libzstd's own
// API, and Boost's own zstd filter, on the same data in one run.
//
//   filters FILE [--levels 1,3] [--reps 5] [--slice BYTES] [--only NAME] [--no-check]
//
// FILE is loaded into memory (its first --slice bytes, if given).  Every
// contender runs once untimed with its output checked against the input,
// then --reps rounds run every contender, each between two runs of its
// reference (ref, c1, ref, c2, ..., ref).  The ratio of a round is the mean of
// the two reference times over the contender's time; the table gives the
// median and the range of those ratios, and the speed of the best run.  The
// machine is shared and noisy: only ratios of neighbouring runs mean much.
// Times are the thread's CPU time (user + system: page faults count).  Speeds
// are uncompressed bytes per second in both directions, MB = 10^6 bytes.
//
// References (libzstd used as its documentation recommends, memory to memory,
// contexts reused like a long-lived stream):
// - compress/stream: ZSTD_compressStream2 fed ZSTD_CStreamInSize() input
//   windows, into a ZSTD_CStreamOutSize() buffer copied to a preallocated
//   sink after each call (the filters write to an array_sink over the same
//   memory);
// - decompress/stream: ZSTD_decompressStream fed ZSTD_DStreamInSize() input
//   windows, into a ZSTD_DStreamOutSize() buffer the reader uses in place
//   (the filtering_istream reader gets 128 KiB chunks with istream::read);
//   "+sink" copies each buffer to the preallocated sink (for io::copy);
// - one-shot: ZSTD_compress2 / ZSTD_decompressDCtx into the preallocated sink.
// Frames carry a checksum (zstdio's and the zstd CLI's default); Boost's
// compressor writes none, which saves it a little work.
//
// --only NAME runs only the contenders whose name contains NAME (or is exactly
// DIRECTION:NAME, e.g. "compress:native stream"; several: NAME|NAME), and
// --no-check skips the checked run: with both, bench::measure() holds nothing
// but timed runs (timed_run) of one code path, for instruction counts with
//   valgrind --tool=callgrind --toggle-collect='*timed_run*'
//       filters FILE --slice 16000000 --reps 1 --levels 1 --no-check --only NAME
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>

#include "support/clock.hpp"
#include "support/native.hpp"
#include "support/options.hpp"
#include "support/paired.hpp"
#include "support/workspace.hpp"

#include <zstd.h>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/filter/zstd.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace io = boost::iostreams;
using zstdio_bench::cctx_ptr;
using zstdio_bench::check_zstd;
using zstdio_bench::chunk;
using zstdio_bench::dctx_ptr;
using zstdio_bench::make_cctx;
using zstdio_bench::thread_seconds;

namespace {

// FILE, --levels, --reps (5 here), --slice, --only, and --no-check.
struct options : zstdio_bench::run_options {
    bool check = true;
};

const std::string program = "filters";
const std::string synopsis = "filters FILE [--levels 1,3] [--reps N] [--slice BYTES] [--only NAME] [--no-check]";

options parse(int argc, char** argv)
{
    options o;
    o.reps = 5;
    zstdio_bench::command_line cl(program, synopsis);
    cl.add_run_options(o, "time only the contenders whose name contains NAME or is DIRECTION:NAME "
                          "(\"compress:native stream\"); several: NAME|NAME (default: all)");
    cl.options().add_options()("no-check", zstdio_bench::switch_off(o.check),
                               "skip the checked run of every contender");
    cl.parse(argc, argv);
    cl.require(o.file, o.levels.size(), o.reps);
    return o;
}

struct contender {
    std::string name;
    std::string direction; // "compress" or "decompress"
    std::string reference; // name of the contender it is compared with
    int level = 0;
    // Runs once; with `verify`, checks the result and returns the size of the
    // compressed form (for the table).
    std::function<std::size_t(bool verify)> run;
    std::size_t compressed = 0;
    zstdio_bench::contender timing; // its timed runs: best time, ratios (paired.hpp)
};

class bench {
public:
    explicit bench(const options& o)
        : opt_(o), data_(zstdio_bench::read_input(program, synopsis, o.file, o.slice)), ws_(data_.size())
    {
    }

    void add_level(int level);
    void measure();
    void print() const;

private:
    std::string_view data() const { return {data_.data(), data_.size()}; }

    void add(std::string name, std::string direction, std::string reference, int level,
             std::function<std::size_t(bool)> run)
    {
        if (!opt_.only.empty()) {
            bool selected = false;
            std::stringstream patterns(opt_.only);
            for (std::string p; std::getline(patterns, p, '|');)
                selected = selected || direction + ":" + name == p || name.find(p) != std::string::npos;
            if (!selected)
                return;
        }
        contender c;
        c.name = std::move(name);
        c.direction = std::move(direction);
        c.reference = std::move(reference);
        c.level = level;
        c.run = std::move(run);
        contenders_.push_back(std::move(c));
    }

    // Checks that `frames` decode to the input; returns their size.
    std::size_t verify_frames(const char* frames, std::size_t size) { return ws_.verify_frames(data(), frames, size); }

    void verify_output(const char* p, std::size_t n, const char* what) const { ws_.verify_output(data(), p, n, what); }

    template <class Filter>
    std::size_t write_through(Filter& filter, bool verify)
    {
        if (verify)
            ws_.clear_sink();
        io::filtering_ostream out;
        out.push(filter); // a copy sharing the filter's state: the context is reused
        out.push(ws_.array_sink());
        for (std::size_t pos = 0; pos < data_.size(); pos += chunk)
            out.write(data_.data() + pos, static_cast<std::streamsize>(std::min(chunk, data_.size() - pos)));
        out.reset(); // closes: ends the frame
        return verify ? verify_frames(ws_.sink.data(), ws_.sink_frames()) : 0;
    }

    template <class Filter>
    std::size_t read_through(Filter& filter, const std::string& frame, bool verify)
    {
        io::filtering_istream in;
        in.push(filter); // default chain buffer: the filter's optimal_buffer_size()
        in.push(io::array_source(frame.data(), frame.size()));
        const std::size_t n = ws_.read_all(in, data(), verify); // in `chunk` pieces like a consumer
        in.reset();
        return n;
    }

    template <class Filter>
    std::size_t copy_through(Filter& filter, const std::string& frame, bool verify)
    {
        io::filtering_istream in;
        in.push(filter);
        in.push(io::array_source(frame.data(), frame.size()));
        io::array_sink snk = ws_.array_sink();
        const auto n = static_cast<std::size_t>(io::copy(in, snk));
        if (verify)
            verify_output(ws_.sink.data(), n, "io::copy");
        return n;
    }

    const options& opt_;
    std::string data_;
    zstdio_bench::workspace ws_;
    std::vector<std::unique_ptr<std::string>> frames_; // per level, kept alive for the closures
    std::vector<contender> contenders_;
};

void bench::add_level(int level)
{
    // Long-lived state, created once per level like a server's stream objects.
    auto native_c = std::make_shared<cctx_ptr>(make_cctx(level));
    auto native_d = std::make_shared<dctx_ptr>(ZSTD_createDCtx());
    auto our_c = std::make_shared<zstdio::zstd_compressor>(zstdio::zstd_params(level));
    auto our_d = std::make_shared<zstdio::zstd_decompressor>();
    auto boost_c = std::make_shared<io::zstd_compressor>(io::zstd_params(static_cast<std::uint32_t>(level)));
    auto boost_d = std::make_shared<io::zstd_decompressor>();
    auto once_c = std::make_shared<zstdio::compressor>(zstdio::zstd_params(level));
    auto once_d = std::make_shared<zstdio::decompressor>();

    // The decompression input: one frame with checksum and content size.
    auto frame = std::make_unique<std::string>(ZSTD_compressBound(data_.size()), '\0');
    frame->resize(check_zstd(
        ZSTD_compress2(native_c->get(), frame->data(), frame->size(), data_.data(), data_.size()), "frame"));
    const std::string* fp = frame.get(); // stable: owned by frames_ for the closures
    frames_.push_back(std::move(frame));

    // ---- compression ------------------------------------------------------
    add("native stream", "compress", "", level, [this, native_c](bool verify) -> std::size_t {
        const std::size_t produced = ws_.compress_stream(native_c->get(), data());
        return verify ? verify_frames(ws_.sink.data(), produced) : produced;
    });
    add("zstdio filtering_ostream", "compress", "native stream", level,
        [this, our_c](bool verify) { return write_through(*our_c, verify); });
    add("boost filtering_ostream", "compress", "native stream", level,
        [this, boost_c](bool verify) { return write_through(*boost_c, verify); });

    add("native ZSTD_compress2", "compress", "", level, [this, native_c](bool verify) {
        const std::size_t n = check_zstd(
            ZSTD_compress2(native_c->get(), ws_.sink.data(), ws_.sink.size(), data_.data(), data_.size()), "compress2");
        return verify ? verify_frames(ws_.sink.data(), n) : n;
    });
    add("native ZSTD_compress2, new buffer", "compress", "native ZSTD_compress2", level,
        [this, native_c](bool verify) {
            const std::size_t bound = ZSTD_compressBound(data_.size());
            std::unique_ptr<char[]> dst(new char[bound]);
            const std::size_t n = check_zstd(
                ZSTD_compress2(native_c->get(), dst.get(), bound, data_.data(), data_.size()), "compress2");
            return verify ? verify_frames(dst.get(), n) : n;
        });
    add("zstdio compress -> string", "compress", "native ZSTD_compress2", level, [this, once_c](bool verify) {
        const std::string s = once_c->compress(data());
        return verify ? verify_frames(s.data(), s.size()) : s.size();
    });
    add("zstdio compress -> buffer", "compress", "native ZSTD_compress2", level, [this, once_c](bool verify) {
        const std::size_t n = once_c->compress(data(), ws_.sink.data(), ws_.sink.size());
        return verify ? verify_frames(ws_.sink.data(), n) : n;
    });

    // ---- decompression ----------------------------------------------------
    auto native_stream = [this, native_d, fp](bool to_sink, bool verify) -> std::size_t {
        const std::size_t produced =
            ws_.decompress_stream(native_d->get(), *fp, [&](const char* p, std::size_t n, std::size_t at) {
                if (verify && (at + n > data_.size() || std::memcmp(p, data_.data() + at, n) != 0))
                    throw std::runtime_error("native stream: output differs");
                if (to_sink)
                    std::memcpy(ws_.sink.data() + at, p, n);
            });
        if (verify && produced != data_.size())
            throw std::runtime_error("native stream: short output");
        return fp->size();
    };
    add("native stream", "decompress", "", level,
        [native_stream](bool verify) { return native_stream(false, verify); });
    add("native stream +sink", "decompress", "", level,
        [native_stream](bool verify) { return native_stream(true, verify); });
    add("zstdio filtering_istream read", "decompress", "native stream", level,
        [this, our_d, fp](bool verify) {
            read_through(*our_d, *fp, verify);
            return fp->size();
        });
    add("zstdio filtering_istream io::copy", "decompress", "native stream +sink", level,
        [this, our_d, fp](bool verify) {
            copy_through(*our_d, *fp, verify);
            return fp->size();
        });
    add("boost filtering_istream read", "decompress", "native stream", level,
        [this, boost_d, fp](bool verify) {
            read_through(*boost_d, *fp, verify);
            return fp->size();
        });
    add("boost filtering_istream io::copy", "decompress", "native stream +sink", level,
        [this, boost_d, fp](bool verify) {
            copy_through(*boost_d, *fp, verify);
            return fp->size();
        });

    add("native ZSTD_decompressDCtx", "decompress", "", level, [this, native_d, fp](bool verify) {
        const std::size_t n = check_zstd(
            ZSTD_decompressDCtx(native_d->get(), ws_.sink.data(), ws_.sink.size(), fp->data(), fp->size()),
            "decompressDCtx");
        if (verify)
            verify_output(ws_.sink.data(), n, "ZSTD_decompressDCtx");
        return fp->size();
    });
    add("native ZSTD_decompressDCtx, new buffer", "decompress", "native ZSTD_decompressDCtx", level,
        [this, native_d, fp](bool verify) {
            const auto size = ZSTD_getFrameContentSize(fp->data(), fp->size());
            std::unique_ptr<char[]> dst(new char[size]);
            const std::size_t n = check_zstd(
                ZSTD_decompressDCtx(native_d->get(), dst.get(), size, fp->data(), fp->size()), "decompressDCtx");
            if (verify)
                verify_output(dst.get(), n, "ZSTD_decompressDCtx, new buffer");
            return fp->size();
        });
    add("zstdio decompress -> string", "decompress", "native ZSTD_decompressDCtx", level,
        [this, once_d, fp](bool verify) {
            const std::string s = once_d->decompress(*fp);
            if (verify)
                verify_output(s.data(), s.size(), "decompressor::decompress -> string");
            return fp->size();
        });
    add("zstdio decompress -> buffer", "decompress", "native ZSTD_decompressDCtx", level,
        [this, once_d, fp](bool verify) {
            const std::size_t n = once_d->decompress(*fp, ws_.sink.data(), ws_.sink.size());
            if (verify)
                verify_output(ws_.sink.data(), n, "decompressor::decompress -> buffer");
            return fp->size();
        });
}

// One timed run; kept out of line so callgrind can collect just this.
[[gnu::noinline]] double timed_run(contender& c)
{
    const double t0 = thread_seconds();
    c.run(false);
    return thread_seconds() - t0;
}

void bench::measure()
{
    for (contender& c : contenders_) {
        if (!opt_.check)
            break;
        std::cerr << "check  level " << c.level << " " << c.direction << ": " << c.name << std::endl;
        c.compressed = c.run(true);
    }
    // Paired groups (support/paired.hpp).  Only timed_run() is timed, and
    // the untimed run does not go through it.
    zstdio_bench::run_paired(
        contenders_, opt_.reps, [](const contender& r, const contender& c) { return r.level == c.level && r.direction == c.direction; },
        [](contender& c) { return timed_run(c); }, [](contender& c) { c.run(false); });
}

void bench::print() const
{
    const double mb = static_cast<double>(data_.size()) / 1e6;
    std::printf("input: %s, %zu bytes; %d rounds; thread CPU time\n\n", opt_.file.c_str(), data_.size(), opt_.reps);
    std::printf("| level | direction | contender | compressed | MB/s (best) | ratio (median) | ratio (range) | "
                "reference |\n");
    std::printf("| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |\n");
    for (int level : opt_.levels)
        for (const char* direction : {"compress", "decompress"})
            for (const contender& c : contenders_) {
                if (c.level != level || c.direction != direction)
                    continue;
                const zstdio_bench::ratio_cells cells(c.timing.ratios);
                std::printf("| %d | %s | %s | %zu | %.1f | %s | %s | %s |\n", level, direction, c.name.c_str(),
                            c.compressed, mb / c.timing.best, cells.median, cells.range, c.reference.c_str());
            }
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const options opt = parse(argc, argv);
        bench b(opt);
        for (int level : opt.levels)
            b.add_level(level);
        b.measure();
        b.print();
    } catch (const std::exception& e) {
        std::cerr << "filters: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
