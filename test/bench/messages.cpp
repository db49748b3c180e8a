// zstdio benchmark for issue #16 ("Small streams at native speed"): many
// small messages, each its own frame, through a new filter chain (or a new
// one-shot object) per message, against libzstd with one context reused for
// every message, and Boost's gzip filter, on the same messages in one run.
//
//   messages FILE [--sizes 1000,10000,100000,1000000] [--levels 1,3] [--messages N]
//            [--large BYTES] [--reps 5] [--slice BYTES] [--only NAME] [--no-check]
//
// FILE is loaded into memory (its first --slice bytes, if given).  The
// messages of a size are consecutive slices of it, from its start: message i
// of size S is bytes [i*S, (i+1)*S), so every message has different content.
// A run handles every message of one size once.  Messages per run (--messages
// 0, the default): enough for about 20 MB per run, at most 2000, i.e.
// min(2000, ceil(20,000,000 / S)): 2000 x 1 KB (2 MB: per-message costs
// dominate there), 2000 x 10 KB, 200 x 100 KB, 20 x 1 MB, 2 x 16 MB; fewer if
// FILE does not hold that many.  --messages N takes N at every size.
//
// Every contender runs once untimed with its output checked (each message
// round-trips, and a zstd frame carries a checksum), then --reps rounds run
// every group as (untimed ref), ref, c1, ref, c2, ..., ref
// (support/paired.hpp).  A contender's ratio in a round is the mean time of
// the two reference runs around it over its own time (> 1 = faster than the
// reference); the tables give the median and the range of those ratios and
// the speed of the best run.  Times are the thread's CPU time (user + system:
// page faults count).  Speeds are uncompressed bytes per second in both
// directions, MB = 10^6 bytes.  The machine is shared and noisy: only ratios
// of neighbouring runs mean much.
//
// Compression, per (message size, level).  Every contender but the last
// appends its frames to one std::string (cleared before each run, its capacity
// kept), zstdio's and Boost's filters through a back_insert_device over it:
// - reference "native reused ctx": one ZSTD_CCtx (level, checksum flag) for
//   every message: ZSTD_CCtx_reset (session), ZSTD_compressStream2 with
//   ZSTD_e_end over the whole message into a ZSTD_CStreamOutSize() buffer,
//   appended to the string after each call;
// - "zstdio filter": per message, a new filtering_ostream with
//   push(zstdio::zstd_compressor(params)) (params made once: level, checksum
//   on by default) and push(back_inserter(string)); one write() of the
//   message, reset() (ends the frame);
// - "boost chain floor": as "zstdio filter" with a minimal filter around the
//   reference's own reused ZSTD_CCtx (native_output_filter below): what a new
//   filtering_ostream per message costs with the cheapest possible filter;
// - "native new ctx": the reference's loop with a new ZSTD_CCtx per message
//   (created, level and checksum set, freed after);
// - "boost gzip filter": as "zstdio filter" with boost::iostreams::
//   gzip_compressor(gzip_params(G)), G = the level clamped to zlib's 1..9
//   (zstd level 1 -> gzip 1, 3 -> 3, 19 -> 9);
// - "zstdio compressor": per message, zstdio::compressor(params) constructed
//   and compress(message) returning a new std::string, which is dropped
//   (appended to the common string in the checked run only).
//
// Decompression, per (message size, level), on frames made beforehand with
// ZSTD_compress2 (checksum and content size in every frame), and gzip members
// made beforehand by Boost's gzip_compressor at G.  The decoded message goes
// to one preallocated buffer of the largest message size + 1 bytes, written
// from its start for each message:
// - reference "native reused ctx": one ZSTD_DCtx for every message:
//   ZSTD_DCtx_reset (session), ZSTD_decompressStream over the whole frame
//   straight into the buffer until the frame ends;
// - "zstdio filter": per message, a new filtering_istream with
//   push(zstdio::zstd_decompressor(params)) and push(array_source(frame)),
//   read with one istream::read() of the buffer's whole capacity (it returns
//   at the end of the stream, the frame checked);
// - "boost chain floor": as "zstdio filter" with a minimal filter around the
//   reference's reused ZSTD_DCtx (native_input_filter below);
// - "native new ctx": the reference's loop with a new ZSTD_DCtx per message;
// - "boost gzip filter": as "zstdio filter" with a new gzip_decompressor over
//   the gzip member of the same message;
// - "zstdio one-shot to string": zstdio::decompress(frame, params) (a
//   decompressor constructed per call) returning a new std::string.
//
// Decode to string (the ">= 0.97" goal), per level, on the message
// sizes of --sizes from 100 KB up and on the messages of --large BYTES
// (default 16 MB; 0 leaves them out), on the same kind of frames:
// - reference "native DCtx, new buffer": one reused ZSTD_DCtx;
//   ZSTD_getFrameContentSize, a new std::unique_ptr<char[]> of that size per
//   message, ZSTD_decompressDCtx into it;
// - "zstdio decompressor -> string": one reused zstdio::decompressor,
//   decompress(frame) returning a new std::string per message.
//
// --only NAME runs only the contenders whose name contains NAME (or is exactly
// DIRECTION:NAME, DIRECTION one of compress, decompress, string, e.g.
// "compress:zstdio filter"; several: NAME|NAME).  A contender whose reference
// is not selected is timed alone (no ratio).  With --no-check as well,
// bench::measure() holds nothing but timed runs (timed_run) of the selected
// code paths, for instruction counts with
//   valgrind --tool=callgrind --toggle-collect='*timed_run*'
//       messages FILE --sizes 1000 --levels 1 --messages 200 --reps 1 --no-check
//       --only "compress:zstdio filter"
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>

