// zstdio CLI — -l: frame information from zstdio/frame.hpp, laid out like
// `zstd -l`, `-lv` and `-lvv` (zstd 1.5.4, byte for byte).
//
// zstd -l reads a file as a sequence of frames with fread and fseek; a seek
// may go past the end of the file, and what it prints for a cut or damaged
// file depends on where its walk stops.  The walk below keeps that account
// (a position that may pass the end, the partial totals, the messages) so the
// output matches, while the frame headers and the sizes of whole frames come
// from the library.
//
// Beyond zstd: a file that ends with a valid seek table (zstdio/seek_table.hpp)
// gets one more line, and only such a file: the lines of every other file
// stay zstd's, byte for byte.
#include "listing.hpp"

#include "file_names.hpp"

#include <zstdio/error.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/params.hpp>
#include <zstdio/seekable_source.hpp>

#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/device/mapped_file.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zstdio_cli {
namespace {

// zstd reads this much to parse a frame header (ZSTD_FRAMEHEADERSIZE_MAX)...
constexpr std::size_t header_read_size = 18;
// ...and needs at least this much to call it a frame (ZSTD_FRAMEHEADERSIZE_MIN).
constexpr std::size_t smallest_frame_start = 6;

/// What -l gathers about one file, or about all of them for the totals line.
struct file_info {
    std::uint64_t decompressed = 0;
    std::uint64_t compressed = 0;
    std::uint64_t window = 0; ///< of the last zstd frame, as zstd shows it
    int frames = 0;           ///< zstd frames read to their end
    int skippable = 0;
    bool decompressed_unknown = false; ///< a frame header without content size
    bool uses_check = false;
    unsigned char checksum[4] = {}; ///< as stored (little endian), of the last frame with one
    unsigned files = 0;
    std::uint32_t dict_id = 0;
};

/// What the seek table at the end of a file says (zstdio's addition to -l).
struct seekable_info {
    std::size_t frames = 0;        ///< frames the table lists
    std::uint64_t decompressed = 0; ///< their content, by the table
    bool checksums = false;
};

/// The seek table of `file`, when it ends with one that agrees with its
/// frames; nothing for a file without one.  A table that is there but wrong
/// (it lies about the frames, or is damaged) is nothing too, and `problem`
/// says why: -l lists such a file as zstd does, with a warning.  Only the
/// table and the frame and block headers are read, as -l reads them.
std::optional<seekable_info> find_seek_table(std::string_view file, std::string& problem)
{
    try {
        if (!zstdio::seek_table::read(file))
            return std::nullopt;
        // Opening a seekable_source checks the table against the frames:
        // each frame ends where the table says, and a content size in a
        // frame header agrees with it.
        const zstdio::seekable_source source(boost::iostreams::array_source(file.data(), file.size()));
        const zstdio::seek_table& table = source.table();
        return seekable_info{table.frame_count(), table.decompressed_size(), table.has_checksums()};
    } catch (const std::exception& e) {
        problem = reason_of(e);
        return std::nullopt;
    }
}

/// How reading a file ended, as zstd tells them apart.
enum class scan_result {
    success,
    frame_error, ///< damaged or cut inside a frame: what was read is still shown
    not_zstd,    ///< bytes that start no frame
    truncated    ///< the last frame ends past the end of the file
};

/// zstd's error lines during -l: the text, a blank and a newline.  Shown even
/// with -q and -qq: zstd 1.5.4 lists files before it passes the verbosity to
/// the code that prints these, so they appear at its default level.
void report(const std::string& text) { std::fprintf(stderr, "%s \n", text.c_str()); }

std::uint32_t read_le(const char* p, int bytes)
{
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

/// Follows the block headers of a frame that find_frame_compressed_size found
/// cut short, as zstd does: seeks may pass the end of the file, reads there
/// fail.  `pos` starts after the frame header and ends after the frame.
/// (zstdio/frame.hpp says that a frame is cut, not where its block headers
/// say it ends nor in which part the bytes ran out; zstd's messages need
/// both, hence this second walk, for cut frames only.)
scan_result follow_cut_frame(std::string_view file, std::uint64_t& pos, bool has_checksum, file_info& info)
{
    const auto readable_at = [&](std::uint64_t at) { return at < file.size() ? file.size() - at : 0; };
    for (bool last = false; !last;) {
        if (readable_at(pos) < 3) {
            report("Error while reading block header");
            return scan_result::frame_error;
        }
        const std::uint32_t block = read_le(file.data() + pos, 3);
        const unsigned type = (block >> 1) & 3u;
        if (type == 3) {
            report("Error: unsupported block type");
            return scan_result::frame_error;
        }
        last = (block & 1u) != 0;
        pos += 3 + (type == 1 ? 1 : block >> 3); // an RLE block stores one byte
    }
    if (has_checksum) {
        info.uses_check = true;
        // A partial read still lands in the checksum zstd keeps.
        const std::size_t got = static_cast<std::size_t>(std::min<std::uint64_t>(4, readable_at(pos)));
        std::memcpy(info.checksum, file.data() + std::min<std::uint64_t>(pos, file.size()), got);
        if (got < 4) {
            report("Error: could not read checksum");
            return scan_result::frame_error;
        }
        pos += 4;
    }
    ++info.frames;
    return scan_result::success;
}

/// Reads one zstd frame at `pos` (its magic number already seen).
scan_result read_zstd_frame(std::string_view file, std::uint64_t& pos, file_info& info)
{
    const std::string_view frame = file.substr(static_cast<std::size_t>(pos));
    zstdio::frame_parameters p;
    try {
        // zstd parses the header from at most 18 bytes, as here.
        p = zstdio::get_frame_parameters(frame.substr(0, header_read_size));
    } catch (const zstdio::zstd_error&) {
        info.decompressed_unknown = true; // zstd asks for the content size first
        report("Error: could not decode frame header");
        return scan_result::frame_error;
    }
    if (p.content_size)
        info.decompressed += *p.content_size;
    else
        info.decompressed_unknown = true;
    // zstd's rule, flip-flop included: a second id turns the shown one to 0,
    // a third frame's id replaces that 0.
    if (info.dict_id != 0 && info.dict_id != p.dict_id) {
        std::fputs("WARNING: File contains multiple frames with different dictionary IDs. Showing dictID 0 instead",
                   stderr);
        info.dict_id = 0;
    } else {
        info.dict_id = p.dict_id;
    }
    info.window = p.window_size;

    std::size_t size = 0;
    try {
        size = zstdio::find_frame_compressed_size(frame);
    } catch (const zstdio::zstd_error& e) {
        if (e.condition() != zstdio::errc::truncated_input) {
            report("Error: unsupported block type"); // the only other failure past a good header
            return scan_result::frame_error;
        }
        pos += p.header_size;
        return follow_cut_frame(file, pos, p.has_checksum, info);
    }
    if (p.has_checksum) {
        info.uses_check = true;
        std::memcpy(info.checksum, frame.data() + size - 4, 4);
    }
    ++info.frames;
    pos += size;
    return scan_result::success;
}

/// zstd's walk over the frames of a file; `info` holds what was read even
/// when it fails.
scan_result scan_frames(std::string_view file, file_info& info)
{
    std::uint64_t pos = 0; // may pass the end of the file, as zstd's fseek does
    // zstd's header buffer: a short read (6 or 7 bytes before the end) leaves
    // the previous header's bytes after it, and zstd reads a skippable
    // frame's size from there.  Keeping them gives the same "seeked to
    // position" as zstd.
    char header[header_read_size] = {};
    for (;;) {
        const std::size_t available =
            pos < file.size() ? static_cast<std::size_t>(std::min<std::uint64_t>(header_read_size, file.size() - pos))
                              : 0;
        if (available < smallest_frame_start) {
            if (available == 0 && !file.empty()) {
                if (pos != file.size()) {
                    report("Error: seeked to position " + std::to_string(pos) +
                                    ", which is beyond file size of " + std::to_string(file.size()) + "\n");
                    return scan_result::truncated;
                }
                return scan_result::success;
            }
            report("Error: reached end of file with incomplete frame");
            return scan_result::not_zstd;
        }
        std::memcpy(header, file.data() + pos, available);
        const std::uint32_t magic = read_le(header, 4);
        if (magic == zstdio::magic_number) {
            const scan_result r = read_zstd_frame(file, pos, info);
            if (r != scan_result::success)
                return r;
        } else if ((magic & 0xFFFFFFF0u) == zstdio::skippable_magic_start) {
            // zstd trusts the declared size; past the end, the next read tells.
            const std::uint32_t user_data = read_le(header + 4, 4);
            pos += 8 + std::uint64_t{user_data};
            ++info.skippable;
        } else {
            return scan_result::not_zstd;
        }
    }
}

/// Opens, maps and scans one file; file errors are reported here.
/// @return nullopt when the file could not be read at all.
std::optional<scan_result> read_file_info(const std::string& name, file_info& info, const console& con,
                                          std::optional<seekable_info>& seekable, std::string& seek_problem)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(name, ec)) {
        report("Error : " + name + " is not a file");
        return std::nullopt;
    }
    // Opened as zstd opens it, for its message when reading is refused.
    std::FILE* const f = std::fopen(name.c_str(), "rb");
    if (!f) {
        report(con.prefix() + ": " + name + ": " + std::strerror(errno));
        report("Error: could not open source file " + name);
        return std::nullopt;
    }
    std::fclose(f);
    info.files = 1;
    const std::uint64_t size = std::filesystem::file_size(name, ec);
    info.compressed = ec ? 0 : size;
    if (info.compressed == 0)
        return scan_frames({}, info);
    // Mapped, so that only the frame and block headers of a big file are read.
    boost::iostreams::mapped_file_source map(name);
    const std::string_view file(map.data(), map.size());
    const scan_result result = scan_frames(file, info);
    if (result == scan_result::success)
        seekable = find_seek_table(file, seek_problem);
    return result;
}

