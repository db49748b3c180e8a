// zstdio tests — shared helpers (see support.hpp).
#include "support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace zstdio_test {

std::string random_bytes(std::size_t size, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::string s(size, '\0');
    for (auto& c : s)
        c = static_cast<char>(rng() & 0xFF);
    return s;
}

std::string text(std::size_t size, std::uint32_t seed)
{
    static const char* const words[] = {"the",    "zstandard", "stream", "filter", "boost",  "frame",
                                        "window", "of",        "and",    "a",      "block",  "data",
                                        "level",  "fast",      "ratio",  "to",     "decode", "bytes",
                                        "header", "checksum",  "is",     "dictionary", "compress", "chain"};
    std::mt19937 rng(seed);
    std::string s;
    s.reserve(size + 16);
    std::size_t line = 0;
    while (s.size() < size) {
        s += words[rng() % (sizeof words / sizeof *words)];
        if (++line % 12 == 0)
            s += ".\n";
        else
            s += ' ';
        if (rng() % 97 == 0)
            s += std::to_string(rng() % 100000);
    }
    s.resize(size);
    return s;
}

std::string repetitive(std::size_t size)
{
    std::string s;
    s.reserve(size);
    const std::string unit = "zstdio repeats itself; ";
    while (s.size() < size)
        s += unit;
    s.resize(size);
    return s;
}

std::string edited(const std::string& old, std::size_t spacing, std::uint32_t seed)
{
    const std::string fresh = random_bytes(old.size() / spacing * 48 + 48, seed);
    std::string out;
    out.reserve(old.size() + fresh.size());
    std::size_t used = 0;
    for (std::size_t at = 0; at < old.size(); at += spacing) {
        std::string piece = old.substr(at, std::min(old.size(), at + spacing) - at);
        if (piece.size() > 200) {
            piece.replace(20, 16, fresh, used, 16);
            piece.insert(100, fresh, used + 16, 32);
            piece.erase(150, 24);
            used += 48;
        }
        out += piece;
    }
    return out;
}

std::vector<std::size_t> interesting_sizes()
{
    return {0, 1, 2, 7, 100, 4095, 4096, 4097, 65536, 131071, 131072, 131073, 300000, 1 << 20};
}

temp_dir::temp_dir()
{
    std::string templ = (fs::temp_directory_path() / "zstdio-test-XXXXXX").string();
    if (!mkdtemp(templ.data()))
        throw std::runtime_error("cannot create a temporary directory");
    dir_ = templ;
}

temp_dir::~temp_dir()
{
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

std::string temp_dir::path(const std::string& name) const { return (fs::path(dir_) / name).string(); }

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

command_result run(const std::string& command)
{
    command_result r{-1, {}};
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    if (!p)
        return r;
    char buf[65536];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        r.output.append(buf, n);
    const int status = pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string quote(const std::string& s)
{
    std::string q = "'";
    for (char c : s) {
        if (c == '\'')
            q += "'\\''";
        else
            q += c;
    }
    return q + "'";
}

namespace {
command_result zstd_cli_files(const std::string& args, const std::string& input, std::string* stdout_bytes)
{
    temp_dir dir;
    write_file(dir.path("in"), input);
    const command_result r = run("zstd " + args + " < " + quote(dir.path("in")) + " > " + quote(dir.path("out")));
    if (stdout_bytes)
        *stdout_bytes = read_file(dir.path("out"));
    return r;
}
} // namespace

std::string zstd_cli(const std::string& args, const std::string& input)
{
    std::string out;
    const command_result r = zstd_cli_files(args, input, &out);
    if (r.status != 0)
        throw std::runtime_error("zstd " + args + " failed (" + std::to_string(r.status) + "): " + r.output);
    return out;
}

command_result zstd_cli_status(const std::string& args, const std::string& input)
{
    return zstd_cli_files(args, input, nullptr);
}

std::string golden_dir()
{
    std::string base = "../shared/testdata";
    if (const char* env = std::getenv("ZSTDIO_TESTDATA"))
        base = env;
    const fs::path dir = fs::path(base) / "zstd-golden";
    if (!fs::is_directory(dir))
        throw std::runtime_error("zstd golden files not found at " + dir.string() +
                                 " (set ZSTDIO_TESTDATA to the folder holding zstd-golden)");
    return fs::absolute(dir).string();
}

std::vector<std::string> list_files(const std::string& dir)
{
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file())
            files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

std::string little_endian(std::uint64_t v, int bytes)
{
    std::string s;
    for (int i = 0; i < bytes; ++i)
        s += static_cast<char>((v >> (8 * i)) & 0xff);
    return s;
}

std::uint32_t get_le32(const std::string& s, std::size_t at)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
    return v;
}

void set_le32(std::string& s, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        s[at + static_cast<std::size_t>(i)] = static_cast<char>(v >> (8 * i));
}

std::string contrib_input(const std::string& kind, std::size_t size, std::uint32_t seed)
{
    std::string s;
    if (kind == "lines") {
        for (std::uint32_t i = 1; s.size() < size; ++i)
            s += std::to_string(i) + " the quick brown fox jumps over the lazy dog\n";
    } else {
        std::uint32_t x = seed;
        while (s.size() < size) {
            x = x * 1103515245u + 12345u;
            s.push_back("abcdefgh"[(x >> 16) & 7]);
        }
    }
    s.resize(size);
    return s;
}

} // namespace zstdio_test
