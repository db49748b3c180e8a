// zstdio CLI — -l (waits for zstdio/frame.hpp).
#include "listing.hpp"

namespace zstdio_cli {

int list_files(const options&, const console& con)
{
    con.error("-l", "not available yet in this build (needs zstdio/frame.hpp)");
    return 1;
}

} // namespace zstdio_cli
