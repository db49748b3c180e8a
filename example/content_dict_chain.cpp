// Content-dictionary chains: storing successive versions of a document.
//
// Each version is compressed with the previous version as a raw-content
// dictionary, so a frame holds little more than what changed.  Reading the
// latest version decodes the chain from the start
// (decompressor::decompress_content_dict_chain, python-zstandard's
// decompress_content_dict_chain).  Every frame records its content size.
#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>

#include <iostream>
#include <string>
#include <vector>

int main()
{
    // Ten versions of a configuration file, each a small edit of the last.
    std::vector<std::string> versions;
    std::string doc;
    for (int i = 0; i < 400; ++i)
        doc += "setting_" + std::to_string(i) + " = " + std::to_string(i * 3) + "\n";
    for (int v = 0; v < 10; ++v) {
        doc.replace(doc.find("setting_" + std::to_string(v * 37)), 8, "SETTING_");
        doc += "# revision " + std::to_string(v) + "\n";
        versions.push_back(doc);
    }

    std::vector<std::string> chain;
    std::size_t independent = 0;
    for (std::size_t v = 0; v < versions.size(); ++v) {
        zstdio::zstd_params params(19);
        if (v > 0)
            params.dict = zstdio::zstd_dict(versions[v - 1], zstdio::dict_type::raw_content);
        chain.push_back(zstdio::compressor(params).compress(versions[v]));
        independent += zstdio::compress(versions[v], 19).size();
    }
    std::size_t chained = 0;
    for (const auto& f : chain)
        chained += f.size();
    std::cout << versions.size() << " versions: " << independent << " bytes compressed independently, " << chained
              << " bytes as a chain\n";

    zstdio::decompressor decompressor;
    const std::string latest = decompressor.decompress_content_dict_chain(chain);
    if (latest != versions.back() || chained >= independent) {
        std::cerr << "content_dict_chain: unexpected result\n";
        return 1;
    }
    std::cout << "latest version restored: " << latest.size() << " bytes\n";
    return 0;
}
