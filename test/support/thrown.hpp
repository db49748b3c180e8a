// zstdio tests — what a call throws, for tests that assert on the error
// itself (its condition, its message), not only that one was thrown.
//
// Header-only: it needs Boost.Test (BOOST_FAIL), so include it after
// <boost/test/unit_test.hpp> in a test program.
#ifndef ZSTDIO_TEST_SUPPORT_THROWN_HPP
#define ZSTDIO_TEST_SUPPORT_THROWN_HPP

#include <zstdio/error.hpp>

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

namespace zstdio_test {

/// The zstd_error `f()` throws; fails the test case if it throws none.  The
/// message goes to the test log (--log_level=message).
template <class F>
zstdio::zstd_error error_of(F&& f)
{
    try {
        f();
    } catch (const zstdio::zstd_error& e) {
        BOOST_TEST_MESSAGE(e.what());
        return e;
    }
    BOOST_FAIL("no zstd_error thrown");
    return zstdio::zstd_error(zstdio::errc::generic, "");
}

/// The message of the std::invalid_argument `f()` throws; fails the test
/// case if it throws none.
template <class F>
std::string invalid_argument_message(F&& f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    BOOST_FAIL("no std::invalid_argument thrown");
    return {};
}

} // namespace zstdio_test

#endif
