// zstdio CLI — the per-file driver.
#include "files.hpp"

#include "actions.hpp"
#include "io.hpp"
#include "output_file.hpp"
#include "progress.hpp"

#include <zstdio/dictionary.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

#include <unistd.h>

namespace zstdio_cli {
namespace {

bool ends_with(const std::string& s, const std::string& suffix)
{
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A failure that concerns another file than the input (the output).
struct file_error : std::runtime_error {
    file_error(std::string f, const std::string& reason) : std::runtime_error(reason), file(std::move(f)) {}
    std::string file;
};

std::string percent(std::uint64_t part, std::uint64_t whole)
{
    return whole == 0 ? std::string("100.00%")
                      : format_fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 2) + "%";
}

// Where the output of `input` goes ("-" = standard output, "" = nowhere).
std::string output_for(const options& o, const std::string& input)
{
    if (o.op == operation::test)
        return "";
    if (o.to_stdout)
        return standard_stream;
    if (o.output)
        return *o.output;
    if (input == standard_stream)
        return standard_stream;
    return derived_output_name(input, o.op);
}

} // namespace

std::string derived_output_name(const std::string& input, operation op)
{
    if (op == operation::compress)
        return input + ".zst";
    if (ends_with(input, ".zst"))
        return input.substr(0, input.size() - 4);
    if (ends_with(input, ".tzst"))
        return input.substr(0, input.size() - 5) + ".tar";
    throw std::runtime_error("unknown suffix (.zst expected); name the output with -o FILE");
}

int process_files(const options& o, const console& con)
{
    const bool compressing = o.op == operation::compress;

    std::optional<zstdio::zstd_dict> dict;
    if (o.dictionary) {
        try {
            dict.emplace(read_whole_file(*o.dictionary));
        } catch (const std::exception& e) {
            con.error(*o.dictionary, reason_of(e));
            return 1;
        }
    }
    zstdio::zstd_params params;
    try {
        params = compressing ? compression_settings(o, dict) : decompression_settings(o, dict);
    } catch (const std::exception& e) {
        con.error("settings", reason_of(e));
        return 1;
    }
    con.line(3, "zstdio " + std::string(compressing ? "compressing at level " + std::to_string(o.level)
                                                    : "decompressing") +
                    (dict ? ", dictionary id " + std::to_string(dict->id()) : std::string()) +
                    " (libzstd " + zstdio::version_string() + ")");

    // One -o FILE for several inputs receives every frame; it appears only
    // if every input succeeded.
    std::unique_ptr<output_file> shared;
    int failures = 0;
    std::uint64_t total_in = 0, total_out = 0;
    int done = 0;

    for (const std::string& input : o.inputs) {
        try {
            input_file in(input);
            // As zstd: no reading from a terminal (the user probably forgot a
            // file name) and no compressed data written to one, unless -f.
            if (in.is_stdin() && is_console(0) && !o.force)
                throw std::runtime_error("is a console, aborting (use -f to read from it)");
            const std::string target = output_for(o, input);
            if (target == standard_stream && compressing && is_console(1) && !o.force) {
                con.error("stdout", "is a console, aborting: compressed data is not written to a terminal "
                                    "(use -f to force)");
                return 1;
            }
            if (!target.empty() && target != standard_stream && in.same_file(target))
                throw std::runtime_error("the output " + target + " is the input file itself");

            std::unique_ptr<output_file> own;
            output_file* out = nullptr;
            if (!target.empty()) {
                if (o.output && target == *o.output) {
                    if (!shared) {
                        try {
                            shared = std::make_unique<output_file>(target, o.force);
                        } catch (const std::exception& e) {
                            con.error(target, reason_of(e));
                            return 1;
                        }
                    }
                    out = shared.get();
                } else {
                    try {
                        own = std::make_unique<output_file>(target, o.force);
                    } catch (const std::exception& e) {
                        throw file_error(target, reason_of(e));
                    }
                    out = own.get();
                }
            }

            progress_line progress(input, o.verbosity);
            const transfer t = compressing ? compress_stream(in, out->fd(), params, progress)
                                           : decompress_stream(in, out ? out->fd() : -1, params, progress);
            progress.clear();
            if (own)
                own->commit(in.mode());

            const bool to_stdout = out && out->is_stdout();
            if (o.verbosity >= 3 || (o.verbosity == 2 && !to_stdout)) {
                if (compressing)
                    con.line(2, display_name(input) + " : " + percent(t.out, t.in) + " (" + human_size(t.in) +
                                    " => " + human_size(t.out) + ", " + display_name(target) + ")");
                else
                    con.line(2, display_name(input) + " : " + std::to_string(t.out) + " bytes");
            }
            total_in += t.in;
            total_out += t.out;
            ++done;

            // --rm: only once the output is safely in place, never for stdout.
            if (o.remove_source && own && !in.is_stdin() && ::unlink(input.c_str()) != 0)
                con.warning(display_name(input) + ": could not be removed");
        } catch (const file_error& e) {
            con.error(e.file, reason_of(e));
            ++failures;
        } catch (const std::exception& e) {
            con.error(input, reason_of(e));
            ++failures;
        }
    }

    if (shared) {
        if (failures == 0) {
            try {
                shared->commit(0666);
                if (o.remove_source)
                    for (const std::string& input : o.inputs)
                        if (input != standard_stream)
                            ::unlink(input.c_str());
            } catch (const std::exception& e) {
                con.error(shared->name(), reason_of(e));
                ++failures;
            }
        } else if (o.inputs.size() > 1) {
            con.error(shared->name(), "not written, because of the errors above");
        }
    }
    if (done > 1 && o.verbosity >= 2) {
        if (compressing)
            con.line(2, std::to_string(done) + " files compressed : " + percent(total_out, total_in) + " (" +
                            human_size(total_in) + " => " + human_size(total_out) + ")");
        else
            con.line(2, std::to_string(done) + " files " +
                            (o.op == operation::test ? "tested" : "decompressed") + " : " +
                            std::to_string(total_out) + " bytes");
    }
    return failures == 0 ? 0 : 1;
}

} // namespace zstdio_cli
