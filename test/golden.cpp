// zstd's own golden test files (../shared/testdata/zstd-golden): zstdio must
// agree with the linked libzstd's verdict on every one of them.
#include <zstdio.hpp>

#define BOOST_TEST_MODULE golden
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <boost/iostreams/compose.hpp>
#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>

#include <zstd.h>

namespace io = boost::iostreams;
using namespace zstdio_test;

namespace {

// libzstd's own one-shot verdict: the content, or nothing on error.
std::optional<std::string> libzstd_verdict(const std::string& z)
{
    std::string out(4 << 20, '\0');
    const std::size_t r = ZSTD_decompress(out.data(), out.size(), z.data(), z.size());
    if (ZSTD_isError(r))
        return std::nullopt;
    out.resize(r);
    return out;
}

std::optional<std::string> through_filter(const std::string& z)
{
    try {
        std::string out;
        io::copy(io::compose(zstdio::zstd_decompressor(), io::array_source(z.data(), z.size())),
                 io::back_inserter(out));
        return out;
    } catch (const zstdio::zstd_error& e) {
        BOOST_TEST_MESSAGE("filter: " << e.what());
        return std::nullopt;
    }
}

std::optional<std::string> through_one_shot(const std::string& z)
{
    try {
        zstdio::decompressor d;
        return d.decompress(z, 4 << 20);
    } catch (const zstdio::zstd_error& e) {
        BOOST_TEST_MESSAGE("one-shot: " << e.what());
        return std::nullopt;
    }
}

void expect_agreement(const std::string& file)
{
    BOOST_TEST_CONTEXT(file) {
        const std::string z = read_file(file);
        const auto expected = libzstd_verdict(z);
        BOOST_TEST_MESSAGE(file << ": libzstd " << ZSTD_versionString() << " says "
                                << (expected ? "valid" : "invalid"));
        const auto filtered = through_filter(z);
        const auto one_shot = through_one_shot(z);
        BOOST_TEST(filtered.has_value() == expected.has_value());
        BOOST_TEST(one_shot.has_value() == expected.has_value());
        if (expected && filtered)
            BOOST_TEST(*filtered == *expected);
        if (expected && one_shot)
            BOOST_TEST(*one_shot == *expected);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(golden_decompression_agrees_with_libzstd)
{
    const auto files = list_files(golden_dir() + "/golden-decompression");
    BOOST_REQUIRE(!files.empty());
    for (const auto& f : files)
        expect_agreement(f);
}

BOOST_AUTO_TEST_CASE(golden_decompression_errors_agree_with_libzstd)
{
    const auto files = list_files(golden_dir() + "/golden-decompression-errors");
    BOOST_REQUIRE(!files.empty());
    for (const auto& f : files)
        expect_agreement(f);
}

BOOST_AUTO_TEST_CASE(golden_compression_round_trips_at_every_level)
{
    const auto files = list_files(golden_dir() + "/golden-compression");
    BOOST_REQUIRE(!files.empty());
    for (const auto& f : files) {
        const std::string data = read_file(f);
        for (int level = -5; level <= zstdio::max_compression_level(); ++level) {
            if (level == 0)
                continue;
            BOOST_TEST_CONTEXT(f << " level " << level) {
                const std::string z = zstdio::compress(data, level);
                BOOST_TEST(zstdio::decompress(z) == data);
            }
        }
        // And through the filters at a few levels.
        for (int level : {1, 3, 19}) {
            std::string z, back;
            io::copy(io::array_source(data.data(), data.size()),
                     io::compose(zstdio::zstd_compressor(level), io::back_inserter(z)));
            io::copy(io::compose(zstdio::zstd_decompressor(), io::array_source(z.data(), z.size())),
                     io::back_inserter(back));
            BOOST_TEST(back == data);
        }
    }
}

BOOST_AUTO_TEST_CASE(golden_dictionary_with_missing_entropy_symbols)
{
    const auto dicts = list_files(golden_dir() + "/golden-dictionaries");
    BOOST_REQUIRE(!dicts.empty());
    const std::string http = read_file(golden_dir() + "/golden-compression/http");
    for (const auto& f : dicts) {
        BOOST_TEST_CONTEXT(f) {
            zstdio::zstd_params p;
            p.dict = zstdio::zstd_dict(read_file(f));
            for (int level : {1, 3, 19}) {
                p.level = level;
                const std::string z = zstdio::compress(http, p);
                BOOST_TEST(zstdio::decompress(z, p) == http);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(dictionary_with_zero_weight_symbol_loads_or_fails_cleanly)
{
    for (const auto& f : list_files(golden_dir() + "/dict-files")) {
        BOOST_TEST_CONTEXT(f) {
            try {
                zstdio::zstd_params p;
                p.dict = zstdio::zstd_dict(read_file(f));
                const std::string data = text(20000, 1);
                BOOST_TEST(zstdio::decompress(zstdio::compress(data, p), p) == data);
            } catch (const zstdio::zstd_error& e) {
                BOOST_TEST_MESSAGE("refused with: " << e.what());
                BOOST_TEST(std::string(e.what()).size() > 10u);
            }
        }
    }
}
