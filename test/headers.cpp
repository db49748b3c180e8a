// Tests for the layout of include/: the headers include each other without
// cycles, <zstdio/streaming.hpp> stays free of the batch machinery, and the
// umbrella header includes every public header.  (That each header compiles
// on its own is checked by the header-* targets of test/Jamfile.)
//
// First include: <zstdio/streaming.hpp>, alone, so that the include guards
// defined right after it say exactly what it brought in (Boost's headers
// included).
#include <zstdio/streaming.hpp>

#ifdef ZSTDIO_EXECUTOR_HPP
#define ZSTDIO_TEST_STREAMING_INCLUDES_EXECUTOR true
#else
#define ZSTDIO_TEST_STREAMING_INCLUDES_EXECUTOR false
#endif
#ifdef ZSTDIO_BUFFER_HPP
#define ZSTDIO_TEST_STREAMING_INCLUDES_BUFFER true
#else
#define ZSTDIO_TEST_STREAMING_INCLUDES_BUFFER false
#endif
#ifdef BOOST_IOSTREAMS_MAPPED_FILE_HPP_INCLUDED
#define ZSTDIO_TEST_STREAMING_INCLUDES_MAPPED_FILE true
#else
#define ZSTDIO_TEST_STREAMING_INCLUDES_MAPPED_FILE false
#endif

#define BOOST_TEST_MODULE headers
#include <boost/test/unit_test.hpp>

#include "support/support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The include/ folder of this source tree (found from this file's path, which
// b2 and CMake give relative to the working directory of the build, where the
// test also runs, or absolute).
fs::path include_dir()
{
    const fs::path dir = fs::path(__FILE__).parent_path().parent_path() / "include";
    if (!fs::is_regular_file(dir / "zstdio.hpp"))
        throw std::runtime_error("include/zstdio.hpp not found from " + std::string(__FILE__));
    return dir;
}

// Which headers of the tree a header includes: names relative to the include
// folder ("zstdio/params.hpp").
using include_graph = std::map<std::string, std::vector<std::string>>;

// Reads every .hpp under `root` (whose headers are named from `root`, as
// <zstdio/x.hpp> is from include/).  Only #include lines naming a header of
// the tree count: <zstdio...> or "zstdio..." from `root`, or "x.hpp" from the
// including header's folder; commented-out lines don't start with '#'.
include_graph read_graph(const fs::path& root)
{
    static const std::regex include_line(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
    include_graph graph;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".hpp")
            continue;
        const std::string name = entry.path().lexically_relative(root).generic_string();
        auto& edges = graph[name];
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            std::smatch m;
            if (!std::regex_search(line, m, include_line))
                continue;
            const std::string target = m[2];
            if (target.rfind("zstdio", 0) == 0 && fs::exists(root / target))
                edges.push_back(target);
            else if (m[1] == "\"" && fs::exists(entry.path().parent_path() / target))
                edges.push_back((entry.path().parent_path() / target).lexically_normal().lexically_relative(root).generic_string());
            else if (target.rfind("zstdio", 0) == 0)
                throw std::runtime_error(name + " includes " + target + ", which does not exist");
        }
    }
    return graph;
}

// Every cycle found by a depth-first walk, each as "a -> b -> a" (empty: the
// graph is acyclic).
std::vector<std::string> find_cycles(const include_graph& graph)
{
    enum class mark { unseen, on_path, done };
    std::map<std::string, mark> marks;
    std::vector<std::string> path, cycles;
    auto visit = [&](const std::string& node, auto& self) -> void {
        marks[node] = mark::on_path;
        path.push_back(node);
        const auto it = graph.find(node);
        if (it != graph.end()) {
            for (const auto& next : it->second) {
                if (marks[next] == mark::on_path) {
                    std::string cycle;
                    for (auto p = std::find(path.begin(), path.end(), next); p != path.end(); ++p)
                        cycle += *p + " -> ";
                    cycles.push_back(cycle + next);
                } else if (marks[next] == mark::unseen) {
                    self(next, self);
                }
            }
        }
        path.pop_back();
        marks[node] = mark::done;
    };
    for (const auto& node : graph)
        if (marks[node.first] == mark::unseen)
            visit(node.first, visit);
    return cycles;
}

// `from` and every header it reaches.
std::set<std::string> reach(const include_graph& graph, const std::string& from)
{
    std::set<std::string> seen{from};
    std::vector<std::string> todo{from};
    while (!todo.empty()) {
        const std::string node = todo.back();
        todo.pop_back();
        const auto it = graph.find(node);
        if (it == graph.end())
            continue;
        for (const auto& next : it->second)
            if (seen.insert(next).second)
                todo.push_back(next);
    }
    return seen;
}

