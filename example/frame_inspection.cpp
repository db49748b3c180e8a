// Frame inspection: what a zstd stream holds, without decompressing it.
//
// zstdio/frame.hpp reads frame headers (content size, window, dictionary id,
// checksum flag) and finds where each frame ends, the way `zstd -l` does.
// Uses: sizing an output buffer before decompressing, refusing a frame whose
// window is too large, indexing a file of concatenated frames, checking
// which dictionary a frame needs.
#include <zstdio/compressor.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/frame.hpp>

#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <iostream>
#include <string>

namespace io = boost::iostreams;

int main()
{
    const std::string text = [] {
        std::string t;
        for (int i = 0; i < 5000; ++i)
            t += "record " + std::to_string(i) + " status=ok\n";
        return t;
    }();

    // A stream of three frames and a skippable frame, made three ways:
    std::string stream = zstdio::compress(text, 19); // 1. one-shot: content size recorded

    {   // 2. a filter without a pledged size: no content size in the header
        io::filtering_ostream out;
        out.push(zstdio::zstd_compressor(zstdio::zstd_params(3)));
        out.push(io::back_inserter(stream));
        out << text;
        io::close(out);
    }
    // 3. a skippable frame carrying metadata (magic 0x184D2A50, size, bytes)
    const std::string meta = "created-by=frame_inspection";
    stream += std::string("\x50\x2a\x4d\x18", 4);
    for (int i = 0; i < 4; ++i)
        stream += static_cast<char>((meta.size() >> (8 * i)) & 0xff);
    stream += meta;

    // Walk the frames as `zstd -l` does.
    const auto frames = zstdio::list_frames(stream);
    std::cout << "offset  compressed  content     window    checksum  dict  kind\n";
    std::size_t total = 0;
    for (const auto& f : frames) {
        const auto& p = f.parameters;
        std::cout << f.offset << "\t" << f.compressed_size << "\t    "
                  << (p.is_skippable ? std::string("-")
                                     : p.content_size ? std::to_string(*p.content_size) : std::string("unknown"))
                  << "\t"
                  << p.window_size << "\t" << (p.has_checksum ? "yes" : "no") << "\t  " << p.dict_id << "\t"
                  << (p.is_skippable ? "skippable" : "zstd") << "\n";
        total += f.compressed_size;
    }

    // The first frame on its own: header fields and where it ends.
    const zstdio::frame_parameters first = zstdio::get_frame_parameters(stream);
    const std::size_t first_size = zstdio::find_frame_compressed_size(stream);

    const bool ok = frames.size() == 3 && total == stream.size() && first_size == frames[0].compressed_size &&
                    first.content_size == text.size() && first.has_checksum &&
                    !frames[1].parameters.content_size && frames[2].parameters.is_skippable &&
                    frames[2].parameters.skippable_size == meta.size() &&
                    zstdio::decompress(std::string_view(stream).substr(0, first_size)) == text;
    if (!ok) {
        std::cerr << "frame_inspection: unexpected frame information\n";
        return 1;
    }
    std::cout << "3 frames, " << stream.size() << " bytes, all accounted for\n";
    return 0;
}
