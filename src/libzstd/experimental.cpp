// zstdio — libzstd's experimental API: the knob table.
#include "libzstd/knob_mapping.hpp"

#include <iterator>

namespace zstdio {
namespace detail {

namespace {

using knob = compression_parameters::knob;
using dknob = decompression_parameters::knob;

// Experimental parameters are macros, added over 1.5.x.  One the libzstd
// zstdio is compiled against lacks maps to a number that is no parameter, so
// bounds() and set() report it as missing (errc::library_mismatch) instead of
// the build failing.
[[maybe_unused]] constexpr auto missing_parameter = static_cast<ZSTD_cParameter>(999);
#ifndef ZSTD_c_useBlockSplitter
#define ZSTD_c_useBlockSplitter missing_parameter
#endif
#ifndef ZSTD_c_prefetchCDictTables
#define ZSTD_c_prefetchCDictTables missing_parameter
#endif
#ifndef ZSTD_c_maxBlockSize
#define ZSTD_c_maxBlockSize missing_parameter
#endif
[[maybe_unused]] constexpr auto missing_dparameter = static_cast<ZSTD_dParameter>(9999);
#ifndef ZSTD_d_disableHuffmanAssembly
#define ZSTD_d_disableHuffmanAssembly missing_dparameter
#endif

// Indexed by knob, generated from the lists that generate the enums.
#define ZSTDIO_KNOB_INFO(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS) {knob::NAME, #NAME, LIBZSTD, EXPERIMENTAL},
constexpr compression_knob_row knob_table[] = {ZSTDIO_COMPRESSION_KNOBS(ZSTDIO_KNOB_INFO)};
#undef ZSTDIO_KNOB_INFO
#define ZSTDIO_KNOB_INFO(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS) {dknob::NAME, #NAME, LIBZSTD, EXPERIMENTAL},
constexpr decompression_knob_row dknob_table[] = {ZSTDIO_DECOMPRESSION_KNOBS(ZSTDIO_KNOB_INFO)};
#undef ZSTDIO_KNOB_INFO

// The enum and the table must agree knob for knob, or knob_info(k) reads
// another knob's row: a hand edit of the enum (a value given, a knob added
// outside the list) fails here.
template <class Knob, class Row, std::size_t N>
constexpr bool rows_follow_the_enum(const Row (&table)[N]) noexcept
{
    for (std::size_t i = 0; i < N; ++i)
        if (table[i].k != static_cast<Knob>(i) || table[i].name == nullptr || table[i].name[0] == '\0')
            return false;
    return true;
}
static_assert(std::size(knob_table) == compression_parameters::knob_count,
              "compression_parameters::knob and ZSTDIO_COMPRESSION_KNOBS differ in length");
static_assert(rows_follow_the_enum<knob>(knob_table),
              "compression_parameters::knob and ZSTDIO_COMPRESSION_KNOBS differ in order");
static_assert(std::size(dknob_table) == decompression_parameters::knob_count,
              "decompression_parameters::knob and ZSTDIO_DECOMPRESSION_KNOBS differ in length");
static_assert(rows_follow_the_enum<dknob>(dknob_table),
              "decompression_parameters::knob and ZSTDIO_DECOMPRESSION_KNOBS differ in order");

// libzstd_value() inverts verify_checksum into ZSTD_d_forceIgnoreChecksum.
static_assert(ZSTD_d_validateChecksum == 0 && ZSTD_d_ignoreChecksum == 1);

} // namespace

const compression_knob_row& knob_info(knob k) noexcept { return knob_table[static_cast<std::size_t>(k)]; }
const decompression_knob_row& knob_info(dknob k) noexcept { return dknob_table[static_cast<std::size_t>(k)]; }

} // namespace detail
} // namespace zstdio
