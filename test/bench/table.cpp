// zstdio benchmark: the published table of issue #6 (doc/performance.md),
// laid out like python-zstandard's: for each level, every API of zstdio as
// MB/s and as a ratio to libzstd's own API, next to Boost's zstd filter,
// Boost's gzip filter and the zstd CLI, on the same data in one run.
//
//   table FILE [--levels 1,2,3,11,19@20000000x2] [--reps 3] [--work DIR] [--no-cli] [--no-gzip]
//
// A level is LEVEL[@BYTES][xREPS]: compress the first BYTES of FILE (default
// all of it), with REPS rounds (default --reps).  FILE is loaded into memory;
// the zstd CLI reads it (or a copy of its first BYTES written to --work,
// default /tmp/zstdio-bench) from the page cache and writes to /dev/null.
//
// Every round runs each group as (untimed ref), ref, c1, ref, c2, ..., ref
// (support/paired.hpp): a contender's ratio in a round is the mean time of
// the two reference runs around it over its own time (> 1 = faster than
// libzstd).  The table gives the median ratio over the rounds and their
// range, and the speed of the best run.  Times are CPU time (user + system):
// this thread's for the in-process contenders, the child's (all its threads)
// for the CLI.  MB = 10^6 uncompressed bytes, in both directions.  The output
// of every in-process contender is checked against the input in the first
// round, outside the timed part.
//
// References (libzstd used as its documentation recommends, contexts reused):
// - compression, "native stream": ZSTD_compressStream2 fed ZSTD_CStreamInSize()
//   windows into a ZSTD_CStreamOutSize() buffer copied to a preallocated sink
//   (the filters, compressobj and copy_stream write to the same memory);
// - compression, "native one-shot": ZSTD_compress2 into the preallocated sink;
// - decompression, "native stream": ZSTD_decompressStream fed
//   ZSTD_DStreamInSize() windows into a ZSTD_DStreamOutSize() buffer read in
//   place (as a filtering_istream reader reads its 128 KiB chunks);
//   "native stream +sink" also copies each buffer to the sink (for
//   decompressobj and copy_stream, which deliver to memory);
// - decompression, "native one-shot": ZSTD_decompressDCtx into the sink.
// Frames carry a checksum (zstdio's and the zstd CLI's default; Boost's zstd
// filter writes none).  gzip (Boost's gzip_compressor, zlib's default level
// 6) runs in the level-3 group only, compared with zstd's level 3 (the two
// tools' defaults).
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>

#if __has_include(<zstdio/streaming.hpp>)
#include <zstdio/streaming.hpp>
#define ZSTDIO_BENCH_STREAMING 1
#else
#define ZSTDIO_BENCH_STREAMING 0
#endif

#include "support/files.hpp"
#include "support/native.hpp"
#include "support/options.hpp"
#include "support/paired.hpp"
#include "support/workspace.hpp"

#include <zstd.h>

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/zstd.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
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
using zstdio_bench::contender;
using zstdio_bench::dctx_ptr;
using zstdio_bench::group;
using zstdio_bench::thread_seconds;
using zstdio_bench::write_file;