#include "support/clock.hpp"
#include "support/native.hpp"
#include "support/options.hpp"
#include "support/paired.hpp"

#include <zstd.h>

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filter/gzip.hpp>
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
using zstdio_bench::dctx_ptr;
using zstdio_bench::make_cctx;
using zstdio_bench::thread_seconds;

namespace {

// The default number of messages per run: about this many bytes...
constexpr std::size_t bytes_per_run = 20 * 1000 * 1000;
// ... in at most this many messages.
constexpr std::size_t max_messages = 2000;

// FILE, --levels, --reps (5 here), --slice, --only, and this program's own.
struct options : zstdio_bench::run_options {
    std::vector<std::size_t> sizes{1000, 10000, 100000, 1000000};
    std::size_t messages = 0; // 0: the rule above
    std::size_t large = 16 * 1000 * 1000;
    bool check = true;
};

const std::string program = "messages";
const std::string synopsis = "messages FILE [--sizes LIST] [--levels 1,3] [--messages N] [--large BYTES] [--reps N] "
                             "[--slice BYTES] [--only NAME] [--no-check]";

options parse(int argc, char** argv)
{
    options o;
    o.reps = 5;
    zstdio_bench::command_line cl(program, synopsis);
    cl.add_run_options(o, "time only the contenders whose name contains NAME or is DIRECTION:NAME "
                          "(\"compress:zstdio filter\"; DIRECTION: compress, decompress, string); "
                          "several: NAME|NAME (default: all)");
    std::string sizes;
    for (std::size_t s : o.sizes)
        sizes += (sizes.empty() ? "" : ",") + std::to_string(s);
    cl.options().add_options()
        ("sizes", zstdio_bench::po::value<std::string>()->default_value(sizes)->value_name("LIST")
             ->notifier([&o](const std::string& s) {
                 o.sizes.clear();
                 std::stringstream items(s);
                 for (std::string item; std::getline(items, item, ',');) {
                     std::size_t end = 0;
                     unsigned long long v = 0;
                     try {
                         v = std::stoull(item, &end);
                     } catch (const std::exception&) {
                         end = 0;
                     }
                     if (end != item.size() || v == 0 || item[0] == '-')
                         throw zstdio_bench::po::error("bad --sizes " + s);
                     o.sizes.push_back(static_cast<std::size_t>(v));
                 }
             }),
         "message sizes in bytes, comma-separated")
        ("messages", zstdio_bench::po::value(&o.messages)->default_value(o.messages)->value_name("N"),
         "messages per run at every size (0: about 20 MB per run, at most 2000)")
        ("large", zstdio_bench::po::value(&o.large)->default_value(o.large)->value_name("BYTES"),
         "size of the large messages of the decode-to-string group (0: none)")
        ("no-check", zstdio_bench::switch_off(o.check), "skip the checked run of every contender");
    cl.parse(argc, argv);
    cl.require(o.file, o.levels.size(), o.reps);
    if (o.sizes.empty())
        cl.usage("need at least one message size");
    return o;
}

// "1 KB", "16 MB", "1500 B": message sizes in the tables.
std::string size_name(std::size_t size)
{
    if (size % 1000000 == 0)
        return std::to_string(size / 1000000) + " MB";
    if (size % 1000 == 0)
        return std::to_string(size / 1000) + " KB";
    return std::to_string(size) + " B";
}

// Boost's gzip level for a zstd level: the same number, within zlib's 1..9.
int gzip_level(int level) { return std::clamp(level, 1, 9); }

// The messages of one size: consecutive slices of the input.
// The least a Boost.Iostreams filter can cost per message: a minimal
// filter around the benchmark's one reused libzstd context, no checks, one
// shared buffer of its own, and the chain buffer zstdio's filters ask for
// (optimal_buffer_size, 128 KiB).  Timed in a new filtering_stream per
// message, it shows what the chain itself costs ("boost chain floor").
struct native_input_filter {
    using char_type = char;
    struct category : io::input_filter_tag, io::multichar_tag, io::optimally_buffered_tag {};
    ZSTD_DCtx* d;
    std::shared_ptr<std::vector<char>> input; // [pos, end) unread
    std::size_t pos = 0, end = 0;
    bool eof = false, done = false;

