// zstdio CLI — --train (waits for zstdio::train_dictionary).
#include "training.hpp"

namespace zstdio_cli {

int train_dictionary_file(const options&, const console& con)
{
    con.error("--train", "not available yet in this build (needs zstdio::train_dictionary)");
    return 1;
}

} // namespace zstdio_cli
