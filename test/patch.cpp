// Tests for zstdio/patch.hpp and zstd_params::patch_from: patches round trip
// through every compressor and decoder, stay as small as zstd --patch-from's
// on inputs where the window rules matter, interoperate with zstd both ways,
// and a wrong or missing reference is an error.
#include <zstdio/patch.hpp>

#define BOOST_TEST_MODULE patch
#include <boost/test/unit_test.hpp>

#include <zstdio/batch.hpp>
#include <zstdio/compressor.hpp>
#include <zstdio/error.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/params.hpp>

#include "support/filters.hpp"
#include "support/print_optional.hpp"
#include "support/support.hpp"
#include "support/thrown.hpp"

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

using namespace zstdio;
using zstdio_test::error_of;
using zstdio_test::filter_compress;
using zstdio_test::filter_decompress;
using zstdio_test::filter_decompress_pushed;
using zstdio_test::invalid_argument_message;
using zstdio_test::object_decompress;
using zstdio_test::quote;

namespace {

zstd_dict reference_of(const std::string& bytes) { return zstd_dict(bytes, dict_type::raw_content); }

std::string copy_decompress(const std::string& frames, const zstd_params& p)
{
    decompressor d(p);
    std::istringstream in(frames);
    std::ostringstream out;
    d.copy_stream(in, out);
    return out.str();
}

/// Runs a shell command in `dir`; fails the test when it fails.
void shell(const zstdio_test::temp_dir& dir, const std::string& command)
{
    const zstdio_test::command_result r = zstdio_test::run("cd " + quote(dir.path("")) + " && " + command);
    BOOST_TEST_REQUIRE(r.status == 0, command << ": " << r.output);
}

} // namespace

