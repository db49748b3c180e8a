// Pools: many threads sharing a few compressors.
//
// A compressor is not thread safe, and the fastest arrangement is one per
// thread.  When the threads are not yours (a server's request handlers, a
// task scheduler's workers), a compressor_pool keeps a bounded number of
// compressors for one zstd_params and lends one per acquire(): the lease
// gives it back when it goes out of scope, even when an exception passes.
// When every compressor is lent, acquire() waits for one to come back;
// try_acquire() returns nothing instead.  decompressor_pool is the same for
// decompressors.
#include <zstdio/pool.hpp>

#include <iostream>
#include <string>
#include <thread>
#include <vector>

int main()
{
    // Eight "handlers", each with its own messages.
    std::vector<std::string> messages;
    for (int i = 0; i < 800; ++i)
        messages.push_back("{\"request\":" + std::to_string(i) + ",\"path\":\"/api/items/" + std::to_string(i % 37) +
                           "\",\"status\":200,\"body\":\"" + std::string(200 + i % 300, 'a' + i % 26) + "\"}");

    zstdio::compressor_pool compressors(3, 2); // level 3, at most 2 compressors
    zstdio::decompressor_pool decompressors;    // default params, one per logical CPU at most
    std::vector<std::string> frames(messages.size());
    std::vector<char> ok(messages.size()); // not vector<bool>: threads write neighbouring elements

    std::vector<std::thread> handlers;
    for (std::size_t t = 0; t < 8; ++t)
        handlers.emplace_back([&, t] {
            for (std::size_t i = t; i < messages.size(); i += 8) {
                {
                    zstdio::compressor_pool::lease c = compressors.acquire(); // may wait
                    frames[i] = c->compress(messages[i]);
                } // given back here
                ok[i] = decompressors.acquire()->decompress(frames[i]) == messages[i];
            }
        });
    for (std::thread& h : handlers)
        h.join();

    for (std::size_t i = 0; i < messages.size(); ++i)
        if (!ok[i]) {
            std::cerr << "pool: message " << i << " did not round-trip\n";
            return 1;
        }
    // Never more than 2 compressors, however many threads asked.
    std::cout << messages.size() << " messages through " << compressors.size() << " compressor(s) and "
              << decompressors.size() << " decompressor(s) on 8 threads\n";
    if (compressors.size() > 2 || compressors.idle() != compressors.size())
        return 1;

    // Not waiting: try_acquire() is empty while both are lent.
    auto a = compressors.acquire();
    auto b = compressors.acquire();
    if (compressors.try_acquire()) {
        std::cerr << "pool: a third compressor was lent\n";
        return 1;
    }
    std::cout << "both compressors lent: try_acquire() returned nothing\n";
    return 0;
}