    std::streamsize optimal_buffer_size() const { return 128 * 1024; }

    template <class Source>
    std::streamsize read(Source& src, char* s, std::streamsize n)
    {
        if (done)
            return -1;
        ZSTD_outBuffer o{s, static_cast<std::size_t>(n), 0};
        while (o.pos < o.size) {
            if (pos == end && !eof) {
                const std::streamsize got = io::read(src, input->data(), static_cast<std::streamsize>(input->size()));
                eof = got < 0;
                pos = 0;
                end = got < 0 ? 0 : static_cast<std::size_t>(got);
            }
            ZSTD_inBuffer in{input->data(), end, pos};
            const std::size_t r = check_zstd(ZSTD_decompressStream(d, &o, &in), "decompressStream");
            pos = in.pos;
            if (r == 0) {
                done = true;
                break;
            }
            if (eof && pos == end && o.pos < o.size)
                throw std::runtime_error("truncated");
        }
        return o.pos == 0 && done ? -1 : static_cast<std::streamsize>(o.pos);
    }
};

struct native_output_filter {
    using char_type = char;
    struct category : io::output_filter_tag, io::multichar_tag, io::closable_tag, io::optimally_buffered_tag {};
    ZSTD_CCtx* c;
    std::shared_ptr<std::vector<char>> output;

    std::streamsize optimal_buffer_size() const { return 128 * 1024; }

    template <class Sink>
    void step(Sink& snk, const char* s, std::size_t n, ZSTD_EndDirective how)
    {
        ZSTD_inBuffer in{s, n, 0};
        for (;;) {
            ZSTD_outBuffer o{output->data(), output->size(), 0};
            const std::size_t r = check_zstd(ZSTD_compressStream2(c, &o, &in, how), "compressStream2");
            io::write(snk, output->data(), static_cast<std::streamsize>(o.pos));
            if (how == ZSTD_e_end ? r == 0 : in.pos == in.size)
                return;
        }
    }
    template <class Sink>
    std::streamsize write(Sink& snk, const char* s, std::streamsize n)
    {
        step(snk, s, static_cast<std::size_t>(n), ZSTD_e_continue);
        return n;
    }
    template <class Sink>
    void close(Sink& snk)
    {
        step(snk, nullptr, 0, ZSTD_e_end);
        check_zstd(ZSTD_CCtx_reset(c, ZSTD_reset_session_only), "reset");
    }
};

struct message_set {
    std::size_t size = 0;
    std::vector<std::string_view> messages;

