// Fuzz target: zstd_dict built from untrusted bytes (automatic, raw_content,
// full), then used to compress and decompress.
//
// Checks: building throws only zstd_error / std::invalid_argument; a built
// dictionary reports its bytes unchanged; data compressed with it decodes
// (one-shot and through the filters) to the original with it, also when it
// is one of two dictionaries offered by id (zstd_params::dicts); the fuzzed
// tail, taken as frames, decodes with it, alone or among dicts, without
// crashing.
#include <zstdio/dictionary.hpp>
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>

#include "fuzz_common.hpp"

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace io = boost::iostreams;
using namespace zstdio_fuzz;

namespace {

// A second dictionary to offer beside the fuzzed one in zstd_params::dicts
// (id 7001, trained once).
const zstdio::zstd_dict& other_dictionary()
{
    static const zstdio::zstd_dict d = [] {
        std::vector<std::string> samples;
        for (int i = 0; i < 600; ++i)
            samples.push_back("{\"id\":" + std::to_string(i) + ",\"name\":\"user" + std::to_string(i * 7 % 13) +
                              "\",\"score\":" + std::to_string(i * 31 % 97) + "}");
        zstdio::train_options options;
        options.dict_id = 7001;
        return zstdio::train_dictionary(4096, samples, options);
    }();
    return d;
}

// Decodes through a filtering_istream whose filter reads `buffer` bytes at
// a time (frame headers then fall across its inputs).
std::string filter_decode(std::string_view frames, const zstdio::zstd_params& p, std::streamsize buffer)
{
    std::string out;
    io::filtering_istream s;
    s.push(zstdio::zstd_decompressor(p, buffer), buffer);
    s.push(io::array_source(frames.data(), frames.size()));
    io::copy(s, io::back_inserter(out));
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    compare_with_new_contexts();
    input in(data, size, 8);
    const std::uint8_t flags = in.byte();
    const zstdio::dict_type type = static_cast<zstdio::dict_type>(flags % 3);
    const int level = in.range(-5, 19);
    const std::uint32_t split_value = in.u32();
    const std::string_view payload = in.payload();
    // Most of the payload is the dictionary; the rest is data / a frame.
    const std::size_t split = payload.empty() ? 0 : payload.size() - split_value % (payload.size() / 2 + 1);
    const std::string_view dict_bytes = payload.substr(0, split);
    const std::string_view rest = payload.substr(split);

    std::optional<zstdio::zstd_dict> dict;
    try {
        dict.emplace(dict_bytes, type);
    } catch (const zstdio::zstd_error&) {
        ZSTDIO_FUZZ_CHECK(type != zstdio::dict_type::raw_content || dict_bytes.empty());
        return 0;
    } catch (const std::invalid_argument&) {
        ZSTDIO_FUZZ_CHECK(dict_bytes.empty());
        return 0;
    }
    ZSTDIO_FUZZ_CHECK(dict->as_bytes() == dict_bytes);
    ZSTDIO_FUZZ_CHECK(dict->size() == dict_bytes.size());
    if (dict->type() == zstdio::dict_type::raw_content)
        ZSTDIO_FUZZ_CHECK(dict->id() == 0);
    const zstdio::zstd_dict copy = *dict; // shared handle
    ZSTDIO_FUZZ_CHECK(copy == *dict);

    zstdio::zstd_params p(level);
    p.dict = copy;
    p.checksum = flags & 4;

    // The rest as data: compress with the dictionary, decode with it.
    std::optional<std::string> frame;
    try {
        frame = zstdio::compressor(p).compress(rest);
    } catch (const zstdio::zstd_error&) {
        // libzstd may refuse to digest odd entropy tables for compression
    }
    if (frame) {
        ZSTDIO_FUZZ_CHECK(zstdio::decompressor(p).decompress(*frame) == rest);
        std::string through_filter;
        io::filtering_istream s;
        s.push(zstdio::zstd_decompressor(p));
        s.push(io::array_source(frame->data(), frame->size()));
        io::copy(s, io::back_inserter(through_filter));
        ZSTDIO_FUZZ_CHECK(through_filter == rest);

        // Without the dictionary (unless it is empty of content that matters)
        // the frame must fail cleanly or decode to the same bytes.
        try {
            const std::string plain = zstdio::decompress(*frame, zstdio::zstd_params{});
            ZSTDIO_FUZZ_CHECK(plain == rest);
        } catch (const zstdio::zstd_error&) {
        }
    }

    // Offered by id among two dictionaries (unless it has no id, or the
    // other's): a frame naming it decodes the same.
    zstdio::zstd_params by_id;
    const bool has_own_id = dict->id() != 0 && dict->id() != other_dictionary().id();
    if (has_own_id) {
        by_id.dicts = {other_dictionary(), copy};
        if (frame && p.dict_id) {
            ZSTDIO_FUZZ_CHECK(zstdio::decompressor(by_id).decompress(*frame) == rest);
            ZSTDIO_FUZZ_CHECK(filter_decode(*frame, by_id, 16) == rest);
        }
    }

    // The rest as untrusted frames decoded with this dictionary, alone and
    // among dicts (one-shot, and in 16-byte pieces).
    try {
        zstdio::decompressor d(p);
        (void)d.decompress(rest, 1u << 20);
    } catch (const zstdio::zstd_error&) {
    }
    if (has_own_id) {
        by_id.max_output_size = 1u << 20;
        try {
            (void)zstdio::decompressor(by_id).decompress(rest);
        } catch (const zstdio::zstd_error&) {
        }
        try {
            (void)filter_decode(rest, by_id, 16);
        } catch (const zstdio::zstd_error&) {
        }
    }
    return 0;
}
