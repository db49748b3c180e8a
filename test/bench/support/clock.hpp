// Clocks of the benchmark programs in test/bench/: CPU time of this thread,
// of this process or of a child process, and wall-clock time, all in seconds.
//
// Thread CPU time is the steadiest measure of single-threaded work on the
// shared, noisy machine the figures come from; process CPU time also counts
// helper threads (and file I/O done in the kernel); wall-clock time is the one
// that shows what a second core buys.
#ifndef ZSTDIO_TEST_BENCH_SUPPORT_CLOCK_HPP
#define ZSTDIO_TEST_BENCH_SUPPORT_CLOCK_HPP

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
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

/// CPU time (user + system) of this process, all its threads, in seconds.
inline double process_seconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// A monotonic wall clock (std::chrono::steady_clock), in seconds.
inline double wall_seconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
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

} // namespace zstdio_bench

#endif