    std::size_t bytes() const { return size * messages.size(); }
};

// The compressed messages of one set, one frame (or gzip member) each.
struct frame_set {
    std::string bytes;
    std::vector<std::string_view> frames; // into `bytes`, set once it is complete
};

struct contender {
    std::string name;
    std::string direction; // "compress", "decompress" or "string"
    std::string reference; // name of the contender it is compared with; "" = a reference
    std::size_t size = 0;  // message size
    int level = 0;
    std::size_t bytes = 0; // uncompressed bytes per run
    // Handles every message once; with `verify`, checks the output.
    std::function<void(bool verify)> run;
    zstdio_bench::contender timing; // its timed runs: best time, ratios (paired.hpp)
};

class bench {
public:
    explicit bench(const options& o) : opt_(o), data_(zstdio_bench::read_input(program, synopsis, o.file, o.slice))
    {
    }

    // Adds the groups of every size and level.
    void add_all();
    void measure();
    void print(int argc, char** argv) const;

private:
    bool selected(const std::string& direction, const std::string& name) const
    {
        if (opt_.only.empty())
            return true;
        bool match = false;
        std::stringstream patterns(opt_.only);
        for (std::string p; std::getline(patterns, p, '|');)
            match = match || direction + ":" + name == p || name.find(p) != std::string::npos;
        return match;
    }

    void add(const message_set& set, int level, std::string direction, std::string name, std::string reference,
             std::function<void(bool)> run)
    {
        if (!selected(direction, name))
            return;
        contender c;
        c.name = std::move(name);
        c.direction = std::move(direction);
        c.reference = std::move(reference);
        c.size = set.size;
        c.level = level;
        c.bytes = set.bytes();
        c.run = std::move(run);
        contenders_.push_back(std::move(c));
    }

    // The messages of `size` bytes (nullptr when FILE holds none), kept for
    // the closures.
    const message_set* messages(std::size_t size);
    // zstd frames of `set` at `level` (ZSTD_compress2, checksum, content size).
    const frame_set* zstd_frames(const message_set& set, int level);
    // gzip members of `set` at gzip_level(level) (Boost's gzip_compressor).
    const frame_set* gzip_frames(const message_set& set, int level);

    void add_compression(const message_set& set, int level);
    void add_decompression(const message_set& set, int level);
    void add_string_decoding(const message_set& set, int level);

    // ---- the work of the contenders, shared by several ---------------------
    // Appends one frame of `message` made by `c` (its session reset first)
    // with ZSTD_compressStream2(ZSTD_e_end) through the ZSTD_CStreamOutSize()
    // buffer to out_.
    void native_compress(ZSTD_CCtx* c, std::string_view message)
    {
        check_zstd(ZSTD_CCtx_reset(c, ZSTD_reset_session_only), "reset");
        ZSTD_inBuffer in{message.data(), message.size(), 0};
        std::size_t remaining;
        do {
            ZSTD_outBuffer o{cstream_out_.data(), cstream_out_.size(), 0};
            remaining = check_zstd(ZSTD_compressStream2(c, &o, &in, ZSTD_e_end), "compressStream2");
            out_.append(cstream_out_.data(), o.pos);
        } while (remaining != 0);
    }

    // Decodes `frame` with `d` (its session reset first) through
    // ZSTD_decompressStream straight into dst_; returns the bytes decoded.
    std::size_t native_decompress(ZSTD_DCtx* d, std::string_view frame)
    {
        check_zstd(ZSTD_DCtx_reset(d, ZSTD_reset_session_only), "reset");
        ZSTD_inBuffer in{frame.data(), frame.size(), 0};
        ZSTD_outBuffer o{dst_.get(), dst_size_, 0};
        while (check_zstd(ZSTD_decompressStream(d, &o, &in), "decompressStream") != 0)
            if (in.pos == in.size && o.pos < o.size)
                throw std::runtime_error("decompressStream: truncated frame");
        return o.pos;
    }

    // Reads `in` to its end into dst_ with one istream::read; returns the
    // bytes read.
    std::size_t read_all(std::istream& in)
    {
        in.read(dst_.get(), static_cast<std::streamsize>(dst_size_));
        if (in.bad())
            throw std::runtime_error("istream::read: the stream went bad");
        return static_cast<std::size_t>(in.gcount());
    }

    // ---- checks (outside the timed runs) -----------------------------------
    static void verify_message(std::string_view message, const char* p, std::size_t n, const std::string& what)
    {
        if (n != message.size() || std::memcmp(p, message.data(), n) != 0)
            throw std::runtime_error(what + ": does not give back the message");
    }