std::string joined(const std::vector<std::string>& lines)
{
    std::string s;
    for (const auto& line : lines)
        s += "\n  " + line;
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_cycle_check_finds_a_cycle)
{
    // The checker itself, on a small tree: a.hpp -> impl/a.hpp -> b.hpp -> a.hpp.
    zstdio_test::temp_dir dir;
    const fs::path root = fs::path(dir.path("include"));
    fs::create_directories(root / "zstdio" / "impl");
    zstdio_test::write_file((root / "zstdio" / "a.hpp").string(),
                            "// #include <zstdio/c.hpp> (a comment)\n#include <zstdio/impl/a.hpp>\n");
    zstdio_test::write_file((root / "zstdio" / "impl" / "a.hpp").string(), "#  include \"../b.hpp\"\n");
    zstdio_test::write_file((root / "zstdio" / "b.hpp").string(), "#include <vector>\n#include <zstdio/a.hpp>\n");
    zstdio_test::write_file((root / "zstdio" / "c.hpp").string(), "#include <zstdio/b.hpp>\n");
    const include_graph graph = read_graph(root);
    BOOST_TEST(graph.at("zstdio/a.hpp") == std::vector<std::string>{"zstdio/impl/a.hpp"});
    BOOST_TEST(graph.at("zstdio/impl/a.hpp") == std::vector<std::string>{"zstdio/b.hpp"});
    const std::vector<std::string> cycles = find_cycles(graph);
    BOOST_TEST_REQUIRE(cycles.size() == 1u);
    BOOST_TEST(cycles[0] == "zstdio/a.hpp -> zstdio/impl/a.hpp -> zstdio/b.hpp -> zstdio/a.hpp");

    // Without the back edge: no cycle.
    zstdio_test::write_file((root / "zstdio" / "b.hpp").string(), "#include <vector>\n");
    BOOST_TEST(find_cycles(read_graph(root)).empty());
}

BOOST_AUTO_TEST_CASE(no_header_includes_one_that_includes_it_back)
{
    const include_graph graph = read_graph(include_dir());
    BOOST_TEST_REQUIRE(graph.count("zstdio.hpp") == 1u);
    BOOST_TEST_REQUIRE(graph.count("zstdio/compressor.hpp") == 1u);
    BOOST_TEST_REQUIRE(graph.count("zstdio/detail/context.hpp") == 1u);
    const std::vector<std::string> cycles = find_cycles(graph);
    BOOST_TEST(cycles.empty(), "include cycles in include/:" << joined(cycles));
}

BOOST_AUTO_TEST_CASE(streaming_hpp_does_not_bring_in_the_batch_machinery)
{
    // What the preprocessor saw at the top of this file.
    BOOST_TEST(!ZSTDIO_TEST_STREAMING_INCLUDES_EXECUTOR, "<zstdio/streaming.hpp> includes zstdio/executor.hpp");
    BOOST_TEST(!ZSTDIO_TEST_STREAMING_INCLUDES_BUFFER, "<zstdio/streaming.hpp> includes zstdio/buffer.hpp");
    BOOST_TEST(!ZSTDIO_TEST_STREAMING_INCLUDES_MAPPED_FILE,
               "<zstdio/streaming.hpp> includes boost/iostreams/device/mapped_file.hpp");

    // The same in the include graph, naming the path that gets there.
    const include_graph graph = read_graph(include_dir());
    const std::set<std::string> reached = reach(graph, "zstdio/streaming.hpp");
    for (const char* banned :
         {"zstdio/executor.hpp", "zstdio/buffer.hpp", "zstdio/batch.hpp", "zstdio/detail/batch.hpp"})
        BOOST_TEST(reached.count(banned) == 0u, "<zstdio/streaming.hpp> reaches " << banned);
}

BOOST_AUTO_TEST_CASE(the_umbrella_header_includes_every_public_header)
{
    // Directly or not (config.hpp comes with every other header).
    const include_graph graph = read_graph(include_dir());
    const std::set<std::string> reached = reach(graph, "zstdio.hpp");
    std::vector<std::string> missing;
    for (const auto& node : graph)
        if (node.first.rfind("zstdio/", 0) == 0 && !reached.count(node.first))
            missing.push_back(node.first);
    BOOST_TEST(missing.empty(), "include/zstdio.hpp does not include:" << joined(missing));
}
