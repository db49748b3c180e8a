// zstdio — dictionary training: libzstd's legacy, cover and fastcover trainers.
#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>

#include "api/dictionary_access.hpp"
#include "error/check.hpp"
#include "libzstd/experimental.hpp"
#include "libzstd/version_gate.hpp"
#include "parameters/threads.hpp"

#include <boost/throw_exception.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace zstdio {
namespace detail {

namespace {

constexpr std::size_t min_dictionary_size = 256; // ZDICT_DICTSIZE_MIN

void check_common(std::size_t size, const sample_set& samples, int notifications, int level)
{
    if (size < min_dictionary_size)
        boost::throw_exception(std::invalid_argument("zstdio: a dictionary size of " + std::to_string(size) +
                                                     " bytes is too small: libzstd's trainers need at least 256"));
    check_range("notifications", notifications, 0, 4);
    check_range("training level", level, ZSTD_minCLevel(), ZSTD_maxCLevel());
    if (samples.sizes.empty())
        boost::throw_exception(
            zstd_error(errc::dictionary_creation_failed, "cannot train a dictionary: no samples were given"));
    if (samples.sizes.size() > 0xFFFFFFFFu)
        boost::throw_exception(
            std::invalid_argument("zstdio: too many samples for libzstd's trainers (at most 2^32 - 1)"));
    // The trainers' parameter structs are libzstd's experimental API.
    require_experimental("dictionary training");
}

std::string describe(const sample_set& samples)
{
    return std::to_string(samples.sizes.size()) + " samples (" + std::to_string(samples.bytes.size()) +
           " bytes)";
}

// Trainer results: an error code, or the size of the dictionary written.
zstd_dict finish(std::string& buffer, std::size_t result, const sample_set& samples, unsigned k, unsigned d)
{
    if (ZDICT_isError(result)) {
        const std::string doing = "training a dictionary from " + describe(samples);
        throw_zstd(result, doing.c_str());
    }
    if (result == 0)
        boost::throw_exception(
            zstd_error(errc::dictionary_creation_failed,
                       "cannot train a dictionary from " + describe(samples) +
                           ": libzstd found nothing worth keeping (give more, and more varied, samples)"));
    buffer.resize(result);
    return dict_access::make_trained(std::move(buffer), k, d);
}

} // namespace

zstd_dict train_legacy(std::size_t size, const sample_set& samples, const train_options& options)
{
    check_common(size, samples, options.notifications, options.level);
    // libzstd's legacy trainer returns a bare error below 512 bytes of samples
    // (ZDICT_MIN_SAMPLES_SIZE); say it in words.
    if (samples.bytes.size() < 512)
        boost::throw_exception(
            zstd_error(errc::dictionary_creation_failed,
                       "cannot train a dictionary from " + describe(samples) +
                           ": the samples must hold at least 512 bytes (ideally ~100 times the dictionary size)"));
    std::string buffer(size, '\0');
    const std::size_t r = experimental::train_legacy(buffer, samples, options);
    return finish(buffer, r, samples, 0, 0);
}

zstd_dict train_cover(std::size_t size, const sample_set& samples, const cover_options& options)
{
    check_common(size, samples, options.notifications, options.level);
    if (!options.optimize && (options.k == 0 || options.d == 0))
        boost::throw_exception(std::invalid_argument(
            "zstdio: cover training without optimize needs both k and d (got k = " + std::to_string(options.k) +
            ", d = " + std::to_string(options.d) + ")"));
    if (options.d != 0)
        check_range("cover d", options.d, 6, 16);
    if (options.k != 0 && options.d != 0 && options.k < options.d)
        boost::throw_exception(std::invalid_argument("zstdio: cover k = " + std::to_string(options.k) +
                                                     " must be at least d = " + std::to_string(options.d)));
    check_range("fastcover f", options.f, 0, 31);
    check_range("fastcover accel", options.accel, 0, 10);
    // libzstd's cover needs 5 training samples (the optimizer holds some
    // back for testing) and fails with a bare "Src size is incorrect"
    // otherwise; samples shorter than a dmer teach it nothing, yet it would
    // still emit a useless dictionary.  Say it in words instead.
    const std::size_t needed = options.optimize ? 10 : 5;
    const std::size_t dmer = options.d != 0 ? options.d : 8;
    std::size_t useful = 0;
    for (const std::size_t n : samples.sizes)
        useful += n >= dmer;
    if (useful < needed)
        boost::throw_exception(
            zstd_error(errc::dictionary_creation_failed,
                       "cannot train a cover dictionary from " + describe(samples) + ": it needs at least " +
                           std::to_string(needed) + " samples of " + std::to_string(dmer) + " bytes or more" +
                           (options.optimize ? " when optimizing" : "") + ", and " + std::to_string(useful) + " are"));
    const unsigned threads =
        static_cast<unsigned>(std::max(1, resolve_threads(options.threads == 0 ? 1 : options.threads)));
    std::string buffer(size, '\0');
    unsigned k = 0, d = 0;
    const std::size_t r = experimental::train_cover(buffer, samples, options, threads, k, d);
    return finish(buffer, r, samples, k, d);
}

} // namespace detail
} // namespace zstdio
