// zstdio benchmark for parallel decoding: zstd_params::threads applied to the
// decoders (zstd_decompressor in a filtering_istream or filtering_ostream,
// decompressor::decompress and decompressor::copy_stream), threads=2 against
// threads=0 on the same data in one run.
//
//   parallel FILE [--level 3] [--frame-size BYTES] [--reps 5] [--slice BYTES] [--only NAME] [--no-check]
//
// e.g. ./build.sh bench parallel /tmp/zstdio-bench/linux-200M.tar (the file
// test/bench/linux-tar.sh makes), which builds bench_parallel (release,
// static) and runs it under nice -n 10.
//
// FILE is loaded into memory (its first --slice bytes, if given) and
// compressed once, untimed, at --level (default 3) into three inputs, all read
// in memory:
// - seekable: seekable_compressor with frames of --frame-size bytes (default
//   1 MiB): the frames and the seek table (a skippable frame);
// - concatenated: the data cut into --frame-size pieces, each compressed by
//   compressor::compress(), the frames concatenated (no table);
// - single: one frame of the whole data (compressor::compress()), which a
//   decoder with threads decodes serially in the calling thread.
// Workers decode only frames of at most 8 MiB: a larger --frame-size measures
// the serial fallback.
//
// Every contender runs once untimed with its output checked against the data
// (skipped by --no-check), then --reps rounds run every group as (untimed
// ref), ref, c1, ref, c2, ..., ref (support/paired.hpp); a contender's ratio in
// a round is the mean time of the two reference runs around it over its own
// time (> 1 = faster than the reference).  The table gives the median and
// range of the ratios and the speed of the best run (decompressed MB/s, MB =
// 10^6 bytes).  Times are wall-clock (support/clock.hpp), since the point is
// what a second core buys: on the shared machine a ratio is capped by the
// cores the run actually got, which the "cores" column shows (the median over
// the timed runs of process CPU time / wall-clock time: about 1 for serial
// decoding, up to 2 with threads=2 when the second core is free).
//
// Groups (reference first; each decoder is created once, before the timing,
// and reused like a long-lived stream's):
// - seekable and concatenated, "filtering_istream read threads=0" vs
//   "filtering_istream read threads=2": a filtering_istream with
//   zstd_decompressor(params) over an array_source of the input, read in
//   128 KiB pieces (discarded).  Goal: ratio >= 1.8 for both inputs.
//   concatenated also has "libzstd ZSTD_decompressStream" for scale: one
//   ZSTD_DCtx fed ZSTD_DStreamInSize() windows into a ZSTD_DStreamOutSize()
//   buffer used in place (support/workspace.hpp).  Both inputs also have
//   "libzstd, 2 threads, independent frames": two threads each taking the
//   next frame when done with one and decoding it with ZSTD_decompressDCtx
//   into a buffer of its own, nothing copied or ordered: what two cores of
//   this machine give at best, the ceiling.  The "of ceiling" column gives,
//   for the threads=2 contender of the same input, the median over rounds
//   of its ratio over the ceiling's in that round: on a shared machine,
//   what a second core gives changes from second to second, and this share
//   much less.
// - single, "single frame threads=0" vs "single frame threads=2" (the same
//   istream read): what the threads cost when there is nothing to share.
//   Goal: ratio >= 0.97.
// - concatenated, "filtering_ostream write threads=0" vs "filtering_ostream
//   write threads=2": a filtering_ostream with zstd_decompressor(params) into
//   a sink that counts and discards, the input written in 128 KiB writes, then
//   reset() (the last frames are decoded and written on close).
// - concatenated, "decompress threads=0" vs "decompress threads=2":
//   decompressor(params).decompress(input), a new std::string per run.
// - concatenated, "copy_stream threads=0" vs "copy_stream threads=2":
//   decompressor(params).copy_stream(array_source, counting sink).
// - seekable, "seekable_source read threads=0" vs "seekable_source read
//   threads=2": io::stream<seekable_source> over the seekable input (opened
//   in the run), read in 128 KiB pieces; with threads the frames after the
//   one read are decoded ahead.  Goal: ratio >= 1.8.
//
// --only NAME runs only the contenders whose INPUT:NAME contains NAME
// (several: NAME|NAME), e.g. "concatenated:decompress" or "threads=2".
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/seekable.hpp>

