// zstdio benchmark: the streaming paths (copy_stream, compressobj) against a
// ZSTD_compressStream2 loop on the same data in the same run, and
// multi-threaded compression (threads = 2 against 1 and 0).
//
//   streaming FILE [--levels 1,3] [--reps 3] [--slice BYTES] [--threads-level 3] [--no-threads]
//             [--only NAME]
//
// --only NAME times only the contenders whose name contains NAME (and prints
// no table); every timed run goes through
// timed_run(), so instruction counts compare exactly with
//   valgrind --tool=callgrind --toggle-collect='*timed_run*'
//       bench_streaming FILE --slice 8000000 --reps 1 --levels 1 --only 'chunks: native'
//
// Contenders, per level (single-threaded, checksum on as zstdio's default):
// - file/native:    fread ZSTD_CStreamInSize() bytes, ZSTD_compressStream2 into
//                   a ZSTD_CStreamOutSize() buffer, fwrite it (FILE*, file to file);
// - file/copy_stream(fstream):  compressor::copy_stream(std::ifstream, std::ofstream);
// - file/copy_stream(boost):    compressor::copy_stream(io::file_source, io::file_sink);
// - chunks/native:  the file in memory, ZSTD_compressStream2 fed 128 KiB
//                   chunks into a ZSTD_CStreamOutSize() buffer (the output is
//                   used in place: nothing is copied);
// - chunks/compressobj(append): compression_object::compress(chunk, out) with
//                   one std::string reused across chunks (cleared after each);
// - chunks/compressobj(return): compression_object::compress(chunk) returning
//                   a new std::string per chunk.
// Every contender runs once first with its output checked (frames identical to
// the native one, which decodes to the input); then --reps rounds run them all
// in turn (the order rotates every round) and the best time of each is kept.
// Times are process CPU time (user + system, so file I/O counts); wall-clock
// ratios are printed beside.  The machine is shared and noisy: only ratios
// measured in one run mean anything.
//
// Threads (level --threads-level, memory to memory, copy_stream from an
// array_source to a counting sink, and the native loop with nbWorkers = 2):
// wall-clock time, since the point is the second core, and the CPU time / wall
// time of that run (how many cores it actually got: on a loaded machine the
// speed-up is capped by it).  "--levels ''" runs only this part.
#include <zstdio/compressor.hpp>
#include <zstdio/streaming.hpp>

#include "support/clock.hpp"
#include "support/files.hpp"
#include "support/native.hpp"
#include "support/options.hpp"

#include <zstd.h>

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/device/file.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace io = boost::iostreams;
using zstdio_bench::cctx_ptr;
using zstdio_bench::check_zstd;
using zstdio_bench::process_seconds;
using zstdio_bench::read_file;
using zstdio_bench::wall_seconds;
using zstdio_bench::write_file;

namespace {

constexpr std::size_t chunk_size = 128 * 1024;

// FILE, --levels, --reps, --slice, --only, and --threads-level, --no-threads.
struct options : zstdio_bench::run_options {
    int threads_level = 3;
    bool threads = true;
};

options parse(int argc, char** argv)
{
    namespace po = zstdio_bench::po;
    options o;
    zstdio_bench::command_line cl("streaming",
                                  "streaming FILE [--levels 1,3] [--reps 3] [--slice BYTES] [--threads-level 3] "
                                  "[--no-threads] [--only NAME]");
    cl.add_run_options(o, "time only the contenders whose name contains NAME, and print no table (default: all)");
    cl.options().add_options()
        ("threads-level", po::value(&o.threads_level)->default_value(o.threads_level)->value_name("LEVEL"),
         "level of the threads part")
        ("no-threads", zstdio_bench::switch_off(o.threads), "skip the threads part");
    cl.parse(argc, argv);
    if (o.file.empty())
        cl.usage("no input file");
    return o;
}

// A libzstd context set up as zstdio's compressor(level) with `threads`.
cctx_ptr native_context(int level, int threads)
{
    cctx_ptr c = zstdio_bench::make_cctx(level);
    check_zstd(ZSTD_CCtx_setParameter(c.get(), ZSTD_c_nbWorkers, threads), "nbWorkers");
    return c;
}

// The native file-to-file loop; returns the compressed size.
std::size_t native_file(ZSTD_CCtx* c, const std::string& from, const std::string& to)
{
    std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(from.c_str(), "rb"), &std::fclose);
    std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(to.c_str(), "wb"), &std::fclose);
    if (!in || !out)
        throw std::runtime_error("cannot open the benchmark files");
    const std::size_t in_size = ZSTD_CStreamInSize(), out_size = ZSTD_CStreamOutSize();
    std::vector<char> ibuf(in_size), obuf(out_size);
    check_zstd(ZSTD_CCtx_reset(c, ZSTD_reset_session_only), "reset");
    std::size_t written = 0;
    for (;;) {
        const std::size_t got = std::fread(ibuf.data(), 1, in_size, in.get());
        const bool last = got < in_size;
        ZSTD_inBuffer zin{ibuf.data(), got, 0};
        const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
        bool done;
        do {
            ZSTD_outBuffer zout{obuf.data(), out_size, 0};
            const std::size_t remaining = check_zstd(ZSTD_compressStream2(c, &zout, &zin, mode), "compressStream2");
            if (std::fwrite(obuf.data(), 1, zout.pos, out.get()) != zout.pos)
                throw std::runtime_error("write failed");
            written += zout.pos;
            done = last ? remaining == 0 : zin.pos == zin.size;
        } while (!done);
        if (last)
            return written;
    }
}

