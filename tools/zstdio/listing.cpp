// zstdio CLI — -l: frame information from zstdio/frame.hpp, laid out like
// `zstd -l` and `zstd -lv`.
#include "listing.hpp"

#include "io.hpp"

#include <zstdio/frame.hpp>

#include <boost/iostreams/device/mapped_file.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace zstdio_cli {
namespace {

/// What -l reports about one file.
struct file_summary {
    std::uint64_t frames = 0;
    std::uint64_t skippable = 0;
    std::uint64_t compressed = 0;
    std::uint64_t content = 0;
    bool content_known = true;
    unsigned with_checksum = 0;
    std::uint64_t window = 0;
    std::uint32_t dict_id = 0;
    bool mixed_dict = false;
    std::optional<std::uint32_t> last_checksum;
};

// The 32-bit checksum a frame ends with (little endian).
std::uint32_t trailing_checksum(std::string_view frame)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(frame[frame.size() - 4 + static_cast<std::size_t>(i)]);
    return v;
}

file_summary summarize(std::string_view bytes, bool per_frame_lines)
{
    file_summary s;
    s.compressed = bytes.size();
    bool first_zstd = true;
    for (const zstdio::frame_info& f : zstdio::list_frames(bytes)) {
        const zstdio::frame_parameters& p = f.parameters;
        if (p.is_skippable) {
            ++s.skippable;
            if (per_frame_lines)
                std::printf("  frame at %zu: skippable (variant %u), %u bytes of user data\n", f.offset,
                            p.skippable_variant, p.skippable_size);
            continue;
        }
        ++s.frames;
        if (p.content_size)
            s.content += *p.content_size;
        else
            s.content_known = false;
        if (p.has_checksum) {
            ++s.with_checksum;
            s.last_checksum = trailing_checksum(bytes.substr(f.offset, f.compressed_size));
        }
        s.window = std::max(s.window, p.window_size);
        if (first_zstd)
            s.dict_id = p.dict_id;
        else if (p.dict_id != s.dict_id)
            s.mixed_dict = true;
        first_zstd = false;
        if (per_frame_lines)
            std::printf("  frame at %zu: %zu bytes, content %s, window %s, dictionary id %u, checksum %s\n",
                        f.offset, f.compressed_size,
                        p.content_size ? human_size(*p.content_size).c_str() : "unknown",
                        human_size(p.window_size).c_str(), p.dict_id, p.has_checksum ? "yes" : "no");
    }
    if (s.frames == 0 && s.skippable == 0)
        throw std::runtime_error("empty file, no zstd frame");
    return s;
}

std::string check_name(const file_summary& s)
{
    if (s.with_checksum == 0)
        return "None";
    return s.with_checksum == s.frames ? "XXH64" : "Mixed";
}

std::string ratio(const file_summary& s)
{
    if (!s.content_known || s.compressed == 0)
        return "";
    return format_fixed(static_cast<double>(s.content) / static_cast<double>(s.compressed), 3);
}

std::string size_with_bytes(std::uint64_t n) { return human_size(n) + " (" + std::to_string(n) + " B)"; }

} // namespace

int list_files(const options& o, const console& con)
{
    int failures = 0;
    bool header_printed = false;
    file_summary total;
    std::uint64_t files = 0;
    for (const std::string& input : o.inputs) {
        try {
            if (input == standard_stream)
                throw std::runtime_error("-l cannot read standard input (it needs a file)");
            input_file in(input); // the system's reason for a missing file or a directory
            if (in.size() == 0)
                throw std::runtime_error("empty file, no zstd frame");
            // Map the file: list_frames reads only the headers of a big file.
            boost::iostreams::mapped_file_source map(input);
            const std::string_view bytes(map.data(), map.size());
            if (o.verbosity >= 3) {
                std::printf("%s\n", input.c_str());
                const file_summary s = summarize(bytes, o.verbosity >= 4);
                std::printf("# Zstandard Frames: %llu\n", static_cast<unsigned long long>(s.frames));
                if (s.skippable)
                    std::printf("# Skippable Frames: %llu\n", static_cast<unsigned long long>(s.skippable));
                if (s.mixed_dict)
                    std::printf("DictID: mixed\n");
                else
                    std::printf("DictID: %u\n", s.dict_id);
                std::printf("Window Size: %s\n", size_with_bytes(s.window).c_str());
                std::printf("Compressed Size: %s\n", size_with_bytes(s.compressed).c_str());
                if (s.content_known) {
                    std::printf("Decompressed Size: %s\n", size_with_bytes(s.content).c_str());
                    std::printf("Ratio: %s\n", format_fixed(s.compressed ? static_cast<double>(s.content) /
                                                                               static_cast<double>(s.compressed)
                                                                         : 0.0,
                                                            4)
                                                   .c_str());
                }
                if (s.last_checksum && s.frames == 1)
                    std::printf("Check: %s %08x\n", check_name(s).c_str(), *s.last_checksum);
                else
                    std::printf("Check: %s\n", check_name(s).c_str());
                std::printf("\n");
                continue;
            }
            const file_summary s = summarize(bytes, false);
            if (!header_printed) {
                std::printf("Frames  Skips  Compressed  Uncompressed  Ratio  Check  Filename\n");
                header_printed = true;
            }
            std::printf("%6llu  %5llu  %10s  %12s  %5s  %5s  %s\n", static_cast<unsigned long long>(s.frames),
                        static_cast<unsigned long long>(s.skippable), human_size(s.compressed).c_str(),
                        s.content_known ? human_size(s.content).c_str() : "", ratio(s).c_str(),
                        check_name(s).c_str(), input.c_str());
            total.frames += s.frames;
            total.skippable += s.skippable;
            total.compressed += s.compressed;
            total.content += s.content;
            total.content_known = total.content_known && s.content_known;
            total.with_checksum += s.with_checksum;
            ++files;
        } catch (const std::exception& e) {
            std::fflush(stdout);
            con.error(input, reason_of(e));
            ++failures;
        }
    }
    if (files > 1) {
        std::printf("----------------------------------------------------------------- \n");
        std::printf("%6llu  %5llu  %10s  %12s  %5s  %5s  %llu files\n", static_cast<unsigned long long>(total.frames),
                    static_cast<unsigned long long>(total.skippable), human_size(total.compressed).c_str(),
                    total.content_known ? human_size(total.content).c_str() : "", ratio(total).c_str(),
                    check_name(total).c_str(), static_cast<unsigned long long>(files));
    }
    std::fflush(stdout);
    return failures == 0 ? 0 : 1;
}

} // namespace zstdio_cli