#include "support/clock.hpp"
#include "support/native.hpp"
#include "support/options.hpp"
#include "support/paired.hpp"
#include "support/workspace.hpp"

#include <zstd.h>

#include <boost/iostreams/categories.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <boost/iostreams/stream.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace io = boost::iostreams;
using zstdio_bench::chunk;
using zstdio_bench::dctx_ptr;
using zstdio_bench::process_seconds;
using zstdio_bench::wall_seconds;

namespace {

struct options : zstdio_bench::run_options {
    int level = 3;
    std::size_t frame_size = 1 << 20;
    bool check = true;
};

const std::string program = "parallel";
// The contender that measures what two cores of this machine give at best.
const std::string ceiling = "libzstd, 2 threads, independent frames";
const std::string synopsis =
    "parallel FILE [--level 3] [--frame-size BYTES] [--reps N] [--slice BYTES] [--only NAME] [--no-check]";

options parse(int argc, char** argv)
{
    options o;
    o.reps = 5;
    zstdio_bench::command_line cl(program, synopsis);
    cl.add_run_options(o, "time only the contenders whose INPUT:NAME contains NAME (several: NAME|NAME) "
                          "(default: all)");
    cl.options().add_options()("level", zstdio_bench::po::value(&o.level)->default_value(o.level),
                               "compression level of the inputs")(
        "frame-size", zstdio_bench::po::value(&o.frame_size)->default_value(o.frame_size)->value_name("BYTES"),
        "frame size of the seekable and concatenated inputs")(
        "no-check", zstdio_bench::switch_off(o.check), "skip the checked run of every contender");
    cl.parse(argc, argv);
    cl.require(o.file, 1, o.reps);
    if (o.frame_size == 0)
        cl.usage("need --frame-size >= 1");
    return o;
}

struct contender {
    std::string input;     // "seekable", "concatenated" or "single"
    std::string name;
    std::string reference; // name of the contender it is compared with (same input); empty: a reference
    std::string goal;      // the ratio aimed at, for the table ("" = none)
    std::function<void(bool verify)> run;
    zstdio_bench::contender timing; // its timed runs: best time, ratios (paired.hpp)
    std::vector<double> cores;      // process CPU time / wall-clock time of each timed run
};

// What a discarding_sink was given: bytes counted and, when checking, whether
// they differ from `expected`.
struct sink_check {
    std::string_view expected;
    bool verify = false;
    std::uint64_t count = 0;
    bool differs = false;
};

// A Boost.Iostreams sink that discards what it is given (copies share one
// sink_check); it records a difference instead of throwing, since a stream
// would swallow the exception.
struct discarding_sink {
    using char_type = char;
    using category = io::sink_tag;

    sink_check* check;