namespace {

struct level_spec {
    int level = 3;
    std::size_t bytes = 0; // 0 = the whole file
    int reps = 0;          // 0 = --reps
};

struct options {
    std::string file;
    std::vector<level_spec> levels;
    int reps = 3;
    std::string work = "/tmp/zstdio-bench";
    bool cli = true;
    bool gzip = true;
};

const std::string program = "table";
const std::string synopsis =
    "table FILE [--levels 1,2,3,11,19@20000000x2] [--reps N] [--work DIR] [--no-cli] [--no-gzip]";

// LEVEL[@BYTES][xREPS]; throws std::invalid_argument or std::out_of_range
// when it is not one.
level_spec parse_level(const std::string& s)
{
    level_spec l;
    std::size_t pos = 0;
    l.level = std::stoi(s, &pos);
    while (pos < s.size()) {
        const char tag = s[pos++];
        std::size_t used = 0;
        const std::string rest = s.substr(pos);
        if (tag == '@')
            l.bytes = std::stoull(rest, &used);
        else if (tag == 'x')
            l.reps = std::stoi(rest, &used);
        else
            throw std::invalid_argument("bad level " + s);
        pos += used;
    }
    return l;
}

options parse(int argc, char** argv)
{
    namespace po = zstdio_bench::po;
    options o;
    zstdio_bench::command_line cl(program, synopsis);
    cl.add_file(o.file);
    cl.options().add_options()
        ("levels", po::value<std::string>()->default_value("1,2,3,11,19@20000000")->value_name("LIST")
             ->notifier([&o](const std::string& levels) {
                 std::stringstream ss(levels);
                 for (std::string item; std::getline(ss, item, ',');) {
                     try {
                         o.levels.push_back(parse_level(item));
                     } catch (const std::exception&) {
                         throw po::error("bad level " + item);
                     }
                 }
             }),
         "levels, comma-separated, each LEVEL[@BYTES][xREPS]: on the first BYTES of FILE (default: all of "
         "it), REPS rounds (default: --reps)")
        ("reps", po::value(&o.reps)->default_value(o.reps)->value_name("N"), "rounds")
        ("work", po::value(&o.work)->default_value(o.work)->value_name("DIR"),
         "where the zstd CLI's input and frames are written")
        ("no-cli", zstdio_bench::switch_off(o.cli), "leave out the zstd CLI")
        ("no-gzip", zstdio_bench::switch_off(o.gzip), "leave out Boost's gzip filter");
    cl.parse(argc, argv);
    cl.require(o.file, o.levels.size(), o.reps);
    return o;
}

// One row of the table: a contender, its direction, level and reference.
struct row {
    int level = 0;
    std::size_t bytes = 0;
    std::string direction; // "compress" / "decompress"
    std::string column;    // the table's column name
    std::string reference; // column name of its reference ("" = it is one)
    std::size_t compressed = 0;
    contender c;
};

class table {
public:
    explicit table(const options& o)
        : opt_(o), data_(zstdio_bench::read_input(program, synopsis, o.file)), ws_(data_.size())
    {
        mkdir(o.work.c_str(), 0755);
    }

    void add_level(const level_spec& spec);
    void measure();
    void print() const;

private:
    row& add(const level_spec& spec, std::string direction, std::string column, std::string reference,
             std::function<double(bool)> run)
    {
        auto r = std::make_unique<row>();
        r->level = spec.level;
        r->bytes = spec.bytes;
        r->direction = std::move(direction);
        r->column = std::move(column);
        r->reference = std::move(reference);
        r->c.name = r->column;
        // The first run of a contender checks its output (untimed part).
        auto first = std::make_shared<bool>(true);
        r->c.run = [run = std::move(run), first]() {
            const double t = run(*first);
            *first = false;
            return t;
        };
        rows_.push_back(std::move(r));
        reps_.push_back(spec.reps ? spec.reps : opt_.reps);
        return *rows_.back();
    }

