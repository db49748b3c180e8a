// zstdio benchmark for auto_decompressor (include/zstdio/auto_decompressor.hpp):
// reading zstd, gzip, xz and bzip2 through it against the decoder a user
// would otherwise push for that one format, in one run.
//
//   formats FILE [--reps 5] [--slice BYTES] [--only NAME] [--no-check]
//
// FILE is loaded into memory (its first --slice bytes, if given) and
// compressed once, untimed, into the inputs below, all read in memory; an
// input is made only when --only selects one of its contenders (xz at
// preset 6 takes minutes for 200 MB: time xz and bzip2 on a --slice).
// - zstd: one frame at level 3 (compressor::compress());
// - zstd 1 MiB frames: the data cut into 1 MiB pieces, each a level-3 frame,
//   the frames concatenated;
// - gzip: one member from Boost.Iostreams' gzip_compressor, level 6;
// - xz: one stream from Boost's lzma_compressor, preset 6;
// - bzip2: one stream from Boost's bzip2_compressor (900 KB blocks);
// - mixed: the first third of the data as 1 MiB zstd frames, the second
//   third as a gzip member (level 6), the rest as 1 MiB zstd frames again.
//
// Every contender reads its input through a filtering_istream (the filter
// pushed with its default chain buffer, over an array_source), in 128 KiB
// pieces like a consumer, and discards the output.  Each filter is made once
// and a copy pushed per run (copies share the decoder's state), like a
// long-lived stream's.  Groups (reference first):
// - zstd, zstd 1 MiB frames: zstdio's "zstd_decompressor" vs
//   "auto_decompressor";
// - gzip: Boost's "gzip_decompressor" vs "auto_decompressor" and
//   "gzip_decompressor, 128 KiB chain buffer" (Boost's filter pushed with
//   push(filter, 131072): what its default 128-byte chain buffer costs);
// - xz: Boost's "lzma_decompressor" vs "auto_decompressor";
// - bzip2: Boost's "bzip2_decompressor" vs "auto_decompressor";
// - mixed: "auto_decompressor" alone (no other filter reads it): MB/s only.
//
// Every contender runs once untimed with its output compared with the data
// (skipped by --no-check; every run still checks the output's length), then
// --reps rounds run every group as (untimed ref), ref, c1, ref, c2, ..., ref
// (support/paired.hpp); a contender's ratio in a round is the mean time of
// the two reference runs around it over its own time (> 1 = faster than the
// reference).  Times are the thread's CPU time (support/clock.hpp).  The
// table gives the median and range of the ratios and the speed of the best
// run (decompressed MB/s, MB = 10^6 bytes), then the command line.
//
// --only NAME runs only the contenders whose INPUT:NAME contains NAME
// (several: NAME|NAME), e.g. "gzip" or "xz|bzip2".
#include <zstdio/auto_decompressor.hpp>
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>

#include "support/clock.hpp"
#include "support/options.hpp"
#include "support/paired.hpp"
#include "support/workspace.hpp"

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/lzma.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace io = boost::iostreams;
using zstdio_bench::chunk;
using zstdio_bench::thread_seconds;

namespace {

struct options : zstdio_bench::run_options {
    bool check = true;
};

const std::string program = "formats";
const std::string synopsis = "formats FILE [--reps N] [--slice BYTES] [--only NAME] [--no-check]";

constexpr int zstd_level = 3;
constexpr int gzip_level = 6;
constexpr std::uint32_t xz_preset = 6;
constexpr std::size_t frame_size = 1 << 20;

options parse(int argc, char** argv)
{
    options o;
    o.reps = 5;
    zstdio_bench::command_line cl(program, synopsis);
    cl.add_file(o.file);
    cl.options().add_options()
        ("reps", zstdio_bench::po::value(&o.reps)->default_value(o.reps)->value_name("N"), "rounds")
        ("slice", zstdio_bench::po::value(&o.slice)->default_value(o.slice)->value_name("BYTES"),
         "time only the first BYTES of FILE (0: all of it)")
        ("only", zstdio_bench::po::value(&o.only)->value_name("NAME"),
         "time only the contenders whose INPUT:NAME contains NAME (several: NAME|NAME) (default: all)")
        ("no-check", zstdio_bench::switch_off(o.check), "skip the checked run of every contender");
    cl.parse(argc, argv);
    cl.require(o.file, 1, o.reps);
    return o;
}

struct contender {
    std::string input;     // "zstd", "gzip", ...
    std::string name;
    std::string reference; // name of the contender it is compared with (same input); empty: a reference
    std::function<void(bool verify)> run;
    zstdio_bench::contender timing; // its timed runs: best time, ratios (paired.hpp)
};

// `data` written through `filter` in `chunk` pieces into a new string.
template <class Filter>
std::string compress_with(const Filter& filter, std::string_view data)
{
    std::string out;
    io::filtering_ostream os;
    os.push(filter);
    os.push(io::back_inserter(out));
    for (std::size_t pos = 0; pos < data.size(); pos += chunk)
        os.write(data.data() + pos, static_cast<std::streamsize>(std::min(chunk, data.size() - pos)));
    os.reset(); // closes: ends the member
    return out;
}

// `data` as level-3 frames of `frame_size` bytes each, concatenated.
std::string zstd_frames(std::string_view data)
{
    zstdio::compressor c(zstd_level);
    std::string out;
    for (std::size_t pos = 0; pos < data.size(); pos += frame_size)
        out += c.compress(data.substr(pos, frame_size));
    return out;
}

// One timed run; kept out of line so callgrind can collect just this.
[[gnu::noinline]] double timed_run(contender& c)
{
    const double t0 = thread_seconds();
    c.run(false);
    return thread_seconds() - t0;
}

class bench {
public:
    explicit bench(const options& o)
        : opt_(o), data_(zstdio_bench::read_input(program, synopsis, o.file, o.slice)),
          ws_(0) // only its 128 KiB read buffer: nothing sized by the input
    {
    }