    std::streamsize write(const char* p, std::streamsize n)
    {
        const auto k = static_cast<std::size_t>(n);
        if (check->verify && (check->count + k > check->expected.size() ||
                              std::memcmp(p, check->expected.data() + check->count, k) != 0))
            check->differs = true;
        check->count += k;
        return n;
    }
};

// One timed run; kept out of line so callgrind can collect just this.
[[gnu::noinline]] double timed_run(contender& c)
{
    const double cpu0 = process_seconds();
    const double t0 = wall_seconds();
    c.run(false);
    const double wall = wall_seconds() - t0;
    c.cores.push_back((process_seconds() - cpu0) / wall);
    return wall;
}

class bench {
public:
    explicit bench(const options& o)
        : opt_(o), data_(zstdio_bench::read_input(program, synopsis, o.file, o.slice)),
          ws_(0) // only its 128 KiB read buffer and libzstd's output window: nothing sized by the input
    {
        std::cerr << "compressing the inputs (level " << o.level << ", frames of " << o.frame_size << " bytes)"
                  << std::endl;
        {
            io::filtering_ostream os;
            os.push(zstdio::seekable_compressor(zstdio::zstd_params(o.level), o.frame_size));
            os.push(io::back_inserter(seekable_));
            for (std::size_t pos = 0; pos < data_.size(); pos += chunk)
                os.write(data_.data() + pos, static_cast<std::streamsize>(std::min(chunk, data_.size() - pos)));
            os.reset(); // closes: the last frame and the seek table
        }
        zstdio::compressor c(o.level);
        for (std::size_t pos = 0; pos < data_.size(); pos += o.frame_size) {
            frame_offsets_.push_back(concatenated_.size());
            concatenated_ += c.compress(data().substr(pos, o.frame_size));
            ++frames_;
        }
        frame_offsets_.push_back(concatenated_.size());
        single_ = c.compress(data());
        // The seekable input's frames (its seek table, a skippable frame, last).
        for (const zstdio::frame_info& f : zstdio::list_frames(seekable_))
            seekable_offsets_.push_back(f.offset);
        seekable_offsets_.push_back(seekable_.size());
        if (seekable_offsets_.size() < frames_ + 1)
            throw std::runtime_error("the seekable input has fewer frames than the concatenated one");
    }

    void add_all();
    void measure();
    void print() const;
    std::string share_of_ceiling(const contender& c) const;

private:
    std::string_view data() const { return data_; }

    // Where each frame of the input called `name` starts, and its end.
    const std::vector<std::size_t>& frame_offsets(const std::string& name) const
    {
        return name == "seekable" ? seekable_offsets_ : frame_offsets_;
    }

    // The compressed input called `name`.
    const std::string& compressed(const std::string& name) const
    {
        return name == "seekable" ? seekable_ : name == "concatenated" ? concatenated_ : single_;
    }

    void add(const std::string& input, std::string name, std::string reference, std::string goal,
             std::function<void(bool)> run)
    {
        if (!opt_.only.empty()) {
            bool selected = false;
            std::stringstream patterns(opt_.only);
            for (std::string p; std::getline(patterns, p, '|');)
                selected = selected || (input + ":" + name).find(p) != std::string::npos;
            if (!selected)
                return;
        }
        contender c;
        c.input = input;
        c.name = std::move(name);
        c.reference = std::move(reference);
        c.goal = std::move(goal);
        c.run = std::move(run);
        contenders_.push_back(std::move(c));
    }

    static zstdio::zstd_params params(int threads)
    {
        zstdio::zstd_params p;
        p.threads = threads;
        return p;
    }

    void verify_sink(const sink_check& seen, const std::string& what) const
    {
        if (seen.differs || seen.count != data_.size())
            throw std::runtime_error(what + ": output differs from the input");
    }

    // The filtering_istream read of groups 1 and 2.
    void add_read(const std::string& input, const std::string& name, int threads, const std::string& reference,
                  const std::string& goal)
    {
        auto filter = std::make_shared<zstdio::zstd_decompressor>(params(threads));
        const std::string* in = &compressed(input);
        add(input, name, reference, goal, [this, filter, in](bool verify) {
            io::filtering_istream is;
            is.push(*filter); // a copy sharing the filter's state: the decoder is reused
            is.push(io::array_source(in->data(), in->size()));
            ws_.read_all(is, data(), verify); // in `chunk` pieces like a consumer
            is.reset();
        });
    }

