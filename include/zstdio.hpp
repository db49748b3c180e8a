// zstdio — Zstandard for Boost.Iostreams.  The umbrella header: everything.
#ifndef ZSTDIO_HPP
#define ZSTDIO_HPP

#include <zstdio/batch.hpp>
#include <zstdio/buffer.hpp>
#include <zstdio/compressor.hpp>
#include <zstdio/dictionary.hpp>
#include <zstdio/error.hpp>
#include <zstdio/executor.hpp>
#include <zstdio/filter.hpp>
#include <zstdio/frame.hpp>
#include <zstdio/params.hpp>
#include <zstdio/streaming.hpp>

#endif