void print_table_line(const file_info& info, const std::string& last_column, const char* check, int verbosity)
{
    const readable_size c = make_readable(info.compressed, verbosity);
    if (info.decompressed_unknown) {
        std::printf("%6d  %5d  %6.*f%4s                       %5s  %s\n", info.skippable + info.frames,
                    info.skippable, c.precision, c.value, c.suffix, check, last_column.c_str());
        return;
    }
    const readable_size d = make_readable(info.decompressed, verbosity);
    const double ratio =
        info.compressed == 0 ? 0 : static_cast<double>(info.decompressed) / static_cast<double>(info.compressed);
    std::printf("%6d  %5d  %6.*f%4s  %8.*f%4s  %5.3f  %5s  %s\n", info.skippable + info.frames, info.skippable,
                c.precision, c.value, c.suffix, d.precision, d.value, d.suffix, ratio, check, last_column.c_str());
}

void print_size_line(const char* label, std::uint64_t n, int verbosity)
{
    const readable_size r = make_readable(n, verbosity);
    std::printf("%s: %.*f%s (%llu B)\n", label, r.precision, r.value, r.suffix, static_cast<unsigned long long>(n));
}

/// One file: a table line, or with -v a block of lines; a seekable file
/// gets one more line (the table's frames; with -v, their size too).
void display(const std::string& name, const file_info& info, const std::optional<seekable_info>& seekable,
             int verbosity)
{
    const char* const check = info.uses_check ? "XXH64" : "None";
    if (verbosity <= 2) {
        print_table_line(info, name, check, verbosity);
        if (seekable)
            std::printf("        seekable: %zu frame%s in the seek table\n", seekable->frames,
                        seekable->frames == 1 ? "" : "s");
        return;
    }
    std::printf("%s \n", name.c_str());
    std::printf("# Zstandard Frames: %d\n", info.frames);
    if (info.skippable)
        std::printf("# Skippable Frames: %d\n", info.skippable);
    std::printf("DictID: %u\n", info.dict_id);
    print_size_line("Window Size", info.window, verbosity);
    print_size_line("Compressed Size", info.compressed, verbosity);
    if (!info.decompressed_unknown) {
        print_size_line("Decompressed Size", info.decompressed, verbosity);
        const double ratio =
            info.compressed == 0 ? 0 : static_cast<double>(info.decompressed) / static_cast<double>(info.compressed);
        std::printf("Ratio: %.4f\n", ratio);
    }
    // The stored checksum is shown only when it is the file's only one.
    if (info.uses_check && info.frames == 1)
        std::printf("Check: %s %02x%02x%02x%02x\n", check, info.checksum[3], info.checksum[2], info.checksum[1],
                    info.checksum[0]);
    else
        std::printf("Check: %s\n", check);
    if (seekable) {
        const readable_size r = make_readable(seekable->decompressed, verbosity);
        std::printf("Seek Table: %zu frame%s, %.*f%s (%llu B), %s\n", seekable->frames,
                    seekable->frames == 1 ? "" : "s", r.precision, r.value, r.suffix,
                    static_cast<unsigned long long>(seekable->decompressed),
                    seekable->checksums ? "checksums" : "no checksums");
    }
    std::printf("\n");
}