    const options& opt_;
    std::string data_;
    zstdio_bench::workspace ws_;
    std::string seekable_;     // (a) frames and seek table
    std::string concatenated_; // (b) frames only
    std::string single_;       // (c) one frame
    std::size_t frames_ = 0;   // frames of (b), and of (a) before its table
    std::vector<std::size_t> frame_offsets_; // where each frame of (b) starts, and its end
    std::vector<std::size_t> seekable_offsets_; // where each frame of (a) starts (the table last), and its end
    std::vector<contender> contenders_;
};

void bench::add_all()
{
    // ---- 1. filtering_istream read, frames ----------------------------------
    for (const char* input : {"seekable", "concatenated"}) {
        add_read(input, "filtering_istream read threads=0", 0, "", "");
        add_read(input, "filtering_istream read threads=2", 2, "filtering_istream read threads=0", ">= 1.8");
    }
    auto native_d = std::make_shared<dctx_ptr>(ZSTD_createDCtx());
    add("concatenated", "libzstd ZSTD_decompressStream", "filtering_istream read threads=0", "",
        [this, native_d](bool verify) {
            const std::size_t produced =
                ws_.decompress_stream(native_d->get(), concatenated_, [&](const char* p, std::size_t n, std::size_t at) {
                    if (verify && (at + n > data_.size() || std::memcmp(p, data_.data() + at, n) != 0))
                        throw std::runtime_error("ZSTD_decompressStream: output differs from the input");
                });
            if (verify && produced != data_.size())
                throw std::runtime_error("ZSTD_decompressStream: short output");
        });

    // The machine's own ceiling, for both inputs: two threads taking the next
    // frame as each finishes one and decoding it with ZSTD_decompressDCtx
    // into a buffer of their own, nothing copied, nothing delivered in order.
    for (const char* input : {"seekable", "concatenated"}) {
        add(input, ceiling, "filtering_istream read threads=0", "", [this, input](bool verify) {
            const std::string& z = compressed(input);
            const std::vector<std::size_t>& at = frame_offsets(input);
            std::atomic<std::size_t> next{0};
            auto work = [&] {
                dctx_ptr d(ZSTD_createDCtx());
                std::vector<char> out(opt_.frame_size);
                for (std::size_t i; (i = next++) < frames_;) {
                    const std::size_t got =
                        ZSTD_decompressDCtx(d.get(), out.data(), out.size(), z.data() + at[i], at[i + 1] - at[i]);
                    if (verify && (ZSTD_isError(got) || std::memcmp(out.data(), data_.data() + i * opt_.frame_size, got) != 0))
                        throw std::runtime_error(ceiling + ": output differs from the input");
                }
            };
            std::exception_ptr failed[2];
            auto guarded = [&](int k) {
                try {
                    work();
                } catch (...) {
                    failed[k] = std::current_exception();
                }
            };
            std::thread other(guarded, 1);
            guarded(0);
            other.join();
            for (const std::exception_ptr& e : failed)
                if (e)
                    std::rethrow_exception(e);
        });
    }

    // ---- 2. filtering_istream read, one frame ---------------------------------
    add_read("single", "single frame threads=0", 0, "", "");
    add_read("single", "single frame threads=2", 2, "single frame threads=0", ">= 0.97");

    // ---- 3. filtering_ostream write -------------------------------------------
    for (const int threads : {0, 2}) {
        const std::string name = "filtering_ostream write threads=" + std::to_string(threads);
        auto filter = std::make_shared<zstdio::zstd_decompressor>(params(threads));
        add("concatenated", name, threads ? "filtering_ostream write threads=0" : "", "",
            [this, filter, name](bool verify) {
                sink_check seen{data(), verify};
                io::filtering_ostream os;
                os.push(*filter);
                os.push(discarding_sink{&seen});
                for (std::size_t pos = 0; pos < concatenated_.size(); pos += chunk)
                    os.write(concatenated_.data() + pos,
                             static_cast<std::streamsize>(std::min(chunk, concatenated_.size() - pos)));
                os.reset(); // closes: decodes what is left
                if (verify)
                    verify_sink(seen, name);
            });
    }

    // ---- 4. decompressor::decompress --------------------------------------------
    for (const int threads : {0, 2}) {
        const std::string name = "decompress threads=" + std::to_string(threads);
        auto d = std::make_shared<zstdio::decompressor>(params(threads));
        add("concatenated", name, threads ? "decompress threads=0" : "", "", [this, d, name](bool verify) {
            const std::string s = d->decompress(concatenated_);
            if (verify && s != data())
                throw std::runtime_error(name + ": output differs from the input");
        });
    }

    // ---- 6. seekable_source read (frames decoded ahead) --------------------------
    for (const int threads : {0, 2}) {
        const std::string name = "seekable_source read threads=" + std::to_string(threads);
        add("seekable", name, threads ? "seekable_source read threads=0" : "", threads ? ">= 1.8" : "",
            [this, threads](bool verify) {
                io::stream<zstdio::seekable_source> in(
                    zstdio::seekable_source(io::array_source(seekable_.data(), seekable_.size()), params(threads)));
                ws_.read_all(in, data(), verify);
            });
    }

    // ---- 5. decompressor::copy_stream -------------------------------------------
    for (const int threads : {0, 2}) {
        const std::string name = "copy_stream threads=" + std::to_string(threads);
        auto d = std::make_shared<zstdio::decompressor>(params(threads));
        add("concatenated", name, threads ? "copy_stream threads=0" : "", "", [this, d, name](bool verify) {
            sink_check seen{data(), verify};
            d->copy_stream(io::array_source(concatenated_.data(), concatenated_.size()), discarding_sink{&seen});
            if (verify)
                verify_sink(seen, name);
        });
    }
}

void bench::measure()
{
    // Paired groups (support/paired.hpp).  Only timed_run() is timed, and
    // the untimed run does not go through it.
    zstdio_bench::checked_run_paired(contenders_, opt_.check, opt_.reps,
                                     [](const contender& r, const contender& c) { return r.input == c.input; },
                                     [](contender& c) { return timed_run(c); });
}

// The "of ceiling" cell: for a threaded contender timed in the same group
// as the ceiling (same input and reference), the median over rounds of its
// ratio over the ceiling's ratio in that round.  The machine is shared, and
// what a second core gives changes from one second to the next; this share
// changes much less, since both were timed within the same round.
std::string bench::share_of_ceiling(const contender& c) const
{
    if (c.reference.empty() || c.name == ceiling || c.name.find("threads=2") == std::string::npos)
        return "";
    const auto top = std::find_if(contenders_.begin(), contenders_.end(), [&](const contender& t) {
        return t.name == ceiling && t.input == c.input && t.reference == c.reference;
    });
    if (top == contenders_.end() || top->timing.ratios.size() != c.timing.ratios.size() || c.timing.ratios.empty())
        return "";
    std::vector<double> shares;
    for (std::size_t i = 0; i < c.timing.ratios.size(); ++i)
        shares.push_back(c.timing.ratios[i] / top->timing.ratios[i]);
    char cell[16];
    std::snprintf(cell, sizeof cell, "%.2f", zstdio_bench::median(shares));
    return cell;
}

void bench::print() const
{
    std::printf("input: %s, %zu bytes; level %d; frames of %zu bytes (%zu frames): seekable %zu bytes, "
                "concatenated %zu bytes, single frame %zu bytes; %d rounds; wall-clock time\n\n",
                opt_.file.c_str(), data_.size(), opt_.level, opt_.frame_size, frames_, seekable_.size(),
                concatenated_.size(), single_.size(), opt_.reps);
    std::printf("| input | contender | MB/s (best) | ratio (median) | ratio (range) | goal | of ceiling | cores | "
                "reference |\n");
    std::printf("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    const double mb = static_cast<double>(data_.size()) / 1e6;
    for (const contender& c : contenders_) {
        const zstdio_bench::ratio_cells cells(c.timing.ratios);
        const std::string of_ceiling = share_of_ceiling(c);
        std::printf("| %s | %s | %.1f | %s | %s | %s | %s | %.2f | %s |\n", c.input.c_str(), c.name.c_str(),
                    mb / c.timing.best, cells.median, cells.range, c.goal.c_str(), of_ceiling.c_str(),
                    zstdio_bench::median(c.cores), c.reference.c_str());
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
    } catch (const std::exception& e) {
        std::cerr << "parallel: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
