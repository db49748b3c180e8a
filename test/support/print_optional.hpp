// zstdio tests — lets Boost.Test print std::optional values it compares.
#ifndef ZSTDIO_TEST_PRINT_OPTIONAL_HPP
#define ZSTDIO_TEST_PRINT_OPTIONAL_HPP

#include <optional>
#include <ostream>

namespace std {
// Found by argument-dependent lookup from BOOST_TEST; shows the value or "none".
template <class T>
std::ostream& boost_test_print_type(std::ostream& os, const std::optional<T>& v)
{
    return v ? os << *v : os << "none";
}
} // namespace std

#endif