/// Lists one file and adds it to `total`; @return 0, or 1 on any error.
int list_file(const std::string& name, file_info& total, int verbosity, const console& con)
{
    file_info info;
    std::optional<seekable_info> seekable;
    std::string seek_problem;
    const std::optional<scan_result> result = read_file_info(name, info, con, seekable, seek_problem);
    if (!result || *result == scan_result::not_zstd || *result == scan_result::truncated) {
        if (result == scan_result::not_zstd)
            std::printf("File \"%s\" not compressed by zstd \n", name.c_str());
        else if (result == scan_result::truncated)
            std::printf("File \"%s\" is truncated \n", name.c_str());
        if (verbosity > 2)
            std::printf("\n");
        return 1;
    }
    if (*result == scan_result::frame_error)
        report("Error while parsing \"" + name + "\"");
    display(name, info, seekable, verbosity);
    if (!seek_problem.empty()) {
        std::fflush(stdout);
        con.line(2, con.prefix() + ": " + name + ": warning: not seekable: " + seek_problem + " ");
    }
    total.frames += info.frames;
    total.skippable += info.skippable;
    total.compressed += info.compressed;
    total.decompressed += info.decompressed;
    total.decompressed_unknown = total.decompressed_unknown || info.decompressed_unknown;
    total.uses_check = total.uses_check && info.uses_check;
    total.files += info.files;
    return *result == scan_result::success ? 0 : 1;
}

} // namespace