// The native in-memory loop over 128 KiB chunks; returns the compressed size.
// `keep` (optional) receives the frame, for the check run.
std::size_t native_chunks(ZSTD_CCtx* c, const std::string& data, std::string* keep)
{
    const std::size_t out_size = ZSTD_CStreamOutSize();
    static std::vector<char> obuf;
    obuf.resize(out_size);
    check_zstd(ZSTD_CCtx_reset(c, ZSTD_reset_session_only), "reset");
    std::size_t written = 0;
    std::size_t pos = 0;
    for (;;) {
        const std::size_t n = std::min(chunk_size, data.size() - pos);
        const bool last = pos + n == data.size();
        ZSTD_inBuffer zin{data.data() + pos, n, 0};
        const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
        bool done;
        do {
            ZSTD_outBuffer zout{obuf.data(), out_size, 0};
            const std::size_t remaining = check_zstd(ZSTD_compressStream2(c, &zout, &zin, mode), "compressStream2");
            written += zout.pos;
            if (keep)
                keep->append(obuf.data(), zout.pos);
            done = last ? remaining == 0 : zin.pos == zin.size;
        } while (!done);
        pos += n;
        if (last)
            return written;
    }
}

// compressobj over 128 KiB chunks, appending to one reused string.
std::size_t obj_append(zstdio::compressor& c, const std::string& data, std::string* keep)
{
    zstdio::compression_object obj = c.compressobj();
    std::string out;
    std::size_t written = 0;
    for (std::size_t pos = 0; pos < data.size(); pos += chunk_size) {
        obj.compress(std::string_view(data).substr(pos, chunk_size), out);
        written += out.size();
        if (keep)
            *keep += out;
        out.clear();
    }
    obj.flush(zstdio::flush_mode::finish, out);
    if (keep)
        *keep += out;
    return written + out.size();
}

// compressobj over 128 KiB chunks, a returned string per call.
std::size_t obj_return(zstdio::compressor& c, const std::string& data, std::string* keep)
{
    zstdio::compression_object obj = c.compressobj();
    std::size_t written = 0;
    for (std::size_t pos = 0; pos < data.size(); pos += chunk_size) {
        const std::string out = obj.compress(std::string_view(data).substr(pos, chunk_size));
        written += out.size();
        if (keep)
            *keep += out;
    }
    const std::string out = obj.flush();
    if (keep)
        *keep += out;
    return written + out.size();
}

// A Boost sink that only counts.
struct counting_sink {
    using char_type = char;
    using category = io::sink_tag;
    std::size_t* count;
    std::streamsize write(const char*, std::streamsize n)
    {
        *count += static_cast<std::size_t>(n);
        return n;
    }
};

// Decodes every frame (frames without a content size included).
std::string decode(const std::string& frames)
{
    zstdio::decompressor d;
    zstdio::decompression_object obj = d.decompressobj();
    std::string out = obj.decompress(frames);
    obj.finish();
    return out;
}

