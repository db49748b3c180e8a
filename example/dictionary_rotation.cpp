// Rotating dictionaries: one reader for records written over months.
//
// A record store trains a new dictionary when its data drift and compresses
// new records with it; old records stay compressed with the dictionary of
// their time.  Each frame names its dictionary's id, so a reader given every
// dictionary (zstd_params::dicts) decodes any mix of generations, one record
// or a whole concatenated log at a time.
#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

// Records of one "month": the fields change from generation to generation.
std::vector<std::string> records_of_month(int month, int count)
{
    std::vector<std::string> records;
    for (int i = 0; i < count; ++i)
        records.push_back("{\"v\":" + std::to_string(month) + ",\"id\":" + std::to_string(i * 13) + ",\"field" +
                          std::to_string(month) + "\":\"value" + std::to_string(i % 17) + "\",\"kind\":\"" +
                          (month == 1 ? "order" : month == 2 ? "invoice" : "refund") + "\",\"amount\":" +
                          std::to_string((i * 37) % 1000) + "}");
    return records;
}

} // namespace

int main()
{
    std::vector<zstdio::zstd_dict> generations; // ids 1, 2, 3
    std::string store;                          // every record's frame, concatenated
    std::string expected;
    for (int month = 1; month <= 3; ++month) {
        const std::vector<std::string> records = records_of_month(month, 1200);
        zstdio::train_options options;
        options.dict_id = static_cast<std::uint32_t>(month); // the id each frame will name
        generations.push_back(
            zstdio::train_dictionary(4 * 1024, std::vector<std::string>(records.begin(), records.begin() + 1000), options));

        // Writers compress with the current dictionary only (params.dict).
        zstdio::zstd_params writer;
        writer.dict = generations.back();
        zstdio::compressor compress(writer);
        for (std::size_t i = 1000; i < records.size(); ++i) {
            store += compress.compress(records[i]);
            expected += records[i];
        }
    }

    // The reader knows every generation: each frame picks its own.
    zstdio::zstd_params reader;
    reader.dicts = generations;
    zstdio::decompressor decompress(reader);
    if (decompress.decompress(store) != expected) {
        std::cerr << "dictionary_rotation: the store did not decode to its records\n";
        return 1;
    }
    std::cout << "600 records of 3 dictionary generations, " << expected.size() << " bytes, stored in "
              << store.size() << " bytes, decoded by one reader\n";

    // A reader that lost a generation is told which id it lacks.
    reader.dicts = {generations[0], generations[2]};
    try {
        zstdio::decompressor(reader).decompress(store);
        std::cerr << "dictionary_rotation: decoding without dictionary 2 should fail\n";
        return 1;
    } catch (const zstdio::zstd_error& e) {
        std::cout << e.what() << "\n";
    }
    return 0;
}