    // out_ holds one zstd frame with a checksum per message of `set`, in order.
    void verify_zstd_output(const message_set& set, const std::string& what) const;
    // out_ holds one gzip member per message of `set`, the i-th ending at ends_[i].
    void verify_gzip_output(const message_set& set, const std::string& what) const;

    const options& opt_;
    std::string data_;
    std::vector<std::unique_ptr<message_set>> message_sets_;
    std::vector<std::unique_ptr<frame_set>> frame_sets_;
    std::vector<contender> contenders_;

    // Working memory, allocated once, before any timing.
    std::string out_;                  // compressed output of a run
    std::vector<std::size_t> ends_;    // where each gzip member of out_ ends (checked run only)
    std::string cstream_out_ = std::string(ZSTD_CStreamOutSize(), '\0');
    std::unique_ptr<char[]> dst_;      // decoded message
    std::size_t dst_size_ = 0;
};

const message_set* bench::messages(std::size_t size)
{
    for (const auto& s : message_sets_)
        if (s->size == size)
            return s.get();
    if (size > data_.size()) {
        std::cerr << program << ": " << opt_.file << " holds no message of " << size << " bytes: left out\n";
        return nullptr;
    }
    std::size_t count = opt_.messages;
    if (count == 0)
        count = std::min(max_messages, (bytes_per_run + size - 1) / size);
    count = std::min(count, data_.size() / size);
    auto set = std::make_unique<message_set>();
    set->size = size;
    for (std::size_t i = 0; i < count; ++i)
        set->messages.emplace_back(data_.data() + i * size, size);
    message_sets_.push_back(std::move(set));
    return message_sets_.back().get();
}

const frame_set* bench::zstd_frames(const message_set& set, int level)
{
    auto f = std::make_unique<frame_set>();
    cctx_ptr c = make_cctx(level);
    std::vector<std::size_t> ends;
    for (std::string_view m : set.messages) {
        const std::size_t at = f->bytes.size();
        f->bytes.resize(at + ZSTD_compressBound(m.size()));
        const std::size_t n =
            check_zstd(ZSTD_compress2(c.get(), f->bytes.data() + at, ZSTD_compressBound(m.size()), m.data(), m.size()),
                       "compress2");
        f->bytes.resize(at + n);
        ends.push_back(at + n);
    }
    std::size_t at = 0;
    for (std::size_t end : ends) {
        f->frames.emplace_back(f->bytes.data() + at, end - at);
        at = end;
    }
    frame_sets_.push_back(std::move(f));
    return frame_sets_.back().get();
}

const frame_set* bench::gzip_frames(const message_set& set, int level)
{
    auto f = std::make_unique<frame_set>();
    const io::gzip_params params(gzip_level(level));
    std::vector<std::size_t> ends;
    for (std::string_view m : set.messages) {
        io::filtering_ostream out;
        out.push(io::gzip_compressor(params));
        out.push(io::back_inserter(f->bytes));
        out.write(m.data(), static_cast<std::streamsize>(m.size()));
        out.reset();
        ends.push_back(f->bytes.size());
    }
    std::size_t at = 0;
    for (std::size_t end : ends) {
        f->frames.emplace_back(f->bytes.data() + at, end - at);
        at = end;
    }
    frame_sets_.push_back(std::move(f));
    return frame_sets_.back().get();
}

void bench::verify_zstd_output(const message_set& set, const std::string& what) const
{
    dctx_ptr d(ZSTD_createDCtx());
    std::string decoded(set.size + 1, '\0');
    std::size_t at = 0;
    for (std::size_t i = 0; i < set.messages.size(); ++i) {
        const std::string m = what + ", message " + std::to_string(i);
        const std::size_t n = check_zstd(ZSTD_findFrameCompressedSize(out_.data() + at, out_.size() - at), m.c_str());
        // Frame_Header_Descriptor (RFC 8878), after the 4-byte magic number:
        // bit 2 is the Content_Checksum_flag.
        if (n < 5 || (static_cast<unsigned char>(out_[at + 4]) & 0x04) == 0)
            throw std::runtime_error(m + ": the frame has no checksum");
        const std::size_t got =
            check_zstd(ZSTD_decompressDCtx(d.get(), decoded.data(), decoded.size(), out_.data() + at, n), m.c_str());
        verify_message(set.messages[i], decoded.data(), got, m);
        at += n;
    }
    if (at != out_.size())
        throw std::runtime_error(what + ": more frames than messages");
}

void bench::verify_gzip_output(const message_set& set, const std::string& what) const
{
    if (ends_.size() != set.messages.size() || ends_.back() != out_.size())
        throw std::runtime_error(what + ": not one gzip member per message");
    std::string decoded(set.size + 1, '\0');
    std::size_t at = 0;
    for (std::size_t i = 0; i < set.messages.size(); ++i) {
        io::filtering_istream in;
        in.push(io::gzip_decompressor());
        in.push(io::array_source(out_.data() + at, ends_[i] - at));
        in.read(decoded.data(), static_cast<std::streamsize>(decoded.size()));
        if (in.bad())
            throw std::runtime_error(what + ": a gzip member does not decode");
        verify_message(set.messages[i], decoded.data(), static_cast<std::size_t>(in.gcount()),
                       what + ", message " + std::to_string(i));
        at = ends_[i];
    }
}

void bench::add_compression(const message_set& set, int level)
{
    const message_set* s = &set;
    const std::string ref = "native reused ctx";
    auto native_c = std::make_shared<cctx_ptr>(make_cctx(level));
    add(set, level, "compress", ref, "", [this, s, native_c](bool verify) {
        out_.clear();
        for (std::string_view m : s->messages)
            native_compress(native_c->get(), m);
        if (verify)
            verify_zstd_output(*s, "native reused ctx");
    });

    const zstdio::zstd_params params(level);
    add(set, level, "compress", "zstdio filter", ref, [this, s, params](bool verify) {
        out_.clear();
        for (std::string_view m : s->messages) {
            io::filtering_ostream out;
            out.push(zstdio::zstd_compressor(params));
            out.push(io::back_inserter(out_));
            out.write(m.data(), static_cast<std::streamsize>(m.size()));
            out.reset(); // closes: ends the frame
        }
        if (verify)
            verify_zstd_output(*s, "zstdio filter");
    });

    auto floor_c = std::make_shared<cctx_ptr>(make_cctx(level));
    auto floor_out = std::make_shared<std::vector<char>>(ZSTD_CStreamOutSize());
    add(set, level, "compress", "boost chain floor", ref, [this, s, floor_c, floor_out](bool verify) {
        out_.clear();
        for (std::string_view m : s->messages) {
            io::filtering_ostream os;
            os.push(native_output_filter{floor_c->get(), floor_out});
            os.push(io::back_inserter(out_));
            os.write(m.data(), static_cast<std::streamsize>(m.size()));
            os.reset();
        }
        if (verify)
            verify_zstd_output(*s, "boost chain floor");
    });

    add(set, level, "compress", "native new ctx", ref, [this, s, level](bool verify) {
        out_.clear();
        for (std::string_view m : s->messages) {
            cctx_ptr c = make_cctx(level);
            native_compress(c.get(), m);
        }
        if (verify)
            verify_zstd_output(*s, "native new ctx");
    });

    const io::gzip_params gzip(gzip_level(level));
    add(set, level, "compress", "boost gzip filter", ref, [this, s, gzip](bool verify) {
        out_.clear();
        ends_.clear();
        for (std::string_view m : s->messages) {
            io::filtering_ostream out;
            out.push(io::gzip_compressor(gzip));
            out.push(io::back_inserter(out_));
            out.write(m.data(), static_cast<std::streamsize>(m.size()));
            out.reset();
            if (verify)
                ends_.push_back(out_.size());
        }
        if (verify)
            verify_gzip_output(*s, "boost gzip filter");
    });

    add(set, level, "compress", "zstdio compressor", ref, [this, s, params](bool verify) {
        out_.clear();
        for (std::string_view m : s->messages) {
            zstdio::compressor c(params);
            const std::string frame = c.compress(m);
            if (verify)
                out_ += frame;
        }
        if (verify)
            verify_zstd_output(*s, "zstdio compressor");
    });
}

void bench::add_decompression(const message_set& set, int level)
{
    const std::string ref = "native reused ctx";
    if (!selected("decompress", ref) && !selected("decompress", "zstdio filter") &&
        !selected("decompress", "native new ctx") && !selected("decompress", "boost gzip filter") &&
        !selected("decompress", "zstdio one-shot to string") && !selected("decompress", "boost chain floor"))
        return; // no frames to make
    const message_set* s = &set;
    const frame_set* f = zstd_frames(set, level);
    auto native_d = std::make_shared<dctx_ptr>(ZSTD_createDCtx());
    add(set, level, "decompress", ref, "", [this, s, f, native_d](bool verify) {
        for (std::size_t i = 0; i < s->messages.size(); ++i) {
            const std::size_t n = native_decompress(native_d->get(), f->frames[i]);
            if (verify)
                verify_message(s->messages[i], dst_.get(), n, "native reused ctx");
        }
    });

    const zstdio::zstd_params params(level); // decoding uses its defaults only
    add(set, level, "decompress", "zstdio filter", ref, [this, s, f, params](bool verify) {
        for (std::size_t i = 0; i < s->messages.size(); ++i) {
            io::filtering_istream in;
            in.push(zstdio::zstd_decompressor(params));
            in.push(io::array_source(f->frames[i].data(), f->frames[i].size()));
            const std::size_t n = read_all(in);
            if (verify)
                verify_message(s->messages[i], dst_.get(), n, "zstdio filter");
        }
    });

    auto floor_in = std::make_shared<std::vector<char>>(ZSTD_DStreamInSize());
    add(set, level, "decompress", "boost chain floor", ref, [this, s, f, native_d, floor_in](bool verify) {
        for (std::size_t i = 0; i < s->messages.size(); ++i) {
            check_zstd(ZSTD_DCtx_reset(native_d->get(), ZSTD_reset_session_only), "reset");
            io::filtering_istream in;
            in.push(native_input_filter{native_d->get(), floor_in});
            in.push(io::array_source(f->frames[i].data(), f->frames[i].size()));
            const std::size_t n = read_all(in);
            if (verify)
                verify_message(s->messages[i], dst_.get(), n, "boost chain floor");
        }
    });

    add(set, level, "decompress", "native new ctx", ref, [this, s, f](bool verify) {
        for (std::size_t i = 0; i < s->messages.size(); ++i) {
            dctx_ptr d(ZSTD_createDCtx());
            const std::size_t n = native_decompress(d.get(), f->frames[i]);
            if (verify)
                verify_message(s->messages[i], dst_.get(), n, "native new ctx");
        }
    });

    if (selected("decompress", "boost gzip filter")) { // its frames take a while to make
        const frame_set* g = gzip_frames(set, level);
        add(set, level, "decompress", "boost gzip filter", ref, [this, s, g](bool verify) {
            for (std::size_t i = 0; i < s->messages.size(); ++i) {
                io::filtering_istream in;
                in.push(io::gzip_decompressor());
                in.push(io::array_source(g->frames[i].data(), g->frames[i].size()));
                const std::size_t n = read_all(in);
                if (verify)
                    verify_message(s->messages[i], dst_.get(), n, "boost gzip filter");
            }
        });
    }

    add(set, level, "decompress", "zstdio one-shot to string", ref, [s, f, params](bool verify) {
        for (std::size_t i = 0; i < s->messages.size(); ++i) {
            const std::string m = zstdio::decompress(f->frames[i], params);
            if (verify)
                verify_message(s->messages[i], m.data(), m.size(), "zstdio one-shot to string");
        }
    });
}

void bench::add_string_decoding(const message_set& set, int level)
{
    const std::string ref = "native DCtx, new buffer";
    if (!selected("string", ref) && !selected("string", "zstdio decompressor -> string"))
        return; // no frames to make
    const message_set* s = &set;
    const frame_set* f = zstd_frames(set, level);
    auto native_d = std::make_shared<dctx_ptr>(ZSTD_createDCtx());
    add(set, level, "string", ref, "", [s, f, native_d](bool verify) {
        for (std::size_t i = 0; i < s->messages.size(); ++i) {
            const std::string_view frame = f->frames[i];
            const auto size = ZSTD_getFrameContentSize(frame.data(), frame.size());
            if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR)
                throw std::runtime_error("native DCtx, new buffer: no content size");
            std::unique_ptr<char[]> dst(new char[size]);
            const std::size_t n = check_zstd(
                ZSTD_decompressDCtx(native_d->get(), dst.get(), size, frame.data(), frame.size()), "decompressDCtx");
            if (verify)
                verify_message(s->messages[i], dst.get(), n, "native DCtx, new buffer");
        }
    });

