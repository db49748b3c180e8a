// datagen — deterministic, compressible test data on stdout, for running the
// zstd project's command-line tests (scripts/zstd-cli-tests.sh) against the
// zstdio tool.  It accepts the options those tests give their `datagen`:
//
//   datagen [-g#] [-s#] [-P#] [-L#] [-v] [-h]
//     -g#   bytes to write; K, M, G suffixes (x1024 each)  default 65537
//     -s#   seed                                            default 0
//     -P#   compressibility: percent of steps that copy     default 50
//           earlier data instead of drawing literals
//     -L#   literal skew in percent (0: from -P)            default 0
//     -v    print the settings on stderr
//
// The data is an LZ77-style mix written with our own generator: runs of
// literals drawn from a skewed alphabet (printable characters, the first
// ones most frequent) alternate with copies of earlier output (length >= 4,
// distance up to 32 KiB, sometimes the previous distance again).  So higher
// compression levels find more and produce smaller frames, and samples from
// different seeds share their statistics, as dictionary training wants.
// Output depends only on the options (same bytes on every platform); it is
// not the zstd project's datagen and does not reproduce its bytes.

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr std::uint64_t default_size = 64 * 1024 + 1;
constexpr unsigned default_percent = 50;
constexpr std::size_t window = 32 * 1024;   // farthest a copy reaches back
constexpr std::size_t chunk = 128 * 1024;   // bytes generated per write

// splitmix64 (public domain, Sebastiano Vigna): fast, and every seed --
// 0 included -- gives a well-mixed stream.
class rng {
public:
    explicit rng(std::uint64_t seed) : state_(seed ^ 0x5a1d'0c0f'fee5'7a11ULL) {}
    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9e37'79b9'7f4a'7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58'476d'1ce4'e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d0'49bb'1331'11ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n), n > 0 (the bias of 64-bit modulo is negligible here).
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }

private:
    std::uint64_t state_;
};

// Literals come from a 4096-entry table indexed by 12 random bits: with
// skew 0 every byte value is equally likely (incompressible literals); with
// skew > 0 the table holds the printable characters from '0' on, each
// taking a share that shrinks geometrically, so a few characters dominate.
class literal_table {
public:
    explicit literal_table(double skew)
    {
        if (skew <= 0) {
            for (std::size_t i = 0; i < size; ++i) {
                table_[i] = static_cast<unsigned char>(i);
            }
            return;
        }
        // Printable range '(' .. '}' starting at '0'; ratio of successive
        // shares: from 0.97 (skew near 0) down to 0.75 (skew 1).
        const double ratio = 0.97 - 0.22 * std::min(skew, 1.0);
        double share = size * (1 - ratio);
        unsigned char c = '0';
        std::size_t i = 0;
        while (i < size) {
            const std::size_t n = std::max<std::size_t>(1, static_cast<std::size_t>(share + 0.5));
            for (std::size_t k = 0; k < n && i < size; ++k) {
                table_[i++] = c;
            }
            share *= ratio;
            c = c == '}' ? '(' : static_cast<unsigned char>(c + 1);
        }
    }
    unsigned char draw(rng& r) const { return table_[r.next() >> 52]; }

private:
    static constexpr std::size_t size = 4096;
    unsigned char table_[size];
};

// Lengths: mostly short (0..15), one time in eight longer (16..527).
std::uint32_t run_length(rng& r)
{
    const std::uint64_t x = r.next();
    if ((x & 7) != 0) {
        return static_cast<std::uint32_t>((x >> 3) & 15);
    }
    return 16 + static_cast<std::uint32_t>((x >> 3) % 512);
}

class generator {
public:
    generator(double match_probability, double skew, std::uint64_t seed)
        : rng_(seed), literals_(skew),
          match_threshold_(static_cast<std::uint32_t>(match_probability * 65536 + 0.5))
    {
        buf_.reserve(window + chunk + 1024);
        // A window of history that is never written, so that copies reach
        // back up to 32 KiB from the first byte on (else the start would be
        // the first few literals repeated over and over).
        while (buf_.size() < window) {
            step();
        }
        buf_.resize(window);
        keep_ = window;
    }

    // Appends `n` more bytes of the stream to `out`.
    void produce(std::size_t n, std::vector<unsigned char>& out)
    {
        // buf_ holds the last `window` bytes already written, then new ones.
        while (buf_.size() < keep_ + n) {
            step();
        }
        out.assign(buf_.begin() + static_cast<std::ptrdiff_t>(keep_),
                   buf_.begin() + static_cast<std::ptrdiff_t>(keep_ + n));
        // Keep the tail as history (and any overshoot of the last step).
        const std::size_t used = keep_ + n;
        const std::size_t history = std::min(used, window);
        buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(used - history));
        keep_ = history;
    }

