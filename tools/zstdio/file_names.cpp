// zstdio CLI — input expansion and output naming.
#include "file_names.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <sys/stat.h>

namespace fs = std::filesystem;

namespace zstdio_cli {
namespace {

bool ends_with(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_link(const std::string& name)
{
    struct stat st;
    return ::lstat(name.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

bool is_fifo(const std::string& name)
{
    struct stat st;
    return ::stat(name.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
}

bool is_directory(const std::string& name)
{
    struct stat st;
    return ::stat(name.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

/// Appends the files under `dir` (recursively, in name order).  Links are
/// followed only with `follow_links`, as zstd does.
void add_directory(const std::string& dir, bool follow_links, std::vector<std::string>& out)
{
    std::error_code ec;
    std::vector<std::string> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        entries.push_back(it->path().filename().string());
    std::sort(entries.begin(), entries.end());
    for (const std::string& entry : entries) {
        const std::string path = dir.back() == '/' ? dir + entry : dir + "/" + entry;
        if (!follow_links && is_link(path))
            continue;
        if (is_directory(path))
            add_directory(path, follow_links, out);
        else
            out.push_back(path);
    }
}

/// `name` with leading "./" and "/" removed.
std::string trim_root(std::string name)
{
    for (;;) {
        if (name.compare(0, 2, "./") == 0)
            name.erase(0, 2);
        else if (!name.empty() && name[0] == '/')
            name.erase(0, 1);
        else
            return name;
    }
}

std::string base_name(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string in_directory(const std::string& dir, const std::string& file)
{
    return !dir.empty() && dir.back() == '/' ? dir + file : dir + "/" + file;
}

} // namespace

std::optional<std::vector<std::string>> expand_inputs(const options& o, const console& con, std::size_t& given)
{
    std::vector<std::string> names;
    for (const std::string& name : o.inputs) {
        if (!o.follow_links && name != standard_stream && is_link(name) && !is_fifo(name)) {
            con.print(2, "Warning : " + name + " is a symbolic link, ignoring \n");
            continue;
        }
        names.push_back(name);
    }
    if (names.empty() && !o.inputs.empty())
        return std::nullopt;
    for (const std::string& list : o.file_lists) {
        std::ifstream in(list);
        if (!in)
            throw reported_error("error reading " + list);
        for (std::string line; std::getline(in, line);)
            if (!line.empty())
                names.push_back(line);
    }
    given = names.size();
    if (!o.recursive)
        return names;
    std::vector<std::string> files;
    for (const std::string& name : names) {
        if (name != standard_stream && is_directory(name))
            add_directory(name, o.follow_links, files);
        else
            files.push_back(name);
    }
    return files;
}

std::string compressed_name(const std::string& input, const std::string& suffix, const std::optional<std::string>& dir)
{
    if (input == standard_stream)
        return standard_stream;
    return (dir ? in_directory(*dir, base_name(input)) : input) + suffix;
}

std::string decompressed_name(const std::string& input, const std::optional<std::string>& dir)
{
    if (input == standard_stream)
        return standard_stream;
    // zstd's, and bzip2's (zstdio reads .bz2).
    static const char* const suffixes[] = {".zst", ".tzst", ".zstd", ".gz",  ".tgz", ".lzma",
                                           ".xz",  ".txz",  ".bz2",  ".tbz2", ".tbz"};
    const auto dot = input.rfind('.');
    const auto slash = input.rfind('/');
    const std::string suffix = dot == std::string::npos || (slash != std::string::npos && dot < slash)
                                   ? std::string()
                                   : input.substr(dot);
    const bool known = std::any_of(std::begin(suffixes), std::end(suffixes),
                                   [&](const char* s) { return suffix == s; });
    if (!known || input.size() <= suffix.size())
        throw reported_error(input +
                             ": unknown suffix (.zst/.tzst/.gz/.tgz/.lzma/.xz/.txz/.bz2/.tbz2 expected). "
                             "Can't derive the output file name. Specify it with -o dstFileName. Ignoring.");
    std::string stem = input.substr(0, input.size() - suffix.size());
    if (suffix[1] == 't')
        stem += ".tar";
    return dir ? in_directory(*dir, base_name(stem)) : stem;
}

std::optional<std::string> mirrored_directory(const std::string& input, const std::string& root)
{
    const std::string trimmed = trim_root(input);
    if (trimmed.empty() || trimmed == ".." || trimmed.compare(0, 3, "../") == 0 ||
        trimmed.find("/../") != std::string::npos || ends_with(trimmed, "/.."))
        return std::nullopt;
    const auto slash = trimmed.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : trimmed.substr(0, slash);
    const std::string target = dir.empty() ? root : in_directory(root, dir);
    // Make every level, each with its source directory's mode when known.
    std::error_code ec;
    fs::create_directories(target, ec);
    if (ec && !is_directory(target))
        return std::nullopt;
    return target;
}

void warn_name_collisions(const std::vector<std::string>& inputs, const console& con)
{
    std::vector<std::string> names;
    for (const std::string& input : inputs)
        names.push_back(base_name(input));
    std::sort(names.begin(), names.end());
    for (std::size_t i = 1; i < names.size(); ++i)
        if (names[i] == names[i - 1] && (i < 2 || names[i - 2] != names[i]))
            con.print(2, "WARNING: Two files have same filename: " + names[i] + "\n");
}

bool has_compressed_suffix(const std::string& name)
{
    static const char* const suffixes[] = {".zst", ".tzst", ".gz", ".tgz", ".lzma", ".xz", ".txz", ".lz4", ".tlz4"};
    return std::any_of(std::begin(suffixes), std::end(suffixes), [&](const char* s) { return ends_with(name, s); });
}

} // namespace zstdio_cli