int list_files(const options& o, const console& con)
{
    // Links dropped, --filelist read, -r expanded: as for every operation.
    std::vector<std::string> inputs;
    try {
        std::size_t given = 0;
        std::optional<std::vector<std::string>> expanded = expand_inputs(o, con, given);
        if (!expanded)
            return 1; // every name was a symbolic link (already said)
        inputs = std::move(*expanded);
    } catch (const reported_error& e) {
        con.report(e);
        return 1;
    }
    // zstd seeks in the files it lists: a pipe will not do.
    if (std::find(inputs.begin(), inputs.end(), standard_stream) != inputs.end()) {
        report(con.prefix() + ": --list does not support reading from standard input");
        return 1;
    }
    if (inputs.empty()) {
        if (!(o.fake_stdin_console || is_console(0)))
            report(con.prefix() + ": --list does not support reading from standard input");
        report("No files given");
        return 1;
    }
    if (o.verbosity <= 2)
        std::printf("Frames  Skips  Compressed  Uncompressed  Ratio  Check  Filename\n");
    int status = 0;
    file_info total;
    total.uses_check = true; // and-ed over the files
    for (const std::string& input : inputs)
        status |= list_file(input, total, o.verbosity, con);
    if (inputs.size() > 1 && o.verbosity <= 2) {
        std::printf("----------------------------------------------------------------- \n");
        print_table_line(total, std::to_string(total.files) + " files", total.uses_check ? "XXH64" : "",
                         o.verbosity);
    }
    std::fflush(stdout);
    return status;
}

} // namespace zstdio_cli
