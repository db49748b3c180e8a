// zstdio benchmark for issue #15 part 4 ("Context pools"): many threads
// compressing small records, each its own frame, through a compressor_pool,
// against one compressor per thread (the reference) and a new compressor per
// call, in one run.
//
//   pool FILE [--size 1000] [--records 8000] [--threads 4] [--levels 1,3]
//        [--reps 5] [--slice BYTES] [--only NAME]
//
// FILE is loaded into memory (its first --slice bytes, if given); the records
// are consecutive slices of it of --size bytes from its start (fewer than
// --records if FILE does not hold that many), so every record has different
// content.  A run starts --threads std::threads, which take the records one
// at a time from a shared counter (as a server's handlers take requests)
// until all are compressed, and joins them.  Each record is compressed with
// compress(record, dst, capacity) into the thread's own buffer of
// compress_bound(--size) bytes, so no contender allocates per record but
// what it is about:
// - reference "compressor per thread": each thread makes one
//   zstdio::compressor(level) when it starts and uses it for all its records;
// - "compressor_pool, max_size = CPUs": one compressor_pool(level) (default
//   max_size: the logical CPUs), made before the rounds and kept across
//   them; per record acquire(), compress, the lease ends;
// - "compressor_pool, max_size = threads": the same with max_size =
//   --threads, so that no thread ever waits for a compressor;
// - "new compressor per call": per record zstdio::compressor(level)
//   constructed (its libzstd context comes from the library's context
//   cache), compress, destroyed.
//
// Every contender runs once untimed with its frames checked (each decodes to
// its record), then --reps rounds run ref, c1, ref, c2, ..., ref
// (support/paired.hpp); a contender's ratio in a round is the mean time of
// the two reference runs around it over its own time (> 1 = faster than one
// compressor per thread).  Times are wall-clock seconds of the whole run
// (threads started and joined included, the same for every contender): the
// work is spread over threads, so a thread's CPU time would not say how long
// it took.  The machine is shared and noisy: only ratios of neighbouring runs
// mean much.
#include <zstdio/compressor.hpp>
#include <zstdio/pool.hpp>

#include "support/clock.hpp"
#include "support/options.hpp"
#include "support/paired.hpp"

#include <atomic>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

struct options : zstdio_bench::run_options {
    std::size_t size = 1000;
    std::size_t records = 8000;
    unsigned threads = 4;
};

const std::string program = "pool";
const std::string synopsis = "pool FILE [--size BYTES] [--records N] [--threads N] [--levels 1,3] [--reps N] "
                             "[--slice BYTES] [--only NAME]";

options parse(int argc, char** argv)
{
    options o;
    o.reps = 5;
    zstdio_bench::command_line cl(program, synopsis);
    cl.add_run_options(o);
    cl.options().add_options()
        ("size", zstdio_bench::po::value(&o.size)->default_value(o.size)->value_name("BYTES"), "bytes per record")
        ("records", zstdio_bench::po::value(&o.records)->default_value(o.records)->value_name("N"),
         "records per run (fewer if FILE does not hold them)")
        ("threads", zstdio_bench::po::value(&o.threads)->default_value(o.threads)->value_name("N"),
         "threads compressing at once");
    cl.parse(argc, argv);
    cl.require(o.file, o.levels.size(), o.reps);
    if (o.size == 0 || o.records == 0 || o.threads == 0)
        cl.usage("--size, --records and --threads must be positive");
    return o;
}

// What a thread needs to compress records: `compress(record, dst, capacity)`
// returning the frame size.
using compress_call = std::function<std::size_t(std::string_view, char*, std::size_t)>;

class bench {
public:
    explicit bench(const options& o) : opt_(o), data_(zstdio_bench::read_input(program, synopsis, o.file, o.slice))
    {
        for (std::size_t i = 0; i < o.records && (i + 1) * o.size <= data_.size(); ++i)
            records_.push_back(std::string_view(data_).substr(i * o.size, o.size));
        if (records_.empty())
            zstdio_bench::usage(program, synopsis, o.file + " holds less than one record of --size bytes");
    }

    void run_level(int level);
    void print(int argc, char** argv) const;

private:
    struct row {
        int level;
        zstdio_bench::contender timing;
    };

