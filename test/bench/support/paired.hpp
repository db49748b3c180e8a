// Paired runs of the benchmark programs in test/bench/: contenders timed
// against their reference, giving the median of the paired ratios (the clocks
// are in clock.hpp).
//
// The machine the figures come from is shared and noisy, so a contender is
// never timed alone: each round runs ref, c1, ref, c2, ..., ref, and the ratio
// of a round compares a contender with the mean of the two reference runs on
// either side of it (seconds apart, under the same load).
#ifndef ZSTDIO_TEST_BENCH_SUPPORT_PAIRED_HPP
#define ZSTDIO_TEST_BENCH_SUPPORT_PAIRED_HPP

#include "clock.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace zstdio_bench {

/// Median of `v` (the mean of the two middle values for an even count), 0
/// for none.
inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/// The two table cells of a contender's ratios: their median ("%.3f") and
/// their range ("%.2f-%.2f"); two empty strings for none (a reference).
struct ratio_cells {
    char median[32] = "";
    char range[32] = "";

    explicit ratio_cells(const std::vector<double>& ratios)
    {
        if (ratios.empty())
            return;
        const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
        std::snprintf(median, sizeof median, "%.3f", zstdio_bench::median(ratios));
        std::snprintf(range, sizeof range, "%.2f-%.2f", *lo, *hi);
    }
};

/// One thing being timed.  `run` does the work once and returns the seconds
/// it took (usually measured with thread_seconds() around the work; a child
/// process reports its own CPU time).
struct contender {
    std::string name;
    std::function<double()> run;
    /// The untimed run a round starts with, when it must not go through
    /// `run` (e.g. to keep it out of a profiler's collection); empty = run().
    std::function<void()> warm_up;
    double best = std::numeric_limits<double>::infinity();
    std::vector<double> ratios; // reference time / this time, one per round

    double timed()
    {
        const double t = run();
        best = std::min(best, t);
        return t;
    }
};

/// A reference and the contenders compared with it.  Without a reference
/// (nullptr: e.g. not selected by the user), the members are timed alone and
/// get no ratios.
struct group {
    contender* reference = nullptr;
    std::vector<contender*> members;

    /// One round: an untimed warm-up run of the reference (the first run
    /// after switching from another group's work was seen to be up to 1.6x
    /// slower, which skewed the ratio of the first member), then ref, c1, ref,
    /// c2, ..., ref (order of the members reversed on odd rounds, so no
    /// contender always follows the same one).
    void round(int index)
    {
        if (index % 2 == 1)
            std::reverse(members.begin(), members.end());
        if (!reference) {
            for (contender* c : members)
                c->timed();
            return;
        }
        if (reference->warm_up)
            reference->warm_up();
        else
            reference->run();
        double before = reference->timed();
        for (contender* c : members) {
            const double t = c->timed();
            const double after = reference->timed();
            c->ratios.push_back((before + after) / 2 / t);
            before = after;
        }
    }
};

/// Times a program's contenders in paired groups for `reps` rounds.  Each
/// item has `timing` (a contender), `reference` (the name of the item it is
/// compared with; empty = it is a reference) and `name`; `same_set(r, c)`
/// says whether reference item `r` may serve item `c` besides the name (the
/// same input, level, direction...).  `timed(item)` is the timed run and
/// `untimed(item)` the warm-up.  An item whose reference was not selected
/// (--only) is timed alone.
template <class Item, class SameSet, class Timed, class Untimed>
void run_paired(std::vector<Item>& items, int reps, SameSet same_set, Timed timed, Untimed untimed)
{
    std::vector<group> groups;
    std::vector<const Item*> references; // of groups[i]; nullptr: none
    for (Item& c : items) {
        c.timing.run = [&c, timed] { return timed(c); };
        c.timing.warm_up = [&c, untimed] { untimed(c); };
        if (c.reference.empty()) {
            groups.emplace_back().reference = &c.timing;
            references.push_back(&c);
        }
    }
    for (Item& c : items) {
        if (c.reference.empty())
            continue;
        const auto r = std::find_if(references.begin(), references.end(), [&](const Item* r) {
            return r && r->name == c.reference && same_set(*r, c);
        });
        const std::size_t g = static_cast<std::size_t>(r - references.begin());
        if (r == references.end()) {
            groups.emplace_back();
            references.push_back(nullptr);
        }
        groups[g].members.push_back(&c.timing);
    }
    for (int rep = 0; rep < reps; ++rep) {
        std::fprintf(stderr, "round %d/%d\n", rep + 1, reps);
        for (group& g : groups)
            g.round(rep);
    }
}

/// run_paired() for items that each have `input`, `name` and `run(bool
/// verify)`: first, unless `check` is false, every item's run(true) once,
/// untimed, announced on stderr as "check  INPUT: NAME"; then the paired
/// rounds, with run(false) as the untimed warm-up.
template <class Item, class SameSet, class Timed>
void checked_run_paired(std::vector<Item>& items, bool check, int reps, SameSet same_set, Timed timed)
{
    for (Item& c : items) {
        if (!check)
            break;
        std::fprintf(stderr, "check  %s: %s\n", c.input.c_str(), c.name.c_str());
        c.run(true);
    }
    run_paired(items, reps, same_set, timed, [](Item& c) { c.run(false); });
}

} // namespace zstdio_bench

#endif
