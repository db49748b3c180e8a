// Streaming a log: flush() makes everything written so far readable.
//
// A writer appends log lines to one zstd frame that stays open for the life
// of the program.  After each batch it calls flush() on the
// filtering_ostream: zstd_compressor ends the current block (ZSTD_e_flush),
// so the bytes written so far decode completely.  A reader that receives the
// compressed bytes as they appear (a tail -f, a network peer) decodes each
// flushed part as it arrives, long before the frame is closed.
#include <zstdio/filter.hpp>

#include <boost/iostreams/device/back_inserter.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <iostream>
#include <string>

namespace io = boost::iostreams;

int main()
{
    std::string wire; // the compressed log as it grows (a file, a socket...)
    io::filtering_ostream log;
    log.push(zstdio::zstd_compressor(zstdio::zstd_params(3)));
    log.push(io::back_inserter(wire));

    // The reader: a decompressor in the output direction accepts compressed
    // bytes in any pieces and writes out whatever they decode to.
    std::string seen;
    io::filtering_ostream reader;
    reader.push(zstdio::zstd_decompressor());
    reader.push(io::back_inserter(seen));

    std::string expected;
    std::size_t delivered = 0;
    for (int batch = 0; batch < 5; ++batch) {
        for (int i = 0; i < 200; ++i) {
            const std::string line = "batch " + std::to_string(batch) + " event " + std::to_string(i) + " ok\n";
            log << line;
            expected += line;
        }
        log.flush(); // ends a zstd block: the reader can now decode all of it

        reader.write(wire.data() + delivered, static_cast<std::streamsize>(wire.size() - delivered));
        reader.flush();
        delivered = wire.size();
        std::cout << "after batch " << batch << ": " << wire.size() << " compressed bytes, reader has "
                  << seen.size() << " of " << expected.size() << " bytes\n";
        if (seen != expected) {
            std::cerr << "log_streaming: the reader could not decode the flushed part\n";
            return 1;
        }
    }

    io::close(log); // ends the frame (epilogue and checksum)
    reader.write(wire.data() + delivered, static_cast<std::streamsize>(wire.size() - delivered));
    io::close(reader); // throws if the frame were incomplete
    if (seen != expected) {
        std::cerr << "log_streaming: final content differs\n";
        return 1;
    }
    std::cout << "complete frame: " << wire.size() << " bytes for " << expected.size() << " bytes of log\n";
    return 0;
}
