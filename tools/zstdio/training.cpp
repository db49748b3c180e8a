// zstdio CLI — --train: zstdio::train_cover_dictionary over the sample
// files, tuned like `zstd --train` (fastcover, d = 8, k optimized).
#include "training.hpp"

#include "io.hpp"
#include "output_file.hpp"

#include <zstdio/dictionary.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace zstdio_cli {

int train_dictionary_file(const options& o, const console& con)
{
    if (o.inputs.empty()) {
        con.error("--train", "no sample files given (zstdio --train FILES -o DICT)");
        return 1;
    }
    std::vector<std::string> samples;
    samples.reserve(o.inputs.size());
    std::size_t total = 0;
    for (const std::string& input : o.inputs) {
        if (input == standard_stream) {
            con.error(input, "--train needs sample files, not standard input");
            return 1;
        }
        try {
            samples.push_back(read_whole_file(input));
            total += samples.back().size();
        } catch (const std::exception& e) {
            con.error(input, reason_of(e));
            return 1;
        }
    }
    const std::string target = o.output.value_or("dictionary");
    try {
        output_file out(target, output_policy{o.force, false}, con); // refuse an existing file before the long work
        con.line(3, "training a dictionary of at most " + std::to_string(o.max_dict) + " bytes on " +
                        std::to_string(samples.size()) + " samples (" + human_size(total) + ")");
        zstdio::cover_options options;
        options.fast = true;     // zstd --train's algorithm
        options.d = 8;
        options.optimize = true; // pick k on a train/test split, as zstd does
        options.steps = 4;
        options.level = o.level;
        options.threads = o.threads;
        const zstdio::zstd_dict dict = zstdio::train_cover_dictionary(o.max_dict, samples, options);
        const std::string_view bytes = dict.as_bytes();
        io_record written;
        fd_sink(out.fd(), &written).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.commit(nullptr);
        con.line(2, "dictionary of " + std::to_string(bytes.size()) + " bytes (id " + std::to_string(dict.id()) +
                        ", k=" + std::to_string(dict.k()) + ", d=" + std::to_string(dict.d()) + ") written to " +
                        target);
    } catch (const std::exception& e) {
        con.error(target, reason_of(e));
        return 1;
    }
    return 0;
}

} // namespace zstdio_cli