    // Compresses every record on opt_.threads threads; each thread gets its
    // compress call from `per_thread()` (called on that thread).  With
    // `frames`, keeps every frame.  Returns the wall-clock seconds.
    double run(const std::function<compress_call()>& per_thread, std::vector<std::string>* frames) const
    {
        std::atomic<std::size_t> next{0};
        const std::size_t capacity = zstdio::compress_bound(opt_.size);
        const double start = zstdio_bench::wall_seconds();
        std::vector<std::thread> threads;
        for (unsigned t = 0; t < opt_.threads; ++t)
            threads.emplace_back([&] {
                const compress_call compress = per_thread();
                const std::unique_ptr<char[]> dst(new char[capacity]);
                for (std::size_t i; (i = next++) < records_.size();) {
                    const std::size_t n = compress(records_[i], dst.get(), capacity);
                    if (frames)
                        (*frames)[i].assign(dst.get(), n);
                }
            });
        for (std::thread& t : threads)
            t.join();
        return zstdio_bench::wall_seconds() - start;
    }

    // The untimed checked run, then the timed runs.
    zstdio_bench::contender make(const std::string& name, std::function<compress_call()> per_thread) const
    {
        std::vector<std::string> frames(records_.size());
        run(per_thread, &frames);
        for (std::size_t i = 0; i < records_.size(); ++i)
            if (zstdio::decompress(frames[i]) != records_[i])
                throw std::runtime_error(name + ": record " + std::to_string(i) + " does not round-trip");
        zstdio_bench::contender c;
        c.name = name;
        c.run = [this, per_thread] { return run(per_thread, nullptr); };
        return c;
    }

    bool selected(const std::string& name) const { return opt_.only.empty() || name.find(opt_.only) != std::string::npos; }

    const options& opt_;
    std::string data_;
    std::vector<std::string_view> records_;
    std::vector<std::unique_ptr<row>> rows_;
    std::vector<std::unique_ptr<zstdio::compressor_pool>> pools_; // kept across rounds
};

void bench::run_level(int level)
{
    const std::size_t first = rows_.size();
    const auto add = [&](const std::string& name, std::function<compress_call()> per_thread) {
        if (selected(name))
            rows_.push_back(std::make_unique<row>(row{level, make(name, std::move(per_thread))}));
    };
    const std::string reference = "compressor per thread";
    add(reference, [level] {
        auto c = std::make_shared<zstdio::compressor>(level);
        return compress_call([c](std::string_view r, char* dst, std::size_t cap) { return c->compress(r, dst, cap); });
    });
    for (const std::size_t max_size : {std::size_t{0}, std::size_t{opt_.threads}}) {
        pools_.push_back(std::make_unique<zstdio::compressor_pool>(level, max_size));
        zstdio::compressor_pool* pool = pools_.back().get();
        add(std::string("compressor_pool, max_size = ") + (max_size == 0 ? "CPUs" : "threads") + " (" +
                std::to_string(pool->max_size()) + ")",
            [pool] {
                return compress_call([pool](std::string_view r, char* dst, std::size_t cap) {
                    return pool->acquire()->compress(r, dst, cap);
                });
            });
    }
    add("new compressor per call", [level] {
        return compress_call([level](std::string_view r, char* dst, std::size_t cap) {
            return zstdio::compressor(level).compress(r, dst, cap);
        });
    });

    zstdio_bench::group g;
    for (std::size_t i = first; i < rows_.size(); ++i) {
        if (rows_[i]->timing.name == reference)
            g.reference = &rows_[i]->timing;
        else
            g.members.push_back(&rows_[i]->timing);
    }
    for (int rep = 0; rep < opt_.reps; ++rep) {
        std::cerr << "level " << level << ": round " << rep + 1 << "/" << opt_.reps << std::endl;
        g.round(rep);
    }
}

void bench::print(int argc, char** argv) const
{
    std::printf("command: %s\n\n", zstdio_bench::command_text(argc, argv).c_str());
    std::printf("input: %s, %zu bytes; %zu records of %zu bytes per run on %u threads (%u logical CPUs); %d rounds; "
                "wall-clock time; ratio = reference time / contender time\n\n",
                opt_.file.c_str(), data_.size(), records_.size(), opt_.size, opt_.threads,
                std::thread::hardware_concurrency(), opt_.reps);
    std::printf("| level | contender | ratio (median) | ratio (range) | records/s (best) |\n");
    std::printf("| ---: | --- | ---: | ---: | ---: |\n");
    for (const auto& r : rows_) {
        const zstdio_bench::ratio_cells cells(r->timing.ratios);
        std::printf("| %d | %s | %s | %s | %.0f |\n", r->level, r->timing.name.c_str(), cells.median, cells.range,
                    static_cast<double>(records_.size()) / r->timing.best);
    }
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const options opt = parse(argc, argv);
        bench b(opt);
        for (int level : opt.levels)
            b.run_level(level);
        b.print(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
