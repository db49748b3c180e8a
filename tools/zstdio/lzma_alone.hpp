// zstdio CLI — writing legacy .lzma files (--format=lzma).
//
// Boost.Iostreams' lzma_compressor writes .xz only, so .lzma ("lzma_alone":
// properties, dictionary size, unknown content size, then LZMA data ending
// in an end-of-payload marker) is written by liblzma's own encoder, the
// one `xz --format=lzma` and `lzma` use.
#ifndef ZSTDIO_CLI_LZMA_ALONE_HPP
#define ZSTDIO_CLI_LZMA_ALONE_HPP

#include <zstdio/detail/device_io.hpp>

#include <boost/iostreams/categories.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

namespace zstdio_cli {

/// liblzma's .lzma encoder (lzma_alone_encoder).  Not thread safe.
class lzma_alone_encoder {
public:
    /// `preset`: xz's levels, 0 to 9.  @throw std::runtime_error when
    /// liblzma refuses (out of memory).
    explicit lzma_alone_encoder(std::uint32_t preset);
    ~lzma_alone_encoder();
    lzma_alone_encoder(const lzma_alone_encoder&) = delete;
    lzma_alone_encoder& operator=(const lzma_alone_encoder&) = delete;

    /// Compresses `n` bytes (with `finish`, and ends the stream), handing
    /// the output to `out` piece by piece.
    void encode(const char* data, std::size_t n, bool finish, const std::function<void(const char*, std::size_t)>& out);

private:
    struct stream;
    std::unique_ptr<stream> stream_;
};

/// An output filter writing one .lzma stream, ended when the chain closes
/// (a new filter for each stream).  Copies share the encoder, as
/// Boost.Iostreams requires.
class lzma_alone_compressor {
public:
    using char_type = char;
    struct category : boost::iostreams::output_filter_tag, boost::iostreams::multichar_tag,
                      boost::iostreams::closable_tag {};

    explicit lzma_alone_compressor(std::uint32_t preset) : encoder_(std::make_shared<lzma_alone_encoder>(preset)) {}

    template <class Sink>
    std::streamsize write(Sink& snk, const char* s, std::streamsize n)
    {
        encoder_->encode(s, static_cast<std::size_t>(n), false, to(snk));
        return n;
    }
    /// Ends the stream.
    template <class Sink>
    void close(Sink& snk)
    {
        encoder_->encode(nullptr, 0, true, to(snk));
    }

private:
    template <class Sink>
    static std::function<void(const char*, std::size_t)> to(Sink& snk)
    {
        return [&snk](const char* p, std::size_t k) { zstdio::detail::write_all(snk, p, k); };
    }

    std::shared_ptr<lzma_alone_encoder> encoder_;
};

} // namespace zstdio_cli

#endif