    auto once_d = std::make_shared<zstdio::decompressor>();
    add(set, level, "string", "zstdio decompressor -> string", ref, [s, f, once_d](bool verify) {
        for (std::size_t i = 0; i < s->messages.size(); ++i) {
            const std::string m = once_d->decompress(f->frames[i]);
            if (verify)
                verify_message(s->messages[i], m.data(), m.size(), "zstdio decompressor -> string");
        }
    });
}

void bench::add_all()
{
    std::size_t largest = 0;
    for (std::size_t size : opt_.sizes) {
        const message_set* set = messages(size);
        if (!set)
            continue;
        largest = std::max(largest, size);
        for (int level : opt_.levels) {
            add_compression(*set, level);
            add_decompression(*set, level);
        }
    }
    std::vector<std::size_t> string_sizes;
    for (std::size_t size : opt_.sizes)
        if (size >= 100000)
            string_sizes.push_back(size);
    if (opt_.large != 0)
        string_sizes.push_back(opt_.large);
    std::sort(string_sizes.begin(), string_sizes.end());
    string_sizes.erase(std::unique(string_sizes.begin(), string_sizes.end()), string_sizes.end());
    for (std::size_t size : string_sizes)
        if (const message_set* set = messages(size))
            for (int level : opt_.levels)
                add_string_decoding(*set, level);

    // The working memory, for the largest run of the compression groups and
    // the largest message of the decompression groups, touched now so that no
    // timed run pays its first page faults.
    std::size_t out_bytes = 0;
    for (const auto& s : message_sets_)
        if (s->size <= largest)
            out_bytes = std::max(out_bytes, s->messages.size() * (ZSTD_compressBound(s->size) + 64));
    out_.assign(out_bytes, '\0');
    out_.clear(); // keeps the capacity
    dst_size_ = largest + 1;
    dst_.reset(new char[dst_size_]);
    std::memset(dst_.get(), 0, dst_size_);
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
        std::cerr << "check  " << size_name(c.size) << " level " << c.level << " " << c.direction << ": " << c.name
                  << std::endl;
        c.run(true);
    }
    // Paired groups (support/paired.hpp).  Only timed_run() is timed, and
    // the untimed run does not go through it.
    zstdio_bench::run_paired(
        contenders_, opt_.reps, [](const contender& r, const contender& c) { return r.size == c.size && r.level == c.level && r.direction == c.direction; },
        [](contender& c) { return timed_run(c); }, [](contender& c) { c.run(false); });
}