    const options& opt_;
    std::string data_;
    zstdio_bench::workspace ws_; // the sink, the checks (outside the timed part), the native loops
    std::vector<std::unique_ptr<std::string>> keep_; // frames for the closures
    std::shared_ptr<std::string> gzip_frame_;        // gzip of the level-3 input
    std::vector<std::unique_ptr<row>> rows_;
    std::vector<int> reps_;
};

void table::add_level(const level_spec& spec)
{
    const int level = spec.level;
    const std::size_t bytes = spec.bytes && spec.bytes < data_.size() ? spec.bytes : data_.size();
    const std::string_view input(data_.data(), bytes);
    level_spec s = spec;
    s.bytes = bytes;

    // Long-lived state, created once per level like a server's stream objects.
    auto native_c = std::make_shared<cctx_ptr>(zstdio_bench::make_cctx(level));
    auto native_d = std::make_shared<dctx_ptr>(ZSTD_createDCtx());
    auto our_c = std::make_shared<zstdio::zstd_compressor>(zstdio::zstd_params(level));
    auto our_d = std::make_shared<zstdio::zstd_decompressor>();
    auto once_c = std::make_shared<zstdio::compressor>(zstdio::zstd_params(level));
    auto once_d = std::make_shared<zstdio::decompressor>();
    auto boost_c = std::make_shared<io::zstd_compressor>(io::zstd_params(static_cast<std::uint32_t>(level)));
    auto boost_d = std::make_shared<io::zstd_decompressor>();

    // The decompression input: one frame with checksum and content size.
    auto frame_owner = std::make_unique<std::string>(ZSTD_compressBound(bytes), '\0');
    frame_owner->resize(check_zstd(
        ZSTD_compress2(native_c->get(), frame_owner->data(), frame_owner->size(), input.data(), input.size()),
        "frame"));
    const std::string* frame = frame_owner.get();
    keep_.push_back(std::move(frame_owner));

    // Files for the CLI.
    std::string input_path = opt_.file;
    const std::string frame_path = opt_.work + "/table-" + std::to_string(level) + ".zst";
    if (opt_.cli) {
        if (bytes != data_.size()) {
            input_path = opt_.work + "/table-first-" + std::to_string(bytes) + ".bin";
            write_file(input_path, input);
        }
        write_file(frame_path, *frame);
    }

    // ---- compression ------------------------------------------------------
    const std::string cref = "native stream";
    add(s, "compress", cref, "", [this, input, native_c](bool verify) {
        if (verify)
            ws_.clear_sink();
        const double t0 = thread_seconds();
        const std::size_t produced = ws_.compress_stream(native_c->get(), input);
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_frames(input, ws_.sink.data(), produced);
        return t;
    }).compressed = frame->size();

    auto write_through = [this, input](auto& filter, bool verify) {
        if (verify)
            ws_.clear_sink();
        const double t0 = thread_seconds();
        {
            io::filtering_ostream out;
            out.push(filter); // a copy sharing the filter's state: the context is reused
            out.push(ws_.array_sink());
            for (std::size_t pos = 0; pos < input.size(); pos += chunk)
                out.write(input.data() + pos, static_cast<std::streamsize>(std::min(chunk, input.size() - pos)));
            out.reset(); // closes: ends the frame
        }
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_frames(input, ws_.sink.data(), ws_.sink_frames());
        return t;
    };
    add(s, "compress", "filtering_ostream", cref,
                           [write_through, our_c](bool verify) { return write_through(*our_c, verify); });
#if ZSTDIO_BENCH_STREAMING
    add(s, "compress", "compressobj", cref, [this, input, once_c](bool verify) {
        if (verify)
            ws_.clear_sink();
        const double t0 = thread_seconds();
        zstdio::compression_object obj = once_c->compressobj();
        char* out = ws_.sink.data();
        for (std::size_t pos = 0; pos < input.size(); pos += chunk)
            out = obj.compress(input.substr(pos, chunk), out);
        out = obj.flush(zstdio::flush_mode::finish, out);
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_frames(input, ws_.sink.data(), static_cast<std::size_t>(out - ws_.sink.data()));
        return t;
    });
    add(s, "compress", "copy_stream", cref, [this, input, once_c](bool verify) {
        if (verify)
            ws_.clear_sink();
        const double t0 = thread_seconds();
        const zstdio::copy_result r =
            once_c->copy_stream(io::array_source(input.data(), input.size()), ws_.array_sink());
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_frames(input, ws_.sink.data(), static_cast<std::size_t>(r.bytes_written));
        return t;
    });
#endif
    add(s, "compress", "Boost zstd filter", cref,
                         [write_through, boost_c](bool verify) { return write_through(*boost_c, verify); });
    if (opt_.cli) {
        const std::vector<std::string> argv{"zstd", "-q", "-T1", "-" + std::to_string(level), "-c", input_path};
        add(s, "compress", "zstd CLI -T1", cref, [argv](bool) { return zstdio_bench::child_seconds(argv); });
    }
    if (opt_.gzip && level == 3) {
        gzip_frame_ = std::make_shared<std::string>();
        {
            io::filtering_ostream out;
            out.push(io::gzip_compressor());
            out.push(io::back_inserter(*gzip_frame_));
            out.write(input.data(), static_cast<std::streamsize>(input.size()));
        }
        auto gz = std::make_shared<io::gzip_compressor>();
        add(s, "compress", "Boost gzip filter (level 6)", cref, [this, input, gz](bool verify) {
            const double t0 = thread_seconds();
            {
                io::filtering_ostream out;
                out.push(*gz);
                out.push(ws_.array_sink());
                for (std::size_t pos = 0; pos < input.size(); pos += chunk)
                    out.write(input.data() + pos,
                              static_cast<std::streamsize>(std::min(chunk, input.size() - pos)));
                out.reset();
            }
            const double t = thread_seconds() - t0;
            if (verify) { // the same bytes as the decompression input (decoded back there)
                const std::string& expected = *gzip_frame_;
                if (std::memcmp(ws_.sink.data(), expected.data(), expected.size()) != 0)
                    throw std::runtime_error("gzip: compressed output differs from a second compression");
            }
            return t;
        });
    }

    const std::string oref = "native one-shot";
    add(s, "compress", oref, "", [this, input, native_c](bool verify) {
        const double t0 = thread_seconds();
        const std::size_t n = check_zstd(
            ZSTD_compress2(native_c->get(), ws_.sink.data(), ws_.sink.size(), input.data(), input.size()), "compress2");
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_frames(input, ws_.sink.data(), n);
        return t;
    });
    add(s, "compress", "one-shot", oref, [this, input, once_c](bool verify) {
        const double t0 = thread_seconds();
        const std::size_t n = once_c->compress(input, ws_.sink.data(), ws_.sink.size());
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_frames(input, ws_.sink.data(), n);
        return t;
    });

    // ---- decompression ----------------------------------------------------
    auto native_stream = [this, input, native_d, frame](bool to_sink, bool verify) {
        const double t0 = thread_seconds();
        const std::size_t produced =
            ws_.decompress_stream(native_d->get(), *frame, [&](const char* p, std::size_t n, std::size_t at) {
                if (to_sink)
                    std::memcpy(ws_.sink.data() + at, p, n);
            });
        const double t = thread_seconds() - t0;
        if (verify && produced != input.size())
            throw std::runtime_error("native stream: short output");
        if (verify && to_sink)
            ws_.verify_output(input, ws_.sink.data(), produced, "native stream +sink");
        return t;
    };
    const std::string dref = "native stream";
    const std::string dref_sink = "native stream +sink";
    add(s, "decompress", dref, "", [native_stream](bool verify) {
        return native_stream(false, verify);
    }).compressed = frame->size();
    add(s, "decompress", "filtering_istream", dref, [this, input, our_d, frame](bool verify) {
        const double t0 = thread_seconds();
        io::filtering_istream in;
        in.push(*our_d);
        in.push(io::array_source(frame->data(), frame->size()));
        ws_.read_all(in, input, verify); // verify compares as it reads (timed, both sides alike)
        in.reset();
        return thread_seconds() - t0;
    });
    add(s, "decompress", "Boost zstd filter", dref, [this, input, boost_d, frame](bool verify) {
        const double t0 = thread_seconds();
        io::filtering_istream in;
        in.push(*boost_d);
        in.push(io::array_source(frame->data(), frame->size()));
        ws_.read_all(in, input, verify);
        in.reset();
        return thread_seconds() - t0;
    });
    if (opt_.cli) {
        const std::vector<std::string> argv{"zstd", "-q", "-d", "-c", frame_path};
        add(s, "decompress", "zstd CLI", dref, [argv](bool) { return zstdio_bench::child_seconds(argv); });
    }
    if (opt_.gzip && level == 3) {
        const std::string* gzf = gzip_frame_.get();
        add(s, "decompress", "Boost gzip filter (level 6)", dref, [this, input, gzf, keep = gzip_frame_](bool verify) {
            const double t0 = thread_seconds();
            io::filtering_istream in;
            in.push(io::gzip_decompressor());
            in.push(io::array_source(gzf->data(), gzf->size()));
            ws_.read_all(in, input, verify);
            in.reset();
            return thread_seconds() - t0;
        }).compressed = gzf->size();
    }
#if ZSTDIO_BENCH_STREAMING
    add(s, "decompress", dref_sink, "", [native_stream](bool verify) { return native_stream(true, verify); });
    add(s, "decompress", "decompressobj", dref_sink, [this, input, once_d, frame](bool verify) {
        const double t0 = thread_seconds();
        zstdio::decompression_object obj = once_d->decompressobj();
        char* out = ws_.sink.data();
        const std::string_view f(*frame);
        for (std::size_t pos = 0; pos < f.size(); pos += chunk)
            out = obj.decompress(f.substr(pos, chunk), out);
        obj.finish();
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_output(input, ws_.sink.data(), static_cast<std::size_t>(out - ws_.sink.data()), "decompressobj");
        return t;
    });
    add(s, "decompress", "copy_stream", dref_sink, [this, input, once_d, frame](bool verify) {
        const double t0 = thread_seconds();
        const zstdio::copy_result r =
            once_d->copy_stream(io::array_source(frame->data(), frame->size()), ws_.array_sink());
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_output(input, ws_.sink.data(), static_cast<std::size_t>(r.bytes_written), "copy_stream");
        return t;
    });
#else
    (void)dref_sink;
#endif
    add(s, "decompress", oref, "", [this, input, native_d, frame](bool verify) {
        const double t0 = thread_seconds();
        const std::size_t n = check_zstd(
            ZSTD_decompressDCtx(native_d->get(), ws_.sink.data(), ws_.sink.size(), frame->data(), frame->size()),
            "decompressDCtx");
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_output(input, ws_.sink.data(), n, "ZSTD_decompressDCtx");
        return t;
    });
    add(s, "decompress", "one-shot", oref, [this, input, once_d, frame](bool verify) {
        const double t0 = thread_seconds();
        const std::size_t n = once_d->decompress(*frame, ws_.sink.data(), ws_.sink.size());
        const double t = thread_seconds() - t0;
        if (verify)
            ws_.verify_output(input, ws_.sink.data(), n, "decompressor::decompress");
        return t;
    });
}

void table::measure()
{
    // Groups per level and direction, in the order of the rows.
    struct level_groups {
        int reps;
        std::vector<group> groups;
    };
    std::vector<level_groups> plan;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        row& r = *rows_[i];
        if (plan.empty() || rows_[i - 1]->level != r.level || rows_[i - 1]->bytes != r.bytes)
            plan.push_back({reps_[i], {}});
        auto& groups = plan.back().groups;
        if (r.reference.empty()) {
            group g;
            g.reference = &r.c;
            groups.push_back(g);
            continue;
        }
        for (std::size_t j = i; j-- > 0;) {
            const row& ref = *rows_[j];
            if (ref.level == r.level && ref.bytes == r.bytes && ref.direction == r.direction &&
                ref.column == r.reference) {
                auto g = std::find_if(groups.begin(), groups.end(),
                                      [&](const group& g) { return g.reference == &rows_[j]->c; });
                g->members.push_back(&r.c);
                break;
            }
        }
    }
    for (std::size_t l = 0; l < plan.size(); ++l)
        for (int rep = 0; rep < plan[l].reps; ++rep) {
            std::cerr << "level block " << l + 1 << "/" << plan.size() << ", round " << rep + 1 << "/"
                      << plan[l].reps << std::endl;
            for (group& g : plan[l].groups)
                g.round(rep);
        }
}