BOOST_AUTO_TEST_CASE(round_trips_for_sizes_of_reference_and_target)
{
    for (const std::size_t reference_size : {std::size_t{1}, std::size_t{1000}, std::size_t{70000}, std::size_t{300000}}) {
        const std::string old = zstdio_test::text(reference_size, 3);
        const zstd_dict reference = reference_of(old);
        std::vector<std::string> targets = {std::string(), std::string("x"), old, zstdio_test::edited(old, 4096),
                                            zstdio_test::random_bytes(5000, 9), old + old};
        for (const std::string& target : targets) {
            BOOST_TEST_CONTEXT("reference " << reference_size << " bytes, target " << target.size() << " bytes")
            {
                const zstd_params make = make_patch_params(reference, target.size());
                const std::string patch = compressor(make).compress(target);
                BOOST_TEST(decompressor(apply_patch_params(reference)).decompress(patch) == target);
                BOOST_TEST(decompressor(make).decompress(patch) == target);
                const frame_parameters header = get_frame_parameters(patch);
                BOOST_TEST(header.dict_id == 0u);
                BOOST_TEST(header.has_checksum);
                BOOST_TEST(header.content_size == std::optional<std::uint64_t>(target.size()));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_patch_holds_only_the_difference)
{
    const std::string old = zstdio_test::text(1 << 20, 5);
    const std::string target = zstdio_test::edited(old, 1 << 16);
    const zstd_dict reference = reference_of(old);
    const std::string plain = compress(target);
    for (const int level : {1, 3, 19}) {
        BOOST_TEST_CONTEXT("level " << level)
        {
            const std::string patch = compressor(make_patch_params(reference, target.size(), level)).compress(target);
            // 16 edits of 48 new bytes: about 1 KB of difference.
            BOOST_TEST(patch.size() < 3000u);
            BOOST_TEST(patch.size() * 100 < plain.size());
        }
    }
}

BOOST_AUTO_TEST_CASE(every_compressor_and_decoder)
{
    const std::string old = zstdio_test::text(400000, 11);
    const std::string target = zstdio_test::edited(old, 20000);
    const zstd_dict reference = reference_of(old);
    const zstd_params make = make_patch_params(reference, target.size());
    const zstd_params apply = apply_patch_params(reference);

    compressor c(make);
    std::vector<std::string> patches;
    patches.push_back(c.compress(target));
    patches.push_back(c.compress(target)); // a reused context references it again for each frame
    patches.push_back(filter_compress(target, make));
    {
        compression_object o = c.compressobj(target.size());
        std::string patch;
        for (std::size_t at = 0; at < target.size(); at += 7777)
            patch += o.compress(std::string_view(target).substr(at, 7777));
        patch += o.flush();
        patches.push_back(patch);
    }
    for (const std::string& patch : patches)
        BOOST_TEST(patch.size() < 2000u);

    // Several patch frames in one stream: each is decoded against the reference.
    std::string stream;
    std::string expected;
    for (const std::string& patch : patches) {
        stream += patch;
        expected += target;
    }
    BOOST_TEST(decompressor(apply).decompress(stream) == expected);
    BOOST_TEST(filter_decompress(stream, apply) == expected);
    BOOST_TEST(filter_decompress_pushed(stream, apply) == expected);
    BOOST_TEST(object_decompress(stream, apply, 1) == expected);
    BOOST_TEST(object_decompress(stream, apply, 1000) == expected);
    BOOST_TEST(copy_decompress(stream, apply) == expected);
    zstd_params parallel = apply;
    parallel.threads = 3;
    BOOST_TEST(decompressor(parallel).decompress(stream) == expected);
    BOOST_TEST(filter_decompress(stream, parallel) == expected);
    BOOST_TEST(copy_decompress(stream, parallel) == expected);

    const buffer_with_segments_collection batch = decompressor(apply).multi_decompress_to_buffer(patches, {}, 2);
    BOOST_REQUIRE(batch.size() == patches.size());
    for (std::size_t i = 0; i < batch.size(); ++i)
        BOOST_TEST(batch[i].to_string() == target);

    const buffer_with_segments_collection made =
        compressor(make).multi_compress_to_buffer(std::vector<std::string>{target, target}, 2);
    for (std::size_t i = 0; i < made.size(); ++i) {
        BOOST_TEST(made[i].size() < 2000u);
        BOOST_TEST(decompressor(apply).decompress(made[i].to_string()) == target);
    }
}

BOOST_AUTO_TEST_CASE(windows_matter_on_large_inputs_and_zstd_agrees)
{
    // 12 MiB: beyond level 3's window (2 MiB) and match finder, so only
    // zstd's rules (a window spanning the target, long-distance matching)
    // keep the patch small.
    const std::string old = zstdio_test::text(12 << 20, 21);
    const std::string target = zstdio_test::edited(old, 1 << 20);
    const zstd_dict reference = reference_of(old);

    const zstd_params make = make_patch_params(reference, target.size(), 3);
    BOOST_TEST(make.advanced->window_log() == 24);
    BOOST_TEST(make.advanced->enable_long_distance_matching());
    const std::string patch = compressor(make).compress(target);

    zstd_params as_dictionary(3);
    as_dictionary.dict = reference;
    const std::string without_rules = compressor(as_dictionary).compress(target);
    BOOST_TEST_MESSAGE("patch " << patch.size() << " bytes, as a dictionary " << without_rules.size() << " bytes");
    BOOST_TEST(patch.size() * 50 < without_rules.size());

    zstdio_test::temp_dir dir;
    zstdio_test::write_file(dir.path("old"), old);
    zstdio_test::write_file(dir.path("new"), target);
    zstdio_test::write_file(dir.path("ours.zst"), patch);
    // zstdio compresses in the calling thread (threads = 0) as zstd
    // --single-thread does; zstd's default of one worker makes larger
    // patches (tested with the CLI in test/cli.cpp).
    shell(dir, "zstd -q -3 --single-thread --patch-from=old new -o theirs.zst");
    shell(dir, "zstd -q -d --patch-from=old ours.zst -o ours.out");
    BOOST_TEST(zstdio_test::read_file(dir.path("ours.out")) == target);
    const std::string theirs = zstdio_test::read_file(dir.path("theirs.zst"));
    BOOST_TEST(decompressor(apply_patch_params(reference)).decompress(theirs) == target);
    BOOST_TEST_MESSAGE("zstd --patch-from: " << theirs.size() << " bytes");
    // The same libzstd with the same parameters: within a few percent
    // (zstd's CLI feeds libzstd in other pieces).
    BOOST_TEST(patch.size() * 100 <= theirs.size() * 105);
    BOOST_TEST(theirs.size() * 100 <= patch.size() * 105);
}

BOOST_AUTO_TEST_CASE(a_wrong_or_missing_reference_is_an_error)
{
    const std::string old = zstdio_test::text(200000, 31);
    const std::string target = zstdio_test::edited(old, 10000);
    const std::string patch = compressor(make_patch_params(reference_of(old), target.size())).compress(target);

    std::string other = old;
    other[other.size() / 2] ^= 1;
    other[1000] ^= 1;
    const zstd_params wrong = apply_patch_params(reference_of(other));
    for (const auto& decode : {+[](const std::string& f, const zstd_params& p) { return decompressor(p).decompress(f); },
                               +[](const std::string& f, const zstd_params& p) { return filter_decompress(f, p); },
                               +[](const std::string& f, const zstd_params& p) { return object_decompress(f, p, 100); }}) {
        const zstd_error e = error_of([&] { decode(patch, wrong); });
        BOOST_TEST((e.condition() == errc::checksum_wrong || e.condition() == errc::corruption_detected));
        BOOST_TEST(std::string(e.what()).find("patch_from reference") != std::string::npos, e.what());

        zstd_params none;
        const zstd_error missing = error_of([&] { decode(patch, none); });
        BOOST_TEST((missing.condition() == errc::corruption_detected || missing.condition() == errc::checksum_wrong),
                   missing.what());
    }
}

BOOST_AUTO_TEST_CASE(zstd_rules_for_window_and_long_mode)
{
    const zstd_dict reference = reference_of(zstdio_test::text(5000, 1));
    // Small targets: a small window, the level's match finder covers it.
    const zstd_params tiny = make_patch_params(reference, 100, 3);
    BOOST_TEST(tiny.advanced->window_log() == 10);
    BOOST_TEST(!tiny.advanced->enable_long_distance_matching());
    BOOST_TEST(tiny.source_size == std::optional<std::uint64_t>(100));
    BOOST_TEST(tiny.window_log_max == 27);
    BOOST_TEST((tiny.patch_from && *tiny.patch_from == reference));

    // Bits of the target size; LDM once the window passes the cycle log.
    for (const std::uint64_t size : {std::uint64_t{1} << 20, (std::uint64_t{1} << 20) - 1, std::uint64_t{300} << 20}) {
        for (const int level : {1, 3, 19}) {
            const zstd_params p = make_patch_params(reference, size, level);
            int bits = 0;
            for (std::uint64_t n = size; n; n >>= 1)
                ++bits;
            BOOST_TEST(p.advanced->window_log() == bits);
            const compression_parameters c = compression_parameters::from_level(level, size, reference.size());
            const int cycle = c.chain_log() - (c.strategy() >= strategy::btlazy2 ? 1 : 0);
            BOOST_TEST(p.advanced->enable_long_distance_matching() == (bits > cycle));
            BOOST_TEST(p.window_log_max == std::max(27, bits));
            BOOST_TEST(p.level == level);
        }
    }
    // base's other settings are kept; its window is replaced.
    zstd_params base(5);
    base.checksum = false;
    base.threads = 2;
    base.advanced = compression_parameters().window_log(12).hash_log(20);
    const zstd_params kept = make_patch_params(reference, 100000, base);
    BOOST_TEST(kept.checksum == false);
    BOOST_TEST(kept.threads == 2);
    BOOST_TEST(kept.advanced->hash_log() == 20);
    BOOST_TEST(kept.advanced->window_log() == 17);

    // Applying: the window limit fits the reference, and is never lowered.
    BOOST_TEST(apply_patch_params(reference).window_log_max == 27);
    zstd_params small_limit;
    small_limit.window_log_max = 10;
    BOOST_TEST(apply_patch_params(reference, small_limit).window_log_max == 13);
}

BOOST_AUTO_TEST_CASE(misuse_and_limits)
{
    const zstd_dict reference = reference_of("old content");
    BOOST_TEST(invalid_argument_message([&] { make_patch_params(reference, unknown_size); }).find("size of the target") !=
               std::string::npos);
    zstd_params with_dict;
    with_dict.dict = reference;
    BOOST_TEST(invalid_argument_message([&] { apply_patch_params(reference, with_dict); }).find("cannot both") !=
               std::string::npos);
    zstd_params both = with_dict;
    both.patch_from = reference;
    BOOST_TEST(invalid_argument_message([&] { compressor c(both); }).find("cannot both") != std::string::npos);
    BOOST_TEST(invalid_argument_message([&] { decompressor d(both); }).find("cannot both") != std::string::npos);
    BOOST_TEST(invalid_argument_message([&] { make_patch_params(reference, 10, 99); }).find("level") !=
               std::string::npos);

    const zstd_error too_large = error_of([&] { make_patch_params(reference, (std::uint64_t{1} << 31) + 1); });
    BOOST_TEST(too_large.condition() == errc::parameter_unsupported);
    BOOST_TEST(std::string(too_large.what()).find("largest window") != std::string::npos);

    // The pledged target size is enforced.
    const zstd_params make = make_patch_params(reference, 100);
    BOOST_TEST(error_of([&] { filter_compress(std::string(99, 'x'), make); }).condition() == errc::src_size_wrong);
}
