// Batch compression with threads: many inputs in one call.
//
// compressor::multi_compress_to_buffer compresses every input into its own
// frame, spreading the inputs over threads, and returns the frames in input
// order in a few large buffers (python-zstandard's multi_compress_to_buffer).
// The frames are the same whatever the thread count.
// decompressor::multi_decompress_to_buffer is the way back.
#include <zstdio/compressor.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

int main()
{
    std::vector<std::string> documents;
    for (int i = 0; i < 3000; ++i) {
        std::string d;
        for (int line = 0; line < 40; ++line)
            d += "document " + std::to_string(i) + " line " + std::to_string(line) + ": lorem ipsum dolor sit amet\n";
        documents.push_back(d);
    }

    zstdio::compressor compressor(3);
    const auto start = std::chrono::steady_clock::now();
    const auto frames = compressor.multi_compress_to_buffer(documents, 2); // two threads
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << frames.size() << " frames, " << frames.data_size() << " bytes in " << frames.buffer_count()
              << " buffer(s), " << elapsed * 1000 << " ms with 2 threads\n";

    // Same bytes as in one thread.
    const auto single = compressor.multi_compress_to_buffer(documents, 0);
    for (std::size_t i = 0; i < frames.size(); ++i)
        if (frames.view(i) != single.view(i)) {
            std::cerr << "batch_threads: frame " << i << " differs between thread counts\n";
            return 1;
        }

    // And back, sizes read from the frame headers.
    zstdio::decompressor decompressor;
    const auto contents = decompressor.multi_decompress_to_buffer(frames, {}, 2);
    for (std::size_t i = 0; i < documents.size(); ++i)
        if (contents[i].to_string() != documents[i]) {
            std::cerr << "batch_threads: document " << i << " did not round-trip\n";
            return 1;
        }
    std::cout << "all " << documents.size() << " documents round-tripped\n";
    return 0;
}
