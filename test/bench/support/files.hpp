// Files of the benchmark programs in test/bench/: the input read into memory
// (or its first bytes), and copies written for the programs that read files
// (the zstd CLI, file-to-file contenders).
#ifndef ZSTDIO_TEST_BENCH_SUPPORT_FILES_HPP
#define ZSTDIO_TEST_BENCH_SUPPORT_FILES_HPP

#include <cstddef>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zstdio_bench {

/// The bytes of the file at `path`, or its first `slice` bytes when `slice`
/// is not 0.  Throws std::runtime_error("cannot open <path>").
inline std::string read_file(const std::string& path, std::size_t slice = 0)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (slice != 0 && s.size() > slice)
        s.resize(slice);
    return s;
}

/// Writes `bytes` to the file at `path`, replacing it.  Throws
/// std::runtime_error("cannot write <path>").
inline void write_file(const std::string& path, std::string_view bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush())
        throw std::runtime_error("cannot write " + path);
}

} // namespace zstdio_bench

#endif
