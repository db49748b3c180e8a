// Timing helpers shared by the benchmark programs in test/bench/: CPU time of
// this thread or of a child process, and paired runs of contenders against
// their reference, giving the median of the paired ratios.
//
// The machine the figures come from is shared and noisy, so a contender is
// never timed alone: each round runs ref, c1, ref, c2, ..., ref, and the ratio
// of a round compares a contender with the mean of the two reference runs on
// either side of it (seconds apart, under the same load).
#ifndef ZSTDIO_TEST_BENCH_SUPPORT_PAIRED_HPP
#define ZSTDIO_TEST_BENCH_SUPPORT_PAIRED_HPP

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace zstdio_bench {

/// CPU time (user + system) of the calling thread, in seconds.
inline double thread_seconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Runs `argv` as a child process with stdout to /dev/null (stdin and
/// stderr inherited) and returns its CPU time (user + system), in seconds.
/// Throws std::runtime_error when it cannot start or does not exit 0.
inline double child_seconds(const std::vector<std::string>& argv)
{
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) < 0)
            _exit(126);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid)
        throw std::runtime_error("wait4 failed");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string cmd;
        for (const std::string& a : argv)
            cmd += (cmd.empty() ? "" : " ") + a;
        throw std::runtime_error(cmd + ": failed (status " + std::to_string(status) + ")");
    }
    auto seconds = [](const timeval& tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/// One thing being timed.  `run` does the work once and returns the seconds
/// it took (usually measured with thread_seconds() around the work; a child
/// process reports its own CPU time).
struct contender {
    std::string name;
    std::function<double()> run;
    double best = std::numeric_limits<double>::infinity();
    std::vector<double> ratios; // reference time / this time, one per round

    double timed()
    {
        const double t = run();
        best = std::min(best, t);
        return t;
    }
};

/// A reference and the contenders compared with it.
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

} // namespace zstdio_bench

#endif
