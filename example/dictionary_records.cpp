// Dictionaries for small records: train once, compress each record alone.
//
// Small inputs (a JSON document, a log line, a message) compress poorly on
// their own: there is no history to find matches in.  A dictionary trained
// on samples of similar records supplies that history.  Writer and reader
// share the dictionary; each record stays independently decodable.
#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>

#include <iostream>
#include <string>
#include <vector>

int main()
{
    // Records that look alike: what a service would store one by one.
    std::vector<std::string> records;
    const char* const cities[] = {"Paris", "Lagos", "Lima", "Osaka", "Perth", "Oslo"};
    for (int i = 0; i < 2000; ++i)
        records.push_back("{\"id\":" + std::to_string(100000 + i * 7) + ",\"user\":\"user" + std::to_string(i % 97) +
                          "\",\"city\":\"" + cities[i % 6] + "\",\"active\":" + (i % 3 ? "true" : "false") +
                          ",\"score\":" + std::to_string((i * 37) % 1000) + ",\"tags\":[\"alpha\",\"beta\"]}");

    // Train on the first 1000 records (any range of byte buffers works).
    const std::vector<std::string> samples(records.begin(), records.begin() + 1000);
    const zstdio::zstd_dict dict = zstdio::train_dictionary(8 * 1024, samples);
    std::cout << "dictionary: " << dict.size() << " bytes, id " << dict.id() << "\n";

    // One reusable context each way; the dictionary is digested once.
    zstdio::zstd_params with_dict(3);
    with_dict.dict = dict;
    zstdio::compressor plain(3), compress(with_dict);
    zstdio::decompressor decompress(with_dict);

    std::size_t raw = 0, alone = 0, helped = 0;
    for (std::size_t i = 1000; i < records.size(); ++i) { // records the trainer never saw
        const std::string& r = records[i];
        const std::string frame = compress.compress(r);
        if (decompress.decompress(frame) != r) {
            std::cerr << "dictionary_records: round trip FAILED at record " << i << "\n";
            return 1;
        }
        raw += r.size();
        alone += plain.compress(r).size();
        helped += frame.size();
    }
    std::cout << "1000 records, " << raw << " bytes: " << alone << " bytes compressed alone, " << helped
              << " bytes with the dictionary\n";
    if (helped * 2 > alone) {
        std::cerr << "dictionary_records: the dictionary should at least halve the size\n";
        return 1;
    }
    return 0;
}