    void add_all();
    void measure();
    void print() const;

private:
    std::string_view data() const { return data_; }

    // The compressed input called `name`, made on first use.
    const std::string& input(const std::string& name)
    {
        auto it = inputs_.find(name);
        if (it != inputs_.end())
            return it->second;
        std::cerr << "compressing the input " << name << std::endl;
        std::string s;
        const std::string_view d = data();
        if (name == "zstd")
            s = zstdio::compressor(zstd_level).compress(d);
        else if (name == "zstd 1 MiB frames")
            s = zstd_frames(d);
        else if (name == "gzip")
            s = compress_with(io::gzip_compressor(io::gzip_params(gzip_level)), d);
        else if (name == "xz")
            s = compress_with(io::lzma_compressor(io::lzma_params(xz_preset)), d);
        else if (name == "bzip2")
            s = compress_with(io::bzip2_compressor(), d);
        else { // mixed
            const std::size_t third = d.size() / 3;
            s = zstd_frames(d.substr(0, third)) +
                compress_with(io::gzip_compressor(io::gzip_params(gzip_level)), d.substr(third, third)) +
                zstd_frames(d.substr(2 * third));
        }
        return inputs_.emplace(name, std::move(s)).first->second;
    }

    // A contender reading `input` through a copy of `*filter` pushed with a
    // chain buffer of `buffer` bytes (-1: the filter's default).
    template <class Filter>
    void add(const std::string& input_name, const std::string& name, const std::string& reference,
             std::shared_ptr<Filter> filter, std::streamsize buffer = -1)
    {
        if (!zstdio_bench::selected(opt_.only, input_name + ":" + name))
            return;
        const std::string* in = &input(input_name);
        contender c;
        c.input = input_name;
        c.name = name;
        c.reference = reference;
        c.run = [this, filter, in, buffer, what = input_name + ": " + name](bool verify) {
            io::filtering_istream is;
            is.push(*filter, buffer); // a copy sharing the filter's state: the decoder is reused
            is.push(io::array_source(in->data(), in->size()));
            const std::size_t n = ws_.read_all(is, data(), verify); // in `chunk` pieces like a consumer
            is.reset();
            if (n != data_.size())
                throw std::runtime_error(what + ": " + std::to_string(n) + " bytes read, expected " +
                                         std::to_string(data_.size()));
        };
        contenders_.push_back(std::move(c));
    }

    const options& opt_;
    std::string data_;
    zstdio_bench::workspace ws_;
    std::map<std::string, std::string> inputs_;
    std::vector<contender> contenders_;
};

void bench::add_all()
{
    const auto ours = std::make_shared<zstdio::auto_decompressor>();
    for (const char* in : {"zstd", "zstd 1 MiB frames"}) {
        add(in, "zstd_decompressor", "", std::make_shared<zstdio::zstd_decompressor>());
        add(in, "auto_decompressor", "zstd_decompressor", ours);
    }

    const auto gzip = std::make_shared<io::gzip_decompressor>();
    add("gzip", "gzip_decompressor", "", gzip);
    add("gzip", "auto_decompressor", "gzip_decompressor", ours);
    add("gzip", "gzip_decompressor, 128 KiB chain buffer", "gzip_decompressor", gzip,
        static_cast<std::streamsize>(chunk));

    add("xz", "lzma_decompressor", "", std::make_shared<io::lzma_decompressor>());
    add("xz", "auto_decompressor", "lzma_decompressor", ours);

    add("bzip2", "bzip2_decompressor", "", std::make_shared<io::bzip2_decompressor>());
    add("bzip2", "auto_decompressor", "bzip2_decompressor", ours);

    add("mixed", "auto_decompressor", "", ours);
}

void bench::measure()
{
    // Paired groups (support/paired.hpp); mixed has only a "reference" and
    // is timed alone.  Only timed_run() is timed.
    zstdio_bench::checked_run_paired(contenders_, opt_.check, opt_.reps,
                                     [](const contender& r, const contender& c) { return r.input == c.input; },
                                     [](contender& c) { return timed_run(c); });
}

void bench::print() const
{
    std::printf("input: %s, %zu bytes; %d rounds; thread CPU time\n", opt_.file.c_str(), data_.size(), opt_.reps);
    for (const auto& [name, bytes] : inputs_)
        std::printf("- %s: %zu bytes\n", name.c_str(), bytes.size());
    std::printf("\n| input | contender | MB/s (best) | ratio (median) | ratio (range) | reference |\n");
    std::printf("| --- | --- | ---: | ---: | ---: | --- |\n");
    const double mb = static_cast<double>(data_.size()) / 1e6;
    for (const contender& c : contenders_) {
        const zstdio_bench::ratio_cells cells(c.timing.ratios);
        std::printf("| %s | %s | %.1f | %s | %s | %s |\n", c.input.c_str(), c.name.c_str(), mb / c.timing.best,
                    cells.median, cells.range, c.reference.c_str());
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
        std::printf("\ncommand: %s\n", zstdio_bench::command_text(argc, argv).c_str());
    } catch (const std::exception& e) {
        std::cerr << "formats: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
