// zstdio CLI — the per-file driver: which output each input gets, the
// checks zstd makes, result lines, --rm.
#include "files.hpp"

#include "actions.hpp"
#include "file_names.hpp"
#include "io.hpp"
#include "output_file.hpp"
#include "patch_from.hpp"

#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>

#include <sys/stat.h>

namespace zstdio_cli {
namespace {

/// The run-wide state: settings, the reused codec, totals.
struct run_state {
    run_state(const options& o, const console& con, std::vector<std::string> inputs)
        : o(o), con(con), inputs(std::move(inputs))
    {
    }
    const options& o;
    const console& con;
    std::vector<std::string> inputs;
    bool to_stdout = false;     ///< every output is standard output
    bool remove_source = false; ///< --rm, once zstd's exceptions applied
    bool pass_through = false;
    std::optional<zstdio::zstd_dict> dict;
    std::unique_ptr<stream_compressor> compressor;
    std::unique_ptr<stream_decompressor> decompressor;
    std::uint64_t total_in = 0, total_out = 0;
    int processed = 0;
};

bool compressing(const options& o) { return o.op == operation::compress; }

/// zstd's line after each file ("f :230.00%   (    10 B =>     23 B, f.zst)",
/// "f.zst : 1000 bytes"): shown for a single input, or for each with -v.
void show_result(const run_state& s, const std::string& input, const std::string& output, const transfer& t)
{
    const console& con = s.con;
    con.clear_progress();
    if (t.passed_through || !(s.inputs.size() <= 1 || con.verbosity() >= 3))
        return;
    const std::string shown = display_name(input);
    if (!compressing(s.o)) {
        con.summary(format("%-20s: %llu bytes \n", shown.c_str(), static_cast<unsigned long long>(t.out)));
        return;
    }
    const readable_size in = make_readable(t.in, con.verbosity());
    const readable_size out = make_readable(t.out, con.verbosity());
    const std::string target = display_output_name(output);
    if (t.in == 0)
        con.summary(format("%-20s :  (%6.*f%s => %6.*f%s, %s) \n", shown.c_str(), in.precision, in.value, in.suffix,
                           out.precision, out.value, out.suffix, target.c_str()));
    else
        con.summary(format("%-20s :%6.2f%%   (%6.*f%s => %6.*f%s, %s) \n", shown.c_str(),
                           static_cast<double>(t.out) / static_cast<double>(t.in) * 100, in.precision, in.value,
                           in.suffix, out.precision, out.value, out.suffix, target.c_str()));
}

void show_totals(const run_state& s)
{
    if (!(s.processed >= 1 && s.inputs.size() > 1))
        return;
    const console& con = s.con;
    con.clear_progress();
    if (!compressing(s.o)) {
        con.summary(format("%d files decompressed : %6llu bytes total \n", s.processed,
                           static_cast<unsigned long long>(s.total_out)));
        return;
    }
    const readable_size in = make_readable(s.total_in, con.verbosity());
    const readable_size out = make_readable(s.total_out, con.verbosity());
    if (s.total_in == 0)
        con.summary(format("%3d files compressed : (%6.*f%4s => %6.*f%4s)\n", s.processed, in.precision, in.value,
                           in.suffix, out.precision, out.value, out.suffix));
    else
        con.summary(format("%3d files compressed : %.2f%% (%6.*f%4s => %6.*f%4s)\n", s.processed,
                           static_cast<double>(s.total_out) / static_cast<double>(s.total_in) * 100, in.precision,
                           in.value, in.suffix, out.precision, out.value, out.suffix));
}

/// One input into an already opened output (or nowhere for -t).
transfer process_one(run_state& s, const input_file& in, const std::string& output, int out_fd, file_position where)
{
    transfer t;
    try {
        if (compressing(s.o))
            t = s.compressor->run(in, out_fd, where);
        else if (s.o.range)
            t = s.decompressor->extract(in, out_fd, *s.o.range, s.pass_through, where);
        else
            t = s.decompressor->run(in, out_fd, s.pass_through, where);
    } catch (const write_error& e) {
        throw reported_error(display_output_name(output) + ": " + e.what());
    }
    s.total_in += t.in;
    s.total_out += t.out;
    show_result(s, in.name(), output, t);
    return t;
}

/// Opens `input` as zstd would, or reports why not (returns nullptr).
std::unique_ptr<input_file> open_input(const run_state& s, const std::string& input)
{
    if (compressing(s.o) && s.o.exclude_compressed && input != standard_stream && has_compressed_suffix(input)) {
        s.con.line(4, "File is already compressed : " + input + " ");
        return nullptr;
    }
    auto in = std::make_unique<input_file>(input, input_policy{s.o.allow_block_devices});
    if (s.dict && s.o.dictionary && !in->is_stdin() && in->same_file(*s.o.dictionary))
        throw reported_error("cannot use " + input + " as an input file and dictionary");
    return in;
}

/// Each input into its own output file (or stdout for "-").  Returns 0 on
/// success, 1 on failure (already reported).
int process_to_own_file(run_state& s, const std::string& input, const std::string& output, file_position where)
{
    const console& con = s.con;
    std::unique_ptr<input_file> in = open_input(s, input);
    if (!in)
        return 0;
    if (output != standard_stream && in->same_file(output)) {
        con.print(1, con.prefix() + ": Refusing to open an output file which will overwrite the input file \n");
        return 1;
    }
    std::unique_ptr<output_file> out;
    if (s.o.op != operation::test) {
        try {
            out = std::make_unique<output_file>(output, output_policy{s.o.force, std::count(s.inputs.begin(), s.inputs.end(), standard_stream) > 0}, con);
        } catch (const reported_error&) {
            throw;
        } catch (const std::exception& e) {
            throw reported_error(output + ": " + reason_of(e));
        }
    }
    process_one(s, *in, output, out ? out->fd() : -1, where);
    if (out) {
        try {
            out->commit(in->is_stdin() || out->is_stdout() ? nullptr : in->regular_status());
        } catch (const std::exception& e) {
            throw reported_error(output + ": " + reason_of(e));
        }
    }
    // --rm: only once the output is safely in place, never for stdin or stdout.
    if (s.remove_source && out && !out->is_stdout() && !in->is_stdin()) {
        in.reset();
        if (!remove_input(input, con))
            return 1;
    }
    return 0;
}

/// The output name for `input` when each input has its own output.
std::optional<std::string> own_output_name(const run_state& s, const std::string& input)
{
    const options& o = s.o;
    if (o.op == operation::test)
        return std::string();
    if (input == standard_stream)
        return standard_stream;
    std::optional<std::string> dir = o.output_dir_flat;
    if (o.output_dir_mirror) {
        dir = mirrored_directory(input, *o.output_dir_mirror);
        if (!dir) {
            // zstd's two lines differ by a blank before the newline.
            s.con.print(2, format("%s: --output-dir-mirror cannot %s '%s' into '%s'%s\n", s.con.prefix().c_str(),
                                  compressing(o) ? "compress" : "decompress", input.c_str(),
                                  o.output_dir_mirror->c_str(), compressing(o) ? " " : ""));
            return std::nullopt;
        }
    }
    return compressing(o) ? compressed_name(input, o.suffix, dir) : decompressed_name(input, dir);
}

/// zstd's warning (and, without -f, refusal) before concatenating several
/// inputs into one -o file.  Returns false to stop.
bool accept_concatenation(run_state& s, const std::string& output)
{
    const console& con = s.con;
    if (s.o.op == operation::test || s.inputs.size() <= 1)
        return true;
    if (output == standard_stream)
        con.print(2, con.prefix() + ": WARNING: all input files will be processed and concatenated into stdout. \n");
    else
        con.print(2, con.prefix() + ": WARNING: all input files will be processed and concatenated into a single "
                                    "output file: " + output + " \n");
    con.print(2, "The concatenated output CANNOT regenerate original file names nor directory structure. \n");
    if (s.remove_source) {
        con.print(2, "Since it's a destructive operation, input files will not be removed. \n");
        s.remove_source = false;
    }
    if (output == standard_stream || s.o.force)
        return true;
    if (con.verbosity() <= 1) {
        con.print(1, "Concatenating multiple processed inputs into a single output loses file metadata. \n");
        con.print(1, "Aborting. \n");
        return false;
    }
    return con.confirm("Proceed? (y/n): ", "Aborting...",
                       std::count(s.inputs.begin(), s.inputs.end(), standard_stream) > 0);
}

/// Every input into the one -o FILE (or stdout).  The file appears only if
/// every input succeeded: a failed run leaves no partial output.
int process_into_one(run_state& s, const std::string& output)
{
    const console& con = s.con;
    if (!accept_concatenation(s, output))
        return 1;
    std::unique_ptr<output_file> out;
    try {
        out = std::make_unique<output_file>(output, output_policy{s.o.force, std::count(s.inputs.begin(), s.inputs.end(), standard_stream) > 0}, con);
    } catch (const reported_error& e) {
        con.report(e);
        return 1;
    } catch (const std::exception& e) {
        con.report(reported_error(output + ": " + reason_of(e)));
        return 1;
    }
    int failures = 0;
    std::vector<std::string> done;
    const struct stat* source_status = nullptr;
    std::unique_ptr<input_file> single; // a single input's status is copied onto the output
    for (std::size_t i = 0; i < s.inputs.size(); ++i) {
        const std::string& input = s.inputs[i];
        try {
            std::unique_ptr<input_file> in = open_input(s, input);
            if (!in)
                continue;
            if (!out->is_stdout() && in->same_file(output)) {
                con.print(1, con.prefix() + ": Refusing to open an output file which will overwrite the input file \n");
                ++failures;
                continue;
            }
            process_one(s, *in, output, out->fd(), {i, s.inputs.size()});
            ++s.processed;
            done.push_back(input);
            if (s.inputs.size() == 1 && !in->is_stdin()) {
                single = std::move(in);
                source_status = single->regular_status();
            }
        } catch (const std::exception&) {
            con.report_current(input);
            ++failures;
        }
    }
    if (failures && s.inputs.size() > 1 && !out->is_stdout()) {
        con.report(reported_error(output + ": not written, because of the errors above"));
        return 1;
    }
    if (failures)
        return 1;
    try {
        out->commit(source_status);
    } catch (const std::exception& e) {
        con.report(reported_error(output + ": " + reason_of(e)));
        return 1;
    }
    if (s.remove_source && !out->is_stdout())
        for (const std::string& input : done)
            if (input != standard_stream && !remove_input(input, con))
                return 1;
    return 0;
}

/// -vv: the match-finder parameters each input will be compressed with, as
/// zstd shows them (its --zstd= syntax).
void show_parameters(const run_state& s)
{
    const options& o = s.o;
    const std::uint64_t dict_size = s.dict ? s.dict->size() : 0;
    for (const std::string& input : s.inputs) {
        std::uint64_t size = zstdio::unknown_size;
        struct stat st;
        if (input != standard_stream && ::stat(input.c_str(), &st) == 0 && S_ISREG(st.st_mode))
            size = static_cast<std::uint64_t>(st.st_size);
        zstdio::compression_parameters p;
        try {
            p = zstdio::compression_parameters::from_level(o.level, size, static_cast<std::size_t>(dict_size));
        } catch (const zstdio::zstd_error&) {
            return; // libzstd's choice is experimental API: not shown when another libzstd is loaded
        }
        const advanced_settings& a = o.advanced;
        auto pick = [](unsigned given, int chosen) { return given ? static_cast<int>(given) : chosen; };
        s.con.print(4, format("--zstd=wlog=%d,clog=%d,hlog=%d,slog=%d,mml=%d,tlen=%d,strat=%d\n",
                              pick(a.window_log, p.window_log()), pick(a.chain_log, p.chain_log()),
                              pick(a.hash_log, p.hash_log()), pick(a.search_log, p.search_log()),
                              pick(a.min_match, p.min_match()), pick(a.target_length, p.target_length()),
                              pick(a.strategy, static_cast<int>(p.strategy()))));
    }
}

} // namespace

int process_files(options& o, console& con)
{
    std::size_t given = 0;
    std::optional<std::vector<std::string>> expanded = expand_inputs(o, con, given);
    if (!expanded)
        return 1; // every name was a symbolic link (already said)
    run_state s(o, con, std::move(*expanded));
    if (s.inputs.empty()) {
        if (given > 0) {
            con.print(1, "please provide correct input file(s) or non-empty directories -- ignored \n");
            return 0;
        }
        s.inputs.push_back(standard_stream);
    }
    std::optional<std::string> output = o.output;
    if (o.op == operation::test) {
        output.reset();
        o.remove_source = false;
    } else if (s.inputs.size() == 1 && s.inputs[0] == standard_stream && !output) {
        output = standard_stream;
    }

    const bool reads_stdin = std::count(s.inputs.begin(), s.inputs.end(), standard_stream) > 0;
    if (!o.force_stdin && reads_stdin && (is_console(0) || o.fake_stdin_console)) {
        con.print(1, "stdin is a console, aborting\n");
        return 1;
    }
    if ((!output || *output == standard_stream) && (is_console(1) || o.fake_stdout_console) && reads_stdin &&
        !o.force_stdout && o.op != operation::decompress) {
        con.print(1, "stdout is a console, aborting\n");
        return 1;
    }
    if (compressing(o)) {
        const int cap = o.ultra ? zstdio::max_compression_level() : 19;
        if (o.level > cap) {
            con.print(2, format("Warning : compression level higher than max, reduced to %i \n", cap));
            o.level = cap;
        }
        if (o.adapt)
            o.level = std::clamp(o.level, o.adapt_min, o.adapt_max);
    }
    if (o.dictionary && o.patch_from) {
        con.print(1, "error : can't use -D and --patch-from=# at the same time \n");
        return 1;
    }
    if (o.patch_from && s.inputs.size() > 1) {
        con.print(1, "error : can't use --patch-from=# on multiple files \n");
        return 1;
    }

    // --range writes a part of the data: never under the name of the whole
    // (FILE from FILE.zst), and never at the price of the input.
    if (o.range && !output) {
        con.print(1, "error: --range writes a part of the data: give -c or -o FILE \n");
        return 1;
    }
    if (o.range && o.remove_source) {
        con.print(2, "Warning : --rm does not apply to --range: the input is kept \n");
        o.remove_source = false;
    }

    s.to_stdout = output && *output == standard_stream;
    if (s.to_stdout && con.verbosity() == 2)
        con.set_verbosity(1);
    const bool stderr_console = is_console(2) || o.fake_stderr_console;
    con.set_progress(o.progress == tri_state::on, o.progress == tri_state::off || (!stderr_console && o.progress != tri_state::on));
    s.remove_source = o.remove_source;
    if (s.to_stdout && s.remove_source) {
        con.print(3, "Note: src files are not removed when output is stdout \n");
        s.remove_source = false;
    }
    // zstd: pass-through by default only with -f writing to stdout (-dcf).
    s.pass_through = o.pass_through.value_or(o.force && s.to_stdout);

    // --patch-from: zstd's limits come before the reference is read.
    std::uint64_t patch_target = zstdio::unknown_size;
    if (o.patch_from) {
        struct stat st;
        const std::uint64_t reference_size =
            ::stat(o.patch_from->c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
        patch_target = patch_target_size(o, s.inputs[0]);
        if (!patch_from_within_limits(o, con, reference_size, patch_target))
            return patch_from_refused;
    }

    try {
        const std::optional<std::string> dict_file = o.dictionary ? o.dictionary : o.patch_from;
        if (dict_file) {
            const std::string bytes = read_whole_file(*dict_file);
            if (!(o.patch_from && bytes.empty())) // an empty reference: nothing to refer to, as in zstd
                s.dict.emplace(bytes, o.patch_from ? zstdio::dict_type::raw_content : zstdio::dict_type::automatic);
        }
        if (compressing(o)) {
            if (con.verbosity() >= 4)
                show_parameters(s);
            if (o.patch_from && s.dict && o.format == output_format::zstd)
                show_patch_notes(o, con, compression_settings(o, s.dict, patch_target), s.dict->size(), patch_target);
            s.compressor = std::make_unique<stream_compressor>(o, s.dict, con, patch_target);
        }
        else
            s.decompressor = std::make_unique<stream_decompressor>(o, s.dict, con);
    } catch (const reported_error& e) {
        con.report(e);
        return 1;
    } catch (const std::exception& e) {
        con.report(reported_error(reason_of(e)));
        return 1;
    }

    if (output) {
        const int status = process_into_one(s, *output);
        show_totals(s);
        return status;
    }

    int failures = 0;
    for (std::size_t i = 0; i < s.inputs.size(); ++i) {
        const std::string& input = s.inputs[i];
        try {
            const std::optional<std::string> target = own_output_name(s, input);
            if (!target) {
                ++failures;
                continue;
            }
            if (process_to_own_file(s, input, *target, {i, s.inputs.size()}) == 0)
                ++s.processed;
            else
                ++failures;
        } catch (const std::exception&) {
            con.report_current(input);
            ++failures;
        }
    }
    if (o.output_dir_flat)
        warn_name_collisions(s.inputs, con);
    show_totals(s);
    return failures == 0 ? 0 : 1;
}

} // namespace zstdio_cli
