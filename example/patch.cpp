// Patch-from: ship only what changed between two versions of a file.
//
// make_patch_params() compresses the new version against the old one as
// `zstd --patch-from=old` does: the old bytes are a prefix the frame copies
// from, the window spans the new version and long-distance matching finds
// copies far away.  Whoever has the old version applies the patch with
// apply_patch_params().  The same params work with every compressor and
// decoder: one-shot calls, the filters, the streaming objects.  Patches are
// ordinary zstd frames: `zstd -d --patch-from=old` applies them too.
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/patch.hpp>

#include <boost/iostreams/copy.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <iostream>
#include <string>

int main()
{
    // Version 1 of a 4 MB "file", and version 2: three lines changed.
    std::string v1;
    for (int i = 0; v1.size() < 4'000'000; ++i)
        v1 += "record " + std::to_string(i) + ": value " + std::to_string(i * 7919 % 100003) + "\n";
    std::string v2 = v1;
    for (const std::size_t at : {100'000, 2'000'000, 3'900'000})
        v2.replace(v2.find("value", at), 5, "VALUE");

    // The reference: a shared handle, so params copy cheaply.
    const zstdio::zstd_dict v1_reference(v1, zstdio::dict_type::raw_content);

    // Making the patch needs the new version's size (the window spans it).
    const zstdio::zstd_params make = zstdio::make_patch_params(v1_reference, v2.size(), 3);
    const std::string patch = zstdio::compressor(make).compress(v2);
    const std::string whole = zstdio::compress(v2, 3);
    std::cout << "v2: " << v2.size() << " bytes, compressed " << whole.size() << " bytes, as a patch against v1 "
              << patch.size() << " bytes\n";

    // Applying it, here through a filtering_istream.
    namespace io = boost::iostreams;
    io::filtering_istream in;
    in.push(zstdio::zstd_decompressor(zstdio::apply_patch_params(v1_reference)));
    in.push(io::array_source(patch.data(), patch.size()));
    std::string rebuilt;
    io::copy(in, io::back_inserter(rebuilt));

    // Without v1, or with another reference, decoding fails (the frame's
    // checksum, on by default, catches a wrong reference).
    bool refused = false;
    try {
        zstdio::decompress(patch);
    } catch (const zstdio::zstd_error& e) {
        std::cout << "without the reference: " << e.what() << "\n";
        refused = true;
    }
    const bool ok = rebuilt == v2 && patch.size() * 20 < whole.size() && refused;
    std::cout << (ok ? "patch applied" : "FAILED") << "\n";
    return ok ? 0 : 1;
}