struct contender {
    std::string name;
    std::function<std::size_t()> run; // returns the compressed size
    double best_cpu = 1e300;
    double best_wall = 1e300;
    double cores = 0; // CPU time / wall time of the fastest (wall) run
};

// One timed run (not inlined: callgrind's --toggle-collect finds it).
__attribute__((noinline)) std::size_t timed_run(const std::function<std::size_t()>& run) { return run(); }

void time_all(std::vector<contender>& cs, int reps, const std::string& only = {})
{
    for (int r = 0; r < reps; ++r) {
        for (std::size_t k = 0; k < cs.size(); ++k) {
            contender& c = cs[(k + static_cast<std::size_t>(r)) % cs.size()];
            if (!only.empty() && c.name.find(only) == std::string::npos)
                continue;
            const double w0 = wall_seconds(), c0 = process_seconds();
            timed_run(c.run);
            const double c1 = process_seconds(), w1 = wall_seconds();
            c.best_cpu = std::min(c.best_cpu, c1 - c0);
            if (w1 - w0 < c.best_wall) {
                c.best_wall = w1 - w0;
                c.cores = (c1 - c0) / (w1 - w0);
            }
        }
    }
}

void print(const std::vector<contender>& cs, std::size_t input_size, std::size_t reference, bool cpu)
{
    const contender& ref = cs[reference];
    for (const contender& c : cs) {
        const double t = cpu ? c.best_cpu : c.best_wall;
        const double rt = cpu ? ref.best_cpu : ref.best_wall;
        std::printf("| %-34s | %8.1f MB/s | %6.1f%% | %6.1f%% |\n", c.name.c_str(),
                    static_cast<double>(input_size) / t / 1e6, 100.0 * rt / t,
                    100.0 * ref.best_wall / c.best_wall);
    }
}

} // namespace