private:
    void step()
    {
        const std::size_t have = buf_.size();
        const bool copy = have > 0 && (rng_.next() & 0xffff) < match_threshold_;
        if (!copy) {
            std::uint32_t n = run_length(rng_);
            if (have == 0 && n == 0) {
                n = 1;
            }
            for (std::uint32_t i = 0; i < n; ++i) {
                buf_.push_back(literals_.draw(rng_));
            }
            return;
        }
        const std::uint32_t length = 4 + run_length(rng_);
        std::size_t distance;
        if (rng_.below(16) == 0 && last_distance_ != 0) {
            distance = last_distance_;
        } else {
            distance = 1 + rng_.below(static_cast<std::uint32_t>(window));
        }
        // Copies stay inside the history we keep (and the data so far).
        distance = std::min({distance, have, window});
        last_distance_ = distance;
        std::size_t from = have - distance;
        for (std::uint32_t i = 0; i < length; ++i) {
            buf_.push_back(buf_[from++]); // overlapping copies repeat a pattern
        }
    }

    rng rng_;
    literal_table literals_;
    std::uint32_t match_threshold_;
    std::vector<unsigned char> buf_;
    std::size_t keep_ = 0;
    std::size_t last_distance_ = 0;
};

void usage(std::FILE* to, const char* name)
{
    std::fprintf(to,
                 "usage: %s [-g#] [-s#] [-P#] [-L#] [-v]\n"
                 "Writes deterministic compressible test data to stdout.\n"
                 "  -g#  size in bytes, K/M/G suffixes allowed (default %llu)\n"
                 "  -s#  seed (default 0)\n"
                 "  -P#  compressibility in %% (default %u)\n"
                 "  -L#  literal skew in %% (default: from -P)\n"
                 "  -v   print the settings on stderr\n",
                 name, static_cast<unsigned long long>(default_size), default_percent);
}

// Parses the digits at `p` (at least one) into `value`, then an optional
// K/M/G suffix when `suffix` is set; returns the first unused character or
// nullptr on a malformed or overflowing number.
const char* parse_number(const char* p, std::uint64_t& value, bool suffix)
{
    if (*p < '0' || *p > '9') {
        return nullptr;
    }
    value = 0;
    while (*p >= '0' && *p <= '9') {
        const std::uint64_t digit = static_cast<std::uint64_t>(*p - '0');
        if (value > (UINT64_MAX - digit) / 10) {
            return nullptr;
        }
        value = value * 10 + digit;
        ++p;
    }
    if (suffix) {
        int shift = 0;
        if (*p == 'K') {
            shift = 10;
        } else if (*p == 'M') {
            shift = 20;
        } else if (*p == 'G') {
            shift = 30;
        }
        if (shift != 0) {
            if (value > (UINT64_MAX >> shift)) {
                return nullptr;
            }
            value <<= shift;
            ++p;
            if (*p == 'B') { // "1KB", "1MiB" read as the same unit
                ++p;
            } else if (p[0] == 'i' && p[1] == 'B') {
                p += 2;
            }
        }
    }
    return p;
}

} // namespace

int main(int argc, char** argv)
{
    std::uint64_t size = default_size;
    std::uint64_t seed = 0;
    std::uint64_t percent = default_percent;
    std::uint64_t skew_percent = 0;
    bool verbose = false;
    const char* const name = argc > 0 ? argv[0] : "datagen";

    for (int i = 1; i < argc; ++i) {
        const char* p = argv[i];
        if (p[0] != '-' || p[1] == '\0') {
            std::fprintf(stderr, "%s: unexpected argument '%s'\n", name, argv[i]);
            usage(stderr, name);
            return 1;
        }
        ++p;
        // Options may be grouped ("-g1000s3"), as in the tests' own datagen.
        while (p != nullptr && *p != '\0') {
            const char option = *p++;
            switch (option) {
            case 'h':
                usage(stdout, name);
                return 0;
            case 'v':
                verbose = true;
                break;
            case 'g':
                p = parse_number(p, size, true);
                break;
            case 's':
                p = parse_number(p, seed, false);
                break;
            case 'P':
                p = parse_number(p, percent, false);
                if (p != nullptr && percent > 100) {
                    p = nullptr;
                }
                break;
            case 'L':
                p = parse_number(p, skew_percent, false);
                if (p != nullptr && skew_percent > 100) {
                    p = nullptr;
                }
                break;
            default:
                std::fprintf(stderr, "%s: unknown option '-%c'\n", name, option);
                usage(stderr, name);
                return 1;
            }
            if (p == nullptr) {
                std::fprintf(stderr, "%s: bad value in '%s'\n", name, argv[i]);
                usage(stderr, name);
                return 1;
            }
        }
    }

    const double match_probability = static_cast<double>(percent) / 100;
    // Without -L, literals get more skewed as the data gets more compressible.
    const double skew = skew_percent != 0 ? static_cast<double>(skew_percent) / 100 : match_probability;
    if (verbose) {
        std::fprintf(stderr, "datagen: %llu bytes, seed %llu, compressibility %llu%%, literal skew %.2f\n",
                     static_cast<unsigned long long>(size), static_cast<unsigned long long>(seed),
                     static_cast<unsigned long long>(percent), skew);
    }

    generator gen(match_probability, skew, seed);
    std::vector<unsigned char> out;
    std::uint64_t left = size;
    while (left > 0) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk));
        gen.produce(n, out);
        if (std::fwrite(out.data(), 1, n, stdout) != n) {
            std::fprintf(stderr, "%s: write error: %s\n", name, std::strerror(errno));
            return 1;
        }
        left -= n;
    }
    if (std::fflush(stdout) != 0) {
        std::fprintf(stderr, "%s: write error: %s\n", name, std::strerror(errno));
        return 1;
    }
    return 0;
}
