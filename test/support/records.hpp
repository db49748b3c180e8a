// zstdio tests and benchmarks — small JSON-like records, the kind of data
// dictionaries are for.  Header-only so the benchmarks can use it too.
#ifndef ZSTDIO_TEST_RECORDS_HPP
#define ZSTDIO_TEST_RECORDS_HPP

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace zstdio_test {

/// `count` records of `min_size` to `max_size` bytes (roughly uniform), each a
/// JSON object with the same keys and varying values, reproducible from `seed`.
inline std::vector<std::string> json_records(std::size_t count, std::size_t min_size = 100,
                                             std::size_t max_size = 1000, std::uint32_t seed = 1)
{
    static const char* const words[] = {
        "alpha",   "bravo",  "charlie", "delta", "echo",    "foxtrot", "golf",    "hotel",  "india",  "juliet",
        "kilo",    "lima",   "mike",    "november", "oscar", "papa",   "quebec",  "romeo",  "sierra", "tango",
        "uniform", "victor", "whiskey", "xray",  "yankee",  "zulu",    "order",   "status", "shipped", "pending"};
    static const char* const cities[] = {"Berlin", "Paris", "Lisbon", "Oslo", "Rome", "Madrid", "Vienna", "Prague"};
    std::mt19937 rng(seed);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    std::vector<std::string> records;
    records.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t target = min_size + pick(max_size - min_size + 1);
        std::string r = "{\"id\":" + std::to_string(100000 + i) + ",\"user\":\"" + words[pick(30)] + "_" +
                        std::to_string(pick(10000)) + "\",\"email\":\"" + words[pick(30)] + "." + words[pick(30)] +
                        "@example.com\",\"created\":\"2024-" + std::to_string(1 + pick(12)) + "-" +
                        std::to_string(1 + pick(28)) + "T" + std::to_string(pick(24)) + ":" +
                        std::to_string(pick(60)) + ":00Z\",\"active\":" + (pick(2) ? "true" : "false") +
                        ",\"score\":" + std::to_string(pick(1000)) + "." + std::to_string(pick(100)) +
                        ",\"address\":{\"city\":\"" + cities[pick(8)] + "\",\"zip\":\"" +
                        std::to_string(10000 + pick(89999)) + "\"},\"tags\":[";
        const std::string tail = "\"}";
        bool first = true;
        while (r.size() + tail.size() + 40 < target && pick(4) != 0) {
            r += std::string(first ? "" : ",") + "\"" + words[pick(30)] + "\"";
            first = false;
        }
        r += "],\"note\":\"";
        while (r.size() + tail.size() < target) {
            r += words[pick(30)];
            r += ' ';
        }
        if (r.size() + tail.size() > target) // short records are cut (JSON-like, not always JSON)
            r.resize(target - tail.size());
        r += tail;
        records.push_back(std::move(r));
    }
    return records;
}

/// `count` records of one of three families that share little, for tests of
/// several dictionaries: json_records() as they are (family 0), turned into
/// log lines (1) or into XML elements (2).
inline std::vector<std::string> family_records(int family, std::size_t count, std::uint32_t seed)
{
    std::vector<std::string> records = json_records(count, 100, 900, seed);
    if (family == 0)
        return records;
    for (std::string& r : records) {
        std::string out;
        for (char c : r) {
            switch (c) {
            case '{': out += family == 1 ? "ts=2024 level=INFO svc=orders " : "<record><field>"; break;
            case '}': out += family == 1 ? " end\n" : "</field></record>\n"; break;
            case ':': out += family == 1 ? "=" : "</name><value>"; break;
            case ',': out += family == 1 ? " | " : "</value><field name=\""; break;
            case '"': break;
            default: out += c;
            }
        }
        r = std::move(out);
    }
    return records;
}

} // namespace zstdio_test

#endif