void table::print() const
{
    std::printf("input: %s; CPU time; MB = 10^6 uncompressed bytes; ratio = median over the rounds of "
                "(reference time / contender time), > 1 = faster than the reference\n\n",
                opt_.file.c_str());
    std::printf("| level | bytes | direction | contender | MB/s (best) | ratio (median) | ratio (range) | reference "
                "|\n");
    std::printf("| ---: | ---: | --- | --- | ---: | ---: | ---: | --- |\n");
    for (const auto& rp : rows_) {
        const row& r = *rp;
        const zstdio_bench::ratio_cells cells(r.c.ratios);
        std::printf("| %d | %zu | %s | %s | %.1f | %s | %s | %s |\n", r.level, r.bytes, r.direction.c_str(),
                    r.column.c_str(), static_cast<double>(r.bytes) / 1e6 / r.c.best, cells.median, cells.range,
                    r.reference.c_str());
    }
    // The same as python-zstandard lays it out: one line per level, one
    // column per API, "MB/s (ratio)".
    for (const char* direction : {"compress", "decompress"}) {
        std::vector<std::string> columns;
        for (const auto& rp : rows_)
            if (rp->direction == direction &&
                std::find(columns.begin(), columns.end(), rp->column) == columns.end())
                columns.push_back(rp->column);
        std::printf("\n%s, MB/s (ratio to its reference)\n\n| level | bytes | zstd ratio |", direction);
        for (const std::string& c : columns)
            std::printf(" %s |", c.c_str());
        std::printf("\n| ---: | ---: | ---: |");
        for (std::size_t i = 0; i < columns.size(); ++i)
            std::printf(" ---: |");
        std::printf("\n");
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            const row& first = *rows_[i];
            if (first.direction != direction || (i > 0 && rows_[i - 1]->level == first.level &&
                                                 rows_[i - 1]->bytes == first.bytes && rows_[i - 1]->direction == direction))
                continue;
            std::printf("| %d | %zu | %.3f |", first.level, first.bytes,
                        static_cast<double>(first.bytes) / static_cast<double>(first.compressed ? first.compressed : 1));
            for (const std::string& c : columns) {
                const row* found = nullptr;
                for (std::size_t j = i; j < rows_.size() && rows_[j]->level == first.level &&
                                        rows_[j]->bytes == first.bytes;
                     ++j)
                    if (rows_[j]->direction == direction && rows_[j]->column == c)
                        found = rows_[j].get();
                if (!found)
                    std::printf(" |");
                else if (found->c.ratios.empty())
                    std::printf(" %.0f |", static_cast<double>(found->bytes) / 1e6 / found->c.best);
                else
                    std::printf(" %.0f (%.2f) |", static_cast<double>(found->bytes) / 1e6 / found->c.best,
                                zstdio_bench::median(found->c.ratios));
            }
            std::printf("\n");
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const options opt = parse(argc, argv);
        table t(opt);
        for (const level_spec& l : opt.levels)
            t.add_level(l);
        t.measure();
        t.print();
    } catch (const std::exception& e) {
        std::cerr << "table: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