void bench::print(int argc, char** argv) const
{
    std::printf("command: %s\n\n", zstdio_bench::command_text(argc, argv).c_str());
    std::string counts;
    for (const auto& s : message_sets_)
        counts += (counts.empty() ? "" : ", ") + size_name(s->size) + " x " + std::to_string(s->messages.size());
    std::printf("input: %s, %zu bytes; messages per run: %s; %d rounds; thread CPU time; ratio = reference time / "
                "contender time; gzip level = zstd level within 1..9\n",
                opt_.file.c_str(), data_.size(), counts.c_str(), opt_.reps);
    struct table {
        const char* direction;
        const char* title;
    };
    for (const table t : {table{"compress", "Compression (reference: native reused ctx)"},
                          table{"decompress", "Decompression (reference: native reused ctx)"},
                          table{"string", "Decode to std::string (reference: native DCtx, new buffer)"}}) {
        if (std::none_of(contenders_.begin(), contenders_.end(),
                         [&](const contender& c) { return c.direction == t.direction; }))
            continue;
        std::printf("\n%s\n\n", t.title);
        std::printf("| message size | level | contender | ratio (median) | ratio (range) | MB/s (best) |\n");
        std::printf("| ---: | ---: | --- | ---: | ---: | ---: |\n");
        for (const contender& c : contenders_) {
            if (c.direction != t.direction)
                continue;
            const zstdio_bench::ratio_cells cells(c.timing.ratios);
            std::printf("| %s | %d | %s | %s | %s | %.1f |\n", size_name(c.size).c_str(), c.level, c.name.c_str(),
                        cells.median, cells.range, static_cast<double>(c.bytes) / 1e6 / c.timing.best);
        }
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
        b.print(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