int main(int argc, char** argv)
try {
    const options o = parse(argc, argv);
    const std::string data = read_file(o.file, o.slice);
    const std::string dir = "/tmp/zstdio-bench-streaming-" + std::to_string(::getpid());
    if (std::system(("mkdir -p " + dir).c_str()) != 0)
        throw std::runtime_error("cannot create " + dir);
    const std::string in_path = dir + "/input", out_path = dir + "/output.zst";
    write_file(in_path, data);

    std::printf("input: %s, %zu bytes; libzstd %s; best of %d\n\n", o.file.c_str(), data.size(),
                ZSTD_versionString(), o.reps);

    for (int level : o.levels) {
        cctx_ptr native = native_context(level, 0);
        zstdio::compressor ours(level);

        // Check run: every contender's frame is the native one, which decodes.
        std::string reference;
        native_chunks(native.get(), data, &reference);
        if (decode(reference) != data)
            throw std::runtime_error("the native frame does not decode to the input");
        auto same = [&](const std::string& what, const std::string& frame) {
            if (frame != reference)
                throw std::runtime_error(what + ": frame differs from the native one");
        };
        std::string frame;
        native_file(native.get(), in_path, out_path);
        same("file/native", read_file(out_path, 0));
        obj_append(ours, data, &frame);
        same("compressobj(append)", frame);
        frame.clear();
        obj_return(ours, data, &frame);
        same("compressobj(return)", frame);
        {
            std::ifstream in(in_path, std::ios::binary);
            std::ofstream out(out_path, std::ios::binary);
            ours.copy_stream(in, out);
        }
        same("copy_stream(fstream)", read_file(out_path, 0));
        ours.copy_stream(io::file_source(in_path, std::ios::binary), io::file_sink(out_path, std::ios::binary));
        same("copy_stream(boost)", read_file(out_path, 0));

        std::vector<contender> file{
            {"file: native FILE* loop", [&] { return native_file(native.get(), in_path, out_path); }},
            {"file: copy_stream(fstream)",
             [&] {
                 std::ifstream in(in_path, std::ios::binary);
                 std::ofstream out(out_path, std::ios::binary);
                 return static_cast<std::size_t>(ours.copy_stream(in, out).bytes_written);
             }},
            {"file: copy_stream(boost file)",
             [&] {
                 return static_cast<std::size_t>(
                     ours.copy_stream(io::file_source(in_path, std::ios::binary),
                                      io::file_sink(out_path, std::ios::binary))
                         .bytes_written);
             }},
        };
        std::vector<contender> chunks{
            {"128 KiB chunks: native loop", [&] { return native_chunks(native.get(), data, nullptr); }},
            {"128 KiB chunks: compressobj(append)", [&] { return obj_append(ours, data, nullptr); }},
            {"128 KiB chunks: compressobj(return)", [&] { return obj_return(ours, data, nullptr); }},
        };
        std::vector<contender> all = file;
        all.insert(all.end(), chunks.begin(), chunks.end());
        time_all(all, o.reps, o.only);
        if (!o.only.empty())
            continue;
        std::printf("level %d (compressed %zu bytes, ratio %.2f)\n\n", level, reference.size(),
                    static_cast<double>(data.size()) / static_cast<double>(reference.size()));
        std::printf("| %-34s | %13s | %7s | %7s |\n", "path", "speed (CPU)", "vs native (CPU)",
                    "vs native (wall)");
        std::printf("|%s|%s|%s|%s|\n", std::string(36, '-').c_str(), std::string(15, '-').c_str(),
                    std::string(9, '-').c_str(), std::string(9, '-').c_str());
        std::vector<contender> f(all.begin(), all.begin() + 3), c(all.begin() + 3, all.end());
        print(f, data.size(), 0, true);
        print(c, data.size(), 0, true);
        std::printf("\n");
    }

    if (o.threads) [&] {
        const int level = o.threads_level;
        std::vector<contender> cs;
        std::vector<std::unique_ptr<zstdio::compressor>> keep;
        std::vector<cctx_ptr> natives;
        for (int t : {0, 1, 2}) {
            zstdio::zstd_params p(level);
            p.threads = t;
            keep.push_back(std::make_unique<zstdio::compressor>(p));
            zstdio::compressor* c = keep.back().get();
            cs.push_back({"copy_stream threads=" + std::to_string(t), [c, &data] {
                              std::size_t n = 0;
                              c->copy_stream(io::array_source(data.data(), data.size()), counting_sink{&n});
                              return n;
                          }});
        }
        natives.push_back(native_context(level, 2));
        ZSTD_CCtx* n2 = natives.back().get();
        cs.push_back({"native loop nbWorkers=2", [n2, &data] { return native_chunks(n2, data, nullptr); }});
        // Check run: the multi-threaded frame decodes.
        {
            std::string frame;
            keep[2]->copy_stream(io::array_source(data.data(), data.size()), io::back_inserter(frame));
            if (decode(frame) != data)
                throw std::runtime_error("the threads=2 frame does not decode to the input");
        }
        time_all(cs, o.reps, o.only);
        if (!o.only.empty())
            return;
        std::printf("threads, level %d, memory to memory (wall clock)\n\n", level);
        std::printf("| %-34s | %13s | %9s | %10s |\n", "path", "speed (wall)", "vs threads=1", "CPU / wall");
        std::printf("|%s|%s|%s|%s|\n", std::string(36, '-').c_str(), std::string(15, '-').c_str(),
                    std::string(11, '-').c_str(), std::string(12, '-').c_str());
        for (const contender& c : cs)
            std::printf("| %-34s | %8.1f MB/s | %8.2fx | %10.2f |\n", c.name.c_str(),
                        static_cast<double>(data.size()) / c.best_wall / 1e6, cs[1].best_wall / c.best_wall,
                        c.cores);
        std::printf("\nthreads=2 / threads=1: %.2fx; threads=2 / threads=0: %.2fx; copy_stream threads=2 / "
                    "native nbWorkers=2: %.1f%%\n",
                    cs[1].best_wall / cs[2].best_wall, cs[0].best_wall / cs[2].best_wall,
                    100.0 * cs[3].best_wall / cs[2].best_wall);
    }();
    std::remove(in_path.c_str());
    std::remove(out_path.c_str());
    std::remove(dir.c_str());
    return 0;
} catch (const std::exception& e) {
    std::cerr << "streaming: " << e.what() << "\n";
    return 1;
}
